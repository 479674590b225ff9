resource "aws_cloudwatch_log_metric_filter" "x" {
  pattern = "ERROR"
  name = 
}
