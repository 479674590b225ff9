package lint

import (
	"regexp"
	"sort"
	"strings"
)

// presentWith are fields every record of one event has, beyond the fields
// of every record (fieldAlways): the CloudTrail user guide's console sign-in
// examples and every ConsoleLogin sample record carry
// additionalEventData.MFAUsed, "Yes" or "No".
var presentWith = map[string][]string{"ConsoleLogin": {"additionalEventData.MFAUsed"}}

// eventEquals finds $.eventName = NAME (not !=) in a pattern.
var eventEquals = regexp.MustCompile(`\$\.eventName\s*=\s*"?([A-Za-z0-9]+)"?`)

// requiredEvent returns the event name a pattern requires, or "": only a
// pattern without || requires its $.eventName = NAME, since every one of
// its conditions must hold.
func requiredEvent(src string) string {
	if strings.Contains(src, "||") {
		return ""
	}
	m := eventEquals.FindAllStringSubmatch(src, -1)
	if len(m) != 1 {
		return ""
	}
	return m[0][1]
}

// The unknown-cloudtrail-field check: a selector no CloudTrail record
// contains ($.eventname, $.userIdentity.Type) is accepted by AWS and never
// matches, the quietest way for a security alarm to be dead.

// distinctive are top-level CloudTrail fields whose presence in a pattern
// says "this is a CloudTrail filter" (application logs rarely use them).
var distinctive = []string{
	"eventName", "eventSource", "userIdentity", "eventType", "requestParameters",
	"responseElements", "additionalEventData", "recipientAccountId", "sourceIPAddress",
	"eventVersion", "eventCategory", "managementEvent", "serviceEventDetails",
}

// generic are CloudTrail fields that application logs use too: they make a
// pattern a CloudTrail filter only when all its selectors are CloudTrail's.
var generic = []string{"errorCode", "errorMessage", "awsRegion", "userAgent", "eventTime", "eventID", "requestID"}

// openRoots hold service-specific content: any key can appear under them,
// so an unknown key there is only reported when it differs from a known key
// by letter case alone (requestParameters.BucketName vs bucketName).
var openRoots = []string{
	"requestParameters", "responseElements", "additionalEventData", "serviceEventDetails",
	"insightDetails", "edgeDeviceDetails", "addendum",
	"userIdentity.sessionContext.webIdFederationData.attributes",
}

// children maps a normalized path prefix ("" for the root) to its known
// child segments.
var children = func() map[string][]string {
	m := map[string]map[string]bool{}
	for p := range knownFields {
		segs := splitNorm(p)
		for i := range segs {
			parent := joinSegs(segs[:i])
			if m[parent] == nil {
				m[parent] = map[string]bool{}
			}
			m[parent][segs[i]] = true
		}
	}
	out := map[string][]string{}
	for k, v := range m {
		for s := range v {
			out[k] = append(out[k], s)
		}
		sort.Strings(out[k])
	}
	return out
}()

// splitNorm splits a knownFields path into segments ("a[].b" -> a, [], b).
func splitNorm(p string) []string {
	var segs []string
	for _, part := range strings.Split(p, ".") {
		base := strings.TrimRight(part, "[]")
		if base != "" {
			segs = append(segs, base)
		}
		for range strings.Count(part[len(base):], "[]") {
			segs = append(segs, "[]")
		}
	}
	return segs
}

// looksLikeCloudTrail reports whether a JSON pattern's selectors make it a
// CloudTrail filter: one of them starts with a distinctive CloudTrail field
// or a near-miss of one ($.eventname, $.eventSorce); or every selector
// starts with a CloudTrail field (or near-miss), some of them generic ones
// like errorCode. { $.errorCode = 500 && $.level = "ERROR" } is an
// application log filter and is left alone.
func looksLikeCloudTrail(sels []selector) bool {
	allCloudTrail := true
	for _, s := range sels {
		first := s.segs[0]
		if nearAny(first, distinctive) {
			return true
		}
		if !nearAny(first, generic) && !nearAny(first, children[""]) {
			allCloudTrail = false
		}
	}
	return allCloudTrail && len(sels) > 0
}

// nearAny reports whether name equals one of names but for letter case or
// one edit (for names of six letters or more).
func nearAny(name string, names []string) bool {
	for _, d := range names {
		if name == d || strings.EqualFold(name, d) || (len(name) >= 6 && len(d) >= 6 && levenshtein(strings.ToLower(name), strings.ToLower(d)) <= 1) {
			return true
		}
	}
	return false
}

// fieldProblem is what is wrong with a selector against CloudTrail records.
type fieldProblem struct {
	message    string
	suggestion string // the selector respelled, or ""
	notScalar  bool
}

// checkCloudTrailField looks a selector up in the known CloudTrail fields.
// It returns nil when the selector is fine (or cannot be judged).
func checkCloudTrailField(s selector) *fieldProblem {
	segs := s.segs
	var prefix []string
	for i, seg := range segs {
		parent := joinSegs(prefix)
		known := children[parent]
		if seg == "*" {
			if len(known) == 0 {
				return nil
			}
			// A wildcard: the rest can't be judged segment by segment.
			return nil
		}
		if contains(known, seg) {
			prefix = append(prefix, seg)
			continue
		}
		open := isOpen(parent)
		best := closest(seg, known, open)
		if best == "" && open {
			return nil // an API parameter cwpat has not seen: fine
		}
		if best == "" && len(known) == 0 {
			return nil // below a scalar or unexplored: nothing to say
		}
		p := &fieldProblem{message: "CloudTrail records have no field " + displaySel(segs[:i+1])}
		if best != "" {
			fixed := append([]string(nil), segs...)
			fixed[i] = best
			p.suggestion = respell(s.raw, segs, fixed)
		}
		return p
	}
	kind := knownFields[joinSegs(segs)]
	if kind != 0 && kind&fieldScalar == 0 {
		what := "an object"
		if kind&fieldObject == 0 {
			what = "an array"
		}
		return &fieldProblem{message: displaySel(segs) + " is " + what + " in CloudTrail records, never a single value, so no comparison on it can match", notScalar: true}
	}
	return nil
}

func isOpen(parent string) bool {
	for _, r := range openRoots {
		if parent == r || strings.HasPrefix(parent, r+".") || strings.HasPrefix(parent, r+"[]") {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	i := sort.SearchStrings(list, s)
	return i < len(list) && list[i] == s
}

// closest returns the known segment seg most likely meant: one equal but for
// letter case first; else, outside open roots, the nearest by edit distance
// within a third of its length.
func closest(seg string, known []string, open bool) string {
	for _, k := range known {
		if strings.EqualFold(k, seg) {
			return k
		}
	}
	if open {
		return ""
	}
	best, bestD := "", len(seg)/3+1
	for _, k := range known {
		if k == "[]" {
			continue
		}
		if d := levenshtein(strings.ToLower(seg), strings.ToLower(k)); d < bestD || (d == bestD && best != "" && k < best) {
			best, bestD = k, d
		}
	}
	return best
}

func displaySel(segs []string) string {
	return "$." + joinSegs(segs)
}

// respell rewrites the selector as the user wrote it with one segment
// replaced, keeping their index style ([0], [*], ['a.b']).
func respell(raw string, segs, fixed []string) string {
	for i := range segs {
		if segs[i] != fixed[i] {
			if j := strings.Index(raw, "."+segs[i]); j >= 0 {
				return raw[:j+1] + fixed[i] + raw[j+1+len(segs[i]):]
			}
		}
	}
	return displaySel(fixed)
}

// levenshtein is the edit distance between a and b (bytes; field names are ASCII).
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
