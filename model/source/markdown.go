package source

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"gopkg.in/yaml.v3"

	"github.com/brief-reader/brief/model"
)

// frontMatter is the metadata a Markdown article may open with, as YAML
// between "---" lines or TOML between "+++" lines.
type frontMatter struct {
	Title     string   `yaml:"title" toml:"title"`
	Source    string   `yaml:"source" toml:"source"`
	URL       string   `yaml:"url" toml:"url"`
	Published any      `yaml:"published" toml:"published"`
	Date      any      `yaml:"date" toml:"date"`
	Author    string   `yaml:"author" toml:"author"`
	Byline    string   `yaml:"byline" toml:"byline"`
	Tags      []string `yaml:"tags" toml:"tags"`
}

// ParseMarkdown reads a Markdown article with optional YAML or TOML front
// matter (title, source, url, published, tags). The title is the front
// matter's, else the first level-one heading's (removed from the body),
// else derived from the lede as for plain text.
func ParseMarkdown(origin, src string) (model.Article, error) {
	a := model.Article{Origin: origin, Format: model.FormatMarkdown}
	src = strings.ReplaceAll(src, "\r\n", "\n")
	fm, body, err := splitFrontMatter(src)
	if err != nil {
		return a, &Error{origin, err}
	}
	a.Title, a.Source, a.URL, a.Tags = fm.Title, fm.Source, fm.URL, fm.Tags
	a.Byline = firstNonEmpty(fm.Byline, fm.Author)
	a.Published = frontMatterTime(fm.Published)
	if a.Published.IsZero() {
		a.Published = frontMatterTime(fm.Date)
	}

	source := []byte(body)
	doc := goldmark.New().Parser().Parse(text.NewReader(source))
	var titleNode ast.Node
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 1 {
			if a.Title == "" {
				a.Title = plainText(h, source)
				titleNode = h
			}
			break
		}
		if _, ok := n.(*ast.Heading); !ok {
			break
		}
	}
	if titleNode != nil {
		// Drop the title heading's lines from the rendered body.
		lines := titleNode.Lines()
		if lines.Len() > 0 {
			start := lines.At(0).Start
			lineStart := bytes.LastIndexByte(source[:start], '\n') + 1
			end := lines.At(lines.Len() - 1).Stop
			body = string(source[:lineStart]) + strings.TrimLeft(string(source[end:]), "\n")
		}
		doc.RemoveChild(doc, titleNode)
	}
	a.Paragraphs = markdownParagraphs(doc, source)
	all := a.Paragraphs
	extractFrame(&a)
	body = dropFrameBlocks(body, all, a.Paragraphs)
	if len(a.Paragraphs) == 0 {
		return a, &Error{origin, ErrNoBody}
	}
	if a.Title == "" {
		a.Title = deriveTitle(a.Paragraphs)
	}
	a.Markdown = strings.TrimSpace(body) + "\n"
	return a, nil
}

// dropFrameBlocks removes from a Markdown body the blocks that
// extractFrame moved out of the paragraphs (a byline, a closing credit),
// which the header shows instead: all is the paragraphs before, kept
// those after.
func dropFrameBlocks(body string, all, kept []string) string {
	if len(all) == len(kept) {
		return body
	}
	frame := map[string]bool{}
	keptSet := map[string]bool{}
	for _, p := range kept {
		keptSet[p] = true
	}
	for _, p := range all {
		if !keptSet[p] {
			frame[p] = true
		}
	}
	blocks := strings.Split(body, "\n\n")
	out := blocks[:0]
	for _, b := range blocks {
		plain := strings.Join(strings.Fields(strings.NewReplacer("*", "", "_", "").Replace(b)), " ")
		if frame[plain] {
			delete(frame, plain) // each frame line once
			continue
		}
		out = append(out, b)
	}
	return strings.Join(out, "\n\n")
}

// splitFrontMatter separates leading front matter from the body.
func splitFrontMatter(src string) (frontMatter, string, error) {
	var fm frontMatter
	trimmed := strings.TrimLeft(src, "\n")
	for _, delim := range []string{"---", "+++"} {
		if !strings.HasPrefix(trimmed, delim+"\n") {
			continue
		}
		rest := trimmed[len(delim)+1:]
		end := strings.Index(rest, "\n"+delim)
		if end < 0 {
			if strings.HasPrefix(rest, delim) {
				end = -1
			} else {
				return fm, src, fmt.Errorf("front matter opened with %q is never closed", delim)
			}
		}
		meta := ""
		body := ""
		if end >= 0 {
			meta = rest[:end]
			body = rest[end+1+len(delim):]
		} else {
			body = rest[len(delim):]
		}
		var err error
		if delim == "---" {
			err = yaml.Unmarshal([]byte(meta), &fm)
		} else {
			_, err = toml.Decode(meta, &fm)
		}
		if err != nil {
			return fm, src, fmt.Errorf("front matter: %v", err)
		}
		return fm, strings.TrimLeft(body, "\n"), nil
	}
	return fm, src, nil
}

// markdownParagraphs flattens the block structure of a Markdown document
// into plain-text paragraphs: headings, paragraphs, list items (with a
// bullet or number marker) and block-quoted paragraphs.
func markdownParagraphs(doc ast.Node, src []byte) []string {
	var out []string
	var walk func(n ast.Node, marker string)
	walk = func(n ast.Node, marker string) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Heading, *ast.Paragraph, *ast.TextBlock:
				if t := plainText(c, src); t != "" {
					out = append(out, marker+t)
				}
				marker = ""
			case *ast.List:
				i := c.Start
				if i == 0 {
					i = 1
				}
				for item := c.FirstChild(); item != nil; item = item.NextSibling() {
					m := "• "
					if c.IsOrdered() {
						m = fmt.Sprintf("%d. ", i)
						i++
					}
					walk(item, m)
				}
			case *ast.FencedCodeBlock, *ast.CodeBlock:
				var b strings.Builder
				lines := c.Lines()
				for i := 0; i < lines.Len(); i++ {
					seg := lines.At(i)
					b.Write(seg.Value(src))
				}
				if t := strings.TrimSpace(b.String()); t != "" {
					out = append(out, t)
				}
			case *ast.HTMLBlock, *ast.ThematicBreak:
			default:
				walk(c, marker)
			}
		}
	}
	walk(doc, "")
	return out
}

// plainText returns the text of an inline subtree with markup removed and
// white space folded.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Segment.Value(src))
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(c.Value)
			case *ast.CodeSpan:
				walk(c)
			case *ast.RawHTML, *ast.Image:
			case *ast.AutoLink:
				b.Write(c.Label(src))
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// paragraphsMarkdown renders plain-text paragraphs as Markdown: bullets
// become list items, heading-like lines become sub-headings, and
// everything else is escaped so that article text is never read as markup.
func paragraphsMarkdown(paras []string) string {
	var b strings.Builder
	prevBullet := false
	for i, p := range paras {
		bullet := bulletRE.MatchString(p)
		if i > 0 && !(bullet && prevBullet) {
			b.WriteByte('\n')
		}
		switch {
		case bullet:
			if n := numberedRE.FindStringSubmatch(p); n != nil {
				// An ordered list keeps its numbers.
				b.WriteString(n[1] + ". ")
			} else {
				b.WriteString("- ")
			}
			b.WriteString(escapeMarkdown(stripBullet(p)))
		case isHeadingLike(p) && i+1 < len(paras) && !bylineLike(p):
			b.WriteString("### ")
			b.WriteString(escapeMarkdown(p))
		default:
			b.WriteString(escapeMarkdown(p))
		}
		b.WriteByte('\n')
		prevBullet = bullet
	}
	return b.String()
}

// numberedRE matches the marker of a numbered list item ("1.", "12)").
var numberedRE = regexp.MustCompile(`^\s*(\d{1,2})[.)]\s`)

// stripBullet removes a leading list marker.
func stripBullet(p string) string {
	loc := bulletRE.FindStringIndex(p)
	if loc == nil {
		return p
	}
	// The match ends one character into the text; back up over it.
	rest := strings.TrimLeft(p, " \t")
	fields := strings.SplitN(rest, " ", 2)
	if len(fields) < 2 {
		return p
	}
	return strings.TrimSpace(fields[1])
}

// markdownEscaper escapes the characters Markdown could read as markup.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `\<`, `>`, `\>`, `#`, `\#`, `|`, `\|`, `~`, `\~`,
)

// escapeMarkdown escapes s so that it renders as the literal text. A
// leading list or heading marker ("1." "-" "+") is escaped too.
func escapeMarkdown(s string) string {
	// Sanitized first: escaped, an escape sequence's bytes would no
	// longer read as one, and only its ESC would be removed.
	return escapeLeading(markdownEscaper.Replace(model.Sanitize(s)))
}

// escapeLeading escapes a leading list, heading-underline or ordered-list
// marker ("-", "+", "=", "1." "1)") in already escaped Markdown text, so a
// paragraph that happens to start with one is not read as a list.
func escapeLeading(s string) string {
	if len(s) > 0 && (s[0] == '-' || s[0] == '+' || s[0] == '=') {
		s = `\` + s
	}
	for i := 0; i < len(s) && i < 10; i++ {
		if s[i] < '0' || s[i] > '9' {
			if i > 0 && (s[i] == '.' || s[i] == ')') {
				s = s[:i] + `\` + s[i:]
			}
			break
		}
	}
	return s
}

// frontMatterTime reads a date that YAML or TOML decoded as a time or
// left as a string.
func frontMatterTime(v any) time.Time {
	switch v := v.(type) {
	case time.Time:
		return v
	case string:
		return parseTime(v)
	}
	return time.Time{}
}

// parseTime reads a front-matter date in the common layouts; the zero Time
// when none fits.
func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02", time.RFC1123Z, time.RFC1123, "January 2, 2006", "Jan 2, 2006", "2 January 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
