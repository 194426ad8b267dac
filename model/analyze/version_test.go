package analyze_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/analyze"
	"github.com/brief-reader/brief/model/report"
	"github.com/brief-reader/brief/model/sample"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/testkit"
)

// versionFile records analyze.Version with a fingerprint of the briefs it
// makes: for each input article (by model.ContentHash), a hash of its
// brief.
const versionFile = "testdata/version.json"

type versionRecord struct {
	Version int               `json:"version"`
	Briefs  map[string]string `json:"briefs"` // content hash → brief hash
}

// fingerprintInputs loads the articles whose briefs are fingerprinted:
// the seed, the corpus's labelled texts, pages and feeds, 400 of the BBC
// bulk articles, and the embedded samples.
func fingerprintInputs(t *testing.T) []model.Article {
	corpus := testkit.Corpus(t)
	var paths []string
	for _, pattern := range []string{
		filepath.Join(filepath.Dir(corpus), "seeds", "text", "*.txt"),
		filepath.Join(corpus, "text", "*.txt"),
		filepath.Join(corpus, "html", "*.html"),
		filepath.Join(corpus, "feeds", "*"),
	} {
		m, err := filepath.Glob(pattern)
		require.NoError(t, err)
		paths = append(paths, m...)
	}
	bulk, err := filepath.Glob(filepath.Join(corpus, "bulk", "bbc-fulltext", "*", "*.txt"))
	require.NoError(t, err)
	slices.Sort(bulk)
	paths = append(paths, bulk[:min(400, len(bulk))]...)
	var arts []model.Article
	for _, p := range paths {
		got, err := source.LoadFile(p)
		require.NoError(t, err, p)
		arts = append(arts, got...)
	}
	samples, err := sample.Articles()
	require.NoError(t, err)
	return append(arts, samples...)
}

// TestVersionFollowsOutput fails when analysis makes a different brief of
// an input it has seen while analyze.Version stays the same: stored briefs
// of that version would then be wrong and never analysed again. A change
// of the loaders (another input) does not need a new version: the content
// hash of the article changes and its stored brief is redone anyway.
func TestVersionFollowsOutput(t *testing.T) {
	arts := fingerprintInputs(t)
	now := versionRecord{Version: analyze.Version, Briefs: make(map[string]string, len(arts))}
	for _, a := range arts {
		j, err := json.Marshal(report.NewRecord(model.Article{}, analyze.Analyze(a)))
		require.NoError(t, err)
		sum := sha256.Sum256(j)
		now.Briefs[model.ContentHash(a)] = hex.EncodeToString(sum[:8])
	}
	var was versionRecord
	if data, err := os.ReadFile(versionFile); err == nil {
		require.NoError(t, json.Unmarshal(data, &was))
	} else if !*update {
		t.Fatalf("%s is missing: run go test ./model/analyze -run TestVersionFollowsOutput -update", versionFile)
	}
	changed, known := 0, 0
	for h, b := range now.Briefs {
		if old, ok := was.Briefs[h]; ok {
			known++
			if old != b {
				changed++
			}
		}
	}
	if changed > 0 && was.Version == analyze.Version {
		t.Fatalf("analysis output changed for %d of %d known inputs but analyze.Version is still %d: "+
			"bump it (model/analyze/version.go), then run go test ./model/analyze -run TestVersionFollowsOutput -update",
			changed, known, analyze.Version)
	}
	if *update {
		data, err := json.MarshalIndent(now, "", "\t")
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(versionFile, append(data, '\n'), 0o644))
		return
	}
	if was.Version != analyze.Version {
		t.Fatalf("analyze.Version is %d but %s records %d: run go test ./model/analyze -run TestVersionFollowsOutput -update",
			analyze.Version, versionFile, was.Version)
	}
	if known*10 < len(now.Briefs)*9 {
		t.Fatalf("only %d of %d inputs are known to %s (the loaders changed them): record them with go test ./model/analyze -run TestVersionFollowsOutput -update",
			known, len(now.Briefs), versionFile)
	}
}
