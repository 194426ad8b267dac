package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/store"
)

// TestQuoteNoteShared: m writes a note on a quote in the shared review.
// Another session of the same process and one of another process show
// it without a key pressed: whole on the
// selected quote and in the reader's Quotes panel, as a glyph with the
// writer's initials on the quote's row; u takes it back everywhere, and
// the audit log keeps both with the reviewer. A note written in the
// reader's Quotes panel reaches the Quotes screen the same way.
func TestQuoteNoteShared(t *testing.T) {
	for name, backend := range backends {
		t.Run(name, func(t *testing.T) {
			db := backend(t)
			here := db.store(t)
			ana, anaScreen := reviewSession(t, here, "SHA256:ana", "ana.ruiz@desk", 120, 40)
			bo, boScreen := reviewSession(t, here, "SHA256:bo", "bo lind", 120, 40)
			cy, cyScreen := reviewSession(t, db.store(t), "SHA256:cy", "cy", 120, 40)
			for _, s := range []struct {
				tm  *teatest.TestModel
				rec *frames
			}{{ana, anaScreen}, {bo, boScreen}, {cy, cyScreen}} {
				waitScreen(t, s.rec, "3 articles")
				s.tm.Send(press("Q"))
				waitScreen(t, s.rec, "Ola Brandt")
			}

			ana.Send(press("m"))
			waitScreen(t, anaScreen, "quote note:")
			ana.Type("Ask the harbour office for the date")
			ana.Send(press("enter"))
			note := "✎ Ask the harbour office for the date · AR"
			waitScreen(t, anaScreen, "quote note saved", note)
			waitScreen(t, boScreen, note)
			waitScreen(t, cyScreen, note)
			// Off the selection, the row says there is a note, and whose.
			bo.Send(press("j"))
			waitScreen(t, boScreen, "· ✎ AR")

			// The reader's Quotes panel shows it under the quote.
			cy.Send(press("enter"))
			waitScreen(t, cyScreen, "✎ Ask the harbour office for the", "The lighthouse will stay lit")

			ana.Send(press("u"))
			waitScreen(t, anaScreen, "undone: note on quote")
			for _, rec := range []*frames{anaScreen, boScreen, cyScreen} {
				teatestWaitGone(t, rec, "Ask the harbour office")
			}

			// m in the reader's Quotes panel: cy's note reaches ana and bo.
			cy.Send(press("m"))
			waitScreen(t, cyScreen, "quote note:")
			cy.Type("Second source needed")
			cy.Send(press("enter"))
			waitScreen(t, cyScreen, "quote note saved", "✎ Second source needed · Cy")
			waitScreen(t, anaScreen, "✎ Second source needed · Cy")
			waitScreen(t, boScreen, "· ✎ Cy")

			var lines []store.ReviewChange
			if err := here.Audit(context.Background(), time.Time{}, func(c store.ReviewChange) error {
				if c.Field == store.FieldQuoteNote {
					lines = append(lines, c)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if len(lines) != 3 || lines[0].Reviewer != "ana.ruiz@desk" || lines[0].New != "Ask the harbour office for the date" ||
				!lines[1].Undo || lines[1].Old != lines[0].New || lines[1].New != "" ||
				lines[2].Reviewer != "cy" || lines[2].New != "Second source needed" || lines[2].Ref() != lines[0].Ref() {
				t.Errorf("audit log of quote notes: %+v", lines)
			}
		})
	}
}

// teatestWaitGone waits until the screen no longer shows text.
func teatestWaitGone(t *testing.T, rec *frames, text string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if s := lastScreen(rec); s != "" && !strings.Contains(s, text) {
			return
		}
		time.Sleep(10 * time.Millisecond) // polling the frames, as waitScreen does
	}
	t.Fatalf("the screen still shows %q:\n%s", text, lastScreen(rec))
}

// TestRecorrectMovedQuote: a correction found its quote by its words
// after a new analysis moved it; correcting that quote again replaces
// the correction (one correction, none orphaned), and going back to the
// analysis's speaker removes it, whichever key it was filed under.
func TestRecorrectMovedQuote(t *testing.T) {
	u, arts, briefs, g := loudQuoteCorrected(t)
	// A new analysis finds the same words a paragraph further on.
	b := briefs[g.ID]
	b.Quotes = append([]model.Quote(nil), b.Quotes...)
	b.Quotes[3].Paragraph++
	briefs[g.ID] = b
	corrections := func() map[store.QuoteRef]store.Correction {
		r, err := u.Review(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return r.Corrections
	}

	opts := Options{
		Theme: "dark", Store: u,
		Load:    func(context.Context) ([]model.Article, []error) { return arts, nil },
		Analyze: func(a model.Article) model.Brief { return briefs[a.ID] },
	}
	tm, rec := startTriage(t, opts, 120, 40)
	waitScreen(t, rec, "3 articles")
	tm.Send(press("Q"))
	waitScreen(t, rec, "Kari Nes, resident · 1 quote")
	tm.Send(press("/"))
	tm.Type("loud")
	tm.Send(press("enter"))
	waitScreen(t, rec, "1 of 7 quotes")
	tm.Send(press("c"))
	waitScreen(t, rec, "speaker: Kari Nes, resident")
	tm.Send(ctrl('u'))
	tm.Type("Lena Dahl")
	tm.Send(press("enter"))
	waitScreen(t, rec, "speaker set to Lena Dahl", "Lena Dahl · 1 quote")
	waitFor(t, "one correction, Lena Dahl's", func() bool {
		c := corrections()
		for _, v := range c {
			return len(c) == 1 && v.Speaker == "Lena Dahl"
		}
		return false
	})
	tm.Send(press("enter")) // the article, at the quote: nothing orphaned
	waitScreen(t, rec, "It will be loud")
	if s := lastScreen(rec); strings.Contains(s, "finds no quote") {
		t.Errorf("re-correcting left a correction orphaned:\n%s", s)
	}

	// Back to the analysis: nobody said it.
	tm.Send(press("c"))
	waitScreen(t, rec, "speaker: Lena Dahl")
	tm.Send(ctrl('u'))
	tm.Send(press("enter"))
	waitScreen(t, rec, "speaker as the analysis found it")
	waitFor(t, "no correction left", func() bool { return len(corrections()) == 0 })
}

// waitFor polls cond (the store, which the program writes in commands)
// for up to 10 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(20 * time.Millisecond) // polling the database, not asserting time
	}
	t.Errorf("never: %s", what)
}
