package render

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// DraftBody is an article's body as plain text, each paragraph wrapped
// at width and followed by a blank line: what the reader shows for the
// few milliseconds before glamour's rendering is in, so that its first
// frame waits for neither the renderer nor its styles. It is one block
// of sanitized lines.
func DraftBody(paras []string, width int) *Body {
	width = max(width, 1)
	var lines []string
	for i, p := range paras {
		if i > 0 {
			lines = append(lines, "")
		}
		p = Plain(p)
		if strings.TrimSpace(p) == "" {
			continue
		}
		lines = append(lines, strings.Split(ansi.Wrap(p, width, ""), "\n")...)
	}
	b := NewBody(nil, width)
	b.Add([][]string{lines})
	return b
}
