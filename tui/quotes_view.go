package tui

// What the Quotes screen draws: its entries, speakers and state for
// render.QuotesScreen.

import (
	"github.com/brief-reader/brief/model/quoteindex"
	"github.com/brief-reader/brief/render"
)

// entry converts list entry i to what render draws; full adds what
// only drawing needs (the article and the mark).
func (q *quotesModel) entry(i int, full bool) render.QuoteEntry {
	e := q.entries[i]
	s := &q.idx.Speakers[e.sp]
	if e.q < 0 {
		re := render.QuoteEntry{Heading: true, Speaker: s.Name, Count: len(s.Quotes)}
		if len(s.Roles) > 0 {
			re.Role = s.Roles[0]
		}
		return re
	}
	r := s.Quotes[e.q]
	re := render.QuoteEntry{Text: r.Quote.Text, Partial: r.Quote.Partial}
	if full {
		re.Title, re.Source, re.Published = r.Article.Title, render.SourceName(*r.Article), r.Article.Published
		re.Mark = string(q.markOf(r))
		if re.Mark != "" {
			re.By = q.marks.By(q.refOf(r))
		}
		if q.marks.HasNotes() {
			re.Note, re.NoteBy = q.marks.Note(q.refOf(r))
		}
	}
	return re
}

// State is what render draws.
func (q *quotesModel) State(footer, spinner string) render.QuotesState {
	s := render.QuotesState{
		Selected: -1, Offset: q.offset, Total: len(q.entries), SpeakerSelected: -1,
		SpeakerOffset: q.spOffset, SpeakerTotal: len(q.idx.Speakers), Focus: q.focus,
		Quotes: q.full.Total, Shown: q.idx.Total, Building: q.running || !q.built,
		Spinner: spinner, Footer: footer, Query: q.filter.Value(), Paints: q.paints, Unchecked: q.unchecked,
	}
	if q.filter.Active() || q.filter.Value() != "" {
		s.Filter = q.filter.View()
	}
	s.Articles = q.quoted
	if w, h := q.layout.ListInner(); h > 0 && q.offset < len(q.entries) {
		if q.entries[q.offset].q >= 0 {
			st := q.entry(q.firsts[q.entries[q.offset].sp], false)
			s.Sticky = &st
		}
		used := 0
		if s.Sticky != nil {
			used = 1
		}
		for i := q.offset; i < len(q.entries) && used < h; i++ {
			if i == q.selected {
				s.Selected = len(s.Entries)
			}
			e := q.entry(i, true)
			used += render.QuoteEntryHeight(e, i == q.selected, used == 0, w)
			s.Entries = append(s.Entries, e)
		}
	}
	if q.selected >= 0 {
		sp := q.entries[q.selected].sp
		s.Position = q.entries[q.selected].q + 1
		for i := 0; i < sp; i++ {
			s.Position += len(q.idx.Speakers[i].Quotes)
		}
		if _, sh := q.layout.SpeakersInner(); sh > 0 {
			per := (sh + 1) / render.SpeakerEntryHeight
			for i := q.spOffset; i < len(q.idx.Speakers) && i <= q.spOffset+per; i++ {
				if i == sp {
					s.SpeakerSelected = len(s.Speakers)
				}
				one := q.idx.Speakers[i]
				if j, ok := q.fullBy[quoteindex.Key(one.Name)]; ok {
					one = q.full.Speakers[j] // counts of the whole library
				}
				e := speakerEntry(one)
				if q.marks.user != nil {
					e.Progress, e.Checked = true, q.checked(one)
				}
				s.Speakers = append(s.Speakers, e)
			}
		}
	}
	return s
}

// speakerEntry converts an index speaker for the Speakers panel.
func speakerEntry(s quoteindex.Speaker) render.SpeakerEntry {
	return render.SpeakerEntry{
		Name: s.Name, Kind: string(s.Kind), Roles: s.Roles, Quotes: len(s.Quotes),
		Articles: s.Articles, FirstSeen: s.FirstSeen, LastSeen: s.LastSeen,
	}
}

// View draws the screen with footer as its last row.
func (q *quotesModel) View(footer, spinner string) string {
	return render.QuotesScreen(q.State(footer, spinner), q.layout, q.st)
}
