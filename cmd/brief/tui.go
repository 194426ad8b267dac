package main

import (
	"context"
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/sample"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/tui"
)

// tuiOptions are the root command's flags for the interactive reader.
type tuiOptions struct {
	theme string
}

func addTUIFlags(cmd *cobra.Command) *tuiOptions {
	o := &tuiOptions{}
	cmd.Flags().StringVar(&o.theme, "theme", "auto", "color theme: auto, dark or light")
	return o
}

// runTUI opens the interactive reader on args, or on the embedded
// sample articles when there are none.
func runTUI(cmd *cobra.Command, args []string, o *tuiOptions) error {
	switch o.theme {
	case "auto", "dark", "light":
	default:
		return fmt.Errorf("unknown --theme %q (want auto, dark or light)", o.theme)
	}
	stdin := cmd.InOrStdin()
	load := func(ctx context.Context) ([]model.Article, []error) {
		if len(args) == 0 {
			arts, err := sample.Articles()
			if err != nil {
				return arts, []error{err}
			}
			return arts, nil
		}
		return source.LoadAll(ctx, args, stdin)
	}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	opts := tui.Options{
		Context: ctx,
		Load:    load,
		Theme:   o.theme,
		NoColor: os.Getenv("NO_COLOR") != "",
	}
	if len(args) > 0 {
		// Articles show up in the library as their sources finish.
		opts.Stream = func(ctx context.Context) <-chan source.Event {
			return source.Stream(ctx, args, source.Options{Stdin: stdin})
		}
	}
	m := tui.New(opts)
	_, err := tea.NewProgram(m, tea.WithContext(ctx)).Run()
	return err
}
