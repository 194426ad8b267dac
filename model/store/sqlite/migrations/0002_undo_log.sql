-- undo log
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
