package localaws

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// tokenPrefix marks cwpat's pagination tokens, which are opaque to clients
// like AWS's: an offset into the sorted result, so a listing is stable while
// nothing changes.
const tokenPrefix = "cwpat-page:"

// paginate returns one page of items starting at token, and the token of the
// next page ("" at the end). badToken is returned for a token cwpat did not
// issue.
func paginate[T any](items []T, token string, limit int, badToken error) ([]T, string, error) {
	start := 0
	if token != "" {
		raw, err := base64.RawURLEncoding.DecodeString(token)
		rest, ok := strings.CutPrefix(string(raw), tokenPrefix)
		n, aerr := strconv.Atoi(rest)
		if err != nil || !ok || aerr != nil || n < 0 || n > len(items) {
			return nil, "", badToken
		}
		start = n
	}
	end := len(items)
	if limit > 0 && start+limit < end {
		end = start + limit
	}
	next := ""
	if end < len(items) {
		next = base64.RawURLEncoding.EncodeToString([]byte(tokenPrefix + strconv.Itoa(end)))
	}
	return items[start:end], next, nil
}
