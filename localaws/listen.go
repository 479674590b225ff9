package localaws

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// Endpoint is a Server listening on a loopback address.
type Endpoint struct {
	*Server
	// URL is the endpoint's base URL, e.g. "http://127.0.0.1:40123", for an
	// SDK client's BaseEndpoint or the AWS CLI's --endpoint-url.
	URL string

	http     *http.Server
	ln       net.Listener
	done     chan struct{} // closed when Serve returns
	serveErr error         // why Serve returned; read after done is closed
}

// Listen starts a Server on addr ("127.0.0.1:0" picks a free port). It
// refuses any address that is not loopback: the endpoint accepts unsigned
// requests and must never be reachable from another machine.
func Listen(addr string, opts Options) (*Endpoint, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("localaws: address %q: %w (want 127.0.0.1:PORT)", addr, err)
	}
	if host == "localhost" {
		host = "127.0.0.1"
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("localaws: refusing to listen on %q: only loopback addresses such as 127.0.0.1 are allowed", addr)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(ip.String(), port))
	if err != nil {
		return nil, fmt.Errorf("localaws: %w", err)
	}
	s := New(opts)
	e := &Endpoint{
		Server: s,
		URL:    "http://" + ln.Addr().String(),
		http:   newHTTPServer(guard(s, portOf(ln)), opts),
		ln:     ln,
		done:   make(chan struct{}),
	}
	go func() {
		e.serveErr = e.http.Serve(ln)
		close(e.done)
	}()
	if opts.EvaluateEvery > 0 {
		go e.every(opts.EvaluateEvery, e.EvaluateAlarms)
	}
	if opts.TrailDelay > 0 {
		// With a TrailDelay, records arrive without a request to carry them.
		go e.every(time.Second, e.DeliverTrailEvents)
	}
	return e, nil
}

// every runs job on a ticker of period d until the endpoint stops: the
// alarm evaluations and trail deliveries AWS makes without being asked.
func (e *Endpoint) every(d time.Duration, job func()) {
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-e.done:
			return
		case <-t.C:
			job()
		}
	}
}

// Close stops the endpoint, waiting for calls in flight.
func (e *Endpoint) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := e.http.Shutdown(ctx)
	<-e.done
	if err == nil && !errors.Is(e.serveErr, http.ErrServerClosed) {
		err = e.serveErr
	}
	return err
}

// Wait blocks until the endpoint stops serving (after Close or a failure)
// and returns why it stopped.
func (e *Endpoint) Wait() error {
	<-e.done
	if errors.Is(e.serveErr, http.ErrServerClosed) {
		return nil
	}
	return e.serveErr
}

// Config returns an aws.Config for this endpoint: region us-east-1, static
// credentials in DefaultAccount, BaseEndpoint set, and a retryer that backs
// off for a millisecond instead of seconds so throttling tests stay fast.
func (e *Endpoint) Config() aws.Config {
	return e.ConfigFor(DefaultRegion, "AKIDLOCALTEST")
}

// ConfigFor is Config for another region and access key; a 12-digit access
// key acts as that account.
func (e *Endpoint) ConfigFor(region, accessKey string) aws.Config {
	return aws.Config{
		Region:       region,
		Credentials:  credentials.NewStaticCredentialsProvider(accessKey, "local-secret", ""),
		BaseEndpoint: aws.String(e.URL),
		Retryer: func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) {
				o.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return time.Millisecond, nil })
				o.RateLimiter = ratelimit.None
			})
		},
	}
}

// Timeouts of the HTTP server, so slow or idle clients cannot hold
// connections (and their goroutines and buffers) forever. A request body the
// SDK sends on loopback arrives in milliseconds; 30 s is generous.
const (
	defaultReadTimeout = 30 * time.Second
	defaultIdleTimeout = 60 * time.Second
)

func newHTTPServer(h http.Handler, opts Options) *http.Server {
	read, idle := opts.ReadTimeout, opts.IdleTimeout
	if read <= 0 {
		read = defaultReadTimeout
	}
	if idle <= 0 {
		idle = defaultIdleTimeout
	}
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: min(read, 10*time.Second),
		ReadTimeout:       read,
		WriteTimeout:      2 * read,
		IdleTimeout:       idle,
		MaxHeaderBytes:    64 << 10,
	}
}

// portOf is the port a listener listens on.
func portOf(ln net.Listener) string {
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}
