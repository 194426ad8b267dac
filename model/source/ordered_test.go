package source

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/brief-reader/brief/model"
)

func TestOrderedKeepsInputOrder(t *testing.T) {
	srv, _ := testServer(t)
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 40 {
		files[fmt.Sprintf("d/%02d.txt", i)] = fmt.Sprintf("Story %02d\n\n%s", i, strings.Repeat("Text of the story. ", 1+(i%7)*400))
	}
	files["d/15.txt"] = "" // empty: an error, in its place
	files["list.opml"] = `<opml version="2.0"><body><outline xmlUrl="` + srv.URL + `/feed.atom"/><outline xmlUrl="` + srv.URL + `/missing"/></body></opml>`
	writeFiles(t, dir, files)
	origins := []string{filepath.Join(dir, "d"), srv.URL + "/feed.rss", filepath.Join(dir, "list.opml"), "-", filepath.Join(dir, "nowhere")}

	// The reference: loading one source after another.
	wantArts, wantErrs := LoadAll(context.Background(), origins, strings.NewReader("Piped\n\nText."))
	require.Len(t, wantErrs, 3, "the empty file, the missing feed, the missing path")
	var gotArts []model.Article
	var gotErrs []error
	err := Ordered(context.Background(), origins, Options{Workers: 3, Stdin: strings.NewReader("Piped\n\nText.")},
		func(arts []model.Article) int { return len(arts) },
		func(r Result[int]) error {
			assert.Equal(t, len(r.Articles), r.Value, r.Origin)
			gotArts = append(gotArts, r.Articles...)
			gotErrs = append(gotErrs, r.Errs...)
			return nil
		})
	require.NoError(t, err)
	assert.Equal(t, wantArts, gotArts)
	assert.Equal(t, wantErrs, gotErrs)
}

func TestOrderedBoundsWhatItHolds(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	const workers = 2
	total := 3 * windowPerWorker * workers
	for i := range total {
		files[fmt.Sprintf("%03d.txt", i)] = fmt.Sprintf("Story %d\n\nSome text.", i)
	}
	writeFiles(t, dir, files)
	release := make(chan struct{})
	var once sync.Once
	var started, handed atomic.Int64
	var most int64
	err := Ordered(context.Background(), []string{dir}, Options{Workers: workers},
		func(arts []model.Article) bool {
			// The first source is slow: the others pile up behind it, as
			// many as the bound lets through. Going past the bound ends the
			// wait at once (and the test fails); else it ends on a timer.
			if n := started.Add(1); n > windowPerWorker*workers {
				once.Do(func() { close(release) })
			}
			if arts[0].Title == "Story 0" {
				select {
				case <-release:
				case <-time.After(300 * time.Millisecond):
				}
			}
			return true
		},
		func(r Result[bool]) error {
			most = max(most, started.Load()-handed.Add(1)+1)
			return nil
		})
	require.NoError(t, err)
	assert.Equal(t, int64(total), handed.Load())
	assert.LessOrEqual(t, most, int64(windowPerWorker*workers), "sources loaded but not handed on")
}

// TestOrderedBoundsTheTextItHolds: behind a slow first source, the others
// pile up only until the text they hold passes the budget, however many
// the window would let through.
func TestOrderedBoundsTheTextItHolds(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	para := strings.Repeat("Some text. ", 90) // about 1 KB
	const total = 40
	for i := range total {
		files[fmt.Sprintf("%03d.txt", i)] = fmt.Sprintf("Story %d\n\n%s", i, para)
	}
	writeFiles(t, dir, files)
	const workers = 2
	const budget = 4 << 10
	release := make(chan struct{})
	var once sync.Once
	var started, handed atomic.Int64
	var most int64
	err := Ordered(context.Background(), []string{dir}, Options{Workers: workers, holdBytes: budget},
		func(arts []model.Article) bool {
			// Past the bound the wait for the slow first source ends at
			// once (and the test fails); else it ends on a timer.
			if n := started.Add(1); n > budget/1000+workers+1 {
				once.Do(func() { close(release) })
			}
			if arts[0].Title == "Story 0" {
				select {
				case <-release:
				case <-time.After(300 * time.Millisecond):
				}
			}
			return true
		},
		func(r Result[bool]) error {
			most = max(most, started.Load()-handed.Add(1)+1)
			return nil
		})
	require.NoError(t, err)
	assert.Equal(t, int64(total), handed.Load())
	assert.LessOrEqual(t, most, int64(budget/1000+workers+1), "sources loaded but not handed on")
	assert.Greater(t, most, int64(workers), "the budget lets a few through")
}

func TestOrderedStopsOnError(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 50 {
		files[fmt.Sprintf("%03d.txt", i)] = fmt.Sprintf("Story %d\n\nSome text.", i)
	}
	writeFiles(t, dir, files)
	stop := errors.New("stop")
	n := 0
	err := Ordered(context.Background(), []string{dir}, Options{Workers: 2}, nil, func(r Result[struct{}]) error {
		n++
		if n == 5 {
			return stop
		}
		return nil
	})
	assert.ErrorIs(t, err, stop)
	assert.Equal(t, 5, n)
}

// TestOrderedHandsOnOneAtATime: whichever worker hands results on, each
// is never called twice at once, and sees the files in lexical order.
func TestOrderedHandsOnOneAtATime(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	const total = 60
	for i := range total {
		files[fmt.Sprintf("%03d.txt", i)] = fmt.Sprintf("Story %d\n\n%s", i, strings.Repeat("Some text. ", 1+(i%5)*200))
	}
	writeFiles(t, dir, files)
	var inside, most atomic.Int64
	var got []string
	err := Ordered(context.Background(), []string{dir}, Options{Workers: 4},
		func(arts []model.Article) int { return len(arts) },
		func(r Result[int]) error {
			n := inside.Add(1)
			defer inside.Add(-1)
			if n > most.Load() {
				most.Store(n)
			}
			time.Sleep(200 * time.Microsecond) // long enough for a second caller to overlap
			got = append(got, filepath.Base(r.Origin))
			return nil
		})
	require.NoError(t, err)
	assert.Equal(t, int64(1), most.Load(), "calls of each at once")
	require.Len(t, got, total)
	for i, name := range got {
		assert.Equal(t, fmt.Sprintf("%03d.txt", i), name)
	}
}

// TestOrderedStopsWhenCancelled: cancelling the context ends the run with
// its error, and nothing is handed on after it.
func TestOrderedStopsWhenCancelled(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 200 {
		files[fmt.Sprintf("%03d.txt", i)] = fmt.Sprintf("Story %d\n\nSome text.", i)
	}
	writeFiles(t, dir, files)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	err := Ordered(ctx, []string{dir}, Options{Workers: 3}, nil, func(r Result[struct{}]) error {
		n++
		if n == 3 {
			cancel()
		}
		return nil
	})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 3, n)
}
