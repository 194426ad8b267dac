package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// migration is one forward step of the schema. The database's PRAGMA
// user_version is the number of migrations applied; migrations are never
// edited once released, only appended.
type migration struct {
	// name says what the step does, for error messages.
	name string
	// sql is the statements of the step, run in one transaction.
	sql string
}

// migrations is the schema history, oldest first: user_version N means the
// first N have run.
var migrations = []migration{
	{
		name: "article state, tags and quote marks",
		sql: `
CREATE TABLE article_state (
	user        TEXT    NOT NULL,
	article_id  TEXT    NOT NULL,
	read        INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
	starred     INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
	archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
	note        TEXT    NOT NULL DEFAULT '',
	first_seen  INTEGER NOT NULL DEFAULT 0, -- Unix milliseconds
	last_opened INTEGER NOT NULL DEFAULT 0, -- Unix milliseconds, 0 = never
	tags        TEXT    NOT NULL DEFAULT '', -- copy of this row's tag rows, sorted, joined by U+001F
	PRIMARY KEY (user, article_id)
) WITHOUT ROWID;

CREATE TABLE tag (
	user       TEXT NOT NULL,
	article_id TEXT NOT NULL,
	tag        TEXT NOT NULL,
	PRIMARY KEY (user, article_id, tag),
	FOREIGN KEY (user, article_id) REFERENCES article_state (user, article_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX tag_by_name ON tag (user, tag);

CREATE TABLE quote_mark (
	user       TEXT    NOT NULL,
	article_id TEXT    NOT NULL,
	quote_key  TEXT    NOT NULL,
	mark       TEXT    NOT NULL CHECK (mark IN ('checked', 'flagged', 'starred')),
	marked_at  INTEGER NOT NULL, -- Unix milliseconds
	PRIMARY KEY (user, article_id, quote_key),
	FOREIGN KEY (user, article_id) REFERENCES article_state (user, article_id) ON DELETE CASCADE
) WITHOUT ROWID;
`,
	},
	{
		name: "undo log",
		sql: `
CREATE TABLE action (
	id    INTEGER PRIMARY KEY AUTOINCREMENT,
	user  TEXT    NOT NULL,
	kind  TEXT    NOT NULL,
	arg   TEXT    NOT NULL DEFAULT '', -- tag name, quote mark, ...
	count INTEGER NOT NULL,            -- articles changed
	at    INTEGER NOT NULL             -- Unix milliseconds
);
CREATE INDEX action_by_user ON action (user, id);

CREATE TABLE action_change (
	action_id  INTEGER NOT NULL REFERENCES action (id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	article_id TEXT    NOT NULL,
	field      TEXT    NOT NULL, -- read, starred, archived, note, tag, quote
	key        TEXT    NOT NULL DEFAULT '', -- tag name or quote key
	old        TEXT    NOT NULL,
	new        TEXT    NOT NULL,
	PRIMARY KEY (action_id, seq)
) WITHOUT ROWID;
`,
	},
	{
		name: "article cache",
		sql: `
CREATE TABLE article (
	id        TEXT    PRIMARY KEY,
	title     TEXT    NOT NULL,
	source    TEXT    NOT NULL,
	url       TEXT    NOT NULL,
	origin    TEXT    NOT NULL,
	format    TEXT    NOT NULL,
	published INTEGER NOT NULL, -- Unix milliseconds, 0 = unknown
	cached_at INTEGER NOT NULL, -- Unix milliseconds, last PutArticles
	head      TEXT    NOT NULL, -- JSON of the article without its body
	body      TEXT    NOT NULL  -- JSON of Paragraphs and Markdown
) WITHOUT ROWID;
CREATE INDEX article_by_published ON article (published DESC);
`,
	},
	{
		// Heads shared WITHOUT ROWID rows with large bodies, and listing
		// decoded a JSON head per article; now the listing fields are
		// columns of a rowid table and the whole article is one JSON
		// document in a table of its own.
		name: "article heads as columns, bodies apart",
		sql: `
CREATE TABLE article_head (
	rowid     INTEGER PRIMARY KEY,
	id        TEXT    NOT NULL UNIQUE,
	title     TEXT    NOT NULL,
	source    TEXT    NOT NULL,
	url       TEXT    NOT NULL,
	origin    TEXT    NOT NULL,
	byline    TEXT    NOT NULL,
	credit    TEXT    NOT NULL,
	dateline  TEXT    NOT NULL,
	format    TEXT    NOT NULL,
	published INTEGER NOT NULL, -- Unix milliseconds, 0 = unknown
	tags      TEXT    NOT NULL, -- joined by U+001F
	cached_at INTEGER NOT NULL  -- Unix milliseconds, last PutArticles
);
CREATE INDEX article_head_by_published ON article_head (published DESC);
CREATE TABLE article_body (
	id      TEXT PRIMARY KEY REFERENCES article_head (id) ON DELETE CASCADE,
	article TEXT NOT NULL -- JSON of the whole model.Article
);
INSERT INTO article_head (id, title, source, url, origin, byline, credit, dateline, format, published, tags, cached_at)
	SELECT id, title, source, url, origin,
		coalesce(head ->> '$.Byline', ''), coalesce(head ->> '$.Credit', ''), coalesce(head ->> '$.Dateline', ''),
		format, published,
		coalesce((SELECT group_concat(value, char(31)) FROM json_each(head, '$.Tags')), ''),
		cached_at
	FROM article;
INSERT INTO article_body (id, article)
	SELECT id, json_set(head, '$.Paragraphs', json(body -> '$.paragraphs'), '$.Markdown', body ->> '$.markdown')
	FROM article;
DROP TABLE article;
`,
	},
}

// SchemaVersion is the schema version this build writes: the number of
// forward migrations it knows.
func SchemaVersion() int { return len(migrations) }

// ErrNewerSchema is returned by [Open] for a database written by a newer
// brief, whose schema this build does not know.
var ErrNewerSchema = errors.New("store: database schema is newer than this brief")

// migrate brings the schema forward through list, one IMMEDIATE transaction
// per step. The version is read again inside each transaction, so two
// processes opening an old database at once apply every step exactly once.
func (s *Store) migrate(ctx context.Context, list []migration) error {
	for {
		done := false
		err := s.write(ctx, func(tx *sql.Tx) error {
			v, err := userVersion(ctx, tx)
			if err != nil {
				return err
			}
			switch {
			case v > len(list):
				return fmt.Errorf("%w (version %d, this build knows %d)", ErrNewerSchema, v, len(list))
			case v == len(list):
				done = true
				return nil
			}
			m := list[v]
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %d (%s): %w", v+1, m.name, err)
			}
			// PRAGMA takes no bound parameters; v+1 is an int we computed.
			if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
				return fmt.Errorf("migration %d (%s): %w", v+1, m.name, err)
			}
			return nil
		})
		if err != nil || done {
			return err
		}
	}
}

// userVersion reads PRAGMA user_version.
func userVersion(ctx context.Context, q querier) (int, error) {
	var v int
	err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// Version returns the schema version of the open database.
func (s *Store) Version(ctx context.Context) (int, error) {
	return userVersion(ctx, s.r)
}

// querier is what *sql.DB and *sql.Tx have in common for reading.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
