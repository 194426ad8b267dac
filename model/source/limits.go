package source

import (
	"fmt"

	"github.com/dustin/go-humanize"
)

// Default download caps, per kind of document. A feed carries many
// articles (a podcast archive or a full-text feed passes 10 MB), a page
// one; both stay bounded so that a decompression bomb or an endless
// response stays harmless.
const (
	DefaultFeedSize = 64 << 20
	DefaultPageSize = 10 << 20
)

// Limits caps how many bytes brief reads from one source, after
// decompression, by what the source turns out to hold: Feed for RSS,
// Atom, JSON feeds and OPML lists, Page for everything else (pages,
// Markdown, text). A zero field means its default.
type Limits struct {
	Feed, Page int64
}

// feed returns the cap on feeds.
func (l Limits) feed() int64 {
	if l.Feed > 0 {
		return l.Feed
	}
	return DefaultFeedSize
}

// page returns the cap on pages.
func (l Limits) page() int64 {
	if l.Page > 0 {
		return l.Page
	}
	return DefaultPageSize
}

// most returns the larger cap: what may be read before the kind is known.
func (l Limits) most() int64 { return max(l.feed(), l.page()) }

// of returns the cap for documents of kind k.
func (l Limits) of(k kind) int64 {
	if k == kindFeed || k == kindOPML {
		return l.feed()
	}
	return l.page()
}

// TooLargeError is the reason a source is refused for its size: it holds
// more than the cap for its kind.
type TooLargeError struct {
	// Kind is "feed" or "page".
	Kind string
	// Cap is the limit in bytes.
	Cap int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("too large: more than the %s cap for a %s (raise it with --max-size %s=SIZE or max_size in the config)",
		humanize.IBytes(uint64(e.Cap)), e.Kind, e.Kind)
}

// tooLargeFor is the error for a document of kind k over its cap.
func (l Limits) tooLargeFor(k kind) error {
	if k == kindFeed || k == kindOPML {
		return &TooLargeError{Kind: "feed", Cap: l.feed()}
	}
	return &TooLargeError{Kind: "page", Cap: l.page()}
}
