package storetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/store"
)

// sampleBrief is a brief with n quotes and m phases.
func sampleBrief(n, m int) model.Brief {
	b := model.Brief{KeyPointsHeading: "What You Need To Know", KeyPoints: []model.KeyPoint{{Text: "A point", Paragraph: 1}}}
	for i := range n {
		b.Quotes = append(b.Quotes, model.Quote{Text: "Words “quoted” " + string(rune('a'+i)), Speaker: "Ines Varga", Paragraph: i})
	}
	for i := range m {
		b.Phases = append(b.Phases, model.Phase{N: i + 1, Label: "phase", Summary: "It happens.", Paragraph: i})
	}
	b.People = []model.Person{{Name: "Ines Varga", Kind: model.KindPerson}}
	return b
}

func testBriefsStoredBesideArticles(t *testing.T, h *harness) {
	s := h.open(t)
	cached := SampleArticle(1)
	local := model.Article{Title: "A local file", Paragraphs: []string{"Not cached."}}
	local.ID = model.ArticleID(local)
	noErr(t, s.PutArticles(bg, []model.Article{cached}))
	one, two := sampleBrief(3, 2), sampleBrief(1, 0)
	noErr(t, s.PutBriefs(bg, []store.StoredBrief{
		{ArticleID: cached.ID, Hash: model.ContentHash(cached), Version: 7, Brief: one},
		{ArticleID: local.ID, Hash: model.ContentHash(local), Version: 7, Brief: two},
	}))

	infos, err := s.BriefInfos(bg)
	noErr(t, err)
	want := map[string]store.BriefInfo{
		cached.ID: {Hash: model.ContentHash(cached), Version: 7, Quotes: 3, Phases: 2, ArticleHash: model.ContentHash(cached)},
		local.ID:  {Hash: model.ContentHash(local), Version: 7, Quotes: 1, Phases: 0},
	}
	if !reflect.DeepEqual(infos, want) {
		t.Fatalf("BriefInfos = %+v\nwant %+v", infos, want)
	}
	if !infos[cached.ID].Fresh(7) || infos[cached.ID].Fresh(8) || infos[local.ID].Fresh(7) {
		t.Error("Fresh: want a cached article's brief fresh at its version only, a local file's never by itself")
	}

	all, err := s.Briefs(bg, nil)
	noErr(t, err)
	if len(all) != 2 || !reflect.DeepEqual(all[cached.ID].Brief, one) || !reflect.DeepEqual(all[local.ID].Brief, two) ||
		all[local.ID].Hash != model.ContentHash(local) || all[local.ID].Version != 7 {
		t.Errorf("Briefs(nil) = %+v", all)
	}
	some, err := s.Briefs(bg, []string{local.ID, "missing"})
	noErr(t, err)
	if len(some) != 1 || some[local.ID].ArticleID != local.ID {
		t.Errorf("Briefs(local, missing) = %+v", some)
	}
	none, err := s.Briefs(bg, []string{})
	noErr(t, err)
	if len(none) != 0 {
		t.Errorf("Briefs([]) = %+v, want none", none)
	}

	// The article changes: its brief is stale until it is made again.
	changed := cached
	changed.Paragraphs = append([]string{"A new first paragraph."}, cached.Paragraphs...)
	noErr(t, s.PutArticles(bg, []model.Article{changed}))
	infos, err = s.BriefInfos(bg)
	noErr(t, err)
	if infos[cached.ID].Fresh(7) || infos[cached.ID].ArticleHash != model.ContentHash(changed) {
		t.Errorf("after the article changed: %+v, want stale", infos[cached.ID])
	}
	noErr(t, s.PutBriefs(bg, []store.StoredBrief{{ArticleID: cached.ID, Hash: model.ContentHash(changed), Version: 8, Brief: two}}))
	infos, err = s.BriefInfos(bg)
	noErr(t, err)
	if !infos[cached.ID].Fresh(8) || infos[cached.ID].Quotes != 1 {
		t.Errorf("after the brief was made again: %+v", infos[cached.ID])
	}
}

func testFeedStateKept(t *testing.T, h *harness) {
	db := h.db(t)
	s := openOn(t, db)
	const u = "https://news.example/feed.xml"
	if _, ok, err := s.FeedState(bg, u); ok || err != nil {
		t.Fatalf("FeedState of an unknown URL = %v, %v", ok, err)
	}
	at := time.Date(2031, 5, 5, 8, 0, 0, 0, time.UTC)
	st := model.FeedState{ETag: `"v1"`, LastModified: "Mon, 05 May 2031 08:00:00 GMT", Fetched: at,
		FreshUntil: at.Add(time.Hour), RetryAt: at.Add(2 * time.Minute), Failures: 2, LastError: "HTTP 503"}
	noErr(t, s.PutFeedState(bg, u, st))
	got, ok, err := openOn(t, db).FeedState(bg, u)
	noErr(t, err)
	if !ok || !sameState(got, st) {
		t.Errorf("FeedState = %+v, %v\nwant %+v", got, ok, st)
	}
	st = model.FeedState{ETag: `"v2"`, Fetched: at.Add(time.Hour)}
	noErr(t, s.PutFeedState(bg, u, st))
	got, _, err = s.FeedState(bg, u)
	noErr(t, err)
	if !sameState(got, st) {
		t.Errorf("replaced FeedState = %+v\nwant %+v", got, st)
	}
}

// sameState reports whether two feed states are equal, times compared as
// instants.
func sameState(a, b model.FeedState) bool {
	times := func(s *model.FeedState) [3]time.Time {
		t := [3]time.Time{s.Fetched, s.FreshUntil, s.RetryAt}
		s.Fetched, s.FreshUntil, s.RetryAt = time.Time{}, time.Time{}, time.Time{}
		return t
	}
	ta, tb := times(&a), times(&b)
	for i := range ta {
		if !ta[i].Equal(tb[i]) {
			return false
		}
	}
	return a == b
}
