// Package quoteindex builds the library-wide index of who said what: every
// quote of every loaded article, grouped by speaker, with each speaker's
// roles, counts and first and last appearance.
//
// The index is a pure function of analysed articles; it holds no
// references to mutable state and is safe to share between goroutines
// once built.
package quoteindex

import (
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/brief-reader/brief/model"
)

// Entry is one analysed article, the input of the index.
type Entry struct {
	Article model.Article
	Brief   model.Brief
}

// Ref is one quote in the index, with the article it comes from. Both
// point into the entries the index was built from, which the index shares
// read-only.
type Ref struct {
	// Quote is the quote as analysis found it.
	Quote *model.Quote
	// Article is the article it comes from.
	Article *model.Article
	// Index is the quote's position in its article's Brief.Quotes.
	Index int
}

// Speaker is everything the library holds of one speaker.
type Speaker struct {
	// Name is the speaker's resolved full name as the articles give it;
	// "" gathers the quotes nobody could be attributed.
	Name string
	// Kind tells people from organizations and groups, when known.
	Kind model.PersonKind
	// Roles are the distinct roles the articles give, most frequent first.
	Roles []string
	// Quotes are the speaker's quotes, newest article first, in document
	// order within an article.
	Quotes []Ref
	// Articles is the number of distinct articles quoting the speaker.
	Articles int
	// FirstSeen and LastSeen are the earliest and latest publication
	// times among those articles (zero when no article has a date).
	FirstSeen, LastSeen time.Time
}

// Index is the quote index of a library.
type Index struct {
	// Speakers are ordered by number of quotes, most first, then by name;
	// unattributed quotes, if any, come last.
	Speakers []Speaker
	// Total is the number of quotes indexed.
	Total int
}

// Key folds a speaker name for merging: case, spacing and surrounding
// punctuation do not split one speaker in two.
func Key(name string) string {
	name = strings.TrimFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// Build indexes the quotes of entries. The index points into entries,
// which must not change afterwards.
func Build(entries []Entry) Index {
	type acc struct {
		sp       Speaker
		roles    map[string]int
		lastID   string
		articles int
	}
	keys := make(map[string]string) // speaker as written -> Key
	byKey := make(map[string]*acc)
	var order []*acc
	total := 0
	for ei := range entries {
		e := &entries[ei]
		for i := range e.Brief.Quotes {
			q := &e.Brief.Quotes[i]
			k, ok := keys[q.Speaker]
			if !ok {
				k = Key(q.Speaker)
				keys[q.Speaker] = k
			}
			a := byKey[k]
			if a == nil {
				a = &acc{sp: Speaker{Name: q.Speaker}, roles: map[string]int{}}
				byKey[k] = a
				order = append(order, a)
			}
			if q.Role != "" {
				a.roles[q.Role]++
			}
			a.sp.Quotes = append(a.sp.Quotes, Ref{Quote: q, Article: &e.Article, Index: i})
			if a.lastID != e.Article.ID || a.articles == 0 {
				// Entries are whole articles, so a speaker's quotes from
				// one article arrive together.
				a.lastID = e.Article.ID
				a.articles++
				seen(&a.sp, e.Article.Published)
			}
			total++
		}
		for _, p := range e.Brief.People {
			if a := byKey[Key(p.Name)]; a != nil && a.sp.Kind == "" {
				a.sp.Kind = p.Kind
			}
		}
	}
	idx := Index{Speakers: make([]Speaker, 0, len(order)), Total: total}
	for _, a := range order {
		a.sp.Articles = a.articles
		a.sp.Roles = rankRoles(a.roles)
		qs := a.sp.Quotes
		slices.SortStableFunc(qs, func(x, y Ref) int { return y.Article.Published.Compare(x.Article.Published) })
		idx.Speakers = append(idx.Speakers, a.sp)
	}
	sort.SliceStable(idx.Speakers, func(i, j int) bool {
		si, sj := idx.Speakers[i], idx.Speakers[j]
		if (si.Name == "") != (sj.Name == "") {
			return sj.Name == ""
		}
		if len(si.Quotes) != len(sj.Quotes) {
			return len(si.Quotes) > len(sj.Quotes)
		}
		return Key(si.Name) < Key(sj.Name)
	})
	return idx
}

// seen widens a speaker's first/last-seen range with t.
func seen(sp *Speaker, t time.Time) {
	if t.IsZero() {
		return
	}
	if sp.FirstSeen.IsZero() || t.Before(sp.FirstSeen) {
		sp.FirstSeen = t
	}
	if t.After(sp.LastSeen) {
		sp.LastSeen = t
	}
}

// rankRoles merges the roles that differ only in case, punctuation or
// spacing ("Harbour master", "harbour master,"), each written as it was
// most often, and orders them by how often they were given, then by
// name.
func rankRoles(counts map[string]int) []string {
	type role struct {
		forms map[string]int
		n     int
	}
	byKey := map[string]*role{}
	for r, n := range counts {
		k := roleKey(r)
		if k == "" {
			continue
		}
		if byKey[k] == nil {
			byKey[k] = &role{forms: map[string]int{}}
		}
		byKey[k].forms[strings.TrimRight(strings.TrimSpace(r), ",;:.")] += n
		byKey[k].n += n
	}
	type ranked struct {
		name string
		n    int
	}
	out := make([]ranked, 0, len(byKey))
	for _, r := range byKey {
		best := ""
		for f, n := range r.forms {
			if best == "" || n > r.forms[best] || n == r.forms[best] && f < best {
				best = f
			}
		}
		out = append(out, ranked{best, r.n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].n != out[j].n {
			return out[i].n > out[j].n
		}
		return out[i].name < out[j].name
	})
	roles := make([]string, len(out))
	for i, r := range out {
		roles[i] = r.name
	}
	return roles
}

// roleKey folds a role for comparison: lower case, letters and digits
// only, single spaces.
func roleKey(r string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(r), func(c rune) bool {
		return !unicode.IsLetter(c) && !unicode.IsDigit(c)
	}), " ")
}

// Speaker returns the speaker whose name folds to the same Key as name.
func (x Index) Speaker(name string) (Speaker, bool) {
	k := Key(name)
	for _, s := range x.Speakers {
		if Key(s.Name) == k {
			return s, true
		}
	}
	return Speaker{}, false
}

// Filter returns the index restricted to quotes matching query: every
// word of query must occur (case-insensitively) in the speaker's name or
// roles, the article's title or source, or the quote's text. Speakers
// left with no quote are dropped; the order is kept.
func (x Index) Filter(query string) Index {
	terms := strings.Fields(strings.ToLower(query))
	if len(terms) == 0 {
		return x
	}
	out := Index{}
	for _, s := range x.Speakers {
		who := strings.ToLower(s.Name + " " + strings.Join(s.Roles, " "))
		var kept []Ref
		for _, r := range s.Quotes {
			hay := who + "\x00" + strings.ToLower(r.Article.Title+" "+r.Article.Source+" "+r.Quote.Text)
			if containsAll(hay, terms) {
				kept = append(kept, r)
			}
		}
		if len(kept) == 0 {
			continue
		}
		s.Quotes = kept
		out.Speakers = append(out.Speakers, s)
		out.Total += len(kept)
	}
	return out
}

func containsAll(hay string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(hay, t) {
			return false
		}
	}
	return true
}
