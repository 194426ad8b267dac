package source

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
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
// without repeats. Relative addresses are resolved against a URL origin.
// Addresses that are not http or https URLs are listed as written;
// loading them fails with ErrNotWebFeed.
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

// ErrNotWebFeed is the reason a feed an OPML list names is not loaded:
// lists may name only http and https feeds, wherever the list came from,
// so that a list cannot make brief (or brief serve, for its SSH users)
// read local files.
var ErrNotWebFeed = errors.New("listed in an OPML list, which may only name http and https feeds")

// resolveFeed makes a listed feed address absolute against a URL origin.
// An address that is not an http or https URL then (a path, file:, any
// other scheme) is returned as written: loading it fails with
// ErrNotWebFeed (see listedFeed).
func resolveFeed(origin, ref string) string {
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	if !u.IsAbs() && isURL(origin) {
		b, err := url.Parse(origin)
		if err != nil {
			return ref
		}
		u = b.ResolveReference(u)
	}
	if (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		return u.String()
	}
	return ref
}

// listedFeed returns the error for loading f, a feed an OPML list names,
// or nil when it is an http or https URL.
func listedFeed(f string) error {
	if isURL(f) {
		return nil
	}
	return &Error{f, ErrNotWebFeed}
}

// isURL reports whether origin is an http or https address.
func isURL(origin string) bool {
	l := strings.ToLower(origin)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}
