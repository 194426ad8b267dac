package tui

import (
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"
)

// TestEscReturnsWhereTheUserCameFrom: reading one article, going to
// another through the Quotes screen, then esc twice comes back to the
// first article, and once more to the library (navigation is a stack).
func TestEscReturnsWhereTheUserCameFrom(t *testing.T) {
	rec := &frames{}
	tm := teatest.NewTestModel(t, recorded{New(quoteOptions()), rec}, teatest.WithInitialTermSize(120, 40))
	waitScreen(t, rec, "3 articles")
	tm.Send(press("j"))
	tm.Send(press("enter"))
	waitScreen(t, rec, "Gullhaven ferry adds night crossing", "2/3")

	// The Quotes screen; the harbour article's quote, opened.
	tm.Send(press("Q"))
	waitScreen(t, rec, "brief · quotes · 7 quotes")
	tm.Send(press("/"))
	tm.Type("stay lit")
	tm.Send(press("enter"))
	tm.Send(press("enter"))
	waitScreen(t, rec, "Harbour lights stay on for winter", "1/3", "said at the quay on Friday evening")

	tm.Send(press("esc"))
	waitScreen(t, rec, "brief · quotes · 1 of 7 quotes")
	tm.Send(press("esc")) // clears the filter
	tm.Send(press("esc"))
	waitScreen(t, rec, "Gullhaven ferry adds night crossing", "2/3")
	tm.Send(press("esc"))
	waitScreen(t, rec, "brief · library")
	tm.Send(press("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
