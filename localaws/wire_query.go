package localaws

import (
	"net/url"
	"strings"
)

// queryDecoder decodes an AWS query form (Action=...&Version=...&
// AlarmNames.member.1=x&Dimensions.member.1.Name=y&Attributes.entry.1.key=z)
// into an input struct.
func queryDecoder(form url.Values) func(any) error {
	return func(dst any) error {
		tree := map[string]any{}
		for key, vals := range form {
			if key == "Action" || key == "Version" || len(vals) == 0 {
				continue
			}
			if err := insertPath(tree, strings.Split(key, "."), vals[0]); err != nil {
				return &awsError{Code: "ValidationError", Message: "parameter " + key + ": " + err.Error(), Status: 400}
			}
		}
		return decodeTree(tree, dst, protoQuery)
	}
}

type pathConflict string

func (p pathConflict) Error() string { return string(p) }

// insertPath stores value at the dotted path in tree.
func insertPath(tree map[string]any, path []string, value string) error {
	for _, p := range path[:len(path)-1] {
		next, ok := tree[p]
		if !ok {
			m := map[string]any{}
			tree[p] = m
			tree = m
			continue
		}
		m, ok := next.(map[string]any)
		if !ok {
			return pathConflict("is both a value and a structure")
		}
		tree = m
	}
	last := path[len(path)-1]
	if _, ok := tree[last].(map[string]any); ok {
		return pathConflict("is both a value and a structure")
	}
	tree[last] = value
	return nil
}
