package source

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/brief-reader/brief/model"
)

// How long a URL rests after failures: the first failure waits
// firstBackoff, each further one twice as long, up to maxBackoff. A
// server's Retry-After and max-age are honoured up to maxWait.
const (
	firstBackoff = time.Minute
	maxBackoff   = 6 * time.Hour
	maxWait      = 24 * time.Hour
)

// statusError is an HTTP error status, with the headers that came with it
// (Retry-After).
type statusError struct {
	reason error
	header http.Header
}

func (e *statusError) Error() string { return e.reason.Error() }

func (e *statusError) Unwrap() error { return e.reason }

// state returns the state kept for rawURL: in memory, else from States.
func (f *Fetcher) state(ctx context.Context, rawURL string) (model.FeedState, error) {
	f.mu.Lock()
	st, ok := f.states[rawURL]
	f.mu.Unlock()
	if ok || f.States == nil {
		return st, nil
	}
	st, ok, err := f.States.FeedState(ctx, rawURL)
	if err != nil || !ok {
		return model.FeedState{}, err
	}
	f.keep(ctx, rawURL, st, false)
	return st, nil
}

// keep sets the state of rawURL in memory and, when save is true and
// States is set, in States. A failure to save is not reported: the state
// is still right in memory, and at worst the next run downloads the URL
// whole once more.
func (f *Fetcher) keep(ctx context.Context, rawURL string, st model.FeedState, save bool) {
	f.mu.Lock()
	if f.states == nil {
		f.states = map[string]model.FeedState{}
	}
	f.states[rawURL] = st
	f.mu.Unlock()
	if save && f.States != nil {
		_ = f.States.PutFeedState(context.WithoutCancel(ctx), rawURL, st)
	}
}

// succeeded records a good answer (a body that parsed, or 304): new
// validators when the response has them, its freshness, and no failure.
func (f *Fetcher) succeeded(ctx context.Context, rawURL string, st model.FeedState, h http.Header, body bool) {
	now := f.now()
	etag, lastMod := h.Get("ETag"), h.Get("Last-Modified")
	if body || etag != "" || lastMod != "" {
		st.ETag, st.LastModified = etag, lastMod
	}
	st.Fetched, st.Failures, st.LastError, st.RetryAt = now, 0, "", time.Time{}
	st.FreshUntil = time.Time{}
	if age, ok := maxAge(h.Get("Cache-Control")); ok && age > 0 {
		st.FreshUntil = now.Add(age)
	}
	f.keep(ctx, rawURL, st, true)
}

// failed records a failed attempt: the reason, and when to try again (the
// server's Retry-After, else a backoff doubling with each failure). A
// cancelled load is not a failure of the URL.
func (f *Fetcher) failed(ctx context.Context, rawURL string, st model.FeedState, err error) {
	if errors.Is(err, context.Canceled) || errors.Is(context.Cause(ctx), context.Canceled) {
		return
	}
	now := f.now()
	st.Failures++
	st.LastError = err.Error()
	var se *Error
	if errors.As(err, &se) {
		st.LastError = se.Err.Error()
	}
	wait := min(firstBackoff<<min(st.Failures-1, 16), maxBackoff)
	var he *statusError
	if errors.As(err, &he) {
		if d, ok := retryAfter(he.header.Get("Retry-After"), now); ok {
			wait = d
		}
	}
	st.RetryAt = now.Add(wait)
	st.FreshUntil = time.Time{}
	f.keep(ctx, rawURL, st, true)
}

// maxAge reads the max-age of a Cache-Control header, up to maxWait; ok
// is false when it has none, or forbids reuse (no-cache, no-store).
func maxAge(cc string) (time.Duration, bool) {
	var age time.Duration
	ok := false
	for d := range strings.SplitSeq(cc, ",") {
		name, val, _ := strings.Cut(strings.TrimSpace(d), "=")
		switch strings.ToLower(name) {
		case "no-cache", "no-store":
			return 0, false
		case "max-age":
			n, err := strconv.ParseInt(strings.Trim(val, `"`), 10, 64)
			if err != nil || n < 0 {
				return 0, false
			}
			age, ok = min(time.Duration(n)*time.Second, maxWait), true
		}
	}
	return age, ok
}

// retryAfter reads a Retry-After header, in seconds or as an HTTP date,
// up to maxWait.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		return min(time.Duration(max(n, 0))*time.Second, maxWait), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), maxWait), true
	}
	return 0, false
}
