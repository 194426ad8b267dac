package tui

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// TestRebind remaps by name and rejects unknown names.
func TestRebind(t *testing.T) {
	k := DefaultKeyMap()
	if err := k.Rebind(map[string][]string{"star": {"S", "f2"}, "quit": {"Z", "ctrl+c"}}); err != nil {
		t.Fatal(err)
	}
	if got := k.Star.Keys(); len(got) != 2 || got[0] != "S" || k.Star.Help().Key != "S/f2" {
		t.Errorf("star keys %q help %q", got, k.Star.Help().Key)
	}
	err := k.Rebind(map[string][]string{"strat": {"x"}})
	if err == nil || !strings.Contains(err.Error(), `"strat"`) {
		t.Errorf("unknown name: error %v, want one naming it", err)
	}
	if err := k.Rebind(map[string][]string{"star": {}}); err == nil {
		t.Error("empty key list accepted")
	}
}

// TestEveryBindingHasAName checks that Rebind can reach every binding of
// the KeyMap, so no key is left out of configuration.
func TestEveryBindingHasAName(t *testing.T) {
	k := DefaultKeyMap()
	named := map[*key.Binding]bool{}
	for _, bs := range k.bindings() {
		for _, b := range bs {
			named[b] = true
		}
	}
	for name, b := range allBindings(&k) {
		if !named[b] {
			t.Errorf("binding %s has no configuration name", name)
		}
	}
}

// allBindings walks the KeyMap's groups and returns every binding by
// its field path (ReaderKeys.Back).
func allBindings(k *KeyMap) map[string]*key.Binding {
	out := map[string]*key.Binding{}
	v := reflect.ValueOf(k).Elem()
	for i := range v.NumField() {
		group := v.Field(i)
		for j := range group.NumField() {
			f := group.Field(j)
			if f.Type() == reflect.TypeOf(key.Binding{}) {
				out[v.Type().Field(i).Name+"."+group.Type().Field(j).Name] = f.Addr().Interface().(*key.Binding)
			}
		}
	}
	return out
}

// TestRebindRejectsConflictsAndUnknownKeys: a key two bindings of one
// screen would share, and a key name no key press produces, are
// refused with the binding and the key named; the KeyMap is unchanged.
// A swap of keys that ends without a conflict is accepted.
func TestRebindRejectsConflictsAndUnknownKeys(t *testing.T) {
	for name, tc := range map[string]struct {
		keys       map[string][]string
		name, key  string
		other, msg string
	}{
		"star on quit":      {keys: map[string][]string{"star": {"q"}}, name: "star", key: "q", other: "quit"},
		"quit on down":      {keys: map[string][]string{"quit": {"j"}, "down": {"j"}}, name: "quit", key: "j", other: "down"},
		"mark on archive":   {keys: map[string][]string{"mark_checked": {"a"}}, name: "mark_checked", key: "a", other: "archive"},
		"unknown key name":  {keys: map[string][]string{"star": {"notakey+combo+x"}}, name: "star", key: "notakey+combo+x", msg: "not a modifier"},
		"unknown named key": {keys: map[string][]string{"star": {"ctrl+pagedown"}}, name: "star", key: "ctrl+pagedown", msg: "key name"},
		"modifier order":    {keys: map[string][]string{"star": {"shift+ctrl+s"}}, name: "star", key: "shift+ctrl+s", msg: "order"},
		"control character": {keys: map[string][]string{"star": {"\x01"}}, name: "star", key: "\x01", msg: "not a key"},
	} {
		t.Run(name, func(t *testing.T) {
			k := DefaultKeyMap()
			err := k.Rebind(tc.keys)
			var be *BindingError
			if !errors.As(err, &be) {
				t.Fatalf("Rebind(%v) = %v, want a *BindingError", tc.keys, err)
			}
			if be.Key != tc.key || be.Other != tc.other || (tc.name != "" && be.Name != tc.name && be.Other != tc.name) {
				t.Errorf("error %+v, want name %q key %q other %q", be, tc.name, tc.key, tc.other)
			}
			if tc.msg != "" && !strings.Contains(be.Msg, tc.msg) {
				t.Errorf("message %q lacks %q", be.Msg, tc.msg)
			}
			if !reflect.DeepEqual(k.Star.Keys(), []string{"s"}) || !reflect.DeepEqual(k.Quit.Keys(), []string{"q", "ctrl+c"}) {
				t.Errorf("a refused Rebind changed the KeyMap: star %q quit %q", k.Star.Keys(), k.Quit.Keys())
			}
		})
	}
	k := DefaultKeyMap()
	ok := map[string][]string{"star": {"q"}, "quit": {"Z", "ctrl+c"}, "refresh": {"f5", "ctrl+shift+r"}, "undo": {"u", "ctrl+z", "é"}, "page_down": {"pgdown", "space"}}
	if err := k.Rebind(ok); err != nil {
		t.Fatalf("a swap without conflicts refused: %v", err)
	}
	if !key.Matches(tea.KeyPressMsg{Code: 'q', Text: "q"}, k.Star) || key.Matches(tea.KeyPressMsg{Code: 'q', Text: "q"}, k.Quit) {
		t.Error("after star = [q], quit = [Z]: q does not star, or still quits")
	}
}
