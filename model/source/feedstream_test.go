package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/brief-reader/brief/model"
)

// trickle reads at most n bytes per call, as a slow network does.
type trickle struct {
	r io.Reader
	n int
}

func (t *trickle) Read(p []byte) (int, error) {
	if len(p) > t.n {
		p = p[:t.n]
	}
	return t.r.Read(p)
}

// whole parses a feed document the way a small one is parsed.
func whole(t *testing.T, origin string, data []byte) []model.Article {
	t.Helper()
	arts, err := Parse(origin, data)
	require.NoError(t, err)
	return arts
}

func TestStreamFeedMatchesWhole(t *testing.T) {
	latin := []byte(strings.Replace(string(splitTestFeed(false, 300)), "Item 7 &amp;", "Item 7 \xe9 &amp;", 1))
	for name, data := range map[string][]byte{
		"rss":              splitTestFeed(false, 1200),
		"atom":             splitTestFeed(true, 1200),
		"small rss":        splitTestFeed(false, 3),
		"undeclared latin": latin,
	} {
		t.Run(name, func(t *testing.T) {
			want := whole(t, "https://example.org/feed", data)
			for _, chunk := range []int{1 << 20, 4093, 97} {
				var got []model.Article
				batches := 0
				rest, err := streamFeed(&trickle{bytes.NewReader(data), chunk}, int64(len(data)), "https://example.org/feed", "https://example.org/feed", Limits{},
					func(b []model.Article) { got = append(got, b...); batches++ })
				require.NoError(t, err, "chunk %d", chunk)
				require.Nil(t, rest)
				require.Equal(t, want, got, "chunk %d", chunk)
				if len(want) > streamBatchItems {
					assert.Greater(t, batches, 1, "a large feed arrives in batches")
				}
			}
		})
	}
}

func TestStreamFeedFallsBack(t *testing.T) {
	for name, doc := range map[string]string{
		"nested items": `<rss version="2.0"><channel><title>T</title><item><title>a</title><item><title>b</title></item></item></channel></rss>`,
		"no items":     `<rss version="2.0"><channel><title>T</title></channel></rss>`,
		"latin-1":      `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>T</title><item><title>caf` + "\xe9" + `</title><description>x</description></item></channel></rss>`,
	} {
		t.Run(name, func(t *testing.T) {
			emitted := 0
			read, err := streamFeed(strings.NewReader(doc), 1<<20, "o", "o", Limits{}, func(b []model.Article) { emitted += len(b) })
			assert.ErrorIs(t, err, errNotStreamable)
			assert.Equal(t, doc, string(read), "every byte read is handed back")
			assert.Zero(t, emitted)
		})
	}
}

func TestStreamFeedCap(t *testing.T) {
	data := splitTestFeed(false, 2500)
	emitted := 0
	_, err := streamFeed(bytes.NewReader(data), int64(len(data)/2), "o", "o", Limits{Feed: int64(len(data) / 2)}, func(b []model.Article) { emitted += len(b) })
	var tl *TooLargeError
	require.ErrorAs(t, err, &tl)
	assert.Equal(t, "feed", tl.Kind)
	assert.Less(t, emitted, 2500)
}

// sizedServer serves a feed of feedBytes and a page of pageBytes, plain,
// chunked (no Content-Length) or gzip-compressed.
func sizedServer(t *testing.T, feed, page []byte) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	for path, body := range map[string][]byte{"/feed": feed, "/page": page} {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", fmt.Sprint(len(body)))
			w.Write(body)
		})
		mux.HandleFunc(path+"/chunked", func(w http.ResponseWriter, r *http.Request) {
			for b := body; len(b) > 0; b = b[min(len(b), 64<<10):] {
				w.Write(b[:min(len(b), 64<<10)])
				w.(http.Flusher).Flush()
			}
		})
		mux.HandleFunc(path+"/gzip", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			zw.Write(body)
			zw.Close()
		})
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestFetcherCapsByKind(t *testing.T) {
	feed := splitTestFeed(false, 2500) // about 4.5 MB
	page := []byte("<html><head><title>Big page</title></head><body><article><p>" +
		strings.Repeat("A long page says the same thing again. ", 60000) + "</p></article></body></html>") // about 2.3 MB
	require.Greater(t, len(feed), 3<<20)
	require.Greater(t, len(page), 2<<20)
	srv := sizedServer(t, feed, page)
	ctx := context.Background()
	roomy := &Fetcher{Limits: Limits{Feed: 8 << 20, Page: 3 << 20}}
	tight := &Fetcher{Limits: Limits{Feed: 3 << 20, Page: 2 << 20}}
	for _, path := range []string{"/feed", "/feed/chunked", "/feed/gzip"} {
		arts, err := roomy.Load(ctx, srv.URL+path)
		require.NoError(t, err, path)
		assert.Len(t, arts, 2500, path)
		assert.Equal(t, srv.URL+path+"#2500", arts[2499].Origin)
		_, err = tight.Load(ctx, srv.URL+path)
		var tl *TooLargeError
		require.ErrorAs(t, err, &tl, path)
		assert.Equal(t, TooLargeError{Kind: "feed", Cap: 3 << 20}, *tl)
		assert.Contains(t, err.Error(), srv.URL+path+": too large: more than the 3.0 MiB cap for a feed (raise it with --max-size feed=SIZE")
	}
	for _, path := range []string{"/page", "/page/chunked", "/page/gzip"} {
		arts, err := roomy.Load(ctx, srv.URL+path)
		require.NoError(t, err, path)
		assert.Equal(t, "Big page", arts[0].Title)
		_, err = tight.Load(ctx, srv.URL+path)
		assert.ErrorContains(t, err, "too large: more than the 2.0 MiB cap for a page (raise it with --max-size page=SIZE", path)
	}
}

func TestFetcherDefaultCapsTakeALargeFeed(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 12 MB feed")
	}
	feed := splitTestFeed(false, 7000)
	require.Greater(t, len(feed), DefaultPageSize)
	srv := sizedServer(t, feed, nil)
	var n int
	l := loader{fetcher: &Fetcher{Timeout: 5 * time.Minute}, emit: func(_ string, b []model.Article) { n += len(b) }}
	arts, _, err := l.one(context.Background(), srv.URL+"/feed/chunked")
	require.NoError(t, err)
	assert.Empty(t, arts, "streamed articles go to emit")
	assert.Equal(t, 7000, n)
}

func TestFileCapsByKind(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"big.rss": string(splitTestFeed(false, 1200)), "big.txt": strings.Repeat("Words of a long text file.\n\n", 80000)})
	l := loader{fetcher: &Fetcher{Limits: Limits{Feed: 4 << 20, Page: 1 << 20}}}
	arts, _, err := l.one(context.Background(), dir+"/big.rss")
	require.NoError(t, err)
	assert.Len(t, arts, 1200)
	_, _, err = l.one(context.Background(), dir+"/big.txt")
	var tl *TooLargeError
	require.ErrorAs(t, err, &tl)
	assert.Equal(t, "page", tl.Kind)
	assert.True(t, errors.As(err, new(*Error)))
}

func TestStreamFeedUnclosedLastItem(t *testing.T) {
	data := splitTestFeed(false, 1200)
	cut := bytes.LastIndex(data, []byte("</item>"))
	emitted := 0
	_, err := streamFeed(bytes.NewReader(data[:cut]), 1<<30, "o", "o", Limits{}, func(b []model.Article) { emitted += len(b) })
	assert.ErrorContains(t, err, "the last item is not closed")
	assert.Equal(t, 1199, emitted, "the items before it are kept")
}

// TestLocalFeedStreams: a large feed file is parsed as it is read, like
// a large feed from a URL: when its last item is cut off, the items
// before it still arrive (read whole, the document did not parse at
// all), and the articles are those of the whole document.
func TestLocalFeedStreams(t *testing.T) {
	data := splitTestFeed(false, 1200)
	require.GreaterOrEqual(t, len(data), bigFeed)
	dir := t.TempDir()
	cut := bytes.LastIndex(data, []byte("</item>"))
	writeFiles(t, dir, map[string]string{"cut.rss": string(data[:cut]), "whole.rss": string(data)})
	var got []model.Article
	l := loader{fetcher: &Fetcher{}, emit: func(_ string, b []model.Article) { got = append(got, b...) }}
	_, _, err := l.one(context.Background(), dir+"/cut.rss")
	require.ErrorContains(t, err, "the last item is not closed")
	assert.ErrorContains(t, err, dir+"/cut.rss", "the error names the file")
	assert.Len(t, got, 1199, "the items before the cut are kept")

	for _, emit := range []bool{false, true} {
		got = nil
		l := loader{fetcher: &Fetcher{}}
		if emit {
			l.emit = func(_ string, b []model.Article) { got = append(got, b...) }
		}
		arts, _, err := l.one(context.Background(), dir+"/whole.rss")
		require.NoError(t, err)
		if emit {
			assert.Empty(t, arts, "streamed articles go to emit")
			arts = got
		}
		assert.Equal(t, whole(t, dir+"/whole.rss", data), arts)
	}
}

// TestStreamFeedEscapes: escape sequences in a streamed feed's title and
// in items of a later batch leave nothing of themselves, as in a feed
// parsed whole; the feed is still streamed (a batch with an escape
// sequence did not parse: the feed failed after its first batch).
func TestStreamFeedEscapes(t *testing.T) {
	data := splitTestFeed(false, 1200)
	data = bytes.Replace(data, []byte("<title>Big RSS"), []byte("<title>Big \x1b[2J RSS"), 1)
	later := bytes.Index(data, []byte("<title>Item 1100 "))
	data = append(data[:later:later], bytes.ReplaceAll(data[later:], []byte("said little."), []byte("said \x1b[5mlittle\x1b[0m \x1b]8;;http://evil.example/\x1b\\."))...)
	var arts []model.Article
	_, err := streamFeed(bytes.NewReader(data), 1<<30, "o", "o", Limits{}, func(b []model.Article) { arts = append(arts, b...) })
	require.NoError(t, err)
	require.Len(t, arts, 1200)
	for _, a := range arts {
		for _, text := range append([]string{a.Markdown, a.Source, a.Title}, a.Paragraphs...) {
			for _, bad := range []string{"[2J", "[5m", "[0m", "8;;", "evil.example"} {
				if strings.Contains(text, bad) {
					t.Fatalf("%q left in %q", bad, text)
				}
			}
		}
	}
	assert.Equal(t, whole(t, "o", data), arts)
}
