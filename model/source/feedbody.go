package source

import (
	"bytes"
	"html"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
)

// The bodies of a large RSS feed's items (<description> and
// <content:encoded>) are most of its bytes, and most of gofeed's time goes
// into running them through encoding/xml only to keep their raw text
// (gofeed reads them as inner XML, then trims the text and decodes its
// CDATA sections and entities). For the bodies whose text is plainly
// character data (escaped HTML or CDATA sections, nothing encoding/xml
// could reject), the split parser takes that raw text out of the
// document before gofeed parses it, makes of it exactly what gofeed
// would (gofeedText), and puts it back in the parsed items. Every other
// element, and every body that is not plain character data, is still
// parsed by gofeed.

// Namespaces whose elements gofeed's RSS parser takes as its own.
var rssNativeNS = map[string]bool{
	"": true, "http://purl.org/rss/1.0/": true, "http://www.w3.org/1999/02/22-rdf-syntax-ns#": true,
	"http://channel.netscape.com/rdf/simple/0.9/": true, "http://my.netscape.com/rdf/simple/0.9/": true,
}

// contentNS is the namespace of <content:encoded>.
const contentNS = "http://purl.org/rss/1.0/modules/content/"

// xmlnsRE finds namespace declarations.
var xmlnsRE = regexp.MustCompile(`xmlns(?::([^\s=/>]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')`)

// bodyRules is what an RSS feed's head says about its items' elements.
type bodyRules struct {
	// content is true when <content:encoded> is in the content namespace
	// (or its prefix is undeclared, which gofeed reads the same way).
	content bool
	// native are the prefixes (lower case) that may name RSS's own
	// elements.
	native map[string]bool
}

// rssBodyRules reads the namespace declarations in the head of an RSS
// feed (everything before its first item). It reports false when the
// items' unprefixed elements may be in a namespace gofeed does not treat
// as RSS (a default namespace of another vocabulary): then no body is
// taken out. Declarations in comments or text count too, which only makes
// the rules stricter.
func rssBodyRules(head []byte) (bodyRules, bool) {
	r := bodyRules{content: true, native: map[string]bool{"": true, "rss": true, "rdf": true}}
	for _, m := range xmlnsRE.FindAllSubmatch(head, -1) {
		prefix, uri := strings.ToLower(string(m[1])), strings.TrimSpace(string(m[2])+string(m[3]))
		switch {
		case prefix == "" && !rssNativeNS[uri]:
			return r, false
		case prefix != "" && rssNativeNS[uri]:
			r.native[prefix] = true
		}
		if prefix == "content" && uri != contentNS {
			r.content = false
		}
	}
	return r, true
}

// itemBody is the text of an item's body elements taken out of the
// document: set tells which were.
type itemBody struct {
	desc, content       string
	hasDesc, hasContent bool
}

// stripItem appends to dst the item element (its bytes, from "<item" to
// "</item>") with the inner text of its plain-character-data
// <description> and <content:encoded> children taken out, and returns
// that text as gofeed would read it. An item whose shape it does not
// follow (namespace declarations, unbalanced tags, unclosed comments) is
// appended whole.
func stripItem(dst, item []byte, r bodyRules) ([]byte, itemBody) {
	var body itemBody
	descs, conts, ok := scanItem(item, r)
	if !ok || (descs == nil && conts == nil) {
		return append(dst, item...), body
	}
	// The cuts, in document order.
	cuts := make([][2]int, 0, len(descs)+len(conts))
	for i, j := 0, 0; i < len(descs) || j < len(conts); {
		if j == len(conts) || (i < len(descs) && descs[i][0] < conts[j][0]) {
			cuts = append(cuts, descs[i])
			i++
		} else {
			cuts = append(cuts, conts[j])
			j++
		}
	}
	at := 0
	for _, c := range cuts {
		dst = append(dst, item[at:c[0]]...)
		at = c[1]
	}
	dst = append(dst, item[at:]...)
	// gofeed keeps the last of several.
	if n := len(descs); n > 0 {
		body.desc, body.hasDesc = gofeedText(item[descs[n-1][0]:descs[n-1][1]]), true
	}
	if n := len(conts); n > 0 {
		body.content, body.hasContent = gofeedText(item[conts[n-1][0]:conts[n-1][1]]), true
	}
	return dst, body
}

// scanItem finds the inner ranges of an item's <description> and
// <content:encoded> children that hold plain character data. It returns
// none of a kind when a child of that name is not of that form (gofeed
// would read it, and keeps the last of several), and false when the item
// has a namespace declaration or a shape it does not follow.
func scanItem(item []byte, r bodyRules) (descs, conts [][2]int, ok bool) {
	end := len(item) - len("</item>")
	k := tagEnd(item)
	if k < 1 || k >= end || item[k-1] == '/' || bytes.Contains(item[:k], []byte("xmlns")) {
		return nil, nil, false
	}
	var otherDesc, otherCont bool
	// open are the names of the open elements inside the item: an end
	// tag must close the innermost, or the item is left to gofeed (whose
	// lenient parser would nest its elements otherwise).
	var open [][]byte
	for i := k + 1; i < end; {
		j := bytes.IndexByte(item[i:end], '<')
		if j < 0 {
			break
		}
		i += j
		rest := item[i:end]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			n := bytes.Index(rest, []byte("-->"))
			if n < 0 {
				return nil, nil, false
			}
			i += n + 3
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			n := bytes.Index(rest, []byte("]]>"))
			if n < 0 {
				return nil, nil, false
			}
			i += n + 3
			continue
		case bytes.HasPrefix(rest, []byte("<?")):
			n := bytes.Index(rest, []byte("?>"))
			if n < 0 {
				return nil, nil, false
			}
			i += n + 2
			continue
		case bytes.HasPrefix(rest, []byte("<!")):
			return nil, nil, false
		case bytes.HasPrefix(rest, []byte("</")):
			n := bytes.IndexByte(rest, '>')
			if n < 0 || len(open) == 0 || !bytes.Equal(bytes.TrimRight(rest[2:n], " \t\r\n"), open[len(open)-1]) {
				return nil, nil, false
			}
			open = open[:len(open)-1]
			i += n + 1
			continue
		}
		n := tagEnd(rest)
		if n < 0 {
			return nil, nil, false
		}
		tag := rest[:n+1]
		if bytes.Contains(tag, []byte("xmlns")) {
			return nil, nil, false
		}
		if len(open) == 0 {
			switch {
			case string(tag) == "<description>":
				if in, next, ok := plainInner(item[:end], i+len(tag), "</description>"); ok {
					descs = append(descs, in)
					i = next
					continue
				}
				otherDesc = true
			case string(tag) == "<content:encoded>" && r.content:
				if in, next, ok := plainInner(item[:end], i+len(tag), "</content:encoded>"); ok {
					conts = append(conts, in)
					i = next
					continue
				}
				otherCont = true
			default:
				prefix, local := tagName(tag)
				if local == "description" && r.native[prefix] {
					otherDesc = true
				}
				if local == "encoded" {
					otherCont = true
				}
			}
		}
		if tag[len(tag)-2] != '/' {
			open = append(open, tag[1:tagNameEnd(tag)])
		}
		i += n + 1
	}
	if len(open) != 0 {
		return nil, nil, false
	}
	if otherDesc {
		descs = nil
	}
	if otherCont {
		conts = nil
	}
	return descs, conts, true
}

// tagEnd returns the index of the '>' that ends the tag b starts with,
// skipping quoted attribute values; -1 when there is none.
func tagEnd(b []byte) int {
	var quote byte
	for i := 1; i < len(b); i++ {
		switch c := b[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}

// tagNameEnd returns the index of the end of a start tag's name.
func tagNameEnd(tag []byte) int {
	n := 1
	for n < len(tag) && !strings.ContainsRune(" \t\r\n/>", rune(tag[n])) {
		n++
	}
	return n
}

// tagName returns the prefix and local name of a start tag, in lower
// case.
func tagName(tag []byte) (prefix, local string) {
	name := strings.ToLower(string(tag[1:tagNameEnd(tag)]))
	if i := strings.IndexByte(name, ':'); i >= 0 {
		return name[:i], name[i+1:]
	}
	return "", name
}

// plainInner finds the inner text of an element whose start tag ends at
// start: it must be character data and CDATA sections up to the end tag
// end, with nothing encoding/xml rejects (so gofeed would read the same
// raw text): valid UTF-8, no control characters, no "]]>" outside CDATA,
// no character reference to a character XML forbids. It returns the
// inner range and the index after the end tag.
func plainInner(b []byte, start int, end string) (inner [2]int, next int, ok bool) {
	i := start
	for {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return inner, 0, false
		}
		i += j
		rest := b[i:]
		if bytes.HasPrefix(rest, []byte("<![CDATA[")) {
			n := bytes.Index(rest, []byte("]]>"))
			if n < 0 {
				return inner, 0, false
			}
			i += n + 3
			continue
		}
		if !bytes.HasPrefix(rest, []byte(end)) {
			return inner, 0, false
		}
		if !charData(b[start:i]) {
			return inner, 0, false
		}
		return [2]int{start, i}, i + len(end), true
	}
}

// charData checks the inner text of a body element as encoding/xml
// would (in gofeed's non-strict mode), with its CDATA sections.
func charData(b []byte) bool {
	if !utf8.Valid(b) || bytes.Contains(b, []byte("\uFFFE")) || bytes.Contains(b, []byte("\uFFFF")) {
		return false
	}
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false // gofeed drops these before parsing
		}
	}
	for len(b) > 0 {
		text := b
		if n := bytes.Index(b, []byte("<![CDATA[")); n >= 0 {
			text = b[:n]
			m := bytes.Index(b[n:], []byte("]]>"))
			if m < 0 {
				return false
			}
			b = b[n+m+3:]
		} else {
			b = nil
		}
		if bytes.Contains(text, []byte("]]>")) {
			return false
		}
		for {
			n := bytes.Index(text, []byte("&#"))
			if n < 0 {
				break
			}
			text = text[n+2:]
			base := 10
			if len(text) > 0 && text[0] == 'x' {
				base = 16
				text = text[1:]
			}
			d := 0
			for d < len(text) && (text[d] >= '0' && text[d] <= '9' ||
				base == 16 && (text[d] >= 'a' && text[d] <= 'f' || text[d] >= 'A' && text[d] <= 'F')) {
				d++
			}
			if d == len(text) || text[d] != ';' {
				continue
			}
			v, err := strconv.ParseUint(string(text[:d]), base, 64)
			if err == nil && v <= unicode.MaxRune {
				r, _ := utf8.DecodeRuneInString(string(rune(v)))
				if !xmlChar(r) {
					return false
				}
			}
		}
	}
	return true
}

// xmlChar reports whether XML allows the character r.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// gofeedText is what gofeed makes of an element's raw inner XML: the text
// trimmed, then its CDATA sections kept verbatim and the rest
// entity-decoded (gofeed's internal shared.ParseText, StripCDATA and
// DecodeEntities, which it does not export).
func gofeedText(raw []byte) string {
	s := bytes.TrimSpace(raw)
	var out strings.Builder
	out.Grow(len(s))
	for {
		start := bytes.Index(s, []byte("<![CDATA["))
		if start < 0 {
			break
		}
		decodeEntities(&out, s[:start])
		end := bytes.Index(s[start+len("<![CDATA["):], []byte("]]>"))
		if end < 0 {
			decodeEntities(&out, s[start:])
			return out.String()
		}
		end += start + len("<![CDATA[")
		out.Write(s[start+len("<![CDATA[") : end])
		s = s[end+len("]]>"):]
	}
	decodeEntities(&out, s)
	return out.String()
}

// maxEntityLen bounds how far past an '&' the ';' of an entity may be, as
// in gofeed.
const maxEntityLen = 64

// decodeEntities writes s to out with its HTML entities decoded as
// gofeed's DecodeEntities does: an entity needs its ';' within
// maxEntityLen bytes and no white space before it, and counts only when
// the ';' is part of it. The five XML entities are decoded directly.
func decodeEntities(out *strings.Builder, s []byte) {
	for len(s) > 0 {
		i := bytes.IndexByte(s, '&')
		if i < 0 {
			out.Write(s)
			return
		}
		out.Write(s[:i])
		s = s[i:]
		if c, n := xmlEntity(s); n > 0 {
			out.WriteByte(c)
			s = s[n:]
			continue
		}
		window := s[:min(len(s), maxEntityLen)]
		end := bytes.IndexByte(window, ';')
		if end < 0 && len(window) == len(s) {
			out.Write(s)
			return
		}
		if end < 0 || bytes.ContainsAny(s[1:end], " \t\r\n") {
			out.WriteByte('&')
			s = s[1:]
			continue
		}
		span := string(s[:end+1])
		dec := html.UnescapeString(span)
		if dec == html.UnescapeString(span[:len(span)-1])+";" {
			out.WriteByte('&')
			s = s[1:]
			continue
		}
		out.WriteString(dec)
		s = s[end+1:]
	}
}

// xmlEntity decodes &lt; &gt; &amp; &quot; or &apos; at the start of s,
// returning the character and the entity's length (0 for none).
func xmlEntity(s []byte) (byte, int) {
	if len(s) < 4 {
		return 0, 0
	}
	switch s[1] {
	case 'l':
		if bytes.HasPrefix(s, []byte("&lt;")) {
			return '<', 4
		}
	case 'g':
		if bytes.HasPrefix(s, []byte("&gt;")) {
			return '>', 4
		}
	case 'a':
		if bytes.HasPrefix(s, []byte("&amp;")) {
			return '&', 5
		}
		if bytes.HasPrefix(s, []byte("&apos;")) {
			return '\'', 6
		}
	case 'q':
		if bytes.HasPrefix(s, []byte("&quot;")) {
			return '"', 6
		}
	}
	return 0, 0
}

// putBodies sets the text taken out of a part's items back into the items
// gofeed parsed, where gofeed would have put it: an empty text leaves
// what gofeed found in its place (its fallbacks, such as dc:description).
func putBodies(items []*gofeed.Item, bodies []itemBody) {
	for i, b := range bodies {
		if b.hasDesc && b.desc != "" {
			items[i].Description = b.desc
		}
		if b.hasContent && b.content != "" {
			items[i].Content = b.content
		}
	}
}
