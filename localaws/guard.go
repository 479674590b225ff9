package localaws

import (
	"net"
	"net/http"
	"net/url"
	"strings"
)

// The endpoint answers unsigned requests, so anything that can make a
// request to it can drive it. Listening on loopback keeps other machines
// out; guard keeps out the two ways a web page in the user's own browser
// could get in:
//
//   - a cross-site form POST (Content-Type application/x-www-form-urlencoded
//     is the query protocol's own, so it needs no CORS preflight): browsers
//     mark it with an Origin header, which no SDK or AWS CLI sends;
//   - DNS rebinding, where a page's own host name is made to resolve to
//     127.0.0.1 so that the browser lets it read the answers: the Host header
//     then names the attacker's domain, not a loopback address.
//
// So a request is answered only when its Host is a loopback address or
// "localhost" (with the endpoint's port, when a port is given) and it
// carries no Origin other than the endpoint's own.

// guard wraps h with the Host and Origin checks for an endpoint on port.
func guard(h http.Handler, port string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if why := refuseForeign(r, port); why != "" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(`{"__type":"AccessDeniedException","message":"` + why + `"}` + "\n"))
			return
		}
		h.ServeHTTP(w, r)
	})
}

// refuseForeign returns why r is refused, or "" to answer it.
func refuseForeign(r *http.Request, port string) string {
	if !localHost(r.Host, port) {
		return "cwpat serve answers only requests addressed to 127.0.0.1, [::1] or localhost (Host header names another host)"
	}
	if o := r.Header.Get("Origin"); o != "" && !sameOrigin(o, port) {
		return "cwpat serve refuses requests from web pages (a browser sent an Origin header)"
	}
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return "cwpat serve refuses cross-site requests from web pages"
	}
	return ""
}

// localHost reports whether a Host header value names this endpoint:
// a loopback IP or "localhost", and port when it carries one.
func localHost(hostport, port string) bool {
	host, p, err := net.SplitHostPort(hostport)
	if err != nil {
		host, p = strings.Trim(hostport, "[]"), ""
	}
	if p != "" && port != "" && p != port {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// sameOrigin reports whether an Origin header is the endpoint's own
// (http://127.0.0.1:PORT and the like), as a page served by the endpoint
// itself would send. "null" (sandboxed frames, file: pages) is foreign.
func sameOrigin(origin, port string) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		return false
	}
	return u.Port() == port && localHost(u.Host, port)
}
