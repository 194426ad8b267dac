package render

import (
	"fmt"
	"testing"
	"time"
)

// TestRowCacheDrawsAsWithout draws a run of library frames, each
// changing something a row shows, with one cache kept across them, and
// checks every frame against the same frame drawn without a cache.
func TestRowCacheDrawsAsWithout(t *testing.T) {
	dark, light := NewStyles(ThemeFor(true), false), NewStyles(ThemeFor(false), false)
	day := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
	base := func() []LibraryRow {
		var rows []LibraryRow
		for i := range 30 {
			rows = append(rows, LibraryRow{Title: fmt.Sprintf("Story %d about the council", i), Source: "Daily", Published: day.AddDate(0, 0, -i%3), Unread: true})
		}
		rows[4].Header = "Yesterday"
		return rows
	}
	type frame struct {
		name   string
		change func(s *LibraryState)
		w, h   int
		st     *Styles
	}
	frames := []frame{
		{"first", func(s *LibraryState) {}, 120, 40, dark},
		{"same again", func(s *LibraryState) {}, 120, 40, dark},
		{"counts arrive", func(s *LibraryState) {
			for i := range s.Rows {
				s.Rows[i].Analyzed, s.Rows[i].Quotes, s.Rows[i].Phases = true, i%7, i%2
			}
		}, 120, 40, dark},
		{"one count changes", func(s *LibraryState) { s.Rows[2].Quotes++ }, 120, 40, dark},
		{"selection moves", func(s *LibraryState) { s.Selected = 3 }, 120, 40, dark},
		{"read, starred, noted, tagged", func(s *LibraryState) {
			s.Rows[1].Unread, s.Rows[2].Starred, s.Rows[3].Note = false, true, true
			s.Rows[5].Tags = []string{"politics", "local"}
		}, 120, 40, dark},
		{"tags change", func(s *LibraryState) { s.Rows[5].Tags = []string{"politics"} }, 120, 40, dark},
		{"filter matches", func(s *LibraryState) { s.Rows[6].TitleMatches = []int{0, 1, 2} }, 120, 40, dark},
		{"other matches", func(s *LibraryState) { s.Rows[6].TitleMatches = []int{6, 7} }, 120, 40, dark},
		{"title and source change", func(s *LibraryState) { s.Rows[7].Title, s.Rows[8].Source = "Renamed", "Weekly" }, 120, 40, dark},
		{"date changes", func(s *LibraryState) { s.Rows[9].Published = day.AddDate(-1, 0, 0) }, 120, 40, dark},
		{"triage off", func(s *LibraryState) { s.Triage = false }, 120, 40, dark},
		{"narrow", func(s *LibraryState) {}, 80, 24, dark},
		{"wide", func(s *LibraryState) {}, 200, 60, dark},
		{"restyled", func(s *LibraryState) {}, 200, 60, light},
		{"back", func(s *LibraryState) {}, 120, 40, dark},
	}
	var cache RowCache
	s := LibraryState{Rows: base(), Shown: 30, Total: 30, Selected: 1, Triage: true, Footer: "footer"}
	for _, f := range frames {
		f.change(&s)
		want := Library(s, f.w, f.h, f.st)
		cached := s
		cached.Cache = &cache
		if got := Library(cached, f.w, f.h, f.st); got != want {
			t.Errorf("%s: with the cache the frame is\n%s\nwithout it\n%s", f.name, got, want)
		}
	}
	if n := len(cache.prev); n == 0 || n > 40 {
		t.Errorf("the cache keeps %d rows after the last frame, want those it drew", n)
	}
}
