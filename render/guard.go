package render

import (
	"fmt"
	"strings"

	gast "github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Hostile Markdown is bounded before and while it is rendered:
//
//   - MaxBodyBytes: an article body longer than this is cut (with a
//     closing note) before it is split into blocks; analysis has the same
//     cap (model.MaxAnalyzeBytes).
//   - Container markers at the start of one line (">", "- ", "1. ") past
//     the sixteenth are dropped before any parsing: a line of 100,000 ">"
//     would otherwise nest 100,000 block quotes.
//   - Block quotes, lists and definition lists nested deeper than
//     maxDepth(width) are flattened into their parent before glamour
//     renders them: glamour's cost grows exponentially once the nesting
//     indents past the wrap width.
//   - A block larger than MaxBlockBytes is drawn as wrapped plain text:
//     the Markdown parser is quadratic on some shapes ("[a](" repeated).
//   - Each body has a glamour time budget (RenderBudget, per width);
//     blocks after it is spent are drawn as wrapped plain text.
//   - Rendering stops between blocks when its context is done (the
//     reader closed the article, or an SSH session ended).

const (
	// MaxBodyBytes is the most of an article body brief renders; the rest
	// is replaced by a note saying how much was left out.
	MaxBodyBytes = 2 << 20
	// MaxBlockBytes is the largest block glamour renders; larger blocks
	// are shown as wrapped plain text.
	MaxBlockBytes = 16 << 10
	// maxLineMarkers is how many container markers one line may open.
	maxLineMarkers = 16
	// maxRefsBytes is how much of the article's link reference
	// definitions may be appended to every block; past it only the
	// definitions a block names are.
	maxRefsBytes = 8 << 10
)

// maxDepth is how deeply block quotes and lists may nest at a wrap
// width: at most 6 levels, and no more than one per 8 columns, so that
// the indentation (2 cells a level) never comes near the width.
func maxDepth(width int) int { return min(6, max(1, width/8)) }

// capBody cuts md to MaxBodyBytes at a line break (or a rune boundary)
// and says what was left out.
func capBody(md string) string {
	if len(md) <= MaxBodyBytes {
		return md
	}
	cut := strings.LastIndexByte(md[:MaxBodyBytes], '\n')
	if cut < MaxBodyBytes/2 {
		cut = MaxBodyBytes
		for cut > 0 && md[cut]&0xc0 == 0x80 {
			cut--
		}
	}
	return md[:cut] + "\n\n*[brief shows the first " + sizeText(cut) + " of this article; " +
		sizeText(len(md)-cut) + " more were left out.]*\n"
}

// sizeText is n bytes in words: "2.0 MB", "512 KB".
func sizeText(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// capMarkers drops the container markers past maxLineMarkers at the
// start of each line of md. Lines that open fewer (all real Markdown)
// are kept as they are.
func capMarkers(md string) string {
	var b *strings.Builder
	for start := 0; start < len(md); {
		end := strings.IndexByte(md[start:], '\n')
		if end < 0 {
			end = len(md)
		} else {
			end += start + 1
		}
		line := md[start:end]
		if kept, over := markerPrefix(line); over {
			if b == nil {
				b = &strings.Builder{}
				b.Grow(len(md))
				b.WriteString(md[:start])
			}
			b.WriteString(line[:kept])
			b.WriteString(strings.TrimLeft(skipMarkers(line[kept:]), " \t"))
		} else if b != nil {
			b.WriteString(line)
		}
		start = end
	}
	if b == nil {
		return md
	}
	return b.String()
}

// markerPrefix returns the length of the first maxLineMarkers container
// markers of line, and whether more follow.
func markerPrefix(line string) (kept int, over bool) {
	i, n := 0, 0
	for {
		j := markerAt(line, i)
		if j < 0 {
			return i, false
		}
		if n == maxLineMarkers {
			return i, true
		}
		n++
		i = j
	}
}

// skipMarkers returns s after all its leading container markers.
func skipMarkers(s string) string {
	i := 0
	for {
		j := markerAt(s, i)
		if j < 0 {
			return s[i:]
		}
		i = j
	}
}

// markerAt returns the index after the container marker (white space,
// then ">", or a bullet or ordinal followed by white space) at i, or -1.
func markerAt(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	if i >= len(s) {
		return -1
	}
	switch c := s[i]; {
	case c == '>':
		return i + 1
	case c == '-' || c == '*' || c == '+':
		if i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '\t') {
			return i + 2
		}
	case c >= '0' && c <= '9':
		j := i
		for j < len(s) && j-i < 9 && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j+1 < len(s) && (s[j] == '.' || s[j] == ')') && (s[j+1] == ' ' || s[j+1] == '\t') {
			return j + 2
		}
	}
	return -1
}

// flattenDeep is an AST transformer that replaces every block quote,
// list and definition list nested deeper than max by what it holds, so
// that glamour never sees deeper nesting.
type flattenDeep struct{ max int }

// Transform implements parser.ASTTransformer.
func (f flattenDeep) Transform(doc *gast.Document, _ text.Reader, _ parser.Context) {
	f.walk(doc, 0)
}

func (f flattenDeep) walk(parent gast.Node, depth int) {
	for c := parent.FirstChild(); c != nil; {
		if !nests(c) {
			if c.Type() == gast.TypeBlock && c.HasChildren() {
				f.walk(c, depth)
			}
			c = c.NextSibling()
			continue
		}
		if depth < f.max {
			f.walk(c, depth+1)
			c = c.NextSibling()
			continue
		}
		c = unwrap(parent, c)
	}
}

// nests reports whether n is a container that indents what it holds.
func nests(n gast.Node) bool {
	switch n.Kind() {
	case gast.KindBlockquote, gast.KindList, east.KindDefinitionList:
		return true
	}
	return false
}

// unwrap replaces n, a child of parent, with its content: a block
// quote's blocks, the blocks of a list's items, a definition list's
// terms (as paragraphs) and descriptions' blocks. It returns the first
// node put in n's place, or n's next sibling when n held nothing.
func unwrap(parent, n gast.Node) gast.Node {
	var moved []gast.Node
	var take func(n gast.Node)
	take = func(n gast.Node) {
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			switch c.Kind() {
			case gast.KindListItem, east.KindDefinitionDescription:
				take(c)
			case east.KindDefinitionTerm:
				p := gast.NewParagraph()
				p.SetLines(c.Lines())
				for g := c.FirstChild(); g != nil; {
					gn := g.NextSibling()
					p.AppendChild(p, g)
					g = gn
				}
				moved = append(moved, p)
			default:
				n.RemoveChild(n, c)
				moved = append(moved, c)
			}
			c = next
		}
	}
	take(n)
	next := n.NextSibling()
	for _, m := range moved {
		parent.InsertBefore(parent, n, m)
	}
	parent.RemoveChild(parent, n)
	if len(moved) > 0 {
		return moved[0]
	}
	return next
}

// blockRefs returns the link reference definitions block needs: all of
// them when they are few, else those whose label the block names in
// brackets.
func (s *BodySource) blockRefs(block string) string {
	if len(s.refs) <= maxRefsBytes || !strings.Contains(block, "[") {
		if len(s.refs) <= maxRefsBytes {
			return s.refs
		}
		return ""
	}
	var b strings.Builder
	seen := map[string]bool{}
	for rest := block; ; {
		i := strings.IndexByte(rest, '[')
		if i < 0 {
			break
		}
		rest = rest[i+1:]
		j := strings.IndexAny(rest, "[]")
		if j < 0 {
			break
		}
		if rest[j] == '[' || j > 999 {
			continue
		}
		label := refLabel(rest[:j])
		if def, ok := s.refDefs[label]; ok && !seen[label] {
			seen[label] = true
			b.WriteString(def)
		}
		rest = rest[j:]
	}
	return b.String()
}

// refLabel is a link label in the form reference definitions are
// matched by: case-folded, inner white space as one space.
func refLabel(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
