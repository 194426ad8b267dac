package analyze_test

import (
	"regexp"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// This file scores analysis output against hand labels exactly as
// ../shared/tools/score.py does, so that `go test` and the scorer agree.

var (
	scoreFold  = strings.NewReplacer("“", `"`, "”", `"`, "‘", "'", "’", "'", "—", "-", "–", "-")
	scoreSpace = regexp.MustCompile(`\s+`)
)

// scoreNorm is score.py's norm: NFKC, marks and dashes folded, white space
// collapsed, lower case, surrounding punctuation stripped.
func scoreNorm(s string) string {
	s = norm.NFKC.String(s)
	s = scoreFold.Replace(s)
	s = strings.TrimFunc(scoreSpace.ReplaceAllString(s, " "), unicode.IsSpace)
	s = strings.ToLower(s)
	return strings.Trim(s, " \"'.,;:!?-…")
}

// scoreNameOK is score.py's name_ok: the same normal form, or the same
// bare name (scoreBare).
func scoreNameOK(pred, gold string) bool {
	p, g := scoreNorm(pred), scoreNorm(gold)
	if g == "" {
		return p == ""
	}
	if p == g {
		return true
	}
	bp, bg := scoreBare(pred), scoreBare(gold)
	return len(bp) > 0 && strings.Join(bp, " ") == strings.Join(bg, " ")
}

// scoreHonorifics and scoreSuffixes are score.py's HONORIFICS and
// SUFFIXES.
var (
	scoreHonorifics = map[string]bool{}
	scoreSuffixes   = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true}
)

func init() {
	for _, w := range strings.Fields(`mr mrs ms miss mx dr prof sir dame rev fr president vice-president
		sen sens senator senators rep reps representative gov governor del delegate mayor gen lt col capt
		sgt adm judge justice secretary chancellor prime minister the`) {
		scoreHonorifics[w] = true
	}
}

// scoreBare is score.py's bare: the name's words without leading
// honorifics and titles, generational suffixes, middle initials or
// possessive endings.
func scoreBare(s string) []string {
	var toks []string
	for _, t := range strings.Fields(strings.ReplaceAll(scoreNorm(s), "'s ", " ")) {
		t = strings.Trim(t, ".,")
		t = strings.TrimSuffix(t, "'s")
		if t != "" {
			toks = append(toks, t)
		}
	}
	for len(toks) > 1 && scoreHonorifics[toks[0]] {
		toks = toks[1:]
	}
	for len(toks) > 1 && scoreSuffixes[toks[len(toks)-1]] {
		toks = toks[:len(toks)-1]
	}
	if len(toks) > 2 {
		mid := []string{toks[0]}
		for _, t := range toks[1 : len(toks)-1] {
			if len([]rune(t)) > 1 {
				mid = append(mid, t)
			}
		}
		toks = append(mid, toks[len(toks)-1])
	}
	return toks
}

// scoreSurnameOK is score.py's surname_ok.
func scoreSurnameOK(pred, gold string) bool {
	p, g := strings.Fields(scoreNorm(pred)), strings.Fields(scoreNorm(gold))
	return len(p) > 0 && len(g) > 0 && p[len(p)-1] == g[len(g)-1]
}

// scoreMatch pairs predicted and gold quote texts one to one, greedily by
// similarity (>= 0.85), as score.py's match_quotes; it returns (pi, gi)
// pairs.
func scoreMatch(pred, gold []string) [][2]int {
	type pair struct {
		r      float64
		pi, gi int
	}
	var pairs []pair
	for gi, g := range gold {
		gt := scoreNorm(g)
		for pi, p := range pred {
			pt := scoreNorm(p)
			if pt == "" || gt == "" {
				continue
			}
			r := 1.0
			if pt != gt {
				r = seqRatio([]rune(pt), []rune(gt))
			}
			if r >= 0.85 {
				pairs = append(pairs, pair{r, pi, gi})
			}
		}
	}
	// Python sorts the tuples (r, pi, gi) in reverse.
	sort.Slice(pairs, func(i, j int) bool {
		a, b := pairs[i], pairs[j]
		if a.r != b.r {
			return a.r > b.r
		}
		if a.pi != b.pi {
			return a.pi > b.pi
		}
		return a.gi > b.gi
	})
	usedP, usedG := map[int]bool{}, map[int]bool{}
	var out [][2]int
	for _, p := range pairs {
		if usedP[p.pi] || usedG[p.gi] {
			continue
		}
		usedP[p.pi], usedG[p.gi] = true, true
		out = append(out, [2]int{p.pi, p.gi})
	}
	return out
}

// seqRatio is difflib.SequenceMatcher(None, a, b).ratio(), including its
// automatic junk heuristic for sequences of 200 or more elements.
func seqRatio(a, b []rune) float64 {
	b2j := map[rune][]int{}
	for j, r := range b {
		b2j[r] = append(b2j[r], j)
	}
	if n := len(b); n >= 200 {
		ntest := n/100 + 1
		for r, idx := range b2j {
			if len(idx) > ntest {
				delete(b2j, r)
			}
		}
	}
	longest := func(alo, ahi, blo, bhi int) (int, int, int) {
		besti, bestj, bestsize := alo, blo, 0
		j2len := map[int]int{}
		for i := alo; i < ahi; i++ {
			newj2len := map[int]int{}
			for _, j := range b2j[a[i]] {
				if j < blo {
					continue
				}
				if j >= bhi {
					break
				}
				k := j2len[j-1] + 1
				newj2len[j] = k
				if k > bestsize {
					besti, bestj, bestsize = i-k+1, j-k+1, k
				}
			}
			j2len = newj2len
		}
		for besti > alo && bestj > blo && a[besti-1] == b[bestj-1] {
			besti, bestj, bestsize = besti-1, bestj-1, bestsize+1
		}
		for besti+bestsize < ahi && bestj+bestsize < bhi && a[besti+bestsize] == b[bestj+bestsize] {
			bestsize++
		}
		return besti, bestj, bestsize
	}
	matched := 0
	queue := [][4]int{{0, len(a), 0, len(b)}}
	for len(queue) > 0 {
		q := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		alo, ahi, blo, bhi := q[0], q[1], q[2], q[3]
		i, j, k := longest(alo, ahi, blo, bhi)
		if k == 0 {
			continue
		}
		matched += k
		if alo < i && blo < j {
			queue = append(queue, [4]int{alo, i, blo, j})
		}
		if i+k < ahi && j+k < bhi {
			queue = append(queue, [4]int{i + k, ahi, j + k, bhi})
		}
	}
	if len(a)+len(b) == 0 {
		return 1
	}
	return 2 * float64(matched) / float64(len(a)+len(b))
}
