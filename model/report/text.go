package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/brief-reader/brief/model"
)

// WriteText writes a plain-text brief of one article for reading in a
// terminal or a pipe: no markup, no color.
func WriteText(w io.Writer, a model.Article, b model.Brief) error {
	var s strings.Builder
	s.WriteString(a.Title + "\n")
	if meta := metaLine(a); meta != "" {
		s.WriteString(meta + "\n")
	}
	s.WriteString("\nKEY POINTS")
	if len(b.KeyPoints) > 0 && b.KeyPoints[0].Derived {
		s.WriteString(" (derived)")
	}
	s.WriteString("\n")
	if len(b.KeyPoints) == 0 {
		s.WriteString("  none\n")
	}
	for _, k := range b.KeyPoints {
		fmt.Fprintf(&s, "  • %s\n", k.Text)
	}
	s.WriteString("\nQUOTES\n")
	if len(b.Quotes) == 0 {
		s.WriteString("  No quotes in this article.\n")
	}
	for _, g := range GroupQuotes(b.Quotes) {
		s.WriteString("  " + speakerLabel(g.Speaker))
		if g.Role != "" {
			s.WriteString(" (" + g.Role + ")")
		}
		s.WriteString("\n")
		for _, q := range g.Quotes {
			fmt.Fprintf(&s, "    “%s”\n", q.Text)
		}
	}
	s.WriteString("\nPHASES\n")
	if len(b.Phases) == 0 {
		s.WriteString("  No phased plan in this article.\n")
	}
	for _, p := range b.Phases {
		fmt.Fprintf(&s, "  %d. %s", p.N, p.Label)
		if p.Duration != "" {
			fmt.Fprintf(&s, " [%s]", p.Duration)
		}
		fmt.Fprintf(&s, ": %s\n", p.Summary)
	}
	_, err := io.WriteString(w, s.String())
	return err
}
