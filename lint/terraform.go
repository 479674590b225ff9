package lint

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// scanTerraform reads a Terraform file with HashiCorp's own parser and finds
// aws_cloudwatch_log_metric_filter.pattern (with its metric_transformation),
// aws_cloudwatch_log_subscription_filter.filter_pattern and the metrics of
// aws_cloudwatch_metric_alarm resources.
func scanTerraform(f *file) (*scan, error) {
	if off := hclTooDeep(f.Src, maxHCLDepth); off >= 0 {
		return nil, tooDeepError(off)
	}
	hf, diags := hclsyntax.ParseConfig([]byte(f.Src), f.Name, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, hclError(diags)
	}
	body, ok := hf.Body.(*hclsyntax.Body)
	if !ok {
		return nil, &syntaxError{Msg: "not a native-syntax Terraform file", code: CodeHCLSyntax}
	}
	s := &scan{file: f}
	locals := fileLocals(body)
	for _, b := range body.Blocks {
		if b.Type != "resource" || len(b.Labels) != 2 {
			continue
		}
		addr := b.Labels[0] + "." + b.Labels[1]
		env := &tfEnv{locals: locals}
		if keys, vals, ok := forEachItems(env, b.Body); ok {
			for i, k := range keys {
				scanTerraformResource(s, b, instanceAddr(addr, k), &tfEnv{locals: locals, each: vals[i]})
			}
			continue
		}
		scanTerraformResource(s, b, addr, env)
	}
	return s, nil
}

// scanTerraformResource reads one resource (or one for_each instance of it).
func scanTerraformResource(s *scan, b *hclsyntax.Block, addr string, env *tfEnv) {
	src := s.file.Src
	str := func(e hclsyntax.Expression) *text { return hclString(src, env.resolve(e, 0)) }
	switch b.Labels[0] {
	case "aws_cloudwatch_log_metric_filter", "aws_cloudwatch_log_subscription_filter":
		attr := "pattern"
		use := UseMetricFilter
		if b.Labels[0] == "aws_cloudwatch_log_subscription_filter" {
			attr, use = "filter_pattern", UseSubscriptionFilter
		}
		a := b.Body.Attributes[attr]
		if a == nil {
			return
		}
		fd := &found{pattern: *str(a.Expr), resource: addr, use: use}
		if lg := b.Body.Attributes["log_group_name"]; lg != nil {
			fd.logGroup = str(lg.Expr)
			fd.logGroupRef = hclRef(lg.Expr)
		}
		if use == UseMetricFilter {
			fd.metric = tfMetric(b.Body, str)
		}
		s.patterns = append(s.patterns, fd)
	case "aws_cloudwatch_metric_alarm":
		if len(blocksOf(b.Body, "metric_query")) > 0 {
			return
		}
		al := &alarmDef{resource: addr, at: b.TypeRange.Start.Byte}
		if a := b.Body.Attributes["metric_name"]; a != nil {
			al.name = str(a.Expr)
		}
		if a := b.Body.Attributes["namespace"]; a != nil {
			al.namespace = str(a.Expr)
		}
		if a := b.Body.Attributes["period"]; a != nil {
			al.period = str(a.Expr)
		}
		s.alarms = append(s.alarms, al)
	case "aws_cloudtrail":
		t := &trailDef{resource: addr, at: b.TypeRange.Start.Byte}
		if a := b.Body.Attributes["cloud_watch_logs_group_arn"]; a != nil {
			t.logGroupArn, t.logGroupRef = str(a.Expr), hclRef(a.Expr)
		}
		if a := b.Body.Attributes["cloud_watch_logs_role_arn"]; a != nil {
			t.roleArn = str(a.Expr)
		}
		s.trails = append(s.trails, t)
	case "aws_cloudwatch_log_group":
		g := &logGroupDef{resource: addr, ref: b.Labels[0] + "." + b.Labels[1], at: b.TypeRange.Start.Byte}
		if a := b.Body.Attributes["name"]; a != nil {
			g.name = str(a.Expr)
		}
		if a := b.Body.Attributes["retention_in_days"]; a != nil {
			g.retention = str(a.Expr)
		}
		s.groups = append(s.groups, g)
	}
}

// hclRef returns the log group resource an expression refers to
// ("aws_cloudwatch_log_group.trail" for "${aws_cloudwatch_log_group.trail.arn}:*"), or "".
func hclRef(e hclsyntax.Expression) string {
	for _, v := range e.Variables() {
		if v.RootName() != "aws_cloudwatch_log_group" || len(v) < 2 {
			continue
		}
		if a, ok := v[1].(hcl.TraverseAttr); ok {
			return "aws_cloudwatch_log_group." + a.Name
		}
	}
	return ""
}

func blocksOf(body *hclsyntax.Body, typ string) []*hclsyntax.Block {
	var out []*hclsyntax.Block
	for _, b := range body.Blocks {
		if b.Type == typ {
			out = append(out, b)
		}
	}
	return out
}

func tfMetric(body *hclsyntax.Body, str func(hclsyntax.Expression) *text) *metricDef {
	mts := blocksOf(body, "metric_transformation")
	if len(mts) == 0 {
		return nil
	}
	mt := mts[0]
	m := &metricDef{at: mt.TypeRange.Start.Byte, count: len(mts)}
	get := func(name string) *text {
		if a := mt.Body.Attributes[name]; a != nil {
			return str(a.Expr)
		}
		return nil
	}
	m.name, m.namespace, m.value = get("name"), get("namespace"), get("value")
	m.defaultValue, m.unit = get("default_value"), get("unit")
	if a := mt.Body.Attributes["dimensions"]; a != nil {
		if obj, ok := a.Expr.(*hclsyntax.ObjectConsExpr); ok {
			for _, it := range obj.Items {
				m.dimensions = append(m.dimensions, dimension{key: hclKey(it.KeyExpr, str), value: str(it.ValueExpr)})
			}
		}
	}
	return m
}

// hclKey reads an object key: a bare name or a string.
func hclKey(e hclsyntax.Expression, str func(hclsyntax.Expression) *text) *text {
	if k, ok := e.(*hclsyntax.ObjectConsKeyExpr); ok {
		if tr, ok := k.Wrapped.(*hclsyntax.ScopeTraversalExpr); ok && len(tr.Traversal) == 1 {
			r := tr.SrcRange
			return &text{Value: tr.Traversal.RootName(), Literal: true, Start: r.Start.Byte, End: r.End.Byte}
		}
		e = k.Wrapped
	}
	return str(e)
}

// hclString reads an expression as a literal string: a quoted template or
// heredoc without interpolations, or a number or bool literal. Anything else
// (var.x, local.y, "${...}", a function call) is non-literal.
func hclString(src string, e hclsyntax.Expression) *text {
	r := e.Range()
	v, diags := e.Value(nil)
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() {
		t := &text{nonLiteralAt: r.Start.Byte, why: "an expression, not a literal"}
		if vars := e.Variables(); len(vars) > 0 {
			t.nonLiteralAt = vars[0].SourceRange().Start.Byte
			t.why = "a reference to " + traversalName(vars[0]) + " (its value is only known to Terraform)"
			if _, ok := e.(*hclsyntax.TemplateExpr); ok {
				t.partial = writtenTemplate(src, r)
			}
		} else if _, ok := e.(*hclsyntax.FunctionCallExpr); ok {
			t.why = "a function call (its value is only known to Terraform)"
		}
		return t
	}
	var val string
	switch v.Type() {
	case cty.String:
		val = v.AsString()
	case cty.Number:
		val = v.AsBigFloat().Text('g', -1)
		return &text{Value: val, Literal: true, Start: r.Start.Byte, End: r.End.Byte}
	case cty.Bool:
		return &text{Value: fmt.Sprint(v.True()), Literal: true, Start: r.Start.Byte, End: r.End.Byte}
	default:
		return &text{nonLiteralAt: r.Start.Byte, why: "a " + v.Type().FriendlyName() + ", not a string"}
	}
	if _, ok := e.(*hclsyntax.TemplateExpr); !ok {
		return &text{Value: val, Literal: true, Start: r.Start.Byte, End: r.End.Byte}
	}
	raw := src[r.Start.Byte:r.End.Byte]
	var t text
	if strings.HasPrefix(raw, "<<") {
		t = hclHeredoc(src, r.Start.Byte, r.End.Byte)
	} else {
		t = hclQuoted(src, r.Start.Byte, r.End.Byte)
	}
	if t.Value != val || len(t.offs) != len(val)+1 {
		return &text{Value: val, Literal: true, Start: r.Start.Byte, End: r.Start.Byte}
	}
	t.Literal = true
	return &t
}

func traversalName(t hcl.Traversal) string {
	var b strings.Builder
	b.WriteString(t.RootName())
	for _, s := range t[1:] {
		if a, ok := s.(hcl.TraverseAttr); ok {
			b.WriteString("." + a.Name)
		} else {
			break
		}
	}
	return b.String()
}

// hclQuoted decodes a quoted template string (no interpolations) spanning
// src[start:end], quotes included.
func hclQuoted(src string, start, end int) text {
	var ps []piece
	i := start + 1
	for i < end-1 {
		c := src[i]
		switch {
		case c == '\\' && i+1 < end-1:
			n, out := hclEscape(src[i:end])
			if n == 0 {
				return text{}
			}
			for k := 0; k < len(out); k++ {
				ps = append(ps, piece{out[k], i, true})
			}
			i += n
		case (c == '$' || c == '%') && i+2 < end && src[i+1] == c && src[i+2] == '{':
			ps = append(ps, piece{c, i, true}, piece{'{', i + 2, true})
			i += 3
		default:
			ps = append(ps, piece{c, i, false})
			i++
		}
	}
	v, offs := piecesText(ps, end-1)
	return text{Value: v, offs: offs, Start: start, End: end, enc: encoding{kind: encHCLQuoted}}
}

// hclEscape decodes the escape at the start of s.
func hclEscape(s string) (int, string) {
	simple := map[byte]string{'n': "\n", 'r': "\r", 't': "\t", '"': "\"", '\\': "\\"}
	if out, ok := simple[s[1]]; ok {
		return 2, out
	}
	width := map[byte]int{'u': 4, 'U': 8}[s[1]]
	if width == 0 || len(s) < 2+width {
		return 0, ""
	}
	var r rune
	if _, err := fmt.Sscanf(s[2:2+width], "%x", &r); err != nil {
		return 0, ""
	}
	return 2 + width, string(r)
}

// hclHeredoc decodes a heredoc template (<<EOT or <<-EOT) spanning
// src[start:end]: the body lines, minus the common indentation for <<-.
func hclHeredoc(src string, start, end int) text {
	headEnd := lineEnd(src, start)
	flush := strings.HasPrefix(src[start:], "<<-")
	bodyStart := headEnd + 1
	closeLine := lineStart(src, end)
	if bodyStart > closeLine {
		return text{}
	}
	type line struct{ start, end int }
	var lines []line
	for p := bodyStart; p < closeLine; {
		e := lineEnd(src, p)
		lines = append(lines, line{p, e})
		p = e + 1
	}
	strip := 0
	if flush {
		strip = -1
		for _, ln := range lines {
			s := src[ln.start:ln.end]
			if strings.TrimSpace(s) == "" {
				continue
			}
			lead := len(s) - len(strings.TrimLeft(s, " \t"))
			if strip < 0 || lead < strip {
				strip = lead
			}
		}
		if strip < 0 {
			strip = 0
		}
	}
	var ps []piece
	for _, ln := range lines {
		from := ln.start + min(strip, ln.end-ln.start)
		for i := from; i < ln.end; i++ {
			c := src[i]
			if (c == '$' || c == '%') && i+2 < ln.end && src[i+1] == c && src[i+2] == '{' {
				ps = append(ps, piece{c, i, true}, piece{'{', i + 2, true})
				i += 2
				continue
			}
			ps = append(ps, piece{c, i, false})
		}
		ps = append(ps, piece{'\n', ln.end, true})
	}
	v, offs := piecesText(ps, closeLine)
	contentEnd := bodyStart
	if len(lines) > 0 {
		contentEnd = lines[len(lines)-1].end
	}
	return text{Value: v, offs: offs, Start: bodyStart, End: contentEnd,
		enc: encoding{kind: encHCLHeredoc, indent: strings.Repeat(" ", strip)}}
}

// hclError turns HCL's first error diagnostic into a syntaxError.
func hclError(diags hcl.Diagnostics) error {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		e := &syntaxError{Msg: d.Summary, code: CodeHCLSyntax}
		if d.Detail != "" {
			e.Msg += ": " + strings.TrimSuffix(d.Detail, ".")
		}
		if d.Subject != nil {
			e.Off = d.Subject.Start.Byte
		}
		return e
	}
	return &syntaxError{Msg: diags.Error(), code: CodeHCLSyntax}
}

// writtenTemplate decodes an interpolated template as written, ${...}
// included, for the checks that read only its literal text.
func writtenTemplate(src string, r hcl.Range) *text {
	var t text
	if strings.HasPrefix(src[r.Start.Byte:r.End.Byte], "<<") {
		t = hclHeredoc(src, r.Start.Byte, r.End.Byte)
	} else {
		t = hclQuoted(src, r.Start.Byte, r.End.Byte)
	}
	if t.offs == nil {
		return nil
	}
	t.Literal = true
	return &t
}
