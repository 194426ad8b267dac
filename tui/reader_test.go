package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
)

// TestResizeLongArticleKeepsPlace re-wraps a long article whose first
// chunk at the new width does not reach the place being read: the view
// returns to that place when its block has been rendered.
func TestResizeLongArticleKeepsPlace(t *testing.T) {
	a := bigArticle(300 << 10)
	r := openReader(t, &a, &model.Brief{}, 200, 60)
	r.body.Scroll(len(r.body.body.Lines) / 2)
	block, _ := r.body.body.BlockAt(r.body.offset)

	cmd := r.SetSize(80, 24)
	cmd = r.Update(cmd()) // the first chunk only
	if r.body.body.Complete() || r.body.anchor == nil {
		t.Fatalf("first chunk at the new width should not reach block %d (complete %v)", block, r.body.body.Complete())
	}
	for cmd != nil {
		cmd = r.Update(cmd())
	}
	if got, _ := r.body.body.BlockAt(r.body.offset); got != block {
		t.Errorf("after re-wrapping the view is on block %d, want %d", got, block)
	}
	if r.body.anchor != nil {
		t.Error("anchor still pending after the body completed")
	}
}

// TestScrollCancelsPendingPlace: scrolling while the re-wrap is under
// way means the reader chose another place.
func TestScrollCancelsPendingPlace(t *testing.T) {
	a := bigArticle(300 << 10)
	r := openReader(t, &a, &model.Brief{}, 200, 60)
	r.body.Scroll(len(r.body.body.Lines) / 2)
	cmd := r.SetSize(80, 24)
	cmd = r.Update(cmd())
	r.body.Scroll(-1 << 20)
	for cmd != nil {
		cmd = r.Update(cmd())
	}
	if r.body.offset != 0 {
		t.Errorf("view moved to %d after the reader scrolled to the top", r.body.offset)
	}
}

// TestBodyCacheBounded: resizing through many widths keeps at most the
// body on screen and the one being rendered.
func TestBodyCacheBounded(t *testing.T) {
	arts, briefs := testArticles()
	b := briefs[arts[1].ID]
	r := openReader(t, &arts[1], &b, 200, 60)
	for w := 40; w < 110; w += 3 {
		cmd := r.SetSize(w, 40)
		for cmd != nil {
			cmd = r.Update(cmd())
		}
	}
	if n := len(r.bodies); n > 2 {
		t.Errorf("%d rendered bodies kept, want at most 2", n)
	}
}

// TestFollowOnDraftWaitsForRender: a quote followed while the body is
// still the plain-text draft (glamour has not drawn its first chunk: a
// big article, a busy machine) is shown, scrolled into view, once the
// rendered body holds its paragraph, also when that comes in a later
// chunk. Before, the follow was dropped at once with "that passage is
// not in the rendered article" and the view stayed at the top
// (TestReaderFlow failing under go test -cpu 1).
func TestFollowOnDraftWaitsForRender(t *testing.T) {
	a := bigArticle(300 << 10)
	far := len(a.Paragraphs) * 3 / 4
	a.Paragraphs[far] = "\"The lantern on the north mole stays lit all winter,\" harbour master Ola Brandt said at the quay."
	a.Markdown = strings.Join(a.Paragraphs, "\n\n") + "\n"
	br := model.Brief{Quotes: []model.Quote{{Text: "The lantern on the north mole stays lit all winter,", Speaker: "Ola Brandt", Paragraph: far}}}
	r := soloReader(&a, &br)
	r.SetSize(120, 40)
	var queue []tea.Cmd
	queue = append(queue, r.Open(&a, -1))
	if !r.drafted {
		t.Fatal("the article did not open on its draft")
	}
	queue = append(queue, r.FollowQuote(0))
	for len(queue) > 0 {
		cmd := queue[0]
		queue = queue[1:]
		if cmd == nil {
			continue
		}
		switch msg := cmd().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case statusMsg:
			t.Errorf("status %q", msg.text)
		default:
			queue = append(queue, r.Update(msg))
		}
	}
	if r.drafted || !r.body.body.Complete() {
		t.Fatal("the body did not finish rendering")
	}
	if !r.highlightInView() {
		t.Errorf("the followed quote is out of view after the render: view at line %d, highlight %v", r.body.offset, r.body.highlight)
	}
}
