-- stored briefs, content hashes and feed state
--
-- Each article's brief is kept beside it, with the content hash of the
-- article and the analyser version it was made from; the cached
-- article's own content hash tells when its brief is stale ('' for
-- articles cached before this step). Bodies stay jsonb: PostgreSQL
-- compresses large values itself (TOAST). feed_state keeps each URL
-- source's validators, freshness and failures across runs.
ALTER TABLE article ADD COLUMN hash text NOT NULL DEFAULT '';
CREATE TABLE brief (
	id      text    PRIMARY KEY, -- article ID
	hash    text    NOT NULL,    -- content hash of the article analysed
	version integer NOT NULL,    -- analyser version
	quotes  integer NOT NULL,
	phases  integer NOT NULL,
	data    bytea   NOT NULL     -- the model.Brief, JSON compressed with zstd
);
CREATE TABLE feed_state (
	url           text        PRIMARY KEY,
	etag          text        NOT NULL,
	last_modified text        NOT NULL,
	fetched       timestamptz,
	fresh_until   timestamptz,
	retry_at      timestamptz,
	failures      integer     NOT NULL,
	last_error    text        NOT NULL
);
