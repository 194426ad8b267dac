package main

import (
	"context"
	"time"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/store"
)

// laterBackend is a store backend that opens in the background, so the
// reader's first frame does not wait for the database (opening, checking
// and migrating it took 5 to 15 ms of a 30 to 45 ms start): every method
// waits for the open, and fails with its error. The reader reads and
// writes the store only in commands, which wait off the screen's path.
type laterBackend struct {
	done chan struct{}
	b    store.Backend
	err  error
}

var _ store.Backend = (*laterBackend)(nil)
var _ store.Listener = (*laterBackend)(nil)

// openLater starts open in the background once gate is closed (at once
// when gate is nil).
func openLater(gate <-chan struct{}, open func() (store.Backend, error)) *laterBackend {
	l := &laterBackend{done: make(chan struct{})}
	go func() {
		defer close(l.done)
		if gate != nil {
			<-gate
		}
		l.b, l.err = open()
	}()
	return l
}

// opened waits for the open and returns its error.
func (l *laterBackend) opened() error {
	<-l.done
	return l.err
}

// get waits for the open, or for ctx.
func (l *laterBackend) get(ctx context.Context) (store.Backend, error) {
	select {
	case <-l.done:
		return l.b, l.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Listen implements [store.Listener]: it says it is ready at once, so
// making the Store does not wait for the open, and then listens through
// the opened backend, if it can; once that listener is ready it asks for
// a resync, for the changes it may have missed meanwhile.
func (l *laterBackend) Listen(ctx context.Context, origin string, ready func(), heard func([]store.ReviewChange, bool)) {
	ready()
	b, err := l.get(ctx)
	if err != nil {
		return
	}
	if li, ok := b.(store.Listener); ok {
		li.Listen(ctx, origin, func() { heard(nil, true) }, heard)
	}
}

func (l *laterBackend) Write(ctx context.Context, fn func(store.Tx) error) error {
	b, err := l.get(ctx)
	if err != nil {
		return err
	}
	return b.Write(ctx, fn)
}

func (l *laterBackend) Close() error {
	if err := l.opened(); err != nil {
		return nil // nothing was opened
	}
	return l.b.Close()
}

func (l *laterBackend) State(ctx context.Context, user, id string) (store.ArticleState, error) {
	b, err := l.get(ctx)
	if err != nil {
		return store.ArticleState{}, err
	}
	return b.State(ctx, user, id)
}

func (l *laterBackend) States(ctx context.Context, user string) (map[string]store.ArticleState, error) {
	b, err := l.get(ctx)
	if err != nil {
		return nil, err
	}
	return b.States(ctx, user)
}

func (l *laterBackend) Tags(ctx context.Context, user string) ([]store.TagCount, error) {
	b, err := l.get(ctx)
	if err != nil {
		return nil, err
	}
	return b.Tags(ctx, user)
}

func (l *laterBackend) Review(ctx context.Context, scope string) (store.Review, error) {
	b, err := l.get(ctx)
	if err != nil {
		return store.Review{}, err
	}
	return b.Review(ctx, scope)
}

func (l *laterBackend) Audit(ctx context.Context, since time.Time, after int64, fn func(store.ReviewChange) error) error {
	b, err := l.get(ctx)
	if err != nil {
		return err
	}
	return b.Audit(ctx, since, after, fn)
}

func (l *laterBackend) History(ctx context.Context, user string, limit int) ([]store.Action, error) {
	b, err := l.get(ctx)
	if err != nil {
		return nil, err
	}
	return b.History(ctx, user, limit)
}

func (l *laterBackend) PutArticles(ctx context.Context, articles []model.Article, at time.Time) error {
	b, err := l.get(ctx)
	if err != nil {
		return err
	}
	return b.PutArticles(ctx, articles, at)
}

func (l *laterBackend) Articles(ctx context.Context) ([]model.Article, error) {
	b, err := l.get(ctx)
	if err != nil {
		return nil, err
	}
	return b.Articles(ctx)
}

func (l *laterBackend) Heads(ctx context.Context) ([]model.Article, error) {
	b, err := l.get(ctx)
	if err != nil {
		return nil, err
	}
	return b.Heads(ctx)
}

func (l *laterBackend) NewestHeads(ctx context.Context, n int) ([]model.Article, error) {
	b, err := l.get(ctx)
	if err != nil {
		return nil, err
	}
	return b.NewestHeads(ctx, n)
}

func (l *laterBackend) Article(ctx context.Context, id string) (model.Article, bool, error) {
	b, err := l.get(ctx)
	if err != nil {
		return model.Article{}, false, err
	}
	return b.Article(ctx, id)
}

func (l *laterBackend) KnownIDs(ctx context.Context) (map[string]struct{}, error) {
	b, err := l.get(ctx)
	if err != nil {
		return nil, err
	}
	return b.KnownIDs(ctx)
}

func (l *laterBackend) PutBriefs(ctx context.Context, briefs []store.StoredBrief) error {
	b, err := l.get(ctx)
	if err != nil {
		return err
	}
	return b.PutBriefs(ctx, briefs)
}

func (l *laterBackend) BriefInfos(ctx context.Context) (map[string]store.BriefInfo, error) {
	b, err := l.get(ctx)
	if err != nil {
		return nil, err
	}
	return b.BriefInfos(ctx)
}

func (l *laterBackend) Briefs(ctx context.Context, ids []string) (map[string]store.StoredBrief, error) {
	b, err := l.get(ctx)
	if err != nil {
		return nil, err
	}
	return b.Briefs(ctx, ids)
}

func (l *laterBackend) FeedState(ctx context.Context, url string) (model.FeedState, bool, error) {
	b, err := l.get(ctx)
	if err != nil {
		return model.FeedState{}, false, err
	}
	return b.FeedState(ctx, url)
}

func (l *laterBackend) PutFeedState(ctx context.Context, url string, st model.FeedState) error {
	b, err := l.get(ctx)
	if err != nil {
		return err
	}
	return b.PutFeedState(ctx, url, st)
}
