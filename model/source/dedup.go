package source

import (
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
	titles map[string]bool
}

// keys returns what a is known by: its canonical URL and its title with
// its publication day, each "" when a has none.
func dedupKeys(a model.Article) (u, t string) {
	if a.URL != "" {
		u = model.CanonicalURL(a.URL)
	}
	if title := strings.ToLower(oneLine(a.Title)); title != "" && !a.Published.IsZero() {
		t = title + "\x00" + a.Published.UTC().Format("2006-01-02")
	}
	return u, t
}

// Forget lets an article like a be kept again (a file that changed is
// loaded anew).
func (d *Deduper) Forget(a model.Article) {
	u, t := dedupKeys(a)
	delete(d.urls, u)
	delete(d.titles, t)
}

// Keep reports whether a is new, and remembers it: false when an article
// with the same canonical URL, or the same title and publication date,
// was kept before.
func (d *Deduper) Keep(a model.Article) bool {
	u, t := dedupKeys(a)
	if (u != "" && d.urls[u]) || (t != "" && d.titles[t]) {
		return false
	}
	if d.urls == nil {
		d.urls, d.titles = map[string]bool{}, map[string]bool{}
	}
	if u != "" {
		d.urls[u] = true
	}
	if t != "" {
		d.titles[t] = true
	}
	return true
}
