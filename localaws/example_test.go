package localaws_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"

	"github.com/cwpat/cwpat/localaws"
)

// Point the real SDK at the local endpoint and ask CloudWatch Logs to test a
// CIS filter pattern; in a test, localawstest.Start(t) does the Listen and
// the cleanup.
func Example() {
	ep, err := localaws.Listen("127.0.0.1:0", localaws.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ep.Close()
	logs := cloudwatchlogs.NewFromConfig(ep.Config())

	out, err := logs.TestMetricFilter(context.Background(), &cloudwatchlogs.TestMetricFilterInput{
		FilterPattern: aws.String(`{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS }`),
		LogEventMessages: []string{
			`{"userIdentity":{"type":"Root"},"eventName":"ConsoleLogin"}`,
			`{"userIdentity":{"type":"Root","invokedBy":"support.amazonaws.com"}}`,
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range out.Matches {
		fmt.Println("match:", m.EventNumber)
	}

	_, err = logs.PutMetricFilter(context.Background(), &cloudwatchlogs.PutMetricFilterInput{
		LogGroupName: aws.String("CloudTrail/DefaultLogGroup"), FilterName: aws.String("root"), FilterPattern: aws.String(`{ $.a = 1`),
		MetricTransformations: []types.MetricTransformation{{MetricName: aws.String("M"), MetricNamespace: aws.String("CIS"), MetricValue: aws.String("1")}},
	})
	var invalid *types.InvalidParameterException
	if errors.As(err, &invalid) {
		fmt.Println("refused:", invalid.ErrorMessage())
	}
	// Output:
	// match: 1
	// refused: If a filter pattern starts with '{' it must end with '}'
}
