package jsonscan

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/cwpat/cwpat/pattern/internal/testrecords"

	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
)

// recordsDir holds the real CloudTrail records (see NOTICE.md there).
const recordsDir = "../../testdata/cloudtrail"

// loadRecords returns every real CloudTrail record, one event each.
func loadRecords(tb testing.TB) [][]byte {
	tb.Helper()
	return testrecords.Load(tb, recordsDir)
}

// mustPath parses a selector such as $.a.b[0].*, $.['a.b'] or $.a[*].
func mustPath(tb testing.TB, sel string) Path {
	tb.Helper()
	p, err := parsePath(sel)
	require.NoError(tb, err, sel)
	return p
}

func parsePath(sel string) (Path, error) {
	if !strings.HasPrefix(sel, "$") {
		return nil, fmt.Errorf("selector %q does not start with $", sel)
	}
	var p Path
	s := sel[1:]
	for s != "" {
		switch {
		case strings.HasPrefix(s, ".*"):
			p, s = append(p, Step{Kind: AnyKey}), s[2:]
		case strings.HasPrefix(s, "[*]"):
			p, s = append(p, Step{Kind: AnyIndex}), s[3:]
		case strings.HasPrefix(s, ".['"), strings.HasPrefix(s, "['"):
			s = strings.TrimPrefix(strings.TrimPrefix(s, "."), "['")
			end := strings.Index(s, "']")
			if end < 0 {
				return nil, fmt.Errorf("selector %q: unclosed ['", sel)
			}
			p, s = append(p, Step{Kind: Key, Name: s[:end]}), s[end+2:]
		case s[0] == '[':
			end := strings.IndexByte(s, ']')
			n, err := strconv.Atoi(s[1:max(end, 1)])
			if end < 0 || err != nil {
				return nil, fmt.Errorf("selector %q: bad index", sel)
			}
			p, s = append(p, Step{Kind: Index, Index: n}), s[end+1:]
		case s[0] == '.':
			end := strings.IndexAny(s[1:], ".[")
			if end < 0 {
				end = len(s) - 1
			}
			p, s = append(p, Step{Kind: Key, Name: s[1 : end+1]}), s[end+1:]
		default:
			return nil, fmt.Errorf("selector %q: unexpected %q", sel, s)
		}
	}
	return p, nil
}

// offer is one Visit call, with the value rendered as gjson renders it.
type offer struct {
	Path int
	Kind Kind
	Text string
}

func (o offer) String() string { return fmt.Sprintf("%d:%s:%s", o.Path, o.Kind, o.Text) }

// collector records every Visit; it stops the scan after stopAfter offers
// when stopAfter > 0.
type collector struct {
	offers    []offer
	stopAfter int
}

func (c *collector) Visit(path int, v Value) bool {
	c.offers = append(c.offers, offer{Path: path, Kind: v.Kind, Text: string(v.AppendText(nil))})
	return c.stopAfter == 0 || len(c.offers) < c.stopAfter
}

// byPath groups offers per path, keeping document order within a path.
func byPath(offers []offer, n int) [][]offer {
	out := make([][]offer, n)
	for _, o := range offers {
		out[o.Path] = append(out[o.Path], o)
	}
	return out
}

// gjsonOffer renders a gjson result the way collector renders a Value.
func gjsonOffer(path int, r gjson.Result) offer {
	o := offer{Path: path, Text: r.Raw}
	switch r.Type {
	case gjson.String:
		o.Kind, o.Text = String, r.Str
	case gjson.Number:
		o.Kind = Number
	case gjson.True:
		o.Kind = True
	case gjson.False:
		o.Kind = False
	case gjson.Null:
		o.Kind = Null
	case gjson.JSON:
		o.Kind = Object
		if r.IsArray() {
			o.Kind = Array
		}
	}
	return o
}

// gjsonAll lists, with gjson, the values at p in document order as the
// reference matcher walks them: a name step takes gjson's Get (the first
// member of that name), an index step the element, a wildcard every member
// or element.
func gjsonAll(path int, r gjson.Result, p Path) []offer {
	if len(p) == 0 {
		return []offer{gjsonOffer(path, r)}
	}
	st := p[0]
	switch st.Kind {
	case Key:
		if !r.IsObject() {
			return nil
		}
		if c := r.Get(gjson.Escape(st.Name)); c.Exists() {
			return gjsonAll(path, c, p[1:])
		}
		return nil
	case Index:
		if !r.IsArray() {
			return nil
		}
		if c := r.Get(strconv.Itoa(st.Index)); c.Exists() {
			return gjsonAll(path, c, p[1:])
		}
		return nil
	}
	if st.Kind == AnyKey && !r.IsObject() || st.Kind == AnyIndex && !r.IsArray() || !r.IsObject() && !r.IsArray() {
		return nil
	}
	var out []offer
	r.ForEach(func(_, v gjson.Result) bool {
		out = append(out, gjsonAll(path, v, p[1:])...)
		return true
	})
	return out
}

// pathsOf lists the paths of the values of a valid event, up to depth and
// at most limit of them, plus one wildcard variant per step position.
func pathsOf(event []byte, depth, limit int) []Path {
	var out []Path
	seen := map[string]bool{}
	add := func(p Path) {
		k := p.String() + fmt.Sprint(p)
		if !seen[k] && len(out) < limit {
			seen[k] = true
			out = append(out, append(Path(nil), p...))
		}
	}
	var walk func(r gjson.Result, prefix Path)
	walk = func(r gjson.Result, prefix Path) {
		if len(prefix) >= depth || len(out) >= limit {
			return
		}
		n := 0
		arr := r.IsArray()
		r.ForEach(func(k, v gjson.Result) bool {
			st := Step{Kind: Key, Name: k.Str}
			if arr {
				st = Step{Kind: Index, Index: n}
			}
			n++
			p := append(append(Path(nil), prefix...), st)
			add(p)
			for i := range p {
				w := append(Path(nil), p...)
				w[i] = Step{Kind: AnyKey}
				if p[i].Kind == Index {
					w[i] = Step{Kind: AnyIndex}
				}
				add(w)
				w[i] = Step{Kind: Any}
				add(w)
			}
			add(append(append(Path(nil), p...), Step{Kind: Key, Name: "cwpatMissing"}))
			if v.IsObject() || v.IsArray() {
				walk(v, p)
			}
			return true
		})
	}
	walk(gjson.ParseBytes(event), nil)
	return out
}
