package source

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
)

// ErrFeedList is the reason Parse gives for an OPML document: it lists
// feeds rather than holding articles, and loading it (Load, Stream) loads
// each feed it lists.
var ErrFeedList = errors.New("an OPML feed list, not an article")

// maxOPMLFeeds bounds how many feeds one OPML file may list.
const maxOPMLFeeds = 10000

// ParseOPML returns the feed addresses an OPML document lists (the xmlUrl
// of every outline, nested outlines included), in document order and
// without repeats. Relative addresses are resolved against origin: a URL,
// or a file path whose folder they are taken to be relative to.
func ParseOPML(origin string, data []byte) ([]string, error) {
	d := xml.NewDecoder(bytes.NewReader(decodeXML(data, "")))
	d.Strict = false
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) { return r, nil }
	var feeds []string
	seen := map[string]bool{}
	sawOPML := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &Error{origin, fmt.Errorf("malformed OPML: %v", err)}
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch strings.ToLower(se.Name.Local) {
		case "opml":
			sawOPML = true
		case "outline":
			for _, at := range se.Attr {
				if !strings.EqualFold(at.Name.Local, "xmlUrl") {
					continue
				}
				f := resolveFeed(origin, strings.TrimSpace(at.Value))
				if f != "" && !seen[f] {
					seen[f] = true
					feeds = append(feeds, f)
				}
			}
		}
		if len(feeds) > maxOPMLFeeds {
			return nil, &Error{origin, fmt.Errorf("OPML lists more than %d feeds", maxOPMLFeeds)}
		}
	}
	if !sawOPML {
		return nil, &Error{origin, errors.New("malformed OPML: no <opml> element")}
	}
	if len(feeds) == 0 {
		return nil, &Error{origin, errors.New("OPML lists no feeds")}
	}
	return feeds, nil
}

// resolveFeed makes a listed feed address absolute: URLs against a URL
// origin, paths against the OPML file's folder. It returns "" for
// addresses that are neither http(s) URLs nor paths.
func resolveFeed(origin, ref string) string {
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err == nil && u.IsAbs() {
		if (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u.String()
		}
		if u.Scheme == "file" && !isURL(origin) {
			return u.Path
		}
		return ""
	}
	if isURL(origin) {
		b, err := url.Parse(origin)
		if err != nil || u == nil {
			return ""
		}
		return b.ResolveReference(u).String()
	}
	if filepath.IsAbs(ref) || origin == "-" {
		return ref
	}
	return filepath.Join(filepath.Dir(origin), ref)
}

// isURL reports whether origin is an http or https address.
func isURL(origin string) bool {
	l := strings.ToLower(origin)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}
