package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/brief-reader/brief/model"
)

// DigestItem is one article of an exported digest: its brief, the quotes
// the user chose, and the user's own note and tags.
type DigestItem struct {
	Article model.Article
	Brief   model.Brief
	// Quotes are the chosen quotes (all of them when none was chosen).
	Quotes []model.Quote
	Note   string
	Tags   []string
}

// QuoteItem is one exported quote with where it comes from.
type QuoteItem struct {
	Quote   model.Quote
	Article model.Article
	// Mark is the user's mark on the quote ("checked", "flagged",
	// "starred"), or "".
	Mark string
	// Note is the reviewers' note on the quote, or ""; NoteBy who wrote
	// it.
	Note, NoteBy string
}

// WriteDigestMarkdown writes a digest of items in Markdown, newest first
// as given.
func WriteDigestMarkdown(w io.Writer, items []DigestItem, now time.Time) error {
	var s strings.Builder
	fmt.Fprintf(&s, "# Brief digest — %s\n\n", now.Format("Monday 2 January 2006"))
	if len(items) == 0 {
		s.WriteString("_Nothing to export._\n")
	}
	for _, it := range items {
		b := it.Brief
		b.Quotes = it.Quotes
		var one strings.Builder
		if err := WriteMarkdown(&one, it.Article, b); err != nil {
			return err
		}
		s.WriteString(one.String())
		if len(it.Tags) > 0 {
			fmt.Fprintf(&s, "Tags: %s\n\n", mdInline(strings.Join(it.Tags, ", ")))
		}
		if it.Note != "" {
			fmt.Fprintf(&s, "**Note:** %s\n\n", mdInline(it.Note))
		}
		s.WriteString("---\n\n")
	}
	_, err := io.WriteString(w, s.String())
	return err
}

// digestRecord is the JSON form of a DigestItem.
type digestRecord struct {
	Record
	Note string   `json:"note,omitempty"`
	Tags []string `json:"tags"`
}

// WriteDigestJSON writes one JSON line per item: the extract record (with
// the chosen quotes only) plus the user's note and tags.
func WriteDigestJSON(w io.Writer, items []DigestItem) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, it := range items {
		b := it.Brief
		b.Quotes = it.Quotes
		rec := digestRecord{Record: NewRecord(it.Article, b), Note: it.Note, Tags: it.Tags}
		if rec.Tags == nil {
			rec.Tags = []string{}
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return nil
}

// quoteRecord is the JSON form of a QuoteItem.
type quoteRecord struct {
	Quote     string     `json:"quote"`
	Speaker   *string    `json:"speaker"`
	Role      *string    `json:"role"`
	Partial   bool       `json:"partial"`
	Mark      string     `json:"mark,omitempty"`
	Note      string     `json:"note,omitempty"`
	NoteBy    string     `json:"note_by,omitempty"`
	Title     string     `json:"title"`
	URL       string     `json:"url,omitempty"`
	Source    string     `json:"source"`
	Published *time.Time `json:"published"`
}

// WriteQuotesJSON writes one JSON line per quote.
func WriteQuotesJSON(w io.Writer, items []QuoteItem) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, it := range items {
		rec := quoteRecord{
			Quote: it.Quote.Text, Speaker: nullable(it.Quote.Speaker), Role: nullable(it.Quote.Role),
			Partial: it.Quote.Partial, Mark: it.Mark, Note: it.Note, NoteBy: it.NoteBy,
			Title: it.Article.Title, URL: it.Article.URL,
			Source: firstOf(it.Article.Source, it.Article.Origin),
		}
		if !it.Article.Published.IsZero() {
			t := it.Article.Published
			rec.Published = &t
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return nil
}

// WriteQuotesMarkdown writes quotes as a Markdown list of block quotes
// with their attribution and source, each followed by its note.
func WriteQuotesMarkdown(w io.Writer, items []QuoteItem) error {
	var s strings.Builder
	s.WriteString("# Quotes\n\n")
	if len(items) == 0 {
		s.WriteString("_No quotes to export._\n")
	}
	for _, it := range items {
		fmt.Fprintf(&s, "> “%s”\n>\n> — **%s**", mdInline(Sentence(it.Quote)), mdInline(speakerLabel(it.Quote.Speaker)))
		if it.Quote.Role != "" {
			fmt.Fprintf(&s, ", %s", mdInline(it.Quote.Role))
		}
		title := mdInline(it.Article.Title)
		if it.Article.URL != "" && (strings.HasPrefix(it.Article.URL, "https://") || strings.HasPrefix(it.Article.URL, "http://")) {
			title = fmt.Sprintf("[%s](%s)", title, strings.ReplaceAll(it.Article.URL, ")", "%29"))
		}
		fmt.Fprintf(&s, ", in %s", title)
		if src := firstOf(it.Article.Source, ""); src != "" {
			fmt.Fprintf(&s, " (%s)", mdInline(src))
		}
		if !it.Article.Published.IsZero() {
			fmt.Fprintf(&s, ", %s", it.Article.Published.Format("2 Jan 2006"))
		}
		s.WriteString("\n\n")
		if note := strings.Join(strings.Fields(it.Note), " "); note != "" {
			s.WriteString("_Note")
			if it.NoteBy != "" {
				fmt.Fprintf(&s, " by %s", mdInline(it.NoteBy))
			}
			fmt.Fprintf(&s, ":_ %s\n\n", mdInline(note))
		}
	}
	_, err := io.WriteString(w, s.String())
	return err
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
