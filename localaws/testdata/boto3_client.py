"""Drives cwpat's local endpoint with boto3/botocore, a client nobody on the
project wrote, and checks that each answer is what AWS documents.

Run by TestBoto3Client (localaws/boto3_test.go) with Debian's python3-boto3:
    python3 boto3_client.py ENDPOINT_URL
Prints one line per check ("ok NAME" or "FAIL NAME: why"); exits 1 on a failure.
"""
import json
import sys

import boto3
import botocore
from botocore.config import Config
from botocore.exceptions import ClientError

url = sys.argv[1]
cfg = Config(retries={"max_attempts": 1})
kw = dict(endpoint_url=url, region_name="us-east-1", aws_access_key_id="AKIDLOCALTEST",
          aws_secret_access_key="local-secret", config=cfg)
logs = boto3.client("logs", **kw)
cw = boto3.client("cloudwatch", **kw)
sns = boto3.client("sns", **kw)
kms = boto3.client("kms", **kw)
trail = boto3.client("cloudtrail", **kw)

failed = False


def check(name, cond, why=""):
    global failed
    if cond:
        print("ok", name)
    else:
        failed = True
        print("FAIL", name + ":", why)


def error_code(f):
    try:
        f()
    except ClientError as e:
        return e.response["Error"]["Code"]
    return None


print("botocore", botocore.__version__)

# CloudWatch Logs (JSON 1.1): a metric filter and TestMetricFilter.
logs.create_log_group(logGroupName="trail")
logs.put_metric_filter(logGroupName="trail", filterName="root",
                       filterPattern='{ $.userIdentity.type = "Root" }',
                       metricTransformations=[{"metricName": "RootUsage", "metricNamespace": "CIS",
                                               "metricValue": "1", "defaultValue": 0.0}])
got = logs.describe_metric_filters(logGroupName="trail")["metricFilters"]
check("describe_metric_filters", len(got) == 1 and got[0]["filterName"] == "root", got)
tmf = logs.test_metric_filter(filterPattern='{ $.userIdentity.type = "Root" }',
                              logEventMessages=['{"userIdentity":{"type":"Root"}}', '{"userIdentity":{"type":"IAMUser"}}'])
check("test_metric_filter", [m["eventNumber"] for m in tmf["matches"]] == [0] or [m["eventNumber"] for m in tmf["matches"]] == [1], tmf["matches"])
check("invalid pattern refused", error_code(lambda: logs.put_metric_filter(
    logGroupName="trail", filterName="bad", filterPattern="{ $.a = ",
    metricTransformations=[{"metricName": "M", "metricNamespace": "N", "metricValue": "1"}])) == "InvalidParameterException")

# CloudWatch: an alarm; whole-number doubles come back as floats.
cw.put_metric_alarm(AlarmName="root-usage", MetricName="RootUsage", Namespace="CIS", Statistic="Sum",
                    Period=300, EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold")
a = cw.describe_alarms(AlarmNames=["root-usage"])["MetricAlarms"][0]
check("describe_alarms threshold is a float", isinstance(a["Threshold"], float) and a["Threshold"] == 1.0, repr(a["Threshold"]))
check("set_alarm_state invalid json", error_code(lambda: cw.set_alarm_state(
    AlarmName="root-usage", StateValue="ALARM", StateReason="t", StateReasonData="{not json")) == "InvalidFormat")
check("set_alarm_state missing alarm", error_code(lambda: cw.set_alarm_state(
    AlarmName="no-such-alarm", StateValue="ALARM", StateReason="t")) == "ResourceNotFound")
check("alarm name with NUL", error_code(lambda: cw.put_metric_alarm(
    AlarmName="bad\x00name", MetricName="M", Namespace="N", Statistic="Sum", Period=60, EvaluationPeriods=1,
    Threshold=1, ComparisonOperator="GreaterThanThreshold")) is not None)
check("get_metric_data id", error_code(lambda: cw.get_metric_data(
    MetricDataQueries=[{"Id": "Q1", "MetricStat": {"Metric": {"Namespace": "CIS", "MetricName": "RootUsage"},
                                                   "Period": 60, "Stat": "Sum"}}],
    StartTime="2026-01-01T00:00:00Z", EndTime="2026-01-02T00:00:00Z")) is not None)

# SNS (query).
arn = sns.create_topic(Name="cis-alarms")["TopicArn"]
sns.subscribe(TopicArn=arn, Protocol="email", Endpoint="sec@example.com")
subs = sns.list_subscriptions_by_topic(TopicArn=arn)["Subscriptions"]
check("sns subscription pending", len(subs) == 1 and subs[0]["SubscriptionArn"] in ("PendingConfirmation", "pending confirmation"), subs)

# KMS (JSON 1.1).
key = kms.create_key()["KeyMetadata"]
check("kms symmetric key", key["KeySpec"] == "SYMMETRIC_DEFAULT" and key["EncryptionAlgorithms"] == ["SYMMETRIC_DEFAULT"], key)
check("kms bad alias", error_code(lambda: kms.create_alias(AliasName="alias/bad name!", TargetKeyId=key["KeyId"])) == "ValidationException")
check("kms sign key without spec", error_code(lambda: kms.create_key(KeyUsage="SIGN_VERIFY")) == "ValidationException")
rsa = kms.create_key(KeyUsage="SIGN_VERIFY", KeySpec="RSA_2048")["KeyMetadata"]
check("kms rsa signing algorithms", "SigningAlgorithms" in rsa and "EncryptionAlgorithms" not in rsa, rsa)

# CloudTrail (JSON 1.1).
trails = trail.describe_trails()["trailList"]
check("describe_trails", isinstance(trails, list), trails)

sys.exit(1 if failed else 0)
