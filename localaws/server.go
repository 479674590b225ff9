package localaws

import (
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// DefaultAccount is the account every request acts in unless its access key
// is itself a 12-digit account id.
const DefaultAccount = "123456789012"

// DefaultRegion is used when a request carries no SigV4 credential scope.
const DefaultRegion = "us-east-1"

// maxBody bounds a request body: PutLogEvents allows 1,048,576 bytes of events
// and the JSON around them, so 8 MiB refuses nothing AWS would accept.
const maxBody = 8 << 20

// Service names, as in the SigV4 credential scope. Faults and Calls use them.
const (
	ServiceLogs       = "logs"
	ServiceCloudWatch = "monitoring"
	ServiceSNS        = "sns"
	ServiceCloudTrail = "cloudtrail"
	ServiceKMS        = "kms"
	ServiceAthena     = "athena"
)

// HealthPath answers GET with 200 and a JSON status, for scripts that wait
// for `cwpat serve` to be ready.
const HealthPath = "/_cwpat/health"

// Options configures a Server. The zero value is ready to use.
type Options struct {
	// Account is the account id used when the access key is not a 12-digit
	// account id. Default DefaultAccount.
	Account string
	// Now is the clock (time.Now by default). Tests pin it to make alarm
	// evaluation and timestamps deterministic.
	Now func() time.Time
	// OnCall, when set, is told of every answered call (after the server's
	// lock is released, so it may call back into the Server). `cwpat serve
	// -v` logs calls with it.
	OnCall func(Call)
	// OnPublish, when set, is told of every message published to a topic,
	// by Publish or by an alarm changing state (after the lock is released).
	// `cwpat serve -v` prints alarm notifications with it.
	OnPublish func(Message)
	// OnActionFailure, when set, is told of every alarm action that could
	// not run (see Server.FailedActions), after the lock is released.
	OnActionFailure func(ActionFailure)
	// EvaluateEvery, when positive, makes an Endpoint evaluate every alarm
	// on this interval, as CloudWatch does each minute, so notifications go
	// out without a request to trigger them. Requests evaluate their own
	// region's alarms regardless.
	EvaluateEvery time.Duration
	// ReadTimeout bounds reading one request, body included, and
	// IdleTimeout how long a kept-alive connection may sit idle, on an
	// Endpoint (defaults 30 s and 60 s).
	ReadTimeout, IdleTimeout time.Duration
	// MaxEvents bounds the log events the server keeps, over all log groups:
	// past it the oldest events are dropped, as if their retention had
	// passed (they were already matched by the metric filters when they
	// arrived). 0 means DefaultMaxEvents; negative means no bound.
	MaxEvents int
	// TrailDelay holds each CloudTrail record back this long before it is
	// delivered to the trails' log groups, as CloudTrail's own delivery of
	// about five minutes does (`cwpat serve --trail-delay 5m`). 0 delivers
	// with the call that made the record.
	TrailDelay time.Duration
}

// Server is the local AWS endpoint, an http.Handler. All state is in memory
// and guarded by one lock, so every operation is atomic, as each AWS call is.
type Server struct {
	opts Options

	mu      sync.Mutex
	regions map[regionKey]*region
	faults  []*fault
	calls   []Call
	outbox  []Message // published under the lock, handed to OnPublish after it

	actionFailures []ActionFailure
	failbox        []ActionFailure // for OnActionFailure, like outbox
	handlers       map[string]map[string]handler
	budget         eventBudget // bounds the log events kept (Options.MaxEvents)
	// alarmsEvaluated counts alarm evaluations (AlarmsEvaluated).
	alarmsEvaluated int64
	athena          *athenaState   // created on first use (athena_engine.go)
	insights        *insightsState // created on first use (insights_ops.go)

	chain chainState // IAM, STS, organizations, CloudTrail records (iam_state.go)
}

// regionKey names one account's state in one region.
type regionKey struct{ account, region string }

// New returns a Server with empty state.
func New(opts Options) *Server {
	if opts.Account == "" {
		opts.Account = DefaultAccount
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Server{opts: opts, regions: map[regionKey]*region{}, budget: newEventBudget(opts.MaxEvents)}
	s.handlers = map[string]map[string]handler{
		ServiceLogs:       logsHandlers(),
		ServiceCloudWatch: cloudwatchHandlers(),
		ServiceSNS:        snsHandlers(),
		ServiceCloudTrail: cloudtrailHandlers(),
		ServiceKMS:        kmsHandlers(),
		ServiceIAM:        iamHandlers(),
		ServiceSTS:        stsHandlers(),
		ServiceAthena:     athenaHandlers(),
	}
	for name, h := range insightsHandlers() { // Logs Insights is part of the Logs API
		s.handlers[ServiceLogs][name] = h
	}
	recordCalls(s.handlers)
	return s
}

// call is one request being answered: who asks, where, and through which
// protocol the answer goes back.
type call struct {
	srv       *Server
	service   string
	op        string
	proto     protocol
	account   string
	region    string
	requestID string
	now       time.Time
	st        *region
	who       *caller // who signed the request (sts.go)
}

// handler answers one operation. decode fills the operation's input struct
// from the request, whatever the protocol; the result is encoded back the same
// way. A nil result means an empty reply.
type handler func(c *call, decode func(any) error) (any, error)

// op adapts a typed operation function to a handler.
func op[In any](f func(c *call, in *In) (any, error)) handler {
	return func(c *call, decode func(any) error) (any, error) {
		in := new(In)
		if err := decode(in); err != nil {
			return nil, err
		}
		return f(c, in)
	}
}

// ServeHTTP routes a request by its protocol and answers it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet && r.URL.Path == HealthPath {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"status":"running","services":["logs","monitoring","sns","cloudtrail","kms","iam","sts","athena"]}`+"\n")
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	c := &call{srv: s, requestID: newRequestID()}
	c.account, c.region = identity(r, s.opts.Account)
	s.identify(c, r)
	if err != nil {
		writeError(w, c, protoJSON, errSerialization("could not read the request body: "+err.Error()))
		return
	}
	if strings.EqualFold(r.Header.Get("Content-Encoding"), "gzip") {
		// The SDK gzips large requests (PutMetricData) under its
		// requestcompression trait.
		if body, err = gunzip(body); err != nil {
			writeError(w, c, guessProtocol(r), errSerialization("could not inflate the gzip body: "+err.Error()))
			return
		}
	}
	if len(body) > maxBody {
		writeError(w, c, protoJSON, &awsError{Code: "RequestEntityTooLarge", Message: "Request body too large", Status: http.StatusRequestEntityTooLarge})
		return
	}
	req, rerr := route(r, body)
	c.service, c.op, c.proto = req.service, req.op, req.proto
	h := s.handlers[req.service][req.op]
	if rerr == nil && h == nil {
		rerr = unknownOperation(c)
	}
	if rerr != nil {
		// Refused before reaching an operation; still logged, so that
		// `cwpat serve -v` shows what a client tried.
		s.mu.Lock()
		rec := s.record(c, rerr)
		s.mu.Unlock()
		if s.opts.OnCall != nil {
			s.opts.OnCall(rec)
		}
		writeError(w, c, c.proto, rerr)
		return
	}

	s.mu.Lock()
	c.now = s.opts.Now().UTC()
	c.st = s.region(c.account, c.region)
	c.evaluateRegion()
	var out any
	err = s.takeFault(c)
	if err == nil {
		out, err = h(c, req.decode)
	}
	rec := s.record(c, err)
	s.unlock()
	if s.opts.OnCall != nil {
		s.opts.OnCall(rec)
	}

	if err != nil {
		writeError(w, c, c.proto, err)
		return
	}
	writeOutput(w, c, out)
}

// unlock releases s.mu and then hands the messages published and the alarm
// actions failed while it was held to the hooks, so they may call back into
// the Server.
func (s *Server) unlock() {
	out, failed := s.outbox, s.failbox
	s.outbox, s.failbox = nil, nil
	s.mu.Unlock()
	if s.opts.OnPublish != nil {
		for _, m := range out {
			s.opts.OnPublish(m)
		}
	}
	if s.opts.OnActionFailure != nil {
		for _, f := range failed {
			s.opts.OnActionFailure(f)
		}
	}
}

// region returns (creating on first use) the state of one account in one
// region. The caller holds s.mu.
func (s *Server) region(account, name string) *region {
	k := regionKey{account, name}
	st := s.regions[k]
	if st == nil {
		st = newRegion(account, name)
		s.regions[k] = st
	}
	return st
}

// identity reads the account and region from the SigV4 Authorization header:
// "AWS4-HMAC-SHA256 Credential=AKID/20261122/us-east-1/logs/aws4_request, ...".
func identity(r *http.Request, defaultAccount string) (account, region string) {
	account, region = defaultAccount, DefaultRegion
	auth := r.Header.Get("Authorization")
	i := strings.Index(auth, "Credential=")
	if i < 0 {
		return account, region
	}
	cred := auth[i+len("Credential="):]
	if j := strings.IndexAny(cred, ", "); j >= 0 {
		cred = cred[:j]
	}
	parts := strings.Split(cred, "/")
	if len(parts) >= 3 && parts[2] != "" {
		region = parts[2]
	}
	if isAccountID(parts[0]) {
		account = parts[0]
	}
	return account, region
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// gunzip inflates a gzip-encoded body, at most maxBody+1 bytes of it.
func gunzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return io.ReadAll(io.LimitReader(zr, maxBody+1))
}

// newRequestID returns a UUID-shaped request id, as AWS sends.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
