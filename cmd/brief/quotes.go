package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/quoteindex"
)

func newQuotesCmd() *cobra.Command {
	var format, speaker, query string
	var sf storeFlags
	cmd := &cobra.Command{
		Use:   "quotes [--speaker NAME] [--format text|json] PATH...",
		Short: "Print who said what across articles, grouped by speaker",
		Long: `quotes loads every PATH, analyses each article and prints the quote index:
every quote grouped by speaker (the same person merged across articles by
resolved full name), speakers with the most quotes first, each quote with its
article, date and source.

--format json prints JSON Lines, one object per speaker:
  {"speaker", "kind", "roles", "quotes": N, "articles": N, "first_seen", "last_seen",
   "items": [{"text", "role", "partial", "title", "source", "url", "published", "paragraph"}]}

Speaker corrections made in the reader (c on a quote) win over the analysis:
yours, or with --shared the library's. They are read from the state database
given with --state (or --store), or named in the config file.`,
		Example: `  brief quotes ~/news/today/
  brief quotes --speaker "Ines Varga" ~/news/
  brief quotes --format json feed.xml | jq -r '.speaker'`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			defer batchGC(cmd.Context())()
			if format != "text" && format != "json" {
				return fmt.Errorf("unknown --format %q (want text or json)", format)
			}
			fix, cfg, done, err := correctorFor(cmd, &sf, true)
			if err != nil {
				return err
			}
			defer done()
			var entries []quoteindex.Entry
			loadErr := eachBrief(cmd, cfg, args, nil, func(a model.Article, b model.Brief) error {
				b = fix.apply(a, b)
				// The index shows an article's title, date and source, never
				// its body: the body is not kept.
				a.Paragraphs, a.Markdown = nil, ""
				entries = append(entries, quoteindex.Entry{Article: a, Brief: b})
				return nil
			})
			idx := quoteindex.Build(entries)
			if speaker != "" {
				s, ok := idx.Speaker(speaker)
				idx = quoteindex.Index{}
				if ok {
					idx = quoteindex.Index{Speakers: []quoteindex.Speaker{s}, Total: len(s.Quotes)}
				}
			}
			idx = idx.Filter(query)
			out := bufio.NewWriter(cmd.OutOrStdout())
			defer out.Flush()
			if format == "json" {
				err = writeIndexJSON(out, idx)
			} else {
				err = writeIndexText(out, idx)
			}
			if err != nil {
				return err
			}
			return loadErr
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	cmd.Flags().StringVar(&speaker, "speaker", "", "only this speaker (full name, any case)")
	cmd.Flags().StringVar(&query, "filter", "", "only quotes whose speaker, article or words contain every word given")
	addStoreFlags(cmd.Flags(), &sf, false)
	return cmd
}

// dateOf formats a publication date, or "" when unknown.
func dateOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func writeIndexText(w io.Writer, idx quoteindex.Index) error {
	for i, s := range idx.Speakers {
		if i > 0 {
			fmt.Fprintln(w)
		}
		name := s.Name
		if name == "" {
			name = "Unattributed"
		}
		fmt.Fprintf(w, "%s", name)
		if len(s.Roles) > 0 {
			fmt.Fprintf(w, " (%s)", s.Roles[0])
		}
		fmt.Fprintf(w, " — %d quote%s in %d article%s", len(s.Quotes), plural(len(s.Quotes)), s.Articles, plural(s.Articles))
		if !s.FirstSeen.IsZero() {
			fmt.Fprintf(w, ", %s to %s", dateOf(s.FirstSeen), dateOf(s.LastSeen))
		}
		fmt.Fprintln(w)
		for _, r := range s.Quotes {
			fmt.Fprintf(w, "  “%s”\n    — %s", r.Quote.Text, r.Article.Title)
			if d := dateOf(r.Article.Published); d != "" {
				fmt.Fprintf(w, ", %s", d)
			}
			if r.Article.Source != "" {
				fmt.Fprintf(w, ", %s", r.Article.Source)
			}
			fmt.Fprintln(w)
		}
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// speakerRecord is one line of `brief quotes --format json`.
type speakerRecord struct {
	Speaker   *string      `json:"speaker"`
	Kind      string       `json:"kind,omitempty"`
	Roles     []string     `json:"roles"`
	Quotes    int          `json:"quotes"`
	Articles  int          `json:"articles"`
	FirstSeen string       `json:"first_seen,omitempty"`
	LastSeen  string       `json:"last_seen,omitempty"`
	Items     []quoteEntry `json:"items"`
}

type quoteEntry struct {
	Text      string `json:"text"`
	Role      string `json:"role,omitempty"`
	Partial   bool   `json:"partial"`
	Title     string `json:"title"`
	Source    string `json:"source,omitempty"`
	URL       string `json:"url,omitempty"`
	Origin    string `json:"origin"`
	Published string `json:"published,omitempty"`
	Paragraph int    `json:"paragraph"`
}

func writeIndexJSON(w io.Writer, idx quoteindex.Index) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, s := range idx.Speakers {
		rec := speakerRecord{
			Kind: string(s.Kind), Roles: s.Roles, Quotes: len(s.Quotes), Articles: s.Articles,
			FirstSeen: dateOf(s.FirstSeen), LastSeen: dateOf(s.LastSeen), Items: []quoteEntry{},
		}
		if rec.Roles == nil {
			rec.Roles = []string{}
		}
		if s.Name != "" {
			name := s.Name
			rec.Speaker = &name
		}
		for _, r := range s.Quotes {
			rec.Items = append(rec.Items, quoteEntry{
				Text: r.Quote.Text, Role: r.Quote.Role, Partial: r.Quote.Partial, Title: r.Article.Title,
				Source: r.Article.Source, URL: r.Article.URL, Origin: r.Article.Origin,
				Published: dateOf(r.Article.Published), Paragraph: r.Quote.Paragraph,
			})
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return nil
}
