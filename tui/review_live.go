package tui

import (
	"context"
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
		return tea.Batch(r.read(), r.listen()), nil
	}
	return r.listen(), r.apply(msg.up.Changes)
}

// apply takes the changes of the review this session shows that other
// sessions made, skipping any older than one applied, and returns what
// to tell the screens.
func (r *reviewModel) apply(changes []store.ReviewChange) []tea.Msg {
	var t touched
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
		v, err := shownOf(c)
		if err != nil {
			continue
		}
		r.seq[k] = c.Seq
		r.put(k, v, &t)
	}
	return r.tell(t.ids, t.marks)
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
