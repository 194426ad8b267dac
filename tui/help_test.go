package tui

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/source"
)

// helpOptions is a program with everything that enables keys: a store,
// a browser, feeds to refresh, and articles with quotes.
func helpOptions(t *testing.T) Options {
	opts, _ := triageOptions(t)
	arts, briefs := quoteArticles()
	failed := []error{&source.Error{Origin: "gone.txt", Err: errors.New("no such file")}}
	opts.Load = func(context.Context) ([]model.Article, []error) { return arts, failed }
	opts.Analyze = func(a model.Article) model.Brief { return briefs[a.ID] }
	opts.OpenURL = func(string) error { return nil }
	return opts
}

// helpScreens drives a program to each screen in a state where each of
// its keys can act: the library with a filter applied, the reader on
// the Quotes panel, the Quotes screen, the list of failed sources. The
// keys of each are its own group, the global keys and, for the library
// and the reader, the triage keys; the list of failed sources handles
// only movement, back, help and quit.
func helpScreens(t *testing.T, w, h int) map[string]struct {
	m      Model
	groups []any
} {
	m := started(t, helpOptions(t), w, h)
	lib := drive(t, m, press("/"), press("h"), press("enter"))
	reader := drive(t, m, press("enter"), press("2"))
	quotes := drive(t, m, press("Q"))
	failures := drive(t, m, press("E"))
	k := m.keys
	g := &k.GlobalKeys
	failuresKeys := struct {
		Back, Help, Quit                   key.Binding
		Up, Down, Top, Bottom              key.Binding
		PageUp, PageDown, HalfUp, HalfDown key.Binding
	}{failures.failures.back, g.Help, g.Quit, g.Up, g.Down, g.Top, g.Bottom, g.PageUp, g.PageDown, g.HalfPageUp, g.HalfPageDown}
	return map[string]struct {
		m      Model
		groups []any
	}{
		"library":  {lib, []any{&k.GlobalKeys, &lib.library.keys, &k.TriageKeys}},
		"reader":   {reader, []any{&k.GlobalKeys, &reader.reader().keys, &k.TriageKeys}},
		"quotes":   {quotes, []any{&k.GlobalKeys, quotes.quotes.keys}},
		"failures": {failures, []any{failuresKeys}},
	}
}

// groupBindings returns the bindings of key groups (structs of
// key.Binding), by field name.
func groupBindings(groups ...any) map[string]key.Binding {
	out := map[string]key.Binding{}
	for _, g := range groups {
		v := reflect.ValueOf(g)
		for v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
		for i := range v.NumField() {
			if b, ok := v.Field(i).Interface().(key.Binding); ok {
				out[v.Type().Name()+"."+v.Type().Field(i).Name] = b
			}
		}
	}
	return out
}

// TestEveryHandledKeyIsInHelp walks every binding each screen handles
// (its own group, the global keys and the triage keys it takes) and
// checks that it is enabled and that its `?` page lists it, key and
// description on one line.
func TestEveryHandledKeyIsInHelp(t *testing.T) {
	for name, sc := range helpScreens(t, 200, 60) {
		t.Run(name, func(t *testing.T) {
			page := screenOf(drive(t, sc.m, press("?")))
			lines := strings.Split(page, "\n")
			for field, b := range groupBindings(sc.groups...) {
				if !b.Enabled() {
					t.Errorf("%s (%s) is disabled on the %s screen", field, b.Help().Desc, name)
					continue
				}
				h := b.Help()
				found := false
				for _, l := range lines {
					if i := strings.Index(l, h.Key+" "); i >= 0 && strings.Contains(l[i:], h.Desc) {
						found = true
					}
				}
				if !found {
					t.Errorf("%s (%s %s) missing from the %s help:\n%s", field, h.Key, h.Desc, name, page)
				}
			}
		})
	}
}

// TestHelpPages are goldens of each screen's `?` page at 80x24.
func TestHelpPages(t *testing.T) {
	for name, sc := range helpScreens(t, 80, 24) {
		t.Run(name, func(t *testing.T) {
			golden.RequireEqual(t, []byte(screenOf(drive(t, sc.m, press("?")))))
		})
	}
}

// TestHelpScrollsWhenShort: at 60x20 the reader's help is taller than
// the screen; it scrolls with the movement keys, and every binding can
// be brought into view.
func TestHelpScrollsWhenShort(t *testing.T) {
	sc := helpScreens(t, 60, 20)["reader"]
	m := drive(t, sc.m, press("?"))
	seen := screenOf(m)
	if !strings.Contains(seen, "scroll") {
		t.Fatalf("no scroll hint on a help page taller than the screen:\n%s", seen)
	}
	for range 40 {
		m = drive(t, m, press("j"))
		seen += screenOf(m)
	}
	for field, b := range groupBindings(sc.groups...) {
		if !strings.Contains(seen, b.Help().Desc) {
			t.Errorf("%s (%s) never scrolled into view", field, b.Help().Desc)
		}
	}
	if last := screenOf(drive(t, m, press("G"))); !strings.Contains(last, "lines") {
		t.Errorf("G did not reach the end of the help:\n%s", last)
	}
}

// TestFooterShowsHelpHint: at 80 columns and wider the footer always
// names ? help: on every screen, and beside a status message.
func TestFooterShowsHelpHint(t *testing.T) {
	for _, w := range []int{80, 200} {
		for name, sc := range helpScreens(t, w, 24) {
			for what, m := range map[string]Model{
				"help line": sc.m,
				"status":    drive(t, sc.m, statusMsg{text: strings.Repeat("a long status message ", 10)}),
				"error":     drive(t, sc.m, statusMsg{text: "could not save", isErr: true}),
			} {
				lines := strings.Split(screenOf(m), "\n")
				if footer := lines[len(lines)-1]; !strings.Contains(footer, "? help") {
					t.Errorf("%dx24 %s, %s: footer %q lacks ? help", w, name, what, footer)
				}
			}
		}
	}
}
