package localaws_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/schemas"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/smithy-go/transport/http/protocol/awsquery"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/localaws"
	"github.com/cwpat/cwpat/localaws/localawstest"
)

// clients are real SDK clients pointed at one local endpoint.
type clients struct {
	srv     *localaws.Endpoint
	logs    *cloudwatchlogs.Client
	cw      *cloudwatch.Client // RPCv2 CBOR, the SDK's default
	cwQuery *cloudwatch.Client // forced to the AWS query protocol
	sns     *sns.Client
	trail   *cloudtrail.Client
	kms     *kms.Client
}

func newClients(t *testing.T, opts ...localaws.Options) *clients {
	t.Helper()
	srv := localawstest.Start(t, opts...)
	cfg := srv.Config()
	return &clients{
		srv:  srv,
		logs: cloudwatchlogs.NewFromConfig(cfg),
		cw:   cloudwatch.NewFromConfig(cfg),
		cwQuery: cloudwatch.NewFromConfig(cfg, func(o *cloudwatch.Options) {
			o.Protocol = awsquery.New(schemas.GraniteServiceVersion20100801)
		}),
		sns:   sns.NewFromConfig(cfg),
		trail: cloudtrail.NewFromConfig(cfg),
		kms:   kms.NewFromConfig(cfg),
	}
}

// eachCW runs f with the CBOR and the query CloudWatch client.
func (c *clients) eachCW(t *testing.T, f func(t *testing.T, cw *cloudwatch.Client)) {
	t.Run("rpcv2cbor", func(t *testing.T) { f(t, c.cw) })
	t.Run("query", func(t *testing.T) { f(t, c.cwQuery) })
}

var ctx = context.Background()

func mustCreateGroup(t *testing.T, c *clients, name string) {
	t.Helper()
	_, err := c.logs.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String(name)})
	require.NoError(t, err)
}
