package analyze_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/analyze"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/testkit"
)

// Minimums the analysis must reach on the labelled corpus (issue 2 §5).
const (
	minQuoteF1      = 0.95
	minSpeaker      = 0.85
	minKeyPoints    = 0.95
	minPhaseMatches = 0.90
)

// label is one hand-made label file (../shared/corpus/README.md).
type label struct {
	KeyPoints []string `json:"key_points"`
	Quotes    []struct {
		Text    string  `json:"text"`
		Speaker *string `json:"speaker"`
	} `json:"quotes"`
	Phases *[]json.RawMessage `json:"phases"`
}

// labelledSets returns the corpus and, beside it, the seeds: each a folder
// with text/ and labels/.
func labelledSets(t testing.TB) []string {
	corpus := testkit.Corpus(t)
	sets := []string{corpus}
	seeds := filepath.Join(filepath.Dir(corpus), "seeds")
	if _, err := os.Stat(filepath.Join(seeds, "labels")); err == nil {
		sets = append(sets, seeds)
	}
	return sets
}

// scores accumulates the corpus metrics the way score.py does.
type scores struct {
	tp, fp, fn           int
	spkOK, spkN, spkSur  int
	kpOK, kpN, phOK, phN int
}

func (s scores) f1() (p, r, f float64) {
	if s.tp+s.fp > 0 {
		p = float64(s.tp) / float64(s.tp+s.fp)
	}
	if s.tp+s.fn > 0 {
		r = float64(s.tp) / float64(s.tp+s.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

func ratio(ok, n int) float64 {
	if n == 0 {
		return 1
	}
	return float64(ok) / float64(n)
}

// TestCorpus scores analysis against every labelled article and fails
// below the project's minimums. It prints a per-article table and the
// summary line score.py prints.
func TestCorpus(t *testing.T) {
	var total scores
	var table strings.Builder
	for _, set := range labelledSets(t) {
		labels, err := filepath.Glob(filepath.Join(set, "labels", "*.json"))
		if err != nil || len(labels) == 0 {
			t.Fatalf("no labels in %s: %v", set, err)
		}
		for _, lf := range labels {
			name := strings.TrimSuffix(filepath.Base(lf), ".json")
			txt := filepath.Join(set, "text", name+".txt")
			if _, err := os.Stat(txt); err != nil {
				continue
			}
			var gold label
			data, err := os.ReadFile(lf)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, &gold); err != nil {
				t.Fatalf("%s: %v", lf, err)
			}
			arts, err := source.LoadFile(txt)
			if err != nil {
				t.Errorf("%s: %v", txt, err)
				continue
			}
			b := analyze.Analyze(arts[0])
			row := scoreArticle(&total, gold, b)
			fmt.Fprintf(&table, "%-44s %s\n", name, row)
		}
	}
	p, r, f := total.f1()
	var spk, sur float64 // score.py reports 0 when no quote matched
	if total.spkN > 0 {
		spk, sur = ratio(total.spkOK, total.spkN), ratio(total.spkSur, total.spkN)
	}
	kp := ratio(total.kpOK, total.kpN)
	ph := ratio(total.phOK, total.phN)
	t.Logf("\n%squote P %.3f R %.3f F1 %.3f | speaker %.3f (surname %.3f) | key points %.3f | phases %.3f",
		table.String(), p, r, f, spk, sur, kp, ph)
	if f < minQuoteF1 {
		t.Errorf("quote F1 %.3f below %.2f", f, minQuoteF1)
	}
	if spk < minSpeaker {
		t.Errorf("speaker accuracy %.3f below %.2f", spk, minSpeaker)
	}
	if kp < minKeyPoints {
		t.Errorf("key points exact-match rate %.3f below %.2f", kp, minKeyPoints)
	}
	if ph < minPhaseMatches {
		t.Errorf("phases exact-match rate %.3f below %.2f", ph, minPhaseMatches)
	}
}

// scoreArticle adds one article's figures to total and returns its row.
func scoreArticle(total *scores, gold label, b model.Brief) string {
	pred := make([]string, len(b.Quotes))
	for i, q := range b.Quotes {
		pred[i] = q.Text
	}
	goldText := make([]string, len(gold.Quotes))
	for i, q := range gold.Quotes {
		goldText[i] = q.Text
	}
	m := scoreMatch(pred, goldText)
	total.tp += len(m)
	total.fp += len(pred) - len(m)
	total.fn += len(goldText) - len(m)
	ok, n := 0, 0
	for _, pg := range m {
		gs := gold.Quotes[pg[1]].Speaker
		if gs == nil {
			continue
		}
		n++
		ps := b.Quotes[pg[0]].Speaker
		if scoreNameOK(ps, *gs) {
			ok++
		}
		if scoreSurnameOK(ps, *gs) {
			total.spkSur++
		}
	}
	total.spkOK += ok
	total.spkN += n
	kpCol := "-"
	if len(gold.KeyPoints) > 0 {
		total.kpN++
		var pk []string
		for _, k := range b.KeyPoints {
			if !k.Derived {
				pk = append(pk, scoreNorm(k.Text))
			}
		}
		same := len(pk) == len(gold.KeyPoints)
		for i := 0; same && i < len(pk); i++ {
			same = pk[i] == scoreNorm(gold.KeyPoints[i])
		}
		kpCol = "MISS"
		if same {
			total.kpOK++
			kpCol = "ok"
		}
	}
	phCol := "-"
	if gold.Phases != nil {
		total.phN++
		if len(*gold.Phases) == len(b.Phases) {
			total.phOK++
		}
		phCol = fmt.Sprint(len(*gold.Phases))
	}
	return fmt.Sprintf("quotes gold %3d pred %3d matched %3d  speaker %d/%d  kp %-4s  phases gold %s pred %d",
		len(goldText), len(pred), len(m), ok, n, kpCol, phCol, len(b.Phases))
}
