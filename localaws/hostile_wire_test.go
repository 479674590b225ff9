package localaws_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func apiCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// Requests that a hostile or broken client sends are answered as AWS would
// answer them, not accepted.
func TestHostileValuesAreRefused(t *testing.T) {
	c := newClients(t)
	alarm := func(name string) *cloudwatch.PutMetricAlarmInput {
		return &cloudwatch.PutMetricAlarmInput{
			AlarmName: aws.String(name), MetricName: aws.String("M"), Namespace: aws.String("N"),
			Statistic: cwtypes.StatisticSum, Period: aws.Int32(60), EvaluationPeriods: aws.Int32(1),
			Threshold: aws.Float64(1), ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanOrEqualToThreshold,
		}
	}
	t.Run("alarm name with NUL", func(t *testing.T) {
		_, err := c.cw.PutMetricAlarm(ctx, alarm("bad\x00name"))
		require.Error(t, err)
		assert.Contains(t, err.Error(), "control characters")
	})
	t.Run("a megabyte name is not echoed whole", func(t *testing.T) {
		_, err := c.cw.PutMetricAlarm(ctx, alarm(strings.Repeat("n", 1<<20)))
		require.Error(t, err)
		assert.Less(t, len(err.Error()), 8<<10)
		assert.Contains(t, err.Error(), "Member must have length less than or equal to 255")
	})
	t.Run("SetAlarmState with StateReasonData that is not JSON", func(t *testing.T) {
		_, err := c.cw.PutMetricAlarm(ctx, alarm("ok-name"))
		require.NoError(t, err)
		_, err = c.cw.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("ok-name"),
			StateValue: cwtypes.StateValueAlarm, StateReason: aws.String("test"), StateReasonData: aws.String("{not json")})
		var f *cwtypes.InvalidFormatFault
		require.ErrorAs(t, err, &f)
		assert.Equal(t, "Data was not syntactically valid JSON.", f.ErrorMessage())
	})
	t.Run("GetMetricData query id not starting with a lower-case letter", func(t *testing.T) {
		now := aws.Time(time.Now())
		_, err := c.cw.GetMetricData(ctx, &cloudwatch.GetMetricDataInput{StartTime: aws.Time(now.Add(-time.Hour)), EndTime: now,
			MetricDataQueries: []cwtypes.MetricDataQuery{{Id: aws.String("Q1"), MetricStat: &cwtypes.MetricStat{
				Metric: &cwtypes.Metric{Namespace: aws.String("N"), MetricName: aws.String("M")}, Period: aws.Int32(60), Stat: aws.String("Sum")}}}})
		var bad *cwtypes.InvalidParameterValueException
		require.ErrorAs(t, err, &bad)
		assert.Contains(t, bad.ErrorMessage(), "Q1")
	})
	t.Run("KMS alias with characters outside its pattern", func(t *testing.T) {
		k, err := c.kms.CreateKey(ctx, &kms.CreateKeyInput{})
		require.NoError(t, err)
		_, err = c.kms.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/bad name!"), TargetKeyId: k.KeyMetadata.KeyId})
		require.Error(t, err)
		assert.Equal(t, "ValidationException", apiCode(err))
	})
	t.Run("KMS SIGN_VERIFY key without a key spec", func(t *testing.T) {
		_, err := c.kms.CreateKey(ctx, &kms.CreateKeyInput{KeyUsage: kmstypes.KeyUsageTypeSignVerify})
		require.Error(t, err)
		assert.Equal(t, "ValidationException", apiCode(err))
	})
	t.Run("KMS RSA signing key lists signing algorithms", func(t *testing.T) {
		k, err := c.kms.CreateKey(ctx, &kms.CreateKeyInput{KeyUsage: kmstypes.KeyUsageTypeSignVerify, KeySpec: kmstypes.KeySpecRsa2048})
		require.NoError(t, err)
		assert.Empty(t, k.KeyMetadata.EncryptionAlgorithms)
		assert.Contains(t, k.KeyMetadata.SigningAlgorithms, kmstypes.SigningAlgorithmSpecRsassaPssSha256)
	})
}
