package source

import (
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
	DefaultMaxBytes     = 10 << 20
	DefaultMaxRedirects = 5
)

// ErrNotModified is the reason a refresh returns nothing: the server
// answered 304 Not Modified to a conditional request.
var ErrNotModified = errors.New("not modified")

// Fetcher downloads pages and feeds over http and https. It remembers each
// URL's validators (ETag, Last-Modified) after a successful load, so that
// loading the same URL again sends a conditional request and an unchanged
// feed costs one small 304 response. The zero value is ready to use; a
// Fetcher is safe for concurrent use and must not be copied after first
// use.
type Fetcher struct {
	// Transport makes the requests; nil means http.DefaultTransport.
	Transport http.RoundTripper
	// Timeout bounds each request, body included; 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxBytes is the largest body accepted; 0 means DefaultMaxBytes.
	MaxBytes int64
	// MaxRedirects is how many redirects a request may follow; 0 means
	// DefaultMaxRedirects, a negative value none.
	MaxRedirects int
	// UserAgent is sent with every request; "" means "brief/<version>"
	// with the version from the build information.
	UserAgent string

	mu         sync.Mutex
	validators map[string]validator
}

// validator is what a server said about a URL's last good response.
type validator struct {
	etag, lastModified string
}

// Response is a downloaded body.
type Response struct {
	// URL is the address the body came from, after redirects.
	URL string
	// ContentType is the server's Content-Type header.
	ContentType string
	// Body is the response body, at most MaxBytes long.
	Body []byte
	// NotModified is true when the server answered 304 to a conditional
	// request; Body is then empty.
	NotModified bool

	etag, lastModified string
}

// Fetch downloads rawURL, sending the validators remembered for it. Errors
// are short reasons (timeout, too large, not found, HTTP status) wrapped
// in *Error.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &Error{rawURL, errors.New("not an http or https URL")}
	}
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &Error{rawURL, err}
	}
	req.Header.Set("User-Agent", f.userAgent())
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, text/html;q=0.9, application/xhtml+xml;q=0.9, text/markdown;q=0.8, text/plain;q=0.8, */*;q=0.5")
	f.mu.Lock()
	v, known := f.validators[rawURL]
	f.mu.Unlock()
	if known {
		if v.etag != "" {
			req.Header.Set("If-None-Match", v.etag)
		}
		if v.lastModified != "" {
			req.Header.Set("If-Modified-Since", v.lastModified)
		}
	}
	client := &http.Client{Transport: f.Transport, CheckRedirect: f.checkRedirect}
	resp, err := client.Do(req)
	if err != nil {
		return nil, &Error{rawURL, fetchReason(ctx, err, timeout)}
	}
	defer resp.Body.Close()
	out := &Response{URL: resp.Request.URL.String(), ContentType: resp.Header.Get("Content-Type")}
	switch {
	case resp.StatusCode == http.StatusNotModified && known:
		out.NotModified = true
		return out, nil
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return nil, &Error{rawURL, fmt.Errorf("not found (HTTP %d)", resp.StatusCode)}
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return nil, &Error{rawURL, fmt.Errorf("permission denied (HTTP %d)", resp.StatusCode)}
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, &Error{rawURL, fmt.Errorf("HTTP %s", resp.Status)}
	}
	max := f.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	if resp.ContentLength > max {
		return nil, &Error{rawURL, tooLarge(max)}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, &Error{rawURL, fetchReason(ctx, err, timeout)}
	}
	if int64(len(body)) > max {
		return nil, &Error{rawURL, tooLarge(max)}
	}
	out.Body = body
	out.etag = resp.Header.Get("ETag")
	out.lastModified = resp.Header.Get("Last-Modified")
	return out, nil
}

// Load fetches rawURL and parses it: a page yields one article, a feed one
// per item. An OPML feed list yields ErrFeedList (Stream loads the feeds
// it lists). When the URL is unchanged since the last successful Load, it
// returns ErrNotModified. The URL's validators are remembered only when
// parsing succeeds.
func (f *Fetcher) Load(ctx context.Context, rawURL string) ([]model.Article, error) {
	arts, _, err := f.load(ctx, rawURL)
	return arts, err
}

// load is Load that also returns the feeds an OPML document lists.
func (f *Fetcher) load(ctx context.Context, rawURL string) ([]model.Article, []string, error) {
	resp, err := f.Fetch(ctx, rawURL)
	if err != nil {
		return nil, nil, err
	}
	if resp.NotModified {
		return nil, nil, &Error{rawURL, ErrNotModified}
	}
	if err := contentTypeProblem(resp.ContentType, resp.Body); err != nil {
		return nil, nil, &Error{rawURL, err}
	}
	if sniffKind(resp.URL, skipBOM(resp.Body), resp.ContentType) == kindOPML {
		feeds, err := ParseOPML(resp.URL, resp.Body)
		if err != nil {
			return nil, nil, relabel(err, rawURL)
		}
		return nil, feeds, nil
	}
	arts, err := parseContent(resp.URL, resp.Body, resp.ContentType)
	if err != nil {
		return nil, nil, relabel(err, rawURL)
	}
	if isFeed(arts) {
		// Items are named after the address asked for, not a redirect's.
		for i := range arts {
			if rest, ok := strings.CutPrefix(arts[i].Origin, resp.URL+"#"); ok {
				arts[i].Origin = rawURL + "#" + rest
			}
		}
	} else {
		for i := range arts {
			arts[i].Origin = rawURL
		}
	}
	f.remember(rawURL, resp)
	return arts, nil, nil
}

// Forget drops the validators remembered for rawURL, so the next Load
// downloads it whole.
func (f *Fetcher) Forget(rawURL string) {
	f.mu.Lock()
	delete(f.validators, rawURL)
	f.mu.Unlock()
}

// remember keeps resp's validators for rawURL.
func (f *Fetcher) remember(rawURL string, resp *Response) {
	if resp.etag == "" && resp.lastModified == "" {
		return
	}
	f.mu.Lock()
	if f.validators == nil {
		f.validators = map[string]validator{}
	}
	f.validators[rawURL] = validator{resp.etag, resp.lastModified}
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

// tooLarge is the reason for a body over the limit.
func tooLarge(max int64) error {
	if max >= 1<<20 {
		return fmt.Errorf("too large (more than %d MB)", max>>20)
	}
	return fmt.Errorf("too large (more than %d bytes)", max)
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
