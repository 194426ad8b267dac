package source

import (
	"fmt"
	"net/url"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/brief-reader/brief/model"
)

// ParseFeed reads an RSS, Atom or JSON Feed document (UTF-8; Parse
// converts other encodings). Each item becomes an article: its full content
// when the feed carries it, else its description or summary, converted
// from HTML; Source is the feed's title, Published the item's date, URL
// its link, Origin "<origin>#<n>" for the nth item (from 1), Tags its
// categories. Items with no title and no text are skipped. A feed with no
// items is an error.
func ParseFeed(origin string, data []byte) ([]model.Article, error) {
	var arts []model.Article
	if err := parseFeed(origin, data, 0, false, func(b []model.Article) { arts = append(arts, b...) }); err != nil {
		return nil, err
	}
	return arts, nil
}

// parseFeed parses a feed and hands its articles to emit in order, in
// batches of about batch items (all at once when batch is 0), so a
// consumer can start on the first items of a large feed while the rest
// convert. With fin, each article is also finished (sanitized, given its
// ID) as it converts, on the same cores.
func parseFeed(origin string, data []byte, batch int, fin bool, emit func([]model.Article)) error {
	if hasEscapeBytes(data) {
		// The XML reader drops an ESC as a character XML forbids but
		// keeps the rest of its sequence ("[2J") as text: remove whole
		// sequences first.
		data = []byte(model.Sanitize(string(data)))
	}
	feed, err := parseFeedDoc(data)
	if err != nil {
		return &Error{origin, fmt.Errorf("malformed feed: %v", feedReason(err))}
	}
	c := newFeedConverter(origin, origin, feed, fin)
	n := len(feed.Items)
	if batch <= 0 {
		batch = max(n, 1)
	}
	emitted := 0
	for lo := 0; lo < n; lo += batch {
		hi := min(n, lo+batch)
		arts := c.convert(feed.Items[lo:hi], lo)
		if len(arts) > 0 {
			emit(arts)
			emitted += len(arts)
		}
	}
	if emitted == 0 {
		return c.noItems()
	}
	return nil
}

// feedConverter turns the parsed items of one feed into articles.
type feedConverter struct {
	origin string   // names the items: "<origin>#<n>"
	base   *url.URL // resolves relative links
	title  string   // the feed's title, each article's Source
	fin    bool     // finish (sanitize, identify) each article too
}

// newFeedConverter returns the converter for feed, whose items are named
// after origin and whose relative links resolve against the feed's own
// link, else against loc (the address it came from).
func newFeedConverter(origin, loc string, feed *gofeed.Feed, fin bool) *feedConverter {
	c := &feedConverter{origin: origin, title: htmlText(feed.Title), fin: fin}
	if u, err := url.Parse(firstNonEmpty(feed.Link, feed.FeedLink)); err == nil && u.IsAbs() {
		c.base = u
	} else if u, err := url.Parse(loc); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		c.base = u
	}
	return c
}

// noItems is the error for a feed that yielded no article.
func (c *feedConverter) noItems() error {
	return &Error{c.origin, fmt.Errorf("feed %q has no items", c.title)}
}

// convert turns items, the first of which is the feed's item number
// first+1 (counting from 1), into articles in their order, skipping items
// with no title and no text. Each item is dropped from items as it
// converts, so the parsed item can go early.
func (c *feedConverter) convert(items []*gofeed.Item, first int) []model.Article {
	n := len(items)
	out := make([]model.Article, n)
	ok := make([]bool, n)
	part := func(lo, hi int) {
		var w tokenWalker // reused for every item body
		for i := lo; i < hi; i++ {
			it := items[i]
			if it == nil {
				continue
			}
			a, good := feedItem(it, c.base, &w)
			items[i] = nil
			if !good {
				continue
			}
			a.Origin = c.origin + "#" + strconv.Itoa(first+i+1)
			a.Source = c.title
			if c.fin {
				finish(&a)
			}
			out[i], ok[i] = a, true
		}
	}
	// Converting item bodies from HTML is most of the work in a large
	// feed: share it among the available cores.
	if parts := runtime.GOMAXPROCS(0); n >= 256 && parts > 1 {
		var wg sync.WaitGroup
		for p := range parts {
			wg.Go(func() { part(p*n/parts, (p+1)*n/parts) })
		}
		wg.Wait()
	} else {
		part(0, n)
	}
	arts := out[:0]
	for i := range out {
		if ok[i] {
			arts = append(arts, out[i])
		}
	}
	clear(out[len(arts):])
	return slices.Clip(arts)
}

// feedItem turns one feed item into an article, converting its body
// with w.
func feedItem(it *gofeed.Item, base *url.URL, w *tokenWalker) (model.Article, bool) {
	a := model.Article{Format: model.FormatFeed, Title: htmlText(it.Title), Tags: it.Categories}
	if link := itemLink(it, base); link != "" {
		a.URL = link
	}
	switch {
	case it.PublishedParsed != nil:
		a.Published = *it.PublishedParsed
	case it.UpdatedParsed != nil:
		a.Published = *it.UpdatedParsed
	default:
		a.Published = parseFeedDate(firstNonEmpty(it.Published, it.Updated))
	}
	var names []string
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			names = append(names, htmlText(p.Name))
		}
	}
	if len(names) == 0 && it.DublinCoreExt != nil {
		names = append(names, it.DublinCoreExt.Creator...)
	}
	if len(names) > 0 {
		a.Byline = "By " + strings.Join(names, ", ")
	}
	body := it.Content
	if strings.TrimSpace(body) == "" {
		body = it.Description
	}
	blocks := bodyBlocks(body, base, w)
	if len(blocks) == 0 {
		if a.Title == "" {
			return a, false
		}
		blocks = []block{{plain: a.Title, md: escapeMarkdown(a.Title)}}
	}
	if err := fillBody(&a, blocks); err != nil {
		if a.Title == "" {
			return a, false
		}
		a.Paragraphs = []string{a.Title}
		a.Markdown = escapeMarkdown(a.Title) + "\n"
	}
	return a, true
}

// looksHTMLRE tells HTML content from plain text.
var looksHTMLRE = regexp.MustCompile(`(?i)<(?:/?[a-z][a-z0-9]*[\s>/]|!--)|&(?:#\d+|#x[0-9a-f]+|[a-z]+);`)

// bodyBlocks converts an item body, HTML or plain text, into blocks.
func bodyBlocks(body string, base *url.URL, w *tokenWalker) []block {
	if strings.TrimSpace(body) == "" {
		return nil
	}
	if looksHTMLRE.MatchString(body) {
		return w.fragmentBlocks(body, base)
	}
	var out []block
	for _, lines := range textBlocks(body) {
		for _, p := range blockParagraphs(lines) {
			if bulletRE.MatchString(p) {
				t := stripBullet(p)
				out = append(out, block{kind: blockItem, marker: "• ", mdMarker: "- ", depth: 1, plain: t, md: escapeMarkdown(t)})
				continue
			}
			out = append(out, block{plain: p, md: escapeMarkdown(p)})
		}
	}
	return out
}

// itemLink returns an item's absolute link.
func itemLink(it *gofeed.Item, base *url.URL) string {
	return firstHTTP(base, append([]string{it.Link}, it.Links...)...)
}

// firstHTTP returns the first of refs that makes an absolute http or
// https URL, resolved against base when relative; "" when none does.
func firstHTTP(base *url.URL, refs ...string) string {
	for _, ref := range refs {
		ref = strings.TrimSpace(ref)
		if ref == "" {
			continue
		}
		u, err := url.Parse(ref)
		if err != nil {
			continue
		}
		if !u.IsAbs() && base != nil {
			u = base.ResolveReference(u)
		}
		if (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u.String()
		}
	}
	return ""
}

// monthNames maps month abbreviations in the languages feeds most often
// use for their dates (English, Portuguese, Spanish, French, German,
// Italian, Dutch) to the month number.
var monthNames = map[string]time.Month{
	"jan": 1, "ene": 1, "gen": 1, "janv": 1, "jän": 1,
	"feb": 2, "fev": 2, "fév": 2, "févr": 2,
	"mar": 3, "mär": 3, "mrt": 3, "mars": 3,
	"apr": 4, "abr": 4, "avr": 4,
	"may": 5, "mai": 5, "mei": 5, "mag": 5,
	"jun": 6, "juin": 6, "giu": 6,
	"jul": 7, "juil": 7, "lug": 7,
	"aug": 8, "ago": 8, "août": 8, "aoû": 8,
	"sep": 9, "set": 9, "sept": 9,
	"oct": 10, "out": 10, "okt": 10, "ott": 10,
	"nov": 11,
	"dec": 12, "dez": 12, "dic": 12, "déc": 12,
}

// feedDateRE reads an RFC 822-style date with the month spelled in any
// language: "Seg, 24 Set 2018 19:42:40 -0300".
var feedDateRE = regexp.MustCompile(`^(?:[^\d,]+,\s*)?(\d{1,2})\s+([^\s\d.]+)\.?\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Z]{1,4})?`)

// parseFeedDate reads a date gofeed could not; the zero Time when it
// cannot either.
func parseFeedDate(s string) time.Time {
	m := feedDateRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return time.Time{}
	}
	mon, ok := monthNames[strings.ToLower(m[2])]
	if !ok {
		r := []rune(strings.ToLower(m[2]))
		if len(r) > 3 {
			mon, ok = monthNames[string(r[:3])]
		}
		if !ok {
			return time.Time{}
		}
	}
	num := func(v string) int { n, _ := strconv.Atoi(v); return n }
	loc := time.UTC
	if z := m[7]; len(z) == 5 {
		off := (num(z[1:3])*60 + num(z[3:5])) * 60
		if z[0] == '-' {
			off = -off
		}
		loc = time.FixedZone(z, off)
	}
	return time.Date(num(m[3]), mon, num(m[1]), num(m[4]), num(m[5]), num(m[6]), 0, loc)
}

// feedReason shortens a parser error to its message.
func feedReason(err error) string {
	if err == gofeed.ErrFeedTypeNotDetected {
		return "not an RSS, Atom or JSON feed"
	}
	s := err.Error()
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}
