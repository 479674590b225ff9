package localaws

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// CloudWatch: metric data in and out.

const (
	maxMetricDataPerPut = 1000
	maxDimensions       = 30
	listMetricsPage     = 500
)

var reNamespace = regexp.MustCompile(`^[^:].*$`)

// checkNamespace validates a CloudWatch namespace: 1-255 characters, not
// starting with ':' (the service model's pattern [^:].*).
func checkNamespace(v *violations, ns, field string) {
	if v.length(ns, field, 1, 255) {
		v.match(ns, field, reNamespace, "[^:].*")
	}
}

// checkDimensions validates a dimension list (≤30, names 1-255, values 1-1024).
func checkDimensions(v *violations, ds []dimension, field string) {
	if len(ds) > maxDimensions {
		v.add(fmt.Sprintf("[%d dimensions]", len(ds)), field, "Member must have length less than or equal to 30")
	}
	for i, d := range ds {
		at := field + "." + itoa(i+1) + ".member"
		v.length(d.Name, at+".name", 1, 255)
		v.length(d.Value, at+".value", 1, 1024)
	}
}

func putMetricData(c *call, in *putMetricDataIn) (any, error) {
	if in.Namespace == nil {
		return nil, cwMissing("Namespace")
	}
	if len(in.MetricData) == 0 {
		return nil, cwMissing("MetricData")
	}
	var v violations
	checkNamespace(&v, *in.Namespace, "namespace")
	if len(in.MetricData) > maxMetricDataPerPut {
		v.add(fmt.Sprintf("[%d items]", len(in.MetricData)), "metricData", "Member must have length less than or equal to 1000")
	}
	for i, d := range in.MetricData {
		at := "metricData." + itoa(i+1) + ".member"
		if d.MetricName == nil {
			v.add(nil, at+".metricName", "Member must not be null")
		} else {
			v.length(*d.MetricName, at+".metricName", 1, 255)
		}
		checkDimensions(&v, d.Dimensions, at+".dimensions")
		if d.Unit != "" && !validUnit(d.Unit) {
			v.add(d.Unit, at+".unit", "Member must satisfy enum value set: "+listString(units))
		}
	}
	if err := v.cwErr(); err != nil {
		return nil, err
	}
	if strings.HasPrefix(*in.Namespace, "AWS/") {
		return nil, cwInvalidValue("The value AWS/ for parameter Namespace is invalid.")
	}
	for i, d := range in.MetricData {
		if err := checkDatumValues(i+1, &d); err != nil {
			return nil, err // nothing of the request is stored
		}
	}
	for _, d := range in.MetricData {
		ts := d.Timestamp
		if ts.IsZero() {
			ts = c.now
		}
		dims := dimsMap(d.Dimensions)
		name := *d.MetricName
		switch {
		case d.Value != nil:
			c.st.putDatum(*in.Namespace, name, dims, ts, *d.Value, d.Unit)
		case d.StatisticValues != nil:
			s := d.StatisticValues
			c.st.putSample(*in.Namespace, name, dims, sample{t: ts, count: s.SampleCount, sum: s.Sum, lo: s.Minimum, hi: s.Maximum, unit: d.Unit})
		default:
			for j, val := range d.Values {
				n := 1.0
				if len(d.Counts) > 0 {
					n = d.Counts[j]
				}
				c.st.putSample(*in.Namespace, name, dims, sample{t: ts, count: n, sum: val * n, lo: val, hi: val, unit: d.Unit})
			}
		}
	}
	return nil, nil
}

// checkDatumValues checks that datum n (1-based) gives its value one way.
// The mutual-exclusion messages name exactly the two parameters given, as
// AWS's do (localstack's AWS-validated snapshot test_put_metric_data_validation,
// 2025-09-19): "The parameters MetricData.member.1.Value and
// MetricData.member.1.Values are mutually exclusive and you have specified
// both." (and the same for Value and StatisticValues).
func checkDatumValues(n int, d *metricDatum) error {
	given := []string{}
	if d.Value != nil {
		given = append(given, "Value")
	}
	if d.StatisticValues != nil {
		given = append(given, "StatisticValues")
	}
	if len(d.Values) > 0 {
		given = append(given, "Values")
	}
	switch {
	case len(given) == 0:
		return cwInvalidCombination("At least one of the parameters MetricData.member.%d.Value, MetricData.member.%d.StatisticValues or MetricData.member.%d.Values must be specified.", n, n, n)
	case len(given) > 1:
		return cwInvalidCombination("The parameters MetricData.member.%d.%s and MetricData.member.%d.%s are mutually exclusive and you have specified both.", n, given[0], n, given[1])
	case len(d.Values) > 0 && len(d.Counts) > 0 && len(d.Counts) != len(d.Values):
		return cwInvalidValue("The parameters MetricData.member.%d.Values and MetricData.member.%d.Counts must be of the same size.", n, n)
	}
	return nil
}

func listMetrics(c *call, in *listMetricsIn) (any, error) {
	if in.RecentlyActive != "" && in.RecentlyActive != "PT3H" {
		return nil, cwInvalidValue("The value %s for parameter RecentlyActive is invalid.", in.RecentlyActive)
	}
	var found []metricRef
	for _, m := range c.st.metrics {
		if in.Namespace != "" && m.namespace != in.Namespace || in.MetricName != "" && m.name != in.MetricName {
			continue
		}
		if in.RecentlyActive != "" && m.lastPut.Before(c.now.Add(-3*time.Hour)) {
			continue
		}
		ok := true
		for _, f := range in.Dimensions {
			val, has := m.dims[f.Name]
			ok = ok && has && (f.Value == "" || f.Value == val)
		}
		if ok {
			found = append(found, metricRef{Namespace: m.namespace, MetricName: m.name, Dimensions: dimsList(m.dims)})
		}
	}
	sort.Slice(found, func(i, j int) bool {
		return metricID(found[i].Namespace, found[i].MetricName, dimsMap(found[i].Dimensions)) <
			metricID(found[j].Namespace, found[j].MetricName, dimsMap(found[j].Dimensions))
	})
	page, next, err := paginate(found, in.NextToken, listMetricsPage, cwInvalidNextToken())
	if err != nil {
		return nil, err
	}
	if page == nil {
		page = []metricRef{}
	}
	return &listMetricsOut{Metrics: page, NextToken: next}, nil
}

var basicStatistics = []string{"SampleCount", "Average", "Sum", "Minimum", "Maximum"}

func isStatistic(s string) bool {
	for _, x := range basicStatistics {
		if s == x {
			return true
		}
	}
	return false
}

// checkPeriod validates a period in seconds: 1, 5, 10, 20, 30 or a multiple of 60.
func checkPeriod(p int32) error {
	if p < 1 {
		return cwInvalidValue("The parameter Period must be greater than 0.")
	}
	if p%60 != 0 && p != 1 && p != 5 && p != 10 && p != 20 && p != 30 {
		return cwInvalidValue("The parameter Period must be 1, 5, 10, 20, 30, or a multiple of 60.")
	}
	return nil
}

func getMetricStatistics(c *call, in *getMetricStatisticsIn) (any, error) {
	switch {
	case in.Namespace == nil:
		return nil, cwMissing("Namespace")
	case in.MetricName == nil:
		return nil, cwMissing("MetricName")
	case in.StartTime == nil:
		return nil, cwMissing("StartTime")
	case in.EndTime == nil:
		return nil, cwMissing("EndTime")
	case in.Period == nil:
		return nil, cwMissing("Period")
	}
	if len(in.Statistics) == 0 && len(in.ExtendedStatistics) == 0 {
		return nil, cwInvalidCombination("Must specify either Statistics or ExtendedStatistics.")
	}
	if len(in.ExtendedStatistics) > 0 {
		return nil, cwInvalidValue("cwpat's local endpoint does not compute extended (percentile) statistics.")
	}
	for _, s := range in.Statistics {
		if !isStatistic(s) {
			return nil, cwInvalidValue("The parameter Statistics must be one of: %s.", strings.Join(basicStatistics, ", "))
		}
	}
	if err := checkPeriod(*in.Period); err != nil {
		return nil, err
	}
	if !in.StartTime.Before(*in.EndTime) {
		return nil, cwInvalidValue("The parameter StartTime must be less than the parameter EndTime.")
	}
	period := time.Duration(*in.Period) * time.Second
	if in.EndTime.Sub(*in.StartTime)/period > 1440 {
		return nil, cwInvalidCombination("You have requested up to %d datapoints, which exceeds the limit of 1440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.", int(in.EndTime.Sub(*in.StartTime)/period))
	}
	series := c.st.series(*in.Namespace, *in.MetricName, dimsMap(in.Dimensions))
	agg := buckets(series, *in.StartTime, *in.EndTime, period, in.Unit)
	out := &getMetricStatisticsOut{Label: *in.MetricName, Datapoints: []datapointOut{}}
	for _, t := range sortedTimes(agg) {
		a := agg[t]
		dp := datapointOut{Timestamp: t, Unit: a.unit}
		for _, s := range in.Statistics {
			val, _ := a.stat(s)
			p := &val
			switch s {
			case "SampleCount":
				dp.SampleCount = p
			case "Average":
				dp.Average = p
			case "Sum":
				dp.Sum = p
			case "Minimum":
				dp.Minimum = p
			case "Maximum":
				dp.Maximum = p
			}
		}
		out.Datapoints = append(out.Datapoints, dp)
	}
	return out, nil
}

func getMetricData(c *call, in *getMetricDataIn) (any, error) {
	switch {
	case len(in.MetricDataQueries) == 0:
		return nil, cwMissing("MetricDataQueries")
	case in.StartTime == nil:
		return nil, cwMissing("StartTime")
	case in.EndTime == nil:
		return nil, cwMissing("EndTime")
	}
	if !in.StartTime.Before(*in.EndTime) {
		return nil, cwInvalidValue("The parameter StartTime must be less than the parameter EndTime.")
	}
	if in.ScanBy != "" && in.ScanBy != "TimestampDescending" && in.ScanBy != "TimestampAscending" {
		return nil, cwInvalidValue("The value %s for parameter ScanBy is invalid.", in.ScanBy)
	}
	out := &getMetricDataOut{MetricDataResults: []metricDataResult{}}
	for i, q := range in.MetricDataQueries {
		if q.ID == "" {
			return nil, cwMissing("MetricDataQueries.member." + itoa(i+1) + ".Id")
		}
		if !metricQueryID.MatchString(q.ID) {
			return nil, cwInvalidValue("The value %s for parameter MetricDataQueries.member.%d.Id is invalid: an Id must start with a lower-case letter and contain only letters, digits and underscores.", q.ID, i+1)
		}
		if q.Expression != "" {
			return nil, cwInvalidValue("cwpat's local endpoint does not evaluate metric math; query %s has an Expression.", q.ID)
		}
		if q.MetricStat == nil {
			return nil, cwInvalidCombination("Exactly one of the parameters MetricStat and Expression must be specified for query %s.", q.ID)
		}
		ms := q.MetricStat
		if !isStatistic(ms.Stat) {
			return nil, cwInvalidValue("The value %s for parameter MetricDataQueries.member.%d.MetricStat.Stat is invalid.", ms.Stat, i+1)
		}
		if err := checkPeriod(ms.Period); err != nil {
			return nil, err
		}
		series := c.st.series(ms.Metric.Namespace, ms.Metric.MetricName, dimsMap(ms.Metric.Dimensions))
		agg := buckets(series, *in.StartTime, *in.EndTime, time.Duration(ms.Period)*time.Second, ms.Unit)
		times := sortedTimes(agg)
		if in.ScanBy != "TimestampAscending" {
			sort.Slice(times, func(a, b int) bool { return times[a].After(times[b]) })
		}
		label := q.Label
		if label == "" {
			label = ms.Metric.MetricName
		}
		r := metricDataResult{ID: q.ID, Label: label, Timestamps: []time.Time{}, Values: []float64{}, StatusCode: "Complete"}
		for _, t := range times {
			if val, ok := agg[t].stat(ms.Stat); ok {
				r.Timestamps = append(r.Timestamps, t)
				r.Values = append(r.Values, val)
			}
		}
		if q.ReturnData == nil || *q.ReturnData {
			out.MetricDataResults = append(out.MetricDataResults, r)
		}
	}
	return out, nil
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// metricQueryID is what GetMetricData allows as a query's Id: "The first
// character must be a lowercase letter" and the rest letters, digits or
// underscores (MetricDataQuery.Id in the API reference).
var metricQueryID = regexp.MustCompile(`^[a-z][a-zA-Z0-9_]{0,254}$`)
