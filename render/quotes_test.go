package render

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
)

// quotesFixture is a Quotes screen state written for these tests: three
// speakers and the unattributed quotes, marks, a long selected quote,
// wide characters, and text that tries to reach the terminal raw.
func quotesFixture(focus QuotesPane) QuotesState {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 9, 0, 0, 0, time.UTC) }
	sea := func(text, mark string, partial bool) QuoteEntry {
		return QuoteEntry{Text: text, Partial: partial, Title: "Saltmere approves three-phase sea wall rebuild", Source: "Coastline Gazette", Published: day(20), Mark: mark}
	}
	ferry := func(text, mark string) QuoteEntry {
		return QuoteEntry{Text: text, Title: "Millbrook ferry moves to winter timetable", Source: "Harbour Weekly", Published: day(18), Mark: mark}
	}
	entries := []QuoteEntry{
		{Heading: true, Speaker: "Ada Brenner", Role: "council leader", Count: 3},
		sea("We cannot wait for a third breach,", "checked", false),
		sea("The sea does not care about our budget, and neither do the storms that come every winter from the north-east; we will build the wall in three phases and the first starts in March.", "", false),
		ferry("The last crossing will leave at eight.", "starred"),
		{Heading: true, Speaker: "Tomas Ilves", Role: "Harbour engineer", Count: 2},
		sea("a museum piece", "flagged", true),
		ferry("防波堤の再建工事は三段階で行われます 🎣", ""),
		{Heading: true, Speaker: "Saltmere Fishermen's Association\x1b[31m", Count: 1},
		ferry("We asked for one quay to stay open.\x07", ""),
		{Heading: true, Speaker: "", Count: 1},
		ferry("Tickets will be refunded.", ""),
	}
	speakers := []SpeakerEntry{
		{Name: "Ada Brenner", Kind: "person", Roles: []string{"council leader", "mayor of Saltmere"}, Quotes: 3, Articles: 2, FirstSeen: day(18), LastSeen: day(20)},
		{Name: "Tomas Ilves", Kind: "person", Roles: []string{"Harbour engineer"}, Quotes: 2, Articles: 2, FirstSeen: day(18), LastSeen: day(20)},
		{Name: "Saltmere Fishermen's Association", Kind: "organization", Quotes: 1, Articles: 1, FirstSeen: day(18), LastSeen: day(18)},
		{Name: "", Quotes: 1, Articles: 1},
	}
	return QuotesState{
		Entries: entries, Selected: 2, Total: len(entries), Position: 2,
		Speakers: speakers, SpeakerTotal: len(speakers),
		Focus: focus, Quotes: 7, Shown: 7, Articles: 2, Footer: "footer",
	}
}

func TestQuotes(t *testing.T) {
	st := NewStyles(ThemeFor(true), false)
	for _, sz := range sizes {
		for _, c := range []struct {
			name  string
			focus QuotesPane
		}{{"list", PaneQuotes}, {"speakers", PaneSpeakers}} {
			t.Run(fmt.Sprintf("%s_%dx%d", c.name, sz.w, sz.h), func(t *testing.T) {
				s := quotesFixture(c.focus)
				l := ComputeQuotesLayout(sz.w, sz.h, c.focus, false)
				out := QuotesScreen(s, l, st)
				checkScreen(t, out, sz.w, sz.h)
				golden.RequireEqual(t, stripANSI(out))
			})
		}
	}
}

func TestQuotesFilteredAndScrolled(t *testing.T) {
	st := NewStyles(ThemeFor(true), false)
	s := quotesFixture(PaneQuotes)
	s.Entries, s.Selected, s.Offset = s.Entries[2:4], 1, 2
	s.Sticky = &QuoteEntry{Heading: true, Speaker: "Ada Brenner", Role: "council leader", Count: 3}
	s.Shown, s.Filter, s.Query = 2, "/winter", "winter"
	l := ComputeQuotesLayout(80, 24, PaneQuotes, true)
	out := QuotesScreen(s, l, st)
	checkScreen(t, out, 80, 24)
	plain := stripANSI(out)
	for _, want := range []string{"2 of 7 quotes", "/winter", "Ada Brenner, council leader · 3 quotes (continued)", "★ “The last crossing will leave at eight.”"} {
		if !strings.Contains(plain, want) {
			t.Errorf("screen lacks %q:\n%s", want, plain)
		}
	}
}

func TestQuotesSaysWhatIsMissing(t *testing.T) {
	st := NewStyles(ThemeFor(true), false)
	l := ComputeQuotesLayout(120, 40, PaneQuotes, false)
	for _, c := range []struct {
		s    QuotesState
		want string
	}{
		{QuotesState{Building: true, Spinner: "*"}, "indexing the quotes"},
		{QuotesState{}, "No quotes in the loaded articles"},
		{QuotesState{Quotes: 4, Query: "gull"}, "No quote matches “gull”"},
	} {
		out := QuotesScreen(c.s, l, st)
		checkScreen(t, out, 120, 40)
		if !strings.Contains(stripANSI(out), c.want) {
			t.Errorf("screen lacks %q:\n%s", c.want, stripANSI(out))
		}
	}
}

func TestQuotesSanitized(t *testing.T) {
	st := NewStyles(ThemeFor(true), false)
	out := QuotesScreen(quotesFixture(PaneQuotes), ComputeQuotesLayout(200, 60, PaneQuotes, false), st)
	if strings.Contains(out, "\x07") || strings.Contains(out, "\x1b[31m") {
		t.Errorf("control characters from the text reached the screen: %q", out)
	}
}

func TestQuotesTooSmall(t *testing.T) {
	st := NewStyles(ThemeFor(true), false)
	out := QuotesScreen(quotesFixture(PaneQuotes), ComputeQuotesLayout(39, 20, PaneQuotes, false), st)
	if strings.Contains(out, "\n") || !strings.Contains(stripANSI(out), "small") {
		t.Errorf("too small: want one line, got %q", out)
	}
}

// TestQuoteEntryHeightMatchesDrawing checks that the heights the tui
// scrolls by are the lines render draws.
func TestQuoteEntryHeightMatchesDrawing(t *testing.T) {
	st := NewStyles(ThemeFor(true), false)
	s := quotesFixture(PaneQuotes)
	for _, w := range []int{30, 75, 134} {
		want := 0
		for i, e := range s.Entries {
			want += QuoteEntryHeight(e, i == s.Selected, i == 0, w)
		}
		got := quoteListLines(s, w, 1000, true, NewQuotePaints(st))
		if len(got) != want {
			t.Errorf("width %d: drew %d lines, heights add up to %d", w, len(got), want)
		}
	}
}
