package main

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/store/sqlite"
)

func TestLaterBackendWaitsForTheOpen(t *testing.T) {
	release := make(chan struct{})
	path := filepath.Join(t.TempDir(), "state.db")
	l := openLater(nil, func() (store.Backend, error) {
		<-release
		return sqlite.Open(path)
	})
	// Making the Store does not wait for the open (its listener says it
	// is ready at once).
	made := make(chan *store.Store)
	go func() { made <- store.New(l) }()
	var st *store.Store
	select {
	case st = <-made:
	case <-time.After(5 * time.Second):
		t.Fatal("store.New waited for the database")
	}
	ctx := context.Background()
	put := make(chan error)
	go func() { put <- st.PutArticles(ctx, []model.Article{{Title: "Kept", Paragraphs: []string{"Body."}}}) }()
	select {
	case err := <-put:
		t.Fatalf("a write returned before the database was open: %v", err)
	case <-time.After(20 * time.Millisecond):
	}
	close(release)
	require.NoError(t, <-put)
	heads, err := st.Heads(ctx)
	require.NoError(t, err)
	require.Len(t, heads, 1)
	assert.Equal(t, "Kept", heads[0].Title)
	require.NoError(t, st.Close())
}

func TestLaterBackendFailsWithTheOpenError(t *testing.T) {
	bad := errors.New("state database x: damaged")
	l := openLater(nil, func() (store.Backend, error) { return nil, bad })
	st := store.New(l)
	_, err := st.Heads(context.Background())
	assert.ErrorIs(t, err, bad)
	assert.ErrorIs(t, l.opened(), bad)
	assert.NoError(t, st.Close(), "nothing to close")
}

func TestLaterBackendOpensWhenTheGateOpens(t *testing.T) {
	gate := make(chan struct{})
	opened := make(chan struct{})
	l := openLater(gate, func() (store.Backend, error) {
		close(opened)
		return sqlite.Open(filepath.Join(t.TempDir(), "state.db"))
	})
	select {
	case <-opened:
		t.Fatal("opened before the gate")
	case <-time.After(20 * time.Millisecond):
	}
	close(gate)
	require.NoError(t, l.opened())
	require.NoError(t, l.Close())
}

func TestLocalOnly(t *testing.T) {
	assert.True(t, localOnly([]string{"a.md", "news/"}))
	for _, o := range [][]string{nil, {"a.md", "-"}, {"https://example.org/feed"}, {"feeds.OPML"}} {
		assert.False(t, localOnly(o), "%q", o)
	}
}

// TestStartedStreamLoadsAtOnce: the load of local files starts before
// the reader asks for it; the reader's first call takes that load, a
// later call (a refresh) starts its own, and cancel ends the first.
func TestStartedStreamLoadsAtOnce(t *testing.T) {
	var ctxs []context.Context
	var chans []chan source.Event
	stream := func(ctx context.Context) <-chan source.Event {
		ctxs = append(ctxs, ctx)
		chans = append(chans, make(chan source.Event))
		return chans[len(chans)-1]
	}
	started, cancel := startedStream(context.Background(), stream)
	require.Len(t, ctxs, 1, "the load starts before the reader asks")
	readerCtx, stop := context.WithCancel(context.Background())
	defer stop()
	assert.Equal(t, (<-chan source.Event)(chans[0]), started(readerCtx))
	require.Len(t, ctxs, 1, "the first call takes the load already started")
	started(readerCtx)
	require.Len(t, ctxs, 2, "a later call starts its own")
	assert.Equal(t, readerCtx, ctxs[1])
	assert.NoError(t, ctxs[0].Err())
	cancel()
	assert.Error(t, ctxs[0].Err(), "cancel ends the load started first")
}
