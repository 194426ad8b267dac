package render

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	xansi "github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/brief-reader/brief/model"
)

// The article body is rendered block by block. SplitBody cuts the
// article's Markdown at the start of each top-level block (paragraph,
// heading, list, block quote, code block, table) and aligns every entry
// of Article.Paragraphs with the block that holds it, by comparing their
// letters and digits. Each block is rendered by glamour on its own, so
// the line where a block starts is known exactly: that is the map from a
// paragraph index (KeyPoint.Paragraph, Quote.Paragraph, Phase.Paragraph)
// to a line of the rendered body. Rendering block by block also lets the
// first screenful be drawn before the rest of a long article.

// BodySource is an article body cut into top-level Markdown blocks.
// Blocks and the reference definitions are read by render commands; the
// paragraph alignment is computed on first use, in Update.
type BodySource struct {
	// ArticleID is the article the body belongs to.
	ArticleID string
	// Blocks are the blocks' Markdown, sanitized, in order.
	Blocks []string
	// refs are the link reference definitions, appended to every block
	// so that reference links still resolve (see blockRefs); refDefs
	// holds each by its label.
	refs    string
	refDefs map[string]string

	mu      sync.Mutex
	spentAt map[int]time.Duration // glamour time spent, by width

	paras []string // Article.Paragraphs
	align sync.Once
	// paraBlock maps an index of Article.Paragraphs to its block, or -1.
	paraBlock []int
	// paraKeys are the paragraphs' opening letters and digits.
	paraKeys []string
}

// spent is the glamour time spent on the body at width.
func (s *BodySource) spent(width int) time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.spentAt[width]
}

// spend adds d to the glamour time spent on the body at width.
func (s *BodySource) spend(width int, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.spentAt == nil {
		s.spentAt = map[int]time.Duration{}
	}
	s.spentAt[width] += d
}

// ParagraphBlock returns the block that holds paragraph i, or -1.
func (s *BodySource) ParagraphBlock(i int) int {
	if s == nil {
		return -1
	}
	s.aligned()
	if i < 0 || i >= len(s.paraBlock) {
		return -1
	}
	return s.paraBlock[i]
}

// aligned computes the paragraph alignment once.
func (s *BodySource) aligned() {
	s.align.Do(func() {
		keys := make([]string, len(s.Blocks))
		for i, b := range s.Blocks {
			keys[i] = normalize(markupRE.ReplaceAllString(b, " "))
		}
		s.paraBlock, s.paraKeys = alignParagraphs(s.paras, keys)
	})
}

// markupRE matches the parts of Markdown source that are not text a
// reader sees: link destinations and HTML tags.
var markupRE = regexp.MustCompile(`\]\([^)\n]*\)|\]\[[^\]\n]*\]|<[a-zA-Z/][^>\n]*>`)

// blockParser finds block boundaries only: inline parsing, which
// splitting does not need, is skipped, so a 1 MB article splits fast.
func blockParser() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	)
}

// SplitBody cuts an article's body into blocks and aligns its paragraphs
// with them. It is pure and may run in a command.
func SplitBody(a model.Article) *BodySource {
	md := a.Markdown
	if strings.TrimSpace(md) == "" {
		md = strings.Join(a.Paragraphs, "\n\n")
	}
	md = footnoteLinks(capMarkers(MarkdownSource(capBody(md))))
	src := []byte(md)
	pc := parser.NewContext()
	doc := blockParser().Parse(text.NewReader(src), parser.WithContext(pc))

	s := &BodySource{ArticleID: a.ID, paras: a.Paragraphs}
	var starts []int
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		at := firstOffset(n)
		if at < 0 {
			continue // no text of its own (a rule): stays with the block before
		}
		at = lineStart(src, at)
		if fc, ok := n.(*gast.FencedCodeBlock); ok && (fc.Info == nil) && at > 0 {
			at = lineStart(src, at-1) // the opening fence
		}
		if len(starts) > 0 && at <= starts[len(starts)-1] {
			continue
		}
		starts = append(starts, at)
	}
	if len(starts) > 0 {
		starts[0] = 0
	}
	for i, at := range starts {
		end := len(src)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		s.Blocks = append(s.Blocks, strings.TrimRight(string(src[at:end]), "\n ")+"\n")
	}
	var refs strings.Builder
	s.refDefs = map[string]string{}
	for _, r := range pc.References() {
		def := "\n[" + string(r.Label()) + "]: <" + string(r.Destination()) + ">"
		if t := r.Title(); len(t) > 0 {
			def += ` "` + strings.ReplaceAll(string(t), `"`, `\"`) + `"`
		}
		def += "\n"
		refs.WriteString(def)
		s.refDefs[refLabel(string(r.Label()))] = def
	}
	s.refs = refs.String()
	return s
}

// listMarkerRE matches the list marker source keeps on list-item
// paragraphs; Markdown list numbers are not text, so it is dropped before
// comparing.
var listMarkerRE = regexp.MustCompile(`^\s*(?:[•\-*–—▪●◦‣]|\d{1,3}[.)])\s+`)

// alignParagraphs finds, for each paragraph in order, the first block at
// or after the previous paragraph's block whose text contains the
// paragraph's opening letters and its closing ones (two paragraphs may
// open alike). When no block has both, the first with the opening wins.
func alignParagraphs(paras, keys []string) (out []int, pkeys []string) {
	out = make([]int, len(paras))
	pkeys = make([]string, len(paras))
	cur := 0
	for i, p := range paras {
		out[i] = -1
		norm := normalize(listMarkerRE.ReplaceAllString(p, ""))
		k := prefixRunes(norm, 48)
		pkeys[i] = prefixRunes(norm, 32)
		if k == "" {
			continue
		}
		tail := suffixRunes(norm, 32)
		first := -1
		for j := cur; j < len(keys) && j < cur+64; j++ {
			if !strings.Contains(keys[j], k) {
				continue
			}
			if first < 0 {
				first = j
			}
			if strings.Contains(keys[j], tail) {
				first = j
				break
			}
		}
		if first >= 0 {
			out[i], cur = first, first
		}
	}
	return out, pkeys
}

// suffixRunes returns the last n runes of s.
func suffixRunes(s string, n int) string {
	for i := len(s); i > 0; {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		if n--; n == 0 {
			return s[i:]
		}
	}
	return s
}

// firstOffset returns the smallest source offset of any text inside n,
// or -1.
func firstOffset(n gast.Node) int {
	best := -1
	take := func(at int) {
		if best < 0 || at < best {
			best = at
		}
	}
	var walk func(n gast.Node)
	walk = func(n gast.Node) {
		if fc, ok := n.(*gast.FencedCodeBlock); ok && fc.Info != nil {
			take(fc.Info.Segment.Start)
		}
		if n.Type() == gast.TypeBlock {
			if l := n.Lines(); l != nil && l.Len() > 0 {
				take(l.At(0).Start)
			}
		}
		if t, ok := n.(*gast.Text); ok {
			take(t.Segment.Start)
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c)
		}
	}
	walk(n)
	return best
}

func lineStart(src []byte, at int) int {
	for at > 0 && src[at-1] != '\n' {
		at--
	}
	return at
}

// normalize keeps the letters and digits of s, lower-cased: the form in
// which paragraphs, blocks, quotes and search queries are compared.
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func prefixRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// RenderBudget is how long glamour may spend on one article body at one
// width; blocks rendered after it is spent are drawn as wrapped plain
// text. Real articles need a small part of it (see BenchmarkBody).
const RenderBudget = 2 * time.Second

// BodyRenderer renders body blocks with glamour at one width. It is not
// safe for concurrent use; make one per command.
type BodyRenderer struct {
	md    goldmark.Markdown
	width int
}

// NewBodyRenderer returns a renderer wrapping at width cells in the named
// glamour style ("dark", "light" or "notty"). It is glamour's own
// pipeline (the same extensions and ANSI renderer) with one step added:
// nesting deeper than the width allows is flattened (see guard.go).
func NewBodyRenderer(width int, style string) (*BodyRenderer, error) {
	var cfg ansi.StyleConfig
	switch style {
	case "light":
		cfg = styles.LightStyleConfig
	case "notty", "ascii":
		cfg = styles.NoTTYStyleConfig
	default:
		cfg = styles.DarkStyleConfig
	}
	zero := uint(0)
	cfg.Document.Margin = &zero
	cfg.Document.BlockPrefix = ""
	cfg.Document.BlockSuffix = ""
	width = max(width, 1)
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.DefinitionList),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(flattenDeep{max: maxDepth(width)}, 1000)),
		),
	)
	ar := ansi.NewRenderer(ansi.Options{WordWrap: width, Styles: cfg})
	md.SetRenderer(renderer.NewRenderer(renderer.WithNodeRenderers(util.Prioritized(ar, 1000))))
	return &BodyRenderer{md: md, width: width}, nil
}

// Width is the wrap width.
func (r *BodyRenderer) Width() int { return r.width }

// Block renders block i of src into sanitized lines, without leading or
// trailing blank lines. A block over MaxBlockBytes, or any block once the
// body's RenderBudget at this width is spent, is drawn as plain text.
func (r *BodyRenderer) Block(src *BodySource, i int) []string {
	blk := src.Blocks[i]
	var out string
	if len(blk) > MaxBlockBytes || src.spent(r.width) > RenderBudget {
		out = r.plain(blk)
	} else {
		start := time.Now()
		var buf bytes.Buffer
		if err := r.md.Convert([]byte(blk+src.blockRefs(blk)), &buf); err != nil {
			out = r.plain(blk)
		} else {
			out = Terminal(buf.String())
		}
		src.spend(r.width, time.Since(start))
	}
	lines := strings.Split(out, "\n")
	blank := func(l string) bool { return strings.TrimSpace(stripANSI(l)) == "" }
	for len(lines) > 0 && blank(lines[0]) {
		lines = lines[1:]
	}
	for len(lines) > 0 && blank(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	if listBlockRE.MatchString(blk) {
		lines = hangItems(lines, r.width)
	}
	for j, l := range lines {
		l = trimRightStyled(l)
		if stringWidth(l) > r.width {
			l = truncate(l, r.width)
		}
		lines[j] = l
	}
	return lines
}

// listBlockRE matches a block that is a list: its first line is an item.
var listBlockRE = regexp.MustCompile(`^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s`)

// itemMarkRE matches the start of a rendered list item: its indent and
// marker ("• ", "3. ").
var itemMarkRE = regexp.MustCompile(`^(\s*)(?:[•◦▪‣-]|\d{1,9}\.)\s+`)

// hangItems re-wraps the rendered items of a list so that the lines an
// item wraps onto start under its text, not under its marker, as a
// printed list's do: glamour starts them at the margin.
func hangItems(lines []string, width int) []string {
	out := make([]string, 0, len(lines))
	var marker string // the styled marker of the item being gathered
	var mw int        // its width
	var text []string // its text, styled, a piece per rendered line
	flush := func() {
		if marker == "" {
			return
		}
		body := xansi.Wrap(strings.Join(text, " "), max(width-mw, 1), "")
		for k, l := range strings.Split(body, "\n") {
			if k == 0 {
				out = append(out, marker+l)
			} else {
				out = append(out, strings.Repeat(" ", mw)+l)
			}
		}
		marker, text = "", nil
	}
	for _, l := range lines {
		plain := stripANSI(l)
		if m := itemMarkRE.FindString(plain); m != "" {
			flush()
			mw = stringWidth(m)
			marker = xansi.Cut(l, 0, mw)
			text = []string{strings.TrimSpace(xansi.Cut(l, mw, stringWidth(l)))}
			continue
		}
		if marker != "" && strings.TrimSpace(plain) != "" && !strings.HasPrefix(plain, strings.Repeat(" ", mw)) {
			text = append(text, strings.TrimSpace(l))
			continue
		}
		flush()
		out = append(out, l)
	}
	flush()
	return out
}

// plain is a block's Markdown as plain text, wrapped at the width.
func (r *BodyRenderer) plain(md string) string {
	return xansi.Wrap(Plain(md), r.width, "")
}
