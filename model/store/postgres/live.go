package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/brief-reader/brief/model/store"
)

// Live updates across processes: every review change is announced with
// pg_notify inside its transaction, so PostgreSQL delivers it to the
// listeners when (and only if) the transaction commits, in commit order.
// Each Store listens on one dedicated connection.

var _ store.Listener = (*DB)(nil)

// maxPayload is the most a notification carries but for its Seq;
// PostgreSQL's limit is 8000 bytes.
const maxPayload = 7900

// notice is a notification's payload: the change with its Seq and the
// Store that made it, or Resync alone when the change was too large to
// carry.
type notice struct {
	Seq    int64              `json:"s,omitempty"`
	Origin string             `json:"o"`
	Change store.ReviewChange `json:"c"`
	Resync bool               `json:"r,omitempty"`
}

// channelFor names the notification channel of a schema: one per schema,
// so that two brief databases in one PostgreSQL database stay apart.
func channelFor(schema string) string {
	name := "brief_review." + schema
	if len(name) > 63 { // identifiers are at most 63 bytes
		sum := sha256.Sum256([]byte(schema))
		name = "brief_review." + hex.EncodeToString(sum[:12])
	}
	return name
}

// noticeTail returns the notification of c but for its opening brace and
// its Seq, which AppendAudit puts in front once the line has one: the
// change, or Resync alone when the change is too large to carry.
func noticeTail(c store.ReviewChange) (string, error) {
	b, err := json.Marshal(notice{Origin: c.Origin, Change: c})
	if err == nil && len(b) > maxPayload {
		c.ArticleTitle, c.QuoteText = "", ""
		b, err = json.Marshal(notice{Origin: c.Origin, Change: c})
	}
	if err == nil && len(b) > maxPayload {
		b, err = json.Marshal(notice{Origin: c.Origin, Resync: true})
	}
	if err != nil {
		return "", err
	}
	return string(b[1:]), nil
}

// Listen implements [store.Listener] on a connection of its own, opened
// again (after a pause) when it breaks; changes may have been missed
// then, so heard is told to resync.
func (db *DB) Listen(ctx context.Context, origin string, ready func(), heard func([]store.ReviewChange, bool)) {
	wait := 100 * time.Millisecond
	for connected := false; ctx.Err() == nil; {
		if err := db.listen(ctx, origin, ready, heard, connected); err == nil {
			wait = 100 * time.Millisecond
		}
		ready() // the first try failed: do not hold up the Store
		connected = true
		select {
		case <-ctx.Done():
		case <-time.After(wait):
			wait = min(2*wait, 5*time.Second)
		}
	}
}

// listen runs one listening connection until it fails or ctx is done;
// resync says changes may have been missed before it started.
func (db *DB) listen(ctx context.Context, origin string, ready func(), heard func([]store.ReviewChange, bool), resync bool) error {
	conn, err := pgx.ConnectConfig(ctx, db.pool.Config().ConnConfig.Copy())
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{db.channel}.Sanitize()); err != nil {
		return err
	}
	ready()
	if resync {
		heard(nil, true)
	}
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		var nt notice
		if err := json.Unmarshal([]byte(n.Payload), &nt); err != nil {
			heard(nil, true)
			continue
		}
		if nt.Origin == origin {
			continue // the Store published its own already
		}
		if nt.Resync {
			heard(nil, true)
			continue
		}
		if nt.Seq != 0 {
			nt.Change.Seq = nt.Seq
		}
		nt.Change.At = nt.Change.At.Local()
		heard([]store.ReviewChange{nt.Change}, false)
	}
}
