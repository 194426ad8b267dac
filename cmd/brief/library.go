package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/config"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/store/sqlite"
)

// loadConfig reads the configuration file: path when given, else the
// default XDG path. A missing default file means defaults.
func loadConfig(path string) (config.Config, error) {
	if path == "" {
		path = config.DefaultPath()
	}
	return config.Load(path)
}

// openStore opens the triage database at path, or at the default XDG
// state path when path is "".
func openStore(path string) (*store.Store, error) {
	if path == "" {
		p, err := sqlite.DefaultPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	st, err := sqlite.OpenStore(path)
	if err != nil {
		return nil, fmt.Errorf("state database %s: %w", path, err)
	}
	return st, nil
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

// gatherArticles loads origins (or, when there are none, the configured
// library) and adds the articles the store keeps from feeds and URLs,
// each once. Failures are written to errOut; it reports whether any
// source failed.
func gatherArticles(ctx context.Context, origins []string, cfg config.Config, st *store.Store, stdin io.Reader, errOut io.Writer) ([]model.Article, bool) {
	if len(origins) == 0 {
		for _, o := range cfg.Library {
			origins = append(origins, expandHome(o))
		}
	}
	arts, errs := source.LoadAll(ctx, origins, stdin)
	for _, err := range errs {
		fmt.Fprintln(errOut, "brief:", err)
	}
	if st != nil {
		cached, err := st.Articles(ctx)
		if err != nil {
			fmt.Fprintln(errOut, "brief:", err)
		}
		arts = append(arts, cached...)
	}
	return source.Dedup(arts), len(errs) > 0
}
