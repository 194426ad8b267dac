package source

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockKind is the kind of one block of converted HTML.
type blockKind int

const (
	blockPara blockKind = iota
	blockHeading
	blockItem
	blockPre
)

// block is one block of an HTML body: a paragraph, heading, list item or
// preformatted text, with its plain text and its Markdown.
type block struct {
	kind     blockKind
	level    int    // heading level, 1–6
	marker   string // plain-text list marker: "• " or "3. "
	mdMarker string // Markdown list marker: "- " or "3. "
	depth    int    // list nesting; 0 outside lists
	quote    int    // block-quote nesting
	plain    string
	md       string
}

// converter turns an HTML node tree into blocks. Text is folded to single
// spaces; inline emphasis, code and http, https and mailto links are kept
// in the Markdown; images, scripts, forms and embeds are dropped.
type converter struct {
	base   *url.URL
	blocks []block

	plain, md []byte
	gen       int // incremented on every flush, so inline wrappers know a block ended inside them

	heading int    // level of the heading being read, 0 outside headings
	marker  string // pending list marker for the next block
	mdMark  string
	depth   int
	quote   int
}

// convertHTML converts the children of n (and n itself when it is an
// element) into blocks.
func convertHTML(n *html.Node, base *url.URL) []block {
	c := &converter{base: base}
	c.node(n)
	c.flush()
	return c.blocks
}

// skipped are elements whose content is never article text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Iframe: true,
	atom.Svg: true, atom.Math: true, atom.Button: true, atom.Form: true, atom.Input: true,
	atom.Select: true, atom.Textarea: true, atom.Template: true, atom.Head: true,
	atom.Img: true, atom.Picture: true, atom.Video: true, atom.Audio: true,
	atom.Source: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
	atom.Nav: true, atom.Title: true,
}

// blockTags are elements that start and end a block of their own.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Figure: true,
	atom.Figcaption: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Address: true,
	atom.Center: true, atom.Details: true, atom.Summary: true, atom.Table: true,
	atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Caption: true, atom.Tr: true,
	atom.Hr: true, atom.Body: true, atom.Html: true, atom.Fieldset: true, atom.Hgroup: true,
}

func (c *converter) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		c.text(n.Data)
		return
	case html.DocumentNode:
		c.children(n)
		return
	case html.ElementNode:
	default:
		return
	}
	a := n.DataAtom
	switch {
	case skipped[a]:
	case a == atom.Br:
		c.br(n)
	case headingLevel(a) > 0:
		c.flush()
		c.heading = headingLevel(a)
		c.children(n)
		c.flush()
		c.heading = 0
	case a == atom.Ul || a == atom.Ol || a == atom.Menu:
		c.list(n)
	case a == atom.Li:
		// A list item outside a list.
		c.flush()
		c.marker, c.mdMark = "• ", "- "
		c.children(n)
		c.flush()
	case a == atom.Blockquote:
		c.flush()
		c.quote++
		c.children(n)
		c.flush()
		c.quote--
	case a == atom.Pre:
		c.flush()
		c.pre(n)
	case a == atom.Td || a == atom.Th:
		if len(strings.TrimSpace(string(c.plain))) > 0 {
			c.plain = append(c.plain, " · "...)
			c.md = append(c.md, " · "...)
		}
		c.children(n)
	case blockTags[a]:
		c.flush()
		c.children(n)
		c.flush()
	case a == atom.A:
		c.link(n)
	case a == atom.Em || a == atom.I || a == atom.Cite || a == atom.Var || a == atom.Dfn:
		c.wrap(n, "*", "*")
	case a == atom.Strong || a == atom.B:
		c.wrap(n, "**", "**")
	case a == atom.Code || a == atom.Kbd || a == atom.Samp || a == atom.Tt:
		c.code(n)
	case a == atom.Q:
		c.plain = append(c.plain, "“"...)
		c.md = append(c.md, "“"...)
		c.children(n)
		c.plain = append(c.plain, "”"...)
		c.md = append(c.md, "”"...)
	default:
		c.children(n)
	}
}

func (c *converter) children(n *html.Node) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.node(ch)
	}
}

// text appends a text node, escaped for Markdown.
// White space that would open a block is left out: flush folds it away
// (and the white space between two blocks then needs no folding).
func (c *converter) text(s string) {
	if len(c.plain) == 0 && len(c.md) == 0 {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
	}
	c.plain = append(c.plain, s...)
	c.md = appendEscaped(c.md, s)
}

// textBytes is text for the bytes of a text token.
func (c *converter) textBytes(b []byte) {
	if len(c.plain) == 0 && len(c.md) == 0 {
		b = bytes.TrimLeftFunc(b, unicode.IsSpace)
	}
	c.plain = append(c.plain, b...)
	c.md = appendEscaped(c.md, b)
}

// br ends the paragraph when it is one of two or more line breaks in a row
// (the way feeds and old pages separate paragraphs); a single break is a
// space.
func (c *converter) br(n *html.Node) {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.TextNode && strings.TrimSpace(s.Data) == "" {
			continue
		}
		if s.Type == html.ElementNode && s.DataAtom == atom.Br {
			c.flush()
			return
		}
		break
	}
	c.plain = append(c.plain, ' ')
	c.md = append(c.md, ' ')
}

// list converts a ul or ol; each li starts a block with its marker.
func (c *converter) list(n *html.Node) {
	start, _ := attr(n, "start")
	next := c.beginList(n.DataAtom == atom.Ol, start)
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		if li.Type != html.ElementNode {
			if li.Type == html.TextNode && strings.TrimSpace(li.Data) != "" {
				c.text(li.Data)
			}
			continue
		}
		if li.DataAtom != atom.Li {
			c.node(li)
			continue
		}
		c.beginItem(&next)
		c.children(li)
		c.endItem()
	}
	c.depth--
}

// beginList starts a ul (ordered false) or ol with the given start
// attribute; it returns the first item's number, or -1 for bullets.
func (c *converter) beginList(ordered bool, start string) int {
	c.flush()
	i := -1
	if ordered {
		i = 1
		if v, err := strconv.Atoi(strings.TrimSpace(start)); err == nil && v >= 0 && v < 1e6 {
			i = v
		}
	}
	c.depth++
	return i
}

// beginItem starts an li of a list: *next is its number (-1 for a
// bullet), advanced for the next item.
func (c *converter) beginItem(next *int) {
	c.flush()
	if *next >= 0 {
		c.marker = strconv.Itoa(*next) + ". "
		c.mdMark = c.marker
		*next++
	} else {
		c.marker, c.mdMark = "• ", "- "
	}
}

// endItem ends an li of a list.
func (c *converter) endItem() {
	c.flush()
	c.marker, c.mdMark = "", ""
}

// pre emits preformatted text as it is.
func (c *converter) pre(n *html.Node) {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Br {
			b.WriteByte('\n')
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	c.preBlock(b.String())
}

// preBlock adds the text of a pre element as a block.
func (c *converter) preBlock(s string) {
	t := strings.Trim(s, "\n")
	if strings.TrimSpace(t) == "" {
		return
	}
	c.blocks = append(c.blocks, block{kind: blockPre, depth: c.depth, quote: c.quote, plain: t, md: t})
	c.gen++
}

// link keeps http, https and mailto links (resolved against the page's
// address when relative) and reduces any other to its text.
func (c *converter) link(n *html.Node) {
	href, _ := attr(n, "href")
	target := c.resolve(href)
	if target == "" {
		c.children(n)
		return
	}
	m := c.mark()
	c.children(n)
	c.endLink(m, target)
}

// inlineMark is where an inline element's text began, and the block count
// then, so its end can rewrite the Markdown written since.
type inlineMark struct{ md, plain, gen int }

// mark records the start of an inline element.
func (c *converter) mark() inlineMark { return inlineMark{len(c.md), len(c.plain), c.gen} }

// endLink makes the Markdown written since m a link to target.
func (c *converter) endLink(m inlineMark, target string) {
	if m.gen != c.gen {
		return // the link held whole blocks; keep their text only
	}
	inner := string(c.md[m.md:])
	t := strings.TrimSpace(inner)
	if t == "" {
		return
	}
	lead := inner[:strings.Index(inner, t)]
	trail := inner[len(lead)+len(t):]
	c.md = append(c.md[:m.md], lead+"["+t+"]("+target+")"+trail...)
}

// resolve returns href as an absolute http, https or mailto address, or ""
// when it is anything else (script, data, relative with no base).
func (c *converter) resolve(href string) string {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if !u.IsAbs() {
		if c.base == nil {
			return ""
		}
		u = c.base.ResolveReference(u)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return ""
		}
	case "mailto":
	default:
		return ""
	}
	s := u.String()
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(s)
}

// wrap surrounds the Markdown of n's content with emphasis marks, keeping
// surrounding spaces outside them.
func (c *converter) wrap(n *html.Node, open, close string) {
	m := c.mark()
	c.children(n)
	c.endWrap(m, open, close)
}

// endWrap surrounds the Markdown written since m with emphasis marks.
func (c *converter) endWrap(m inlineMark, open, close string) {
	if m.gen != c.gen {
		return
	}
	start := m.md
	inner := string(c.md[start:])
	t := strings.TrimSpace(inner)
	if t == "" || strings.HasSuffix(t, `\`) {
		return
	}
	lead := inner[:strings.Index(inner, t)]
	trail := inner[len(lead)+len(t):]
	c.md = append(c.md[:start], lead...)
	c.md = append(c.md, open...)
	c.md = append(c.md, t...)
	c.md = append(c.md, close...)
	c.md = append(c.md, trail...)
}

// code renders n's text as a Markdown code span.
func (c *converter) code(n *html.Node) {
	m := c.mark()
	c.children(n)
	c.endCode(m)
}

// endCode makes the text written since m a Markdown code span.
func (c *converter) endCode(m inlineMark) {
	if m.gen != c.gen {
		return
	}
	start := m.md
	raw := strings.Join(strings.Fields(string(c.plain[m.plain:])), " ")
	if raw == "" {
		return
	}
	fence := "`"
	for strings.Contains(raw, fence) {
		fence += "`"
	}
	pad := ""
	if strings.HasPrefix(raw, "`") || strings.HasSuffix(raw, "`") {
		pad = " "
	}
	c.md = append(c.md[:start], fence+pad+raw+pad+fence...)
}

// flush ends the current block, if it holds any text.
func (c *converter) flush() {
	plain := foldSpace(c.plain)
	md := plain // text with nothing to escape: one string for both
	if !bytes.Equal(c.md, c.plain) {
		md = foldSpace(c.md)
	}
	c.plain, c.md = c.plain[:0], c.md[:0]
	c.gen++
	if plain == "" {
		return
	}
	b := block{kind: blockPara, depth: c.depth, quote: c.quote, plain: plain, md: escapeLeading(md)}
	switch {
	case c.heading > 0:
		b.kind, b.level = blockHeading, c.heading
	case c.marker != "":
		b.kind, b.marker, b.mdMarker = blockItem, c.marker, c.mdMark
		c.marker, c.mdMark = "", ""
	}
	c.blocks = append(c.blocks, b)
}

// headingLevel returns 1–6 for h1–h6, else 0.
func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// attr returns the value of n's attribute key.
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}
