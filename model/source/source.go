// Package source turns bytes from files, folders, pages, feeds, URLs and
// standard input into model.Articles.
//
// Parse is the pure entry point (origin name + bytes in, articles out); the
// Load functions add the I/O around it. Every failure is an *Error naming
// the source and the reason, so one broken input never hides the others.
package source

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/brief-reader/brief/model"
)

// Error is a failure to load one source.
type Error struct {
	// Origin names the source: a path, a URL, or "-" for standard input.
	Origin string
	// Err is the reason.
	Err error
}

func (e *Error) Error() string { return e.Origin + ": " + e.Err.Error() }

// Unwrap returns the reason.
func (e *Error) Unwrap() error { return e.Err }

// Reasons a source is not an article.
var (
	ErrEmpty  = errors.New("empty file")
	ErrBinary = errors.New("binary data, not an article")
	ErrNoBody = errors.New("no article text found")
)

// Parse turns the bytes of one input into articles, judging the format by
// content first and by the origin's extension second: plain text,
// Markdown, an HTML page, or an RSS, Atom or JSON feed. Text in another
// encoding (declared by the document, or undeclared ISO-8859-1) is
// converted to UTF-8. A file yields one article; a feed yields one per
// item. An OPML feed list gives ErrFeedList: Load and Stream load the
// feeds it lists.
func Parse(origin string, data []byte) ([]model.Article, error) {
	return parseContent(origin, data, "")
}

// parseContent is Parse with the content type a server sent, if any.
func parseContent(origin string, data []byte, contentType string) ([]model.Article, error) {
	if enc, name := bomEncoding(data); enc != nil && name != "utf-8" {
		if b, err := decodeWith(enc, data); err == nil {
			data = b
		}
	}
	data = skipBOM(data)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Error{origin, ErrEmpty}
	}
	if looksBinary(data) {
		return nil, &Error{origin, ErrBinary}
	}
	var arts []model.Article
	var err error
	switch sniffKind(origin, data, contentType) {
	case kindFeed:
		arts, err = ParseFeed(origin, decodeXML(data, contentType))
	case kindOPML:
		err = ErrFeedList
	case kindHTML:
		var a model.Article
		a, err = ParseHTML(origin, decodeHTML(data, contentType))
		arts = []model.Article{a}
	case kindOther:
		err = errors.New("not an article: a data file (JSON or XML) that is not a feed")
	case kindMarkdown:
		var a model.Article
		a, err = ParseMarkdown(origin, toUTF8(data))
		arts = []model.Article{a}
	default:
		var a model.Article
		a, err = ParseText(origin, toUTF8(data))
		arts = []model.Article{a}
	}
	if err != nil {
		var se *Error
		if !errors.As(err, &se) {
			err = &Error{origin, err}
		}
		return nil, err
	}
	for i := range arts {
		finish(&arts[i])
	}
	return arts, nil
}

// sniff decides the format of data.
func sniff(origin string, data []byte) model.Format {
	switch strings.ToLower(filepath.Ext(origin)) {
	case ".md", ".markdown", ".mdown", ".mkd":
		return model.FormatMarkdown
	}
	head := data
	if len(head) > 512 {
		head = head[:512]
	}
	head = bytes.TrimLeft(head, " \t\r\n")
	switch {
	case bytes.HasPrefix(head, []byte("---\n")), bytes.HasPrefix(head, []byte("---\r\n")),
		bytes.HasPrefix(head, []byte("+++\n")), bytes.HasPrefix(head, []byte("+++\r\n")),
		bytes.HasPrefix(head, []byte("# ")):
		return model.FormatMarkdown
	}
	return model.FormatText
}

// looksBinary reports whether data is not text: it holds NUL bytes or a
// high share of control bytes in its first few kilobytes.
func looksBinary(data []byte) bool {
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
			ctl++
		}
	}
	return ctl*20 > len(head)
}

// toUTF8 returns data as a UTF-8 string, decoding it as Windows-1252 (a
// superset of ISO-8859-1 in its printable range) when it is not valid
// UTF-8.
func toUTF8(data []byte) string {
	if utf8.Valid(data) {
		return string(data)
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	return string(s)
}

// finish sanitizes every text field of a and fills its ID.
func finish(a *model.Article) {
	a.Title = oneLine(model.Sanitize(a.Title))
	a.Source = oneLine(model.Sanitize(a.Source))
	a.Byline = oneLine(model.Sanitize(a.Byline))
	a.Credit = oneLine(model.Sanitize(a.Credit))
	a.Dateline = oneLine(model.Sanitize(a.Dateline))
	a.URL = oneLine(model.Sanitize(a.URL))
	for i, p := range a.Paragraphs {
		a.Paragraphs[i] = model.Sanitize(p)
	}
	a.Markdown = model.Sanitize(a.Markdown)
	for i, t := range a.Tags {
		a.Tags[i] = oneLine(model.Sanitize(t))
	}
	if a.ID == "" {
		a.ID = model.Identity(*a)
	}
}

// prefix returns at most the first n bytes of s, cut at a rune boundary.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// oneLine folds all white space in s to single spaces.
func oneLine(s string) string {
	// Most strings are on one line already: ASCII, single spaces, none
	// at either end. Those come back as they are, without a copy.
	space := true // at the start, a space would be leading
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.Join(strings.Fields(s), " ")
		}
		sp := c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
		if sp && (c != ' ' || space) {
			return strings.Join(strings.Fields(s), " ")
		}
		space = sp
	}
	if space && s != "" {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

// errorf wraps a reason for origin.
func errorf(origin, format string, args ...any) error {
	return &Error{origin, fmt.Errorf(format, args...)}
}
