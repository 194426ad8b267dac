package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/brief-reader/brief/model/store"
)

// stateColumns selects an ArticleState row of article_state s.
const stateColumns = `s.article_id, s.read, s.starred, s.archived, s.tags, s.note, s.first_seen, s.last_opened`

// scanState scans one row selected with stateColumns.
func scanState(row pgx.Row) (store.ArticleState, error) {
	var (
		st          store.ArticleState
		seen, opend *time.Time
	)
	err := row.Scan(&st.ID, &st.Read, &st.Starred, &st.Archived, &st.Tags, &st.Note, &seen, &opend)
	if len(st.Tags) == 0 {
		st.Tags = nil
	}
	st.FirstSeen, st.LastOpened = unstamp(seen), unstamp(opend)
	return st, err
}

// State implements [store.StateReader].
func (db *DB) State(ctx context.Context, user, id string) (store.ArticleState, error) {
	st, err := scanState(db.pool.QueryRow(ctx, `SELECT `+stateColumns+`
		FROM article_state s WHERE s.user_name = $1 AND s.article_id = $2`, user, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return store.ArticleState{ID: id}, nil
	}
	return st, err
}

// States implements [store.StateReader].
func (db *DB) States(ctx context.Context, user string) (map[string]store.ArticleState, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+stateColumns+` FROM article_state s WHERE s.user_name = $1`, user)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[string]store.ArticleState)
	for rows.Next() {
		st, err := scanState(rows)
		if err != nil {
			return nil, err
		}
		out[st.ID] = st
	}
	return out, rows.Err()
}

// Tags implements [store.StateReader].
func (db *DB) Tags(ctx context.Context, user string) ([]store.TagCount, error) {
	rows, err := db.pool.Query(ctx, `SELECT tag, count(*) FROM article_state, unnest(tags) AS tag
		WHERE user_name = $1 GROUP BY tag`, user)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.TagCount, error) {
		var tc store.TagCount
		err := r.Scan(&tc.Tag, &tc.Count)
		return tc, err
	})
}

// History implements [store.StateReader].
func (db *DB) History(ctx context.Context, user string, limit int) ([]store.Action, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, kind, arg, count, at FROM action
		WHERE user_name = $1 ORDER BY id DESC LIMIT $2`, user, limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Action, error) {
		var (
			a  store.Action
			at *time.Time
		)
		err := r.Scan(&a.ID, &a.Kind, &a.Arg, &a.Count, &at)
		a.At = unstamp(at)
		return a, err
	})
}
