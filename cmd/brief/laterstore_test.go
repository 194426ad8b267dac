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
