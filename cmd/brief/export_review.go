package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/brief-reader/brief/model/store"
)

// reviewLine is one line of `brief export --review`: a review change as
// people read it.
type reviewLine struct {
	Seq       int64     `json:"seq"`
	Time      time.Time `json:"time"`
	Reviewer  string    `json:"reviewer"`
	User      string    `json:"user"`
	Review    string    `json:"review"` // "shared", or the user's own
	ArticleID string    `json:"article_id"`
	Article   string    `json:"article"`
	QuoteKey  string    `json:"quote_key"`
	Quote     string    `json:"quote"`
	Change    string    `json:"change"` // mark, note, speaker
	Old       string    `json:"old"`
	New       string    `json:"new"`
	Undo      bool      `json:"undo"`
}

// reviewColumns are the CSV header, in the order of reviewLine.
var reviewColumns = []string{"seq", "time", "reviewer", "user", "review", "article_id", "article", "quote_key",
	"quote", "change", "old", "new", "undo"}

// lineOf turns a change into a line; quotes holds the article title and
// quote text last seen for each quote, which an undo leaves out.
func lineOf(c store.ReviewChange, quotes map[[3]string][2]string) reviewLine {
	k := [3]string{c.Scope, c.ArticleID, c.Key}
	if c.ArticleTitle != "" || c.QuoteText != "" {
		quotes[k] = [2]string{c.ArticleTitle, c.QuoteText}
	}
	seen := quotes[k]
	l := reviewLine{
		Seq: c.Seq, Time: c.At, Reviewer: c.Reviewer, User: c.User, Review: c.Scope,
		ArticleID: c.ArticleID, Article: seen[0], QuoteKey: c.Key, Quote: seen[1],
		Old: c.Old, New: c.New, Undo: c.Undo,
	}
	if c.Scope == store.SharedScope {
		l.Review = "shared"
	}
	switch c.Field {
	case store.FieldQuote:
		l.Change = "mark"
	case store.FieldQuoteNote:
		l.Change = "note"
	case store.FieldSpeaker:
		l.Change = "speaker"
		l.Old, l.New = store.DescribeCorrection(c.Old), store.DescribeCorrection(c.New)
	default:
		l.Change = string(c.Field)
	}
	return l
}

// exportReview writes the review audit log: `brief export --review`.
func (o *exportOptions) exportReview(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("--review exports the audit log of the state database; it takes no PATH")
	}
	if o.quotes || o.starred || o.tag != "" || o.all || o.speaker != "" {
		return fmt.Errorf("--review cannot be combined with --quotes, --starred, --tag, --all or --speaker")
	}
	if o.format == "" {
		o.format = "json"
	}
	if o.format != "json" && o.format != "csv" {
		return fmt.Errorf("unknown --format %q with --review (want json or csv)", o.format)
	}
	if o.since < 0 {
		return fmt.Errorf("--since must be positive, got %s", o.since)
	}
	cfg, err := loadConfig(o.config)
	if err != nil {
		return err
	}
	if err := o.store.resolve(cfg); err != nil {
		return err
	}
	st, err := o.store.open(cmd.Context())
	if err != nil {
		return err
	}
	defer st.Close()
	var from time.Time
	if o.since > 0 {
		from = time.Now().Add(-o.since)
	}
	out := bufio.NewWriter(cmd.OutOrStdout())
	defer out.Flush()
	enc := json.NewEncoder(out)
	cw := csv.NewWriter(out)
	if o.format == "csv" {
		if err := cw.Write(reviewColumns); err != nil {
			return err
		}
	}
	// The whole log is read so that an undo, which records no title or
	// text of its own, shows those of the change it reverts.
	quotes := map[[3]string][2]string{}
	err = st.Audit(cmd.Context(), time.Time{}, func(c store.ReviewChange) error {
		l := lineOf(c, quotes)
		if !c.At.After(from) {
			return nil
		}
		if o.format == "json" {
			return enc.Encode(l)
		}
		return cw.Write([]string{strconv.FormatInt(l.Seq, 10), l.Time.Format(time.RFC3339), l.Reviewer, l.User,
			l.Review, l.ArticleID, l.Article, l.QuoteKey, l.Quote, l.Change, l.Old, l.New, strconv.FormatBool(l.Undo)})
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	return err
}
