package store

import (
	"errors"
	"slices"
	"strconv"
	"time"
)

// ErrNoUser is returned by every method of a [User] handle made with an
// empty name.
var ErrNoUser = errors.New("store: empty user name")

// ErrNothingToUndo is returned by [User.Undo] when the user's undo log is
// empty.
var ErrNothingToUndo = errors.New("store: nothing to undo")

// ArticleState is one user's triage state of one article. The zero value
// (with ID set) is the state of an article the user has never touched:
// unread, not starred, not archived, no tags, no note.
type ArticleState struct {
	// ID is the article's identity (see [model.ArticleID]).
	ID string
	// Read is true once the article was opened or marked read.
	Read bool
	// Starred is true for a starred article.
	Starred bool
	// Archived is true for an archived article (out of the Inbox).
	Archived bool
	// Tags are the user's tags on the article, sorted.
	Tags []string
	// Note is the user's short note, or "".
	Note string
	// FirstSeen is when the store first heard of the article for this user
	// (through [User.Seen] or a first action); the zero Time if never.
	FirstSeen time.Time
	// LastOpened is when the article was last opened; the zero Time if
	// never.
	LastOpened time.Time
}

// HasTag reports whether the article carries tag.
func (st ArticleState) HasTag(tag string) bool {
	_, found := slices.BinarySearch(st.Tags, tag)
	return found
}

// TagCount is a tag and how many of the user's articles carry it.
type TagCount struct {
	// Tag is the tag as the user wrote it.
	Tag string
	// Count is the number of articles tagged with it.
	Count int
}

// Mark is a user's mark on a quote.
type Mark string

// The quote marks; MarkNone clears a mark.
const (
	MarkNone    Mark = ""
	MarkChecked Mark = "checked"
	MarkFlagged Mark = "flagged"
	MarkStarred Mark = "starred"
)

// Valid reports whether m is one of the defined marks (MarkNone included).
func (m Mark) Valid() bool {
	switch m {
	case MarkNone, MarkChecked, MarkFlagged, MarkStarred:
		return true
	}
	return false
}

// QuoteRef names one quote: its article and its [model.QuoteKey].
type QuoteRef struct {
	// ArticleID is the identity of the quote's article.
	ArticleID string
	// Key is the quote's QuoteKey.
	Key string
}

// Kind names a user action.
type Kind string

// The user actions the store records.
const (
	KindRead        Kind = "read"         // marked read
	KindUnread      Kind = "unread"       // marked unread
	KindOpen        Kind = "open"         // opened, which marked it read (never in the undo log)
	KindStar        Kind = "star"         // starred
	KindUnstar      Kind = "unstar"       // star removed
	KindArchive     Kind = "archive"      // archived
	KindUnarchive   Kind = "unarchive"    // taken out of the archive
	KindArchiveRead Kind = "archive-read" // bulk: archived the read ones
	KindTag         Kind = "tag"          // tag Arg added
	KindUntag       Kind = "untag"        // tag Arg removed
	KindNote        Kind = "note"         // note set or cleared
	KindQuoteMark   Kind = "quote-mark"   // quote marked Arg ("" clears)
	KindQuoteNote   Kind = "quote-note"   // quote note set or cleared
	KindCorrect     Kind = "correct"      // quote's speaker set to Arg ("" for nobody)
	KindUncorrect   Kind = "uncorrect"    // quote's correction removed
)

// Field names the piece of state a Change changed.
type Field string

// The fields a Change can touch.
const (
	FieldRead      Field = "read"       // Old/New "0" or "1"
	FieldStarred   Field = "starred"    // Old/New "0" or "1"
	FieldArchived  Field = "archived"   // Old/New "0" or "1"
	FieldNote      Field = "note"       // Old/New the note text
	FieldTag       Field = "tag"        // Key the tag; Old/New "0" absent, "1" present
	FieldQuote     Field = "quote"      // Key the quote key; Old/New the Mark
	FieldQuoteNote Field = "quote-note" // Key the quote key; Old/New the note
	FieldSpeaker   Field = "speaker"    // Key the quote key; Old/New the correction, stored form ("" none)
)

// Change is one piece of state one action changed, with its value before
// and after, as stored in the undo log.
type Change struct {
	// ArticleID is the article changed.
	ArticleID string
	// Field is what changed.
	Field Field
	// Key is the tag (FieldTag) or quote key (FieldQuote,
	// FieldQuoteNote, FieldSpeaker), else "".
	Key string
	// Scope is the review scope of a quote change (the user's name, or
	// SharedScope), else "".
	Scope string
	// Old and New are the values before and after (see Field).
	Old, New string
}

// Action is one user action as recorded in the undo log: a single toggle or
// a whole bulk action over many articles. An Action with Count 0 changed
// nothing and was not recorded; one with ID 0 and a Count was a side
// effect (KindOpen), applied but not recorded.
type Action struct {
	// ID orders the user's actions; 0 for an action that was not recorded.
	ID int64
	// Kind is what the user did.
	Kind Kind
	// Arg is the tag for KindTag and KindUntag, the mark for
	// KindQuoteMark, else "".
	Arg string
	// Count is how many articles the action changed.
	Count int
	// At is when the action was done.
	At time.Time
	// Changes are the individual changes, in the order they were made.
	// Filled by the action methods and by Undo; History leaves it nil.
	Changes []Change
}

// String describes the action for a status line: "archive 12 articles",
// "tag “economy” on 1 article", "star 1 article".
func (a Action) String() string {
	n := strconv.Itoa(a.Count) + " article"
	if a.Count != 1 {
		n += "s"
	}
	switch a.Kind {
	case KindTag:
		return "tag “" + a.Arg + "” on " + n
	case KindUntag:
		return "untag “" + a.Arg + "” on " + n
	case KindArchiveRead:
		return "archive " + n + " read"
	case KindNote:
		return "note on " + n
	case KindQuoteMark:
		if a.Arg == "" {
			return "clear quote mark"
		}
		return "mark quote " + a.Arg
	case KindQuoteNote:
		return "note on quote"
	case KindCorrect:
		if a.Arg == "" {
			return "quote set to no speaker"
		}
		return "speaker set to " + a.Arg
	case KindUncorrect:
		return "speaker correction removed"
	}
	return string(a.Kind) + " " + n
}
