package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// run executes brief with args and stdin, returning stdout, stderr and the
// error Execute returned.
func run(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	cmd := newRootCmd()
	var out, errOut bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	cmd.SetIn(strings.NewReader(stdin))
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), errOut.String(), err
}

const story = `Harbour bridge to close for repairs

The city will close the harbour bridge for six weeks from Monday, the transport office said.

“We have no choice,” said transport director Ines Varga. “The cables are worn.”

The first phase of the repairs would last six weeks. The second phase would repaint the towers.
`

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, data, 0o644))
	return p
}

func TestExtractJSON(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "bridge.txt", []byte(story))
	out, errOut, err := run(t, "", "extract", "--format", "json", good)
	require.NoError(t, err)
	assert.Empty(t, errOut)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 1, "one JSON line per article")
	var rec map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &rec))
	assert.Equal(t, good, rec["source"])
	assert.Equal(t, "Harbour bridge to close for repairs", rec["title"])
	for _, field := range []string{"key_points", "quotes", "phases", "people"} {
		assert.IsType(t, []any{}, rec[field], field)
	}
	phases := rec["phases"].([]any)
	require.Len(t, phases, 2)
	first := phases[0].(map[string]any)
	assert.Equal(t, float64(1), first["n"])
	assert.Equal(t, "six weeks", first["duration"])
	kps := rec["key_points"].([]any)
	require.NotEmpty(t, kps)
	assert.Equal(t, true, kps[0].(map[string]any)["derived"])
}

func TestExtractBadSourcesAreReportedAndOthersStillPrinted(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "bridge.txt", []byte(story))
	empty := writeFile(t, dir, "empty.txt", nil)
	binary := writeFile(t, dir, "image.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"))
	missing := filepath.Join(dir, "missing.txt")
	out, errOut, err := run(t, "", "extract", "-f", "json", missing, empty, good, binary)
	require.Error(t, err, "exit status 1 when a source failed")
	assert.Equal(t, 1, strings.Count(strings.TrimSpace(out), "\n")+1, "the good file is still printed")
	assert.Contains(t, out, "Harbour bridge")
	errLines := strings.Split(strings.TrimSpace(errOut), "\n")
	require.Len(t, errLines, 3, errOut)
	assert.Contains(t, errLines[0], missing)
	assert.Contains(t, errLines[0], "no such file")
	assert.Contains(t, errLines[1], empty)
	assert.Contains(t, errLines[1], "empty")
	assert.Contains(t, errLines[2], binary)
	assert.Contains(t, errLines[2], "binary")
}

func TestExtractStdinAndFormats(t *testing.T) {
	for _, format := range []string{"text", "markdown", "json"} {
		t.Run(format, func(t *testing.T) {
			out, _, err := run(t, story, "extract", "--format", format, "-")
			require.NoError(t, err)
			assert.Contains(t, out, "Harbour bridge to close for repairs")
			assert.Contains(t, out, "Ines Varga")
		})
	}
	_, _, err := run(t, story, "extract", "--format", "yaml", "-")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "yaml")
}

func TestHelpShowsExamples(t *testing.T) {
	out, _, err := run(t, "", "--help")
	require.NoError(t, err)
	assert.Contains(t, out, "Examples:")
	assert.Contains(t, out, "extract")
	out, _, err = run(t, "", "help", "extract")
	require.NoError(t, err)
	assert.Contains(t, out, "--format")
	assert.Contains(t, out, "Examples:")
	assert.Contains(t, out, "jq")
}

func TestExtractKeepsInputOrder(t *testing.T) {
	dir := t.TempDir()
	var want strings.Builder
	for i := range 30 {
		body := strings.Replace(story, "Harbour bridge", fmt.Sprintf("Bridge %02d", i), 1)
		p := writeFile(t, dir, fmt.Sprintf("%02d.txt", i), []byte(body))
		out, _, err := run(t, "", "extract", "--format", "json", p)
		require.NoError(t, err)
		want.WriteString(out)
	}
	got, errOut, err := run(t, "", "extract", "--format", "json", dir)
	require.NoError(t, err)
	assert.Empty(t, errOut)
	assert.Equal(t, want.String(), got, "the same output as one file after another")
}

func TestMaxSizeFlag(t *testing.T) {
	dir := t.TempDir()
	big := writeFile(t, dir, "big.txt", []byte(story+strings.Repeat("More words in a long story.\n\n", 100)))
	_, errOut, err := run(t, "", "extract", "--max-size", "page=1KiB", big)
	require.ErrorIs(t, err, errSilent)
	assert.Contains(t, errOut, big+": too large: more than the 1.0 KiB cap for a page (raise it with --max-size page=SIZE")
	out, _, err := run(t, "", "extract", "--max-size", "page=1KiB", "--max-size", "4KiB", big)
	require.NoError(t, err)
	assert.Contains(t, out, "Harbour bridge")
	_, _, err = run(t, "", "extract", "--max-size", "video=1KiB", big)
	assert.ErrorContains(t, err, `--max-size video=1KiB: unknown kind "video"`)
}

// TestExtractEmptyFolder: a folder with no article says so on stderr and
// exits 1, rather than printing nothing and succeeding.
func TestExtractEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	out, errOut, err := run(t, "", "extract", dir)
	if err == nil {
		t.Error("extract of an empty folder succeeded")
	}
	if out != "" || !strings.Contains(errOut, "no articles found in "+dir) {
		t.Errorf("stdout %q, stderr %q", out, errOut)
	}
}

// TestExtractErrorsInPlace: with standard output and standard error on
// one stream (2>&1), a source's error comes after the briefs of the
// sources before it and before those after it, in every format.
func TestExtractErrorsInPlace(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for i := range 6 {
		body := []byte(strings.Replace(story, "Harbour bridge", fmt.Sprintf("Bridge %02d", i), 1))
		if i == 3 {
			body = nil // empty: an error
		}
		paths = append(paths, writeFile(t, dir, fmt.Sprintf("%02d.txt", i), body))
	}
	for _, format := range []string{"text", "markdown", "json"} {
		t.Run(format, func(t *testing.T) {
			cmd := newRootCmd()
			var both bytes.Buffer
			cmd.SetOut(&both)
			cmd.SetErr(&both)
			cmd.SetArgs([]string{"extract", "--format", format, dir})
			require.ErrorIs(t, cmd.Execute(), errSilent)
			s := both.String()
			at := strings.Index(s, "brief: "+paths[3])
			require.GreaterOrEqual(t, at, 0, s)
			for i := range 6 {
				if i == 3 {
					continue
				}
				title := strings.Index(s, fmt.Sprintf("Bridge %02d", i))
				require.GreaterOrEqual(t, title, 0, "brief %d", i)
				assert.Equal(t, i > 3, title > at, "brief %d against the error:\n%s", i, s)
			}
		})
	}
}
