package backtest

import (
	"cmp"
	"slices"
	"strings"
	"unsafe"

	"github.com/tidwall/gjson"
)

// Drivers are the most frequent values among a rule's matched records (top 10 each, count descending,
// then value ascending), so a user sees which exclusion would cut the noise.
// A record without a field is not counted in that field's list.
type Drivers struct {
	Principals []Count `json:"principals"` // userIdentity.arn, else userIdentity.type
	EventNames []Count `json:"eventNames"`
	SourceIPs  []Count `json:"sourceIPs"` // sourceIPAddress
	UserAgents []Count `json:"userAgents"`
}

// Count is how many matched records carry one value of a field.
type Count struct {
	Value string `json:"value"`
	N     int64  `json:"count"`
}

// Driver limits: a report lists the top values; a tally keeps exact counts
// for this many distinct values per field and counts the rest under
// OtherValue, so memory stays bounded however varied an archive is.
const (
	topDrivers      = 10
	maxDriverValues = 10000
)

// OtherValue names the matched records whose value was not counted one by
// one: the field had more distinct values than a tally keeps.
const OtherValue = "(other)"

// Driver fields, in Drivers' order.
const (
	drvPrincipal = iota
	drvEventName
	drvSourceIP
	drvUserAgent
	numDrivers
)

// recordFields are the driver values of one matched record. The strings
// point into the record's bytes: valid only while the record is.
type recordFields [numDrivers]string

// readFields reads the driver values of a matched record, once for every
// rule it matched, in one pass over the record's top level (as gjson.Get
// of each path would, the first member of a name counts). A missing field
// is the empty string.
func readFields(msg []byte) recordFields {
	s := unsafe.String(unsafe.SliceData(msg), len(msg)) // read only, never kept
	var r fieldReader
	gjson.Parse(s).ForEach(r.member)
	if r.f[drvPrincipal] == "" {
		r.f[drvPrincipal] = r.userType
	}
	return r.f
}

// fieldReader collects the driver fields from a record's top-level members.
type fieldReader struct {
	f        recordFields
	userType string
	seen     [numDrivers]bool
	found    int
}

func (r *fieldReader) member(k, v gjson.Result) bool {
	i := -1
	switch k.Str {
	case "userIdentity":
		i = drvPrincipal
	case "eventName":
		i = drvEventName
	case "sourceIPAddress":
		i = drvSourceIP
	case "userAgent":
		i = drvUserAgent
	}
	if i < 0 || r.seen[i] {
		return true
	}
	r.seen[i] = true
	r.found++
	if i == drvPrincipal {
		r.f[i], r.userType = v.Get("arn").Str, v.Get("type").Str
	} else {
		r.f[i] = v.Str
	}
	// CloudTrail writes these four before the bulky requestParameters and
	// responseElements: stop as soon as all are read.
	return r.found < numDrivers
}

// driverTally counts driver values for one rule. Counts sit behind
// pointers so that counting a value already kept is a lookup, never a map
// assignment: assigning would store the caller's key, which may point into
// a record buffer that is reused.
type driverTally [numDrivers]map[string]*int64

// add counts one matched record; a field it lacks is not counted.
func (d *driverTally) add(f *recordFields) {
	for i, v := range f {
		if v != "" {
			d.addN(i, v, 1)
		}
	}
}

// addN counts n records with value v of field i. A value is copied when it
// is first kept.
func (d *driverTally) addN(i int, v string, n int64) {
	m := d[i]
	if m == nil {
		m = map[string]*int64{}
		d[i] = m
	}
	if p := m[v]; p != nil {
		*p += n
		return
	}
	if len(m) >= maxDriverValues {
		v = OtherValue
		if p := m[v]; p != nil {
			*p += n
			return
		}
	}
	c := n
	m[strings.Clone(v)] = &c
}

func (d *driverTally) merge(o *driverTally) {
	for i, m := range o {
		for v, n := range m {
			d.addN(i, v, *n)
		}
	}
}

// top returns the report's view: the most frequent values of each field.
func (d *driverTally) top() *Drivers {
	return &Drivers{Principals: topCounts(d[drvPrincipal]), EventNames: topCounts(d[drvEventName]),
		SourceIPs: topCounts(d[drvSourceIP]), UserAgents: topCounts(d[drvUserAgent])}
}

func topCounts(m map[string]*int64) []Count {
	out := make([]Count, 0, len(m))
	for v, n := range m {
		out = append(out, Count{Value: v, N: *n})
	}
	slices.SortFunc(out, func(a, b Count) int { return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Value, b.Value)) })
	return out[:min(len(out), topDrivers)]
}
