package source

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// testServer serves the testdata feeds and page, and misbehaving routes.
func testServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var notModified atomic.Int64
	mux := http.NewServeMux()
	serve := func(path, file, ctype string) {
		data := readTestdata(t, file)
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			etag := `"v1-` + file + `"`
			if r.Header.Get("If-None-Match") == etag {
				notModified.Add(1)
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", etag)
			w.Header().Set("Content-Type", ctype)
			w.Write(data)
		})
	}
	serve("/feed.rss", "feed.rss", "application/rss+xml")
	serve("/feed.atom", "feed.atom", "application/atom+xml")
	serve("/page", "page.html", "text/html; charset=utf-8")
	serve("/mislabelled", "feed.rss", "text/plain")
	serve("/list.opml", "list.opml", "text/x-opml")
	serve("/latin1", "latin1.rss", "application/rss+xml")
	lastMod := "Mon, 05 May 2031 08:00:00 GMT"
	mux.HandleFunc("/lastmod.atom", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-Modified-Since") == lastMod {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Last-Modified", lastMod)
		w.Write(readTestdata(t, "feed.atom"))
	})
	mux.HandleFunc("/redirect/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscan(r.PathValue("n"), &n)
		if n <= 0 {
			http.Redirect(w, r, "/feed.rss", http.StatusFound)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/redirect/%d", n-1), http.StatusFound)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		line := []byte(strings.Repeat("All work and no play. ", 50) + "\n\n")
		for i := 0; i < 2000; i++ { // about 2 MB, no Content-Length
			if _, err := w.Write(line); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\nnot really"))
	})
	mux.HandleFunc("/forbidden", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no", http.StatusForbidden)
	})
	mux.HandleFunc("/ua", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "User agent\n\n%s\n", r.UserAgent())
	})
	// Every response carries the same Date: net/http would stamp each with
	// the clock, and a status error keeps its response's headers, so two
	// loads of one missing feed a second apart would differ.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", testServerDate)
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &notModified
}

// testServerDate is the Date of every testServer response.
const testServerDate = "Mon, 05 May 2031 08:00:00 GMT"

func TestFetcherLoad(t *testing.T) {
	srv, _ := testServer(t)
	f := &Fetcher{Timeout: 200 * time.Millisecond, Limits: Limits{Feed: 1 << 20, Page: 1 << 20}}
	ctx := context.Background()
	tests := []struct {
		path    string
		items   int
		title   string
		wantErr string
	}{
		{"/feed.rss", 3, "Library extends weekend hours", ""},
		{"/feed.atom", 2, "Glacier retreat measured by drone", ""},
		{"/page", 1, "Harbor town approves three-stage seawall plan", ""},
		{"/mislabelled", 3, "Library extends weekend hours", ""},
		{"/latin1", 1, "Ponte reabre após obras de verão", ""},
		{"/redirect/4", 3, "Library extends weekend hours", ""}, // five redirects: allowed
		{"/redirect/5", 0, "", "too many redirects"},            // six: refused
		{"/slow", 0, "", "timeout"},
		{"/huge", 0, "", "too large"},
		{"/image", 0, "", "not an article (content type image/png)"},
		{"/forbidden", 0, "", "permission denied"},
		{"/missing", 0, "", "not found (HTTP 404)"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			u := srv.URL + tt.path
			arts, err := f.Load(ctx, u)
			if tt.wantErr != "" {
				var se *Error
				if !errors.As(err, &se) || se.Origin != u || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want *Error for %s containing %q", err, u, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(arts) != tt.items || arts[0].Title != tt.title {
				t.Fatalf("got %d articles, first %q; want %d, %q", len(arts), arts[0].Title, tt.items, tt.title)
			}
			if tt.items > 1 && arts[1].Origin != u+"#2" {
				t.Errorf("item origin %q, want %q", arts[1].Origin, u+"#2")
			}
			if !isFeed(arts) && arts[0].Origin != u {
				t.Errorf("origin %q, want %q", arts[0].Origin, u)
			}
		})
	}
}

func TestFetcherConditional(t *testing.T) {
	srv, notModified := testServer(t)
	var f Fetcher
	ctx := context.Background()
	for _, path := range []string{"/feed.rss", "/lastmod.atom"} {
		u := srv.URL + path
		arts, err := f.Load(ctx, u)
		if err != nil || len(arts) == 0 {
			t.Fatalf("%s: first load: %v, %d articles", path, err, len(arts))
		}
		before := notModified.Load()
		arts, err = f.Load(ctx, u)
		if !errors.Is(err, ErrNotModified) || len(arts) != 0 {
			t.Fatalf("%s: refresh: err %v, %d articles; want ErrNotModified", path, err, len(arts))
		}
		if notModified.Load() != before+1 {
			t.Errorf("%s: server sent no 304", path)
		}
		f.Forget(u)
		if arts, err = f.Load(ctx, u); err != nil || len(arts) == 0 {
			t.Errorf("%s: load after Forget: %v, %d articles", path, err, len(arts))
		}
	}
}

func TestFetcherUserAgent(t *testing.T) {
	srv, _ := testServer(t)
	arts, err := (&Fetcher{}).Load(context.Background(), srv.URL+"/ua")
	if err != nil {
		t.Fatal(err)
	}
	if ua := arts[0].Paragraphs[0]; !strings.HasPrefix(ua, "brief/") {
		t.Errorf("User-Agent %q does not name brief", ua)
	}
}

func TestFetchRejectsOtherSchemes(t *testing.T) {
	for _, u := range []string{"ftp://example.com/x", "file:///etc/passwd", "http://"} {
		if _, err := (&Fetcher{}).Fetch(context.Background(), u); err == nil {
			t.Errorf("Fetch(%q) succeeded", u)
		}
	}
}
