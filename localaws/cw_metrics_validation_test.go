package localaws_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// PutMetricData names exactly the two parameters given, as AWS does
// (localstack's AWS-validated snapshot test_put_metric_data_validation,
// recorded 2025-09-19), and stores nothing of a refused request.
func TestPutMetricDataMutualExclusion(t *testing.T) {
	c := newClients(t)
	c.eachCW(t, func(t *testing.T, cw *cloudwatch.Client) {
		ns := "Validation/" + t.Name()[len(t.Name())-5:]
		cases := []struct {
			datum types.MetricDatum
			combo bool // InvalidParameterCombination, else InvalidParameterValue
			want  string
		}{
			{types.MetricDatum{Value: aws.Float64(1), Values: []float64{1, 2}},
				true, "The parameters MetricData.member.2.Value and MetricData.member.2.Values are mutually exclusive and you have specified both."},
			{types.MetricDatum{Value: aws.Float64(1), StatisticValues: &types.StatisticSet{SampleCount: aws.Float64(1), Sum: aws.Float64(1), Minimum: aws.Float64(1), Maximum: aws.Float64(1)}},
				true, "The parameters MetricData.member.2.Value and MetricData.member.2.StatisticValues are mutually exclusive and you have specified both."},
			{types.MetricDatum{Values: []float64{1, 2}, Counts: []float64{1}},
				false, "The parameters MetricData.member.2.Values and MetricData.member.2.Counts must be of the same size."},
		}
		for _, k := range cases {
			k.datum.MetricName = aws.String("Bad")
			_, err := cw.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String(ns), MetricData: []types.MetricDatum{
				{MetricName: aws.String("Good"), Value: aws.Float64(1)}, k.datum}})
			var apiErr smithy.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, k.want, apiErr.ErrorMessage())
			var combo *types.InvalidParameterCombinationException
			var value *types.InvalidParameterValueException
			if k.combo {
				assert.ErrorAs(t, err, &combo)
			} else {
				assert.ErrorAs(t, err, &value)
			}
		}
		list, err := cw.ListMetrics(ctx, &cloudwatch.ListMetricsInput{Namespace: aws.String(ns)})
		require.NoError(t, err)
		assert.Empty(t, list.Metrics, "a refused request stores none of its data")
	})
}
