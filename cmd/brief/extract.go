package main

import (
	"bufio"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/analyze"
	"github.com/brief-reader/brief/model/report"
	"github.com/brief-reader/brief/model/source"
)

// writers maps each --format value to the function that prints a brief.
var writers = map[string]func(io.Writer, model.Article, model.Brief) error{
	"json":     report.WriteJSON,
	"markdown": report.WriteMarkdown,
	"text":     report.WriteText,
}

// eachArticle loads every origin in turn and calls fn on each article
// found, in order. A source that fails is reported on stderr and the rest
// go on; the result is then errSilent, so the exit status is 1.
func eachArticle(cmd *cobra.Command, origins []string, fn func(model.Article) error) error {
	failed := false
	for _, origin := range origins {
		arts, errs := source.Load(cmd.Context(), origin, cmd.InOrStdin())
		for _, err := range errs {
			fmt.Fprintln(cmd.ErrOrStderr(), "brief:", err)
			failed = true
		}
		for _, a := range arts {
			if err := fn(a); err != nil {
				return err
			}
		}
	}
	if failed {
		return errSilent
	}
	return nil
}

func newExtractCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "extract [--format json|markdown|text] PATH...",
		Short: "Print the brief of each article without opening the reader",
		Long: `extract loads each PATH (a file, a folder, a URL, or "-" for standard input),
analyses every article in it and prints its brief: key points, quotes with
their speakers, phases and people.

--format json prints JSON Lines, one object per article (the README gives the
schema); markdown prints a brief to paste into notes; text prints plain text.

A source that cannot be read is reported on standard error with the reason;
the others are still printed, and the exit status is 1.`,
		Example: `  brief extract story.txt
  brief extract --format json ~/news/*.txt | jq '.quotes[] | {speaker, text}'
  brief extract --format markdown - < story.md > brief.md`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			write, ok := writers[format]
			if !ok {
				return fmt.Errorf("unknown --format %q (want json, markdown or text)", format)
			}
			out := bufio.NewWriter(cmd.OutOrStdout())
			defer out.Flush()
			n := 0
			return eachArticle(cmd, args, func(a model.Article) error {
				if format == "markdown" && n > 0 {
					fmt.Fprintln(out)
				}
				n++
				return write(out, a, analyze.Analyze(a))
			})
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: json, markdown or text")
	return cmd
}
