package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/sample"
)

// TestFrameAfterNextArticleMatchesFreshRender steps through the sample
// articles with ] on the Quotes panel and compares each frame with the
// same article opened in a fresh program: nothing of the article before
// may stay behind. Every line of both is exactly the terminal's width,
// measured as the renderer measures (grapheme clusters, or wcwidth on
// terminals that do not report Unicode mode 2027, like tmux 3.3a).
func TestFrameAfterNextArticleMatchesFreshRender(t *testing.T) {
	arts, err := sample.Articles()
	if err != nil {
		t.Fatal(err)
	}
	// An article whose title, quotes and body hold runes whose width
	// terminals disagree on: an emoji with a variation selector, joined
	// emoji, a skin tone, ambiguous-width punctuation.
	odd := []string{
		"Prices … rose again ⬇️ and then fell ✍️ back, the whole week long, said the agency",
		"We will look at it again … next week 🏳️‍🌈 and the week after 👍🏽 with the council",
	}
	paras := []string{"“" + odd[0] + "” the spokesman said.", "“" + odd[1] + "” she said."}
	arts = append(arts, model.Article{ID: "odd", Title: "Markets ⬇️ as ✍️ deals stall…", Source: "Test",
		Paragraphs: paras, Markdown: strings.Join(paras, "\n\n") + "\n", Format: model.FormatText,
		Published: time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)})
	opts := Options{Theme: "dark", Load: func(context.Context) ([]model.Article, []error) { return arts, nil }}
	for _, sz := range [][2]int{{80, 24}, {200, 60}} {
		w, h := sz[0], sz[1]
		stepped := drive(t, started(t, opts, w, h), press("enter"), press("2"))
		for i := 1; i < len(arts); i++ {
			stepped = drive(t, stepped, press("]"))
			fresh := started(t, opts, w, h)
			for range i {
				fresh = drive(t, fresh, press("j"))
			}
			fresh = drive(t, fresh, press("enter"), press("2"))
			got, want := stepped.View().Content, fresh.View().Content
			if got != want {
				t.Errorf("%dx%d, article %d: the frame after ] differs from a fresh one:\n%s\n--- fresh\n%s", w, h, i+1, ansi.Strip(got), ansi.Strip(want))
			}
			for n, l := range strings.Split(got, "\n") {
				if g, wc := ansi.StringWidth(l), ansi.StringWidthWc(l); g != w || wc != w {
					t.Errorf("%dx%d, article %d, line %d: %d cells by graphemes, %d by wcwidth, want %d: %q", w, h, i+1, n, g, wc, w, ansi.Strip(l))
				}
			}
		}
	}
}
