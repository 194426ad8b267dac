package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// TestFooterHelpLineFollowsBindings: the footer's help line, kept from
// frame to frame, is always the one drawn afresh from the bindings of
// the screen in front: it follows a binding disabled and enabled again,
// a new help text, a new width and a restyle.
func TestFooterHelpLineFollowsBindings(t *testing.T) {
	m := started(t, helpOptions(t), 120, 30)
	m = drive(t, m, press("Q"))
	if _, ok := m.front().(*quotesModel); !ok {
		t.Fatalf("Q did not open the Quotes screen:\n%s", screenOf(m))
	}
	fresh := func() string { return m.help.ShortHelpView(m.front().ShortHelp()) }
	check := func(what string) string {
		t.Helper()
		got, want := m.footer(), fresh()
		if got != want {
			t.Errorf("%s: footer %q, drawn afresh %q", what, ansi.Strip(got), ansi.Strip(want))
		}
		return ansi.Strip(got)
	}
	first := check("first frame")
	if again := check("second frame"); again != first || !strings.Contains(first, "esc back") {
		t.Fatalf("footer %q, then %q", first, again)
	}

	k := &m.keys.QuotesKeys
	k.Back.SetEnabled(false)
	if s := check("back disabled"); strings.Contains(s, "esc back") {
		t.Errorf("a disabled key stays in the footer: %q", s)
	}
	k.Back.SetEnabled(true)
	k.Back.SetHelp("esc", "back to the library")
	if s := check("new help text"); !strings.Contains(s, "esc back to the library") {
		t.Errorf("new help text not in the footer: %q", s)
	}

	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	check("80 columns")
	m, _ = m.restyle(!m.dark, m.noColor, m.plain)
	check("restyled")
}

// TestFilterLineFollowsInput: the filter line kept while the filter is
// not being edited is the one the input draws afresh: after a new value,
// a new width, a restyle, and while editing (with the cursor).
func TestFilterLineFollowsInput(t *testing.T) {
	m := started(t, helpOptions(t), 120, 30)
	m = drive(t, m, press("Q"), press("/"))
	m = drive(t, m, press("O"), press("l"), press("a"))
	q, ok := m.front().(*quotesModel)
	if !ok {
		t.Fatalf("not on the Quotes screen:\n%s", screenOf(m))
	}
	check := func(what, want string) {
		t.Helper()
		got, fresh := q.filter.View(), q.filter.input.View()
		if got != fresh || !strings.Contains(ansi.Strip(got), want) {
			t.Errorf("%s: filter line %q, drawn afresh %q, want %q in it", what, ansi.Strip(got), ansi.Strip(fresh), want)
		}
	}
	check("editing", "/Ola")
	m = drive(t, m, press("enter"))
	check("applied", "/Ola")
	check("applied, next frame", "/Ola")
	q.filter.input.SetValue("Ola B")
	check("new value", "/Ola B")
	q.filter.SetWidth(40)
	check("narrower", "/Ola B")
	q.restyle(q.st)
	check("restyled", "/Ola B")
	q.filter.Reset()
	check("cleared", "/")
}
