package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseGood(t *testing.T) {
	cfg, err := Parse("c.toml", []byte(`
theme = "light"
library = ["~/news", "https://example.org/feed.xml"]
refresh = "15m"
store = "postgres://brief@db.example/brief"
review = "shared"

[keys]
quit = ["q", "ctrl+q"]
`))
	require.NoError(t, err)
	assert.Equal(t, "light", cfg.Theme)
	assert.Equal(t, []string{"~/news", "https://example.org/feed.xml"}, cfg.Library)
	assert.Equal(t, 15*time.Minute, cfg.Refresh.Duration)
	assert.Equal(t, []string{"q", "ctrl+q"}, cfg.Keys["quit"])
	assert.Equal(t, "postgres://brief@db.example/brief", cfg.Store)
	assert.Equal(t, "shared", cfg.Review)
}

func TestParseErrorsNameLineAndKey(t *testing.T) {
	cases := map[string]struct {
		in   string
		want []string
	}{
		"syntax":        {"theme = \"dark\"\nrefresh = 15m\n", []string{"c.toml:2", "refresh"}},
		"unknown key":   {"theme = \"dark\"\ncolour = \"red\"\n", []string{"c.toml", "colour", "unknown setting"}},
		"bad theme":     {"theme = \"purple\"\n", []string{"theme", "purple"}},
		"bad duration":  {"refresh = \"soon\"\n", []string{"c.toml", "refresh", "duration"}},
		"keys not list": {"[keys]\nquit = \"q\"\n", []string{"c.toml", "quit"}},
		"bad size":      {"max_size = \"huge\"\n", []string{"c.toml", "max_size", `"huge" is not a size`}},
		"bad review":    {"theme = \"dark\"\nreview = \"everyone\"\n", []string{"c.toml:2", "review", `"everyone" is not a review mode`}},
		"bad size kind": {"max_size = { video = \"1GiB\" }\n", []string{"c.toml", "max_size", `unknown kind "video"`}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			cfg, err := Parse("c.toml", []byte(c.in))
			require.Error(t, err)
			for _, w := range c.want {
				assert.Contains(t, err.Error(), w)
			}
			assert.Equal(t, Default(), cfg, "defaults come back with the error")
		})
	}
}

func TestLoadMissingFileIsDefault(t *testing.T) {
	cfg, err := Load(filepath.Join(t.TempDir(), "none.toml"))
	require.NoError(t, err)
	assert.Equal(t, Default(), cfg)
}

func TestLoadFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.toml")
	require.NoError(t, os.WriteFile(p, []byte("theme = \"dark\"\n"), 0o600))
	cfg, err := Load(p)
	require.NoError(t, err)
	assert.Equal(t, "dark", cfg.Theme)
}

func TestParseMaxSize(t *testing.T) {
	for in, want := range map[string]MaxSize{
		`max_size = "100MiB"`:                           {100 << 20, 100 << 20},
		`max_size = { feed = "128MiB", page = "20MB" }`: {128 << 20, 20e6},
		`max_size = { page = 1048576 }`:                 {0, 1 << 20},
		``:                                              {},
	} {
		cfg, err := Parse("c.toml", []byte(in))
		require.NoError(t, err, in)
		assert.Equal(t, want, cfg.MaxSize, in)
	}
	got, err := ParseMaxSize(MaxSize{Feed: 1, Page: 2}, []string{"page=3MiB"})
	require.NoError(t, err)
	assert.Equal(t, MaxSize{Feed: 1, Page: 3 << 20}, got)
	got, err = ParseMaxSize(MaxSize{}, []string{"1GiB", "feed=2GiB"})
	require.NoError(t, err)
	assert.Equal(t, MaxSize{Feed: 2 << 30, Page: 1 << 30}, got)
	for _, bad := range []string{"video=1MiB", "feed=", "0", "feed=lots"} {
		_, err := ParseMaxSize(MaxSize{}, []string{bad})
		assert.ErrorContains(t, err, "--max-size "+bad, bad)
	}
}

// TestRefreshMinimum: a refresh interval under MinRefresh is refused
// with the file, line and the minimum (issue 12, item 8); 0 and sane
// values are kept.
func TestRefreshMinimum(t *testing.T) {
	for _, v := range []string{"1ns", "1s", "59s"} {
		_, err := Parse("c.toml", []byte("theme = \"dark\"\nrefresh = \""+v+"\"\n"))
		if err == nil || !strings.Contains(err.Error(), "c.toml:2: refresh") || !strings.Contains(err.Error(), "1m0s") {
			t.Errorf("refresh = %q: %v", v, err)
		}
	}
	for _, v := range []string{"0", "1m", "15m"} {
		if _, err := Parse("c.toml", []byte("refresh = \""+v+"\"\n")); err != nil {
			t.Errorf("refresh = %q refused: %v", v, err)
		}
	}
}
