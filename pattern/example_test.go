package pattern_test

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/cwpat/cwpat/diag"
	"github.com/cwpat/cwpat/pattern"
)

func ExampleParse() {
	p, err := pattern.Parse(`{($.eventName=ConsoleLogin)&&($.additionalEventData.MFAUsed!="Yes")}`)
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Kind())
	fmt.Println(p.String())
	for _, c := range p.Conditions() {
		fmt.Println(c.Selector(), c.Op(), c.ValueKind(), c.ValueText())
	}
	// Output:
	// json
	// { ($.eventName = ConsoleLogin) && ($.additionalEventData.MFAUsed != "Yes") }
	// $.eventName = string ConsoleLogin
	// $.additionalEventData.MFAUsed != string Yes
}

func ExampleParse_errors() {
	_, err := pattern.Parse(`{ $.userIdentity.type = 'Root' && $.eventType EXISTS }`)
	l, _ := diag.As(err)
	_ = diag.WriteText(os.Stdout, l, diag.TextOptions{})
	// Output:
	// 1:25: error: single quotes do not make a string in a filter pattern [single-quoted-value]
	//     { $.userIdentity.type = 'Root' && $.eventType EXISTS }
	//                             ^~~~~~
	//     hint: use double quotes: "Root"
	// 1:35: error: EXISTS is not supported (AWS: "The variables IS NOT and EXISTS currently aren't supported") [unsupported-exists]
	//     { $.userIdentity.type = 'Root' && $.eventType EXISTS }
	//                                       ^~~~~~~~~~~~~~~~~~
	//     hint: EXISTS is not supported by AWS; $.x = "*" matches any non-null value, and NOT EXISTS is supported
}

func ExamplePattern_Warnings() {
	p, _ := pattern.Parse(`{ $.errorCode = "AccessDenied" && $.userIdentity.invokedBy != "cloudfront.amazonaws.com" }`)
	for _, w := range p.Warnings() {
		fmt.Printf("%s: %s\n  hint: %s\n", w.Code, w.Message, w.Hint)
	}
	// Output:
	// ne-missing-field: $.userIdentity.invokedBy != "cloudfront.amazonaws.com" is false when $.userIdentity.invokedBy is missing, null, an array or an object
	//   hint: to also match events without it, write ($.userIdentity.invokedBy NOT EXISTS) || ($.userIdentity.invokedBy != "cloudfront.amazonaws.com")
}

func ExampleCompile() {
	m, err := pattern.Compile(`{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }`)
	if err != nil {
		panic(err)
	}
	for _, event := range []string{
		`{"eventName":"RunInstances","errorCode":"Client.UnauthorizedOperation"}`,
		`{"eventName":"GetObject","errorCode":"AccessDenied"}`,
		`{"eventName":"GetObject"}`,
		`not JSON at all`,
	} {
		fmt.Println(m.MatchString(event))
	}
	// Output:
	// true
	// true
	// false
	// false
}

func ExampleMatcher_Match() {
	m := pattern.MustCompile(`?ERROR ?FATAL -healthcheck`)
	fmt.Println(m.Match([]byte("ERROR disk full")))
	// ?terms mixed with other terms are ignored, as AWS ignores them: this
	// pattern only means "does not contain healthcheck".
	fmt.Println(m.Match([]byte("all good")))
	// Output:
	// true
	// true
}

func ExampleMatcher_Extract() {
	m := pattern.MustCompile(`[ip, id, user, timestamp, request, status_code = 4*, size]`)
	vals, ok := m.Extract([]byte(`127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534`))
	fmt.Println(ok, vals["$timestamp"], vals["$request"], vals["$status_code"])
	// Output:
	// true 10/Oct/2000:13:25:15 -0700 GET /index.html HTTP/1.0 404
}

func ExampleTestMetricFilter() {
	out, err := pattern.TestMetricFilter(`[..., status_code = 4*, size]`, []string{
		`127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534`,
		`127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /apache_pb.gif HTTP/1.0" 404 5324`,
	})
	if err != nil {
		panic(err)
	}
	b, _ := json.MarshalIndent(out, "", "  ")
	fmt.Println(string(b))
	// Output:
	// {
	//   "matches": [
	//     {
	//       "eventNumber": 2,
	//       "eventMessage": "127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] \"GET /apache_pb.gif HTTP/1.0\" 404 5324",
	//       "extractedValues": {
	//         "$1": "127.0.0.1",
	//         "$2": "-",
	//         "$3": "frank",
	//         "$4": "10/Oct/2000:13:35:22 -0700",
	//         "$5": "GET /apache_pb.gif HTTP/1.0",
	//         "$size": "5324",
	//         "$status_code": "404"
	//       }
	//     }
	//   ]
	// }
}

func ExampleNewMetricFilter() {
	f, err := pattern.NewMetricFilter(`{ $.eventType = "*" && $.latency > 0 }`, pattern.MetricTransformation{
		MetricName:      "Latency",
		MetricNamespace: "App",
		MetricValue:     "$.latency",
		Dimensions:      map[string]string{"EventType": "$.eventType"},
		Unit:            "Milliseconds",
	})
	if err != nil {
		panic(err)
	}
	dp, ok := f.Apply([]byte(`{"eventType":"GET","latency":50}`))
	fmt.Println(ok, dp.Value, dp.Dimensions["EventType"])

	_, err = pattern.NewMetricFilter(`ERROR`, pattern.MetricTransformation{
		MetricName: "Errors", MetricNamespace: "App", MetricValue: "1",
		Dimensions: map[string]string{"Level": "$level"},
	})
	l, _ := diag.As(err)
	fmt.Println(l[0].AWSMessage)
	// Output:
	// true 50 GET
	// The specified filter pattern does not support dimensions
}
