// Package report writes briefs for people and programs: JSON Lines for
// scripts, Markdown to paste into notes, and plain text for a terminal.
package report

import (
	"encoding/json"
	"io"
	"time"

	"github.com/brief-reader/brief/model"
)

// Record is the JSON form of one analysed article, one per line in
// `brief extract --format json`. The README documents it field by field.
type Record struct {
	Source           string           `json:"source"`
	Title            string           `json:"title"`
	URL              string           `json:"url,omitempty"`
	Publication      string           `json:"publication,omitempty"`
	Byline           string           `json:"byline,omitempty"`
	Credit           string           `json:"credit,omitempty"`
	Dateline         string           `json:"dateline,omitempty"`
	Published        *time.Time       `json:"published"`
	Format           model.Format     `json:"format"`
	KeyPointsHeading *string          `json:"key_points_heading"`
	KeyPoints        []KeyPointRecord `json:"key_points"`
	Quotes           []QuoteRecord    `json:"quotes"`
	Phases           []PhaseRecord    `json:"phases"`
	People           []PersonRecord   `json:"people"`
}

// KeyPointRecord is one key point.
type KeyPointRecord struct {
	Text      string `json:"text"`
	Derived   bool   `json:"derived"`
	Paragraph int    `json:"paragraph"`
}

// QuoteRecord is one direct quote; Speaker is null when unattributed.
type QuoteRecord struct {
	Text      string  `json:"text"`
	Speaker   *string `json:"speaker"`
	Role      *string `json:"role"`
	Partial   bool    `json:"partial"`
	Nested    bool    `json:"nested"`
	Continued bool    `json:"continued"`
	Paragraph int     `json:"paragraph"`
}

// PhaseRecord is one phase of a plan; Duration is null when not given.
type PhaseRecord struct {
	N         int     `json:"n"`
	Label     string  `json:"label"`
	Summary   string  `json:"summary"`
	Duration  *string `json:"duration"`
	Paragraph int     `json:"paragraph"`
}

// PersonRecord is one person or organization the article names.
type PersonRecord struct {
	Name string           `json:"name"`
	Role *string          `json:"role"`
	Kind model.PersonKind `json:"kind"`
}

// NewRecord builds the JSON record of an article and its brief.
func NewRecord(a model.Article, b model.Brief) Record {
	r := Record{
		Source:      a.Origin,
		Title:       a.Title,
		URL:         a.URL,
		Publication: a.Source,
		Byline:      a.Byline,
		Credit:      a.Credit,
		Dateline:    a.Dateline,
		Format:      a.Format,
		KeyPoints:   []KeyPointRecord{},
		Quotes:      []QuoteRecord{},
		Phases:      []PhaseRecord{},
		People:      []PersonRecord{},
	}
	if !a.Published.IsZero() {
		t := a.Published
		r.Published = &t
	}
	r.KeyPointsHeading = nullable(b.KeyPointsHeading)
	for _, k := range b.KeyPoints {
		r.KeyPoints = append(r.KeyPoints, KeyPointRecord{k.Text, k.Derived, k.Paragraph})
	}
	for _, q := range b.Quotes {
		r.Quotes = append(r.Quotes, QuoteRecord{
			Text: q.Text, Speaker: nullable(q.Speaker), Role: nullable(q.Role),
			Partial: q.Partial, Nested: q.Nested, Continued: q.Continued, Paragraph: q.Paragraph,
		})
	}
	for _, p := range b.Phases {
		r.Phases = append(r.Phases, PhaseRecord{p.N, p.Label, p.Summary, nullable(p.Duration), p.Paragraph})
	}
	for _, p := range b.People {
		r.People = append(r.People, PersonRecord{p.Name, nullable(p.Role), p.Kind})
	}
	return r
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// WriteJSON writes the record of one article as a single JSON line.
func WriteJSON(w io.Writer, a model.Article, b model.Brief) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(NewRecord(a, b))
}
