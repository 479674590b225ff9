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

// Alarm holds the PutMetricAlarm settings that decide an alarm's state, in
// PutMetricAlarm's words and units (Period in seconds). It is cwpat's one
// model of them: rule files (rules.Alarm), deployments (alarms.Alarm), the
// backtest report and the local endpoint embed or build it, so a setting
// means the same everywhere. The YAML and JSON keys are PutMetricAlarm's.
//
// Dimensions and Unit name which datapoints of the metric the alarm sees.
// They are not part of a rule file's alarm (a rule's alarm watches its
// metric without dimensions), so they are never read from or written to
// YAML or JSON; deployments and the local endpoint set them.
type Alarm struct {
	Statistic Statistic `yaml:"statistic" json:"statistic"`
	// Period is the length of one period in seconds.
	Period            int `yaml:"period" json:"period"`
	EvaluationPeriods int `yaml:"evaluationPeriods" json:"evaluationPeriods"`
	// DatapointsToAlarm is M of "M out of N"; 0 leaves it unset, and AWS then
	// uses EvaluationPeriods.
	DatapointsToAlarm  int                `yaml:"datapointsToAlarm" json:"datapointsToAlarm,omitempty"`
	Threshold          float64            `yaml:"threshold" json:"threshold"`
	ComparisonOperator ComparisonOperator `yaml:"comparisonOperator" json:"comparisonOperator"`
	// TreatMissingData is missing, notBreaching, breaching or ignore; empty
	// leaves AWS's default (missing), as the CIS recipe does.
	TreatMissingData TreatMissingData `yaml:"treatMissingData" json:"treatMissingData,omitempty"`
	// Dimensions the alarm's metric must carry exactly (none for a metric
	// filter without dimensions).
	Dimensions map[string]string `yaml:"-" json:"-"`
	// Unit is the alarm's unit ("" for none): with one, the alarm sees only
	// datapoints published with that unit.
	Unit string `yaml:"-" json:"-"`
}

// PeriodDuration returns Period as a duration.
func (a Alarm) PeriodDuration() time.Duration { return time.Duration(a.Period) * time.Second }

// M returns the number of breaching datapoints needed for ALARM.
func (a Alarm) M() int {
	if a.DatapointsToAlarm == 0 {
		return a.EvaluationPeriods
	}
	return a.DatapointsToAlarm
}

// MissingData returns how the alarm treats missing data: TreatMissingData,
// or Missing when it is unset.
func (a Alarm) MissingData() TreatMissingData {
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
		errs = append(errs, fmt.Errorf("period must be positive (got %d seconds)", a.Period))
	case a.Period < 60 && a.Period != 10 && a.Period != 20 && a.Period != 30, a.Period >= 60 && a.Period%60 != 0:
		errs = append(errs, fmt.Errorf("period %d seconds: valid periods are 10, 20, 30 seconds or a multiple of 60 seconds", a.Period))
	}
	if a.EvaluationPeriods < 1 {
		errs = append(errs, fmt.Errorf("evaluationPeriods must be at least 1 (got %d)", a.EvaluationPeriods))
	} else if a.Period > 0 {
		if err := checkEvaluationSpan(a.EvaluationPeriods, a.Period); err != nil {
			errs = append(errs, err)
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
