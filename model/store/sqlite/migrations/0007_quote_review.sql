-- quote review: marks with their reviewers, quote notes, speaker corrections, the audit log
--
-- Marks, notes and corrections belong to a review scope: the user's name
-- (per-user review) or '' (the library's, in a shared review). Changes of
-- quotes in the undo log record their scope. The audit log is append-only.
CREATE TABLE review_mark (
	scope      TEXT    NOT NULL,
	article_id TEXT    NOT NULL,
	quote_key  TEXT    NOT NULL,
	mark       TEXT    NOT NULL CHECK (mark IN ('checked', 'flagged', 'starred')),
	reviewer   TEXT    NOT NULL,
	marked_at  INTEGER NOT NULL, -- Unix milliseconds
	PRIMARY KEY (scope, article_id, quote_key)
) WITHOUT ROWID;
INSERT INTO review_mark (scope, article_id, quote_key, mark, reviewer, marked_at)
	SELECT user, article_id, quote_key, mark, user, marked_at FROM quote_mark;
DROP TABLE quote_mark;

CREATE TABLE quote_note (
	scope      TEXT    NOT NULL,
	article_id TEXT    NOT NULL,
	quote_key  TEXT    NOT NULL,
	note       TEXT    NOT NULL,
	reviewer   TEXT    NOT NULL,
	noted_at   INTEGER NOT NULL, -- Unix milliseconds
	PRIMARY KEY (scope, article_id, quote_key)
) WITHOUT ROWID;

CREATE TABLE speaker_correction (
	scope        TEXT    NOT NULL,
	article_id   TEXT    NOT NULL,
	quote_key    TEXT    NOT NULL,
	paragraph    INTEGER NOT NULL, -- the quote's, when corrected
	quote_text   TEXT    NOT NULL, -- the quote's, when corrected
	speaker      TEXT    NOT NULL, -- '' = nobody
	role         TEXT    NOT NULL,
	reviewer     TEXT    NOT NULL,
	corrected_at INTEGER NOT NULL, -- Unix milliseconds
	PRIMARY KEY (scope, article_id, quote_key)
) WITHOUT ROWID;

ALTER TABLE action_change ADD COLUMN scope TEXT NOT NULL DEFAULT '';
UPDATE action_change SET scope = (SELECT user FROM action WHERE action.id = action_change.action_id)
	WHERE field = 'quote';

CREATE TABLE review_audit (
	seq           INTEGER PRIMARY KEY AUTOINCREMENT,
	at            INTEGER NOT NULL, -- Unix milliseconds
	user          TEXT    NOT NULL,
	reviewer      TEXT    NOT NULL,
	origin        TEXT    NOT NULL, -- the Store (process) that made the change
	scope         TEXT    NOT NULL,
	article_id    TEXT    NOT NULL,
	article_title TEXT    NOT NULL,
	quote_key     TEXT    NOT NULL,
	quote_text    TEXT    NOT NULL,
	field         TEXT    NOT NULL, -- quote (a mark), quote-note, speaker
	old           TEXT    NOT NULL,
	new           TEXT    NOT NULL,
	undo          INTEGER NOT NULL CHECK (undo IN (0, 1))
);
CREATE INDEX review_audit_by_time ON review_audit (at);
CREATE TRIGGER review_audit_no_update BEFORE UPDATE ON review_audit
	BEGIN SELECT RAISE(ABORT, 'the review audit log is append-only'); END;
CREATE TRIGGER review_audit_no_delete BEFORE DELETE ON review_audit
	BEGIN SELECT RAISE(ABORT, 'the review audit log is append-only'); END;
