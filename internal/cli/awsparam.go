package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/cwpat/cwpat/awslimits"
)

// This file reads parameters the way the AWS CLI does, so a command line
// copied from `aws logs ...` works unchanged with cwpat:
//
//   - a list parameter takes every following argument that is not an
//     option (`--log-event-messages a b c`), as argparse's nargs='+' does;
//   - a list given as one value starting with '[' is a JSON list;
//   - a value written file://path is read from that file.

// paramError is how the AWS CLI reports a parameter it cannot read.
func paramError(flag, msg string) error {
	return fmt.Errorf("Error parsing parameter '%s': %s", flag, msg) // the AWS CLI's wording, kept so scripts can match it
}

// negativeNumber is argparse's test for an argument that starts with '-'
// but is a value, not an option.
var negativeNumber = regexp.MustCompile(`^-\d+$|^-\d*\.\d+$`)

// looksLikeOption reports whether argparse would take arg for an option
// (and so end a list): it starts with '-', is not '-' alone, not a negative
// number and contains no space.
func looksLikeOption(arg string) bool {
	if !strings.HasPrefix(arg, "-") || arg == "-" {
		return false
	}
	if negativeNumber.MatchString(arg) {
		return false
	}
	return !strings.Contains(arg, " ")
}

// takeListFlag removes every occurrence of the list option name (with its
// values) from args. It returns the values of all occurrences in order and
// the arguments left for ordinary flag parsing. `--name=value` takes one
// value; `--name v1 v2 ...` takes values up to the next option or `--`.
// Unlike the AWS CLI, which keeps only the last occurrence, repeated
// occurrences add up: dropping values silently would be a wrong answer.
func takeListFlag(args []string, name string) (values []string, rest []string, seen bool, err error) {
	flag := "--" + name
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		if v, ok := strings.CutPrefix(a, flag+"="); ok {
			values, seen = append(values, v), true
			continue
		}
		if a != flag {
			rest = append(rest, a)
			continue
		}
		seen = true
		n := 0
		for i+1 < len(args) && args[i+1] != "--" && !looksLikeOption(args[i+1]) {
			values = append(values, args[i+1])
			i++
			n++
		}
		if n == 0 {
			return nil, nil, true, fmt.Errorf("argument %s: expected at least one argument", flag)
		}
	}
	return values, rest, seen, nil
}

// readParamFile returns the contents of a file://path value, and ok=false
// for any other value. Like the AWS CLI it expands a leading ~.
func readParamFile(flag, value string) (contents, path string, ok bool, err error) {
	path, ok = strings.CutPrefix(value, "file://")
	if !ok {
		return "", "", false, nil
	}
	if rest, home := strings.CutPrefix(path, "~/"); home {
		if dir, herr := os.UserHomeDir(); herr == nil {
			path = filepath.Join(dir, rest)
		}
	}
	data, err := readParamBounded(path, paramFileLimit(flag))
	if err != nil {
		return "", path, true, paramError(flag, fmt.Sprintf("Unable to load paramfile %s: %v", value, err))
	}
	return string(data), path, true, nil
}

// paramFileLimit is the most a file:// value of flag is read: what a valid
// value can be. A filter pattern is at most 1,024 characters (4 bytes each
// in UTF-8, and a final line break); a request or a list of messages holds
// at most 50 log events of at most 1 MiB each. A bigger file, or a device
// that never ends, is refused without reading it all.
func paramFileLimit(flag string) int64 {
	if flag == "--filter-pattern" {
		return 4*awslimits.FilterPatternMaxLength + 2
	}
	return (awslimits.TestMessagesMax + 1) << 20
}

// readParamBounded reads at most limit bytes of path, and refuses a longer file.
func readParamBounded(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("the file holds more than %d bytes, more than a valid value can be", limit)
	}
	return data, nil
}

// unpackStringList turns a list parameter's raw values into strings as the
// AWS CLI does: one value starting with '[' (after blanks) is a JSON list of
// strings; a single file://path is read and must hold such a list; anything
// else is the list itself.
func unpackStringList(flag string, values []string) ([]string, error) {
	if len(values) != 1 {
		return values, nil
	}
	v := values[0]
	if contents, _, ok, err := readParamFile(flag, v); err != nil {
		return nil, err
	} else if ok {
		if !strings.HasPrefix(strings.TrimSpace(contents), "[") {
			return nil, paramError(flag, "the file "+v+" must hold a JSON list of strings, like [\"event one\", \"event two\"]")
		}
		v = contents
	}
	if !strings.HasPrefix(strings.TrimSpace(v), "[") {
		return values, nil
	}
	var list []string
	if err := json.Unmarshal([]byte(v), &list); err != nil {
		return nil, fmt.Errorf("%w\nJSON received: %s\nhint: a single value that starts with '[' is read as a JSON list, as the AWS CLI reads it; "+
			"to test one message that starts with '[', pass it inside a list: '[\"[ERROR] ...\"]'",
			paramError(flag, "Invalid JSON: "+err.Error()), v)
	}
	return list, nil
}
