package source

import (
	"bytes"
	"mime"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/brief-reader/brief/model"
)

// kind is what an input holds, as far as loading is concerned.
type kind int

const (
	kindText kind = iota
	kindMarkdown
	kindHTML
	kindFeed
	kindOPML
	kindOther // a recognisable format that is not an article (JSON, other XML)
)

// htmlTagRE matches the opening of a common HTML element, for telling a
// page or fragment from other text.
var htmlTagRE = regexp.MustCompile(`(?i)<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|h[1-6]|ul|ol|table|span|a\s)[\s>/]`)

// sniffKind decides what data holds: content first, then the content type
// a server sent (may be ""), then the origin's extension.
func sniffKind(origin string, data []byte, contentType string) kind {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	head = bytes.TrimLeft(skipBOM(head), " \t\r\n")
	ext := strings.ToLower(filepath.Ext(stripQuery(origin)))
	mt, _, _ := mime.ParseMediaType(contentType)

	if len(head) > 0 && head[0] == '{' {
		if bytes.Contains(head, []byte("jsonfeed.org/version")) {
			return kindFeed
		}
		return kindOther
	}
	if len(head) > 0 && head[0] == '<' {
		switch root := xmlRoot(head); root {
		case "rss", "rdf:rdf", "rdf", "feed":
			return kindFeed
		case "opml":
			return kindOPML
		case "html":
			return kindHTML
		case "":
		default:
			if htmlTagRE.Match(head) {
				return kindHTML
			}
			return kindOther
		}
		if htmlTagRE.Match(head) {
			return kindHTML
		}
	}
	switch mt {
	case "application/rss+xml", "application/atom+xml", "application/feed+json":
		return kindFeed
	case "text/x-opml":
		return kindOPML
	case "text/html", "application/xhtml+xml":
		if htmlTagRE.Match(head) {
			return kindHTML
		}
	case "text/markdown":
		return kindMarkdown
	}
	switch ext {
	case ".md", ".markdown", ".mdown", ".mkd":
		return kindMarkdown
	case ".html", ".htm", ".xhtml":
		if htmlTagRE.Match(head) {
			return kindHTML
		}
	}
	if sniff(origin, data) == model.FormatMarkdown {
		return kindMarkdown
	}
	return kindText
}

// xmlRoot returns the lower-cased name of the first element of an XML or
// HTML document, skipping the declaration, comments, processing
// instructions and the doctype ("html" for an HTML doctype). It returns ""
// when head holds no element start.
func xmlRoot(head []byte) string {
	s := head
	for {
		s = bytes.TrimLeft(s, " \t\r\n")
		switch {
		case bytes.HasPrefix(s, []byte("<?")):
			i := bytes.Index(s, []byte("?>"))
			if i < 0 {
				return ""
			}
			s = s[i+2:]
		case bytes.HasPrefix(s, []byte("<!--")):
			i := bytes.Index(s, []byte("-->"))
			if i < 0 {
				return ""
			}
			s = s[i+3:]
		case bytes.HasPrefix(s, []byte("<!")):
			if len(s) >= 14 && strings.EqualFold(string(s[2:9]), "doctype") &&
				strings.EqualFold(strings.TrimSpace(string(s[9:14])), "html") {
				return "html"
			}
			i := bytes.IndexByte(s, '>')
			if i < 0 {
				return ""
			}
			s = s[i+1:]
		case bytes.HasPrefix(s, []byte("<")):
			end := 1
			for end < len(s) && !strings.ContainsRune(" \t\r\n>/", rune(s[end])) {
				end++
			}
			return strings.ToLower(string(s[1:end]))
		default:
			return ""
		}
	}
}

// stripQuery drops a URL's query and fragment so the extension of its path
// can be read.
func stripQuery(origin string) string {
	if i := strings.IndexAny(origin, "?#"); i >= 0 && strings.Contains(origin, "://") {
		return origin[:i]
	}
	return origin
}

// skipBOM drops a UTF-8 byte-order mark.
func skipBOM(b []byte) []byte { return bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) }

// xmlEncodingRE finds the encoding named in an XML declaration.
var xmlEncodingRE = regexp.MustCompile(`^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// decodeXML returns an XML document as UTF-8, with its declaration (if
// any) rewritten to say so. The encoding is taken, in order, from a
// byte-order mark, the content type a server sent, the XML declaration;
// undeclared bytes that are not valid UTF-8 are read as Windows-1252 (the
// superset of ISO-8859-1 that such feeds are in practice).
func decodeXML(data []byte, contentType string) []byte {
	enc, name := bomEncoding(data)
	if enc == nil {
		if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
			enc, name = charset.Lookup(params["charset"])
		}
	}
	decl := xmlEncodingRE.FindSubmatchIndex(data)
	if enc == nil && decl != nil {
		enc, name = charset.Lookup(string(data[decl[2]:decl[3]]))
	}
	var out []byte
	switch {
	case enc != nil && name != "utf-8":
		b, err := decodeWith(enc, data)
		if err != nil {
			return toUTF8Bytes(data)
		}
		out = b
	default:
		out = toUTF8Bytes(skipBOM(data))
	}
	// A declaration that already says UTF-8 is left alone: rewriting it
	// copies the whole document (a quarter of a second for 26 MB, mostly
	// page faults on the fresh buffer).
	if m := xmlEncodingRE.FindSubmatchIndex(out); m != nil && !strings.EqualFold(string(out[m[2]:m[3]]), "utf-8") {
		b := make([]byte, 0, len(out)-(m[3]-m[2])+len("UTF-8"))
		out = append(append(append(b, out[:m[2]]...), "UTF-8"...), out[m[3]:]...)
	}
	return out
}

// decodeHTML returns an HTML document as UTF-8, judging its encoding the
// way browsers do: byte-order mark, Content-Type, <meta> declaration, then
// a guess.
func decodeHTML(data []byte, contentType string) []byte {
	if utf8.Valid(data) && !bytes.HasPrefix(data, []byte{0xfe, 0xff}) && !bytes.HasPrefix(data, []byte{0xff, 0xfe}) {
		// Valid UTF-8 is taken as it is unless a declaration says otherwise.
		enc, name, certain := charset.DetermineEncoding(data, contentType)
		if !certain || name == "utf-8" || enc == nil {
			return skipBOM(data)
		}
		if b, err := decodeWith(enc, data); err == nil {
			return b
		}
		return data
	}
	enc, _, _ := charset.DetermineEncoding(data, contentType)
	if b, err := decodeWith(enc, data); err == nil {
		return b
	}
	return toUTF8Bytes(data)
}

// bomEncoding returns the encoding a byte-order mark announces.
func bomEncoding(data []byte) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		return unicode.UTF8, "utf-8"
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be"
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le"
	}
	return nil, ""
}

// decodeWith converts data from enc to UTF-8.
func decodeWith(enc encoding.Encoding, data []byte) ([]byte, error) {
	out, _, err := transform.Bytes(enc.NewDecoder(), data)
	return out, err
}

// toUTF8Bytes is toUTF8 for byte slices: valid UTF-8 is returned as is,
// anything else is read as Windows-1252.
func toUTF8Bytes(data []byte) []byte {
	if utf8.Valid(data) {
		return data
	}
	if b, err := charmap.Windows1252.NewDecoder().Bytes(data); err == nil {
		return b
	}
	return bytes.ToValidUTF8(data, []byte("\uFFFD"))
}
