// Package awslimits is the one place cwpat writes down what AWS accepts:
// lengths as AWS counts them, quotas, and AWS's own error texts. The
// pattern language, the lint rules, the local endpoint and the CLI all ask
// it, so they cannot disagree about where a limit lies or how AWS words a
// refusal.
//
// AWS's service-side validators are Java: a string's length is the number
// of UTF-16 code units (String.length()), so a character outside the Basic
// Multilingual Plane, such as an emoji, counts twice. Length counts the same
// way.
//
// It imports nothing of cwpat.
package awslimits
