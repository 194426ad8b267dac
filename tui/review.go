package tui

import (
	"context"
	"strings"
	"time"
	"unicode"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model/store"
)

// reviewModel is the quote review the screens share: the marks and
// quote notes with who made them, and the speaker corrections, read from
// the store, changed at once in memory by this session's keys (saved in
// a command, put back when saving fails, review_edit.go), and kept up to
// date with the other sessions' changes as they arrive (Live,
// review_live.go). It owns the c and m prompts (review_prompt.go).
type reviewModel struct {
	ctx  context.Context
	user *store.User // nil without a store: marks last the session
	live Live
	coll *collection
	// queue writes to the store behind the session's other actions
	// (triageModel.Queue), in key order.
	queue func(what string, do func(context.Context, *store.User) (store.Action, error), after func(error) tea.Msg) tea.Cmd

	marks       map[store.QuoteRef]store.ReviewMark
	notes       map[store.QuoteRef]store.QuoteNote
	corrections map[store.QuoteRef]store.Correction
	// version counts the changes to marks, for what is computed from
	// them (the Speakers panel's progress); log holds the latest of
	// them, the first made at version logFrom+1 (see MarksSince).
	version int
	log     []markChange
	logFrom int
	// seq is the Seq of the last change applied to each quote's field,
	// so that a change heard late never undoes a later one.
	seq map[seqKey]int64
	// pending counts this session's writes to each quote not done yet;
	// clashed marks the quotes another session changed meanwhile, whose
	// review is read again once they are done.
	pending map[store.QuoteRef]int
	clashed map[store.QuoteRef]bool
	// writing holds what other sessions of this process are writing now
	// (store.ReviewChange.Pending), shown until their writes settle.
	writing map[seqKey]*writing
	// heard is when the last live changes were taken (see listen).
	heard time.Time

	prompt reviewPrompt
}

// seqKey names one field of one quote's review.
type seqKey struct {
	ref   store.QuoteRef
	field store.Field
}

// Messages of the review.
type (
	// reviewReadMsg carries the review read from the store.
	reviewReadMsg struct {
		review store.Review
		err    error
	}
	// reviewSavedMsg reports a review change written to the store; on
	// failure undo puts the previous value back.
	reviewSavedMsg struct {
		what string
		ref  store.QuoteRef
		undo func(*reviewModel)
		err  error
	}
	// reviewUndoneMsg carries the review changes an undo reverted.
	reviewUndoneMsg struct{ changes []store.Change }
	// marksChangedMsg tells the screens that quote marks or quote notes
	// changed.
	marksChangedMsg struct{}
	// correctionsChangedMsg tells the screens that the briefs of the
	// articles ids changed: their speaker corrections did.
	correctionsChangedMsg struct{ ids []string }
)

func newReview(ctx context.Context, user *store.User, live Live, coll *collection) *reviewModel {
	return &reviewModel{
		ctx: ctx, user: user, live: live, coll: coll,
		marks: map[store.QuoteRef]store.ReviewMark{}, notes: map[store.QuoteRef]store.QuoteNote{},
		corrections: map[store.QuoteRef]store.Correction{},
		seq:         map[seqKey]int64{}, pending: map[store.QuoteRef]int{}, clashed: map[store.QuoteRef]bool{},
		writing: map[seqKey]*writing{},
	}
}

// Init reads the review and starts listening to other sessions.
func (r *reviewModel) Init() tea.Cmd {
	if r.user == nil {
		return nil
	}
	return tea.Batch(r.read(), r.listen())
}

// read reads the whole review.
func (r *reviewModel) read() tea.Cmd {
	ctx, u := r.ctx, r.user
	return func() tea.Msg {
		rv, err := u.Review(ctx)
		return reviewReadMsg{review: rv, err: err}
	}
}

// Shared reports whether the review is the library's, shared with other
// reviewers (marks then show who made them).
func (r *reviewModel) Shared() bool { return r.user != nil && r.user.Scope() == store.SharedScope }

// Of returns the mark on quote ref.
func (r *reviewModel) Of(ref store.QuoteRef) store.Mark { return r.marks[ref].Mark }

// By returns who marked quote ref, as initials, in a shared review; ""
// otherwise.
func (r *reviewModel) By(ref store.QuoteRef) string {
	if !r.Shared() {
		return ""
	}
	m, ok := r.marks[ref]
	if !ok {
		return ""
	}
	return Initials(m.Reviewer)
}

// Note returns the note on quote ref and, in a shared review, who wrote
// it, as initials.
func (r *reviewModel) Note(ref store.QuoteRef) (note, by string) {
	n, ok := r.notes[ref]
	if !ok {
		return "", ""
	}
	if r.Shared() {
		by = Initials(n.Reviewer)
	}
	return n.Note, by
}

// HasNotes reports whether any quote has a note.
func (r *reviewModel) HasNotes() bool { return len(r.notes) > 0 }

// Empty reports whether no quote is marked or has a note.
func (r *reviewModel) Empty() bool { return len(r.marks) == 0 && len(r.notes) == 0 }

// Update handles reads, saves and undos; ok is false for other messages
// (live changes come through Live).
func (r *reviewModel) Update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case reviewReadMsg:
		if msg.err != nil {
			return status("could not read the quote review: "+msg.err.Error(), true), true
		}
		return r.take(msg.review), true
	case reviewSavedMsg:
		var reread tea.Cmd
		if r.pending[msg.ref]--; r.pending[msg.ref] <= 0 {
			delete(r.pending, msg.ref)
			if r.clashed[msg.ref] {
				// Another session changed the quote while this one's
				// writes were under way: which came last is the store's
				// to say.
				delete(r.clashed, msg.ref)
				reread = r.read()
			}
		}
		if msg.err == nil {
			return reread, true
		}
		msg.undo(r)
		return tea.Batch(reread, r.changed(nil, true), status("could not save the "+msg.what+": "+msg.err.Error(), true)), true
	case reviewUndoneMsg:
		var t touched
		for _, c := range msg.changes {
			k := seqKey{store.QuoteRef{ArticleID: c.ArticleID, Key: c.Key}, c.Field}
			v, err := shownOf(store.ReviewChange{Field: c.Field, New: c.Old, Reviewer: r.user.Reviewer()})
			if err == nil {
				r.put(k, v, &t)
			}
		}
		return r.changed(t.ids, t.marks), true
	}
	return nil, false
}

// take replaces the review with one read from the store; changes heard
// meanwhile keep their value, and what other sessions are writing stays
// shown until they settle.
func (r *reviewModel) take(rv store.Review) tea.Cmd {
	ids := map[string]bool{}
	for ref := range r.corrections {
		ids[ref.ArticleID] = true
	}
	heard := make(map[seqKey]shown, len(r.seq)) // heard after the read began: they win
	for k := range r.seq {
		if w := r.writing[k]; w != nil {
			heard[k] = w.under
		} else {
			heard[k] = r.get(k)
		}
	}
	r.marks, r.notes, r.corrections = map[store.QuoteRef]store.ReviewMark{}, map[store.QuoteRef]store.QuoteNote{},
		map[store.QuoteRef]store.Correction{}
	for ref, m := range rv.Marks {
		r.marks[ref] = m
	}
	for ref, n := range rv.Notes {
		r.notes[ref] = n
	}
	for ref, c := range rv.Corrections {
		r.corrections[ref] = c
		ids[ref.ArticleID] = true
	}
	var t touched
	for k, v := range heard {
		r.put(k, v, &t)
	}
	for k, w := range r.writing {
		if _, ok := r.seq[k]; !ok {
			w.under = r.get(k)
		}
		if v, err := shownOf(w.by[len(w.by)-1]); err == nil {
			r.put(k, v, &t)
		}
	}
	for _, id := range t.ids {
		ids[id] = true
	}
	r.version++
	r.log, r.logFrom = nil, r.version
	return r.changed(keys(ids), true)
}

// touched collects what changed: the corrections of the articles ids,
// and the marks or notes.
type touched struct {
	ids   []string
	marks bool
}

// tell updates the collection with the corrections of the articles ids
// and returns the messages that tell the screens what changed: those
// corrections, and the marks and notes when marks is true.
func (r *reviewModel) tell(ids []string, marks bool) []tea.Msg {
	var out []tea.Msg
	if marks {
		out = append(out, marksChangedMsg{})
	}
	if len(ids) > 0 {
		if changed := r.coll.SetCorrections(r.corrections, ids); len(changed) > 0 {
			out = append(out, correctionsChangedMsg{ids: changed})
		}
	}
	return out
}

// changed is tell delivered as commands.
func (r *reviewModel) changed(ids []string, marks bool) tea.Cmd {
	var cmds []tea.Cmd
	for _, n := range r.tell(ids, marks) {
		cmds = append(cmds, emit(n))
	}
	return tea.Batch(cmds...)
}

// shown is one field of one quote's review as a session shows it: a
// mark, a note or a correction, ok false for none.
type shown struct {
	ok   bool
	mark store.ReviewMark
	note store.QuoteNote
	cor  store.Correction
}

// shownOf is what change c makes its field show.
func shownOf(c store.ReviewChange) (shown, error) {
	switch c.Field {
	case store.FieldQuote:
		return shown{ok: c.New != "", mark: store.ReviewMark{Mark: store.Mark(c.New), Reviewer: c.Reviewer, At: c.At}}, nil
	case store.FieldQuoteNote:
		return shown{ok: c.New != "", note: store.QuoteNote{Note: c.New, Reviewer: c.Reviewer, At: c.At}}, nil
	}
	cor, err := c.Correction(c.New)
	if err != nil || cor == nil {
		return shown{}, err
	}
	return shown{ok: true, cor: *cor}, nil
}

// get returns what field k.field of quote k.ref shows.
func (r *reviewModel) get(k seqKey) shown {
	switch k.field {
	case store.FieldQuote:
		m, ok := r.marks[k.ref]
		return shown{ok: ok, mark: m}
	case store.FieldQuoteNote:
		n, ok := r.notes[k.ref]
		return shown{ok: ok, note: n}
	}
	c, ok := r.corrections[k.ref]
	return shown{ok: ok, cor: c}
}

// put shows v as field k.field of quote k.ref, noting in t what changed.
func (r *reviewModel) put(k seqKey, v shown, t *touched) {
	switch k.field {
	case store.FieldQuote:
		if !v.ok {
			v.mark = store.ReviewMark{}
		}
		r.setMark(k.ref, v.mark)
		t.marks = true
	case store.FieldQuoteNote:
		if v.ok {
			r.notes[k.ref] = v.note
		} else {
			delete(r.notes, k.ref)
		}
		t.marks = true
	case store.FieldSpeaker:
		if v.ok {
			r.corrections[k.ref] = v.cor
		} else {
			delete(r.corrections, k.ref)
		}
		t.ids = append(t.ids, k.ref.ArticleID)
	}
}

// setMark shows mark m on quote ref (MarkNone: none) and logs the change.
func (r *reviewModel) setMark(ref store.QuoteRef, m store.ReviewMark) {
	r.version++
	r.log = append(r.log, markChange{ref: ref, was: r.marks[ref].Mark, now: m.Mark})
	if len(r.log) > maxMarkLog {
		drop := len(r.log) - maxMarkLog/2
		r.log, r.logFrom = append([]markChange(nil), r.log[drop:]...), r.logFrom+drop
	}
	if m.Mark == store.MarkNone {
		delete(r.marks, ref)
	} else {
		r.marks[ref] = m
	}
}

// reviewer is the name this session's review changes record.
func (r *reviewModel) reviewer() string {
	if r.user == nil {
		return ""
	}
	return r.user.Reviewer()
}

// Initials shortens a reviewer's name for a mark: the first letters of
// the words of its local part ("ana.ruiz@desk" → "AR", "Bo Lind" → "BL"),
// at most three; a key fingerprint gives its first two characters.
func Initials(name string) string {
	if rest, ok := strings.CutPrefix(name, "SHA256:"); ok {
		r := []rune(rest)
		return string(r[:min(2, len(r))])
	}
	local, _, _ := strings.Cut(name, "@")
	var b []rune
	for _, w := range strings.FieldsFunc(local, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }) {
		b = append(b, unicode.ToUpper([]rune(w)[0]))
		if len(b) == 3 {
			break
		}
	}
	if len(b) == 1 && len([]rune(local)) > 1 { // one word: its first two letters
		w := []rune(strings.FieldsFunc(local, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) })[0])
		if len(w) > 1 {
			b = append(b, unicode.ToLower(w[1]))
		}
	}
	return string(b)
}

// keys returns the keys of a set.
func keys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	return out
}
