package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/brief-reader/brief/model"
)

// TestRenderBodyCmdStopsWhenCancelled: a body render whose context is
// done (the article was left, the session ended) renders nothing more.
func TestRenderBodyCmdStopsWhenCancelled(t *testing.T) {
	a := &model.Article{ID: "x", Markdown: strings.Repeat("A paragraph.\n\n", 500)}
	if msg := renderBodyCmd(context.Background(), 0, 1, a, nil, 60, "dark", 0)().(bodyMsg); len(msg.lines) == 0 {
		t.Fatal("nothing rendered with a live context")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if msg := renderBodyCmd(ctx, 0, 1, a, nil, 60, "dark", 0)().(bodyMsg); len(msg.lines) != 0 {
		t.Errorf("%d blocks rendered after the context was cancelled", len(msg.lines))
	}
}

// TestOpeningAnotherArticleCancelsRenders: the reader renders each
// article under its own context, cancelled when another opens and when
// the reader closes.
func TestOpeningAnotherArticleCancelsRenders(t *testing.T) {
	a := &model.Article{ID: "a", Markdown: "one"}
	r := soloReader(a, &model.Brief{})
	r.Open(a, -1)
	first := r.bodyCtx
	r.Open(&model.Article{ID: "b", Markdown: "two"}, -1)
	if first.Err() == nil {
		t.Error("the first article's renders were not cancelled")
	}
	second := r.bodyCtx
	if second.Err() != nil {
		t.Error("the open article's context is done")
	}
	r.Close()
	if second.Err() == nil {
		t.Error("closing the reader did not cancel its renders")
	}
}
