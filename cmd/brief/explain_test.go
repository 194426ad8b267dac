package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const pronounStory = `Ferry talks resume

Harbour master Oskar Lind met the ferry owners on Monday.

“We will sail again in May,” he said.
`

func TestExtractExplainText(t *testing.T) {
	p := writeFile(t, t.TempDir(), "ferry.txt", []byte(pronounStory))
	out, errOut, err := run(t, "", "extract", "--explain", p)
	require.NoError(t, err)
	assert.Empty(t, errOut)
	assert.Contains(t, out, "→ Oskar Lind [attribution; verb \"said\"; subject \"he\" (pronoun)]")
	// The pronoun's candidates are listed with their features.
	assert.Regexp(t, `\d+\.\d\d  Oskar Lind: recency 0\.50×-?\d+\.\d\d subject 1\.00×-?\d+\.\d\d`, out)
}

func TestExtractExplainJSON(t *testing.T) {
	p := writeFile(t, t.TempDir(), "ferry.txt", []byte(pronounStory))
	out, _, err := run(t, "", "extract", "--explain", "--format", "json", p)
	require.NoError(t, err)
	var rec struct {
		Source string `json:"source"`
		Quotes []struct {
			Rule       string `json:"rule"`
			Ref        string `json:"ref"`
			Candidates []struct {
				Name     string  `json:"name"`
				Score    float64 `json:"score"`
				Features []struct {
					Name   string  `json:"name"`
					Value  float64 `json:"value"`
					Weight float64 `json:"weight"`
				} `json:"features"`
			} `json:"candidates"`
		} `json:"quotes"`
	}
	require.NoError(t, json.Unmarshal([]byte(strings.TrimSpace(out)), &rec))
	assert.Equal(t, p, rec.Source)
	require.Len(t, rec.Quotes, 1)
	q := rec.Quotes[0]
	assert.Equal(t, "attribution", q.Rule)
	assert.Equal(t, "pronoun", q.Ref)
	require.NotEmpty(t, q.Candidates)
	// The score is the weighted sum of the features shown.
	for _, c := range q.Candidates {
		sum := 0.0
		for _, f := range c.Features {
			sum += f.Value * f.Weight
		}
		assert.InDelta(t, c.Score, sum, 1e-4, c.Name)
	}
}
