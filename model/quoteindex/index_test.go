package quoteindex

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/brief-reader/brief/model"
)

func day(d int) time.Time { return time.Date(2026, 11, d, 9, 0, 0, 0, time.UTC) }

func entry(id, title string, published time.Time, quotes ...model.Quote) Entry {
	return Entry{
		Article: model.Article{ID: id, Title: title, Source: "Wire", Published: published},
		Brief:   model.Brief{Quotes: quotes},
	}
}

func q(speaker, role, text string) model.Quote {
	return model.Quote{Speaker: speaker, Role: role, Text: text}
}

func TestBuildGroupsAndOrders(t *testing.T) {
	idx := Build([]Entry{
		entry("a", "Bridge closes", day(20),
			q("Ines Varga", "transport director", "We have no choice,"),
			q("Ines Varga", "", "The cables are worn."),
			q("", "", "Nobody said this."),
			q("Harbour Office", "", "Ferries will run.")),
		entry("b", "Bridge reopens", day(24),
			q("ines  varga", "city transport director", "It is done."),
			q("Tomas Berg", "mayor", "Good news."),
			q("Ines Varga", "transport director", "On time.")),
		entry("c", "Council meets", day(22), q("Tomas Berg", "mayor", "We meet again.")),
	})
	assert.Equal(t, 8, idx.Total)
	names := []string{}
	for _, s := range idx.Speakers {
		names = append(names, s.Name)
	}
	assert.Equal(t, []string{"Ines Varga", "Tomas Berg", "Harbour Office", ""}, names, "most quoted first, unattributed last")

	iv := idx.Speakers[0]
	assert.Len(t, iv.Quotes, 4, "case and spacing do not split a speaker")
	assert.Equal(t, 2, iv.Articles)
	assert.Equal(t, []string{"transport director", "city transport director"}, iv.Roles)
	assert.Equal(t, day(20), iv.FirstSeen)
	assert.Equal(t, day(24), iv.LastSeen)
	assert.Equal(t, "b", iv.Quotes[0].Article.ID, "newest article first")
	assert.Equal(t, "It is done.", iv.Quotes[0].Quote.Text, "document order within an article")
	assert.Equal(t, 0, iv.Quotes[0].Index, "index into the article's quotes kept")
	assert.Equal(t, 2, iv.Quotes[1].Index)

	tb, ok := idx.Speaker("TOMAS BERG")
	require.True(t, ok)
	assert.Equal(t, 2, tb.Articles)
	assert.Equal(t, day(22), tb.FirstSeen)
}

func TestFilter(t *testing.T) {
	idx := Build([]Entry{
		entry("a", "Bridge closes", day(20), q("Ines Varga", "transport director", "The cables are worn."), q("Tomas Berg", "mayor", "Sad day.")),
		entry("b", "Harvest fair", day(21), q("Tomas Berg", "mayor", "Come and eat.")),
	})
	cases := map[string]struct {
		query string
		want  map[string]int
	}{
		"speaker":     {"varga", map[string]int{"Ines Varga": 1}},
		"role":        {"mayor", map[string]int{"Tomas Berg": 2}},
		"article":     {"harvest", map[string]int{"Tomas Berg": 1}},
		"words":       {"cables worn", map[string]int{"Ines Varga": 1}},
		"across":      {"berg bridge", map[string]int{"Tomas Berg": 1}},
		"nothing":     {"zebra", map[string]int{}},
		"empty query": {"  ", map[string]int{"Ines Varga": 1, "Tomas Berg": 2}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			got := idx.Filter(c.query)
			counts := map[string]int{}
			total := 0
			for _, s := range got.Speakers {
				counts[s.Name] = len(s.Quotes)
				total += len(s.Quotes)
			}
			assert.Equal(t, c.want, counts)
			assert.Equal(t, total, got.Total)
		})
	}
}

// BenchmarkBuild10k indexes 10,000 analysed articles of 20 quotes each
// (target: under 200 ms).
func BenchmarkBuild10k(b *testing.B) {
	entries := make([]Entry, 10000)
	for i := range entries {
		var qs []model.Quote
		for j := range 20 {
			qs = append(qs, q(fmt.Sprintf("Speaker %d", (i*7+j)%900), "role", "Words said in the article."))
		}
		entries[i] = entry(fmt.Sprint(i), "Title", day(1+i%28), qs...)
	}
	b.ReportAllocs()
	for b.Loop() {
		Build(entries)
	}
}

// TestRolesMergedAndDatesKept: roles that differ only in case or
// punctuation are one role, written as most often; a speaker's first and
// last dates come from the dated articles.
func TestRolesMergedAndDatesKept(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 9, 0, 0, 0, time.UTC) }
	entry := func(id string, at time.Time, roles ...string) Entry {
		var qs []model.Quote
		for _, r := range roles {
			qs = append(qs, model.Quote{Text: "We will see,", Speaker: "Ola Brandt", Role: r})
		}
		return Entry{Article: model.Article{ID: id, Title: id, Published: at}, Brief: model.Brief{Quotes: qs}}
	}
	idx := Build([]Entry{
		entry("a", day(20), "Harbour master", "harbour master,"),
		entry("b", time.Time{}, "harbour  master", "port spokesman"),
		entry("c", day(24), "Harbour master"),
	})
	sp, ok := idx.Speaker("Ola Brandt")
	if !ok {
		t.Fatal("no speaker")
	}
	if want := []string{"Harbour master", "port spokesman"}; !slices.Equal(sp.Roles, want) {
		t.Errorf("roles %q, want %q", sp.Roles, want)
	}
	if !sp.FirstSeen.Equal(day(20)) || !sp.LastSeen.Equal(day(24)) {
		t.Errorf("first %v last %v, want the 20th and the 24th", sp.FirstSeen, sp.LastSeen)
	}
}
