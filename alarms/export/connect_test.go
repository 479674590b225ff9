package export

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/alarms"
)

func connection() *alarms.Connection {
	return &alarms.Connection{TrailName: "main", LogGroupName: alarms.DefaultConnectLogGroup, RetentionDays: 365,
		RoleName: alarms.DefaultRoleName, OrganizationID: "o-exampleorgid"}
}

// compile --connect-trail: the log group, the guide's role and policy, and
// the filters on that log group.
func TestConnectExportGolden(t *testing.T) {
	d := fixture()
	y, err := CloudFormation(d, YAML, Options{Connect: connection()})
	require.NoError(t, err)
	golden(t, "cloudformation-connect.yaml", y)
	tf, err := Terraform(d, Options{Connect: connection()})
	require.NoError(t, err)
	golden(t, "terraform-connect.tf.json", tf)

	j, err := CloudFormation(d, JSON, Options{Connect: connection()})
	require.NoError(t, err)
	var tpl struct {
		Resources map[string]struct {
			Type       string
			Properties map[string]any
		}
	}
	require.NoError(t, json.Unmarshal(j, &tpl))
	assert.Equal(t, "AWS::Logs::LogGroup", tpl.Resources[cfnLogGroupID].Type)
	assert.EqualValues(t, 365, tpl.Resources[cfnLogGroupID].Properties["RetentionInDays"])
	assert.Equal(t, "AWS::IAM::Role", tpl.Resources[cfnRoleID].Type)
	for id, r := range tpl.Resources {
		if r.Type == "AWS::Logs::MetricFilter" {
			assert.Equal(t, map[string]any{"Ref": cfnLogGroupID}, r.Properties["LogGroupName"], id)
		}
	}
	assert.Contains(t, string(j), "log-stream:o-exampleorgid_*")
	assert.Contains(t, string(tf), `"log_group_name": "${aws_cloudwatch_log_group.cloudtrail.name}"`)
	assert.Equal(t, 1, strings.Count(string(tf), `"aws_caller_identity"`), "the data sources are declared once")
}
