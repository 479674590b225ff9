package localaws

import (
	"bytes"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/aws/smithy-go/encoding/cbor"
)

// cborDecoder decodes a Smithy RPCv2 CBOR request body. An empty body is an
// operation without input members.
func cborDecoder(body []byte) func(any) error {
	return func(dst any) error {
		if len(body) == 0 {
			return nil
		}
		if end, err := cborItemEnd(body); err != nil {
			return errSerialization("could not decode the CBOR body: " + err.Error())
		} else if end != len(body) {
			return errSerialization("could not decode the CBOR body: " + itoa(len(body)-end) + " bytes after the end of the request's map")
		}
		v, err := cbor.Decode(body)
		if err != nil {
			return errSerialization("could not decode the CBOR body: " + err.Error())
		}
		tree, err := cborTree(v)
		if err != nil {
			return errSerialization(err.Error())
		}
		return decodeTree(tree, dst, protoCBOR)
	}
}

// cborTree turns a decoded CBOR value into the generic tree decodeTree reads.
func cborTree(v cbor.Value) (any, error) {
	switch x := v.(type) {
	case cbor.Map:
		m := make(map[string]any, len(x))
		for k, e := range x {
			t, err := cborTree(e)
			if err != nil {
				return nil, err
			}
			m[k] = t
		}
		return m, nil
	case cbor.List:
		l := make([]any, len(x))
		for i, e := range x {
			t, err := cborTree(e)
			if err != nil {
				return nil, err
			}
			l[i] = t
		}
		return l, nil
	case cbor.String:
		return string(x), nil
	case cbor.Uint:
		return uint64(x), nil
	case cbor.NegInt:
		if x == 0 || uint64(x) > math.MaxInt64 {
			return nil, fmt.Errorf("negative integer out of range")
		}
		return -int64(x), nil
	case cbor.Float32:
		return float64(x), nil
	case cbor.Float64:
		return float64(x), nil
	case cbor.Bool:
		return bool(x), nil
	case *cbor.Nil, *cbor.Undefined:
		return nil, nil
	case cbor.Slice:
		return []byte(x), nil
	case *cbor.Tag:
		if x.ID != 1 {
			return nil, fmt.Errorf("unsupported CBOR tag %d", x.ID)
		}
		f, err := cbor.AsFloat64(x.Value)
		if err != nil {
			return nil, fmt.Errorf("timestamp: %w", err)
		}
		return epochSeconds(f), nil
	}
	return nil, fmt.Errorf("unsupported CBOR value %T", v)
}

// cborEncode renders an output struct as a CBOR map, member names from json
// tags, omitting nil and omitempty-zero members.
func cborEncode(out any) []byte {
	if out == nil {
		return cbor.Encode(cbor.Map{})
	}
	v := cborValue(reflect.ValueOf(out))
	if v == nil {
		v = cbor.Map{}
	}
	return cbor.Encode(v)
}

func cborValue(v reflect.Value) cbor.Value {
	if v.Type() == reflect.TypeFor[time.Time]() {
		t := v.Interface().(time.Time)
		return &cbor.Tag{ID: 1, Value: cbor.Float64(float64(t.UnixMilli()) / 1e3)}
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return cborValue(v.Elem())
	case reflect.Struct:
		m := cbor.Map{}
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			name := jsonName(f)
			if name == "" || skipField(f, v.Field(i)) {
				continue
			}
			if e := cborValue(v.Field(i)); e != nil {
				m[name] = e
			}
		}
		return m
	case reflect.Slice:
		l := make(cbor.List, 0, v.Len())
		for i := range v.Len() {
			if e := cborValue(v.Index(i)); e != nil {
				l = append(l, e)
			}
		}
		return l
	case reflect.Map:
		m := cbor.Map{}
		for _, k := range v.MapKeys() {
			if e := cborValue(v.MapIndex(k)); e != nil {
				m[k.String()] = e
			}
		}
		return m
	case reflect.String:
		return cbor.String(v.String())
	case reflect.Bool:
		return cbor.Bool(v.Bool())
	case reflect.Int, reflect.Int32, reflect.Int64:
		n := v.Int()
		if n < 0 {
			return cbor.NegInt(uint64(-n))
		}
		return cbor.Uint(uint64(n))
	case reflect.Float64:
		return cbor.Float64(v.Float())
	}
	return nil
}

// skipField reports whether an omitempty member is at its zero value.
func skipField(f reflect.StructField, v reflect.Value) bool {
	if !hasOmitEmpty(f) {
		return false
	}
	if v.Type() == reflect.TypeFor[time.Time]() {
		return v.Interface().(time.Time).IsZero()
	}
	return v.IsZero() || ((v.Kind() == reflect.Slice || v.Kind() == reflect.Map) && v.Len() == 0)
}

func hasOmitEmpty(f reflect.StructField) bool {
	return strings.Contains(f.Tag.Get("json"), ",omitempty")
}

// jsonTree renders an output struct as a generic tree for AWS JSON 1.0:
// the CBOR rules, with timestamps as epoch seconds.
func jsonTree(out any) any {
	if out == nil {
		return map[string]any{}
	}
	v := treeValue(reflect.ValueOf(out))
	if v == nil {
		return map[string]any{}
	}
	return v
}

func treeValue(v reflect.Value) any {
	if v.Type() == reflect.TypeFor[time.Time]() {
		return float64(v.Interface().(time.Time).UnixMilli()) / 1e3
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return treeValue(v.Elem())
	case reflect.Struct:
		m := map[string]any{}
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			name := jsonName(f)
			if name == "" || skipField(f, v.Field(i)) {
				continue
			}
			if e := treeValue(v.Field(i)); e != nil {
				m[name] = e
			}
		}
		return m
	case reflect.Slice:
		l := make([]any, 0, v.Len())
		for i := range v.Len() {
			if e := treeValue(v.Index(i)); e != nil {
				l = append(l, e)
			}
		}
		return l
	case reflect.Float32, reflect.Float64:
		return jsonDouble(v.Float())
	case reflect.Map:
		m := map[string]any{}
		for _, k := range v.MapKeys() {
			if e := treeValue(v.MapIndex(k)); e != nil {
				m[k.String()] = e
			}
		}
		return m
	}
	return v.Interface()
}

// jsonDouble is a Smithy double on the JSON wire. AWS writes doubles with a
// fraction or exponent (Threshold 1 goes out as 1.0), and clients that keep
// JSON's integer/float distinction (botocore) read "1" as an integer.
type jsonDouble float64

// MarshalJSON writes whole numbers with ".0"; NaN and infinities as the
// strings Smithy uses for them.
func (d jsonDouble) MarshalJSON() ([]byte, error) {
	f := float64(d)
	switch {
	case math.IsNaN(f):
		return []byte(`"NaN"`), nil
	case math.IsInf(f, 1):
		return []byte(`"Infinity"`), nil
	case math.IsInf(f, -1):
		return []byte(`"-Infinity"`), nil
	}
	format := byte('f')
	if math.Abs(f) >= 1e21 || (f != 0 && math.Abs(f) < 1e-6) {
		format = 'g'
	}
	b := strconv.AppendFloat(nil, f, format, -1, 64)
	if !bytes.ContainsAny(b, ".eE") {
		b = append(b, '.', '0')
	}
	return b, nil
}
