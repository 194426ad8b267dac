package main

import (
	"bufio"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/spf13/cobra"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/analyze"
	"github.com/brief-reader/brief/model/config"
	"github.com/brief-reader/brief/model/report"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/render"
)

// writers maps each --format value to the function that prints a brief.
var writers = map[string]func(io.Writer, model.Article, model.Brief) error{
	"json":     report.WriteJSON,
	"markdown": report.WriteMarkdown,
	"text":     report.WriteText,
}

// eachBrief loads every origin and analyses its articles on every core,
// and calls fn on each article and its brief in input order (origins in
// the order given, a folder's files in lexical order, a feed's items in
// order). A source that fails is reported on stderr, in its place, and
// the rest go on; the result is then errSilent, so the exit status is 1.
// Sources that hold no article at all (an empty folder) say so, and the
// exit status is 1 too. What one source may hold is capped by cfg's
// max_size, under the --max-size flags. flush, when not nil, is called
// before a source's errors are reported, so that on one stream (2>&1)
// they come after the output of the sources before it.
func eachBrief(cmd *cobra.Command, cfg config.Config, origins []string, flush func() error, fn func(model.Article, model.Brief) error) error {
	fetcher, err := newFetcher(cmd, cfg)
	if err != nil {
		return err
	}
	failed, found := false, 0
	opts := source.Options{Stdin: cmd.InOrStdin(), Fetcher: fetcher}
	err = source.Ordered(cmd.Context(), origins, opts, analyzeAll, func(r source.Result[[]model.Brief]) error {
		if len(r.Errs) > 0 && flush != nil {
			if err := flush(); err != nil {
				return err
			}
		}
		for _, err := range r.Errs {
			fmt.Fprintln(cmd.ErrOrStderr(), "brief:", err)
			failed = true
		}
		found += len(r.Articles)
		for i, a := range r.Articles {
			if err := fn(a, r.Value[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if found == 0 && !failed {
		names := make([]string, len(origins))
		for i, o := range origins {
			names[i] = render.Line(o)
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "brief: no articles found in %s\n", strings.Join(names, ", "))
		return errSilent
	}
	if failed {
		return errSilent
	}
	return nil
}

// analyzeAll analyses arts in order. A source of many articles (a feed)
// is shared among the cores; one article is analysed where it is.
func analyzeAll(arts []model.Article) []model.Brief {
	out := make([]model.Brief, len(arts))
	parts := min(runtime.GOMAXPROCS(0), len(arts)/8)
	if parts < 2 {
		for i, a := range arts {
			out[i] = analyze.Analyze(a)
		}
		return out
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range parts {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(arts); i = int(next.Add(1) - 1) {
				out[i] = analyze.Analyze(arts[i])
			}
		})
	}
	wg.Wait()
	return out
}

// outBuffer is the size of the batch commands' output buffer. Output goes
// out in writes this large: over 2,225 BBC files (4.9 MB of JSON) that is
// 75 writes instead of 1,200, and as many fewer wake-ups of the program
// reading the pipe, which on two cores takes its time from the workers.
const outBuffer = 64 << 10

func newExtractCmd() *cobra.Command {
	var format string
	var explain bool
	var sf storeFlags
	cmd := &cobra.Command{
		Use:   "extract [--format json|markdown|text] PATH...",
		Short: "Print the brief of each article without opening the reader",
		Long: `extract loads each PATH (a file, a folder, a URL, or "-" for standard input),
analyses every article in it and prints its brief: key points, quotes with
their speakers, phases and people.

--format json prints JSON Lines, one object per article (the README gives the
schema); markdown prints a brief to paste into notes; text prints plain text.

A source that cannot be read is reported on standard error with the reason;
the others are still printed, and the exit status is 1.

With --state FILE (or --store URL) the speaker corrections kept there win over
the analysis: yours, or with --shared the library's.`,
		Example: `  brief extract story.txt
  brief extract --format json ~/news/*.txt | jq '.quotes[] | {speaker, text}'
  brief extract --format markdown - < story.md > brief.md`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			defer batchGC(cmd.Context())()
			if explain {
				return runExplain(cmd, args, format)
			}
			write, ok := writers[format]
			if !ok {
				return fmt.Errorf("unknown --format %q (want json, markdown or text)", format)
			}
			fix, cfg, done, err := correctorFor(cmd, &sf, false)
			if err != nil {
				return err
			}
			defer done()
			out := bufio.NewWriterSize(cmd.OutOrStdout(), outBuffer)
			defer out.Flush()
			n := 0
			return eachBrief(cmd, cfg, args, out.Flush, func(a model.Article, b model.Brief) error {
				b = fix.apply(a, b)
				if format == "markdown" && n > 0 {
					fmt.Fprintln(out)
				}
				n++
				return write(out, a, b)
			})
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: json, markdown or text")
	cmd.Flags().BoolVar(&explain, "explain", false, "say, for every quote, how its speaker was chosen (text or json)")
	addStoreFlags(cmd.Flags(), &sf, false)
	return cmd
}
