-- triage state, tags, quote marks and the undo log
CREATE TABLE article_state (
	user_name   text        NOT NULL,
	article_id  text        NOT NULL,
	read        boolean     NOT NULL DEFAULT false,
	starred     boolean     NOT NULL DEFAULT false,
	archived    boolean     NOT NULL DEFAULT false,
	note        text        NOT NULL DEFAULT '',
	first_seen  timestamptz,          -- NULL = never
	last_opened timestamptz,          -- NULL = never
	tags        text[]      NOT NULL DEFAULT '{}', -- sorted bytewise, no duplicates
	PRIMARY KEY (user_name, article_id)
);

CREATE TABLE quote_mark (
	user_name  text        NOT NULL,
	article_id text        NOT NULL,
	quote_key  text        NOT NULL,
	mark       text        NOT NULL CHECK (mark IN ('checked', 'flagged', 'starred')),
	marked_at  timestamptz NOT NULL,
	PRIMARY KEY (user_name, article_id, quote_key),
	FOREIGN KEY (user_name, article_id) REFERENCES article_state (user_name, article_id) ON DELETE CASCADE
);

CREATE TABLE action (
	id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	user_name text        NOT NULL,
	kind      text        NOT NULL,
	arg       text        NOT NULL DEFAULT '', -- tag name, quote mark, ...
	count     integer     NOT NULL,            -- articles changed
	at        timestamptz NOT NULL
);
CREATE INDEX action_by_user ON action (user_name, id);

CREATE TABLE action_change (
	action_id  bigint  NOT NULL REFERENCES action (id) ON DELETE CASCADE,
	seq        integer NOT NULL,
	article_id text    NOT NULL,
	field      text    NOT NULL, -- read, starred, archived, note, tag, quote
	key        text    NOT NULL DEFAULT '', -- tag name or quote key
	old        text    NOT NULL,
	new        text    NOT NULL,
	PRIMARY KEY (action_id, seq)
);
