package tui

import (
	"context"
	"strings"
	"time"
	"unicode"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model/store"
)

// Live is where a program hears the review changes other sessions make
// (a store.Subscription): Next waits for the next batch.
type Live interface {
	Next(ctx context.Context) (store.Update, error)
}

// reviewModel is the quote review the screens share: the marks with who
// made them, and the speaker corrections, read from the store, changed
// at once in memory by this session's keys (saved in a command, put back
// when saving fails), and kept up to date with the other sessions'
// changes as they arrive (Live). It owns the c prompt (review_prompt.go).
type reviewModel struct {
	ctx  context.Context
	user *store.User // nil without a store: marks last the session
	live Live
	coll *collection
	// queue writes to the store behind the session's other actions
	// (triageModel.Queue), in key order.
	queue func(what string, do func(context.Context, *store.User) (store.Action, error), after func(error) tea.Msg) tea.Cmd

	marks       map[store.QuoteRef]store.ReviewMark
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

	prompt correctPrompt

	// heard is when the last live changes were taken: the next are
	// waited for from liveGap after it, so that changes arriving faster
	// than that are taken (and drawn) together.
	heard time.Time
}

// liveGap is the shortest time between two batches of live changes a
// session takes: a session draws the library's changes at most this
// often, however many reviewers mark at once.
const liveGap = 20 * time.Millisecond

// markChange is one change of a quote's mark.
type markChange struct {
	ref      store.QuoteRef
	was, now store.Mark
}

// maxMarkLog bounds the marks' change log; what counts from an older
// version counts again from scratch.
const maxMarkLog = 1024

// MarksSince returns the changes to the marks after version v, oldest
// first; ok is false when the log no longer holds them all (the marks
// were read again, or too many changed).
func (r *reviewModel) MarksSince(v int) (changes []markChange, ok bool) {
	if v < r.logFrom || v > r.version {
		return nil, false
	}
	return r.log[v-r.logFrom:], true
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
	// liveMsg carries changes other sessions made.
	liveMsg struct {
		up  store.Update
		err error
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
	// marksChangedMsg tells the screens that quote marks changed.
	marksChangedMsg struct{}
	// correctionsChangedMsg tells the screens that the briefs of the
	// articles ids changed: their speaker corrections did.
	correctionsChangedMsg struct{ ids []string }
)

func newReview(ctx context.Context, user *store.User, live Live, coll *collection) *reviewModel {
	return &reviewModel{
		ctx: ctx, user: user, live: live, coll: coll,
		marks: map[store.QuoteRef]store.ReviewMark{}, corrections: map[store.QuoteRef]store.Correction{},
		seq: map[seqKey]int64{}, pending: map[store.QuoteRef]int{}, clashed: map[store.QuoteRef]bool{},
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

// listen waits for the next changes of other sessions, from liveGap
// after the last were taken.
func (r *reviewModel) listen() tea.Cmd {
	if r.live == nil {
		return nil
	}
	ctx, live, from := r.ctx, r.live, r.heard.Add(liveGap)
	return func() tea.Msg {
		if d := time.Until(from); d > 0 {
			t := time.NewTimer(d)
			select {
			case <-ctx.Done():
				t.Stop()
				return liveMsg{err: ctx.Err()}
			case <-t.C:
			}
		}
		up, err := live.Next(ctx)
		return liveMsg{up: up, err: err}
	}
}

// Live takes changes other sessions made: it returns the command that
// waits for the next ones and what to tell the screens now (in the same
// Update, so that a change costs a session one frame, not two).
func (r *reviewModel) Live(msg liveMsg) (tea.Cmd, []tea.Msg) {
	if msg.err != nil {
		return nil, nil // the program is ending, or the subscription closed
	}
	r.heard = time.Now()
	if msg.up.Resync {
		return tea.Batch(r.read(), r.listen()), nil
	}
	return r.listen(), r.apply(msg.up.Changes)
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

// Empty reports whether no quote is marked.
func (r *reviewModel) Empty() bool { return len(r.marks) == 0 }

// Update handles reads, saves and live changes; ok is false for other
// messages.
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
		var ids []string
		marks := false
		for _, c := range msg.changes {
			ref := store.QuoteRef{ArticleID: c.ArticleID, Key: c.Key}
			switch c.Field {
			case store.FieldQuote:
				r.setMark(ref, store.ReviewMark{Mark: store.Mark(c.Old), Reviewer: r.user.Reviewer()})
				marks = true
			case store.FieldSpeaker:
				cor, err := (store.ReviewChange{Reviewer: r.user.Reviewer()}).Correction(c.Old)
				if err == nil {
					r.setCorrection(ref, cor)
					ids = append(ids, ref.ArticleID)
				}
			}
		}
		return r.changed(ids, marks), true
	}
	return nil, false
}

// take replaces the review with one read from the store; changes heard
// meanwhile keep their value.
func (r *reviewModel) take(rv store.Review) tea.Cmd {
	ids := map[string]bool{}
	for ref := range r.corrections {
		ids[ref.ArticleID] = true
	}
	marks := map[store.QuoteRef]store.ReviewMark{}
	for ref, m := range rv.Marks {
		marks[ref] = m
	}
	corrections := map[store.QuoteRef]store.Correction{}
	for ref, c := range rv.Corrections {
		corrections[ref] = c
		ids[ref.ArticleID] = true
	}
	for k := range r.seq { // heard after the read began: they win
		switch k.field {
		case store.FieldQuote:
			if m, ok := r.marks[k.ref]; ok {
				marks[k.ref] = m
			} else {
				delete(marks, k.ref)
			}
		case store.FieldSpeaker:
			if c, ok := r.corrections[k.ref]; ok {
				corrections[k.ref] = c
			} else {
				delete(corrections, k.ref)
			}
		}
	}
	r.marks, r.corrections = marks, corrections
	r.version++
	r.log, r.logFrom = nil, r.version
	return r.changed(keys(ids), true)
}

// apply takes changes other sessions (and this one) committed, those of
// the review this session shows, skipping any older than one applied,
// and returns what to tell the screens.
func (r *reviewModel) apply(changes []store.ReviewChange) []tea.Msg {
	var ids []string
	marks := false
	for _, c := range changes {
		if c.Scope != r.user.Scope() || c.Session == r.user.Session() {
			continue // another review, or this session's own (shown already)
		}
		if r.pending[c.Ref()] > 0 {
			r.clashed[c.Ref()] = true
			continue
		}
		k := seqKey{c.Ref(), c.Field}
		if c.Seq <= r.seq[k] {
			continue
		}
		r.seq[k] = c.Seq
		switch c.Field {
		case store.FieldQuote:
			r.setMark(c.Ref(), store.ReviewMark{Mark: store.Mark(c.New), Reviewer: c.Reviewer, At: c.At})
			marks = true
		case store.FieldSpeaker:
			cor, err := c.Correction(c.New)
			if err != nil {
				continue
			}
			r.setCorrection(c.Ref(), cor)
			ids = append(ids, c.ArticleID)
		}
	}
	return r.notes(ids, marks)
}

// notes updates the collection with the corrections of the articles ids
// and returns the messages that tell the screens what changed: those
// corrections, and the marks when marks is true.
func (r *reviewModel) notes(ids []string, marks bool) []tea.Msg {
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

// changed is notes delivered as commands.
func (r *reviewModel) changed(ids []string, marks bool) tea.Cmd {
	var cmds []tea.Cmd
	for _, n := range r.notes(ids, marks) {
		cmds = append(cmds, emit(n))
	}
	return tea.Batch(cmds...)
}

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

func (r *reviewModel) setCorrection(ref store.QuoteRef, c *store.Correction) {
	if c == nil {
		delete(r.corrections, ref)
	} else {
		r.corrections[ref] = *c
	}
}

// reviewer is the name this session's review changes record.
func (r *reviewModel) reviewer() string {
	if r.user == nil {
		return ""
	}
	return r.user.Reviewer()
}

// Toggle gives quote sq mark m, or clears m when the quote has it, and
// saves it when there is a store.
func (r *reviewModel) Toggle(sq store.Quote, m store.Mark) tea.Cmd {
	ref := sq.Ref()
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
func (r *reviewModel) correct(sq store.Quote, speaker, role string, analysed store.Quote) tea.Cmd {
	ref := sq.Ref()
	prev, had := r.corrections[ref]
	back := speaker == analysed.Speaker && (role == analysed.Role || speaker == "")
	text := "speaker set to " + speaker
	if speaker == "" {
		text = "quote set to no speaker"
	}
	if back {
		delete(r.corrections, ref)
		text = "speaker as the analysis found it"
		if !had {
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
			r.coll.SetCorrections(r.corrections, []string{ref.ArticleID})
		}}
	})
	return tea.Batch(changed, status(text, false), save)
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
