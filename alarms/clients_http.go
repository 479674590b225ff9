package alarms

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
)

// newHTTPClient builds the SDK's HTTP client for o: timeouts on every step
// and, with an endpoint URL, a guard that refuses requests to any other host
// (the credential chain's services included), so a local run never reaches
// AWS. A refused or unresolvable endpoint fails at the first attempt
// (connection errors are not retried, see newRetryer), well within the
// connect timeout.
//
// The guard sits in the transport's Proxy hook, which runs for every
// request: the SDK needs a *BuildableClient (it adds AWS_CA_BUNDLE to it),
// so the client itself cannot be wrapped.
func newHTTPClient(o ClientOptions, endpoint *url.URL) *awshttp.BuildableClient {
	connect, read := o.ConnectTimeout, o.ReadTimeout
	if connect <= 0 {
		connect = 10 * time.Second
	}
	if read <= 0 {
		read = 60 * time.Second
	}
	only := ""
	if endpoint != nil {
		only = hostPort(endpoint)
	}
	return awshttp.NewBuildableClient().
		WithTimeout(connect + read).
		WithDialerOptions(func(d *net.Dialer) { d.Timeout = connect }).
		WithTransportOptions(func(t *http.Transport) {
			t.TLSHandshakeTimeout = connect
			t.ResponseHeaderTimeout = read
			if only == "" {
				return
			}
			proxy := t.Proxy
			t.Proxy = func(req *http.Request) (*url.URL, error) {
				if hostPort(req.URL) != only {
					return nil, &ForeignHostError{Host: req.URL.Host, Endpoint: only}
				}
				if proxy == nil {
					return nil, nil
				}
				return proxy(req)
			}
		})
}

// ForeignHostError is a request cwpat refused to send: with --endpoint-url,
// every call goes to that endpoint and nowhere else.
type ForeignHostError struct{ Host, Endpoint string }

// Error names both hosts.
func (e *ForeignHostError) Error() string {
	return fmt.Sprintf("refusing to send a request to %s: with --endpoint-url every AWS call goes to %s only", e.Host, e.Endpoint)
}

// hostPort is u's host with its port made explicit, so that
// http://127.0.0.1 and http://127.0.0.1:80 compare equal.
func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[strings.ToLower(u.Scheme)]
	}
	return strings.ToLower(net.JoinHostPort(u.Hostname(), port))
}
