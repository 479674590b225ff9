resource "aws_cloudwatch_log_metric_filter" "root" {
  name           = "root-usage"
  log_group_name = "CloudTrail/DefaultLogGroup"
  pattern        = "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedby NOT EXISTS }"

  metric_transformation {
    name      = "RootUsage"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_log_metric_filter" "heredoc" {
  name           = "cmk"
  log_group_name = "CloudTrail/DefaultLogGroup"
  pattern        = <<-EOT
    {($.eventSource = kms.amazonaws.com) &&
      (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }
  EOT

  metric_transformation {
    name      = "CmkChanges"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_log_metric_filter" "interp" {
  name           = "interp"
  log_group_name = var.log_group
  pattern        = "{ $.recipientAccountId = ${var.account_id} }"

  metric_transformation {
    name      = "Interp"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_log_metric_filter" "terms" {
  name           = "errors"
  log_group_name = "app"
  pattern        = "ERROR"

  metric_transformation {
    name       = "Errors"
    namespace  = "App"
    value      = "$.bytes"
    dimensions = {
      Host = "$.host"
    }
  }
}

resource "aws_cloudwatch_log_subscription_filter" "sub" {
  name            = "sub"
  log_group_name  = "app"
  destination_arn = "arn:aws:lambda:us-east-1:111111111111:function:f"
  filter_pattern  = "[w1=ERROR, w2"
}

resource "aws_cloudwatch_metric_alarm" "root" {
  alarm_name          = "root-usage"
  metric_name         = "RootUsage"
  namespace           = "CISBenchmark"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  evaluation_periods  = 1
  period              = 300
  statistic           = "Sum"
  threshold           = 1
}
