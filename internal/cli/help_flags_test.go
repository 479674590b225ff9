package cli

import (
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// allCommands returns every command of the tree under root, root included,
// in a stable order.
func allCommands(root *cobra.Command) []*cobra.Command {
	out := []*cobra.Command{root}
	for _, c := range root.Commands() {
		out = append(out, allCommands(c)...)
	}
	return out
}

// helpFlagRef is a long flag named in help text: --name, --name=value.
var helpFlagRef = regexp.MustCompile(`--[a-z][a-z0-9-]*[a-z0-9]`)

// flagRefsIn returns, for each --flag that text mentions, the command it
// must exist on: cmd itself, or the cwpat command the same line names before
// it ("as 'cwpat deploy --apply' does"). Flags after another program's name
// (aws, jq, duckdb after a pipe) belong to that program and are not returned.
func flagRefsIn(root, cmd *cobra.Command, text string) map[string]*cobra.Command {
	refs := map[string]*cobra.Command{}
	owner, continued := cmd, false
	for _, line := range strings.Split(text, "\n") {
		if !continued { // a line ending in \ goes on with the same program
			owner = cmd
		}
		continued = strings.HasSuffix(line, "\\")
		quoted := false // inside 'cwpat ...': the owner is cmd again after the quote
		words := strings.Fields(line)
		for i := 0; i < len(words); i++ {
			w := strings.Trim(words[i], "'\"`(),;")
			switch {
			case w == "cwpat" && i+1 < len(words):
				// "cwpat plan --x" or "cwpat --version" name a command line;
				// "what cwpat deployed" is prose.
				next := strings.Trim(words[i+1], "'\"`(),;")
				sub, _, err := root.Find([]string{next})
				if strings.HasPrefix(next, "-") {
					sub, err = root, nil
				} else if err != nil || sub == root {
					continue
				}
				quoted = strings.ContainsAny(words[i][:1], "'`")
				if owner = sub; sub != root {
					i++
				}
				for ; i+1 < len(words); i++ {
					sub, _, err := owner.Find([]string{strings.Trim(words[i+1], "'\"`(),;")})
					if err != nil || sub == owner {
						break
					}
					owner = sub
				}
			case w == "aws" || w == "|" || w == "&&" || w == "terraform" || w == "go":
				owner = nil // another program's flags, to the end of the line
			case owner != nil:
				for _, f := range helpFlagRef.FindAllString(words[i], -1) {
					refs[f+"\x00"+owner.CommandPath()] = owner
				}
			}
			end := strings.TrimRight(words[i], ".,;:)")
			if quoted && (strings.HasSuffix(end, "'") || strings.HasSuffix(end, "`")) {
				owner, quoted = cmd, false
			}
		}
	}
	return refs
}

// hasFlag reports whether name (without dashes) is a flag of c, its own or
// inherited from a parent (--help is every command's).
func hasFlag(c *cobra.Command, name string) bool {
	if name == "help" {
		return true
	}
	return c.Flags().Lookup(name) != nil || c.InheritedFlags().Lookup(name) != nil
}

// TestHelpNamesOnlyRealFlags checks that every --flag any command's help
// mentions (short and long text, examples, flag descriptions) exists on that
// command, or on the cwpat command the same line names: a help that tells a
// new user to type a flag that is not there is a bug (compile's help once
// said --no-email-parameter for --email-parameter=false).
func TestHelpNamesOnlyRealFlags(t *testing.T) {
	root := NewRoot(&App{})
	checked := 0
	for _, c := range allCommands(root) {
		texts := []string{c.Short, c.Long, c.Example}
		c.Flags().VisitAll(func(f *pflag.Flag) { texts = append(texts, f.Usage) })
		for key, owner := range flagRefsIn(root, c, strings.Join(texts, "\n")) {
			name, _, _ := strings.Cut(key, "\x00")
			checked++
			assert.True(t, hasFlag(owner, strings.TrimPrefix(name, "--")),
				"'%s --help' mentions %s, which '%s' does not have", c.CommandPath(), name, owner.CommandPath())
		}
	}
	assert.Greater(t, checked, 60, "the flag pattern stopped finding flags in help texts")
}

// TestFlagRefsIn pins how help text is read: the command's own flags, a
// named cwpat command's flags, and another program's flags left alone.
func TestFlagRefsIn(t *testing.T) {
	root := NewRoot(&App{})
	plan, _, err := root.Find([]string{"plan"})
	require.NoError(t, err)
	refs := flagRefsIn(root, plan, "Show what 'cwpat deploy --apply' would change; --rules SET.\n"+
		"  aws --endpoint-url http://x logs create-log-group --log-group-name t\n"+
		"  cwpat compile --target duckdb --create-table 'x' | duckdb --no-such-flag\n"+
		"the flags cwpat deployed with --name-prefix; 'cwpat --version' or --region")
	var got []string
	for key, owner := range refs {
		name, _, _ := strings.Cut(key, "\x00")
		got = append(got, owner.Name()+" "+name)
	}
	assert.ElementsMatch(t, []string{"deploy --apply", "plan --rules", "compile --target", "compile --create-table",
		"plan --name-prefix", "cwpat --version", "plan --region"}, got)
}

// TestShortVIsVerbose pins the meaning of -v across the tree: --verbose on
// every command that has it, never the version (docs/cli.md, "-v and
// --version").
func TestShortVIsVerbose(t *testing.T) {
	root := NewRoot(&App{})
	withV := 0
	for _, c := range allCommands(root) {
		if f := c.Flags().ShorthandLookup("v"); f != nil {
			withV++
			assert.Equal(t, "verbose", f.Name, "'%s -v' is --%s", c.CommandPath(), f.Name)
		}
	}
	assert.GreaterOrEqual(t, withV, 5, "the commands with --verbose lost their -v")
	v := root.Flags().Lookup("version")
	require.NotNil(t, v, "cwpat --version")
	assert.Empty(t, v.Shorthand, "cwpat -v must not be the version")
}
