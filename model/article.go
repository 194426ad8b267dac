// Package model holds what brief knows about an article: the Article as
// loaded from a source and the Brief that analysis derives from it.
//
// The package is pure data: no I/O, no terminal code. Loading lives in
// model/source, analysis in model/analyze, and triage state in model/store.
package model

import (
	"time"
	"unicode/utf8"
)

// Format names the kind of input an article was loaded from.
type Format string

// The formats brief reads.
const (
	FormatText     Format = "text"
	FormatMarkdown Format = "markdown"
	FormatHTML     Format = "html"
	FormatFeed     Format = "feed"
)

// Article is one news article as loaded from a source, before analysis.
//
// Paragraphs is the body as plain text, one entry per block in reading
// order: headings, paragraphs, list items (with their bullet marker kept,
// e.g. "• Talks resumed" or "1. First step") and block quotes. Every index
// that analysis reports (KeyPoint.Paragraph, Quote.Paragraph, ...) is an
// index into Paragraphs. Markdown is the same body as Markdown, for
// rendering.
type Article struct {
	// ID is a stable identity: the canonical URL when known, else a hash
	// of title and body. Set by the loader.
	ID string
	// Title is the headline; never a whole paragraph.
	Title string
	// Origin is where the article came from: a file path, a URL, or "-"
	// for standard input, with "#N" appended for the Nth item of a feed.
	Origin string
	// URL is the article's canonical web address, when known.
	URL string
	// Source is the publication or feed title, when known.
	Source string
	// Byline names the writer ("By Jane Doe"), when known.
	Byline string
	// Credit is a closing credit line such as "The Associated Press
	// contributed to this report.", when the article has one.
	Credit string
	// Published is the publication time; the zero Time when unknown.
	Published time.Time
	// Dateline is the opening place line ("WASHINGTON (AP)"), when found.
	Dateline string
	// Paragraphs is the plain-text body, one block per entry.
	Paragraphs []string
	// Markdown is the body as Markdown.
	Markdown string
	// Format is the kind of input the article was read from.
	Format Format
	// Tags are labels carried by the source (front matter, feed
	// categories).
	Tags []string
}

// Brief is what analysis finds in an article: its shape at a glance.
type Brief struct {
	// KeyPoints are the article's own key points, or derived ones
	// (each marked Derived) when it has no key-point section.
	KeyPoints []KeyPoint
	// KeyPointsHeading is the heading of the explicit key-point section
	// as written ("What You Need To Know"), or "" when none was found.
	KeyPointsHeading string
	// Quotes are the direct quotations, in document order.
	Quotes []Quote
	// Phases are the ordered stages of a plan the article describes.
	Phases []Phase
	// People are everyone named, people and organizations, in order of
	// first mention.
	People []Person
}

// KeyPoint is one key point of an article.
type KeyPoint struct {
	// Text is the point without its bullet glyph.
	Text string
	// Derived is true when brief chose the sentence because the article
	// has no key-point section of its own.
	Derived bool
	// Paragraph is the index into Article.Paragraphs the point comes from.
	Paragraph int
}

// Span is a half-open byte range [Start, End) within one paragraph.
type Span struct {
	Start, End int
}

// Quote is a direct quotation with its speaker.
type Quote struct {
	// Text is the words inside the quote marks, marks excluded.
	Text string
	// Speaker is the fullest name the article gives for whoever said it
	// (a person or an organization), or "" when it cannot be attributed.
	Speaker string
	// Role is the speaker's role as the article gives it, or "".
	Role string
	// Partial is true for a fragment woven into the writer's own sentence.
	Partial bool
	// Nested is true for speech quoted inside another quotation.
	Nested bool
	// Continued is true when this quote carries on the previous quote of
	// the same speaker (`"…," Kirby said. "…"`, or a quote that runs on
	// across paragraphs).
	Continued bool
	// Paragraph is the index into Article.Paragraphs the quote is in.
	Paragraph int
	// Span locates Text within its paragraph.
	Span Span
}

// Attributed reports whether the quote has a speaker.
func (q Quote) Attributed() bool { return q.Speaker != "" }

// Phase is one stage of a multi-phase plan.
type Phase struct {
	// N is the ordinal the article gives (3 for "Phase 3", "third phase").
	N int
	// Label is the wording used in the article ("first phase", "Phase one").
	Label string
	// Summary is one sentence describing the stage.
	Summary string
	// Duration is how long the stage lasts as written ("six weeks",
	// "42 days"), or "".
	Duration string
	// Paragraph is the index into Article.Paragraphs the phase is
	// described in.
	Paragraph int
	// Span locates Label within its paragraph.
	Span Span
}

// PersonKind tells people from organizations.
type PersonKind string

// The kinds of named entity brief tracks.
const (
	KindPerson       PersonKind = "person"
	KindOrganization PersonKind = "organization"
	KindGroup        PersonKind = "group"
)

// Person is someone the article names: a person, an organization, or a
// group ("Teachers") that speaks.
type Person struct {
	// Name is the fullest form the article gives ("John Kirby").
	Name string
	// Role is the role the article gives ("White House national security
	// spokesman"), or "".
	Role string
	// Kind says whether this is a person, organization or group.
	Kind PersonKind
	// Paragraph is where the article first names them.
	Paragraph int
}

// MaxAnalyzeBytes is how much of an article's text is analysed: key
// points, quotes, people and phases are looked for in the paragraphs
// that fit in it (a paragraph that does not fit whole is cut). A 60 MB
// text file otherwise took 1.2 GB to analyse.
const MaxAnalyzeBytes = 2 << 20

// BoundParagraphs returns the paragraphs that fit in MaxAnalyzeBytes,
// the last one cut at a character boundary when it does not fit whole;
// paras itself when they all fit.
func BoundParagraphs(paras []string) []string {
	n := 0
	for i, p := range paras {
		if n+len(p) <= MaxAnalyzeBytes {
			n += len(p)
			continue
		}
		out := append([]string(nil), paras[:i]...)
		cut := MaxAnalyzeBytes - n
		for cut > 0 && cut < len(p) && !utf8.RuneStart(p[cut]) {
			cut--
		}
		if cut > 0 {
			out = append(out, p[:cut])
		}
		return out
	}
	return paras
}
