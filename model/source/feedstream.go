package source

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/brief-reader/brief/model"
)

// A large feed is parsed as it arrives: its RSS <item> or Atom <entry>
// elements are cut from the stream a batch at a time, each batch is
// parsed (in parts, one per core: feedsplit.go) wrapped in the document's
// own head and the closing tags of the elements the head leaves open,
// converted to articles and handed on before the next batch is read. The
// whole document is never held, nor the parsed items of more than one
// batch.

// Batches of a streamed feed: the items of one batch, at most, and the
// bytes from which a batch is parsed without waiting for more items.
const (
	streamBatchItems = 1000
	streamBatchBytes = 4 << 20
	streamChunk      = 256 << 10
)

// errNotStreamable says a document is not shaped for cutting: it is read
// and parsed whole instead.
var errNotStreamable = errors.New("not a streamable feed")

// streamFeed reads an RSS or Atom document from r, at most limit bytes
// (more is a *TooLargeError), and hands its articles to emit in order,
// in batches. Items are named after origin ("<origin>#<n>"); relative
// links resolve against the feed's link, else loc. Articles are finished
// (sanitized, given their ID).
//
// When the document does not have the shape the cutter follows (no
// items, nested items, an encoding other than UTF-8, a first batch gofeed
// will not parse in parts), nothing has been emitted, and streamFeed
// returns the bytes read so far with errNotStreamable: the caller reads
// the rest and parses the whole document.
func streamFeed(r io.Reader, limit int64, origin, loc string, lim Limits, emit func([]model.Article)) ([]byte, error) {
	c := cutter{open: -1, headEnd: -1}
	var conv *feedConverter
	read, emitted, parsedItems := int64(0), 0, 0
	buf := make([]byte, 0, streamChunk)
	eof := false
	for {
		// Read until a batch is ready or the document ends.
		for !eof && !c.ready(buf) {
			if len(buf) == cap(buf) {
				buf = append(buf, make([]byte, len(buf))...)[:len(buf)]
			}
			n, err := r.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			read += int64(n)
			if read > limit {
				return nil, lim.tooLargeFor(kindFeed)
			}
			if err == io.EOF {
				eof = true
			} else if err != nil {
				return nil, err
			}
			if !c.scan(buf) {
				if emitted > 0 || parsedItems > 0 {
					return nil, errors.New("malformed feed: items not closed or nested")
				}
				return buf, errNotStreamable
			}
			if c.head == nil && c.headEnd >= 0 && !c.setHead(buf) {
				return buf, errNotStreamable
			}
		}
		if len(c.items) == 0 {
			if parsedItems > 0 && c.open >= 0 {
				return nil, errors.New("malformed feed: the last item is not closed")
			}
			if parsedItems > 0 {
				break
			}
			return buf, errNotStreamable
		}
		batch := c.items[:min(len(c.items), streamBatchItems)]
		last := len(batch) == len(c.items) && eof && c.open < 0
		tail := c.close
		if last {
			tail = buf[batch[len(batch)-1][1]:]
		}
		// Item ranges are offsets into buf; the head is kept apart, so
		// every batch is wrapped in it.
		data, items := buf, batch
		if lo, hi := items[0][0], items[len(items)-1][1]; !utf8.Valid(buf[lo:hi]) || hasEscapeBytes(buf[lo:hi]) {
			// Not the UTF-8 it says: read as Windows-1252, as a whole
			// document would be (toUTF8Bytes). Escape sequences go
			// before the XML reader sees them, as in a whole document
			// (parseFeed). Then cut again.
			var ok bool
			data = toUTF8Bytes(buf[lo:hi])
			if hasEscapeBytes(data) {
				data = []byte(model.Sanitize(string(data)))
			}
			if _, items, _, ok = splitItems(data); !ok || len(items) != len(batch) {
				return nil, errors.New("malformed feed: items not closed or nested")
			}
		}
		feed, err := parseItems(data, c.head, items, tail)
		if err != nil || feed == nil {
			if parsedItems == 0 {
				return buf, errNotStreamable
			}
			reason := "items do not parse"
			if err != nil {
				reason = feedReason(err)
			}
			return nil, fmt.Errorf("malformed feed: %s", reason)
		}
		if conv == nil {
			conv = newFeedConverter(origin, loc, feed, true)
		}
		arts := conv.convert(feed.Items, parsedItems)
		parsedItems += len(batch)
		if len(arts) > 0 {
			emit(arts)
			emitted += len(arts)
		}
		if last {
			break
		}
		if eof && c.open >= 0 && len(batch) == len(c.items) {
			return nil, errors.New("malformed feed: the last item is not closed")
		}
		buf = c.shift(buf, len(batch))
	}
	if emitted == 0 {
		return nil, conv.noItems()
	}
	return nil, nil
}

// cutter finds the item elements in a feed document as it arrives, as
// splitItems does in a whole one.
type cutter struct {
	pos        int      // where scanning resumes in the buffer
	items      [][2]int // complete items not yet parsed
	open       int      // start of the item being read, -1 when none
	start, end []byte   // "<item" and "</item>", or the Atom names, once known
	headEnd    int      // offset of the first item, -1 until found
	head       []byte   // the document before the first item, kept apart
	close      []byte   // closing tags of the elements open in head
}

// ready reports whether a batch of items is ready to parse.
func (c *cutter) ready(buf []byte) bool {
	if len(c.items) == 0 {
		return false
	}
	return len(c.items) >= streamBatchItems || c.items[len(c.items)-1][1]-c.items[0][0] >= streamBatchBytes
}

// scan finds items in buf from where it last stopped; it stops before a
// comment, CDATA section or tag that is not complete yet. It reports
// false when the document has a shape the cutter does not follow.
func (c *cutter) scan(buf []byte) bool {
	for c.pos < len(buf) {
		j := bytes.IndexByte(buf[c.pos:], '<')
		if j < 0 {
			c.pos = len(buf)
			return true
		}
		i := c.pos + j
		rest := buf[i:]
		if len(rest) < 10 {
			c.pos = i
			return true // too short to tell what starts here
		}
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			k := bytes.Index(rest, []byte("-->"))
			if k < 0 {
				c.pos = i
				return true
			}
			c.pos = i + k + 3
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			k := bytes.Index(rest, []byte("]]>"))
			if k < 0 {
				c.pos = i
				return true
			}
			c.pos = i + k + 3
			continue
		}
		if c.start == nil {
			switch {
			case isElement(rest, "<item"):
				c.start, c.end = []byte("<item"), []byte("</item>")
			case isElement(rest, "<entry"):
				c.start, c.end = []byte("<entry"), []byte("</entry>")
			}
		}
		switch {
		case c.start != nil && isElement(rest, string(c.start)):
			if c.open >= 0 {
				return false // nested item
			}
			c.open = i
			if c.headEnd < 0 {
				c.headEnd = i
			}
		case c.end != nil && bytes.HasPrefix(rest, c.end):
			if c.open < 0 {
				return false
			}
			c.items = append(c.items, [2]int{c.open, i + len(c.end)})
			c.open = -1
		}
		c.pos = i + 1
	}
	return true
}

// setHead keeps the document's head apart and works out the closing tags
// of the elements it leaves open. It reports false when the head is not
// UTF-8 XML the cutter can follow.
func (c *cutter) setHead(buf []byte) bool {
	head := buf[:c.headEnd]
	if !utf8Declared(head) {
		return false
	}
	if hasEscapeBytes(head) {
		// Escape sequences go before the XML reader sees them, as in a
		// whole document (parseFeed).
		head = []byte(model.Sanitize(string(head)))
	}
	d := xml.NewDecoder(bytes.NewReader(head))
	d.Strict = false
	var open []string
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			open = append(open, qualified(t.Name))
		case xml.EndElement:
			if len(open) == 0 || open[len(open)-1] != qualified(t.Name) {
				return false
			}
			open = open[:len(open)-1]
		}
	}
	if len(open) == 0 {
		return false
	}
	var b strings.Builder
	for i := len(open) - 1; i >= 0; i-- {
		b.WriteString("</" + open[i] + ">")
	}
	c.head = bytes.Clone(head)
	c.close = []byte(b.String())
	return true
}

// shift drops the first n items from buf, keeping what follows them,
// and moves the offsets to match.
func (c *cutter) shift(buf []byte, n int) []byte {
	cut := c.items[n-1][1]
	kept := copy(buf, buf[cut:])
	c.pos -= cut
	if c.open >= 0 {
		c.open -= cut
	}
	rest := copy(c.items, c.items[n:])
	c.items = c.items[:rest]
	for i := range c.items {
		c.items[i][0] -= cut
		c.items[i][1] -= cut
	}
	return buf[:kept]
}

// qualified names an element as written: "prefix:local" or "local".
func qualified(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// utf8Declared reports whether a document head is UTF-8 by its byte-order
// mark and XML declaration (none, or "UTF-8").
func utf8Declared(head []byte) bool {
	if enc, name := bomEncoding(head); enc != nil && name != "utf-8" {
		return false
	}
	m := xmlEncodingRE.FindSubmatchIndex(head)
	return m == nil || strings.EqualFold(string(head[m[2]:m[3]]), "utf-8")
}
