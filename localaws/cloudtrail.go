package localaws

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
)

// CloudTrail (AWS JSON 1.1): trails, their status and event selectors.
// Trails are seeded through PutTrail or created over the wire.

// Trail is a CloudTrail trail, as DescribeTrails shows it, plus its logging
// state and selectors. Tests seed trails with Server.PutTrail.
type Trail struct {
	Name                       string `json:"Name"`
	S3BucketName               string `json:"S3BucketName,omitempty"`
	S3KeyPrefix                string `json:"S3KeyPrefix,omitempty"`
	SnsTopicName               string `json:"SnsTopicName,omitempty"`
	SnsTopicARN                string `json:"SnsTopicARN,omitempty"`
	IncludeGlobalServiceEvents bool   `json:"IncludeGlobalServiceEvents"`
	IsMultiRegionTrail         bool   `json:"IsMultiRegionTrail"`
	HomeRegion                 string `json:"HomeRegion"`
	TrailARN                   string `json:"TrailARN"`
	LogFileValidationEnabled   bool   `json:"LogFileValidationEnabled"`
	CloudWatchLogsLogGroupArn  string `json:"CloudWatchLogsLogGroupArn,omitempty"`
	CloudWatchLogsRoleArn      string `json:"CloudWatchLogsRoleArn,omitempty"`
	KmsKeyID                   string `json:"KmsKeyId,omitempty"`
	HasCustomEventSelectors    bool   `json:"HasCustomEventSelectors"`
	HasInsightSelectors        bool   `json:"HasInsightSelectors"`
	IsOrganizationTrail        bool   `json:"IsOrganizationTrail"`

	// IsLogging is GetTrailStatus's answer (a new trail does not log until
	// StartLogging, as in AWS).
	IsLogging bool `json:"-"`
	// EventSelectors and AdvancedEventSelectors are what GetEventSelectors
	// returns; a trail has one kind or the other. With neither, the trail has
	// AWS's default selector (all management events).
	EventSelectors         []EventSelector         `json:"-"`
	AdvancedEventSelectors []AdvancedEventSelector `json:"-"`
	// LatestCloudWatchLogsDeliveryTime and LatestCloudWatchLogsDeliveryError
	// seed what GetTrailStatus reports until the next delivery (see
	// Server.SetTrailDelivery). A logging trail seeded with a log group and
	// no time has just delivered.
	LatestCloudWatchLogsDeliveryTime  time.Time `json:"-"`
	LatestCloudWatchLogsDeliveryError string    `json:"-"`
}

// EventSelector is a basic CloudTrail event selector.
type EventSelector struct {
	ReadWriteType                 string         `json:"ReadWriteType,omitempty"`
	IncludeManagementEvents       *bool          `json:"IncludeManagementEvents,omitempty"`
	DataResources                 []DataResource `json:"DataResources"`
	ExcludeManagementEventSources []string       `json:"ExcludeManagementEventSources"`
}

// DataResource is a data-event resource of a basic selector.
type DataResource struct {
	Type   string   `json:"Type,omitempty"`
	Values []string `json:"Values,omitempty"`
}

// AdvancedEventSelector is an advanced CloudTrail event selector.
type AdvancedEventSelector struct {
	Name           string                  `json:"Name,omitempty"`
	FieldSelectors []AdvancedFieldSelector `json:"FieldSelectors"`
}

// AdvancedFieldSelector is one condition of an advanced selector.
type AdvancedFieldSelector struct {
	Field         string   `json:"Field"`
	Equals        []string `json:"Equals,omitempty"`
	StartsWith    []string `json:"StartsWith,omitempty"`
	EndsWith      []string `json:"EndsWith,omitempty"`
	NotEquals     []string `json:"NotEquals,omitempty"`
	NotStartsWith []string `json:"NotStartsWith,omitempty"`
	NotEndsWith   []string `json:"NotEndsWith,omitempty"`
}

type trail struct {
	Trail
	started, stopped time.Time
	tags             map[string]string
	// roleUnverified marks a trail seeded through PutTrail: it delivers
	// records only once the role it names exists in this endpoint's IAM,
	// so a test seeding a made-up role keeps its log group to itself.
	roleUnverified bool
	// deliveryPinned keeps the CloudWatch Logs delivery time and error
	// SetTrailDelivery set, whatever the recorder meets afterwards.
	deliveryPinned bool
}

var reTrailName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$`)

func ctError(code, format string, args ...any) *awsError {
	return &awsError{Code: code, Status: 400, Message: fmt.Sprintf(format, args...)}
}

func trailNotFound(c *call, ref string) *awsError {
	arn := ref
	if !strings.HasPrefix(ref, "arn:") {
		arn = c.st.arn("cloudtrail", "trail/"+ref)
	}
	return ctError("TrailNotFoundException", "Unknown trail: %s for the user: %s", arn, c.account)
}

// visibleTrails are the trails a region shows: its own, and the multi-region
// trails of the same account homed elsewhere ("shadow trails"), and the
// organization trails of the account's organization, which member accounts
// see but cannot change.
func (c *call) visibleTrails(shadows bool) []*trail {
	var out []*trail
	mgmt := ""
	if o := c.srv.orgOf(c.account); o != nil && o.ManagementAccount != c.account {
		mgmt = o.ManagementAccount
	}
	for k, st := range c.srv.regions {
		if k.account != c.account && k.account != mgmt {
			continue
		}
		for _, t := range st.trails {
			if k.account == mgmt && !t.IsOrganizationTrail {
				continue
			}
			if k.region == c.region || (shadows && t.IsMultiRegionTrail) {
				out = append(out, t)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].TrailARN < out[j].TrailARN })
	return out
}

// findTrail resolves a trail name (in this region) or ARN (any region).
func (c *call) findTrail(ref string) (*trail, error) {
	if ref == "" {
		return nil, ctError("InvalidTrailNameException", "Trail name cannot be empty.")
	}
	for _, t := range c.visibleTrails(true) {
		// A member account names an organization trail by its ARN only.
		own := trailAccount(t) == c.account
		if t.TrailARN == ref || (own && t.Name == ref && (t.HomeRegion == c.region || t.IsMultiRegionTrail)) {
			return t, nil
		}
	}
	if !strings.HasPrefix(ref, "arn:") && !reTrailName.MatchString(ref) {
		return nil, ctError("InvalidTrailNameException", "Trail name must be between 3 and 128 characters, start and end with a letter or number, and contain only letters, numbers, periods, underscores and dashes.")
	}
	return nil, trailNotFound(c, ref)
}

type describeTrailsIn struct {
	TrailNameList       []string `json:"trailNameList"`
	IncludeShadowTrails *bool    `json:"includeShadowTrails"`
}

type describeTrailsOut struct {
	TrailList []Trail `json:"trailList"`
}

func describeTrails(c *call, in *describeTrailsIn) (any, error) {
	shadows := in.IncludeShadowTrails == nil || *in.IncludeShadowTrails
	want := map[string]bool{}
	for _, n := range in.TrailNameList {
		want[n] = true
	}
	out := &describeTrailsOut{TrailList: []Trail{}}
	for _, t := range c.visibleTrails(shadows) {
		if len(want) == 0 || want[t.Name] || want[t.TrailARN] {
			out.TrailList = append(out.TrailList, t.Trail)
		}
	}
	return out, nil
}

type trailNameIn struct {
	Name string `json:"Name"`
}

type getTrailOut struct {
	Trail Trail `json:"Trail"`
}

func getTrail(c *call, in *trailNameIn) (any, error) {
	t, err := c.findTrail(in.Name)
	if err != nil {
		return nil, err
	}
	return &getTrailOut{Trail: t.Trail}, nil
}

type trailInfo struct {
	TrailARN   string `json:"TrailARN"`
	Name       string `json:"Name"`
	HomeRegion string `json:"HomeRegion"`
}

type listTrailsIn struct {
	NextToken string `json:"NextToken"`
}

type listTrailsOut struct {
	Trails    []trailInfo `json:"Trails"`
	NextToken string      `json:"NextToken,omitempty"`
}

// listTrails lists the trails a region shows, shadow trails included.
func listTrails(c *call, in *listTrailsIn) (any, error) {
	all := c.visibleTrails(true)
	page, next, err := paginate(all, in.NextToken, 50, ctError("InvalidNextTokenException", "Invalid NextToken."))
	if err != nil {
		return nil, err
	}
	out := &listTrailsOut{Trails: []trailInfo{}, NextToken: next}
	for _, t := range page {
		out.Trails = append(out.Trails, trailInfo{TrailARN: t.TrailARN, Name: t.Name, HomeRegion: t.HomeRegion})
	}
	return out, nil
}

type trailStatusOut struct {
	IsLogging                         bool       `json:"IsLogging"`
	LatestCloudWatchLogsDeliveryError string     `json:"LatestCloudWatchLogsDeliveryError,omitempty"`
	StartLoggingTime                  *epochTime `json:"StartLoggingTime,omitempty"`
	StopLoggingTime                   *epochTime `json:"StopLoggingTime,omitempty"`
	LatestDeliveryTime                *epochTime `json:"LatestDeliveryTime,omitempty"`
	LatestCloudWatchLogsDeliveryTime  *epochTime `json:"LatestCloudWatchLogsDeliveryTime,omitempty"`
	TimeLoggingStarted                string     `json:"TimeLoggingStarted,omitempty"`
	TimeLoggingStopped                string     `json:"TimeLoggingStopped,omitempty"`
}

func getTrailStatus(c *call, in *trailNameIn) (any, error) {
	t, err := c.findTrail(in.Name)
	if err != nil {
		return nil, err
	}
	out := &trailStatusOut{IsLogging: t.IsLogging}
	if !t.started.IsZero() {
		out.StartLoggingTime = epochPtr(t.started)
		out.TimeLoggingStarted = t.started.Format("2006-01-02T15:04:05Z")
		if t.IsLogging {
			// S3 delivery is not modelled: a logging trail reports its
			// last delivery to the bucket as now.
			out.LatestDeliveryTime = epochPtr(c.now)
		}
	}
	// CloudWatch Logs delivery is real: the last time the recorder
	// delivered, and the last error it met (cleared by a delivery).
	if !t.LatestCloudWatchLogsDeliveryTime.IsZero() {
		out.LatestCloudWatchLogsDeliveryTime = epochPtr(t.LatestCloudWatchLogsDeliveryTime)
	}
	out.LatestCloudWatchLogsDeliveryError = t.LatestCloudWatchLogsDeliveryError
	if !t.stopped.IsZero() {
		out.StopLoggingTime = epochPtr(t.stopped)
		out.TimeLoggingStopped = t.stopped.Format("2006-01-02T15:04:05Z")
	}
	return out, nil
}

type trailNameRefIn struct {
	TrailName string `json:"TrailName"`
}

type eventSelectorsOut struct {
	TrailARN               string                  `json:"TrailARN"`
	EventSelectors         []EventSelector         `json:"EventSelectors,omitempty"`
	AdvancedEventSelectors []AdvancedEventSelector `json:"AdvancedEventSelectors,omitempty"`
}

func getEventSelectors(c *call, in *trailNameRefIn) (any, error) {
	t, err := c.findTrail(in.TrailName)
	if err != nil {
		return nil, err
	}
	out := &eventSelectorsOut{TrailARN: t.TrailARN}
	switch {
	case len(t.AdvancedEventSelectors) > 0:
		out.AdvancedEventSelectors = t.AdvancedEventSelectors
	case len(t.EventSelectors) > 0:
		out.EventSelectors = t.EventSelectors
	default:
		out.EventSelectors = defaultEventSelectors()
	}
	return out, nil
}

// defaultEventSelectors is what a trail logs when nobody set selectors: all
// management events, read and write.
func defaultEventSelectors() []EventSelector {
	yes := true
	return []EventSelector{{ReadWriteType: "All", IncludeManagementEvents: &yes, DataResources: []DataResource{}, ExcludeManagementEventSources: []string{}}}
}

type putEventSelectorsIn struct {
	TrailName              string                  `json:"TrailName"`
	EventSelectors         []EventSelector         `json:"EventSelectors"`
	AdvancedEventSelectors []AdvancedEventSelector `json:"AdvancedEventSelectors"`
}

func putEventSelectors(c *call, in *putEventSelectorsIn) (any, error) {
	t, err := c.homeTrail(in.TrailName)
	if err != nil {
		return nil, err
	}
	if (in.EventSelectors == nil) == (in.AdvancedEventSelectors == nil) {
		// PutEventSelectors models no InvalidParameterCombinationException;
		// AWS refuses the pair as invalid selectors.
		return nil, ctError("InvalidEventSelectorsException", "Specify either EventSelectors or AdvancedEventSelectors, but not both.")
	}
	if len(in.EventSelectors) > 5 {
		return nil, ctError("InvalidEventSelectorsException", "A trail can have no more than 5 event selectors.")
	}
	for i := range in.EventSelectors {
		s := &in.EventSelectors[i]
		if s.ReadWriteType == "" {
			s.ReadWriteType = "All"
		}
		if !oneOf(s.ReadWriteType, []string{"ReadOnly", "WriteOnly", "All"}) {
			return nil, ctError("InvalidEventSelectorsException", "Invalid ReadWriteType %s: valid values are ReadOnly, WriteOnly and All.", s.ReadWriteType)
		}
		if s.IncludeManagementEvents == nil {
			yes := true
			s.IncludeManagementEvents = &yes
		}
		if s.DataResources == nil {
			s.DataResources = []DataResource{}
		}
		if s.ExcludeManagementEventSources == nil {
			s.ExcludeManagementEventSources = []string{}
		}
	}
	for _, s := range in.AdvancedEventSelectors {
		if len(s.FieldSelectors) == 0 {
			return nil, ctError("InvalidEventSelectorsException", "An advanced event selector must have at least one field selector.")
		}
		for _, f := range s.FieldSelectors {
			if f.Field == "" {
				return nil, ctError("InvalidEventSelectorsException", "A field selector must name a Field.")
			}
		}
	}
	t.EventSelectors, t.AdvancedEventSelectors = in.EventSelectors, in.AdvancedEventSelectors
	t.HasCustomEventSelectors = true
	return &eventSelectorsOut{TrailARN: t.TrailARN, EventSelectors: t.EventSelectors, AdvancedEventSelectors: t.AdvancedEventSelectors}, nil
}

// homeTrail finds a trail that this region may change: its home region.
func (c *call) homeTrail(ref string) (*trail, error) {
	t, err := c.findTrail(ref)
	if err != nil {
		return nil, err
	}
	if trailAccount(t) != c.account {
		return nil, ctError("NotOrganizationMasterAccountException",
			"You cannot configure or manage trails for an organization because this action requires being signed in with the management account.")
	}
	if t.HomeRegion != c.region {
		return nil, ctError("InvalidHomeRegionException", "This operation must be called from the trail's home region %s.", t.HomeRegion)
	}
	return t, nil
}

func startLogging(c *call, in *trailNameIn) (any, error) {
	t, err := c.homeTrail(in.Name)
	if err != nil {
		return nil, err
	}
	if !t.IsLogging {
		t.IsLogging, t.started = true, c.now
	}
	return nil, nil
}

func stopLogging(c *call, in *trailNameIn) (any, error) {
	t, err := c.homeTrail(in.Name)
	if err != nil {
		return nil, err
	}
	if t.IsLogging {
		t.IsLogging, t.stopped = false, c.now
	}
	return nil, nil
}

type createTrailIn struct {
	Name                       string `json:"Name"`
	S3BucketName               string `json:"S3BucketName"`
	S3KeyPrefix                string `json:"S3KeyPrefix"`
	SnsTopicName               string `json:"SnsTopicName"`
	IncludeGlobalServiceEvents *bool  `json:"IncludeGlobalServiceEvents"`
	IsMultiRegionTrail         bool   `json:"IsMultiRegionTrail"`
	EnableLogFileValidation    bool   `json:"EnableLogFileValidation"`
	CloudWatchLogsLogGroupArn  string `json:"CloudWatchLogsLogGroupArn"`
	CloudWatchLogsRoleArn      string `json:"CloudWatchLogsRoleArn"`
	KmsKeyID                   string `json:"KmsKeyId"`
	IsOrganizationTrail        bool   `json:"IsOrganizationTrail"`
	TagsList                   []struct {
		Key   string `json:"Key"`
		Value string `json:"Value"`
	} `json:"TagsList"`
}

func createTrail(c *call, in *createTrailIn) (any, error) {
	if !reTrailName.MatchString(in.Name) {
		return nil, ctError("InvalidTrailNameException", "Trail name must be between 3 and 128 characters, start and end with a letter or number, and contain only letters, numbers, periods, underscores and dashes.")
	}
	if in.S3BucketName == "" {
		return nil, ctError("InvalidS3BucketNameException", "S3 bucket name cannot be empty.")
	}
	if in.IsOrganizationTrail {
		if err := c.checkOrgTrailCaller(); err != nil {
			return nil, err
		}
	}
	for _, t := range c.visibleTrails(true) {
		if t.Name == in.Name && trailAccount(t) == c.account {
			return nil, ctError("TrailAlreadyExistsException", "Trail %s already exists for customer: %s", in.Name, c.account)
		}
	}
	tr := Trail{
		Name: in.Name, S3BucketName: in.S3BucketName, S3KeyPrefix: in.S3KeyPrefix, SnsTopicName: in.SnsTopicName,
		IncludeGlobalServiceEvents: in.IncludeGlobalServiceEvents == nil || *in.IncludeGlobalServiceEvents,
		IsMultiRegionTrail:         in.IsMultiRegionTrail, LogFileValidationEnabled: in.EnableLogFileValidation,
		CloudWatchLogsLogGroupArn: in.CloudWatchLogsLogGroupArn, CloudWatchLogsRoleArn: in.CloudWatchLogsRoleArn,
		KmsKeyID: in.KmsKeyID, IsOrganizationTrail: in.IsOrganizationTrail,
	}
	// Judge the log group and role before storing anything: a refused
	// CreateTrail leaves no trail behind.
	if err := c.srv.validateCWL(c.st.newTrail(tr)); err != nil {
		return nil, err
	}
	t := c.st.addTrail(tr)
	t.tags = map[string]string{}
	for _, tg := range in.TagsList {
		t.tags[tg.Key] = tg.Value
	}
	return trailResponse(t), nil
}

// trailResponseOut is CreateTrail's and UpdateTrail's answer: the trail's
// settings, without the fields only the trail object has (HomeRegion,
// HasCustomEventSelectors, HasInsightSelectors).
type trailResponseOut struct {
	Name                       string `json:"Name"`
	S3BucketName               string `json:"S3BucketName,omitempty"`
	S3KeyPrefix                string `json:"S3KeyPrefix,omitempty"`
	SnsTopicName               string `json:"SnsTopicName,omitempty"`
	SnsTopicARN                string `json:"SnsTopicARN,omitempty"`
	IncludeGlobalServiceEvents bool   `json:"IncludeGlobalServiceEvents"`
	IsMultiRegionTrail         bool   `json:"IsMultiRegionTrail"`
	TrailARN                   string `json:"TrailARN"`
	LogFileValidationEnabled   bool   `json:"LogFileValidationEnabled"`
	CloudWatchLogsLogGroupArn  string `json:"CloudWatchLogsLogGroupArn,omitempty"`
	CloudWatchLogsRoleArn      string `json:"CloudWatchLogsRoleArn,omitempty"`
	KmsKeyID                   string `json:"KmsKeyId,omitempty"`
	IsOrganizationTrail        bool   `json:"IsOrganizationTrail"`
}

func trailResponse(t *trail) *trailResponseOut {
	return &trailResponseOut{
		Name: t.Name, S3BucketName: t.S3BucketName, S3KeyPrefix: t.S3KeyPrefix, SnsTopicName: t.SnsTopicName,
		SnsTopicARN: t.SnsTopicARN, IncludeGlobalServiceEvents: t.IncludeGlobalServiceEvents,
		IsMultiRegionTrail: t.IsMultiRegionTrail, TrailARN: t.TrailARN, LogFileValidationEnabled: t.LogFileValidationEnabled,
		CloudWatchLogsLogGroupArn: t.CloudWatchLogsLogGroupArn, CloudWatchLogsRoleArn: t.CloudWatchLogsRoleArn,
		KmsKeyID: t.KmsKeyID, IsOrganizationTrail: t.IsOrganizationTrail,
	}
}

// addTrail stores a trail homed in this region, filling its ARN.
func (r *region) addTrail(tr Trail) *trail {
	t := r.newTrail(tr)
	r.trails[tr.Name] = t
	return t
}

// newTrail is a trail homed in this region, its ARN filled in, not stored.
func (r *region) newTrail(tr Trail) *trail {
	tr.HomeRegion = r.name
	tr.TrailARN = r.arn("cloudtrail", "trail/"+tr.Name)
	if tr.SnsTopicName != "" && tr.SnsTopicARN == "" {
		tr.SnsTopicARN = r.arn("sns", tr.SnsTopicName)
	}
	tr.HasCustomEventSelectors = tr.HasCustomEventSelectors || len(tr.EventSelectors) > 0 || len(tr.AdvancedEventSelectors) > 0
	return &trail{Trail: tr}
}

func deleteTrail(c *call, in *trailNameIn) (any, error) {
	t, err := c.homeTrail(in.Name)
	if err != nil {
		return nil, err
	}
	delete(c.st.trails, t.Name)
	return nil, nil
}

// cloudtrailHandlers is the CloudTrail operation table.
func cloudtrailHandlers() map[string]handler {
	return map[string]handler{
		"DescribeTrails":    op(describeTrails),
		"GetTrail":          op(getTrail),
		"ListTrails":        op(listTrails),
		"GetTrailStatus":    op(getTrailStatus),
		"GetEventSelectors": op(getEventSelectors),
		"PutEventSelectors": op(putEventSelectors),
		"CreateTrail":       op(createTrail),
		"DeleteTrail":       op(deleteTrail),
		"StartLogging":      op(startLogging),
		"StopLogging":       op(stopLogging),
		"UpdateTrail":       op(updateTrail),
	}
}
