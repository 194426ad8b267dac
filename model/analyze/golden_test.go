package analyze_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/brief-reader/brief/model/analyze"
	"github.com/brief-reader/brief/model/report"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/testkit"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestSeedGolden pins the whole brief of the article the project started
// from (../shared/seeds) and checks its essentials: the four key points of
// its own section, all eight quotes attributed, three phases in order.
func TestSeedGolden(t *testing.T) {
	seeds := filepath.Join(filepath.Dir(testkit.Corpus(t)), "seeds", "text")
	files, err := filepath.Glob(filepath.Join(seeds, "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "no seed article in %s", seeds)
	arts, err := source.LoadFile(files[0])
	require.NoError(t, err)
	a := arts[0]
	b := analyze.Analyze(a)

	assert.Equal(t, "What You Need To Know", b.KeyPointsHeading)
	require.Len(t, b.KeyPoints, 4)
	for _, k := range b.KeyPoints {
		assert.False(t, k.Derived)
	}
	require.Len(t, b.Quotes, 8)
	for _, q := range b.Quotes {
		assert.NotEmpty(t, q.Speaker, "quote %q is attributed", q.Text)
	}
	assert.Equal(t, "John Kirby", b.Quotes[0].Speaker)
	require.Len(t, b.Phases, 3)
	assert.Equal(t, "six weeks", b.Phases[0].Duration)
	assert.Equal(t, "final phase", b.Phases[2].Label)

	a.Origin = "seed.txt" // the golden file must not depend on where the seeds live
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(report.NewRecord(a, b)))
	golden := filepath.Join("testdata", "golden", "seed.json")
	if *update {
		require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test -run TestSeedGolden -update to create it")
	assert.Equal(t, string(want), buf.String())
}
