package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/sample"
	"github.com/brief-reader/brief/render"
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

// TestEmptyPanelCollapses: a panel with nothing to show is one line, its
// title and notice, and the others share its room; 3 still reaches it.
func TestEmptyPanelCollapses(t *testing.T) {
	arts, briefs := testArticles()
	harbour := briefs["t:harbour"]
	for i := range 14 {
		harbour.Quotes = append(harbour.Quotes, model.Quote{Text: "The quay will be fine,", Speaker: "Ola Brandt", Paragraph: i + 1})
	}
	harbour.Phases = nil
	briefs["t:harbour"] = harbour
	opts := Options{Theme: "dark", Load: func(context.Context) ([]model.Article, []error) { return arts, nil },
		Analyze: func(a model.Article) model.Brief { return briefs[a.ID] }}
	for _, sz := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		m := drive(t, started(t, opts, sz[0], sz[1]), press("enter"))
		l := m.reader().layout
		ph, q := l.Sections[render.Phases], l.Sections[render.Quotes]
		if ph.H != 1 {
			t.Errorf("%dx%d: the empty Phases panel is %d rows, want its one title line", sz[0], sz[1], ph.H)
		}
		if l.Mode == render.ModeWide && q.W < sz[0]/2-1 {
			t.Errorf("%dx%d: the Quotes panel is %d wide beside an empty panel, want half the width", sz[0], sz[1], q.W)
		}
		if l.Mode == render.ModeMedium && q.H+l.Sections[render.KeyPoints].H < sz[1]-3-1 {
			t.Errorf("%dx%d: Key points and Quotes have %d+%d rows, want all but the collapsed line", sz[0], sz[1], l.Sections[render.KeyPoints].H, q.H)
		}
		s := screenOf(m)
		if !strings.Contains(s, "─ 3 Phases · No phases in this article ─") && !strings.Contains(s, "─ 3 Phases · none ─") {
			t.Errorf("%dx%d: no collapsed Phases line:\n%s", sz[0], sz[1], s)
		}
		m = drive(t, m, press("3"))
		if s := screenOf(m); m.reader().focus != render.Phases || !strings.Contains(s, "━ 3 Phases · No phases in this article ━") && !strings.Contains(s, "━ 3 Phases · none ━") {
			t.Errorf("%dx%d: 3 does not focus the collapsed panel:\n%s", sz[0], sz[1], screenOf(m))
		}
	}
}

// TestDumbTerminalMarks: on a terminal that draws no text attributes
// (TERM=dumb: bubbletea strips every escape sequence), the active tab and
// the highlighted quote still show, as characters.
func TestDumbTerminalMarks(t *testing.T) {
	opts, _ := triageOptions(t)
	m := started(t, opts, 70, 30)
	m = drive(t, m, tea.ColorProfileMsg{Profile: colorprofile.NoTTY})
	if s := screenOf(m); !strings.Contains(s, "[1 Inbox 2]") {
		t.Errorf("the active view tab is not marked:\n%s", s)
	}
	m = drive(t, m, press("enter"), press("2"), press("j"), press("enter"))
	s := screenOf(m) // what a dumb terminal shows: the text without attributes
	if !strings.Contains(s, "[4 Article]") {
		t.Errorf("the active tab is not marked:\n%s", s)
	}
	var marked bool
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "▶") && strings.Contains(l, "lighthouse will stay lit") {
			marked = true
		}
	}
	if !marked {
		t.Errorf("the followed quote is not marked:\n%s", s)
	}
}
