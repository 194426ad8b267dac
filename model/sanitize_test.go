package model

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSanitize(t *testing.T) {
	cases := map[string]struct{ in, want string }{
		"clean text kept":   {"Plain “text” — café 東京 👍\nline two", "Plain “text” — café 東京 👍\nline two"},
		"csi color":         {"a\x1b[31mred\x1b[0m b", "ared b"},
		"osc title bel":     {"x\x1b]0;owned\x07y", "xy"},
		"osc 8 link st":     {"\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "click"},
		"dcs":               {"a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		"two byte escape":   {"a\x1b(Bb\x1bc", "ab"},
		"c1 csi":            {"a\u009b2Jb", "ab"},
		"c1 osc":            {"a\u009d0;t\u009cb", "ab"},
		"c0 controls":       {"a\x00b\x07c\x08d\x7fe", "abcde"},
		"tabs and crs":      {"a\tb\r\nc", "a b\nc"},
		"bidi override":     {"a\u202eb\u2066c\u2069", "abc"},
		"invalid utf8":      {"a\xffb", "a\uFFFDb"},
		"unterminated osc":  {"a\x1b]0;never ends", "a"},
		"trailing esc":      {"a\x1b", "a"},
		"unterminated csi":  {"a\x1b[31", "a"},
		"csi with bad byte": {"a\x1b[3\x01mb", "amb"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			got := Sanitize(c.in)
			assert.Equal(t, c.want, got)
			assert.False(t, strings.ContainsAny(got, "\x1b\x07\x00\u009b\u009d"), "no control survives")
		})
	}
}

func FuzzSanitize(f *testing.F) {
	f.Add("a\x1b[31mred\x1b]8;;x\x07")
	f.Fuzz(func(t *testing.T, s string) {
		got := Sanitize(s)
		for _, r := range got {
			if r != '\n' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)) {
				t.Fatalf("control %U survived in %q", r, got)
			}
		}
		if Sanitize(got) != got {
			t.Fatalf("not idempotent: %q", got)
		}
	})
}
