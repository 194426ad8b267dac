package source

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/brief-reader/brief/model"
)

// memStates is a FeedStates kept in a map, standing in for the store.
type memStates struct {
	mu sync.Mutex
	m  map[string]model.FeedState
}

func (s *memStates) FeedState(_ context.Context, url string) (model.FeedState, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.m[url]
	return st, ok, nil
}

func (s *memStates) PutFeedState(_ context.Context, url string, st model.FeedState) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]model.FeedState{}
	}
	s.m[url] = st
	return nil
}

// clock is a settable time.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// stateServer serves one feed whose answers the test sets.
type stateServer struct {
	srv                *httptest.Server
	requests, full     atomic.Int64
	status             atomic.Int64 // 0: serve the feed
	retryAfter, cached atomic.Value // header values
}

func newStateServer(t *testing.T) *stateServer {
	s := &stateServer{}
	s.retryAfter.Store("")
	s.cached.Store("")
	feed := readTestdata(t, "feed.rss")
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		if code := s.status.Load(); code != 0 {
			if v := s.retryAfter.Load().(string); v != "" {
				w.Header().Set("Retry-After", v)
			}
			w.WriteHeader(int(code))
			return
		}
		if v := s.cached.Load().(string); v != "" {
			w.Header().Set("Cache-Control", v)
		}
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		s.full.Add(1)
		w.Header().Set("ETag", `"v1"`)
		w.Write(feed)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func TestFetcherStateOutlivesTheFetcher(t *testing.T) {
	s := newStateServer(t)
	states := &memStates{}
	ctx := context.Background()
	c := &clock{time.Date(2031, 5, 5, 8, 0, 0, 0, time.UTC)}
	arts, err := (&Fetcher{States: states, Now: c.now}).Load(ctx, s.srv.URL)
	require.NoError(t, err)
	require.NotEmpty(t, arts)
	st, ok, _ := states.FeedState(ctx, s.srv.URL)
	require.True(t, ok)
	assert.Equal(t, model.FeedState{ETag: `"v1"`, Fetched: c.t}, st)

	// A new program (a new Fetcher over the same store) asks conditionally.
	c.t = c.t.Add(time.Hour)
	_, err = (&Fetcher{States: states, Now: c.now}).Load(ctx, s.srv.URL)
	assert.ErrorIs(t, err, ErrNotModified)
	assert.Equal(t, int64(1), s.full.Load(), "one full download in all")
	st, _, _ = states.FeedState(ctx, s.srv.URL)
	assert.Equal(t, c.t, st.Fetched, "a 304 counts as fetched")
	assert.Equal(t, `"v1"`, st.ETag)
}

func TestFetcherHonoursMaxAge(t *testing.T) {
	s := newStateServer(t)
	s.cached.Store("public, max-age=600")
	c := &clock{time.Date(2031, 5, 5, 8, 0, 0, 0, time.UTC)}
	f := &Fetcher{Now: c.now, States: &memStates{}}
	ctx := context.Background()
	_, err := f.Load(ctx, s.srv.URL)
	require.NoError(t, err)
	c.t = c.t.Add(9 * time.Minute)
	_, err = (&Fetcher{Now: c.now, States: f.States}).Load(ctx, s.srv.URL)
	assert.ErrorIs(t, err, ErrNotModified)
	assert.Equal(t, int64(1), s.requests.Load(), "no request while the answer is fresh")
	c.t = c.t.Add(2 * time.Minute)
	_, err = f.Load(ctx, s.srv.URL)
	assert.ErrorIs(t, err, ErrNotModified)
	assert.Equal(t, int64(2), s.requests.Load(), "a conditional request once it is stale")
}

func TestFetcherBacksOff(t *testing.T) {
	s := newStateServer(t)
	c := &clock{time.Date(2031, 5, 5, 8, 0, 0, 0, time.UTC)}
	states := &memStates{}
	f := &Fetcher{Now: c.now, States: states}
	ctx := context.Background()
	u := s.srv.URL

	// Retry-After on 503 is honoured, and so is its date form.
	s.status.Store(http.StatusServiceUnavailable)
	s.retryAfter.Store("120")
	_, err := f.Load(ctx, u)
	require.ErrorContains(t, err, "503")
	c.t = c.t.Add(119 * time.Second)
	_, err = f.Load(ctx, u)
	assert.ErrorContains(t, err, "next try after")
	assert.Equal(t, int64(1), s.requests.Load(), "no request before Retry-After")
	c.t = c.t.Add(time.Second)
	s.retryAfter.Store(c.t.Add(10 * time.Minute).Format(http.TimeFormat))
	_, err = f.Load(ctx, u)
	require.ErrorContains(t, err, "503")
	st, _, _ := states.FeedState(ctx, u)
	assert.Equal(t, c.t.Add(10*time.Minute), st.RetryAt)
	assert.Equal(t, 2, st.Failures)

	// Without Retry-After the pause doubles with each failure.
	s.retryAfter.Store("")
	s.status.Store(http.StatusInternalServerError)
	var waits []time.Duration
	for range 4 {
		c.t = st.RetryAt
		_, err = f.Load(ctx, u)
		require.ErrorContains(t, err, "HTTP 500")
		st, _, _ = states.FeedState(ctx, u)
		waits = append(waits, st.RetryAt.Sub(c.t))
	}
	assert.Equal(t, []time.Duration{4 * time.Minute, 8 * time.Minute, 16 * time.Minute, 32 * time.Minute}, waits)
	assert.Equal(t, "HTTP 500 Internal Server Error", st.LastError)

	// A success clears the failures.
	s.status.Store(0)
	c.t = st.RetryAt
	_, err = f.Load(ctx, u)
	require.NoError(t, err)
	st, _, _ = states.FeedState(ctx, u)
	assert.Equal(t, model.FeedState{ETag: `"v1"`, Fetched: c.t}, st)
}

func TestFetcherCancelIsNoFailure(t *testing.T) {
	s := newStateServer(t)
	states := &memStates{}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := (&Fetcher{States: states}).Load(ctx, s.srv.URL)
	require.Error(t, err)
	_, ok, _ := states.FeedState(context.Background(), s.srv.URL)
	assert.False(t, ok, "a cancelled load records nothing")
}

func TestMaxAgeAndRetryAfter(t *testing.T) {
	now := time.Date(2031, 5, 5, 8, 0, 0, 0, time.UTC)
	for cc, want := range map[string]time.Duration{"max-age=60": time.Minute, "public, max-age=\"30\"": 30 * time.Second,
		"max-age=60, no-cache": 0, "no-store": 0, "max-age=-1": 0, "max-age=9999999": maxWait, "": 0} {
		got, _ := maxAge(cc)
		assert.Equal(t, want, got, cc)
	}
	for v, want := range map[string]time.Duration{"90": 90 * time.Second, "Mon, 05 May 2031 08:05:00 GMT": 5 * time.Minute,
		"Mon, 05 May 2031 07:00:00 GMT": 0, "soon": 0, "999999": maxWait} {
		got, _ := retryAfter(v, now)
		assert.Equal(t, want, got, v)
	}
	_, ok := retryAfter("soon", now)
	assert.False(t, ok)
	assert.True(t, strings.HasPrefix((&TooLargeError{"feed", 64 << 20}).Error(), "too large: more than the 64 MiB cap for a feed"))
}
