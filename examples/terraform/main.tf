# Terraform: the CIS "CloudTrail configuration changes" control.
#
# DELIBERATE MISTAKE (for `cwpat lint`, see examples/README.md): the pattern
# lost its closing '}' in an edit. Terraform and the AWS provider do not check
# pattern syntax, so `terraform plan` is happy and the apply fails with
# InvalidParameterException. cwpat lint reports it with AWS's own message:
#   [unclosed-brace] If a filter pattern starts with '{' it must end with '}'

variable "trail_log_group_name" {
  type    = string
  default = "aws-cloudtrail-logs"
}

variable "alarm_topic_arn" {
  type = string
}

resource "aws_cloudwatch_log_metric_filter" "cloudtrail_changes" {
  name           = "CloudTrailCfgChanges"
  log_group_name = var.trail_log_group_name
  pattern        = "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) "

  metric_transformation {
    name      = "CloudTrailCfgChanges"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "cloudtrail_changes" {
  alarm_name          = "CloudTrailCfgChanges"
  namespace           = "CISBenchmark"
  metric_name         = "CloudTrailCfgChanges"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.alarm_topic_arn]
}
