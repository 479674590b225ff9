package localaws

import (
	"bytes"
	"encoding/xml"
	"reflect"
	"sort"
	"strconv"
	"time"
)

// xmlNamespaces are the document namespaces of the query services' replies.
var xmlNamespaces = map[string]string{
	ServiceCloudWatch: "http://monitoring.amazonaws.com/doc/2010-08-01/",
	ServiceSNS:        "http://sns.amazonaws.com/doc/2010-03-31/",
	ServiceIAM:        "https://iam.amazonaws.com/doc/2010-05-08/",
	ServiceSTS:        "https://sts.amazonaws.com/doc/2011-06-15/",
}

// xmlReply renders a query-protocol reply:
// <OpResponse xmlns="..."><OpResult>...</OpResult><ResponseMetadata>...
func xmlReply(c *call, out any) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString("<" + c.op + `Response xmlns="` + xmlNamespaces[c.service] + `">`)
	b.WriteString("<" + c.op + "Result>")
	if out != nil {
		xmlMembers(&b, reflect.ValueOf(out))
	}
	b.WriteString("</" + c.op + "Result>")
	b.WriteString("<ResponseMetadata><RequestId>" + c.requestID + "</RequestId></ResponseMetadata>")
	b.WriteString("</" + c.op + "Response>")
	return b.Bytes()
}

// xmlErrorReply renders a query-protocol error.
func xmlErrorReply(c *call, e *awsError) []byte {
	var b bytes.Buffer
	kind := "Sender"
	if e.Receiver {
		kind = "Receiver"
	}
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<ErrorResponse xmlns="` + xmlNamespaces[c.service] + `"><Error>`)
	b.WriteString("<Type>" + kind + "</Type><Code>")
	xmlText(&b, e.queryCode())
	b.WriteString("</Code><Message>")
	xmlText(&b, e.Message)
	b.WriteString("</Message></Error><RequestId>" + c.requestID + "</RequestId></ErrorResponse>")
	return b.Bytes()
}

// xmlMembers writes the members of a struct as elements named by json tags.
func xmlMembers(b *bytes.Buffer, v reflect.Value) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name := jsonName(f)
		if name == "" || skipField(f, v.Field(i)) {
			continue
		}
		xmlElement(b, name, v.Field(i))
	}
}

// xmlElement writes one member. Lists are <member> items and maps are
// <entry><key/><value/></entry> items, as the query protocol serialises them.
func xmlElement(b *bytes.Buffer, name string, v reflect.Value) {
	if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
		return
	}
	b.WriteString("<" + name + ">")
	xmlContent(b, v)
	b.WriteString("</" + name + ">")
}

func xmlContent(b *bytes.Buffer, v reflect.Value) {
	if v.Type() == reflect.TypeFor[time.Time]() {
		b.WriteString(v.Interface().(time.Time).UTC().Format("2006-01-02T15:04:05.000Z"))
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		xmlContent(b, v.Elem())
	case reflect.Struct:
		xmlMembers(b, v)
	case reflect.Slice:
		for i := range v.Len() {
			xmlElement(b, "member", v.Index(i))
		}
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			b.WriteString("<entry><key>")
			xmlText(b, k.String())
			b.WriteString("</key>")
			xmlElement(b, "value", v.MapIndex(k))
			b.WriteString("</entry>")
		}
	case reflect.String:
		xmlText(b, v.String())
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Float64:
		b.WriteString(strconv.FormatFloat(v.Float(), 'g', -1, 64))
	}
}

func xmlText(b *bytes.Buffer, s string) {
	_ = xml.EscapeText(b, []byte(s))
}
