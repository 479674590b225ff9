package localaws

import (
	"encoding/json"
	"slices"
	"sort"
	"time"
)

// CloudWatch: alarm history (DescribeAlarmHistory), where AWS shows state
// changes, configuration updates and the success or failure of each action.

// maxHistory bounds a region's alarm history; AWS keeps 30 days.
const maxHistory = 10000

type historyItem struct {
	AlarmName       string    `json:"AlarmName"`
	AlarmType       string    `json:"AlarmType"`
	Timestamp       time.Time `json:"Timestamp"`
	HistoryItemType string    `json:"HistoryItemType"`
	HistorySummary  string    `json:"HistorySummary"`
	HistoryData     string    `json:"HistoryData,omitempty"`
}

// remember adds an item to the region's alarm history.
func (r *region) remember(alarm, kind, summary string, data any, at time.Time) {
	item := historyItem{AlarmName: alarm, AlarmType: "MetricAlarm", Timestamp: at, HistoryItemType: kind, HistorySummary: summary}
	if data != nil {
		if b, err := json.Marshal(data); err == nil {
			item.HistoryData = string(b)
		}
	}
	r.history = append(r.history, item)
	if len(r.history) > maxHistory {
		r.history = append([]historyItem(nil), r.history[len(r.history)-maxHistory/2:]...)
	}
}

type describeAlarmHistoryIn struct {
	AlarmName       string     `json:"AlarmName"`
	AlarmTypes      []string   `json:"AlarmTypes"`
	HistoryItemType string     `json:"HistoryItemType"`
	StartDate       *time.Time `json:"StartDate"`
	EndDate         *time.Time `json:"EndDate"`
	MaxRecords      *int32     `json:"MaxRecords"`
	NextToken       string     `json:"NextToken"`
	ScanBy          string     `json:"ScanBy"`
}

type describeAlarmHistoryOut struct {
	AlarmHistoryItems []historyItem `json:"AlarmHistoryItems"`
	NextToken         string        `json:"NextToken,omitempty"`
}

var historyItemTypes = []string{"ConfigurationUpdate", "StateUpdate", "Action", "AlarmContributorStateUpdate", "AlarmContributorAction"}

func describeAlarmHistory(c *call, in *describeAlarmHistoryIn) (any, error) {
	var v violations
	limit := int64(100)
	if in.MaxRecords != nil {
		limit = int64(*in.MaxRecords)
		v.rangeInt(limit, "maxRecords", 1, 100)
	}
	if in.HistoryItemType != "" && !oneOf(in.HistoryItemType, historyItemTypes) {
		v.add(in.HistoryItemType, "historyItemType", "Member must satisfy enum value set: "+listString(historyItemTypes))
	}
	if in.ScanBy != "" && in.ScanBy != "TimestampDescending" && in.ScanBy != "TimestampAscending" {
		v.add(in.ScanBy, "scanBy", "Member must satisfy enum value set: [TimestampDescending, TimestampAscending]")
	}
	if err := v.cwErr(); err != nil {
		return nil, err
	}
	var items []historyItem
	for _, h := range c.st.history {
		switch {
		case in.AlarmName != "" && h.AlarmName != in.AlarmName:
		case in.HistoryItemType != "" && h.HistoryItemType != in.HistoryItemType:
		case len(in.AlarmTypes) > 0 && !oneOf(h.AlarmType, in.AlarmTypes):
		case in.StartDate != nil && h.Timestamp.Before(*in.StartDate):
		case in.EndDate != nil && h.Timestamp.After(*in.EndDate):
		default:
			items = append(items, h)
		}
	}
	// Oldest first, ties in the order they happened (a state change before
	// its action); then reversed for the default newest-first order.
	sort.SliceStable(items, func(i, j int) bool { return items[i].Timestamp.Before(items[j].Timestamp) })
	if in.ScanBy != "TimestampAscending" {
		slices.Reverse(items)
	}
	page, next, err := paginate(items, in.NextToken, int(limit), cwInvalidNextToken())
	if err != nil {
		return nil, err
	}
	if page == nil {
		page = []historyItem{}
	}
	return &describeAlarmHistoryOut{AlarmHistoryItems: page, NextToken: next}, nil
}
