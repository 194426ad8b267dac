-- article heads as columns, bodies apart
--
-- Heads shared WITHOUT ROWID rows with large bodies, and listing decoded a
-- JSON head per article; now the listing fields are columns of a rowid
-- table and the whole article is one JSON document in a table of its own.
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
