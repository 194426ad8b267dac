package analyze_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brief-reader/brief/model/analyze"
	"github.com/brief-reader/brief/model/source"
)

// Floors on the PolNeAR train split (issue 11): the figures the analysis
// reached, less a small margin, so that a change that loses ground on
// unseen-style news fails here even when the corpus stays perfect.
const (
	polnearMinF1      = 0.93
	polnearMinSpeaker = 0.87
)

// TestPolNeAR scores analysis against a PolNeAR split built by
// ../shared/tools/polnear_build.py (scripts/score-polnear builds the train
// split) into the folder $BRIEF_POLNEAR, the same way score.py does. The
// texts and labels stay outside the repository: PolNeAR states no licence
// for them.
func TestPolNeAR(t *testing.T) {
	dir := os.Getenv("BRIEF_POLNEAR")
	if dir == "" {
		t.Skip("BRIEF_POLNEAR is not set: build the PolNeAR train split with scripts/score-polnear and set it to that folder")
	}
	labels, err := filepath.Glob(filepath.Join(dir, "labels", "*.json"))
	if err != nil || len(labels) == 0 {
		t.Fatalf("BRIEF_POLNEAR=%s holds no labels/*.json: %v", dir, err)
	}
	var total scores
	for _, lf := range labels {
		name := strings.TrimSuffix(filepath.Base(lf), ".json")
		data, err := os.ReadFile(lf)
		if err != nil {
			t.Fatal(err)
		}
		var gold label
		if err := json.Unmarshal(data, &gold); err != nil {
			t.Fatalf("%s: %v", lf, err)
		}
		arts, err := source.LoadFile(filepath.Join(dir, "text", name+".txt"))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		scoreArticle(&total, gold, analyze.Analyze(arts[0]))
	}
	p, r, f := total.f1()
	spk := ratio(total.spkOK, total.spkN)
	t.Log(fmt.Sprintf("%d articles: quote P %.3f R %.3f F1 %.3f | speaker %.3f (surname %.3f)",
		len(labels), p, r, f, spk, ratio(total.spkSur, total.spkN)))
	if f < polnearMinF1 {
		t.Errorf("quote F1 %.3f below %.2f", f, polnearMinF1)
	}
	if spk < polnearMinSpeaker {
		t.Errorf("speaker accuracy %.3f below %.2f", spk, polnearMinSpeaker)
	}
}
