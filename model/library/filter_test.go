package library

import (
	"testing"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/store"
)

func items(titles ...string) []Item {
	out := make([]Item, len(titles))
	for i, t := range titles {
		out[i] = Item{Article: &model.Article{Title: t, Source: "Daily Courier"}}
	}
	return out
}

func TestFilterRanksWordsAndNeedsEveryWord(t *testing.T) {
	its := items(
		"Labour plans maternity pay rise",       // b…l…a…i…r as a subsequence only
		"Blairgowrie mill reopens",              // a word starting with blair
		"Former aide recalls Blair's Iraq call", // the word
		"Tony Blair visits Belfast",             // the word
		"Flair for design wins prize",           // tagged blair
		"Dunblair estate sold",                  // inside a word
	)
	its[4].State = store.ArticleState{Tags: []string{"blair"}}
	hits := Filter("blair", its)
	var got []string
	for _, h := range hits {
		got = append(got, its[h.Index].Article.Title)
	}
	want := []string{"Former aide recalls Blair's Iraq call", "Tony Blair visits Belfast", "Flair for design wins prize", "Blairgowrie mill reopens", "Dunblair estate sold"}
	if len(got) != len(want) {
		t.Fatalf("matched %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %q, want %q", got, want)
		}
	}
	if hits[0].Title[0] != len("Former aide recalls ") || len(hits[0].Title) != 5 {
		t.Errorf("title offsets %v", hits[0].Title)
	}
	if two := Filter("blair iraq", its); len(two) != 1 || two[0].Index != 2 {
		t.Errorf("two words matched %v, want only the article with both", two)
	}
	if none := Filter("courier blair", items("Labour plans maternity pay rise")); len(none) != 0 {
		t.Errorf("a word matching nothing still matched: %v", none)
	}
	if src := Filter("courier", items("A", "B")); len(src) != 2 {
		t.Errorf("source not searched: %v", src)
	}
	if u := Filter("東京", items("東京の新しい図書館が開館", "Osaka")); len(u) != 1 || len(u[0].Title) != 2 || u[0].Title[1] != 3 {
		t.Errorf("non-Latin title: %v", u)
	}
}
