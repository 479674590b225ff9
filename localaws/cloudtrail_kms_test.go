package localaws_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/localaws"
)

func TestSeededTrailsAndSelectors(t *testing.T) {
	c := newClients(t)
	yes := true
	c.srv.PutTrail("", "us-east-1", localaws.Trail{
		Name: "org-trail", S3BucketName: "trail-bucket", IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true,
		CloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/DefaultLogGroup:*",
		CloudWatchLogsRoleArn:     "arn:aws:iam::123456789012:role/CloudTrail_CloudWatchLogs_Role",
		IsLogging:                 true,
		EventSelectors:            []localaws.EventSelector{{ReadWriteType: "WriteOnly", IncludeManagementEvents: &yes}},
	})
	c.srv.PutTrail("", "eu-west-1", localaws.Trail{Name: "eu-only", S3BucketName: "b",
		AdvancedEventSelectors: []localaws.AdvancedEventSelector{{Name: "mgmt", FieldSelectors: []localaws.AdvancedFieldSelector{{Field: "eventCategory", Equals: []string{"Management"}}}}}})

	out, err := c.trail.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{})
	require.NoError(t, err)
	require.Len(t, out.TrailList, 1, "the eu-west-1 single-region trail is not visible from us-east-1")
	tr := out.TrailList[0]
	assert.Equal(t, "org-trail", aws.ToString(tr.Name))
	assert.Equal(t, "arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail", aws.ToString(tr.TrailARN))
	assert.Equal(t, "us-east-1", aws.ToString(tr.HomeRegion))
	assert.True(t, aws.ToBool(tr.IsMultiRegionTrail))
	assert.True(t, aws.ToBool(tr.HasCustomEventSelectors))
	assert.Equal(t, "arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/DefaultLogGroup:*", aws.ToString(tr.CloudWatchLogsLogGroupArn))

	st, err := c.trail.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("org-trail")})
	require.NoError(t, err)
	assert.True(t, aws.ToBool(st.IsLogging))
	assert.NotNil(t, st.LatestCloudWatchLogsDeliveryTime)

	sel, err := c.trail.GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: aws.String("org-trail")})
	require.NoError(t, err)
	require.Len(t, sel.EventSelectors, 1)
	assert.Equal(t, cttypes.ReadWriteTypeWriteOnly, sel.EventSelectors[0].ReadWriteType)
	assert.True(t, aws.ToBool(sel.EventSelectors[0].IncludeManagementEvents))

	eu := cloudtrail.NewFromConfig(c.srv.ConfigFor("eu-west-1", "AKIDLOCALTEST"))
	out, err = eu.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{})
	require.NoError(t, err)
	require.Len(t, out.TrailList, 2, "eu-west-1 sees its own trail and the multi-region shadow")
	adv, err := eu.GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: aws.String("eu-only")})
	require.NoError(t, err)
	require.Len(t, adv.AdvancedEventSelectors, 1)
	assert.Equal(t, []string{"Management"}, adv.AdvancedEventSelectors[0].FieldSelectors[0].Equals)
	assert.Empty(t, adv.EventSelectors)

	got, err := eu.GetTrail(ctx, &cloudtrail.GetTrailInput{Name: aws.String("arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail")})
	require.NoError(t, err)
	assert.Equal(t, "us-east-1", aws.ToString(got.Trail.HomeRegion))
	list, err := eu.ListTrails(ctx, &cloudtrail.ListTrailsInput{})
	require.NoError(t, err)
	require.Len(t, list.Trails, 2)
	assert.Equal(t, "eu-only", aws.ToString(list.Trails[0].Name))
	assert.Equal(t, "eu-west-1", aws.ToString(list.Trails[0].HomeRegion))

	_, err = c.trail.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("missing-trail")})
	var nf *cttypes.TrailNotFoundException
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "Unknown trail: arn:aws:cloudtrail:us-east-1:123456789012:trail/missing-trail for the user: 123456789012", nf.ErrorMessage())
}

func TestTrailOverTheWire(t *testing.T) {
	c := newClients(t)
	created, err := c.trail.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("main"), S3BucketName: aws.String("bucket")})
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:cloudtrail:us-east-1:123456789012:trail/main", aws.ToString(created.TrailARN))
	_, err = c.trail.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("main"), S3BucketName: aws.String("bucket")})
	var exists *cttypes.TrailAlreadyExistsException
	require.ErrorAs(t, err, &exists)

	st, err := c.trail.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("main")})
	require.NoError(t, err)
	assert.False(t, aws.ToBool(st.IsLogging), "a new trail does not log until StartLogging")
	_, err = c.trail.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: created.TrailARN})
	require.NoError(t, err)
	st, err = c.trail.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("main")})
	require.NoError(t, err)
	assert.True(t, aws.ToBool(st.IsLogging))

	def, err := c.trail.GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: aws.String("main")})
	require.NoError(t, err)
	require.Len(t, def.EventSelectors, 1, "AWS's default selector: all management events")
	assert.Equal(t, cttypes.ReadWriteTypeAll, def.EventSelectors[0].ReadWriteType)

	_, err = c.trail.PutEventSelectors(ctx, &cloudtrail.PutEventSelectorsInput{TrailName: aws.String("main"),
		EventSelectors: []cttypes.EventSelector{{ReadWriteType: cttypes.ReadWriteTypeReadOnly, IncludeManagementEvents: aws.Bool(true)}}})
	require.NoError(t, err)
	sel, err := c.trail.GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: aws.String("main")})
	require.NoError(t, err)
	assert.Equal(t, cttypes.ReadWriteTypeReadOnly, sel.EventSelectors[0].ReadWriteType)

	_, err = c.trail.PutEventSelectors(ctx, &cloudtrail.PutEventSelectorsInput{TrailName: aws.String("main"),
		EventSelectors:         []cttypes.EventSelector{{ReadWriteType: cttypes.ReadWriteTypeAll}},
		AdvancedEventSelectors: []cttypes.AdvancedEventSelector{{FieldSelectors: []cttypes.AdvancedFieldSelector{{Field: aws.String("eventCategory"), Equals: []string{"Management"}}}}}})
	var combo *cttypes.InvalidEventSelectorsException
	require.ErrorAs(t, err, &combo)

	_, err = c.trail.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("-bad"), S3BucketName: aws.String("b")})
	var badName *cttypes.InvalidTrailNameException
	require.ErrorAs(t, err, &badName)
}

func TestKMSKeys(t *testing.T) {
	c := newClients(t)
	managed, err := c.kms.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String("alias/aws/sns")})
	require.NoError(t, err)
	assert.Equal(t, kmstypes.KeyManagerTypeAws, managed.KeyMetadata.KeyManager)
	again, err := c.kms.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String("arn:aws:kms:us-east-1:123456789012:alias/aws/sns")})
	require.NoError(t, err)
	assert.Equal(t, aws.ToString(managed.KeyMetadata.KeyId), aws.ToString(again.KeyMetadata.KeyId), "one AWS-managed key per service")

	created, err := c.kms.CreateKey(ctx, &kms.CreateKeyInput{Description: aws.String("cis alarms topic")})
	require.NoError(t, err)
	key := created.KeyMetadata
	assert.Equal(t, kmstypes.KeyManagerTypeCustomer, key.KeyManager)
	assert.True(t, key.Enabled)
	assert.Equal(t, kmstypes.KeyStateEnabled, key.KeyState)
	assert.False(t, aws.ToTime(key.CreationDate).IsZero())

	_, err = c.kms.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/cis-alarms"), TargetKeyId: key.KeyId})
	require.NoError(t, err)
	_, err = c.kms.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/cis-alarms"), TargetKeyId: key.KeyId})
	var exists *kmstypes.AlreadyExistsException
	require.ErrorAs(t, err, &exists)

	byAlias, err := c.kms.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String("alias/cis-alarms")})
	require.NoError(t, err)
	assert.Equal(t, aws.ToString(key.Arn), aws.ToString(byAlias.KeyMetadata.Arn))

	pol, err := c.kms.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: key.KeyId})
	require.NoError(t, err)
	assert.Contains(t, aws.ToString(pol.Policy), "arn:aws:iam::123456789012:root")
	mpol, err := c.kms.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: managed.KeyMetadata.KeyId})
	require.NoError(t, err)
	assert.Contains(t, aws.ToString(mpol.Policy), `"kms:ViaService":"sns.us-east-1.amazonaws.com"`)

	aliases, err := c.kms.ListAliases(ctx, &kms.ListAliasesInput{})
	require.NoError(t, err)
	names := map[string]string{}
	for _, a := range aliases.Aliases {
		names[aws.ToString(a.AliasName)] = aws.ToString(a.TargetKeyId)
	}
	assert.Equal(t, aws.ToString(key.KeyId), names["alias/cis-alarms"])
	assert.Equal(t, aws.ToString(managed.KeyMetadata.KeyId), names["alias/aws/sns"])

	_, err = c.kms.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String("alias/nope")})
	var nf *kmstypes.NotFoundException
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "Alias arn:aws:kms:us-east-1:123456789012:alias/nope is not found.", nf.ErrorMessage())
	_, err = c.kms.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String("0b1c2d3e-0000-0000-0000-000000000000")})
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "Key 'arn:aws:kms:us-east-1:123456789012:key/0b1c2d3e-0000-0000-0000-000000000000' does not exist", nf.ErrorMessage())
}

func TestKMSListAliasesPaginates(t *testing.T) {
	c := newClients(t)
	for _, name := range []string{"alias/a", "alias/b", "alias/c"} {
		k, err := c.kms.CreateKey(ctx, &kms.CreateKeyInput{})
		require.NoError(t, err)
		_, err = c.kms.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(name), TargetKeyId: k.KeyMetadata.Arn})
		require.NoError(t, err)
	}
	var names []string
	p := kms.NewListAliasesPaginator(c.kms, &kms.ListAliasesInput{Limit: aws.Int32(2)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		require.NoError(t, err)
		for _, a := range page.Aliases {
			names = append(names, aws.ToString(a.AliasName))
		}
	}
	assert.Equal(t, []string{"alias/a", "alias/aws/logs", "alias/aws/s3", "alias/aws/sns", "alias/b", "alias/c"}, names)

	_, err := c.kms.ListAliases(ctx, &kms.ListAliasesInput{Limit: aws.Int32(101)})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "ValidationException: 1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100")
	_, err = c.kms.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/aws/mine"), TargetKeyId: aws.String("x")})
	var badAlias *kmstypes.InvalidAliasNameException
	require.ErrorAs(t, err, &badAlias)
}
