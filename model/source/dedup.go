package source

import (
	"maps"
	"strings"

	"github.com/brief-reader/brief/model"
)

// Dedup returns arts without repeats, keeping the first of each article
// reached twice: the same canonical URL, or the same title and
// publication date. Order is kept; arts is not modified.
func Dedup(arts []model.Article) []model.Article {
	var d Deduper
	out := make([]model.Article, 0, len(arts))
	for _, a := range arts {
		if d.Keep(a) {
			out = append(out, a)
		}
	}
	return out
}

// Deduper remembers the articles seen so far, for removing repeats from
// articles that arrive over time (a Stream, a refresh). The zero value is
// ready to use; it is not safe for concurrent use.
type Deduper struct {
	urls   map[string]bool
	titles map[titleDay]bool
}

// titleDay is an article's title (lowercase, on one line) and its
// publication day in UTC.
type titleDay struct {
	title string
	day   int // year*10000 + month*100 + day
}

// keys returns what a is known by: its canonical URL and its title with
// its publication day, each zero when a has none.
func dedupKeys(a *model.Article) (u string, t titleDay) {
	if a.URL != "" {
		u = model.CanonicalURL(a.URL)
	}
	if title := strings.ToLower(oneLine(a.Title)); title != "" && !a.Published.IsZero() {
		y, m, d := a.Published.UTC().Date()
		t = titleDay{title, y*10000 + int(m)*100 + d}
	}
	return u, t
}

// Grow makes room for n more articles at once, so that remembering a
// large batch (10,000 cached heads) does not grow the maps step by step.
func (d *Deduper) Grow(n int) {
	d.urls = grown(d.urls, n)
	d.titles = grown(d.titles, n)
}

// grown returns m, or a copy of it with room for more entries when more
// is large against what m holds.
func grown[K comparable, V any](m map[K]V, more int) map[K]V {
	if more < 256 || len(m) > more {
		return m
	}
	n := make(map[K]V, len(m)+more)
	maps.Copy(n, m)
	return n
}

// Forget lets an article like a be kept again (a file that changed is
// loaded anew).
func (d *Deduper) Forget(a model.Article) {
	u, t := dedupKeys(&a)
	delete(d.urls, u)
	delete(d.titles, t)
}

// Keep reports whether a is new, and remembers it: false when an article
// with the same canonical URL, or the same title and publication date,
// was kept before.
func (d *Deduper) Keep(a model.Article) bool {
	u, t := dedupKeys(&a)
	if (u != "" && d.urls[u]) || (t.title != "" && d.titles[t]) {
		return false
	}
	if d.urls == nil {
		d.urls, d.titles = map[string]bool{}, map[titleDay]bool{}
	}
	if u != "" {
		d.urls[u] = true
	}
	if t.title != "" {
		d.titles[t] = true
	}
	return true
}
