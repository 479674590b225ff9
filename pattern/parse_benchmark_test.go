package pattern

import "testing"

// Benchmarks of the language front end and of the reference evaluators
// (the fast path has its own, in bench*_test.go).

const benchCIS = `{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }`

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchCIS)))
	for i := 0; i < b.N; i++ {
		if _, err := Parse(benchCIS); err != nil {
			b.Fatal(err)
		}
	}
}

func benchEval(b *testing.B, src, event string) {
	ev := compileReference(MustCompile(src).Pattern())
	e := []byte(event)
	b.ReportAllocs()
	b.SetBytes(int64(len(e)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ev.match(e)
	}
}

func BenchmarkReferenceJSON(b *testing.B) { benchEval(b, benchCIS, ctEvent) }

func BenchmarkReferenceTerms(b *testing.B) {
	benchEval(b, `ERROR -DEBUG ?x`, `2026-01-01T00:00:00Z INFO request handled in 12ms, no ERROR reported by the upstream service`)
}

func BenchmarkReferenceDelimited(b *testing.B) {
	benchEval(b, `[ip, id, user, timestamp, request = *index*, status_code = 4*, size > 1000]`,
		`127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534`)
}
