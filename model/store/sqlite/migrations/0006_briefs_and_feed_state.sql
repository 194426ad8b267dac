-- stored briefs, content hashes and feed state
--
-- Each article's brief is kept beside it, with the content hash of the
-- article and the analyser version it was made from, so a start shows
-- counts and quotes without analysing again. The cached article's own
-- content hash tells when its brief is stale; '' for articles cached
-- before this step (their briefs are made again once). Bodies written
-- from now on are compressed (zstd) in article_body.article; older rows
-- stay plain JSON and still read. feed_state keeps each URL source's
-- validators, freshness and failures across runs.
ALTER TABLE article_head ADD COLUMN hash TEXT NOT NULL DEFAULT '';
CREATE TABLE brief (
	id      TEXT    PRIMARY KEY, -- article ID
	hash    TEXT    NOT NULL,    -- content hash of the article analysed
	version INTEGER NOT NULL,    -- analyser version
	quotes  INTEGER NOT NULL,
	phases  INTEGER NOT NULL,
	data    BLOB    NOT NULL     -- the model.Brief, JSON compressed with zstd
);
CREATE TABLE feed_state (
	url           TEXT    PRIMARY KEY,
	etag          TEXT    NOT NULL,
	last_modified TEXT    NOT NULL,
	fetched       INTEGER NOT NULL, -- Unix milliseconds, 0 = never
	fresh_until   INTEGER NOT NULL,
	retry_at      INTEGER NOT NULL,
	failures      INTEGER NOT NULL,
	last_error    TEXT    NOT NULL
) WITHOUT ROWID;
