package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExtractNeverEmitsControls runs extract on a crafted article full of
// escape sequences (testdata/hostile.md) in every format: nothing but
// newlines may reach the output as a control character, and the article
// is still analysed.
func TestExtractNeverEmitsControls(t *testing.T) {
	path := filepath.Join("..", "..", "testdata", "hostile.md")
	for _, format := range []string{"text", "markdown", "json"} {
		t.Run(format, func(t *testing.T) {
			out, errOut, err := run(t, "", "extract", "--format", format, path)
			require.NoError(t, err, errOut)
			for _, r := range out {
				if r != '\n' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e)) {
					t.Fatalf("control %U in %s output:\n%q", r, format, out)
				}
			}
			assert.Contains(t, out, "Ola Berg")
			assert.NotContains(t, strings.ToLower(out), "javascript:")
		})
	}
}
