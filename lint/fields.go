package lint

//go:generate go run ./internal/genfields -o fields_gen.go testdata/cloudtrail/invictus_aws_dataset.ndjson.gz testdata/cloudtrail/traildiscover_logexamples.ndjson.gz

// Kinds of value a CloudTrail field path holds, as bits in knownFields.
const (
	fieldScalar uint8 = 1 << iota
	fieldObject
	fieldArray
	// fieldAlways: every CloudTrail record has the field, as a scalar (the
	// user guide says it is not optional, and the sample records agree).
	fieldAlways
)
