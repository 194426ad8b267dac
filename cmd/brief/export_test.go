package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/analyze"
	"github.com/brief-reader/brief/model/sample"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/store/sqlite"
)

const market = `Night market to move to the old docks

The night market will move to the old docks in spring, the city said on Friday.

“The docks give us room to grow,” said market manager Petra Holm. “Stalls will double.”
`

// exportFixture writes two articles, stars one, tags and notes it, marks
// one of its quotes, and returns the paths and the state database.
func exportFixture(t *testing.T) (bridge, marketPath, db string) {
	t.Helper()
	dir := t.TempDir()
	bridge = writeFile(t, dir, "bridge.txt", []byte(story))
	marketPath = writeFile(t, dir, "market.txt", []byte(market))
	db = filepath.Join(dir, "state.db")
	st, err := sqlite.OpenStore(db)
	require.NoError(t, err)
	defer st.Close()
	ctx := context.Background()
	arts, err := source.LoadFile(marketPath)
	require.NoError(t, err)
	a := arts[0]
	id := model.ArticleID(a)
	u := st.User(store.LocalUser)
	_, err = u.ToggleStarred(ctx, id)
	require.NoError(t, err)
	_, err = u.AddTag(ctx, []string{id}, "city")
	require.NoError(t, err)
	_, err = u.SetNote(ctx, id, "Check the stall count")
	require.NoError(t, err)
	qs := analyze.Analyze(a).Quotes
	require.NotEmpty(t, qs)
	_, err = u.SetQuoteMark(ctx, store.QuoteOf(a, qs[len(qs)-1]), store.MarkStarred)
	require.NoError(t, err)
	return bridge, marketPath, db
}

func TestExportStarredDigest(t *testing.T) {
	bridge, marketPath, db := exportFixture(t)
	cfg := filepath.Join(t.TempDir(), "none.toml")
	out, errOut, err := run(t, "", "export", "--state", db, "--config", cfg, "--starred", bridge, marketPath)
	require.NoError(t, err, errOut)
	assert.Contains(t, out, "Night market to move to the old docks")
	assert.NotContains(t, out, "Harbour bridge", "only starred articles")
	assert.Contains(t, out, "Check the stall count")
	assert.Contains(t, out, "city")
	assert.Contains(t, out, "Stalls will double.", "the chosen quote")
	assert.NotContains(t, out, "room to grow", "unchosen quotes of an article with a chosen one are left out")

	out, _, err = run(t, "", "export", "--state", db, "--config", cfg, "--format", "json", bridge, marketPath)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	assert.Len(t, lines, 2, "without filters every unarchived article")
	out, _, err = run(t, "", "export", "--state", db, "--config", cfg, "--tag", "city", "--format", "json", bridge, marketPath)
	require.NoError(t, err)
	var rec map[string]any
	require.NoError(t, json.Unmarshal([]byte(strings.TrimSpace(out)), &rec))
	assert.Equal(t, "Check the stall count", rec["note"])
	assert.Equal(t, []any{"city"}, rec["tags"])
}

func TestExportQuotes(t *testing.T) {
	bridge, marketPath, db := exportFixture(t)
	cfg := filepath.Join(t.TempDir(), "none.toml")
	out, _, err := run(t, "", "export", "--quotes", "--format", "json", "--state", db, "--config", cfg, bridge, marketPath)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 1, "only marked quotes")
	var rec map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &rec))
	assert.Equal(t, "Stalls will double.", rec["quote"])
	assert.Equal(t, "Petra Holm", rec["speaker"])
	assert.Equal(t, "starred", rec["mark"])
	assert.Equal(t, "Night market to move to the old docks", rec["title"])

	out, _, err = run(t, "", "export", "--quotes", "--speaker", "nobody", "--state", db, "--config", cfg, bridge, marketPath)
	require.NoError(t, err)
	assert.Contains(t, out, "No quotes to export")
}

// TestExportSinceLeavesUndatedOut: an undated article may be years old,
// so --since leaves it out, even when brief first saw it today.
func TestExportSinceLeavesUndatedOut(t *testing.T) {
	bridge, marketPath, db := exportFixture(t)
	cfg := filepath.Join(t.TempDir(), "none.toml")
	out, _, err := run(t, "", "export", "--state", db, "--config", cfg, "--since", "24h", "--format", "json", bridge, marketPath)
	require.NoError(t, err)
	assert.NotContains(t, out, "Night market", "an undated article listed by --since")
}

// TestExportWithoutPathUsesTheLibrary: with no PATH, export works on the
// library the reader shows without one (the config's library, else the
// sample articles) and on what the store keeps, so a star set in the
// reader is exported.
func TestExportWithoutPathUsesTheLibrary(t *testing.T) {
	arts, err := sample.Articles()
	require.NoError(t, err)
	db := filepath.Join(t.TempDir(), "state.db")
	st, err := sqlite.OpenStore(db)
	require.NoError(t, err)
	_, err = st.User(store.LocalUser).ToggleStarred(context.Background(), model.ArticleID(arts[0]))
	require.NoError(t, err)
	require.NoError(t, st.Close())

	cfg := filepath.Join(t.TempDir(), "none.toml")
	out, errOut, err := run(t, "", "export", "--state", db, "--config", cfg, "--starred")
	require.NoError(t, err, errOut)
	assert.Contains(t, out, arts[0].Title)
	assert.NotContains(t, out, "Nothing to export")
}

// TestExportFrontMatterTag: tags from an article's front matter are its
// tags in export too.
func TestExportFrontMatterTag(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "drill.md", []byte("---\ntitle: Tsunami drill in Kamaishi\ntags: [japan, 防災]\n---\n\nThe city held its yearly tsunami drill on Sunday, with every school taking part.\n"))
	cfg := filepath.Join(dir, "none.toml")
	out, errOut, err := run(t, "", "export", "--state", filepath.Join(dir, "state.db"), "--config", cfg, "--tag", "japan", path)
	require.NoError(t, err, errOut)
	assert.Contains(t, out, "Tsunami drill in Kamaishi")
	assert.Contains(t, out, "防災")
}
