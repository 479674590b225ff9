package localaws

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/aws/smithy-go/encoding/cbor"
)

// jsonDecoder decodes an AWS JSON 1.1 body. Unknown members are ignored, as
// AWS ignores them; an empty body is an empty input.
func jsonDecoder(body []byte) func(any) error {
	return func(dst any) error {
		if len(bytes.TrimSpace(body)) == 0 {
			return nil
		}
		if err := json.Unmarshal(body, dst); err != nil {
			return errSerialization("could not decode the JSON body: " + err.Error())
		}
		return nil
	}
}

// jsonTreeDecoder decodes an AWS JSON 1.0 body through the generic tree, so
// that timestamps (epoch seconds) fill time.Time fields as CBOR ones do.
func jsonTreeDecoder(body []byte) func(any) error {
	return func(dst any) error {
		if len(bytes.TrimSpace(body)) == 0 {
			return nil
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var tree any
		if err := dec.Decode(&tree); err != nil {
			return errSerialization("could not decode the JSON body: " + err.Error())
		}
		return decodeTree(numbersIn(tree), dst, protoJSON10)
	}
}

// numbersIn turns json.Numbers into int64 or float64.
func numbersIn(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = numbersIn(e)
		}
	case []any:
		for i, e := range x {
			x[i] = numbersIn(e)
		}
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n
		}
		f, _ := x.Float64()
		return f
	}
	return v
}

// cborNamespaces are the Smithy namespaces CBOR error types are qualified with.
var cborNamespaces = map[string]string{ServiceCloudWatch: "com.amazonaws.cloudwatch"}

// writeOutput sends a successful reply in the call's protocol.
func writeOutput(w http.ResponseWriter, c *call, out any) {
	h := w.Header()
	h.Set("X-Amzn-RequestId", c.requestID)
	var body []byte
	switch c.proto {
	case protoCBOR:
		h.Set("Content-Type", "application/cbor")
		h.Set("Smithy-Protocol", "rpc-v2-cbor")
		body = cborEncode(out)
	case protoQuery:
		h.Set("Content-Type", "text/xml")
		body = xmlReply(c, out)
	case protoJSON10:
		h.Set("Content-Type", "application/x-amz-json-1.0")
		body, _ = json.Marshal(jsonTree(out))
	default:
		h.Set("Content-Type", "application/x-amz-json-1.1")
		if out == nil {
			body = []byte("{}")
		} else {
			var err error
			if body, err = json.Marshal(out); err != nil {
				writeError(w, c, c.proto, &awsError{Code: "InternalFailure", Status: 500, Receiver: true,
					Message: "encoding the reply: " + err.Error()})
				return
			}
		}
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// writeError sends an error in the protocol's error shape. Errors that are not
// AWS errors are internal failures (500), which the SDK retries.
func writeError(w http.ResponseWriter, c *call, p protocol, err error) {
	var e *awsError
	if !errors.As(err, &e) {
		e = &awsError{Code: "InternalFailure", Message: err.Error(), Status: 500, Receiver: true}
	}
	if e.Status == 0 {
		e.Status = http.StatusBadRequest
	}
	h := w.Header()
	h.Set("X-Amzn-RequestId", c.requestID)
	var body []byte
	switch p {
	case protoCBOR:
		h.Set("Content-Type", "application/cbor")
		h.Set("Smithy-Protocol", "rpc-v2-cbor")
		h.Set("X-Amzn-Query-Error", e.queryCode()+";"+senderOrReceiver(e))
		typ := cborNamespaces[ServiceCloudWatch] + "#" + e.Code
		body = cbor.Encode(cbor.Map{"__type": cbor.String(typ), "message": cbor.String(e.Message)})
	case protoJSON10:
		h.Set("Content-Type", "application/x-amz-json-1.0")
		h.Set("X-Amzn-Query-Error", e.queryCode()+";"+senderOrReceiver(e))
		body, _ = json.Marshal(map[string]string{"__type": cborNamespaces[ServiceCloudWatch] + "#" + e.Code, "message": e.Message})
	case protoQuery:
		h.Set("Content-Type", "text/xml")
		body = xmlErrorReply(c, e)
	default:
		h.Set("Content-Type", "application/x-amz-json-1.1")
		h.Set("X-Amzn-ErrorType", e.Code)
		body, _ = json.Marshal(map[string]string{"__type": e.Code, "message": e.Message})
	}
	w.WriteHeader(e.Status)
	_, _ = w.Write(body)
}

func senderOrReceiver(e *awsError) string {
	if e.Receiver {
		return "Receiver"
	}
	return "Sender"
}
