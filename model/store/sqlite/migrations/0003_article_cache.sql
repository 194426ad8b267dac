-- article cache
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
