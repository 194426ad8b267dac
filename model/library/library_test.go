package library

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/store"
)

var now = time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)

func item(id, title string, published time.Time, st store.ArticleState) Item {
	st.ID = id
	return Item{Article: &model.Article{ID: id, Title: title, Source: "Courier", Published: published}, State: st}
}

func fixture() []Item {
	return []Item{
		item("a", "Dam vote", now.Add(-2*time.Hour), store.ArticleState{}),
		item("b", "Ferry strike", now.Add(-26*time.Hour), store.ArticleState{Read: true, Starred: true, Tags: []string{"transport"}}),
		item("c", "Old news", now.Add(-72*time.Hour), store.ArticleState{Read: true, Archived: true, Tags: []string{"archive-me", "transport"}}),
		item("d", "Undated note", time.Time{}, store.ArticleState{}),
	}
}

func TestTabs(t *testing.T) {
	tabs := Tabs(fixture())
	got := map[string]int{}
	var names []string
	for _, tb := range tabs {
		got[tb.View.Name()] = tb.Count
		names = append(names, tb.View.Name())
	}
	assert.Equal(t, []string{"Inbox", "Unread", "Starred", "Archive", "#archive-me", "#transport"}, names)
	assert.Equal(t, map[string]int{"Inbox": 3, "Unread": 2, "Starred": 1, "Archive": 1, "#archive-me": 1, "#transport": 2}, got)
}

func TestSelect(t *testing.T) {
	items := fixture()
	ids := func(its []Item) []string {
		var out []string
		for _, it := range its {
			out = append(out, it.Article.ID)
		}
		return out
	}
	cases := map[string]struct {
		view  View
		query string
		since time.Duration
		want  []string
	}{
		"inbox newest first, undated last": {View{Kind: Inbox}, "", 0, []string{"a", "b", "d"}},
		"unread":                           {View{Kind: Unread}, "", 0, []string{"a", "d"}},
		"starred":                          {View{Kind: Starred}, "", 0, []string{"b"}},
		"archive":                          {View{Kind: Archive}, "", 0, []string{"c"}},
		"tag view includes archived":       {View{Kind: Tag, Tag: "transport"}, "", 0, []string{"b", "c"}},
		"filter by title":                  {View{Kind: Inbox}, "FERRY", 0, []string{"b"}},
		"filter by tag":                    {View{Kind: Inbox}, "#transport", 0, []string{"b"}},
		"filter by source":                 {View{Kind: Inbox}, "courier dam", 0, []string{"a"}},
		"since 24h drops old and undated":  {View{Kind: Inbox}, "", 24 * time.Hour, []string{"a"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, c.want, ids(Select(items, c.view, c.query, c.since, now)))
		})
	}
}

func TestByDay(t *testing.T) {
	items := Select(fixture(), View{Kind: Tag, Tag: "transport"}, "", 0, now)
	items = append([]Item{fixture()[0]}, items...)
	items = append(items, fixture()[3])
	groups := ByDay(items, now, time.UTC)
	require.Len(t, groups, 4)
	assert.Equal(t, "Today", groups[0].Label)
	assert.Equal(t, "Yesterday", groups[1].Label)
	assert.Equal(t, "Sun 22 Nov 2026", groups[2].Label)
	assert.Equal(t, "Undated", groups[3].Label)
}

func TestByDayUsesFirstSeenWhenUndated(t *testing.T) {
	it := item("x", "Seen today", time.Time{}, store.ArticleState{FirstSeen: now.Add(-time.Hour)})
	groups := ByDay([]Item{it}, now, time.UTC)
	require.Len(t, groups, 1)
	assert.Equal(t, "Today", groups[0].Label)
}

// TestByDayRuns: items of one day make one group, in order, even with an
// undated item among them; appending to a group leaves the input alone.
func TestByDayRuns(t *testing.T) {
	idsOf := func(items []Item) []string {
		var out []string
		for _, it := range items {
			out = append(out, it.Article.ID)
		}
		return out
	}
	at := func(h int) time.Time { return now.Add(-time.Duration(h) * time.Hour) }
	items := []Item{
		item("a", "A", at(1), store.ArticleState{}),
		item("b", "B", at(2), store.ArticleState{}),
		item("c", "C", at(3), store.ArticleState{}),
		item("u", "U", time.Time{}, store.ArticleState{}),
		item("d", "D", at(4), store.ArticleState{}),
		item("e", "E", at(30), store.ArticleState{}),
		item("f", "F", at(31), store.ArticleState{}),
	}
	groups := ByDay(items, now, time.UTC)
	require.Len(t, groups, 3)
	var got [][]string
	for _, g := range groups {
		got = append(got, idsOf(g.Items))
	}
	assert.Equal(t, [][]string{{"a", "b", "c", "d"}, {"e", "f"}, {"u"}}, got)
	assert.Equal(t, []string{"Today", "Yesterday", "Undated"}, []string{groups[0].Label, groups[1].Label, groups[2].Label})
	_ = append(groups[1].Items, items[0])
	assert.Equal(t, []string{"a", "b", "c", "u", "d", "e", "f"}, idsOf(items), "the input is unchanged")
}
