-- article state, tags and quote marks
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
