package source

import (
	"bytes"
	"io"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// streamBlocks converts an HTML fragment into blocks straight from the
// tokens, without building a node tree: the same blocks convertHTML makes
// from the tree html.ParseFragment builds (in a div), for the fragments
// whose tree is simply their tag nesting. That is what feed item bodies
// nearly always are, and the tree costs as much as the conversion itself.
// It reports false for any fragment whose tree the HTML parsing algorithm
// would reshape (an end tag that does not close the innermost open
// element, a paragraph closed by a block that starts inside it, a list
// item or link left open by the next one, tables, forms, foreign content,
// an element it does not know): the caller then builds the tree.
func streamBlocks(fragment string, base *url.URL) ([]block, bool) {
	var s tokenWalker
	return s.blocks(fragment, base)
}

// blocks is streamBlocks reusing the walker's buffers from its previous
// fragment: a goroutine converting many item bodies keeps one walker.
func (s *tokenWalker) blocks(fragment string, base *url.URL) ([]block, bool) {
	if strings.IndexByte(fragment, 0) >= 0 {
		return nil, false // the tree builder drops NULs the tokenizer keeps
	}
	*s = tokenWalker{
		c:     converter{base: base, plain: s.c.plain[:0], md: s.c.md[:0]},
		z:     html.NewTokenizer(strings.NewReader(fragment)),
		stack: s.stack[:0],
		preB:  s.preB[:0],
		held:  s.held[:0],
	}
	if !s.run() {
		return nil, false
	}
	blocks := s.c.blocks
	s.c.blocks, s.z = nil, nil
	return blocks, true
}

// elemClass is what the streaming converter knows of an element.
type elemClass uint8

const (
	classUnknown elemClass = iota // not handled: build the tree
	classInline                   // inline, no conversion of its own
	classBlock                    // starts and ends a block
	classSkip                     // content dropped
	classHeading
	classList // ul, ol
	classItem // li
	classQuote
	classPre
	classLink
	classEm
	classStrong
	classCode
	classQ
	classBr
)

// elemInfo describes one element for the streaming converter.
type elemInfo struct {
	class elemClass
	void  bool // no end tag, no content
	// closesP: its start tag closes an open p (the tree reshapes).
	closesP bool
}

// streamElems are the elements the streaming converter handles, with
// what the HTML tree builder does to them kept out: none of them is a
// scope boundary, a table part, a form control, foreign content or one
// with implied end tags other than p and li (checked for).
var streamElems = map[atom.Atom]elemInfo{
	atom.P: {class: classBlock, closesP: true}, atom.Div: {class: classBlock, closesP: true},
	atom.Section: {class: classBlock, closesP: true}, atom.Article: {class: classBlock, closesP: true},
	atom.Main: {class: classBlock, closesP: true}, atom.Header: {class: classBlock, closesP: true},
	atom.Footer: {class: classBlock, closesP: true}, atom.Aside: {class: classBlock, closesP: true},
	atom.Figure: {class: classBlock, closesP: true}, atom.Figcaption: {class: classBlock, closesP: true},
	atom.Address: {class: classBlock, closesP: true}, atom.Center: {class: classBlock, closesP: true},
	atom.Details: {class: classBlock, closesP: true}, atom.Summary: {class: classBlock, closesP: true},
	atom.Hgroup: {class: classBlock, closesP: true}, atom.Fieldset: {class: classBlock, closesP: true},
	atom.Hr: {class: classBlock, closesP: true, void: true},
	atom.H1: {class: classHeading, closesP: true}, atom.H2: {class: classHeading, closesP: true},
	atom.H3: {class: classHeading, closesP: true}, atom.H4: {class: classHeading, closesP: true},
	atom.H5: {class: classHeading, closesP: true}, atom.H6: {class: classHeading, closesP: true},
	atom.Ul: {class: classList, closesP: true}, atom.Ol: {class: classList, closesP: true},
	atom.Li: {class: classItem, closesP: true}, atom.Blockquote: {class: classQuote, closesP: true},
	atom.Pre: {class: classPre, closesP: true}, atom.Nav: {class: classSkip, closesP: true},
	atom.Script: {class: classSkip}, atom.Style: {class: classSkip}, atom.Noscript: {class: classSkip},
	atom.Iframe: {class: classSkip}, atom.Picture: {class: classSkip}, atom.Video: {class: classSkip},
	atom.Audio: {class: classSkip}, atom.Canvas: {class: classSkip},
	atom.Img: {class: classSkip, void: true}, atom.Source: {class: classSkip, void: true},
	atom.Embed: {class: classSkip, void: true},
	atom.Br:    {class: classBr, void: true}, atom.Wbr: {class: classInline, void: true},
	atom.A:  {class: classLink},
	atom.Em: {class: classEm}, atom.I: {class: classEm}, atom.Cite: {class: classEm},
	atom.Var: {class: classEm}, atom.Dfn: {class: classEm},
	atom.Strong: {class: classStrong}, atom.B: {class: classStrong},
	atom.Code: {class: classCode}, atom.Kbd: {class: classCode}, atom.Samp: {class: classCode},
	atom.Tt: {class: classCode}, atom.Q: {class: classQ},
	atom.Span: {class: classInline}, atom.Sup: {class: classInline}, atom.Sub: {class: classInline},
	atom.Small: {class: classInline}, atom.Big: {class: classInline}, atom.U: {class: classInline},
	atom.S: {class: classInline}, atom.Strike: {class: classInline}, atom.Font: {class: classInline},
	atom.Abbr: {class: classInline}, atom.Acronym: {class: classInline}, atom.Mark: {class: classInline},
	atom.Time: {class: classInline}, atom.Del: {class: classInline}, atom.Ins: {class: classInline},
	atom.Bdi: {class: classInline}, atom.Bdo: {class: classInline}, atom.Data: {class: classInline},
}

// frame is one open element of the streaming converter.
type frame struct {
	a      atom.Atom
	class  elemClass
	act    bool       // its start was converted (outside skipped and pre content), so its end is too
	m      inlineMark // link, emphasis, code
	target string     // link
	next   int        // list: the next item's number, -1 for bullets
	inList bool       // li whose parent is a ul or ol
	child  bool       // pre: has a child node yet
}

// maxStreamDepth bounds nesting; deeper fragments go to the tree builder,
// which has its own limit.
const maxStreamDepth = 256

// tokenWalker walks a fragment's tokens as convertHTML walks the tree.
type tokenWalker struct {
	c     converter
	z     *html.Tokenizer
	stack []frame
	skip  int // open skipped elements
	pre   int // open pre elements outside skipped content
	preB  []byte
	// A br waits for its next sibling to know whether it ends the
	// paragraph; white space between is held with it.
	brPending bool
	held      []byte
	hasHeld   bool
}

// run converts the fragment; false when it must go to the tree builder.
func (s *tokenWalker) run() bool {
	s.c.flush() // the div the fragment is parsed into
	for {
		tt := s.z.Next()
		switch tt {
		case html.ErrorToken:
			if s.z.Err() != io.EOF {
				return false
			}
			s.settleBr(false)
			for len(s.stack) > 0 {
				s.pop()
			}
			s.c.flush() // end of the div
			s.c.flush()
			return true
		case html.TextToken:
			if s.hasHeld {
				return false // never happens: the tokenizer merges text
			}
			t := s.z.Text()
			if s.brPending && len(bytes.TrimSpace(t)) == 0 {
				s.held, s.hasHeld = append(s.held[:0], t...), true
				continue
			}
			s.settleBr(false)
			s.textNode(t)
		case html.CommentToken:
			s.settleBr(false)
			s.childNode()
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := s.z.TagName()
			a := atom.Lookup(name)
			info, ok := streamElems[a]
			if !ok || (tt == html.SelfClosingTagToken && !info.void) || !s.opens(a, info) {
				return false
			}
			s.settleBr(info.class == classBr)
			s.childNode()
			if !s.start(a, info, hasAttr) {
				return false
			}
		case html.EndTagToken:
			name, _ := s.z.TagName()
			a := atom.Lookup(name)
			if len(s.stack) == 0 || s.stack[len(s.stack)-1].a != a || a == 0 {
				return false
			}
			s.settleBr(false)
			s.pop()
		default:
			return false // doctype
		}
	}
}

// opens reports whether a start tag of a opens an element as the tree
// builder would, without closing any open one.
func (s *tokenWalker) opens(a atom.Atom, info elemInfo) bool {
	if len(s.stack) >= maxStreamDepth {
		return false
	}
	item := a == atom.Li // an open li in the same list is closed by the next
	for i := len(s.stack) - 1; i >= 0; i-- {
		f := s.stack[i]
		switch {
		case info.closesP && f.a == atom.P,
			info.class == classHeading && f.class == classHeading,
			a == atom.A && f.a == atom.A,
			item && f.a == atom.Li:
			return false
		case f.class == classList:
			item = false
		}
	}
	return true
}

// settleBr decides a waiting br: it ends the paragraph when its next
// sibling is another br. Held white space then goes in as text.
func (s *tokenWalker) settleBr(nextIsBr bool) {
	if !s.brPending {
		return
	}
	s.brPending = false
	if nextIsBr {
		s.c.flush()
	} else {
		s.c.plain = append(s.c.plain, ' ')
		s.c.md = append(s.c.md, ' ')
	}
	if s.hasHeld {
		s.hasHeld = false
		s.textNode(s.held)
	}
}

// childNode notes a child node of the innermost open element.
func (s *tokenWalker) childNode() {
	if n := len(s.stack); n > 0 {
		s.stack[n-1].child = true
	}
}

// textNode converts a text node.
func (s *tokenWalker) textNode(t []byte) {
	var parent *frame
	if n := len(s.stack); n > 0 {
		parent = &s.stack[n-1]
	}
	if parent != nil && parent.class == classPre && !parent.child {
		// The tree builder drops a newline that opens a pre.
		t = bytes.TrimPrefix(t, []byte("\n"))
		if len(t) == 0 {
			return
		}
	}
	s.childNode()
	switch {
	case s.skip > 0:
	case s.pre > 0:
		s.preB = append(s.preB, t...)
	case parent != nil && parent.act && parent.class == classList:
		if len(bytes.TrimSpace(t)) > 0 {
			s.c.textBytes(t)
		}
	default:
		s.c.textBytes(t)
	}
}

// start converts a start tag and, unless it is void, opens its element.
func (s *tokenWalker) start(a atom.Atom, info elemInfo, hasAttr bool) bool {
	f := frame{a: a, class: info.class, act: s.skip == 0 && s.pre == 0}
	var parent *frame
	if n := len(s.stack); n > 0 {
		parent = &s.stack[n-1]
	}
	c := &s.c
	switch {
	case s.skip > 0:
	case s.pre > 0:
		switch info.class {
		case classBr:
			s.preB = append(s.preB, '\n')
		case classPre:
			s.pre++
		case classSkip:
			// pre keeps the text of everything inside it.
		}
	default:
		switch info.class {
		case classSkip:
			s.skip++
		case classBr:
			s.brPending = true
		case classHeading:
			c.flush()
			c.heading = headingLevel(a)
		case classList:
			start := ""
			if a == atom.Ol && hasAttr {
				start, _ = s.attr("start")
			}
			f.next = c.beginList(a == atom.Ol, start)
		case classItem:
			if parent != nil && parent.act && parent.class == classList {
				f.inList = true
				c.beginItem(&parent.next)
			} else {
				c.flush()
				c.marker, c.mdMark = "• ", "- "
			}
		case classQuote:
			c.flush()
			c.quote++
		case classPre:
			c.flush()
			s.pre++
			s.preB = s.preB[:0]
		case classBlock:
			c.flush()
		case classLink:
			href := ""
			if hasAttr {
				href, _ = s.attr("href")
			}
			f.target = c.resolve(href)
			f.m = c.mark()
		case classEm, classStrong, classCode:
			f.m = c.mark()
		case classQ:
			c.plain = append(c.plain, "“"...)
			c.md = append(c.md, "“"...)
		}
	}
	s.stack = append(s.stack, f)
	if info.void {
		s.pop()
	}
	return true
}

// pop closes the innermost open element, converting its end.
func (s *tokenWalker) pop() {
	f := s.stack[len(s.stack)-1]
	s.stack = s.stack[:len(s.stack)-1]
	c := &s.c
	if !f.act {
		if f.class == classPre && s.skip == 0 {
			s.pre-- // a pre inside a pre
		}
		return
	}
	switch f.class {
	case classSkip:
		s.skip--
	case classHeading:
		c.flush()
		c.heading = 0
	case classList:
		c.depth--
	case classItem:
		if f.inList {
			c.endItem()
		} else {
			c.flush()
		}
	case classQuote:
		c.flush()
		c.quote--
	case classPre:
		s.pre--
		c.preBlock(string(s.preB))
	case classBlock:
		c.flush()
	case classLink:
		if f.target != "" {
			c.endLink(f.m, f.target)
		}
	case classEm:
		c.endWrap(f.m, "*", "*")
	case classStrong:
		c.endWrap(f.m, "**", "**")
	case classCode:
		c.endCode(f.m)
	case classQ:
		c.plain = append(c.plain, "”"...)
		c.md = append(c.md, "”"...)
	}
}

// attr returns the first value of the current tag's attribute key; it
// consumes the tag's attributes.
func (s *tokenWalker) attr(key string) (string, bool) {
	for {
		k, v, more := s.z.TagAttr()
		if string(k) == key {
			return string(v), true
		}
		if !more {
			return "", false
		}
	}
}
