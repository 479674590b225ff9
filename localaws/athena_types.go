package localaws

// Athena's JSON 1.1 shapes, as much of them as cwpat's runner and the AWS
// CLI read.

type athenaStartInput struct {
	QueryString           string
	ClientRequestToken    string
	WorkGroup             string
	QueryExecutionContext *struct{ Database, Catalog string }
	ResultConfiguration   *struct{ OutputLocation string }
}

type athenaIDInput struct {
	QueryExecutionId string
}

type athenaResultsInput struct {
	QueryExecutionId string
	NextToken        string
	MaxResults       *int
}

type athenaStatus struct {
	State              string
	StateChangeReason  string            `json:",omitempty"`
	SubmissionDateTime *epochTime        `json:",omitempty"`
	CompletionDateTime *epochTime        `json:",omitempty"`
	AthenaError        *athenaErrorShape `json:",omitempty"`
}

type athenaErrorShape struct {
	ErrorCategory int
	ErrorType     int
	Retryable     bool
	ErrorMessage  string
}

type athenaStatistics struct {
	DataScannedInBytes          int64
	EngineExecutionTimeInMillis int64
	TotalExecutionTimeInMillis  int64
}

type athenaExecution struct {
	QueryExecutionId      string
	Query                 string
	StatementType         string
	WorkGroup             string
	Status                athenaStatus
	Statistics            athenaStatistics
	ResultConfiguration   struct{ OutputLocation string }
	QueryExecutionContext struct{ Database, Catalog string }
}

type athenaDatum struct {
	VarCharValue *string `json:",omitempty"`
}

type athenaRow struct {
	Data []athenaDatum
}

type athenaColumnInfo struct {
	CatalogName, SchemaName, TableName, Name, Label, Type string
	Nullable                                              string
	CaseSensitive                                         bool
	Precision, Scale                                      int
}

type athenaResultsOutput struct {
	UpdateCount int64
	NextToken   string `json:",omitempty"`
	ResultSet   struct {
		Rows              []athenaRow
		ResultSetMetadata struct{ ColumnInfo []athenaColumnInfo }
	}
}
