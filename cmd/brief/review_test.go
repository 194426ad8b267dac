package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/brief-reader/brief/model/analyze"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/store/sqlite"
)

// reviewFixture writes the bridge story, corrects the speaker of its
// first quote to Eli Park (clerk), marks it checked, and undoes a note,
// all in the shared review of a fresh state database; it returns the
// story's path and the database.
func reviewFixture(t *testing.T) (path, db string) {
	t.Helper()
	dir := t.TempDir()
	path = writeFile(t, dir, "bridge.txt", []byte(story))
	db = filepath.Join(dir, "state.db")
	st, err := sqlite.OpenStore(db)
	require.NoError(t, err)
	defer st.Close()
	arts, err := source.LoadFile(path)
	require.NoError(t, err)
	a := arts[0]
	qs := analyze.Analyze(a).Quotes
	require.NotEmpty(t, qs)
	require.Equal(t, "Ines Varga", qs[0].Speaker, "the fixture's analysis")
	ctx := context.Background()
	u := st.User("SHA256:ana", store.WithReviewer("ana@desk"), store.WithSharedReview())
	q := store.QuoteOf(a, qs[0])
	_, err = u.CorrectSpeaker(ctx, q, "Eli Park", "clerk")
	require.NoError(t, err)
	_, err = u.ToggleQuoteMark(ctx, q, store.MarkChecked)
	require.NoError(t, err)
	_, err = u.SetQuoteNote(ctx, q, "ask for the tape")
	require.NoError(t, err)
	_, err = u.Undo(ctx)
	require.NoError(t, err)
	return path, db
}

func TestCorrectionsWinInQuotesExtractAndExport(t *testing.T) {
	path, db := reviewFixture(t)
	cfg := filepath.Join(t.TempDir(), "none.toml")

	out, _, err := run(t, "", "quotes", "--state", db, "--shared", path)
	require.NoError(t, err)
	assert.Contains(t, out, "Eli Park (clerk)")
	assert.Contains(t, out, "We have no choice")

	out, _, err = run(t, "", "extract", "--format", "json", "--state", db, "--shared", path)
	require.NoError(t, err)
	assert.Contains(t, out, `"Eli Park"`)

	out, _, err = run(t, "", "export", "--quotes", "--shared", "--state", db, "--config", cfg, "--format", "json", path)
	require.NoError(t, err)
	assert.Contains(t, out, "Eli Park")
	assert.NotContains(t, out, "Ines Varga", "the corrected quote is the only marked one")

	// Your own review has no corrections: the analysis stands.
	out, _, err = run(t, "", "quotes", "--state", db, path)
	require.NoError(t, err)
	assert.Contains(t, out, "Ines Varga")
	assert.NotContains(t, out, "Eli Park")
	// Without a state database extract prints the analysis.
	out, _, err = run(t, "", "extract", "--format", "json", path)
	require.NoError(t, err)
	assert.NotContains(t, out, "Eli Park")
}

// webStory is the bridge story as a page with a URL, its identity, which
// stays the same when the page changes.
const webStory = "---\ntitle: Harbour bridge to close for repairs\nurl: https://news.example/bridge\n---\n\n" +
	"The city will close the harbour bridge for six weeks from Monday, the transport office said.\n\n" +
	"“We have no choice,” said transport director Ines Varga. “The cables are worn.”\n"

func TestOrphanedCorrectionIsReportedNotApplied(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "bridge.md", []byte(webStory))
	db := filepath.Join(dir, "state.db")
	st, err := sqlite.OpenStore(db)
	require.NoError(t, err)
	arts, err := source.LoadFile(path)
	require.NoError(t, err)
	qs := analyze.Analyze(arts[0]).Quotes
	require.NotEmpty(t, qs)
	_, err = st.User(store.LocalUser).CorrectSpeaker(context.Background(), store.QuoteOf(arts[0], qs[0]), "Eli Park", "")
	require.NoError(t, err)
	require.NoError(t, st.Close())

	// The page changes: the corrected quote's words are gone, the
	// article (its URL) is the same.
	edited := strings.Replace(webStory, "We have no choice", "We had no other choice", 1)
	require.NoError(t, os.WriteFile(path, []byte(edited), 0o644))
	out, errOut, err := run(t, "", "quotes", "--state", db, path)
	require.NoError(t, err)
	assert.NotContains(t, out, "Eli Park", "never applied to another quote")
	assert.Contains(t, out, "Ines Varga")
	assert.Contains(t, errOut, "finds no quote")
	assert.Contains(t, errOut, "We have no choice")
}

func TestExportReviewJSONAndCSV(t *testing.T) {
	_, db := reviewFixture(t)
	cfg := filepath.Join(t.TempDir(), "none.toml")

	out, _, err := run(t, "", "export", "--review", "--state", db, "--config", cfg)
	require.NoError(t, err)
	var lines []reviewLine
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var rl reviewLine
		require.NoError(t, json.Unmarshal([]byte(l), &rl), l)
		lines = append(lines, rl)
	}
	require.Len(t, lines, 4, "correction, mark, note, the note's undo")
	assert.Equal(t, "speaker", lines[0].Change)
	assert.Equal(t, "", lines[0].Old)
	assert.Equal(t, "Eli Park, clerk", lines[0].New)
	assert.Equal(t, "ana@desk", lines[0].Reviewer)
	assert.Equal(t, "shared", lines[0].Review)
	assert.Equal(t, "Harbour bridge to close for repairs", lines[0].Article)
	assert.Equal(t, "We have no choice,", lines[0].Quote)
	assert.Equal(t, "mark", lines[1].Change)
	assert.Equal(t, "checked", lines[1].New)
	assert.Equal(t, "note", lines[2].Change)
	assert.False(t, lines[2].Undo)
	undo := lines[3]
	assert.True(t, undo.Undo)
	assert.Equal(t, "ask for the tape", undo.Old)
	assert.Equal(t, "", undo.New)
	assert.Equal(t, lines[2].Quote, undo.Quote, "an undo shows the quote of the change it reverts")

	out, _, err = run(t, "", "export", "--review", "--format", "csv", "--state", db, "--config", cfg)
	require.NoError(t, err)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 5)
	assert.Equal(t, reviewColumns, rows[0])
	assert.Equal(t, "Eli Park, clerk", rows[1][11])

	out, _, err = run(t, "", "export", "--review", "--since", "1ns", "--state", db, "--config", cfg)
	require.NoError(t, err)
	assert.Empty(t, strings.TrimSpace(out), "nothing in the last nanosecond")

	_, _, err = run(t, "", "export", "--review", "--format", "markdown", "--state", db, "--config", cfg)
	assert.ErrorContains(t, err, "want json or csv")
}

// TestExportQuotesWithNotes: --quotes exports the quotes with a mark or
// a note, each with both; in the shared review with who wrote the note.
func TestExportQuotesWithNotes(t *testing.T) {
	path, db := reviewFixture(t)
	cfg := filepath.Join(t.TempDir(), "none.toml")
	st, err := sqlite.OpenStore(db)
	require.NoError(t, err)
	arts, err := source.LoadFile(path)
	require.NoError(t, err)
	qs := analyze.Analyze(arts[0]).Quotes
	require.Greater(t, len(qs), 1, "the fixture's analysis")
	ctx := context.Background()
	shared := st.User("SHA256:bo", store.WithReviewer("bo@desk"), store.WithSharedReview())
	_, err = shared.SetQuoteNote(ctx, store.QuoteOf(arts[0], qs[1]), "second source?")
	require.NoError(t, err)
	_, err = st.User(store.LocalUser).SetQuoteNote(ctx, store.QuoteOf(arts[0], qs[1]), "mine only")
	require.NoError(t, err)
	require.NoError(t, st.Close())

	out, _, err := run(t, "", "export", "--quotes", "--shared", "--state", db, "--config", cfg, "--format", "json", path)
	require.NoError(t, err)
	var recs []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var r map[string]any
		require.NoError(t, json.Unmarshal([]byte(l), &r), l)
		recs = append(recs, r)
	}
	require.Len(t, recs, 2, "the marked quote and the one with a note")
	assert.Equal(t, "checked", recs[0]["mark"])
	assert.Nil(t, recs[0]["note"], "the first quote's note was undone")
	assert.Equal(t, qs[1].Text, recs[1]["quote"])
	assert.Nil(t, recs[1]["mark"])
	assert.Equal(t, "second source?", recs[1]["note"])
	assert.Equal(t, "bo@desk", recs[1]["note_by"])

	out, _, err = run(t, "", "export", "--quotes", "--shared", "--state", db, "--config", cfg, path)
	require.NoError(t, err)
	assert.Contains(t, out, "_Note by bo@desk:_ second source?")

	// One's own review: one's own note, nobody named.
	out, _, err = run(t, "", "export", "--quotes", "--state", db, "--config", cfg, "--format", "json", path)
	require.NoError(t, err)
	assert.Contains(t, out, `"note":"mine only"`)
	assert.NotContains(t, out, "note_by")
	assert.NotContains(t, out, "second source?")
}
