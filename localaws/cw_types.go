package localaws

import "time"

// CloudWatch wire shapes. Member names are the json tags; the same structs
// serve RPCv2 CBOR and the query protocol.

type dimension struct {
	Name  string `json:"Name"`
	Value string `json:"Value"`
}

type cwTag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

type metricRef struct {
	Namespace  string      `json:"Namespace,omitempty"`
	MetricName string      `json:"MetricName,omitempty"`
	Dimensions []dimension `json:"Dimensions,omitempty"`
}

type metricStat struct {
	Metric metricRef `json:"Metric"`
	Period int32     `json:"Period"`
	Stat   string    `json:"Stat"`
	Unit   string    `json:"Unit,omitempty"`
}

type metricDataQuery struct {
	ID         string      `json:"Id"`
	MetricStat *metricStat `json:"MetricStat,omitempty"`
	Expression string      `json:"Expression,omitempty"`
	Label      string      `json:"Label,omitempty"`
	ReturnData *bool       `json:"ReturnData,omitempty"`
	Period     int32       `json:"Period,omitempty"`
	AccountID  string      `json:"AccountId,omitempty"`
}

// metricAlarm is both the stored alarm and its DescribeAlarms shape.
type metricAlarm struct {
	AlarmName                          string            `json:"AlarmName"`
	AlarmArn                           string            `json:"AlarmArn"`
	AlarmDescription                   string            `json:"AlarmDescription,omitempty"`
	AlarmConfigurationUpdatedTimestamp time.Time         `json:"AlarmConfigurationUpdatedTimestamp"`
	ActionsEnabled                     bool              `json:"ActionsEnabled"`
	OKActions                          []string          `json:"OKActions"`
	AlarmActions                       []string          `json:"AlarmActions"`
	InsufficientDataActions            []string          `json:"InsufficientDataActions"`
	StateValue                         string            `json:"StateValue"`
	StateReason                        string            `json:"StateReason"`
	StateReasonData                    string            `json:"StateReasonData,omitempty"`
	StateUpdatedTimestamp              time.Time         `json:"StateUpdatedTimestamp"`
	StateTransitionedTimestamp         time.Time         `json:"StateTransitionedTimestamp"`
	MetricName                         string            `json:"MetricName,omitempty"`
	Namespace                          string            `json:"Namespace,omitempty"`
	Statistic                          string            `json:"Statistic,omitempty"`
	ExtendedStatistic                  string            `json:"ExtendedStatistic,omitempty"`
	Dimensions                         []dimension       `json:"Dimensions"`
	Period                             *int32            `json:"Period,omitempty"`
	Unit                               string            `json:"Unit,omitempty"`
	EvaluationPeriods                  int32             `json:"EvaluationPeriods"`
	DatapointsToAlarm                  *int32            `json:"DatapointsToAlarm,omitempty"`
	Threshold                          *float64          `json:"Threshold,omitempty"`
	ComparisonOperator                 string            `json:"ComparisonOperator"`
	TreatMissingData                   string            `json:"TreatMissingData,omitempty"`
	EvaluateLowSampleCountPercentile   string            `json:"EvaluateLowSampleCountPercentile,omitempty"`
	Metrics                            []metricDataQuery `json:"Metrics,omitempty"`
	ThresholdMetricID                  string            `json:"ThresholdMetricId,omitempty"`
}

// alarm is a stored metric alarm.
type alarm struct {
	metricAlarm
	// evaluated is when the alarm was last brought up to date.
	evaluated time.Time
}

type putMetricAlarmIn struct {
	AlarmName                        *string           `json:"AlarmName"`
	AlarmDescription                 string            `json:"AlarmDescription"`
	ActionsEnabled                   *bool             `json:"ActionsEnabled"`
	OKActions                        []string          `json:"OKActions"`
	AlarmActions                     []string          `json:"AlarmActions"`
	InsufficientDataActions          []string          `json:"InsufficientDataActions"`
	MetricName                       string            `json:"MetricName"`
	Namespace                        string            `json:"Namespace"`
	Statistic                        string            `json:"Statistic"`
	ExtendedStatistic                string            `json:"ExtendedStatistic"`
	Dimensions                       []dimension       `json:"Dimensions"`
	Period                           *int32            `json:"Period"`
	Unit                             string            `json:"Unit"`
	EvaluationPeriods                *int32            `json:"EvaluationPeriods"`
	DatapointsToAlarm                *int32            `json:"DatapointsToAlarm"`
	Threshold                        *float64          `json:"Threshold"`
	ComparisonOperator               *string           `json:"ComparisonOperator"`
	TreatMissingData                 string            `json:"TreatMissingData"`
	EvaluateLowSampleCountPercentile string            `json:"EvaluateLowSampleCountPercentile"`
	Metrics                          []metricDataQuery `json:"Metrics"`
	Tags                             []cwTag           `json:"Tags"`
	ThresholdMetricID                string            `json:"ThresholdMetricId"`
}

type describeAlarmsIn struct {
	AlarmNames      []string `json:"AlarmNames"`
	AlarmNamePrefix string   `json:"AlarmNamePrefix"`
	AlarmTypes      []string `json:"AlarmTypes"`
	StateValue      string   `json:"StateValue"`
	ActionPrefix    string   `json:"ActionPrefix"`
	MaxRecords      *int32   `json:"MaxRecords"`
	NextToken       string   `json:"NextToken"`
}

type describeAlarmsOut struct {
	MetricAlarms    []metricAlarm `json:"MetricAlarms"`
	CompositeAlarms []struct{}    `json:"CompositeAlarms"`
	NextToken       string        `json:"NextToken,omitempty"`
}

type describeAlarmsForMetricIn struct {
	MetricName        *string     `json:"MetricName"`
	Namespace         *string     `json:"Namespace"`
	Statistic         string      `json:"Statistic"`
	ExtendedStatistic string      `json:"ExtendedStatistic"`
	Dimensions        []dimension `json:"Dimensions"`
	Period            *int32      `json:"Period"`
	Unit              string      `json:"Unit"`
}

type metricAlarmsOut struct {
	MetricAlarms []metricAlarm `json:"MetricAlarms"`
}

type alarmNamesIn struct {
	AlarmNames []string `json:"AlarmNames"`
}

type setAlarmStateIn struct {
	AlarmName       *string `json:"AlarmName"`
	StateValue      *string `json:"StateValue"`
	StateReason     *string `json:"StateReason"`
	StateReasonData string  `json:"StateReasonData"`
}

type statisticSet struct {
	SampleCount float64 `json:"SampleCount"`
	Sum         float64 `json:"Sum"`
	Minimum     float64 `json:"Minimum"`
	Maximum     float64 `json:"Maximum"`
}

type metricDatum struct {
	MetricName        *string       `json:"MetricName"`
	Dimensions        []dimension   `json:"Dimensions"`
	Timestamp         time.Time     `json:"Timestamp"`
	Value             *float64      `json:"Value"`
	StatisticValues   *statisticSet `json:"StatisticValues"`
	Values            []float64     `json:"Values"`
	Counts            []float64     `json:"Counts"`
	Unit              string        `json:"Unit"`
	StorageResolution int32         `json:"StorageResolution"`
}

type putMetricDataIn struct {
	Namespace  *string       `json:"Namespace"`
	MetricData []metricDatum `json:"MetricData"`
}

type listMetricsIn struct {
	Namespace      string      `json:"Namespace"`
	MetricName     string      `json:"MetricName"`
	Dimensions     []dimension `json:"Dimensions"`
	NextToken      string      `json:"NextToken"`
	RecentlyActive string      `json:"RecentlyActive"`
}

type listMetricsOut struct {
	Metrics   []metricRef `json:"Metrics"`
	NextToken string      `json:"NextToken,omitempty"`
}

type getMetricStatisticsIn struct {
	Namespace          *string     `json:"Namespace"`
	MetricName         *string     `json:"MetricName"`
	Dimensions         []dimension `json:"Dimensions"`
	StartTime          *time.Time  `json:"StartTime"`
	EndTime            *time.Time  `json:"EndTime"`
	Period             *int32      `json:"Period"`
	Statistics         []string    `json:"Statistics"`
	ExtendedStatistics []string    `json:"ExtendedStatistics"`
	Unit               string      `json:"Unit"`
}

type datapointOut struct {
	Timestamp   time.Time `json:"Timestamp"`
	SampleCount *float64  `json:"SampleCount,omitempty"`
	Average     *float64  `json:"Average,omitempty"`
	Sum         *float64  `json:"Sum,omitempty"`
	Minimum     *float64  `json:"Minimum,omitempty"`
	Maximum     *float64  `json:"Maximum,omitempty"`
	Unit        string    `json:"Unit,omitempty"`
}

type getMetricStatisticsOut struct {
	Label      string         `json:"Label"`
	Datapoints []datapointOut `json:"Datapoints"`
}

type getMetricDataIn struct {
	MetricDataQueries []metricDataQuery `json:"MetricDataQueries"`
	StartTime         *time.Time        `json:"StartTime"`
	EndTime           *time.Time        `json:"EndTime"`
	NextToken         string            `json:"NextToken"`
	ScanBy            string            `json:"ScanBy"`
	MaxDatapoints     *int32            `json:"MaxDatapoints"`
}

type metricDataResult struct {
	ID         string      `json:"Id"`
	Label      string      `json:"Label"`
	Timestamps []time.Time `json:"Timestamps"`
	Values     []float64   `json:"Values"`
	StatusCode string      `json:"StatusCode"`
}

type getMetricDataOut struct {
	MetricDataResults []metricDataResult `json:"MetricDataResults"`
	NextToken         string             `json:"NextToken,omitempty"`
}

type cwTagResourceIn struct {
	ResourceARN *string `json:"ResourceARN"`
	Tags        []cwTag `json:"Tags"`
}

type cwUntagResourceIn struct {
	ResourceARN *string  `json:"ResourceARN"`
	TagKeys     []string `json:"TagKeys"`
}

type cwListTagsIn struct {
	ResourceARN *string `json:"ResourceARN"`
}

type cwListTagsOut struct {
	Tags []cwTag `json:"Tags"`
}
