package tui

import (
	"context"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model/store"
)

// Live is where a program hears the review changes other sessions make
// (a store.Subscription): Next waits for the next batch.
type Live interface {
	Next(ctx context.Context) (store.Update, error)
}

// liveMsg carries changes other sessions made.
type liveMsg struct {
	up  store.Update
	err error
}

// liveGap is the shortest time between two batches of live changes a
// session takes: a session draws the library's changes at most this
// often, however many reviewers mark at once.
const liveGap = 20 * time.Millisecond

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
		// Changes were missed, settlements perhaps among them: what
		// others were writing shows as it was before, and the read
		// says what is.
		var t touched
		for k, w := range r.writing {
			r.put(k, w.under, &t)
			delete(r.writing, k)
		}
		return tea.Batch(r.read(), r.listen()), r.tell(t.ids, t.marks)
	}
	return r.listen(), r.apply(msg.up.Changes)
}

// writing is what other sessions of this process are writing to one
// field of one quote: their Pending changes, oldest first, the newest
// shown, and the committed value under them, shown again once the last
// has settled.
type writing struct {
	under shown
	by    []store.ReviewChange
}

// apply takes the changes of the review this session shows that other
// sessions made: committed ones, skipping any older than one applied,
// and, from this process, those being written (shown until they settle).
// It returns what to tell the screens.
func (r *reviewModel) apply(changes []store.ReviewChange) []tea.Msg {
	var t touched
	for _, c := range changes {
		if c.Scope != r.user.Scope() || c.Session == r.user.Session() {
			continue // another review, or this session's own (shown already)
		}
		k := seqKey{c.Ref(), c.Field}
		if c.Settled {
			r.settle(k, c.Intent, &t)
			continue
		}
		if r.pending[c.Ref()] > 0 {
			r.clashed[c.Ref()] = true
			continue
		}
		v, err := shownOf(c)
		if err != nil {
			continue
		}
		if c.Pending {
			w := r.writing[k]
			if w == nil {
				w = &writing{under: r.get(k)}
				r.writing[k] = w
			}
			w.by = append(w.by, c)
			r.put(k, v, &t)
			continue
		}
		if c.Seq <= r.seq[k] {
			continue
		}
		r.seq[k] = c.Seq
		if w := r.writing[k]; w != nil {
			w.under = v // shown once what is being written settles
			continue
		}
		r.put(k, v, &t)
	}
	return r.tell(t.ids, t.marks)
}

// settle ends the write intent of another session to field k: the
// newest write still under way shows, or the committed value.
func (r *reviewModel) settle(k seqKey, intent int64, t *touched) {
	w := r.writing[k]
	if w == nil {
		return
	}
	i := slices.IndexFunc(w.by, func(c store.ReviewChange) bool { return c.Intent == intent })
	if i < 0 {
		return
	}
	w.by = slices.Delete(w.by, i, i+1)
	if len(w.by) == 0 {
		delete(r.writing, k)
		r.put(k, w.under, t)
		return
	}
	if v, err := shownOf(w.by[len(w.by)-1]); err == nil {
		r.put(k, v, t)
	}
}

// own readies field k for a change of this session's: what another
// session is writing to it stops showing, and once this session's
// writes are done the quote's review is read again, since which write
// came last is the store's to say.
func (r *reviewModel) own(k seqKey) {
	if _, ok := r.writing[k]; ok {
		delete(r.writing, k)
		r.clashed[k.ref] = true
	}
}

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
