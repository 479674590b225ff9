package localaws

import (
	"fmt"
	"time"
)

// region is one account's resources in one region. Every field is guarded by
// Server.mu.
type region struct {
	account, name string

	logGroups map[string]*logGroup

	alarms  map[string]*alarm
	metrics map[string]*metricSeries // by metricID
	cwTags  map[string]map[string]string

	topics map[string]*topic // by ARN
	subs   map[string]*subscription

	trails map[string]*trail // by name
	keys   map[string]*kmsKey
	// aliases maps "alias/name" to a key id.
	aliases map[string]*kmsAlias

	history []historyItem // alarm history, oldest first

	// nextEval is the earliest period boundary at which any alarm of the
	// region has something to evaluate; requests before it skip evaluation
	// (zero: evaluate at the next request, as after PutMetricAlarm).
	nextEval time.Time

	seq int // source of unique ids (event ids, subscription ids, ...)
}

func newRegion(account, name string) *region {
	return &region{
		account: account, name: name,
		logGroups: map[string]*logGroup{},
		alarms:    map[string]*alarm{},
		metrics:   map[string]*metricSeries{},
		cwTags:    map[string]map[string]string{},
		topics:    map[string]*topic{},
		subs:      map[string]*subscription{},
		trails:    map[string]*trail{},
		keys:      map[string]*kmsKey{},
		aliases:   map[string]*kmsAlias{},
	}
}

// next returns a fresh number, unique within the region.
func (r *region) next() int {
	r.seq++
	return r.seq
}

// arn builds an ARN in this account and region.
func (r *region) arn(service, resource string) string {
	return fmt.Sprintf("arn:aws:%s:%s:%s:%s", service, r.name, r.account, resource)
}

// epochMillis is how CloudWatch Logs writes timestamps.
func epochMillis(t time.Time) int64 { return t.UnixMilli() }

// copyTags returns a copy of a tag map (nil for none).
func copyTags(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
