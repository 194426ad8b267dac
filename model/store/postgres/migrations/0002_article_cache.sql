-- article cache
CREATE TABLE article (
	id        text        PRIMARY KEY,
	title     text        NOT NULL,
	source    text        NOT NULL,
	url       text        NOT NULL,
	origin    text        NOT NULL,
	byline    text        NOT NULL,
	credit    text        NOT NULL,
	dateline  text        NOT NULL,
	format    text        NOT NULL,
	published timestamptz,          -- NULL = unknown
	tags      text[]      NOT NULL,
	cached_at timestamptz NOT NULL, -- last PutArticles
	body      jsonb       NOT NULL  -- the whole model.Article
);
CREATE INDEX article_by_published ON article (published DESC NULLS LAST, id COLLATE "C");
