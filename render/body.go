package render

import (
	"bytes"
	"context"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
)

// Body is an article body rendered at one width: styled lines, the line
// where each rendered block starts, and the text index that maps words
// back to screen cells for highlighting and search. Blocks arrive in
// order, possibly over several commands (Add); a Body whose Complete is
// false holds the first blocks only.
type Body struct {
	// Src is the body's source blocks.
	Src *BodySource
	// Width is the width the lines were wrapped at.
	Width int
	// Lines are the rendered lines, sanitized.
	Lines []string
	// blockStart is the first line of each rendered block.
	blockStart []int
	// index is the text index of all lines, built on first use.
	index *textIndex
}

// NewBody returns an empty body for src at width.
func NewBody(src *BodySource, width int) *Body {
	return &Body{Src: src, Width: width}
}

// Rendered is the number of blocks rendered so far.
func (b *Body) Rendered() int { return len(b.blockStart) }

// Complete reports whether every block is rendered.
func (b *Body) Complete() bool { return b.Src == nil || len(b.blockStart) >= len(b.Src.Blocks) }

// Add appends the next rendered blocks, separated by blank lines. A
// search index already built is extended with the new lines only.
func (b *Body) Add(blocks [][]string) {
	from := len(b.Lines)
	for _, lines := range blocks {
		if len(b.blockStart) > 0 {
			b.Lines = append(b.Lines, "")
		}
		b.blockStart = append(b.blockStart, len(b.Lines))
		b.Lines = append(b.Lines, lines...)
	}
	if b.index != nil {
		b.index.extend(b.Lines[from:], from)
	}
}

// RenderBlocks renders blocks [from, to) of src with r. It stops early,
// between blocks, when ctx is done.
func RenderBlocks(ctx context.Context, r *BodyRenderer, src *BodySource, from, to int) [][]string {
	to = min(to, len(src.Blocks))
	out := make([][]string, 0, max(to-from, 0))
	for i := from; i < to && ctx.Err() == nil; i++ {
		out = append(out, r.Block(src, i))
	}
	return out
}

// RenderUntil renders blocks from `from` until at least minLines lines
// (counting separators) are produced, the body ends or ctx is done.
func RenderUntil(ctx context.Context, r *BodyRenderer, src *BodySource, from, minLines int) [][]string {
	var out [][]string
	n := 0
	for i := from; i < len(src.Blocks) && n < minLines && ctx.Err() == nil; i++ {
		lines := r.Block(src, i)
		out = append(out, lines)
		n += len(lines) + 1
	}
	return out
}

// BlockLine returns the first line of block i, or -1 when it is not
// rendered yet.
func (b *Body) BlockLine(i int) int {
	if i < 0 || i >= len(b.blockStart) {
		return -1
	}
	return b.blockStart[i]
}

// BlockAt returns the block that holds line and the line's distance from
// the block's start: an anchor that survives re-rendering at another
// width (see LineAt).
func (b *Body) BlockAt(line int) (block, delta int) {
	if len(b.blockStart) == 0 {
		return 0, 0
	}
	i := sort.SearchInts(b.blockStart, line+1) - 1
	if i < 0 {
		i = 0
	}
	return i, line - b.blockStart[i]
}

// LineAt returns the line for an anchor from BlockAt, clamped to the
// block's rendered lines.
func (b *Body) LineAt(block, delta int) int {
	if len(b.blockStart) == 0 {
		return 0
	}
	block = min(max(block, 0), len(b.blockStart)-1)
	end := len(b.Lines)
	if block+1 < len(b.blockStart) {
		end = b.blockStart[block+1] - 1
	}
	return min(b.blockStart[block]+max(delta, 0), max(end-1, b.blockStart[block]))
}

// Mark is a run of cells on one body line: [Start, End) columns.
type Mark struct {
	Line, Start, End int
}

// Match is one occurrence of some text in the body, possibly running
// over several lines.
type Match []Mark

// Line is the first line of the match.
func (m Match) Line() int {
	if len(m) == 0 {
		return 0
	}
	return m[0].Line
}

// Find locates text inside paragraph para of the article (an index
// into Article.Paragraphs) and returns where it is drawn. Letters and
// digits are compared, case-insensitively, so punctuation, wrapping and
// Markdown escapes do not matter. ok is false when the text is empty or
// not found, or the paragraph's block is not rendered yet.
//
// Text interrupted in the rendering (a link's address printed after its
// words) is found by its opening and closing letters. Text not in its
// paragraph's block (when the alignment of paragraphs and blocks went
// wrong) is looked for in the whole body, first after that block.
func (b *Body) Find(para int, text string) (m Match, ok bool) {
	idx := b.blockIndex(para)
	needle := normalize(text)
	if idx == nil || needle == "" {
		return nil, false
	}
	if m, ok := idx.findOne(needle, 0); ok {
		return m, true
	}
	if !b.Complete() {
		return nil, false
	}
	if b.index == nil {
		b.index = buildIndex(b.Lines, 0)
	}
	if m, ok := b.index.findOne(needle, idx.first); ok {
		return m, true
	}
	return b.index.findOne(needle, 0)
}

// Locate returns where paragraph para starts: its opening words, or the
// first line of its block. ok is false when the paragraph's block is
// unknown or not rendered yet.
func (b *Body) Locate(para int) (m Match, ok bool) {
	idx := b.blockIndex(para)
	if idx == nil {
		return nil, false
	}
	if k := b.Src.paraKeys[para]; k != "" {
		if ms := idx.find(k, 1); len(ms) > 0 {
			// Mark the first line only: the opening words.
			return ms[0][:1], true
		}
	}
	return Match{{Line: idx.first, Start: 0, End: 0}}, true
}

// blockIndex returns the text index of the block holding paragraph
// para, or nil when it is unknown or not rendered.
func (b *Body) blockIndex(para int) *textIndex {
	blk := b.Src.ParagraphBlock(para)
	if blk < 0 || blk >= len(b.blockStart) {
		return nil
	}
	from := b.blockStart[blk]
	to := len(b.Lines)
	if blk+1 < len(b.blockStart) {
		to = b.blockStart[blk+1]
	}
	return buildIndex(b.Lines[from:to], from)
}

// Search returns every occurrence of query in the rendered body, in
// order, comparing letters and digits case-insensitively.
func (b *Body) Search(query string) []Match {
	needle := normalize(query)
	if needle == "" {
		return nil
	}
	if b.index == nil {
		b.index = buildIndex(b.Lines, 0)
	}
	return b.index.find(needle, -1)
}

// textIndex maps the letters and digits of rendered lines, lower-cased,
// back to their cells.
type textIndex struct {
	// first is the body line of the first indexed line.
	first int
	norm  []byte
	// at holds, for each byte offset of norm that starts a rune, the
	// rune's line, column and width.
	at []cellAt
}

type cellAt struct {
	line, col int32
	width     int16
}

func buildIndex(lines []string, first int) *textIndex {
	x := &textIndex{first: first}
	x.extend(lines, first)
	return x
}

// extend indexes more lines, the first of which is body line first.
func (x *textIndex) extend(lines []string, first int) {
	nb := x.norm
	at := x.at
	for li, l := range lines {
		plain := stripANSI(l)
		col := 0
		for i := 0; i < len(plain); {
			r, size := utf8.DecodeRuneInString(plain[i:])
			w := 1
			if r >= utf8.RuneSelf {
				w = stringWidth(plain[i : i+size])
			}
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				lr := unicode.ToLower(r)
				n := utf8.RuneLen(lr)
				nb = utf8.AppendRune(nb, lr)
				at = append(at, cellAt{int32(first + li), int32(col), int16(w)})
				for k := 1; k < n; k++ {
					at = append(at, cellAt{-1, 0, 0})
				}
			}
			col += w
			i += size
		}
	}
	x.norm, x.at = nb, at
}

// findOne returns the first occurrence of needle on or after body line
// from, exact or else loose: its first and last letters (up to 16 each),
// close enough together, for text that the rendering interrupted.
func (x *textIndex) findOne(needle string, from int) (Match, bool) {
	start := 0
	for start < len(x.at) && (x.at[start].line < 0 || int(x.at[start].line) < from) {
		start++
	}
	if i := bytes.Index(x.norm[start:], []byte(needle)); i >= 0 {
		return x.marks(start+i, start+i+len(needle)), true
	}
	part := min(16, utf8.RuneCountInString(needle)/3)
	if part < 5 {
		return nil, false
	}
	head, tail := []byte(prefixRunes(needle, part)), []byte(suffixRunes(needle, part))
	for off := start; off < len(x.norm); {
		i := bytes.Index(x.norm[off:], head)
		if i < 0 {
			break
		}
		p := off + i
		limit := min(len(x.norm), p+2*len(needle)+400)
		if j := bytes.Index(x.norm[p+len(head):limit], tail); j >= 0 {
			return x.marks(p, p+len(head)+j+len(tail)), true
		}
		off = p + len(head)
	}
	return nil, false
}

// find returns up to limit (all when negative) non-overlapping matches
// of needle.
func (x *textIndex) find(needle string, limit int) []Match {
	var out []Match
	nb := []byte(needle)
	for off := 0; off < len(x.norm); {
		i := bytes.Index(x.norm[off:], nb)
		if i < 0 {
			break
		}
		start := off + i
		end := start + len(needle)
		out = append(out, x.marks(start, end))
		if limit > 0 && len(out) >= limit {
			break
		}
		off = end
	}
	return out
}

// marks turns a byte range of norm into one Mark per line.
func (x *textIndex) marks(start, end int) Match {
	var m Match
	for k := start; k < end; k++ {
		c := x.at[k]
		if c.line < 0 {
			continue
		}
		l, s, e := int(c.line), int(c.col), int(c.col)+int(c.width)
		if n := len(m); n > 0 && m[n-1].Line == l {
			m[n-1].End = max(m[n-1].End, e)
			continue
		}
		m = append(m, Mark{Line: l, Start: s, End: e})
	}
	return m
}

// Overlay draws marks over a styled line: the marked cells are redrawn
// as plain text in st, the rest keeps its styling.
func Overlay(line string, marks []Mark, st lipgloss.Style) string {
	for _, m := range marks {
		if m.End <= m.Start {
			continue
		}
		left := truncate(line, m.Start)
		if w := stringWidth(left); w < m.Start {
			left += strings.Repeat(" ", m.Start-w)
		}
		mid := stripANSI(cut(line, m.Start, m.End))
		right := truncateLeft(line, m.End)
		line = left + "\x1b[m" + st.Render(mid) + right
	}
	return line
}
