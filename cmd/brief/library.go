package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/config"
	"github.com/brief-reader/brief/model/sample"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/store"
)

// loadConfig reads the configuration file: path when given, else the
// default XDG path. A missing default file means defaults.
func loadConfig(path string) (config.Config, error) {
	if path == "" {
		path = config.DefaultPath()
	}
	return config.Load(path)
}

// newFetcher returns the Fetcher for a command: the download caps of the
// config file, overridden by the --max-size flags.
func newFetcher(cmd *cobra.Command, cfg config.Config) (*source.Fetcher, error) {
	flags, _ := cmd.Flags().GetStringArray("max-size")
	m, err := config.ParseMaxSize(cfg.MaxSize, flags)
	if err != nil {
		return nil, err
	}
	return &source.Fetcher{Limits: source.Limits{Feed: m.Feed, Page: m.Page}}, nil
}

// expandHome turns a leading "~/" into the user's home folder, as config
// files are written by hand.
func expandHome(p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return p
}

// gatherArticles loads origins (or, when there are none, the library the
// reader opens without paths: the configured library, else the sample
// articles) and adds the articles the store keeps from feeds and URLs,
// each once. Failures are written to errOut; it reports whether any
// source failed.
func gatherArticles(ctx context.Context, origins []string, cfg config.Config, st *store.Store, f *source.Fetcher, stdin io.Reader, errOut io.Writer) ([]model.Article, bool) {
	var arts []model.Article
	failed := false
	if len(origins) == 0 {
		for _, o := range cfg.Library {
			origins = append(origins, expandHome(o))
		}
		if len(origins) == 0 {
			samples, err := sample.Articles()
			if err != nil {
				fmt.Fprintln(errOut, "brief:", err)
				failed = true
			}
			arts = append(arts, samples...)
		}
	}
	err := source.Ordered(ctx, origins, source.Options{Stdin: stdin, Fetcher: f}, nil, func(r source.Result[struct{}]) error {
		for _, err := range r.Errs {
			fmt.Fprintln(errOut, "brief:", err)
			failed = true
		}
		arts = append(arts, r.Articles...)
		return nil
	})
	if err != nil {
		fmt.Fprintln(errOut, "brief:", err)
		failed = true
	}
	if st != nil {
		cached, err := st.Articles(ctx)
		if err != nil {
			fmt.Fprintln(errOut, "brief:", err)
		}
		arts = append(arts, cached...)
	}
	return source.Dedup(arts), failed
}
