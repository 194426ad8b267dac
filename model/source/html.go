package source

import (
	"bytes"
	"errors"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/brief-reader/brief/model"
)

// ErrNotArticle is the reason for a page in which no article text was
// found.
var ErrNotArticle = errors.New("not an article: no main text found")

// ParseHTML reads a web page: readability finds the main text, title,
// byline, date and site name; the canonical URL comes from the page's
// <link rel="canonical"> or og:url. The text becomes paragraphs (list items
// with their marker, headings and block quotes as paragraphs of their own)
// and Markdown. data must be UTF-8 (Parse converts other encodings).
// origin, when it is an http or https URL, resolves relative links.
func ParseHTML(origin string, data []byte) (model.Article, error) {
	a := model.Article{Origin: origin, Format: model.FormatHTML}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return a, &Error{origin, err}
	}
	var base *url.URL
	if u, err := url.Parse(origin); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		base = u
		a.URL = origin
	}
	if canon := canonicalLink(doc, base); canon != "" {
		a.URL = canon
		if base == nil {
			base, _ = url.Parse(canon)
		}
	}
	stated := pageDate(doc) // before readability changes the tree
	p := readability.NewParser()
	art, err := p.ParseAndMutate(doc, base)
	if err != nil {
		return a, &Error{origin, err}
	}
	a.Title = art.Title()
	a.Byline = art.Byline()
	a.Source = art.SiteName()
	if t, err := art.PublishedTime(); err == nil {
		a.Published = t
	} else {
		a.Published = stated
	}
	if art.Node == nil {
		return a, &Error{origin, ErrNotArticle}
	}
	blocks := convertHTML(art.Node, base)
	// Drop a leading heading that repeats the title.
	if len(blocks) > 0 && blocks[0].kind == blockHeading && sameText(blocks[0].plain, a.Title) {
		blocks = blocks[1:]
	}
	if err := fillBody(&a, blocks); err != nil {
		return a, &Error{origin, err}
	}
	return a, nil
}

// fillBody sets a's paragraphs and Markdown from blocks, moving a closing
// credit line, an opening "By …" line and the dateline into their fields
// as for plain text, and deriving a title when a has none.
func fillBody(a *model.Article, blocks []block) error {
	paras := blocksParagraphs(blocks)
	if len(paras) == 0 {
		return ErrNotArticle
	}
	f := model.Article{Paragraphs: append([]string(nil), paras...)}
	extractFrame(&f)
	start := 0
	if len(f.Paragraphs) > 0 && len(paras) > 0 && f.Byline != "" {
		start = 1
	}
	end := start + len(f.Paragraphs)
	blocks = blocks[start:end]
	if a.Byline == "" {
		a.Byline = f.Byline
	}
	if a.Credit == "" {
		a.Credit = f.Credit
	}
	a.Dateline = f.Dateline
	a.Paragraphs = f.Paragraphs
	if len(a.Paragraphs) == 0 {
		return ErrNotArticle
	}
	if strings.TrimSpace(a.Title) == "" {
		a.Title = deriveTitle(a.Paragraphs)
	}
	a.Markdown = blocksMarkdown(blocks)
	return nil
}

// canonicalLink finds the page's canonical address: <link rel=canonical>,
// else <meta property="og:url">, resolved against base. The whole document
// is searched: parsers move head elements that follow stray markup into
// the body.
func canonicalLink(doc *html.Node, base *url.URL) string {
	var canon, og string
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if canon != "" {
			return true
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Link:
				rel, _ := attr(n, "rel")
				if canon == "" && strings.EqualFold(strings.TrimSpace(rel), "canonical") {
					canon, _ = attr(n, "href")
				}
			case atom.Meta:
				prop, _ := attr(n, "property")
				if og == "" && strings.EqualFold(prop, "og:url") {
					og, _ = attr(n, "content")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(doc)
	return firstHTTP(base, canon, og)
}

// sameText reports whether two strings say the same once white space,
// case and punctuation at the ends are ignored.
func sameText(a, b string) bool {
	norm := func(s string) string {
		return strings.ToLower(strings.Trim(oneLine(s), " .:!?"))
	}
	return a != "" && norm(a) == norm(b)
}

// htmlFragmentBlocks converts an HTML fragment (a feed item's content)
// into blocks, without readability: the fragment is already the article.
func htmlFragmentBlocks(fragment string, base *url.URL) []block {
	var w tokenWalker
	return w.fragmentBlocks(fragment, base)
}

// fragmentBlocks is htmlFragmentBlocks reusing the walker's buffers.
func (w *tokenWalker) fragmentBlocks(fragment string, base *url.URL) []block {
	if blocks, ok := w.blocks(fragment, base); ok {
		return blocks
	}
	return treeFragmentBlocks(fragment, base)
}

// treeFragmentBlocks is htmlFragmentBlocks through the node tree
// html.ParseFragment builds, for any fragment.
func treeFragmentBlocks(fragment string, base *url.URL) []block {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), ctx)
	if err != nil {
		return nil
	}
	for _, n := range nodes {
		ctx.AppendChild(n)
	}
	return convertHTML(ctx, base)
}

// htmlText returns the plain text of an HTML fragment on one line, entities
// decoded; for titles and names that feeds sometimes carry as HTML.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return oneLine(s)
	}
	var parts []string
	for _, b := range htmlFragmentBlocks(s, nil) {
		parts = append(parts, b.plain)
	}
	return oneLine(strings.Join(parts, " "))
}
