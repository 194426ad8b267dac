package tui

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/store"
)

// This session's own review changes: each shows at once and is saved in
// a command behind the session's other writes; a failed save puts the
// previous value back.

// Toggle gives quote sq mark m, or clears m when the quote has it, and
// saves it when there is a store.
func (r *reviewModel) Toggle(sq store.Quote, m store.Mark) tea.Cmd {
	ref := sq.Ref()
	r.own(seqKey{ref, store.FieldQuote})
	prev, had := r.marks[ref]
	next := m
	if prev.Mark == m {
		next = store.MarkNone
	}
	r.setMark(ref, store.ReviewMark{Mark: next, Reviewer: r.reviewer()})
	text := "mark cleared"
	if next != store.MarkNone {
		text = "quote " + string(next)
	}
	changed := emit(marksChangedMsg{})
	if r.user == nil {
		return tea.Batch(changed, status(text+" (for this session: no store)", false))
	}
	r.pending[ref]++
	save := r.queue("mark", func(ctx context.Context, u *store.User) (store.Action, error) {
		return u.SetQuoteMark(ctx, sq, next)
	}, func(err error) tea.Msg {
		return reviewSavedMsg{what: "mark", ref: ref, err: err, undo: func(r *reviewModel) {
			if had {
				r.setMark(ref, prev)
			} else {
				r.setMark(ref, store.ReviewMark{})
			}
		}}
	})
	return tea.Batch(changed, status(text, false), save)
}

// correct sets (or, with speaker and role as the analysis has them,
// removes) the correction of quote sq, and saves it.
// A correction that found its quote by its words after the quote moved
// (sq.CorrectedAs) is replaced: removed, and the new one, if any, filed
// under the quote's own key.
func (r *reviewModel) correct(sq store.Quote, speaker, role string, analysed store.Quote) tea.Cmd {
	ref := sq.Ref()
	r.own(seqKey{ref, store.FieldSpeaker})
	prev, had := r.corrections[ref]
	moved := store.QuoteRef{ArticleID: ref.ArticleID, Key: sq.CorrectedAs}
	movedPrev, hadMoved := r.corrections[moved]
	hadMoved = hadMoved && moved != ref
	if hadMoved {
		r.own(seqKey{moved, store.FieldSpeaker})
		delete(r.corrections, moved)
	}
	back := speaker == analysed.Speaker && (role == analysed.Role || speaker == "")
	text := "speaker set to " + speaker
	if speaker == "" {
		text = "quote set to no speaker"
	}
	if back {
		delete(r.corrections, ref)
		text = "speaker as the analysis found it"
		if !had && !hadMoved {
			return status(text+": nothing to change", false)
		}
	} else {
		r.corrections[ref] = store.Correction{Paragraph: sq.Paragraph, Text: sq.Text, Speaker: speaker, Role: role, Reviewer: r.reviewer()}
	}
	changed := r.changed([]string{ref.ArticleID}, false)
	if r.user == nil {
		return tea.Batch(changed, status(text+" (for this session: no store)", false))
	}
	r.pending[ref]++
	save := r.queue("speaker correction", func(ctx context.Context, u *store.User) (store.Action, error) {
		if back {
			return u.RemoveCorrection(ctx, sq)
		}
		return u.CorrectSpeaker(ctx, sq, speaker, role)
	}, func(err error) tea.Msg {
		return reviewSavedMsg{what: "speaker correction", ref: ref, err: err, undo: func(r *reviewModel) {
			if had {
				r.corrections[ref] = prev
			} else {
				delete(r.corrections, ref)
			}
			if hadMoved {
				r.corrections[moved] = movedPrev
			}
			r.coll.SetCorrections(r.corrections, []string{ref.ArticleID})
		}}
	})
	return tea.Batch(changed, status(text, false), save)
}

// cleanQuoteNote is a typed quote note as the store keeps it: control
// characters and escape sequences removed, surrounding space trimmed.
func cleanQuoteNote(note string) string { return strings.TrimSpace(model.Sanitize(note)) }

// setQuoteNote sets the note on quote sq ("" removes it) and saves it.
func (r *reviewModel) setQuoteNote(sq store.Quote, note string) tea.Cmd {
	ref := sq.Ref()
	note = cleanQuoteNote(note)
	prev, had := r.notes[ref]
	switch {
	case note == prev.Note:
		return status("quote note unchanged", false)
	case utf8.RuneCountInString(note) > store.MaxQuoteNoteRunes:
		return status("the quote note is longer than the "+strconv.Itoa(store.MaxQuoteNoteRunes)+" characters it may have", true)
	}
	r.own(seqKey{ref, store.FieldQuoteNote})
	text := "quote note saved"
	if note == "" {
		delete(r.notes, ref)
		text = "quote note removed"
	} else {
		r.notes[ref] = store.QuoteNote{Note: note, Reviewer: r.reviewer()}
	}
	changed := emit(marksChangedMsg{})
	if r.user == nil {
		return tea.Batch(changed, status(text+" (for this session: no store)", false))
	}
	r.pending[ref]++
	save := r.queue("quote note", func(ctx context.Context, u *store.User) (store.Action, error) {
		return u.SetQuoteNote(ctx, sq, note)
	}, func(err error) tea.Msg {
		return reviewSavedMsg{what: "quote note", ref: ref, err: err, undo: func(r *reviewModel) {
			if had {
				r.notes[ref] = prev
			} else {
				delete(r.notes, ref)
			}
		}}
	})
	return tea.Batch(changed, status(text, false), save)
}
