package sim

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// Statistic is how the samples of one period become one datapoint.
type Statistic string

// The statistics an alarm on a metric-filter metric can use.
const (
	Sum         Statistic = "Sum"
	Average     Statistic = "Average"
	Minimum     Statistic = "Minimum"
	Maximum     Statistic = "Maximum"
	SampleCount Statistic = "SampleCount"
)

// Statistics lists the valid statistics in AWS's order.
var Statistics = []Statistic{SampleCount, Average, Sum, Minimum, Maximum}

// ComparisonOperator compares a datapoint (left) with the threshold (right).
type ComparisonOperator string

// The static-threshold comparison operators of PutMetricAlarm.
const (
	GreaterThanOrEqualToThreshold ComparisonOperator = "GreaterThanOrEqualToThreshold"
	GreaterThanThreshold          ComparisonOperator = "GreaterThanThreshold"
	LessThanThreshold             ComparisonOperator = "LessThanThreshold"
	LessThanOrEqualToThreshold    ComparisonOperator = "LessThanOrEqualToThreshold"
)

// ComparisonOperators lists the valid operators.
var ComparisonOperators = []ComparisonOperator{GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold}

// TreatMissingData is how an alarm fills periods that have no datapoint.
type TreatMissingData string

// The four ways of treating missing data; the empty value means Missing, as
// in PutMetricAlarm.
const (
	Missing      TreatMissingData = "missing"
	NotBreaching TreatMissingData = "notBreaching"
	Breaching    TreatMissingData = "breaching"
	Ignore       TreatMissingData = "ignore"
)

// TreatMissingDataModes lists the valid modes.
var TreatMissingDataModes = []TreatMissingData{Missing, NotBreaching, Breaching, Ignore}

// Alarm holds the PutMetricAlarm settings that decide an alarm's state.
type Alarm struct {
	Statistic          Statistic
	Period             time.Duration
	EvaluationPeriods  int
	DatapointsToAlarm  int // 0 means EvaluationPeriods
	Threshold          float64
	ComparisonOperator ComparisonOperator
	TreatMissingData   TreatMissingData // "" means Missing
	// Dimensions the alarm's metric must carry exactly (none for a metric
	// filter without dimensions).
	Dimensions map[string]string
}

// M returns the number of breaching datapoints needed for ALARM.
func (a Alarm) M() int {
	if a.DatapointsToAlarm == 0 {
		return a.EvaluationPeriods
	}
	return a.DatapointsToAlarm
}

func (a Alarm) treatment() TreatMissingData {
	if a.TreatMissingData == "" {
		return Missing
	}
	return a.TreatMissingData
}

// Breaches reports whether value breaches the threshold.
func (a Alarm) Breaches(value float64) bool {
	switch a.ComparisonOperator {
	case GreaterThanOrEqualToThreshold:
		return value >= a.Threshold
	case GreaterThanThreshold:
		return value > a.Threshold
	case LessThanThreshold:
		return value < a.Threshold
	case LessThanOrEqualToThreshold:
		return value <= a.Threshold
	}
	return false
}

// Validate checks the settings as PutMetricAlarm does, so a simulated alarm
// is one AWS would accept. Every problem is reported, joined.
func (a Alarm) Validate() error {
	var errs []error
	if !oneOf(a.Statistic, Statistics) {
		errs = append(errs, fmt.Errorf("statistic %q is not one of %v", a.Statistic, Statistics))
	}
	switch {
	case a.Period <= 0:
		errs = append(errs, fmt.Errorf("period must be positive (got %v)", a.Period))
	case a.Period%time.Second != 0:
		errs = append(errs, fmt.Errorf("period %v is not a whole number of seconds", a.Period))
	case a.Period < time.Minute && a.Period != 10*time.Second && a.Period != 20*time.Second && a.Period != 30*time.Second:
		errs = append(errs, fmt.Errorf("period %v: valid periods are 10, 20, 30 seconds or a multiple of 60 seconds", a.Period))
	case a.Period >= time.Minute && a.Period%time.Minute != 0:
		errs = append(errs, fmt.Errorf("period %v: valid periods are 10, 20, 30 seconds or a multiple of 60 seconds", a.Period))
	}
	if a.EvaluationPeriods < 1 {
		errs = append(errs, fmt.Errorf("evaluationPeriods must be at least 1 (got %d)", a.EvaluationPeriods))
	} else if a.Period > 0 {
		limit := 24 * time.Hour
		if a.Period >= time.Hour {
			limit = 7 * 24 * time.Hour
		}
		if span := time.Duration(a.EvaluationPeriods) * a.Period; span > limit {
			errs = append(errs, fmt.Errorf("evaluationPeriods x period = %v exceeds %v", span, limit))
		}
	}
	if a.DatapointsToAlarm < 0 || a.DatapointsToAlarm > a.EvaluationPeriods {
		errs = append(errs, fmt.Errorf("datapointsToAlarm must be between 1 and evaluationPeriods (%d), got %d", a.EvaluationPeriods, a.DatapointsToAlarm))
	}
	if math.IsNaN(a.Threshold) || math.IsInf(a.Threshold, 0) {
		errs = append(errs, fmt.Errorf("threshold must be a finite number (got %v)", a.Threshold))
	}
	if !oneOf(a.ComparisonOperator, ComparisonOperators) {
		errs = append(errs, fmt.Errorf("comparisonOperator %q is not one of %v", a.ComparisonOperator, ComparisonOperators))
	}
	if a.TreatMissingData != "" && !oneOf(a.TreatMissingData, TreatMissingDataModes) {
		errs = append(errs, fmt.Errorf("treatMissingData %q is not one of %v", a.TreatMissingData, TreatMissingDataModes))
	}
	return errors.Join(errs...)
}

func oneOf[T comparable](v T, all []T) bool {
	for _, x := range all {
		if v == x {
			return true
		}
	}
	return false
}
