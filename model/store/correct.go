package store

import (
	"sort"
	"strings"

	"github.com/brief-reader/brief/model"
)

// Orphan is a correction that found no quote in the article's brief: the
// analysis no longer finds the words it was made for, or finds them in
// several places none of which is nearest to where they were.
type Orphan struct {
	// Key is the key the correction is filed under.
	Key string
	// Correction is the correction, with the quote's paragraph and text
	// as they were.
	Correction Correction
}

// ApplyCorrections returns b with the speaker corrections of its article
// (articleID's, keyed by quote key as [Review.Of] returns them) applied,
// and the corrections that found no quote. b is not changed.
//
// A correction applies to the quote with its key (same paragraph, same
// words). When a later analysis moved the quote, it applies to the quote
// with the same words (white space aside): the only one, or the one
// nearest the paragraph it was in when that is not a tie. Otherwise it is
// an orphan, never applied to another quote.
func ApplyCorrections(articleID string, b model.Brief, corrections map[string]Correction) (model.Brief, []Orphan) {
	if len(corrections) == 0 {
		return b, nil
	}
	keys, orphans := MatchCorrections(articleID, b, corrections)
	quotes := append([]model.Quote(nil), b.Quotes...)
	for i, k := range keys {
		if k != "" {
			apply(&quotes[i], corrections[k])
		}
	}
	b.Quotes = quotes
	return b, orphans
}

// MatchCorrections finds the quote of b each correction applies to, as
// ApplyCorrections does: keys[i] is the key of the correction that
// applies to quote i ("" for none), and orphans are the corrections that
// found no quote. A key that is not the quote's own ([model.QuoteKey])
// is a correction that found its quote by its words after it moved; a
// new correction of the quote replaces it ([Quote.CorrectedAs]).
func MatchCorrections(articleID string, b model.Brief, corrections map[string]Correction) (keys []string, orphans []Orphan) {
	quotes := b.Quotes
	keys = make([]string, len(quotes))
	if len(corrections) == 0 {
		return keys, nil
	}
	claimed := make([]bool, len(quotes))
	pending := make([]string, 0, len(corrections))
	for key := range corrections {
		pending = append(pending, key)
	}
	sort.Strings(pending) // a stable order when two corrections want one quote
	var rest []string
	for _, key := range pending {
		i := -1
		for j, q := range quotes {
			if !claimed[j] && model.QuoteKey(articleID, q) == key {
				i = j
				break
			}
		}
		if i < 0 {
			rest = append(rest, key)
			continue
		}
		claimed[i] = true
		keys[i] = key
	}
	for _, key := range rest {
		c := corrections[key]
		if i := nearestSameText(quotes, claimed, c); i >= 0 {
			claimed[i] = true
			keys[i] = key
			continue
		}
		orphans = append(orphans, Orphan{Key: key, Correction: c})
	}
	return keys, orphans
}

// apply sets q's speaker and role from c.
func apply(q *model.Quote, c Correction) {
	q.Speaker, q.Role = c.Speaker, c.Role
}

// nearestSameText returns the unclaimed quote with c's words nearest c's
// paragraph, or -1 when there is none or two are equally near.
func nearestSameText(quotes []model.Quote, claimed []bool, c Correction) int {
	want := strings.Join(strings.Fields(c.Text), " ")
	best, bestDist, tie := -1, 0, false
	for i, q := range quotes {
		if claimed[i] || strings.Join(strings.Fields(q.Text), " ") != want {
			continue
		}
		d := q.Paragraph - c.Paragraph
		if d < 0 {
			d = -d
		}
		switch {
		case best < 0 || d < bestDist:
			best, bestDist, tie = i, d, false
		case d == bestDist:
			tie = true
		}
	}
	if tie {
		return -1
	}
	return best
}
