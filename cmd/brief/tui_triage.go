package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/brief-reader/brief/model/safefile"
	"os"
	"regexp"
	"strings"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/config"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/tui"
)

// tuiConfig reads the configuration file and applies its key remapping
// to keys. A binding name the reader does not know, a key name no key
// press produces, and a key that would do two things on one screen are
// each a *config.Error naming the file, the line and the key, like any
// other config error.
func tuiConfig(path string, keys *tui.KeyMap) (config.Config, error) {
	if path == "" {
		path = config.DefaultPath()
	}
	cfg, err := config.Load(path)
	if err != nil {
		return cfg, err
	}
	err = keys.Rebind(cfg.Keys)
	var be *tui.BindingError
	if !errors.As(err, &be) {
		return cfg, err
	}
	name, msg := be.Name, be.Msg
	if _, set := cfg.Keys[be.Other]; set && keyLine(path, be.Other) > keyLine(path, name) {
		// Both came from the file: blame the later line.
		name = be.Other
	}
	if be.Other != "" {
		other := be.Other
		if other == name {
			other = be.Name
		}
		where := ""
		if n := keyLine(path, other); n > 0 {
			where = fmt.Sprintf(" (line %d)", n)
		}
		msg = fmt.Sprintf("key %q is both %q and %q%s in the %s", be.Key, name, other, where, be.Screen)
	}
	return cfg, &config.Error{Path: path, Line: keyLine(path, name), Key: "keys." + name, Msg: msg}
}

// keyLine finds the line of the [keys] table that sets name, or 0.
func keyLine(path, name string) int {
	data, err := safefile.ReadFile(path, 1<<20)
	if err != nil {
		return 0
	}
	re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(name) + `"?\s*=`)
	inKeys := false
	for i, line := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			inKeys = t == "[keys]"
			continue
		}
		if inKeys && re.MatchString(line) {
			return i + 1
		}
	}
	return 0
}

// isWebOrigin reports whether an origin (or an article's Origin, which
// for a feed item is "<feed>#<n>") is an http or https URL.
func isWebOrigin(o string) bool {
	return strings.HasPrefix(o, "https://") || strings.HasPrefix(o, "http://")
}

// watchFolders returns the origins that are folders, to watch.
func watchFolders(origins []string) []string {
	var dirs []string
	for _, o := range origins {
		if fi, err := os.Stat(o); err == nil && fi.IsDir() {
			dirs = append(dirs, o)
		}
	}
	return dirs
}

// triageOptions wires the store, the cache and the daily flow into the
// reader's options: the user's state, cached articles shown at start
// (heads, read whole when opened), new articles from feeds and URLs
// cached, watched folders, and feeds refreshed on R and every refresh
// interval with the same Fetcher as the first load.
func triageOptions(opts *tui.Options, st *store.Store, user *store.User, origins []string, fetcher *source.Fetcher, cfg config.Config) {
	opts.Store = user
	opts.Cached = st.Heads
	opts.CachedNewest = st.NewestHeads
	opts.Article = st.Article
	opts.Briefs = st
	// Validators, freshness and backoff of every URL outlive the program:
	// a restart sends conditional requests.
	fetcher.States = st
	opts.Cache = func(ctx context.Context, arts []model.Article) ([]string, error) {
		var web []model.Article
		var ids []string
		for _, a := range arts {
			if isWebOrigin(a.Origin) {
				web = append(web, a)
				ids = append(ids, model.ArticleID(a))
			}
		}
		if len(web) == 0 {
			return nil, nil
		}
		if err := st.PutArticles(ctx, web); err != nil {
			return nil, fmt.Errorf("keeping %d articles: %w", len(web), err)
		}
		return ids, nil
	}
	opts.Watch = watchFolders(origins)
	var web []string
	for _, o := range origins {
		if isWebOrigin(o) || strings.HasSuffix(strings.ToLower(o), ".opml") {
			web = append(web, o)
		}
	}
	if len(web) > 0 {
		opts.Refresh = func(ctx context.Context) <-chan source.Event {
			return source.Stream(ctx, web, source.Options{Fetcher: fetcher})
		}
		opts.RefreshEvery = cfg.Refresh.Duration
	}
}
