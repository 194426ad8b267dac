package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/analyze"
	"github.com/brief-reader/brief/model/config"
	"github.com/brief-reader/brief/model/source"
)

// runExplain prints, for every quote of every article of origins, how its
// speaker was chosen (brief extract --explain): as text, or with
// format "json" as one JSON object per article.
func runExplain(cmd *cobra.Command, origins []string, format string) error {
	fetcher, err := newFetcher(cmd, config.Config{})
	if err != nil {
		return err
	}
	out := bufio.NewWriter(cmd.OutOrStdout())
	defer out.Flush()
	failed := false
	explainAll := func(arts []model.Article) [][]analyze.Explanation {
		xs := make([][]analyze.Explanation, len(arts))
		for i, a := range arts {
			xs[i] = analyze.Explain(a)
		}
		return xs
	}
	opts := source.Options{Stdin: cmd.InOrStdin(), Fetcher: fetcher}
	err = source.Ordered(cmd.Context(), origins, opts, explainAll, func(r source.Result[[][]analyze.Explanation]) error {
		for _, err := range r.Errs {
			fmt.Fprintln(cmd.ErrOrStderr(), "brief:", err)
			failed = true
		}
		for i, a := range r.Articles {
			if err := writeExplain(out, a, r.Value[i], format == "json"); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if failed {
		return errSilent
	}
	return nil
}

// writeExplain prints the explanations xs of article a's quotes.
func writeExplain(w io.Writer, a model.Article, xs []analyze.Explanation, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return enc.Encode(struct {
			Source string                `json:"source"`
			Quotes []analyze.Explanation `json:"quotes"`
		}{a.Origin, xs})
	}
	fmt.Fprintf(w, "# %s (%s)\n", model.Sanitize(a.Title), model.Sanitize(a.Origin))
	for _, x := range xs {
		q := x.Quote
		speaker := q.Speaker
		if speaker == "" {
			speaker = "(no speaker)"
		}
		fmt.Fprintf(w, "¶%d “%s”\n    → %s [%s", q.Paragraph, q.Text, speaker, x.Rule)
		if x.Verb != "" {
			fmt.Fprintf(w, "; verb %q", x.Verb)
		}
		if x.Subject != "" {
			fmt.Fprintf(w, "; subject %q", x.Subject)
		}
		if x.Ref != "" {
			fmt.Fprintf(w, " (%s)", x.Ref)
		}
		fmt.Fprintln(w, "]")
		for _, c := range x.Candidates {
			fmt.Fprintf(w, "      %6.2f  %s:", c.Score, c.Name)
			for _, f := range c.Features {
				fmt.Fprintf(w, " %s %.2f×%.2f", f.Name, f.Value, f.Weight)
			}
			fmt.Fprintln(w)
		}
	}
	_, err := fmt.Fprintln(w)
	return err
}
