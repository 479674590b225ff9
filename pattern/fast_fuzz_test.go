package pattern

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// fuzzPatterns are matched by FuzzFastMatch: the CIS set, the extra JSON
// patterns and a few aimed at the seeds below.
var fuzzPatterns = append(append(cisSet(), extraJSONPatterns...),
	`{ $.a = "x" }`,
	`{ $.a.b = 1 || $.a[0] = "AccessDenied" }`,
	`{ $.* = "ConsoleLogin" && $.b NOT EXISTS }`,
	`{ $.a[*].b > 2 }`,
	`{ $.a IS NULL || $.a IS TRUE }`,
)

// FuzzFastMatch requires the fast matcher (with its prefilter) and a Set of
// every fuzz pattern to answer exactly as the reference evaluator on
// arbitrary events.
func FuzzFastMatch(f *testing.F) {
	for _, s := range []string{
		`{"a":"x"}`, `{"a":"\u0078"}`, `{"a":{"b":1},"a":{"b":2}}`, `{"a":["AccessDenied"]}`,
		`{"eventName":"ConsoleLogin","additionalEventData":{"MFAUsed":"No"}}`,
		`{"eventName":"Cre\u0061teVpc"}`, `{"errorCode":"Client.UnauthorizedOperation","eventName":"X"}`,
		`{"userIdentity":{"type":"Root"},"eventType":"AwsApiCall"}`, `{"a":[{"b":3},{"b":1}]}`,
		`{"eventSource":"s3.amazonaws.com","eventName":"PutBucketAcl"} `, `{"a":null}`, `{"a":true}`,
	} {
		f.Add([]byte(s))
	}
	var once sync.Once
	var fast, ref []evaluator
	var set *Set
	f.Fuzz(func(t *testing.T, event []byte) {
		once.Do(func() {
			for _, src := range fuzzPatterns {
				p := mustParse(t, src)
				fast = append(fast, compileFastJSON(p))
				ref = append(ref, compileReference(p))
			}
			var err error
			set, err = CompileSet(fuzzPatterns)
			require.NoError(t, err)
		})
		matched := make([]bool, set.Len())
		set.Match(event, matched)
		for i := range fuzzPatterns {
			want := ref[i].match(event)
			if got := fast[i].match(event); got != want {
				t.Fatalf("fast=%v reference=%v\npattern %s\nevent %q", got, want, fuzzPatterns[i], event)
			}
			if matched[i] != want {
				t.Fatalf("set=%v reference=%v\npattern %s\nevent %q", matched[i], want, fuzzPatterns[i], event)
			}
		}
	})
}

// TestConcurrentMatch shares one Set and one Matcher between goroutines;
// under -race it checks that the pooled per-event state is not shared.
func TestFastConcurrentMatch(t *testing.T) {
	records := loadCloudTrail(t)[:400]
	set, err := CompileSet(cisSet())
	require.NoError(t, err)
	m := MustCompile(cisSet()[0])
	want := make([][]bool, len(records))
	for i, rec := range records {
		want[i] = make([]bool, set.Len())
		set.Match(rec, want[i])
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got := make([]bool, set.Len())
			for i, rec := range records {
				set.Match(rec, got)
				for j := range got {
					if got[j] != want[i][j] {
						errs <- "set answer changed under concurrency"
						return
					}
				}
				if m.Match(rec) != want[i][0] {
					errs <- "matcher answer changed under concurrency"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
