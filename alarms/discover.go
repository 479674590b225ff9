package alarms

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
)

// Trails reads every trail visible in the region (shadow copies of
// multi-Region trails included) and judges each against CIS.
func (c *Clients) Trails(ctx context.Context) ([]Trail, error) {
	out, err := c.CloudTrail.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{IncludeShadowTrails: aws.Bool(true)})
	if err != nil {
		return nil, c.opErr("cloudtrail", "DescribeTrails", "trails in "+c.Region, err)
	}
	var trails []Trail
	for _, tr := range out.TrailList {
		t := Trail{
			Name:         aws.ToString(tr.Name),
			ARN:          aws.ToString(tr.TrailARN),
			HomeRegion:   aws.ToString(tr.HomeRegion),
			MultiRegion:  aws.ToBool(tr.IsMultiRegionTrail),
			Organization: aws.ToBool(tr.IsOrganizationTrail),
		}
		// No c.learn here: an organization trail's ARN names the management
		// account, not the one cwpat runs in.
		t.RoleARN = aws.ToString(tr.CloudWatchLogsRoleArn)
		if lg := aws.ToString(tr.CloudWatchLogsLogGroupArn); lg != "" {
			t.LogGroupARN = lg
			name, arn, err := LogGroupFromARN(lg)
			if err != nil {
				t.Notes = append(t.Notes, err.Error())
			} else {
				t.LogGroupName, t.LogGroupRegion, t.LogGroupAccount = name, arn.Region, arn.Account
			}
		}
		id := t.ARN
		if id == "" {
			id = t.Name
		}
		st, err := c.CloudTrail.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String(id)})
		if err != nil {
			t.Problems = append(t.Problems, c.opErr("cloudtrail", "GetTrailStatus", id, err).Error())
		} else {
			t.Logging = aws.ToBool(st.IsLogging)
			t.LatestDeliveryTime = st.LatestCloudWatchLogsDeliveryTime
			t.LatestDeliveryError = aws.ToString(st.LatestCloudWatchLogsDeliveryError)
		}
		sel, err := c.CloudTrail.GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: aws.String(id)})
		if err != nil {
			t.Problems = append(t.Problems, c.opErr("cloudtrail", "GetEventSelectors", id, err).Error())
		} else {
			t.judgeSelectors(sel.EventSelectors, sel.AdvancedEventSelectors)
		}
		t.judge(c.Region)
		trails = append(trails, t)
	}
	return trails, nil
}

// ChooseTrail picks the trail whose log group the filters belong on: the
// first compliant one, else the first that delivers to a log group in the
// region (its problems then become warnings of the deploy).
func ChooseTrail(trails []Trail, region string) (*Trail, error) {
	for i := range trails {
		if trails[i].Compliant() {
			return &trails[i], nil
		}
	}
	for i := range trails {
		if trails[i].LogGroupName != "" && (trails[i].LogGroupRegion == "" || trails[i].LogGroupRegion == region) {
			return &trails[i], nil
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "no CloudTrail trail delivers to a CloudWatch Logs log group in %s", region)
	var names []string
	for _, t := range trails {
		fmt.Fprintf(&b, "\n  trail %s %s", t.Name, strings.Join(t.Problems, "; "))
		if !t.ShadowOf(region) {
			names = append(names, t.Name)
		}
	}
	switch len(names) {
	case 0:
		b.WriteString("\ncreate a multi-Region trail (aws cloudtrail create-trail --name NAME --s3-bucket-name BUCKET --is-multi-region-trail), then connect it with 'cwpat deploy --connect-trail NAME', or pass --log-group-name")
	default:
		fmt.Fprintf(&b, "\nconnect it to CloudWatch Logs with 'cwpat deploy --connect-trail %s' (plan first: 'cwpat plan --connect-trail %s'), or pass --log-group-name", names[0], names[0])
	}
	return nil, fmt.Errorf("%s", b.String())
}
