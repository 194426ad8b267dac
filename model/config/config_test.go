package config

import (
	"os"
	"path/filepath"
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

[keys]
quit = ["q", "ctrl+q"]
`))
	require.NoError(t, err)
	assert.Equal(t, "light", cfg.Theme)
	assert.Equal(t, []string{"~/news", "https://example.org/feed.xml"}, cfg.Library)
	assert.Equal(t, 15*time.Minute, cfg.Refresh.Duration)
	assert.Equal(t, []string{"q", "ctrl+q"}, cfg.Keys["quit"])
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
