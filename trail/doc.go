// Package trail reads CloudTrail records in every shape users keep them:
// NDJSON (one record per line, or records back to back, pretty-printed or
// not), the {"Records":[...]} files CloudTrail delivers to S3, a JSON array of
// records, `aws cloudtrail lookup-events` output ({"Events":[{"CloudTrailEvent":
// "..."}]}), `aws logs filter-log-events` and `get-log-events` output
// ({"events":[{"message":"..."}]}), CloudWatch Logs exports ("<timestamp>
// <record>" lines), each
// plain, gzip- or zstd-compressed (detected by magic bytes, not by name), from
// files, directories walked recursively in a stable order, or stdin ("-").
//
// Reading streams: memory stays flat in the size of an archive, even for a
// single 100 MB {"Records":[...]} file. Each record is handed over as the log
// event message CloudWatch Logs would hold for it (compact JSON, as CloudTrail
// delivers one record per event), with its eventTime parsed and its origin.
// Parallel and Render read one source on several cores: its goroutine
// only decompresses and cuts NDJSON at line ends, or a {"Records":[...]}
// file between its records, and workers check the records; from the first
// line or element that is not simply one record, the source is read
// sequentially, so records, problems and positions are always Read's.
// Workers check a compact record in one straight pass (quickRecord) and
// leave anything unusual to the general scanner.
// Bad input never stops a run: every problem is reported as a diag.Diagnostic
// naming the file and position, and reading goes on with the next record or
// the next file.
package trail
