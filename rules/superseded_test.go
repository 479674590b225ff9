package rules

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSuperseded(t *testing.T) {
	all, err := SupersededTexts()
	require.NoError(t, err)
	require.NotEmpty(t, all)

	// Security Hub's CloudWatch.3 before awsdocs/aws-security-hub-user-guide
	// commit e7ee0c4 (2022-05-19), copied from that commit's removed line.
	old := `{($.eventName="ConsoleLogin") && ($.additionalEventData.MFAUsed !="Yes")}`
	got, ok := Superseded(old)
	require.True(t, ok)
	assert.Equal(t, "CloudWatch.3", got.Control)
	assert.Equal(t, time.Date(2022, 5, 19, 0, 0, 0, 0, time.UTC), got.Until)
	assert.Equal(t, `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }`, got.Current)
	assert.Equal(t, "securityhub", got.Set)
	assert.Equal(t, "console-signin-without-mfa", got.RuleID)

	for _, spelling := range []string{
		`{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }`,
		"{\n  ($.eventName=\"ConsoleLogin\")\t&&($.additionalEventData.MFAUsed!=\"Yes\")\n}",
	} {
		_, ok := Superseded(spelling)
		assert.True(t, ok, "blanks outside quotes do not matter: %s", spelling)
	}
	for _, other := range []string{
		got.Current,
		`{($.eventName="Console Login") && ($.additionalEventData.MFAUsed !="Yes")}`,
		`{($.eventName="ConsoleLogin") && ($.additionalEventData.MFAUsed !="Yes") && ($.userIdentity.type="IAMUser")}`,
		"",
	} {
		_, ok := Superseded(other)
		assert.False(t, ok, "%q is not a superseded text", other)
	}
}

// The set that carries a control's current text never ships the superseded
// one. Other sets may: CIS still prints the old CloudWatch.3 text as its
// console sign-in recommendation, so it is superseded for Security Hub only.
func TestSupersededTextsAreNotShipped(t *testing.T) {
	all, err := SupersededTexts()
	require.NoError(t, err)
	for _, s := range all {
		set, err := Builtin(s.Set)
		require.NoError(t, err)
		for _, r := range set.Rules {
			assert.NotEqual(t, withoutBlanks(s.Pattern), withoutBlanks(r.FilterPattern), "%s %s ships the superseded %s text", s.Set, r.ID, s.Control)
		}
		assert.NotEqual(t, withoutBlanks(s.Pattern), withoutBlanks(s.Current))
	}
	cis, err := Builtin("cis-1.2")
	require.NoError(t, err)
	r, _ := cis.Rule("console-signin-without-mfa")
	got, ok := Superseded(r.FilterPattern)
	require.True(t, ok, "CIS's text is Security Hub's old one")
	assert.Equal(t, "securityhub", got.Set)
}

func TestWithoutBlanks(t *testing.T) {
	assert.Equal(t, `{$.a="x y"&&$.b=c}`, withoutBlanks(" { $.a = \"x y\" &&\n $.b = c } "))
	assert.Equal(t, `{$.a="q\" r"}`, withoutBlanks(`{ $.a = "q\" r" }`), "an escaped quote does not end the string")
}
