// Command brief is a terminal reader for news briefs: it shows an
// article's key points, quotes with their speakers and the phases of any
// plan side by side.
//
// Run without arguments it opens its embedded sample articles; given paths
// it opens those. Subcommands print briefs for scripts.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/brief-reader/brief/cmd/brief/internal/startgc"
	"github.com/brief-reader/brief/model"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// errSilent marks a failure already reported to the user.
var errSilent = errors.New("")

func main() {
	// Everything the commands print comes from outside in part (file
	// names, URLs, server replies, errors): controls are shown as
	// escapes (\x1b), never sent to the terminal. The reader draws on the
	// terminal itself and sanitizes what it draws.
	stdout, stderr := model.NewVisibleWriter(os.Stdout), model.NewVisibleWriter(os.Stderr)
	root := newRootCmd()
	root.SetOut(stdout)
	root.SetErr(stderr)
	if err := root.Execute(); err != nil {
		if !errors.Is(err, errSilent) {
			fmt.Fprintln(stderr, "brief:", err)
		}
		os.Exit(1)
	}
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "brief [PATH|URL|-]...",
		Short: "Read news briefs in the terminal: key points, quotes and phases at a glance",
		Long: `brief loads articles (plain text, Markdown, HTML pages, RSS/Atom/JSON feeds,
URLs, folders or "-" for standard input) and shows, side by side, each
article's key points, every direct quote with its speaker, the phases of any
plan it describes, and the article itself.

With no PATH, brief opens its embedded sample articles.`,
		Example: `  brief                      # the embedded sample articles
  brief ~/news/today/        # every article in a folder
  brief story.md feed.xml    # a Markdown article and a feed
  curl -s URL | brief -      # an article from standard input`,
		Version:       version,
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringArray("max-size", nil,
		"download cap: SIZE for every source, or feed=SIZE / page=SIZE (default feed=64MiB, page=10MiB; repeatable)")
	tuiFlags := addTUIFlags(root)
	// The collector has been off since the program started (startgc):
	// the commands get it back as they start, the reader once its first
	// frame is out (runTUI).
	root.PersistentPreRun = func(cmd *cobra.Command, _ []string) {
		if cmd != root {
			startgc.Restore()
		}
	}
	root.RunE = func(cmd *cobra.Command, args []string) error {
		return runTUI(cmd, args, tuiFlags)
	}
	root.AddCommand(newExtractCmd(), newQuotesCmd(), newExportCmd(), newServeCmd())
	return root
}
