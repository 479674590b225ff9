locals {
  namespace = "CISBenchmark"
  cis = {
    root_usage = {
      pattern = "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS }"
      metric  = "RootUsage"
    }
    console_no_mfa = {
      pattern = "{($.eventName=\"ConsoleLogin\")&&($.additionalEventData.MfaUsed!=\"Yes\")}"
      metric  = "ConsoleNoMfa"
    }
  }
  iam_pattern = <<-EOT
    { ($.eventName = DeleteGroupPolicy) || ($.eventNam = PutGroupPolicy) }
  EOT
}

resource "aws_cloudwatch_log_metric_filter" "cis" {
  for_each       = local.cis
  name           = each.key
  log_group_name = "CloudTrail/DefaultLogGroup"
  pattern        = each.value.pattern

  metric_transformation {
    name      = each.value.metric
    namespace = local.namespace
    value     = "1"
  }
}

resource "aws_cloudwatch_log_metric_filter" "iam" {
  name           = "iam"
  log_group_name = "CloudTrail/DefaultLogGroup"
  pattern        = local.iam_pattern

  metric_transformation {
    name      = "IamChanges"
    namespace = local.namespace
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "cis" {
  for_each    = local.cis
  alarm_name  = each.key
  metric_name = each.value.metric
  namespace   = local.namespace
  statistic   = "Sum"
  period      = 300
  threshold   = 1
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
}
