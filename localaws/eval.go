package localaws

import (
	"sort"
	"time"

	"github.com/cwpat/cwpat/sim"
)

// Alarm evaluation, by package sim (the project's CloudWatch alarm
// simulator): an alarm is evaluated at every period boundary on the complete
// periods before it, over CloudWatch's evaluation range, as AWS documents.
// Evaluation is lazy: each request first brings the alarms of its account and
// region up to the server's clock, so a state read over the wire, and the SNS
// notifications an alarm sends, are always those of "now".

// maxEvaluationWork bounds one catch-up evaluation of one alarm, in
// (boundaries x evaluation-range periods) looked at, so that an alarm of
// 8640 ten-second periods, or a server left alone for a day, stays cheap:
// only the most recent boundaries that fit are evaluated. Each boundary's
// state depends only on the data before it, so the state reached is exact;
// only transitions older than the budget go unreported.
const maxEvaluationWork = 1 << 20

// simAlarm reads the settings that decide a stored alarm's state off its
// wire form (pointers for what PutMetricAlarm may leave out).
func simAlarm(a *metricAlarm) sim.Alarm {
	s := sim.Alarm{
		Statistic:          sim.Statistic(a.Statistic),
		Period:             int(*a.Period),
		EvaluationPeriods:  int(a.EvaluationPeriods),
		Threshold:          *a.Threshold,
		ComparisonOperator: sim.ComparisonOperator(a.ComparisonOperator),
		TreatMissingData:   sim.TreatMissingData(a.TreatMissingData),
		Dimensions:         dimsMap(a.Dimensions),
		Unit:               a.Unit,
	}
	if a.DatapointsToAlarm != nil {
		s.DatapointsToAlarm = int(*a.DatapointsToAlarm)
	}
	return s
}

// simDatapoints are the alarm metric's datapoints in [start, end).
func simDatapoints(series []*metricSeries, start, end time.Time, period time.Duration, unit string) []sim.Datapoint {
	agg := buckets(series, start, end, period, unit)
	out := make([]sim.Datapoint, 0, len(agg))
	for _, t := range sortedTimes(agg) {
		a := agg[t]
		out = append(out, sim.Datapoint{Timestamp: t, StatisticSet: sim.StatisticSet{SampleCount: a.count, Sum: a.sum, Minimum: a.lo, Maximum: a.hi}})
	}
	return out
}

// evaluateAlarm brings one alarm up to the call's clock: every period
// boundary passed since its last evaluation is evaluated in order, and each
// change of state runs the alarm's actions.
func (c *call) evaluateAlarm(a *alarm) {
	if a.Period == nil || a.Threshold == nil || a.Statistic == "" {
		return
	}
	period := time.Duration(*a.Period) * time.Second
	if sim.PeriodStart(a.evaluated, period).Add(period).After(c.now) {
		return // no boundary passed since the last evaluation
	}
	settings := simAlarm(&a.metricAlarm)
	// Only boundaries after the last evaluation are new. "ignore" keeps the
	// current state when data is missing, which sim knows only by replaying
	// the alarm from its configuration.
	from := a.evaluated
	if a.TreatMissingData == "ignore" {
		from = a.AlarmConfigurationUpdatedTimestamp
	}
	boundaries := max(1, maxEvaluationWork/(settings.EvaluationPeriods+2))
	if limit := c.now.Add(-time.Duration(boundaries) * period); from.Before(limit) {
		from = limit
	}
	start := sim.PeriodStart(from, period).Add(-time.Duration(settings.EvaluationPeriods+2) * period)
	series := c.st.series(a.Namespace, a.MetricName, dimsMap(a.Dimensions))
	tl, err := sim.Evaluate(settings, simDatapoints(series, start, c.now, period, a.Unit), from, c.now)
	if err != nil {
		// PutMetricAlarm accepted the alarm, so sim refusing it is a gap
		// between the two validations; the alarm keeps its state and says why.
		a.StateReason = "cwpat could not evaluate this alarm: " + err.Error()
		a.evaluated = c.now
		return
	}
	for _, ev := range tl.Evaluations {
		if !ev.Time.After(a.evaluated) {
			continue
		}
		c.transition(a, string(ev.State), ev.Reason, ev.ReasonData(settings).JSON(), ev.Time)
	}
	a.evaluated = c.now
}

// evaluateRegion brings every alarm of the call's account and region up to
// date. Alarms change state only at period boundaries, so a request before
// the region's next boundary costs nothing, however many alarms there are;
// a request after it evaluates the alarms whose boundary has passed.
func (c *call) evaluateRegion() {
	if c.now.Before(c.st.nextEval) {
		return
	}
	var next time.Time
	for _, name := range sortedAlarmNames(c.st) {
		a := c.st.alarms[name]
		c.evaluateAlarm(a)
		c.srv.alarmsEvaluated++
		if due, ok := nextBoundary(a); ok && (next.IsZero() || due.Before(next)) {
			next = due
		}
	}
	if next.IsZero() {
		next = farFuture // no alarm to evaluate until PutMetricAlarm resets it
	}
	c.st.nextEval = next
}

// farFuture is later than any clock the server runs on.
var farFuture = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

// nextBoundary is the next period boundary after an alarm's last
// evaluation: the first time evaluateAlarm has work to do.
func nextBoundary(a *alarm) (time.Time, bool) {
	if a.Period == nil || a.Threshold == nil || a.Statistic == "" {
		return time.Time{}, false
	}
	period := time.Duration(*a.Period) * time.Second
	return sim.PeriodStart(a.evaluated, period).Add(period), true
}

func sortedAlarmNames(r *region) []string {
	names := make([]string, 0, len(r.alarms))
	for n := range r.alarms {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// EvaluateAlarms evaluates every alarm of every account and region up to the
// server's clock (Options.Now), running the actions of each state change.
// Requests do this for their own region; tests that move their clock call it
// to see notifications without making a request.
func (s *Server) EvaluateAlarms() {
	s.mu.Lock()
	defer s.unlock()
	s.evaluateAll()
}

// evaluateAll evaluates every region's alarms. The caller holds s.mu.
func (s *Server) evaluateAll() {
	now := s.opts.Now().UTC()
	for k, st := range s.regions {
		c := &call{srv: s, account: k.account, region: k.region, st: st, now: now, requestID: newRequestID()}
		c.evaluateRegion()
	}
}

// AlarmsEvaluated counts how many times the server has brought an alarm up
// to date: a measure of evaluation work that tests can hold steady where a
// timing would be noise.
func (s *Server) AlarmsEvaluated() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.alarmsEvaluated
}
