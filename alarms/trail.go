package alarms

import (
	"fmt"
	"strings"
	"time"

	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
)

// Trail is a CloudTrail trail judged against what CIS requires of the trail
// that feeds the metric filters: multi-Region, logging, and recording all
// management events (read and write), delivered to CloudWatch Logs.
type Trail struct {
	Name        string `json:"name"`
	ARN         string `json:"arn"`
	HomeRegion  string `json:"homeRegion"`
	MultiRegion bool   `json:"multiRegion"`
	Logging     bool   `json:"logging"`
	// ManagementRead and ManagementWrite say whether the event selectors
	// (basic or advanced) record read and write management events.
	ManagementRead  bool   `json:"managementRead"`
	ManagementWrite bool   `json:"managementWrite"`
	Organization    bool   `json:"organization"`
	LogGroupName    string `json:"logGroupName,omitempty"`
	LogGroupRegion  string `json:"logGroupRegion,omitempty"`
	LogGroupAccount string `json:"logGroupAccount,omitempty"`
	// LogGroupARN and RoleARN are the trail's CloudWatchLogsLogGroupArn and
	// CloudWatchLogsRoleArn as CloudTrail holds them.
	LogGroupARN string `json:"logGroupArn,omitempty"`
	RoleARN     string `json:"roleArn,omitempty"`
	// LatestDeliveryTime and LatestDeliveryError are GetTrailStatus's
	// LatestCloudWatchLogsDeliveryTime and LatestCloudWatchLogsDeliveryError.
	LatestDeliveryTime  *time.Time `json:"latestDeliveryTime,omitempty"`
	LatestDeliveryError string     `json:"latestDeliveryError,omitempty"`
	// Problems say what keeps the trail from meeting CIS; Notes are
	// weaker doubts (excluded event sources, delivery errors).
	Problems []string `json:"problems,omitempty"`
	Notes    []string `json:"notes,omitempty"`
}

// Compliant reports whether the trail meets CIS and delivers to a log group.
func (t *Trail) Compliant() bool { return len(t.Problems) == 0 }

// DeliveryProblem says why CloudTrail could not deliver to the log group and
// which role to fix, "" when the last delivery succeeded.
func (t *Trail) DeliveryProblem() string {
	if t.LatestDeliveryError == "" {
		return ""
	}
	role := t.RoleARN
	if role == "" {
		role = "(none set)"
	}
	return fmt.Sprintf("cannot deliver to CloudWatch Logs (%s): fix its role %s", t.LatestDeliveryError, role)
}

// ShadowOf reports whether the trail is another Region's multi-Region trail
// seen from region (CloudTrail lists such copies; they are changed only in
// their home Region).
func (t *Trail) ShadowOf(region string) bool {
	return t.HomeRegion != "" && t.HomeRegion != region
}

// judge fills Problems from the facts, for the region cwpat works in.
func (t *Trail) judge(region string) {
	if t.LogGroupName == "" {
		t.Problems = append(t.Problems, "does not deliver to CloudWatch Logs (no CloudWatchLogsLogGroupArn)")
	} else if t.LogGroupRegion != "" && t.LogGroupRegion != region {
		t.Problems = append(t.Problems, fmt.Sprintf("delivers to log group %s in region %s, not %s: run cwpat with --region %s", t.LogGroupName, t.LogGroupRegion, region, t.LogGroupRegion))
	}
	if t.Organization && t.LogGroupAccount != "" {
		t.Notes = append(t.Notes, "is an organization trail delivering to a log group in account "+t.LogGroupAccount+": the filters and alarms belong in that account")
	}
	if !t.MultiRegion {
		t.Problems = append(t.Problems, "is not multi-Region (IsMultiRegionTrail=false): events of other Regions never reach the filters")
	}
	if !t.Logging {
		t.Problems = append(t.Problems, "is not logging (GetTrailStatus IsLogging=false): run 'aws cloudtrail start-logging --name "+t.ARN+"'")
	}
	switch {
	case !t.ManagementRead && !t.ManagementWrite:
		t.Problems = append(t.Problems, "records no management events")
	case !t.ManagementRead:
		t.Problems = append(t.Problems, "records only write management events (CIS wants ReadWriteType=All)")
	case !t.ManagementWrite:
		t.Problems = append(t.Problems, "records only read management events (CIS wants ReadWriteType=All)")
	}
}

// judgeSelectors reads basic and advanced event selectors into the
// management read/write flags. CIS's own audit looks only at basic selectors;
// cwpat reads advanced ones too, since AWS now defaults to them.
func (t *Trail) judgeSelectors(basic []cttypes.EventSelector, advanced []cttypes.AdvancedEventSelector) {
	for _, s := range basic {
		if s.IncludeManagementEvents == nil || !*s.IncludeManagementEvents {
			continue
		}
		switch s.ReadWriteType {
		case cttypes.ReadWriteTypeAll, "":
			t.ManagementRead, t.ManagementWrite = true, true
		case cttypes.ReadWriteTypeReadOnly:
			t.ManagementRead = true
		case cttypes.ReadWriteTypeWriteOnly:
			t.ManagementWrite = true
		}
		if len(s.ExcludeManagementEventSources) > 0 {
			t.Notes = append(t.Notes, "excludes management events from "+strings.Join(s.ExcludeManagementEventSources, ", "))
		}
	}
	for _, s := range advanced {
		management, read, write := false, true, true
		var excluded []string
		for _, f := range s.FieldSelectors {
			field := ""
			if f.Field != nil {
				field = *f.Field
			}
			switch field {
			case "eventCategory":
				management = containsString(f.Equals, "Management")
			case "readOnly":
				if len(f.Equals) == 1 {
					read, write = f.Equals[0] == "true", f.Equals[0] == "false"
				}
			default:
				if len(f.Equals)+len(f.StartsWith)+len(f.EndsWith)+len(f.NotEquals)+len(f.NotStartsWith)+len(f.NotEndsWith) > 0 {
					excluded = append(excluded, field)
				}
			}
		}
		if !management {
			continue
		}
		t.ManagementRead = t.ManagementRead || read
		t.ManagementWrite = t.ManagementWrite || write
		if len(excluded) > 0 {
			t.Notes = append(t.Notes, "an advanced event selector narrows management events by "+strings.Join(excluded, ", "))
		}
	}
}
