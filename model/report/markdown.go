package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/brief-reader/brief/model"
)

// Sentence is a quote's words as they read on their own: the comma or
// semicolon that led back into the writer's sentence ("…on the
// peninsula," she said) becomes a full stop, or goes from a fragment.
func Sentence(q model.Quote) string {
	t := strings.TrimSpace(q.Text)
	trimmed := strings.TrimRight(t, ",;: ")
	if trimmed == t {
		return t
	}
	if q.Partial || trimmed == "" || strings.ContainsAny(trimmed[len(trimmed)-1:], ".!?…") {
		return trimmed
	}
	return trimmed + "."
}

// WriteMarkdown writes a readable brief of one article in Markdown: a
// heading with the title, the source line, then key points, quotes grouped
// by run of speaker, and phases.
func WriteMarkdown(w io.Writer, a model.Article, b model.Brief) error {
	var s strings.Builder
	fmt.Fprintf(&s, "## %s\n\n", mdInline(a.Title))
	if meta := metaLine(a); meta != "" {
		fmt.Fprintf(&s, "%s\n\n", mdInline(meta))
	}
	heading := "Key points"
	if len(b.KeyPoints) > 0 && b.KeyPoints[0].Derived {
		heading = "Key points (derived)"
	}
	fmt.Fprintf(&s, "### %s\n\n", heading)
	if len(b.KeyPoints) == 0 {
		s.WriteString("_None._\n\n")
	}
	for _, k := range b.KeyPoints {
		fmt.Fprintf(&s, "- %s\n", mdInline(k.Text))
	}
	if len(b.KeyPoints) > 0 {
		s.WriteByte('\n')
	}
	s.WriteString("### Quotes\n\n")
	if len(b.Quotes) == 0 {
		s.WriteString("_No quotes in this article._\n\n")
	}
	for _, g := range GroupQuotes(b.Quotes) {
		fmt.Fprintf(&s, "**%s**", mdInline(speakerLabel(g.Speaker)))
		if g.Role != "" {
			fmt.Fprintf(&s, ", %s", mdInline(g.Role))
		}
		s.WriteString(":\n\n")
		for i, q := range g.Quotes {
			mark := ""
			if q.Partial {
				mark = " _(partial)_"
			}
			if i > 0 {
				s.WriteString(">\n") // a blank line inside the block quote, between quotes only
			}
			fmt.Fprintf(&s, "> “%s”%s\n", mdInline(Sentence(q)), mark)
		}
		s.WriteString("\n")
	}
	s.WriteString("### Phases\n\n")
	if len(b.Phases) == 0 {
		s.WriteString("_No phased plan in this article._\n\n")
	}
	for _, p := range b.Phases {
		fmt.Fprintf(&s, "%d. **%s**", p.N, mdInline(p.Label))
		if p.Duration != "" {
			fmt.Fprintf(&s, " (%s)", mdInline(p.Duration))
		}
		fmt.Fprintf(&s, ": %s\n", mdInline(p.Summary))
	}
	if len(b.Phases) > 0 {
		s.WriteByte('\n')
	}
	_, err := io.WriteString(w, s.String())
	return err
}

// metaLine joins what is known of an article's provenance.
func metaLine(a model.Article) string {
	var parts []string
	for _, p := range []string{a.Source, a.Byline} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if !a.Published.IsZero() {
		parts = append(parts, a.Published.Format("2 Jan 2006"))
	}
	if a.URL != "" {
		parts = append(parts, a.URL)
	} else if a.Origin == "-" {
		parts = append(parts, "standard input")
	} else if a.Origin != "" {
		parts = append(parts, a.Origin)
	}
	return strings.Join(parts, " · ")
}

// speakerLabel names a quote's speaker for people.
func speakerLabel(s string) string {
	if s == "" {
		return "Unattributed"
	}
	return s
}

// mdInline escapes text for use inside a Markdown line.
var mdInline = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`, "\n", " ",
).Replace

// QuoteGroup is a run of consecutive quotes by one speaker.
type QuoteGroup struct {
	Speaker string
	Role    string
	Quotes  []model.Quote
}

// GroupQuotes gathers consecutive quotes of the same speaker into groups,
// so that continued quotes read as one block.
func GroupQuotes(qs []model.Quote) []QuoteGroup {
	var out []QuoteGroup
	for _, q := range qs {
		if n := len(out); n > 0 && out[n-1].Speaker == q.Speaker && q.Speaker != "" {
			out[n-1].Quotes = append(out[n-1].Quotes, q)
			if out[n-1].Role == "" {
				out[n-1].Role = q.Role
			}
			continue
		}
		out = append(out, QuoteGroup{Speaker: q.Speaker, Role: q.Role, Quotes: []model.Quote{q}})
	}
	return out
}
