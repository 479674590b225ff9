resource "aws_cloudwatch_log_metric_filter" "quoted" {
  name           = "q"
  log_group_name = "app"
  pattern        = "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }"
  metric_transformation {
    name      = "Q"
    namespace = "N"
    value     = "1"
  }
}

resource "aws_cloudwatch_log_metric_filter" "heredoc" {
  name           = "h"
  log_group_name = "app"
  pattern        = <<EOT
{ ($.eventName = StopLogging) || ($.eventName = DeleteTrail) }
EOT
  metric_transformation {
    name      = "H"
    namespace = "N"
    value     = "1"
  }
}

resource "aws_cloudwatch_log_subscription_filter" "terms" {
  name            = "t"
  log_group_name  = "app"
  destination_arn = "arn:aws:lambda:us-east-1:111111111111:function:f"
  filter_pattern  = "?ERROR ?WARN"
}
