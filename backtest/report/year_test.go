package report

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cwpat/cwpat/backtest"
	"github.com/cwpat/cwpat/rules"
	"github.com/cwpat/cwpat/trail"
)

// yearOfAnAccount generates a year of an active account's CloudTrail: a
// steady background of reads every day, a noisy automation principal
// denied a few times every working day, console sign-ins without MFA on
// some days, security group and IAM changes in weekly bursts, and a two-week
// quiet spell (the trail was off). Deterministic: the same records every run.
func yearOfAnAccount() string {
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	rec := func(t time.Time, source, name, principal, ip, agent, extra string) {
		fmt.Fprintf(&b, `{"eventVersion":"1.09","eventTime":%q,"eventSource":%q,"eventName":%q,"awsRegion":"us-east-1",`+
			`"userIdentity":{"type":"IAMUser","arn":%q},"sourceIPAddress":%q,"userAgent":%q,"eventType":"AwsApiCall"%s}`+"\n",
			t.Format(time.RFC3339), source, name, principal, ip, agent, extra)
	}
	deploy := "arn:aws:iam::111122223333:role/ci-deploy"
	for day := range 365 {
		d := start.AddDate(0, 0, day)
		if day >= 200 && day < 214 {
			continue // the trail was stopped
		}
		at := func() time.Time { return d.Add(time.Duration(rng.IntN(86400)) * time.Second) }
		for range 40 {
			rec(at(), "ec2.amazonaws.com", "DescribeInstances", deploy, "10.0.0.5", "terraform/1.9", "")
		}
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			for range 1 + rng.IntN(6) {
				rec(at(), "s3.amazonaws.com", "GetBucketPolicy", "arn:aws:iam::111122223333:role/scanner", "10.0.9.9", "aws-sdk-go-v2/1.30",
					`,"errorCode":"AccessDenied","errorMessage":"denied"`)
			}
		}
		if rng.IntN(10) == 0 {
			rec(at(), "signin.amazonaws.com", "ConsoleLogin", "arn:aws:iam::111122223333:user/alice", "198.51.100.7", "Mozilla/5.0",
				`,"eventType":"AwsConsoleSignIn","additionalEventData":{"MFAUsed":"No"},"responseElements":{"ConsoleLogin":"Success"}`)
		}
		if d.Weekday() == time.Tuesday {
			t := at()
			for k := range 3 + rng.IntN(20) {
				rec(t.Add(time.Duration(k)*time.Minute), "ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", deploy, "10.0.0.5", "terraform/1.9", "")
			}
		}
		if day%30 == 0 {
			rec(at(), "iam.amazonaws.com", "PutUserPolicy", "arn:aws:iam::111122223333:user/bob", "203.0.113.4", "aws-cli/2.9", "")
		}
	}
	return b.String()
}

// yearReport replays the generated year through CIS v5.0's 15 rules.
func yearReport(t testing.TB) *backtest.Report {
	t.Helper()
	set, err := rules.Builtin("cis-5.0")
	require.NoError(t, err)
	rep, err := backtest.Run(context.Background(), backtest.RulesFrom(set),
		[]trail.Source{trail.ReaderSource("year.ndjson", strings.NewReader(yearOfAnAccount()))}, backtest.Options{})
	require.NoError(t, err)
	return rep
}
