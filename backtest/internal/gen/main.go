// Command gen writes a large synthetic CloudTrail archive for timing
// `cwpat backtest`: the bundled real records, replayed in S3's layout
// (AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/*.json.gz, one
// {"Records":[...]} object per file, as CloudTrail delivers them) with fresh
// eventIDs, requestIDs and eventTimes, so gzip sees the entropy of real
// CloudTrail rather than repetition.
//
//	go run ./backtest/internal/gen -out /tmp/cwpat-archive -size 1GiB
//
// Write it outside the repository.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/cwpat/cwpat/backtest"
	"github.com/cwpat/cwpat/trail"
)

func main() {
	out := flag.String("out", "", "directory to write the archive into (required; keep it outside the repository)")
	size := flag.String("size", "256MiB", "compressed size to write, e.g. 64MiB, 1GiB")
	perFile := flag.Int("records-per-file", 2000, "records per delivered file")
	days := flag.Int("days", 30, "days the archive spans")
	flag.Parse()
	target, err := parseSize(*size)
	if *out == "" || err != nil {
		fmt.Fprintln(os.Stderr, "usage: gen -out DIR [-size 1GiB] [-records-per-file 2000] [-days 30]", err)
		os.Exit(2)
	}
	tmpl, err := templates()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if *perFile < 1 || *days < 1 {
		fmt.Fprintln(os.Stderr, "gen: -records-per-file and -days must be at least 1")
		os.Exit(2)
	}
	start := time.Now()
	var written, raw, records atomic.Int64
	var fileNo atomic.Int64
	begin := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	span := time.Duration(*days) * 24 * time.Hour
	// The files share the span evenly, whatever their number, and each
	// file's records share its slot evenly (in order, a random second
	// inside their step): -days 365 then really puts records in a year of
	// minutes once there are more records than minutes, and the same bytes
	// over -days 1 and -days 365 differ only in their time span. A slot is
	// what one file covers; CloudTrail's own files cover about 5 minutes of
	// a region, so a long span with few records has gaps, as real quiet
	// accounts do.
	probe, _ := writeFile(tmpl, rand.New(rand.NewPCG(99, 42)), *perFile, begin, time.Minute)
	files := max(1, (target+int64(len(probe))-1)/int64(len(probe)))
	slot := span / time.Duration(files)
	var wg sync.WaitGroup
	for w := range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 42))
			for written.Load() < target {
				n := fileNo.Add(1)
				at := begin.Add(time.Duration(n-1) * slot % span)
				data, rawN := writeFile(tmpl, rng, *perFile, at, slot)
				dir := filepath.Join(*out, "AWSLogs", "123456789012", "CloudTrail", "us-east-1", at.Format("2006/01/02"))
				if err := os.MkdirAll(dir, 0o755); err != nil {
					fmt.Fprintln(os.Stderr, "gen:", err)
					os.Exit(1)
				}
				name := fmt.Sprintf("123456789012_CloudTrail_us-east-1_%s_%06d.json.gz", at.Format("20060102T1504Z"), n)
				if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
					fmt.Fprintln(os.Stderr, "gen:", err)
					os.Exit(1)
				}
				written.Add(int64(len(data)))
				raw.Add(int64(rawN))
				records.Add(int64(*perFile))
			}
		})
	}
	wg.Wait()
	fmt.Printf("%s per file over %d days; ", slot.Round(time.Second), *days)
	fmt.Printf("wrote %d files, %d records, %d bytes gzip (%d bytes of JSON, ratio %.1f) in %s\n",
		fileNo.Load(), records.Load(), written.Load(), raw.Load(), float64(raw.Load())/float64(written.Load()), time.Since(start).Round(time.Second))
}

// writeFile returns one gzipped {"Records":[...]} file of n records whose
// eventTimes share [at, at+slot) evenly, in order, and its JSON length.
func writeFile(tmpl []*template, rng *rand.Rand, n int, at time.Time, slot time.Duration) ([]byte, int) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	bw := bufio.NewWriterSize(zw, 64<<10)
	bw.WriteString(`{"Records":[`)
	rawN := 12
	step := max(slot/time.Duration(n), time.Second)
	for i := range n {
		if i > 0 {
			bw.WriteByte(',')
			rawN++
		}
		t := tmpl[rng.IntN(len(tmpl))]
		when := at.Add(time.Duration(i)*slot/time.Duration(n) + time.Duration(rng.Int64N(int64(step/time.Second)))*time.Second)
		rawN += t.write(bw, rng, when)
	}
	bw.WriteString(`]}`)
	bw.Flush()
	zw.Close()
	return buf.Bytes(), rawN
}

// template is a real record cut around the values each copy changes.
type template struct {
	parts [][]byte // parts[0] time parts[1] id parts[2] id ... ; kinds says which
	kinds []byte   // 't' eventTime, 'u' a fresh UUID, 'r' a fresh request id
}

func (t *template) write(w *bufio.Writer, rng *rand.Rand, at time.Time) int {
	n := len(t.parts[0])
	w.Write(t.parts[0])
	for i, k := range t.kinds {
		var v string
		switch k {
		case 't':
			v = at.Format("2006-01-02T15:04:05Z")
		case 'u':
			v = uuid(rng)
		default:
			v = strings.ToUpper(strconv.FormatUint(rng.Uint64(), 36))
		}
		w.WriteString(v)
		w.Write(t.parts[i+1])
		n += len(v) + len(t.parts[i+1])
	}
	return n
}

func uuid(rng *rand.Rand) string {
	const hex = "0123456789abcdef"
	var b [36]byte
	for i := range b {
		switch i {
		case 8, 13, 18, 23:
			b[i] = '-'
		default:
			b[i] = hex[rng.IntN(16)]
		}
	}
	return string(b[:])
}

// templates cuts every bundled record around eventTime, eventID and
// requestID (top-level keys as CloudTrail writes them).
func templates() ([]*template, error) {
	var out []*template
	rd := &trail.Reader{}
	_, err := rd.ReadAll(backtest.Sample(), func(r *trail.Record) error {
		rec := append([]byte(nil), r.Message...)
		type cut struct {
			start, end int
			kind       byte
		}
		var cuts []cut
		for key, kind := range map[string]byte{`"eventTime":"`: 't', `"eventID":"`: 'u', `"requestID":"`: 'r'} {
			i := bytes.Index(rec, []byte(key))
			if i < 0 {
				continue
			}
			s := i + len(key)
			e := bytes.IndexByte(rec[s:], '"')
			cuts = append(cuts, cut{s, s + e, kind})
		}
		// order cuts by position
		for i := range cuts {
			for j := i + 1; j < len(cuts); j++ {
				if cuts[j].start < cuts[i].start {
					cuts[i], cuts[j] = cuts[j], cuts[i]
				}
			}
		}
		t := &template{}
		prev := 0
		for _, c := range cuts {
			t.parts = append(t.parts, rec[prev:c.start])
			t.kinds = append(t.kinds, c.kind)
			prev = c.end
		}
		t.parts = append(t.parts, rec[prev:])
		out = append(out, t)
		return nil
	})
	return out, err
}

func parseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}}
	for _, u := range units {
		if n, ok := strings.CutSuffix(s, u.suffix); ok {
			v, err := strconv.ParseFloat(n, 64)
			return int64(v * float64(u.mult)), err
		}
	}
	return strconv.ParseInt(s, 10, 64)
}
