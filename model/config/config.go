// Package config reads brief's configuration file,
// $XDG_CONFIG_HOME/brief/config.toml: the theme, the folders and feeds to
// open by default, how often to refresh feeds, download caps, and key
// remapping.
//
// A malformed file is an error naming the file, the line and the key; an
// unknown key is an error too, so a typo never passes silently.
package config

import (
	"errors"
	"fmt"
	"github.com/brief-reader/brief/model/safefile"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/xdg"
	"github.com/dustin/go-humanize"
)

// Config is brief's configuration.
type Config struct {
	// Theme is "auto", "dark" or "light".
	Theme string `toml:"theme"`
	// Library lists the folders, files, feeds and URLs opened when brief
	// is started without paths.
	Library []string `toml:"library"`
	// Refresh is how often feeds and URLs are fetched again; 0 means only
	// on demand.
	Refresh Duration `toml:"refresh"`
	// Keys remaps key bindings: binding name → keys, e.g.
	// quit = ["q", "ctrl+c"]. Names are checked by the reader.
	Keys map[string][]string `toml:"keys"`
	// State overrides the path of the triage database.
	State string `toml:"state"`
	// Store names the database: a SQLite file, or a postgres:// URL for
	// a store shared by several machines; it wins over State.
	Store string `toml:"store"`
	// Review is "per-user" (each user reviews quotes on their own, the
	// default) or "shared" (marks, quote notes and corrections belong to
	// the library).
	Review string `toml:"review"`
	// MaxSize caps the bytes read from one source, by kind: max_size =
	// "100MiB" sets both caps, max_size = { feed = "128MiB", page =
	// "20MiB" } each; zero means the default.
	MaxSize MaxSize `toml:"max_size"`
}

// MaxSize is the download cap for feeds and for pages, in bytes; zero
// means the default.
type MaxSize struct {
	Feed, Page int64
}

// UnmarshalTOML reads max_size: one size for both kinds, or a table
// with feed and page.
func (m *MaxSize) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string, int64:
		n, err := parseSize(v)
		if err != nil {
			return err
		}
		m.Feed, m.Page = n, n
		return nil
	case map[string]any:
		for k, val := range v {
			n, err := parseSize(val)
			if err != nil {
				return fmt.Errorf("%s: %w", k, err)
			}
			switch k {
			case "feed":
				m.Feed = n
			case "page":
				m.Page = n
			default:
				return fmt.Errorf("unknown kind %q (want feed or page)", k)
			}
		}
		return nil
	}
	return fmt.Errorf("want a size such as \"64MiB\", or { feed = \"128MiB\", page = \"20MiB\" }")
}

// ParseMaxSize reads the values of --max-size flags, over base: "SIZE"
// sets both caps, "feed=SIZE" or "page=SIZE" one of them; later values
// win.
func ParseMaxSize(base MaxSize, values []string) (MaxSize, error) {
	for _, v := range values {
		kind, size, ok := strings.Cut(v, "=")
		if !ok {
			kind, size = "", v
		}
		n, err := parseSize(size)
		if err != nil {
			return base, fmt.Errorf("--max-size %s: %w", v, err)
		}
		switch kind {
		case "":
			base.Feed, base.Page = n, n
		case "feed":
			base.Feed = n
		case "page":
			base.Page = n
		default:
			return base, fmt.Errorf("--max-size %s: unknown kind %q (want feed=SIZE or page=SIZE)", v, kind)
		}
	}
	return base, nil
}

// parseSize reads a size: a number of bytes, or with a unit ("64MiB",
// "100MB", "1.5GiB").
func parseSize(v any) (int64, error) {
	var n uint64
	switch v := v.(type) {
	case int64:
		if v <= 0 {
			return 0, fmt.Errorf("size %d is not positive", v)
		}
		return v, nil
	case string:
		var err error
		n, err = humanize.ParseBytes(v)
		if err != nil || n == 0 || n > 1<<40 {
			return 0, fmt.Errorf("%q is not a size (want e.g. 64MiB)", v)
		}
	default:
		return 0, fmt.Errorf("%v is not a size (want e.g. \"64MiB\")", v)
	}
	return int64(n), nil
}

// MinRefresh is the shortest refresh interval the file may set: a
// smaller one would have brief hammer every feed it follows (refresh =
// "1ns" sent 11,000 requests in 10 s). Failing sources also back off on
// their own (source.Fetcher).
const MinRefresh = time.Minute

// Duration is a time.Duration written as "15m" in the file.
type Duration struct{ time.Duration }

// UnmarshalText reads a duration such as "90s", "15m" or "2h".
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("not a duration (want e.g. 15m): %q", b)
	}
	if v < 0 {
		return fmt.Errorf("negative duration %q", b)
	}
	d.Duration = v
	return nil
}

// MarshalText writes the duration as "15m0s".
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Default returns the configuration used when there is no file.
func Default() Config { return Config{Theme: "auto"} }

// DefaultPath returns $XDG_CONFIG_HOME/brief/config.toml.
func DefaultPath() string { return filepath.Join(xdg.ConfigHome, "brief", "config.toml") }

// maxConfigSize bounds the configuration file.
const maxConfigSize = 1 << 20

// Load reads the configuration at path. A missing file is not an error:
// it yields Default. Any other problem is an *Error.
func Load(path string) (Config, error) {
	data, err := safefile.ReadFile(path, maxConfigSize)
	if errors.Is(err, fs.ErrNotExist) {
		return Default(), nil
	}
	if err != nil {
		return Default(), &Error{Path: path, Msg: err.Error()}
	}
	return Parse(path, data)
}

// Parse reads configuration from data; path names it in errors.
func Parse(path string, data []byte) (Config, error) {
	cfg := Default()
	md, err := toml.Decode(string(data), &cfg)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			key := pe.LastKey
			if key == "" {
				key = keyOnLine(data, pe.Position.Line)
			}
			return Default(), &Error{Path: path, Line: pe.Position.Line, Key: key, Msg: pe.Message}
		}
		return Default(), &Error{Path: path, Msg: err.Error()}
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		k := undecoded[0]
		if k.String() == "keys" || (len(k) > 1 && k[0] == "keys") {
			return Default(), &Error{Path: path, Key: k.String(), Msg: "keys take a list of key names, e.g. quit = [\"q\", \"ctrl+c\"]"}
		}
		return Default(), &Error{Path: path, Key: k.String(), Msg: "unknown setting (known: " + strings.Join(known(), ", ") + ")"}
	}
	switch cfg.Theme {
	case "auto", "dark", "light":
	default:
		return Default(), &Error{Path: path, Key: "theme", Msg: fmt.Sprintf("%q is not a theme (want auto, dark or light)", cfg.Theme)}
	}
	if r := cfg.Refresh.Duration; r != 0 && r < MinRefresh {
		return Default(), &Error{Path: path, Line: lineOf(data, "refresh"), Key: "refresh",
			Msg: fmt.Sprintf("%q is too often: feeds are fetched again at most every %s (or write \"0\" to refresh only on R)", cfg.Refresh.Duration, MinRefresh)}
	}
	switch cfg.Review {
	case "", "per-user", "shared":
	default:
		return Default(), &Error{Path: path, Line: lineOf(data, "review"), Key: "review",
			Msg: fmt.Sprintf("%q is not a review mode (want per-user or shared)", cfg.Review)}
	}
	return cfg, nil
}

// lineOf returns the line (1-based) where the top-level key is set, or 0.
func lineOf(data []byte, key string) int {
	for i, line := range strings.Split(string(data), "\n") {
		if k, _, ok := strings.Cut(line, "="); ok && strings.TrimSpace(k) == key {
			return i + 1
		}
	}
	return 0
}

// keyOnLine returns the key assigned on line n (1-based) of data, if any.
func keyOnLine(data []byte, n int) string {
	lines := strings.Split(string(data), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	k, _, ok := strings.Cut(lines[n-1], "=")
	if !ok {
		return ""
	}
	return strings.TrimSpace(k)
}

// known lists the top-level settings.
func known() []string {
	k := []string{"theme", "library", "refresh", "keys", "state", "store", "review", "max_size"}
	sort.Strings(k)
	return k
}

// Error is a problem with the configuration file.
type Error struct {
	Path string
	Line int    // 0 when unknown
	Key  string // "" when unknown
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Key != "" {
		fmt.Fprintf(&b, ": %s", e.Key)
	}
	b.WriteString(": " + e.Msg)
	return b.String()
}
