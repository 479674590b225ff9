package lint

import (
	"slices"
	"strconv"
	"strings"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/pattern"
)

// checkFound runs every check on one found pattern: the pattern package's
// errors and warnings, mapped onto the file, then lint's own checks on what
// the file says around the pattern.
func checkFound(f *file, fd *found) diag.List {
	if fd.pattern.notString {
		d := newDiag(CodePatternNotString, "the pattern of "+fd.resource+" is "+fd.pattern.why+": YAML reads an unquoted { ... } or [ ... ] as a mapping or a list",
			"quote the pattern: FilterPattern: '{ $.eventName = ConsoleLogin }' (single quotes keep the double quotes inside)")
		return diag.List{f.at(d, fd.pattern.nonLiteralAt)}
	}
	if !fd.pattern.Literal {
		checked := "; it was not checked"
		if fd.pattern.partial != nil {
			checked = "; only the text written around it was checked"
		}
		d := newDiag(CodePatternNotLiteral, "pattern of "+fd.resource+" is "+fd.pattern.why+checked,
			"lint the rendered template or plan, where the pattern is written out")
		return append(diag.List{f.at(d, fd.pattern.nonLiteralAt)}, checkPartial(f, fd)...)
	}
	pt := sentPattern(f, &fd.pattern)
	src := pt.Value
	m, err := pattern.Compile(src) // parses and checks, as Parse does, once
	if err != nil {
		return patternErrors(f, pt, err)
	}
	p := m.Pattern()
	kind := p.Kind()
	var out diag.List
	var sels []selector
	cloudTrail := false
	if kind == pattern.JSON {
		sels = jsonSelectors(src)
		cloudTrail = isCloudTrailFilter(fd, sels)
	}
	fd.cloudTrail = map[bool]int8{true: 1, false: -1}[cloudTrail]
	for _, w := range p.Warnings() {
		if cloudTrail && w.Code == "ne-missing-field" && onAlwaysPresent(w, sels, src) {
			continue
		}
		out = append(out, f.inText(w, pt))
	}
	if kind == pattern.JSON {
		out = append(out, checkSelectors(f, fd, m)...)
	}
	if fd.metric != nil {
		out = append(out, checkMetric(f, fd, kind)...)
	}
	return out
}

// sentPattern is the pattern as it reaches AWS. Terraform's AWS provider
// sends strings.TrimSpace(pattern), so the newline a heredoc ends with never
// reaches PutMetricFilter (AWS refuses blanks around a JSON pattern:
// blank-before-pattern); other sources send the value as written.
func sentPattern(f *file, t *text) *text {
	if k := typeByName(f.Name); k != "tf" && k != "tfjson" {
		return t
	}
	trimmed := strings.TrimSpace(t.Value)
	if trimmed == t.Value {
		return t
	}
	lead := strings.Index(t.Value, trimmed)
	out := *t
	out.Value = trimmed
	if len(t.offs) == len(t.Value)+1 {
		out.offs = t.offs[lead : lead+len(trimmed)+1]
	}
	return &out
}

// onAlwaysPresent reports whether a ne-missing-field warning is about a
// field every CloudTrail record has ($.eventName, $.sourceIPAddress), or
// every record of the one event the pattern requires has: there the
// missing case the warning is about never happens.
func onAlwaysPresent(w diag.Diagnostic, sels []selector, src string) bool {
	end := w.Pos.Offset + max(w.Len, 1)
	for _, s := range sels {
		if s.off < w.Pos.Offset || s.off >= end {
			continue
		}
		if knownFields[s.norm()]&fieldAlways != 0 {
			return true
		}
		return slices.Contains(presentWith[requiredEvent(src)], s.norm())
	}
	return false
}

// patternErrors maps pattern.Parse's diagnostics onto the file.
func patternErrors(f *file, t *text, err error) diag.List {
	l, ok := diag.As(err)
	if !ok {
		d := newDiag(CodePatternInvalid, err.Error(), "")
		return diag.List{f.at(d, t.fileOffset(0))}
	}
	out := make(diag.List, 0, len(l))
	for _, d := range l {
		out = append(out, f.inText(d, t))
	}
	return out
}

// checkSelectors checks a CloudTrail filter's selectors against the fields
// CloudTrail records contain, and its breadth against sample records.
func checkSelectors(f *file, fd *found, m *pattern.Matcher) diag.List {
	sels := jsonSelectors(fd.pattern.Value)
	if !isCloudTrailFilter(fd, sels) {
		return nil
	}
	return append(checkBroad(f, fd, m), checkFields(f, &fd.pattern, sels)...)
}

// isCloudTrailFilter reports whether a pattern's selectors (or its log
// group's name) make it a CloudTrail filter.
func isCloudTrailFilter(fd *found, sels []selector) bool {
	if len(sels) == 0 {
		return false
	}
	if lg, ok := literal(fd.logGroup); ok && strings.Contains(strings.ToLower(lg), "cloudtrail") {
		return true
	}
	return looksLikeCloudTrail(sels)
}

// checkFields looks each selector up in the fields CloudTrail records have.
func checkFields(f *file, t *text, sels []selector) diag.List {
	var out diag.List
	for _, s := range sels {
		prob := checkCloudTrailField(s)
		if prob == nil {
			continue
		}
		code, hint := CodeUnknownField, ""
		if prob.notScalar {
			code = CodeSelectorNotScalar
			hint = "select a value inside it, e.g. " + exampleInside(s)
		}
		msg := prob.message
		if prob.suggestion != "" {
			msg += "; did you mean " + prob.suggestion + "?"
			hint = "selectors are case-sensitive and a selector no record has never matches, so the alarm stays silent"
		}
		d := newDiag(code, msg, hint)
		d.Len = runeLen(s.raw)
		out = append(out, f.at(d, t.fileOffset(s.off)))
	}
	return out
}

// checkPartial checks what can be read of a pattern built at deploy time:
// the selectors written literally around its ${...} substitutions. Nothing
// is guessed about the substituted values.
func checkPartial(f *file, fd *found) diag.List {
	t := fd.pattern.partial
	if t == nil || !strings.HasPrefix(strings.TrimSpace(t.Value), "{") {
		return nil
	}
	sels := jsonSelectors(t.Value)
	if !isCloudTrailFilter(fd, sels) {
		return nil
	}
	return checkFields(f, t, sels)
}

// exampleInside suggests a scalar under an object or array selector,
// preferring the fields CloudTrail filters most often test.
func exampleInside(s selector) string {
	n := s.norm()
	base, raw := n, s.raw
	if contains(children[n], "[]") {
		base, raw = n+"[]", s.raw+"[0]"
	}
	cands := append([]string{"type", "arn", "ARN", "name"}, children[base]...)
	for _, c := range cands {
		if knownFields[base+"."+c]&fieldScalar != 0 {
			return raw + "." + c
		}
	}
	return raw + ".<field>"
}

// fieldRef is what a metric value or dimension value takes from the event.
type fieldRef struct {
	json  string // "userIdentity.type" for $.userIdentity.type
	space string // "size" for $size, "7" for $7
}

func parseFieldRef(v string) (fieldRef, bool) {
	switch {
	case strings.HasPrefix(v, "$."), strings.HasPrefix(v, "$["):
		s, _ := readSelector(v, 0)
		return fieldRef{json: s.norm()}, true
	case strings.HasPrefix(v, "$") && len(v) > 1:
		return fieldRef{space: v[1:]}, true
	}
	return fieldRef{}, false
}

// checkFieldRef checks one metric value or dimension value that names a
// field against the pattern's kind and fields. what names it for messages.
func checkFieldRef(f *file, fd *found, kind pattern.Kind, t *text, what string) diag.List {
	v, ok := literal(t)
	if !ok {
		return nil
	}
	ref, isRef := parseFieldRef(v)
	if !isRef {
		return nil
	}
	at := t.fileOffset(0)
	bad := func(code, msg, hint string) diag.List {
		d := newDiag(code, msg, hint)
		d.Len = runeLen(v)
		return diag.List{f.at(d, at)}
	}
	switch kind {
	case pattern.MatchAll, pattern.Terms:
		return bad(CodeMetricValueKind, what+" "+v+" takes a field from the event, but a term pattern has no fields",
			"publish a number (metric value 1), or write a JSON or space-delimited pattern that selects the field")
	case pattern.JSON:
		if ref.json == "" {
			return bad(CodeMetricValueKind, what+" "+v+" names a space-delimited field, but the pattern is a JSON pattern",
				"name a JSON property with $.path, e.g. $.latency")
		}
		for _, s := range jsonSelectors(fd.pattern.Value) {
			if s.norm() == ref.json {
				return nil
			}
		}
		return bad(CodeMetricFieldMissing, what+" "+v+" is a field the pattern does not select",
			"select it in the pattern, even just as "+v+" = * , so every matching event has it")
	case pattern.SpaceDelimited:
		if ref.space == "" {
			return bad(CodeMetricValueKind, what+" "+v+" is a JSON selector, but the pattern is space-delimited",
				"name a field of the pattern with $name, or a position with $1, $2 ...")
		}
		if _, err := strconv.Atoi(ref.space); err == nil {
			return nil // $7: the seventh field of the event
		}
		names := spaceFields(fd.pattern.Value)
		for _, n := range names {
			if n == ref.space {
				return nil
			}
		}
		hint := "name one of the pattern's fields"
		if len(names) > 0 {
			hint += ": $" + strings.Join(names, ", $")
		}
		return bad(CodeMetricFieldMissing, what+" "+v+" is not a field of the pattern", hint)
	}
	return nil
}
