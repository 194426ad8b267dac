-- quote review: marks with their reviewers, quote notes, speaker corrections, the audit log
--
-- Marks, notes and corrections belong to a review scope: the user's name
-- (per-user review) or '' (the library's, in a shared review). Changes of
-- quotes in the undo log record their scope. The audit log is append-only.
CREATE TABLE review_mark (
	scope      text        NOT NULL,
	article_id text        NOT NULL,
	quote_key  text        NOT NULL,
	mark       text        NOT NULL CHECK (mark IN ('checked', 'flagged', 'starred')),
	reviewer   text        NOT NULL,
	marked_at  timestamptz NOT NULL,
	PRIMARY KEY (scope, article_id, quote_key)
);
INSERT INTO review_mark (scope, article_id, quote_key, mark, reviewer, marked_at)
	SELECT user_name, article_id, quote_key, mark, user_name, marked_at FROM quote_mark;
DROP TABLE quote_mark;

CREATE TABLE quote_note (
	scope      text        NOT NULL,
	article_id text        NOT NULL,
	quote_key  text        NOT NULL,
	note       text        NOT NULL,
	reviewer   text        NOT NULL,
	noted_at   timestamptz NOT NULL,
	PRIMARY KEY (scope, article_id, quote_key)
);

CREATE TABLE speaker_correction (
	scope        text        NOT NULL,
	article_id   text        NOT NULL,
	quote_key    text        NOT NULL,
	paragraph    integer     NOT NULL, -- the quote's, when corrected
	quote_text   text        NOT NULL, -- the quote's, when corrected
	speaker      text        NOT NULL, -- '' = nobody
	role         text        NOT NULL,
	reviewer     text        NOT NULL,
	corrected_at timestamptz NOT NULL,
	PRIMARY KEY (scope, article_id, quote_key)
);

ALTER TABLE action_change ADD COLUMN scope text NOT NULL DEFAULT '';
UPDATE action_change SET scope = action.user_name FROM action
	WHERE action.id = action_change.action_id AND action_change.field = 'quote';

CREATE TABLE review_audit (
	seq           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at            timestamptz NOT NULL,
	user_name     text        NOT NULL,
	reviewer      text        NOT NULL,
	origin        text        NOT NULL, -- the Store (process) that made the change
	scope         text        NOT NULL,
	article_id    text        NOT NULL,
	article_title text        NOT NULL,
	quote_key     text        NOT NULL,
	quote_text    text        NOT NULL,
	field         text        NOT NULL, -- quote (a mark), quote-note, speaker
	old           text        NOT NULL,
	new           text        NOT NULL,
	undo          boolean     NOT NULL
);
CREATE INDEX review_audit_by_time ON review_audit (at);
CREATE FUNCTION review_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'the review audit log is append-only';
END $$;
CREATE TRIGGER review_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON review_audit
	FOR EACH STATEMENT EXECUTE FUNCTION review_audit_append_only();
