package tui

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/source"
)

// earlyFrames records what Options.Early is handed; it declines after
// want frames.
type earlyFrames struct {
	mu     sync.Mutex
	frames []string
	want   int
}

func (e *earlyFrames) draw(content string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.frames = append(e.frames, content)
	return len(e.frames) < e.want
}

func (e *earlyFrames) got() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.frames...)
}

// TestEarlyFramesFromTheFirstLoad: Options.Early is handed the first
// frame that shows what the first load brought (one article opens
// straight in the reader), never the empty library drawn while it
// loads, each frame once, and no more once it declines.
func TestEarlyFramesFromTheFirstLoad(t *testing.T) {
	arts, briefs := testArticles()
	one := arts[1]
	e := &earlyFrames{want: 2}
	opts := Options{
		Theme: "dark",
		Load: func(context.Context) ([]model.Article, []error) {
			time.Sleep(50 * time.Millisecond)
			return []model.Article{one}, nil
		},
		Analyze: func(a model.Article) model.Brief { return briefs[a.ID] },
		Early:   e.draw,
	}
	tm, rec := startTriage(t, opts, 120, 40)
	waitScreen(t, rec, "Harbour lights stay on for winter", "Ola Brandt")
	frames := e.got()
	if len(frames) == 0 {
		t.Fatal("no frame was handed to Early")
	}
	if !strings.Contains(frames[0], "Harbour lights stay on for winter") || !strings.Contains(frames[0], "HARBOURTON") {
		t.Errorf("the first early frame is not the reader on the article:\n%s", frames[0])
	}
	if len(frames) > 2 {
		t.Errorf("Early was handed %d frames after it declined the second", len(frames))
	}
	if len(frames) == 2 && frames[0] == frames[1] {
		t.Error("the same frame was handed twice")
	}
	tm.Send(press("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// TestPrimeDrawsBeforeTheProgram: Prime hands Early the frame of the
// first articles before the program runs; the program then goes on from
// that load (its analysis shows) without starting another.
func TestPrimeDrawsBeforeTheProgram(t *testing.T) {
	arts, briefs := testArticles()
	one := arts[1]
	for _, c := range []struct {
		name  string
		delay time.Duration // before the stream's first event
		wait  time.Duration // Prime's
		early bool          // a frame is drawn by Prime
	}{
		{"articles within the wait", 0, 5 * time.Second, true},
		{"articles after the wait", 200 * time.Millisecond, 10 * time.Millisecond, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			var calls atomic.Int32
			e := &earlyFrames{want: 1}
			opts := Options{
				Theme: "dark",
				Stream: func(context.Context) <-chan source.Event {
					calls.Add(1)
					ch := make(chan source.Event, 2)
					go func() {
						time.Sleep(c.delay)
						ch <- source.Event{Origin: "a.md", Articles: []model.Article{one}, Progress: source.Progress{Done: 1, Total: 1}}
						ch <- source.Event{Final: true, Progress: source.Progress{Done: 1, Total: 1}}
						close(ch)
					}()
					return ch
				},
				Analyze: func(a model.Article) model.Brief { return briefs[a.ID] },
				Early:   e.draw,
				Width:   120, Height: 40,
			}
			m := New(opts).Prime(c.wait)
			drawn := e.got()
			if c.early && (len(drawn) != 1 || !strings.Contains(drawn[0], "Harbour lights stay on for winter")) {
				t.Fatalf("Prime drew %d frames, want the article's:\n%s", len(drawn), strings.Join(drawn, "\n---\n"))
			}
			if !c.early && len(drawn) != 0 {
				t.Fatalf("Prime drew a frame with no articles:\n%s", drawn[0])
			}
			rec := &frames{}
			tm := teatest.NewTestModel(t, recorded{m, rec}, teatest.WithInitialTermSize(120, 40))
			waitScreen(t, rec, "Harbour lights stay on for winter", "Ola Brandt")
			if n := calls.Load(); n != 1 {
				t.Errorf("the stream was started %d times, want once", n)
			}
			tm.Send(press("q"))
			tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
		})
	}
}
