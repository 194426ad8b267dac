package source

import (
	"bytes"
	"io"
	"runtime"
	"sync"

	"github.com/mmcdole/gofeed"
)

// splitMin is the size from which a feed is parsed in parallel parts.
const splitMin = 1 << 20

// parseFeedDoc parses a feed document with gofeed. A large RSS or Atom
// document is cut at item boundaries into one part per core, each part
// wrapped in the document's own prologue (XML declaration, root element
// with its namespaces, channel metadata) and epilogue, and the parts are
// parsed at once: gofeed's parser is single-threaded and is most of the
// cost of a large feed. In an RSS document the parts go to gofeed with
// their items' plain-text bodies taken out (feedbody.go). Anything the cut
// cannot handle cleanly falls back to parsing the whole document. (On one
// core an RSS document is still parsed as one part, for its bodies.)
func parseFeedDoc(data []byte) (*gofeed.Feed, error) {
	if len(data) < splitMin {
		return newFeedParser().Parse(bytes.NewReader(data))
	}
	head, items, tail, ok := splitItems(data)
	if !ok {
		return newFeedParser().Parse(bytes.NewReader(data))
	}
	feed, err := parseItems(data, head, items, tail)
	if err != nil || feed == nil {
		return newFeedParser().Parse(bytes.NewReader(data))
	}
	return feed, nil
}

// parseItems parses the items of a feed document (the ranges items of
// data, in document order) in parts, one per core, each wrapped in head
// and tail; see parseFeedDoc. A nil feed or an error means the parts did
// not parse into one item per element: parse the document whole instead.
func parseItems(data, head []byte, items [][2]int, tail []byte) (*gofeed.Feed, error) {
	rules, strip := rssBodyRules(head)
	strip = strip && bytes.HasPrefix(data[items[0][0]:], []byte("<item")) && siblings(data, items)
	parts := min(runtime.GOMAXPROCS(0), len(items)/2)
	if parts < 1 || (parts < 2 && !strip) {
		parts = 1
		if !strip {
			doc := io.MultiReader(bytes.NewReader(head), bytes.NewReader(data[items[0][0]:items[len(items)-1][1]]), bytes.NewReader(tail))
			feed, err := newFeedParser().Parse(doc)
			if err != nil || feed == nil || len(feed.Items) != len(items) {
				return nil, err
			}
			return feed, nil
		}
	}
	feeds := make([]*gofeed.Feed, parts)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := p*len(items)/parts, (p+1)*len(items)/parts
		wg.Go(func() {
			if strip {
				feeds[p], errs[p] = parseStripped(data, head, tail, items[lo:hi], rules)
				return
			}
			// The part is read in place: copying it into a document of its
			// own cost more than a tenth of a second for a 26 MB feed.
			doc := io.MultiReader(bytes.NewReader(head), bytes.NewReader(data[items[lo][0]:items[hi-1][1]]), bytes.NewReader(tail))
			feeds[p], errs[p] = newFeedParser().Parse(doc)
		})
	}
	wg.Wait()
	for p := range parts {
		if errs[p] != nil || feeds[p] == nil {
			return nil, errs[p]
		}
	}
	feed := feeds[0]
	for _, f := range feeds[1:] {
		feed.Items = append(feed.Items, f.Items...)
	}
	if len(feed.Items) != len(items) {
		return nil, nil
	}
	return feed, nil
}

// parseStripped parses the part of an RSS document made of items (with
// what lies between them) in its head and tail, with their bodies taken
// out (feedbody.go) and put back in the parsed items. A nil feed means the
// part did not parse into one item per element.
func parseStripped(data, head, tail []byte, items [][2]int, rules bodyRules) (*gofeed.Feed, error) {
	// Bodies are most of a large feed: a quarter of the part is room
	// enough for the rest of it, usually.
	size := len(head) + len(tail) + (items[len(items)-1][1]-items[0][0])/4
	doc := append(make([]byte, 0, size), head...)
	bodies := make([]itemBody, len(items))
	for i, it := range items {
		if i > 0 {
			doc = append(doc, data[items[i-1][1]:it[0]]...)
		}
		doc, bodies[i] = stripItem(doc, data[it[0]:it[1]], rules)
	}
	doc = append(doc, tail...)
	feed, err := newFeedParser().Parse(bytes.NewReader(doc))
	if err != nil || feed == nil || len(feed.Items) != len(items) {
		return nil, err
	}
	putBodies(feed.Items, bodies)
	return feed, nil
}

// siblings reports whether items are elements of one parent: nothing but
// white space, text and comments between them. gofeed lists an RSS
// feed's items by parent (those in the channel first), so only then are
// they in document order.
func siblings(data []byte, items [][2]int) bool {
	for k := 1; k < len(items); k++ {
		gap := data[items[k-1][1]:items[k][0]]
		for {
			i := bytes.IndexByte(gap, '<')
			if i < 0 {
				break
			}
			if !bytes.HasPrefix(gap[i:], []byte("<!--")) {
				return false
			}
			j := bytes.Index(gap[i:], []byte("-->"))
			if j < 0 {
				return false
			}
			gap = gap[i+j+3:]
		}
	}
	return true
}

// newFeedParser returns gofeed's parser without the item image scan: its
// default RSS translator parses every item's content and description as
// an HTML document to find a first <img> for Item.Image, which brief never
// reads (a third of gofeed's time on a feed of large items).
func newFeedParser() *gofeed.Parser {
	p := gofeed.NewParser()
	p.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
	return p
}

// splitItems finds the RSS <item> or Atom <entry> elements of a feed
// document, outside comments and CDATA sections: the bytes before the
// first (head), each element's [start, end) range, and the bytes after
// the last (tail). It reports false when the document does not have that
// shape (no items, nested or unclosed items).
func splitItems(data []byte) (head []byte, items [][2]int, tail []byte, ok bool) {
	var open, close []byte
	for i := 0; i < len(data); {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			break
		}
		i += j
		rest := data[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			k := bytes.Index(rest, []byte("-->"))
			if k < 0 {
				return nil, nil, nil, false
			}
			i += k + 3
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			k := bytes.Index(rest, []byte("]]>"))
			if k < 0 {
				return nil, nil, nil, false
			}
			i += k + 3
			continue
		}
		if open == nil {
			switch {
			case isElement(rest, "<item"):
				open, close = []byte("<item"), []byte("</item>")
			case isElement(rest, "<entry"):
				open, close = []byte("<entry"), []byte("</entry>")
			}
		}
		switch {
		case open != nil && isElement(rest, string(open)):
			if len(items) > 0 && items[len(items)-1][1] == 0 {
				return nil, nil, nil, false // nested item
			}
			items = append(items, [2]int{i, 0})
		case close != nil && bytes.HasPrefix(rest, close):
			if len(items) == 0 || items[len(items)-1][1] != 0 {
				return nil, nil, nil, false
			}
			items[len(items)-1][1] = i + len(close)
		}
		i++
	}
	if len(items) == 0 || items[len(items)-1][1] == 0 {
		return nil, nil, nil, false
	}
	return data[:items[0][0]], items, data[items[len(items)-1][1]:], true
}

// isElement reports whether b starts with the start tag name (such as
// "<item") followed by the end of the name.
func isElement(b []byte, name string) bool {
	if !bytes.HasPrefix(b, []byte(name)) || len(b) <= len(name) {
		return false
	}
	switch b[len(name)] {
	case '>', ' ', '\t', '\n', '\r', '/':
		return true
	}
	return false
}
