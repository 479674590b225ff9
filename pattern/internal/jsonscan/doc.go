// Package jsonscan is the single-pass JSON reader behind cwpat's fast matcher.
//
// A Trie is built once from every selector path of every rule (object keys,
// array indexes and the .* / [*] wildcards). Scan then walks a log event once,
// hands each value found at a selected path to a Visitor, skips everything else
// without decoding it, and still decides whether the whole event is exactly one
// valid JSON object: a JSON filter pattern never matches anything else.
//
// The reader allocates nothing per event. Strings are offered raw (escapes
// undecoded) and decoded on demand into a caller buffer; numbers are offered as
// their literal text.
//
// Semantics chosen to agree with the reference matcher, which reads events with
// github.com/tidwall/gjson:
//   - validity is gjson.Valid's (RFC 8259 grammar, JSON whitespace around the
//     object, control characters rejected inside strings, UTF-8 not checked,
//     no nesting limit);
//   - object keys are compared after decoding their escapes;
//   - a member name that repeats in one object is selected by name only at
//     its first occurrence, as gjson's Get does at each step of the
//     reference's walk; a wildcard selects every member and element;
//   - string escapes decode exactly as gjson decodes them (a high surrogate
//     followed by any \u escape consumes it; bad pairs become U+FFFD).
package jsonscan
