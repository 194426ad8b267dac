package tui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/brief-reader/brief/model"
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
