package store_test

import (
	"testing"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/store"
)

// TestIDOfMatchesSource checks that the store's fallback identity is the
// one model/source gives an article without a URL, so that state filed
// under either is found under both.
func TestIDOfMatchesSource(t *testing.T) {
	a := model.Article{Title: " Port Reopens ", Paragraphs: []string{"Ships  moved again.", "Crews cheered."}}
	if got, want := store.IDOf(a), source.Identity(a); got != want {
		t.Errorf("IDOf = %q, source.Identity = %q", got, want)
	}
}
