package library

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Hit is an item a filter query matched: its index in the items given,
// its score (higher is better) and the byte offsets of the title's runes
// the query matched, for highlighting.
type Hit struct {
	Index int
	Score int
	Title []int
}

// How well a query word matches a field: the whole word, the start of a
// word, or inside one.
const (
	matchInside = 1
	matchPrefix = 2
	matchWord   = 3
)

// Filter returns the items whose title, source or tags contain every
// word of query (case-insensitively), best first: a whole word beats
// the start of a word, which beats a match inside a word, and the title
// counts more than the tags, which count more than the source. Items
// that score the same keep their order. An empty query matches nothing.
func Filter(query string, items []Item) []Hit {
	words := strings.Fields(strings.ToLower(query))
	if len(words) == 0 {
		return nil
	}
	var hits []Hit
	for i, it := range items {
		title := newFolded(it.Article.Title)
		source := newFolded(it.Article.Source)
		tags := newFolded(strings.Join(it.State.Tags, " "))
		h := Hit{Index: i}
		ok := true
		for _, w := range words {
			best := 0
			tk, at := title.find(w)
			if tk > 0 {
				best = tk*4 + 3
				for _, off := range title.runeStarts(at, len(w)) {
					h.Title = append(h.Title, off)
				}
			}
			if k, _ := tags.find(w); k > 0 {
				best = max(best, k*4+2)
			}
			if k, _ := source.find(w); k > 0 {
				best = max(best, k*4+1)
			}
			if best == 0 {
				ok = false
				break
			}
			h.Score += best
		}
		if ok {
			sort.Ints(h.Title)
			hits = append(hits, h)
		}
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].Score > hits[b].Score })
	return hits
}

// folded is a text lowercased for matching, with the byte offset in the
// original of each of its bytes.
type folded struct {
	low  string
	orig []int
}

func newFolded(s string) folded {
	var b strings.Builder
	orig := make([]int, 0, len(s))
	for i, r := range s {
		n := b.Len()
		b.WriteRune(unicode.ToLower(r))
		for range b.Len() - n {
			orig = append(orig, i)
		}
	}
	return folded{low: b.String(), orig: orig}
}

// find returns how well w matches (0 for not at all) and where, taking
// the best occurrence.
func (f folded) find(w string) (kind, at int) {
	for from := 0; from <= len(f.low)-len(w); {
		i := strings.Index(f.low[from:], w)
		if i < 0 {
			break
		}
		i += from
		k := matchInside
		if i == 0 || !isWordRune(lastRune(f.low[:i])) {
			k = matchPrefix
			if end := i + len(w); end == len(f.low) || !isWordRune(firstRune(f.low[end:])) {
				k = matchWord
			}
		}
		if k > kind {
			kind, at = k, i
		}
		if kind == matchWord {
			break
		}
		_, size := utf8.DecodeRuneInString(f.low[i:])
		from = i + size
	}
	return kind, at
}

// runeStarts returns the original byte offsets of the runes that start
// in low[at:at+n].
func (f folded) runeStarts(at, n int) []int {
	var out []int
	prev := -1
	for j := at; j < at+n && j < len(f.orig); j++ {
		if o := f.orig[j]; o != prev {
			out = append(out, o)
			prev = o
		}
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
