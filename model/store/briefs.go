package store

import (
	"context"

	"github.com/brief-reader/brief/model"
)

// StoredBrief is an article's brief as the store keeps it: made by
// analyser Version from the article whose content hash
// ([model.ContentHash]) is Hash. A brief is stale when either differs
// from the article's and the analyser's now.
type StoredBrief struct {
	ArticleID string
	Hash      string
	Version   int
	Brief     model.Brief
}

// BriefInfo is what a listing needs of a stored brief, read without
// decoding it: the counts it shows, and what tells a stale brief.
type BriefInfo struct {
	// Hash and Version are those the brief was made from.
	Hash    string
	Version int
	// Quotes and Phases count the brief's quotes and phases.
	Quotes, Phases int
	// ArticleHash is the content hash of the cached article the brief
	// belongs to; "" when the cache does not hold the article (a local
	// file's brief), whose hash only the loaded article tells.
	ArticleHash string
}

// Fresh reports whether the brief can stand for the cached article's
// analysis by analyser version.
func (i BriefInfo) Fresh(version int) bool {
	return i.Version == version && i.ArticleHash != "" && i.Hash == i.ArticleHash
}

// BriefStore is the backend's side of stored briefs and feed state.
type BriefStore interface {
	// PutBriefs adds briefs, replacing those of the same articles, in one
	// transaction.
	PutBriefs(ctx context.Context, briefs []StoredBrief) error
	// BriefInfos returns the info of every stored brief, by article ID.
	BriefInfos(ctx context.Context) (map[string]BriefInfo, error)
	// Briefs returns the stored briefs of the articles ids (every stored
	// brief when ids is nil), by article ID; a missing one is left out.
	Briefs(ctx context.Context, ids []string) (map[string]StoredBrief, error)
	// FeedState returns the state kept for a URL source; ok is false
	// when there is none.
	FeedState(ctx context.Context, url string) (st model.FeedState, ok bool, err error)
	// PutFeedState keeps the state of a URL source.
	PutFeedState(ctx context.Context, url string, st model.FeedState) error
}

// PutBriefs stores briefs beside their articles (see [StoredBrief]).
func (s *Store) PutBriefs(ctx context.Context, briefs []StoredBrief) error {
	if len(briefs) == 0 {
		return nil
	}
	return s.b.PutBriefs(ctx, briefs)
}

// BriefInfos returns what a listing needs of every stored brief, by
// article ID, without decoding the briefs.
func (s *Store) BriefInfos(ctx context.Context) (map[string]BriefInfo, error) {
	return s.b.BriefInfos(ctx)
}

// Briefs returns the stored briefs of ids (every one when ids is nil).
func (s *Store) Briefs(ctx context.Context, ids []string) (map[string]StoredBrief, error) {
	return s.b.Briefs(ctx, ids)
}

// FeedState returns the state kept for a URL source; the store is a
// source.FeedStates, so validators, freshness and backoff outlive the
// program.
func (s *Store) FeedState(ctx context.Context, url string) (model.FeedState, bool, error) {
	return s.b.FeedState(ctx, url)
}

// PutFeedState keeps the state of a URL source.
func (s *Store) PutFeedState(ctx context.Context, url string, st model.FeedState) error {
	return s.b.PutFeedState(ctx, url, st)
}
