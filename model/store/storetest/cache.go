package storetest

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/brief-reader/brief/model"
)

// same reports whether two articles are equal, times compared as instants.
func same(a, b model.Article) bool {
	if !a.Published.Equal(b.Published) {
		return false
	}
	a.Published, b.Published = time.Time{}, time.Time{}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

func testArticleCache(t *testing.T, h *harness) {
	s := h.open(t)
	arts := []model.Article{SampleArticle(1), SampleArticle(2), SampleArticle(3)}
	arts[1].Published = time.Time{}
	noErr(t, s.PutArticles(bg, arts))

	got, err := s.Articles(bg)
	noErr(t, err)
	if len(got) != 3 {
		t.Fatalf("Articles returned %d, want 3", len(got))
	}
	// Newest first; the undated one last.
	for i, want := range []model.Article{arts[2], arts[0], arts[1]} {
		if !same(got[i], want) {
			t.Errorf("Articles[%d] = %+v\nwant %+v", i, got[i], want)
		}
	}
	heads, err := s.Heads(bg)
	noErr(t, err)
	if len(heads) != 3 || heads[0].Title != arts[2].Title || heads[0].Paragraphs != nil || heads[0].Markdown != "" {
		t.Errorf("Heads[0] = %+v, want the newest article without body", heads[0])
	}
	newest, err := s.NewestHeads(bg, 2)
	noErr(t, err)
	if len(newest) != 2 || newest[0].Title != heads[0].Title || newest[1].Title != heads[1].Title {
		t.Errorf("NewestHeads(2) = %+v, want the first two of Heads", newest)
	}
	if none, err := s.NewestHeads(bg, 0); err != nil || len(none) != 0 {
		t.Errorf("NewestHeads(0) = %v, %v", none, err)
	}
	one, ok, err := s.Article(bg, arts[0].ID)
	noErr(t, err)
	if !ok || !same(one, arts[0]) {
		t.Errorf("Article(%s) = %+v, %v", arts[0].ID, one, ok)
	}
	if _, ok, err := s.Article(bg, "missing"); ok || err != nil {
		t.Errorf("Article(missing) = %v, %v", ok, err)
	}

	// Heads come newest first, articles of the same time by ID, the
	// undated last; NewestHeads(n) are the first n of them.
	more := []model.Article{SampleArticle(14), SampleArticle(12), SampleArticle(13), SampleArticle(11)}
	for i := range more {
		more[i].Published = arts[0].Published // all four at one time
	}
	more[3].Published = time.Time{}
	noErr(t, s.PutArticles(bg, more))
	heads, err = s.Heads(bg)
	noErr(t, err)
	var order []string
	for _, a := range heads {
		order = append(order, a.ID)
	}
	want := []string{arts[2].ID, arts[0].ID, more[1].ID, more[2].ID, more[0].ID, more[3].ID, arts[1].ID}
	if strings.Join(order, " ") != strings.Join(want, " ") {
		t.Errorf("Heads in order\n%v\nwant\n%v", order, want)
	}
	newest, err = s.NewestHeads(bg, 4)
	noErr(t, err)
	for i, a := range newest {
		if a.ID != want[i] {
			t.Errorf("NewestHeads(4)[%d] = %s, want %s", i, a.ID, want[i])
		}
	}
}

func testPutArticlesReplacesAndFillsID(t *testing.T, h *harness) {
	s := h.open(t)
	a := SampleArticle(7)
	noErr(t, s.PutArticles(bg, []model.Article{a}))
	a.Title = "Sample article 7, updated"
	noID := model.Article{Title: "Local note", Paragraphs: []string{"Written by hand."}}
	noErr(t, s.PutArticles(bg, []model.Article{a, noID}))

	ids, err := s.KnownIDs(bg)
	noErr(t, err)
	if len(ids) != 2 {
		t.Errorf("KnownIDs = %v, want 2 ids", ids)
	}
	if _, ok := ids[model.ArticleID(noID)]; !ok {
		t.Errorf("article without ID not filed under model.ArticleID: %v", ids)
	}
	got, ok, err := s.Article(bg, a.ID)
	noErr(t, err)
	if !ok || got.Title != a.Title {
		t.Errorf("replaced article title = %q, want %q", got.Title, a.Title)
	}
	got, _, _ = s.Article(bg, model.ArticleID(noID))
	if got.ID != model.ArticleID(noID) {
		t.Errorf("stored ID = %q, want %q", got.ID, model.ArticleID(noID))
	}
}

func testCacheIsSharedAcrossStores(t *testing.T, h *harness) {
	db := h.db(t)
	one, two := openOn(t, db), openOn(t, db)
	noErr(t, one.PutArticles(bg, []model.Article{SampleArticle(1)}))
	ids, err := two.KnownIDs(bg)
	noErr(t, err)
	if _, ok := ids[SampleArticle(1).ID]; !ok {
		t.Error("second Store does not see the article the first cached")
	}
}
