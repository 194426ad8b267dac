package analyze

import (
	"strings"
	"testing"
)

// TestRoleConflict: a description that names a party or a US state does
// not fit someone whose role names another; it fits the same one, a role
// that names neither, and no role at all.
func TestRoleConflict(t *testing.T) {
	cases := []struct {
		role, desc string
		want       bool
	}{
		{"former New York governor", "New Jersey governor", true},
		{"New Jersey governor", "New Jersey governor", false},
		{"Democratic front-runner", "GOP front-runner", true},
		{"Republican front-runner", "GOP front-runner", false},
		{"Texas Sen.", "Florida senator", true},
		{"R-Texas", "Democratic senator", true},
		{"governor", "New Jersey governor", false},
		{"", "Iowa governor", false},
		{"West Virginia senator", "Virginia senator", true},
		{"Virginia senator", "Virginia senator", false},
		{"Democratic senator from Ohio", "Ohio senator", false},
	}
	for _, c := range cases {
		words := strings.Fields(c.desc)
		mods := make([]tok, len(words)-1)
		for i, w := range words[:len(words)-1] {
			mods[i] = tok{s: w}
		}
		r := npRef{kind: refDesc, head: words[len(words)-1], mods: mods}
		e := &entity{name: "Ann Holt", role: c.role}
		if got := roleConflict(e, r); got != c.want {
			t.Errorf("role %q, description %q: conflict %v, want %v", c.role, c.desc, got, c.want)
		}
	}
}
