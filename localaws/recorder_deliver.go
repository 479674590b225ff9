package localaws

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Delivering records like CloudTrail: to the log group of every logging
// trail that covers the call (its account, or its organization for an
// organization trail; its home region, or every region for a multi-Region
// trail; global service events only with IncludeGlobalServiceEvents; its
// event selectors) through the trail's role, into the stream
// ACCOUNT_CloudTrail_REGION. Options.TrailDelay holds records back as
// CloudTrail's delivery of about five minutes does; by default they arrive
// with the call that made them.

// pendingRecord is a record waiting for its delivery time.
type pendingRecord struct {
	due     time.Time
	at      time.Time // eventTime: the log event's timestamp
	account string    // the account the call acted in
	record  []byte
	trails  []*trail
}

// maxRecordSize is CloudWatch Logs' event limit, which CloudTrail observes:
// a bigger record is not sent to CloudWatch Logs (CloudTrail user guide,
// "Sending events to CloudWatch Logs", Limitation).
const maxRecordSize = maxEventSize - eventOverhead

// recipients are the trails that record a call of kind made in account and
// region, ordered by ARN. The caller holds s.mu.
func (s *Server) recipients(account, region string, kind eventKind) []*trail {
	var out []*trail
	org := s.orgOf(account)
	for k, st := range s.regions {
		own := k.account == account
		if !own && (org == nil || org.ManagementAccount != k.account) {
			continue
		}
		for _, t := range st.trails {
			if !t.IsLogging || t.CloudWatchLogsLogGroupArn == "" || (!own && !t.IsOrganizationTrail) {
				continue
			}
			if t.roleUnverified && s.roleByARN(t.CloudWatchLogsRoleArn) == nil {
				// Seeded through PutTrail with a role this endpoint
				// never saw: the test owns what its log group holds.
				continue
			}
			if region != t.HomeRegion && !t.IsMultiRegionTrail {
				continue
			}
			if kind.global && !t.IncludeGlobalServiceEvents {
				continue
			}
			if t.wantsManagement(kind) {
				out = append(out, t)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].TrailARN < out[j].TrailARN })
	return out
}

// recordEvent records an answered call for the trails that log it. The
// caller holds s.mu.
func (s *Server) recordEvent(c *call, kind eventKind, in, out any, err error, trails []*trail) {
	if len(trails) == 0 {
		return
	}
	p := pendingRecord{due: c.now.Add(s.opts.TrailDelay), at: c.now, account: c.account,
		record: c.buildRecord(kind, in, out, err), trails: trails}
	if s.opts.TrailDelay <= 0 {
		s.deliver(p, c.now)
		return
	}
	s.chain.pending = append(s.chain.pending, p)
}

// deliverDue delivers the records whose time has come. The caller holds
// s.mu.
func (s *Server) deliverDue(now time.Time) {
	kept := s.chain.pending[:0]
	for _, p := range s.chain.pending {
		if p.due.After(now) {
			kept = append(kept, p)
			continue
		}
		s.deliver(p, now)
	}
	clear(s.chain.pending[len(kept):])
	s.chain.pending = kept
}

// DeliverTrailEvents delivers every CloudTrail record whose delivery time
// (Options.TrailDelay after its call) has come by the server's clock. An
// Endpoint started with a TrailDelay does it every second; tests with a
// pinned clock call it after moving the clock.
func (s *Server) DeliverTrailEvents() {
	s.mu.Lock()
	defer s.unlock()
	s.deliverDue(s.opts.Now().UTC())
}

// deliver writes one record to each of its trails' log groups, or notes
// the trail's delivery error. The caller holds s.mu.
func (s *Server) deliver(p pendingRecord, now time.Time) {
	if len(p.record) > maxRecordSize {
		return
	}
	for _, t := range p.trails {
		st, g, stream, err := s.checkDelivery(t, p.account)
		if err != nil {
			if !t.deliveryPinned {
				t.LatestCloudWatchLogsDeliveryError = err.Message
			}
			continue
		}
		ls := g.streams[stream]
		if ls == nil {
			ls = &logStream{name: stream, created: now}
			g.streams[stream] = ls
		}
		dc := &call{srv: s, account: st.account, region: st.name, st: st, now: now, requestID: newRequestID()}
		dc.ingest(g, ls, []logEvent{{ts: epochMillis(p.at), ingest: epochMillis(now), msg: string(p.record), id: st.eventID()}})
		if !t.deliveryPinned {
			t.LatestCloudWatchLogsDeliveryTime, t.LatestCloudWatchLogsDeliveryError = now, ""
		}
	}
}

// wantsManagement reports whether the trail's event selectors take a
// management event of kind: the default selector takes all; basic selectors
// by ReadWriteType, IncludeManagementEvents and
// ExcludeManagementEventSources; advanced selectors by their eventCategory,
// readOnly, eventSource and eventName field selectors (a selector on any
// other field takes no management event).
func (t *trail) wantsManagement(kind eventKind) bool {
	switch {
	case len(t.AdvancedEventSelectors) > 0:
		for _, sel := range t.AdvancedEventSelectors {
			if advancedSelects(sel, kind) {
				return true
			}
		}
		return false
	case len(t.EventSelectors) > 0:
		for _, sel := range t.EventSelectors {
			if sel.IncludeManagementEvents != nil && !*sel.IncludeManagementEvents {
				continue
			}
			if sel.ReadWriteType == "ReadOnly" && !kind.readOnly || sel.ReadWriteType == "WriteOnly" && kind.readOnly {
				continue
			}
			if slices.Contains(sel.ExcludeManagementEventSources, kind.source) {
				continue
			}
			return true
		}
		return false
	}
	return true
}

// advancedSelects applies one advanced selector to a management event.
func advancedSelects(sel AdvancedEventSelector, kind eventKind) bool {
	fields := map[string]string{"eventCategory": "Management", "readOnly": strconv.FormatBool(kind.readOnly), "eventSource": kind.source}
	category := false
	for _, f := range sel.FieldSelectors {
		v, known := fields[f.Field]
		if !known {
			return false
		}
		if f.Field == "eventCategory" {
			category = true
		}
		if !fieldSelects(f, v) {
			return false
		}
	}
	return category
}

// fieldSelects applies a field selector's conditions to a value: all the
// conditions given must hold.
func fieldSelects(f AdvancedFieldSelector, v string) bool {
	anyOf := func(vals []string, pred func(string) bool) bool {
		for _, x := range vals {
			if pred(x) {
				return true
			}
		}
		return false
	}
	eq := func(x string) bool { return x == v }
	starts := func(x string) bool { return strings.HasPrefix(v, x) }
	ends := func(x string) bool { return strings.HasSuffix(v, x) }
	return (f.Equals == nil || anyOf(f.Equals, eq)) &&
		(f.StartsWith == nil || anyOf(f.StartsWith, starts)) &&
		(f.EndsWith == nil || anyOf(f.EndsWith, ends)) &&
		!anyOf(f.NotEquals, eq) && !anyOf(f.NotStartsWith, starts) && !anyOf(f.NotEndsWith, ends)
}
