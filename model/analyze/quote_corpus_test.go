package analyze

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/testkit"
)

// quoteScoreLabel is the part of a corpus label the quote score reads.
type quoteScoreLabel struct {
	Quotes []struct {
		Text    string  `json:"text"`
		Speaker *string `json:"speaker"`
	} `json:"quotes"`
}

var quoteScoreBlank = regexp.MustCompile(`\n[ \t]*\n`)

// quoteScoreLoad reads a corpus text: a headline line, then blank-line
// separated paragraphs; seeds have no headline.
func quoteScoreLoad(path string, headline bool) []string {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	if headline {
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			s = s[i+1:]
		}
	}
	var paras []string
	for _, b := range quoteScoreBlank.Split(s, -1) {
		if b = strings.TrimSpace(b); b != "" {
			for _, line := range strings.Split(b, "\n") {
				if line = strings.TrimSpace(line); line != "" {
					paras = append(paras, line)
				}
			}
		}
	}
	return paras
}

// quoteScoreNorm folds text the way score.py does.
func quoteScoreNorm(s string) string {
	r := strings.NewReplacer("“", `"`, "”", `"`, "‘", "'", "’", "'", "—", "-", "–", "-", "\u00a0", " ")
	s = strings.ToLower(strings.Join(strings.Fields(r.Replace(s)), " "))
	return strings.Trim(s, " \"'.,;:!?-…")
}

// quoteScoreRatio is difflib's SequenceMatcher ratio without junk
// heuristics: 2*matches / total length.
func quoteScoreRatio(a, b []rune) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	var m func(a, b []rune) int
	m = func(a, b []rune) int {
		best, bi, bj := 0, 0, 0
		prev := make([]int, len(b)+1)
		cur := make([]int, len(b)+1)
		for i := 1; i <= len(a); i++ {
			for j := 1; j <= len(b); j++ {
				if a[i-1] == b[j-1] {
					cur[j] = prev[j-1] + 1
					if cur[j] > best {
						best, bi, bj = cur[j], i-cur[j], j-cur[j]
					}
				} else {
					cur[j] = 0
				}
			}
			prev, cur = cur, prev
		}
		if best == 0 {
			return 0
		}
		return best + m(a[:bi], b[:bj]) + m(a[bi+best:], b[bj+best:])
	}
	return 2 * float64(m(a, b)) / float64(len(a)+len(b))
}

// quoteScoreMatch pairs predicted and gold quotes one to one, best
// similarity first, at 0.85 or more.
func quoteScoreMatch(pred []model.Quote, gold []string) map[int]int {
	type pair struct {
		r      float64
		pi, gi int
	}
	var ps []pair
	for gi, g := range gold {
		gt := []rune(quoteScoreNorm(g))
		for pi, p := range pred {
			pt := []rune(quoteScoreNorm(p.Text))
			if len(pt) == 0 || len(gt) == 0 {
				continue
			}
			r := 1.0
			if string(pt) != string(gt) {
				r = quoteScoreRatio(pt, gt)
			}
			if r >= 0.85 {
				ps = append(ps, pair{r, pi, gi})
			}
		}
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].r > ps[j].r })
	out := map[int]int{}
	usedP := map[int]bool{}
	for _, p := range ps {
		if usedP[p.pi] {
			continue
		}
		if _, ok := out[p.gi]; ok {
			continue
		}
		usedP[p.pi] = true
		out[p.gi] = p.pi
	}
	return out
}

// TestQuoteCorpus scores quotes and speakers against every corpus label
// and prints a per-article table with each miss. It reports, and does not
// enforce, the targets: the official gate is the corpus test.
func TestQuoteCorpus(t *testing.T) {
	dir := testkit.Corpus(t)
	type set struct {
		dir      string
		headline bool
	}
	sets := []set{{dir, true}, {filepath.Join(filepath.Dir(dir), "seeds"), false}}
	var tp, fp, fn, spOK, spN int
	var out strings.Builder
	verbose := os.Getenv("QUOTE_SCORE_V") != ""
	for _, s := range sets {
		labels, _ := filepath.Glob(filepath.Join(s.dir, "labels", "*.json"))
		for _, lf := range labels {
			name := strings.TrimSuffix(filepath.Base(lf), ".json")
			paras := quoteScoreLoad(filepath.Join(s.dir, "text", name+".txt"), s.headline)
			if paras == nil {
				continue
			}
			var gold quoteScoreLabel
			data, _ := os.ReadFile(lf)
			if err := json.Unmarshal(data, &gold); err != nil {
				t.Fatal(err)
			}
			quotes, _ := quotesAndPeople(newDocument(paras), "")
			var gt []string
			for _, g := range gold.Quotes {
				gt = append(gt, g.Text)
			}
			m := quoteScoreMatch(quotes, gt)
			matchedP := map[int]bool{}
			aOK, aN := 0, 0
			var miss strings.Builder
			for gi, g := range gold.Quotes {
				pi, ok := m[gi]
				if !ok {
					fmt.Fprintf(&miss, "    MISSED  %q (%v)\n", g.Text, deref(g.Speaker))
					continue
				}
				matchedP[pi] = true
				if g.Speaker == nil {
					continue
				}
				aN++
				if quoteScoreNorm(quotes[pi].Speaker) == quoteScoreNorm(*g.Speaker) {
					aOK++
				} else {
					fmt.Fprintf(&miss, "    SPEAKER %q: got %q want %q\n", short(g.Text), quotes[pi].Speaker, *g.Speaker)
				}
			}
			for pi, q := range quotes {
				if !matchedP[pi] {
					fmt.Fprintf(&miss, "    EXTRA   %q (%s)\n", q.Text, q.Speaker)
				}
			}
			tp += len(m)
			fp += len(quotes) - len(m)
			fn += len(gold.Quotes) - len(m)
			spOK += aOK
			spN += aN
			fmt.Fprintf(&out, "%-48s gold %3d pred %3d matched %3d speaker %2d/%2d\n", name, len(gold.Quotes), len(quotes), len(m), aOK, aN)
			if verbose {
				out.WriteString(miss.String())
			}
		}
	}
	p := float64(tp) / float64(max(tp+fp, 1))
	r := float64(tp) / float64(max(tp+fn, 1))
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	t.Logf("\n%squote P %.3f R %.3f F1 %.3f | speaker %.3f (%d/%d)", out.String(), p, r, f, float64(spOK)/float64(max(spN, 1)), spOK, spN)
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func short(s string) string {
	if len(s) > 50 {
		return s[:50] + "…"
	}
	return s
}

// TestQuoteScoreDebug prints, for the corpus article whose name contains
// $QUOTE_DEBUG, each sentence with its subject and attributions.
func TestQuoteScoreDebug(t *testing.T) {
	want := os.Getenv("QUOTE_DEBUG")
	if want == "" {
		t.Skip("set QUOTE_DEBUG to part of an article name")
	}
	dir := testkit.Corpus(t)
	files, _ := filepath.Glob(filepath.Join(dir, "text", "*"+want+"*.txt"))
	for _, f := range files {
		doc := newDocument(quoteScoreLoad(f, true))
		st := &qstate{doc: doc, reg: newRegistry(), qs: make([][]quoteSpan, len(doc.paras))}
		st.tokenizeAll()
		st.registerNames()
		for _, e := range st.reg.ents {
			t.Logf("ENT %q role=%q kind=%s g=%c full=%v title=%v", e.name, e.role, e.kind, e.gender+' '*byte(1-min(1, int(e.gender))), e.full, e.titleForm)
		}
		for si := range st.sents {
			s := st.sents[si]
			main, _ := st.sentenceSubject(s.toks, s.para, nil)
			attrs := st.attributions(s.toks, s.para, main, 0, nil)
			var b strings.Builder
			if main != nil {
				fmt.Fprintf(&b, " main=%q", main.name)
			}
			for _, a := range attrs {
				n := "<nil>"
				if a.ent != nil {
					n = a.ent.name
				}
				fmt.Fprintf(&b, " [%s -> %s]", s.toks[a.verb].s, n)
			}
			t.Logf("p%d %q%s", s.para, short(doc.paras[s.para].text[s.span.Start:s.span.End]), b.String())
			st.analyzeSentence(si)
		}
	}
}
