package source

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/brief-reader/brief/model"
)

// Limits a Fetcher applies when its fields are left zero.
const (
	DefaultTimeout      = 15 * time.Second
	DefaultMaxRedirects = 5
)

// ErrNotModified is the reason a refresh returns nothing: the server
// answered 304 Not Modified to a conditional request, or the last answer
// is still fresh (Cache-Control: max-age) and no request was made.
var ErrNotModified = errors.New("not modified")

// Fetcher downloads pages and feeds over http and https. It keeps each
// URL's state (model.FeedState): the validators of the last good response
// (ETag, Last-Modified), so that loading the URL again sends a
// conditional request and an unchanged feed costs one small 304 response;
// how long that response is fresh (Cache-Control: max-age), during which
// no request is made; and the failures since, after which the next request
// waits for the server's Retry-After or a backoff that doubles with each
// failure. With States set, that state outlives the program. The zero
// value is ready to use; a Fetcher is safe for concurrent use and must not
// be copied after first use.
type Fetcher struct {
	// Transport makes the requests; nil means http.DefaultTransport.
	Transport http.RoundTripper
	// Timeout bounds each request, body included; 0 means DefaultTimeout.
	Timeout time.Duration
	// Limits caps the bytes read from a response, by kind; the zero value
	// means the defaults.
	Limits Limits
	// MaxRedirects is how many redirects a request may follow; 0 means
	// DefaultMaxRedirects, a negative value none.
	MaxRedirects int
	// UserAgent is sent with every request; "" means "brief/<version>"
	// with the version from the build information.
	UserAgent string
	// States, when set, keeps each URL's state across runs (the store);
	// nil keeps it in memory only.
	States FeedStates
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	mu     sync.Mutex
	states map[string]model.FeedState
}

// FeedStates keeps the state of URL sources across runs.
type FeedStates interface {
	// FeedState returns the state kept for url; ok is false when there is
	// none.
	FeedState(ctx context.Context, url string) (st model.FeedState, ok bool, err error)
	// PutFeedState keeps st as the state of url.
	PutFeedState(ctx context.Context, url string, st model.FeedState) error
}

// Response is a downloaded body.
type Response struct {
	// URL is the address the body came from, after redirects.
	URL string
	// ContentType is the server's Content-Type header.
	ContentType string
	// Body is the response body, at most the cap for its kind.
	Body []byte
	// NotModified is true when the server answered 304 to a conditional
	// request; Body is then empty.
	NotModified bool

	header http.Header
}

// Fetch downloads rawURL whole, sending the validators kept for it. It
// neither consults nor changes the URL's freshness or backoff. Errors are
// short reasons (timeout, too large, not found, HTTP status) wrapped in
// *Error.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (*Response, error) {
	st, _ := f.state(ctx, rawURL)
	ctx, cancel := context.WithTimeout(ctx, f.timeout())
	defer cancel()
	resp, out, err := f.get(ctx, rawURL, st)
	if err != nil || out.NotModified {
		return out, err
	}
	defer resp.Body.Close()
	body, _, err := f.read(ctx, rawURL, resp)
	if err != nil {
		return nil, err
	}
	out.Body, err = io.ReadAll(body)
	if err != nil {
		return nil, &Error{rawURL, f.readReason(ctx, err)}
	}
	return out, nil
}

// get sends the request for rawURL with st's validators and checks the
// status. With a nil error and out.NotModified false, the caller reads
// and closes resp.Body.
func (f *Fetcher) get(ctx context.Context, rawURL string, st model.FeedState) (*http.Response, *Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, nil, &Error{rawURL, errors.New("not an http or https URL")}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, &Error{rawURL, err}
	}
	req.Header.Set("User-Agent", f.userAgent())
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, text/html;q=0.9, application/xhtml+xml;q=0.9, text/markdown;q=0.8, text/plain;q=0.8, */*;q=0.5")
	if st.ETag != "" {
		req.Header.Set("If-None-Match", st.ETag)
	}
	if st.LastModified != "" {
		req.Header.Set("If-Modified-Since", st.LastModified)
	}
	client := &http.Client{Transport: f.Transport, CheckRedirect: f.checkRedirect}
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, &Error{rawURL, fetchReason(ctx, err, f.timeout())}
	}
	out := &Response{URL: resp.Request.URL.String(), ContentType: resp.Header.Get("Content-Type"), header: resp.Header}
	var reason error
	switch {
	case resp.StatusCode == http.StatusNotModified && (st.ETag != "" || st.LastModified != ""):
		out.NotModified = true
		resp.Body.Close()
		return nil, out, nil
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		reason = fmt.Errorf("not found (HTTP %d)", resp.StatusCode)
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		reason = fmt.Errorf("permission denied (HTTP %d)", resp.StatusCode)
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		reason = fmt.Errorf("HTTP %s", resp.Status)
	}
	if reason != nil {
		resp.Body.Close()
		return nil, out, &Error{rawURL, &statusError{reason, resp.Header}}
	}
	return resp, out, nil
}

// read checks the size and content type of a good response and returns
// its body, capped by the kind it holds (feed or page; a body over the
// cap fails as it is read), with the kind.
func (f *Fetcher) read(ctx context.Context, rawURL string, resp *http.Response) (io.Reader, kind, error) {
	lim := f.Limits
	if resp.ContentLength > lim.most() {
		return nil, 0, &Error{rawURL, lim.tooLargeFor(kindFeed)}
	}
	br := bufio.NewReaderSize(resp.Body, 8192)
	head, err := br.Peek(4096)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, 0, &Error{rawURL, f.readReason(ctx, err)}
	}
	ctype := resp.Header.Get("Content-Type")
	if err := contentTypeProblem(ctype, head); err != nil {
		return nil, 0, &Error{rawURL, err}
	}
	k := sniffKind(resp.Request.URL.String(), skipBOM(head), ctype)
	max := lim.of(k)
	if resp.ContentLength > max {
		return nil, k, &Error{rawURL, lim.tooLargeFor(k)}
	}
	return &capReader{r: br, left: max, err: &Error{rawURL, lim.tooLargeFor(k)}}, k, nil
}

// capReader reads at most left bytes of r; reading past them fails with
// err.
type capReader struct {
	r    io.Reader
	left int64
	err  error
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left < 0 {
		return 0, c.err
	}
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return 0, c.err
	}
	return n, err
}

// Load fetches rawURL and parses it: a page yields one article, a feed one
// per item. An OPML feed list yields ErrFeedList (Stream loads the feeds
// it lists). When the URL is unchanged since the last successful Load
// (or its last answer is still fresh), it returns ErrNotModified. The
// URL's validators are kept only when parsing succeeds.
func (f *Fetcher) Load(ctx context.Context, rawURL string) ([]model.Article, error) {
	arts, _, err := f.load(ctx, rawURL, nil)
	return arts, err
}

// load is Load that also returns the feeds an OPML document lists. With
// emit set, a feed's articles are handed to it in batches as they are
// parsed, and load returns none.
func (f *Fetcher) load(ctx context.Context, rawURL string, emit func([]model.Article)) ([]model.Article, []string, error) {
	st, err := f.state(ctx, rawURL)
	if err != nil {
		return nil, nil, &Error{rawURL, err}
	}
	now := f.now()
	switch {
	case now.Before(st.RetryAt):
		return nil, nil, &Error{rawURL, fmt.Errorf("%s (next try after %s)", cmp.Or(st.LastError, "failed"), st.RetryAt.Local().Format("15:04:05"))}
	case now.Before(st.FreshUntil):
		return nil, nil, &Error{rawURL, ErrNotModified}
	}
	ctx, cancel := context.WithTimeout(ctx, f.timeout())
	defer cancel()
	resp, out, err := f.get(ctx, rawURL, st)
	if err != nil {
		f.failed(ctx, rawURL, st, err)
		return nil, nil, err
	}
	if out.NotModified {
		f.succeeded(ctx, rawURL, st, out.header, false)
		return nil, nil, &Error{rawURL, ErrNotModified}
	}
	defer resp.Body.Close()
	arts, feeds, err := f.parse(ctx, rawURL, out.URL, resp, emit)
	if err != nil {
		f.failed(ctx, rawURL, st, err)
		return nil, nil, err
	}
	f.succeeded(ctx, rawURL, st, out.header, true)
	return arts, feeds, nil
}

// parse reads and parses a good response for rawURL, which came from
// loc; a large feed is parsed as it arrives (streamFeed).
func (f *Fetcher) parse(ctx context.Context, rawURL, loc string, resp *http.Response, emit func([]model.Article)) ([]model.Article, []string, error) {
	body, k, err := f.read(ctx, rawURL, resp)
	if err != nil {
		return nil, nil, err
	}
	ctype := resp.Header.Get("Content-Type")
	if k == kindFeed {
		var arts []model.Article
		send := emit
		if send == nil {
			send = func(b []model.Article) { arts = append(arts, b...) }
		}
		read, err := streamFeed(body, f.Limits.feed(), rawURL, loc, f.Limits, send)
		switch {
		case err == nil:
			return arts, nil, nil
		case !errors.Is(err, errNotStreamable):
			return nil, nil, relabel(f.readReason(ctx, err), rawURL)
		}
		body = io.MultiReader(bytes.NewReader(read), body)
	}
	data, err := io.ReadAll(body)
	if err != nil {
		return nil, nil, relabel(f.readReason(ctx, err), rawURL)
	}
	if k == kindOPML {
		feeds, err := ParseOPML(loc, data)
		if err != nil {
			return nil, nil, relabel(err, rawURL)
		}
		return nil, feeds, nil
	}
	arts, err := parseContent(loc, data, ctype)
	if err != nil {
		return nil, nil, relabel(err, rawURL)
	}
	if isFeed(arts) {
		// Items are named after the address asked for, not a redirect's.
		for i := range arts {
			if rest, ok := strings.CutPrefix(arts[i].Origin, loc+"#"); ok {
				arts[i].Origin = rawURL + "#" + rest
			}
		}
	} else {
		for i := range arts {
			arts[i].Origin = rawURL
		}
	}
	return arts, nil, nil
}

// readReason turns an error reading a body into a short reason; the cap's
// own error passes as it is.
func (f *Fetcher) readReason(ctx context.Context, err error) error {
	var se *Error
	if errors.As(err, &se) {
		return se.Err
	}
	return fetchReason(ctx, err, f.timeout())
}

// timeout is the bound on one request.
func (f *Fetcher) timeout() time.Duration {
	if f.Timeout > 0 {
		return f.Timeout
	}
	return DefaultTimeout
}

// now reads the clock.
func (f *Fetcher) now() time.Time {
	if f.Now != nil {
		return f.Now()
	}
	return time.Now()
}

// Forget drops the state kept for rawURL in memory, so the next Load
// downloads it whole unless States keeps it too.
func (f *Fetcher) Forget(rawURL string) {
	f.mu.Lock()
	delete(f.states, rawURL)
	f.mu.Unlock()
}

// checkRedirect limits redirects and refuses to leave http and https.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	max := f.MaxRedirects
	if max == 0 {
		max = DefaultMaxRedirects
	}
	if max < 0 {
		max = 0
	}
	if len(via) > max {
		return fmt.Errorf("too many redirects (more than %d)", max)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("redirected to a non-web address (%s)", req.URL.Scheme)
	}
	return nil
}

// userAgent names brief and its version.
func (f *Fetcher) userAgent() string {
	if f.UserAgent != "" {
		return f.UserAgent
	}
	v := "dev"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = strings.TrimPrefix(bi.Main.Version, "v")
	}
	return "brief/" + v + " (terminal news reader; +https://github.com/brief-reader/brief)"
}

// fetchReason turns a transport error into a short reason.
func fetchReason(ctx context.Context, err error, timeout time.Duration) error {
	var ne net.Error
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return fmt.Errorf("timeout after %s", timeout)
	case errors.Is(err, context.Canceled):
		return errors.New("cancelled")
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return fmt.Errorf("host not found: %s", dns.Name)
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return errors.New("connection refused or unreachable")
	}
	return err
}

// contentTypeProblem rejects bodies whose content type says they are
// media or archives; text of any declared type is judged by its content.
func contentTypeProblem(contentType string, body []byte) error {
	mt := strings.ToLower(strings.TrimSpace(strings.SplitN(contentType, ";", 2)[0]))
	switch {
	case strings.HasPrefix(mt, "image/"), strings.HasPrefix(mt, "audio/"), strings.HasPrefix(mt, "video/"),
		strings.HasPrefix(mt, "font/"), mt == "application/pdf", mt == "application/zip",
		mt == "application/gzip", mt == "application/x-gzip":
		return fmt.Errorf("not an article (content type %s)", mt)
	case mt == "application/octet-stream" && looksBinary(body):
		return fmt.Errorf("not an article (content type %s)", mt)
	}
	return nil
}

// relabel names err's source origin instead of the address the body came
// from after redirects.
func relabel(err error, origin string) error {
	var se *Error
	if errors.As(err, &se) {
		return &Error{origin, se.Err}
	}
	return &Error{origin, err}
}

// isFeed reports whether arts came from a feed.
func isFeed(arts []model.Article) bool {
	return len(arts) > 0 && arts[0].Format == model.FormatFeed
}
