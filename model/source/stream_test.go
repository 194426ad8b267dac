package source

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// collect drains a stream, checking its progress invariants.
func collect(t *testing.T, ch <-chan Event) (arts map[string]int, errs map[string]string, last Event, n int) {
	t.Helper()
	arts, errs = map[string]int{}, map[string]string{}
	prevDone := 0
	for ev := range ch {
		n++
		if last.Final {
			t.Fatal("event after the final one")
		}
		last = ev
		if ev.Progress.Done < prevDone || ev.Progress.Done > ev.Progress.Total {
			t.Errorf("bad progress %+v after done=%d", ev.Progress, prevDone)
		}
		prevDone = ev.Progress.Done
		if ev.Final {
			continue
		}
		if ev.Err != nil {
			errs[ev.Origin] = ev.Err.Error()
			continue
		}
		arts[ev.Origin] += len(ev.Articles)
	}
	if !last.Final {
		t.Fatal("no final event")
	}
	if last.Progress.Counting || last.Progress.Done != last.Progress.Total {
		t.Errorf("final progress %+v", last.Progress)
	}
	return arts, errs, last, n
}

func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestStreamFolderURLsStdin(t *testing.T) {
	srv, _ := testServer(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"one.txt":                  "First headline\n\nFirst body paragraph.",
		"deep/er/two.md":           "---\ntitle: Second\n---\nSecond body.",
		"deep/page.htm":            string(readTestdata(t, "page.html")),
		"deep/news.xml":            string(readTestdata(t, "feed.atom")),
		".hidden/secret.txt":       "Hidden\n\nNever loaded.",
		"deep/.dotfile.txt":        "Hidden\n\nNever loaded.",
		"empty.txt":                "",
		"photo.jpg":                "\xff\xd8\xff not an article",
		"feeds/subscriptions.opml": `<opml version="2.0"><body><outline xmlUrl="` + srv.URL + `/feed.rss"/><outline xmlUrl="../one.txt"/><outline xmlUrl="` + srv.URL + `/missing"/></body></opml>`,
	})
	origins := []string{dir, srv.URL + "/page", "-", filepath.Join(dir, "nope.txt")}
	opts := Options{Workers: 3, Stdin: strings.NewReader("From stdin\n\nPiped text."), Fetcher: &Fetcher{}}
	arts, errs, last, _ := collect(t, Stream(context.Background(), origins, opts))

	want := map[string]int{
		filepath.Join(dir, "one.txt"):                  1, // not again from the OPML list
		filepath.Join(dir, "deep/er/two.md"):           1,
		filepath.Join(dir, "deep/page.htm"):            1,
		filepath.Join(dir, "deep/news.xml"):            2,
		filepath.Join(dir, "feeds/subscriptions.opml"): 0,
		srv.URL + "/feed.rss":                          3,
		srv.URL + "/page":                              1,
		"-":                                            1,
	}
	for o, n := range want {
		if arts[o] != n {
			t.Errorf("%s: %d articles, want %d", o, arts[o], n)
		}
	}
	for o := range arts {
		if strings.Contains(o, "Hidden") || strings.Contains(o, ".hidden") || strings.Contains(o, ".dotfile") {
			t.Errorf("hidden entry loaded: %s", o)
		}
	}
	wantErrs := map[string]string{
		filepath.Join(dir, "empty.txt"): "empty",
		filepath.Join(dir, "nope.txt"):  "not found",
		srv.URL + "/missing":            "not found",
		"../one.txt":                    "may only name http and https feeds",
	}
	for o, reason := range wantErrs {
		if !strings.Contains(errs[o], reason) {
			t.Errorf("error for %s = %q, want %q", o, errs[o], reason)
		}
	}
	if len(errs) != len(wantErrs) {
		t.Errorf("errors %q, want only %v", errs, wantErrs)
	}
	// photo.jpg is skipped by extension in a folder walk.
	if _, ok := arts[filepath.Join(dir, "photo.jpg")]; ok {
		t.Error("photo.jpg was loaded")
	}
	// 6 files found (hidden and .jpg skipped, the OPML list counted) + 3
	// more origins + 3 feeds listed.
	if last.Progress.Total != 12 {
		t.Errorf("total = %d, want 12", last.Progress.Total)
	}
}

func TestStreamRefreshUnchanged(t *testing.T) {
	srv, notModified := testServer(t)
	f := &Fetcher{}
	origins := []string{srv.URL + "/feed.rss", srv.URL + "/feed.atom"}
	arts, _, _, _ := collect(t, Stream(context.Background(), origins, Options{Fetcher: f}))
	if arts[origins[0]] != 3 || arts[origins[1]] != 2 {
		t.Fatalf("first load: %v", arts)
	}
	before := notModified.Load()
	var unchanged []string
	for ev := range Stream(context.Background(), origins, Options{Fetcher: f}) {
		if ev.Unchanged {
			unchanged = append(unchanged, ev.Origin)
		}
		if len(ev.Articles) > 0 || ev.Err != nil {
			t.Errorf("refresh of an unchanged feed gave %d articles, err %v", len(ev.Articles), ev.Err)
		}
	}
	sort.Strings(unchanged)
	sort.Strings(origins)
	if !slices.Equal(unchanged, origins) || notModified.Load()-before != 2 {
		t.Errorf("unchanged = %q, 304s = %d", unchanged, notModified.Load()-before)
	}
}

func TestStreamManyFilesAndCancel(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 300 {
		files[fmt.Sprintf("d%d/f%03d.txt", i%7, i)] = fmt.Sprintf("Headline %d\n\nBody of article %d.", i, i)
	}
	writeFiles(t, dir, files)
	arts, errs, last, events := collect(t, Stream(context.Background(), []string{dir}, Options{Workers: 4, Buffer: 1}))
	if len(arts) != 300 || len(errs) != 0 || last.Progress.Total != 300 || events != 301 {
		t.Errorf("%d sources, %d errors, progress %+v, %d events", len(arts), len(errs), last.Progress, events)
	}

	ctx, cancel := context.WithCancel(context.Background())
	ch := Stream(ctx, []string{dir}, Options{Workers: 2})
	<-ch
	cancel()
	for range ch { // must close promptly after cancel
	}
}

func TestReceive(t *testing.T) {
	ch := make(chan Event, 10)
	for i := range 5 {
		ch <- Event{Origin: fmt.Sprint(i)}
	}
	if got := Receive(ch, 3); len(got) != 3 {
		t.Errorf("first batch %d events, want 3", len(got))
	}
	close(ch)
	if got := Receive(ch, 10); len(got) != 2 {
		t.Errorf("second batch %d events, want 2", len(got))
	}
	if got := Receive(ch, 10); got != nil {
		t.Errorf("closed channel gave %v", got)
	}
}

func TestLoadAllOrderAndErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"b.txt":     "Bee\n\nBody b.",
		"a.txt":     "Ay\n\nBody a.",
		"list.opml": `<opml><body><outline xmlUrl="a.txt"/><outline xmlUrl="gone.rss"/></body></opml>`,
	})
	arts, errs := LoadAll(context.Background(), []string{filepath.Join(dir, "b.txt"), dir, "missing.txt"}, nil)
	var titles []string
	for _, a := range arts {
		titles = append(titles, a.Title)
	}
	if want := []string{"Bee", "Ay", "Bee"}; !slices.Equal(titles, want) {
		t.Errorf("titles %q, want %q", titles, want)
	}
	// The list's local entries are refused, each naming itself.
	if len(errs) != 3 {
		t.Fatalf("errors %v, want 3", errs)
	}
	var se *Error
	for i, want := range []string{"a.txt", "gone.rss", "missing.txt"} {
		if !errors.As(errs[i], &se) || se.Origin != want {
			t.Errorf("error %d: %v, want one for %s", i, errs[i], want)
		}
	}
	if !errors.Is(errs[0], ErrNotWebFeed) || !errors.Is(errs[1], ErrNotWebFeed) {
		t.Errorf("local entries of a list not refused as such: %v", errs)
	}
}

func TestStreamLargeFeedInBatches(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<rss version="2.0"><channel><title>Big</title><link>https://big.example.com/</link>`)
	const items = 1300
	for i := range items {
		fmt.Fprintf(&b, "<item><title>Item %d</title><link>https://big.example.com/%d</link><description>&lt;p&gt;%s&lt;/p&gt;</description></item>\n",
			i, i, strings.Repeat("Words of the item body. ", 40))
	}
	b.WriteString(`</channel></rss>`)
	if b.Len() < bigFeed {
		t.Fatalf("feed of %d bytes is not large", b.Len())
	}
	path := filepath.Join(t.TempDir(), "big.rss")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	partial, final := 0, 0
	seen := map[string]bool{}
	for ev := range Stream(context.Background(), []string{path}, Options{}) {
		if ev.Final {
			continue
		}
		if ev.Err != nil {
			t.Fatal(ev.Err)
		}
		if ev.Partial {
			partial++
			if ev.Progress.Done != 0 {
				t.Errorf("source counted done before its last batch: %+v", ev.Progress)
			}
		} else {
			final++
		}
		for _, a := range ev.Articles {
			if seen[a.Origin] || a.Source != "Big" || len(a.Paragraphs) == 0 {
				t.Fatalf("bad or repeated item %q", a.Origin)
			}
			seen[a.Origin] = true
		}
	}
	if len(seen) != items || partial < 2 || final != 1 {
		t.Errorf("%d items in %d partial + %d final events", len(seen), partial, final)
	}
}
