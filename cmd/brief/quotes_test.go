package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQuotesIndexAcrossArticles(t *testing.T) {
	dir := t.TempDir()
	bridge := writeFile(t, dir, "bridge.txt", []byte(story))
	second := writeFile(t, dir, "tolls.txt", []byte("Bridge tolls to rise\n\nTransport director Ines Varga said on Monday that tolls would rise.\n\n“Repairs cost money,” Varga said.\n"))
	out, _, err := run(t, "", "quotes", "--format", "json", bridge, second)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.NotEmpty(t, lines)
	var first map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &first))
	assert.Equal(t, "Ines Varga", first["speaker"], "the most quoted speaker comes first")
	assert.Equal(t, float64(3), first["quotes"])
	assert.Equal(t, float64(2), first["articles"], "merged across articles by full name")

	out, _, err = run(t, "", "quotes", "--speaker", "ines varga", bridge, second)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(out, "Ines Varga"), out)
	assert.Contains(t, out, "“Repairs cost money,”")
	assert.Contains(t, out, "— Bridge tolls to rise")
}
