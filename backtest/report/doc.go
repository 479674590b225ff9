// Package report renders a backtest.Report for people: a text table for the
// terminal (WriteText) and a self-contained HTML page (WriteHTML). It only
// renders; the backtest package computes the report, and the report's JSON
// is the backtest.Report itself.
//
// # Checking the page in a browser
//
// The structure of the page is tested (html_test.go renders a generated year
// of an active account through CIS v5.0's 15 rules); how it looks is checked
// by eye after every change to the template or the charts:
//
//	go test ./backtest/report -run TestYearLongReport -args -html-out /tmp/year.html
//	go run ./cmd/cwpat backtest --rules cis-1.4 --html /tmp/sample.html
//	chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
//	    --disable-background-networking --disable-component-update --disable-sync \
//	    --user-data-dir=$(mktemp -d) --screenshot=/tmp/year.png --window-size=1400,3000 \
//	    file:///tmp/year.html
//
// What to look for: tick labels that neither overlap nor run off a chart,
// gaps drawn as narrow grey bands, one label per value on each y axis,
// timestamps on one line, driver tables aligned at the top, and the
// collapsed tables showing their counts.
package report
