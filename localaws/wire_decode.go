package localaws

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
)

// decodeTree fills dst (a pointer to a struct) from a generic value tree, as
// made from a CBOR body or a query form. Field names are the json tags of the
// input structs, which carry AWS's member names. Trees from query forms hold
// only strings and maps ("member"/"entry" for lists and maps); trees from CBOR
// hold typed values. Unknown members are ignored, as AWS ignores them.
func decodeTree(tree any, dst any, proto protocol) error {
	if err := decodeValue(tree, reflect.ValueOf(dst).Elem(), ""); err != nil {
		if proto == protoQuery {
			return &awsError{Code: "ValidationError", Message: err.Error(), Status: 400}
		}
		return errSerialization(err.Error())
	}
	return nil
}

func decodeValue(src any, v reflect.Value, path string) error {
	if src == nil {
		return nil
	}
	if v.Type() == reflect.TypeFor[time.Time]() {
		t, err := asTime(src)
		if err != nil {
			return fmt.Errorf("%s: %w", pathOr(path), err)
		}
		v.Set(reflect.ValueOf(t))
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		if err := decodeValue(src, p.Elem(), path); err != nil {
			return err
		}
		v.Set(p)
		return nil
	case reflect.Struct:
		m, ok := src.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: expected a structure, got %T", pathOr(path), src)
		}
		t := v.Type()
		for i := range t.NumField() {
			name := jsonName(t.Field(i))
			if name == "" {
				continue
			}
			if sub, ok := m[name]; ok {
				if err := decodeValue(sub, v.Field(i), join(path, name)); err != nil {
					return err
				}
			}
		}
		return nil
	case reflect.Slice:
		items, err := asList(src)
		if err != nil {
			return fmt.Errorf("%s: %w", pathOr(path), err)
		}
		s := reflect.MakeSlice(v.Type(), len(items), len(items))
		for i, it := range items {
			if err := decodeValue(it, s.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		v.Set(s)
		return nil
	case reflect.Map:
		entries, err := asMap(src)
		if err != nil {
			return fmt.Errorf("%s: %w", pathOr(path), err)
		}
		m := reflect.MakeMapWithSize(v.Type(), len(entries))
		for k, e := range entries {
			ev := reflect.New(v.Type().Elem()).Elem()
			if err := decodeValue(e, ev, join(path, k)); err != nil {
				return err
			}
			m.SetMapIndex(reflect.ValueOf(k), ev)
		}
		v.Set(m)
		return nil
	case reflect.String:
		s, ok := src.(string)
		if !ok {
			return fmt.Errorf("%s: expected a string, got %T", pathOr(path), src)
		}
		v.SetString(s)
		return nil
	case reflect.Bool:
		switch b := src.(type) {
		case bool:
			v.SetBool(b)
			return nil
		case string:
			pb, err := strconv.ParseBool(b)
			if err != nil {
				return fmt.Errorf("%s: %q is not a boolean", pathOr(path), b)
			}
			v.SetBool(pb)
			return nil
		}
		return fmt.Errorf("%s: expected a boolean, got %T", pathOr(path), src)
	case reflect.Int, reflect.Int32, reflect.Int64:
		n, err := asInt(src)
		if err != nil {
			return fmt.Errorf("%s: %w", pathOr(path), err)
		}
		if v.OverflowInt(n) {
			return fmt.Errorf("%s: %d is out of range", pathOr(path), n)
		}
		v.SetInt(n)
		return nil
	case reflect.Float64:
		f, err := asFloat(src)
		if err != nil {
			return fmt.Errorf("%s: %w", pathOr(path), err)
		}
		v.SetFloat(f)
		return nil
	}
	return fmt.Errorf("%s: cannot decode into %s", pathOr(path), v.Type())
}

// asList reads a list: a CBOR list, or a query "member.N" map, or the empty
// string the AWS CLI sends for an empty list.
func asList(src any) ([]any, error) {
	switch x := src.(type) {
	case []any:
		return x, nil
	case string:
		if x == "" {
			return nil, nil
		}
	case map[string]any:
		members, ok := x["member"].(map[string]any)
		if !ok {
			// Flattened lists number their items directly.
			members = x
		}
		return numbered(members)
	}
	return nil, fmt.Errorf("expected a list, got %T", src)
}

// asMap reads a map: a CBOR map, or a query "entry.N.key/value" map.
func asMap(src any) (map[string]any, error) {
	switch x := src.(type) {
	case string:
		if x == "" {
			return nil, nil
		}
	case map[string]any:
		entries, ok := x["entry"].(map[string]any)
		if !ok {
			return x, nil
		}
		items, err := numbered(entries)
		if err != nil {
			return nil, err
		}
		out := make(map[string]any, len(items))
		for _, it := range items {
			e, ok := it.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("map entry is not a key/value pair")
			}
			k, _ := e["key"].(string)
			out[k] = e["value"]
		}
		return out, nil
	}
	return nil, fmt.Errorf("expected a map, got %T", src)
}

// numbered orders the items of a query list by their 1-based index.
func numbered(m map[string]any) ([]any, error) {
	type item struct {
		n int
		v any
	}
	items := make([]item, 0, len(m))
	for k, v := range m {
		n, err := strconv.Atoi(k)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("list index %q is not a positive number", k)
		}
		items = append(items, item{n, v})
	}
	sort.Slice(items, func(i, j int) bool { return items[i].n < items[j].n })
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = it.v
	}
	return out, nil
}

func asInt(src any) (int64, error) {
	switch x := src.(type) {
	case int64:
		return x, nil
	case uint64:
		if x > math.MaxInt64 {
			return 0, fmt.Errorf("%d is out of range", x)
		}
		return int64(x), nil
	case float64:
		if x != math.Trunc(x) || math.IsInf(x, 0) || math.IsNaN(x) {
			return 0, fmt.Errorf("%v is not an integer", x)
		}
		return int64(x), nil
	case string:
		n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%q is not an integer", x)
		}
		return n, nil
	}
	return 0, fmt.Errorf("expected an integer, got %T", src)
}

func asFloat(src any) (float64, error) {
	switch x := src.(type) {
	case float64:
		return x, nil
	case int64:
		return float64(x), nil
	case uint64:
		return float64(x), nil
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil {
			return 0, fmt.Errorf("%q is not a number", x)
		}
		return f, nil
	}
	return 0, fmt.Errorf("expected a number, got %T", src)
}

// asTime reads a timestamp: CBOR tag 1 (already a time.Time), epoch seconds,
// or the ISO 8601 text the query protocol sends.
func asTime(src any) (time.Time, error) {
	switch x := src.(type) {
	case time.Time:
		return x, nil
	case float64, int64, uint64:
		f, _ := asFloat(x)
		return epochSeconds(f), nil
	case string:
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
			if t, err := time.Parse(layout, x); err == nil {
				return t, nil
			}
		}
		if f, err := strconv.ParseFloat(x, 64); err == nil {
			return epochSeconds(f), nil
		}
		return time.Time{}, fmt.Errorf("%q is not a timestamp", x)
	}
	return time.Time{}, fmt.Errorf("expected a timestamp, got %T", src)
}

func epochSeconds(f float64) time.Time {
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC()
}

// jsonName is a field's member name from its json tag ("" to skip it).
func jsonName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	tag := f.Tag.Get("json")
	name, _, _ := strings.Cut(tag, ",")
	if name == "-" {
		return ""
	}
	if name == "" {
		return f.Name
	}
	return name
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func pathOr(path string) string {
	if path == "" {
		return "request"
	}
	return path
}
