package sqlite

import (
	"context"
	"time"

	"github.com/brief-reader/brief/model/store"
)

// PollEvery is how often a DB looks for review changes other processes
// committed to the file (see DB.Listen).
const PollEvery = 200 * time.Millisecond

var _ store.Listener = (*DB)(nil)

// Listen implements [store.Listener] by reading the audit log past the
// last change seen, every PollEvery: SQLite has no notifications, and one
// indexed read of an unchanged log costs a few microseconds. Changes
// commit in Seq order (one writer at a time), so none is skipped.
func (db *DB) Listen(ctx context.Context, origin string, ready func(), heard func([]store.ReviewChange, bool)) {
	var last int64
	for {
		err := db.r.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM review_audit`).Scan(&last)
		ready()
		if err == nil {
			break
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(PollEvery):
		}
	}
	tick := time.NewTicker(PollEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		var changes []store.ReviewChange
		err := db.Audit(ctx, time.Time{}, last, func(c store.ReviewChange) error {
			last = c.Seq
			if c.Origin != origin {
				changes = append(changes, c)
			}
			return nil
		})
		if err != nil && ctx.Err() == nil {
			heard(nil, true) // a failed read may have missed some
			continue
		}
		if len(changes) > 0 {
			heard(changes, false)
		}
	}
}
