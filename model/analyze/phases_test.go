package analyze

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPhases(t *testing.T) {
	type want struct {
		n        int
		label    string
		duration string
	}
	cases := map[string]struct {
		paras []string
		want  []want
	}{
		"ordinal words with final": {
			paras: []string{
				"The first phase of the plan would last six weeks and reopen the bridge to buses.",
				"The second phase calls for new rail lines.",
				"The final phase would rebuild the station.",
			},
			want: []want{{1, "first phase", "six weeks"}, {2, "second phase", ""}, {3, "final phase", ""}},
		},
		"numbered phase one and two": {
			paras: []string{"Phase One covers the east wing.", "Phase Two, lasting 42 days, covers the west wing."},
			want:  []want{{1, "Phase One", ""}, {2, "Phase Two", "42 days"}},
		},
		"digits start above one": {
			paras: []string{"Phase 3 opens in May and Phase 4 follows in a year."},
			want:  []want{{3, "Phase 3", ""}, {4, "Phase 4", "one year"}},
		},
		"roman numerals": {
			paras: []string{"Stage I tests the pumps.", "Stage II tests the valves."},
			want:  []want{{1, "Stage I", ""}, {2, "Stage II", ""}},
		},
		"stages with initial and next": {
			paras: []string{"An initial stage of three months trains staff.", "The next stage moves patients to the new wing."},
			want:  []want{{1, "initial stage", "three months"}, {2, "next stage", ""}},
		},
		"steps": {
			paras: []string{"The first step is a census of the herd.", "The second step is a vaccine drive, the third step a ban on imports."},
			want:  []want{{1, "first step", ""}, {2, "second step", ""}, {3, "third step", ""}},
		},
		"adjective duration": {
			paras: []string{"It begins with a six-week first phase.", "A second phase follows."},
			want:  []want{{1, "first phase", "six weeks"}, {2, "second phase", ""}},
		},
		"same phase twice merges": {
			paras: []string{"Phase one frees 30 prisoners.", "Talks on the second phase begin on day 16 of phase one."},
			want:  []want{{1, "Phase one", ""}, {2, "second phase", ""}},
		},
		"lone ordinal stage is not a plan": {
			paras: []string{"He went to hospital for the first stage of his annual check-up."},
		},
		"rounds of talks are not phases": {
			paras: []string{"The first round of talks ended. The next rounds of talks begin Friday."},
		},
		"testing phase without ordinal": {
			paras: []string{"The jet is still in its testing phase, and the plan was done in phases."},
		},
		"lone numbered phase is a name": {
			paras: []string{`A "phase one" deal was expected within weeks.`},
			want:  []want{{1, "phase one", ""}},
		},
		"the pronoun I after stage is not a numeral": {
			paras: []string{"At this stage I'm happy with the squad.", "At that stage I think we were tired."},
		},
		"a named key stage is not a phase": {
			paras: []string{"Only a third of schools met the target at Key Stage 2 last year."},
		},
		"first steps in the plural are not stages": {
			paras: []string{"You may never take the first steps.", "A course can feel like a natural next step."},
		},
		"a numeral after a capitalized stage noun stays": {
			paras: []string{"Stage I trials start in May. The Stage II trials follow."},
			want:  []want{{1, "Stage I", ""}, {2, "Stage II", ""}},
		},
		"lower-case i is not a numeral": {
			paras: []string{"In phase i think we agree."},
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			got := phases(newDocument(c.paras))
			require.Len(t, got, len(c.want))
			for i, w := range c.want {
				assert.Equal(t, w.n, got[i].N)
				assert.Equal(t, w.label, got[i].Label)
				assert.Equal(t, w.duration, got[i].Duration)
				assert.NotEmpty(t, got[i].Summary)
				p := c.paras[got[i].Paragraph]
				assert.Equal(t, w.label, p[got[i].Span.Start:got[i].Span.End], "span locates the label")
			}
		})
	}
}

// TestMentionsStage compares the fast test with a plain search over
// strings made of the letters of the nouns, in both cases.
func TestMentionsStage(t *testing.T) {
	ref := func(s string) bool {
		l := []byte(s)
		for i, c := range l {
			if 'A' <= c && c <= 'Z' {
				l[i] = c + 'a' - 'A'
			}
		}
		return strings.Contains(string(l), "phase") || strings.Contains(string(l), "step") || strings.Contains(string(l), "stage")
	}
	letters := []string{"p", "P", "h", "a", "s", "S", "e", "E", "t", "T", "g", "G", " ", "é"}
	seed := uint32(7)
	found := 0
	for n := 0; n < 200000; n++ {
		var b strings.Builder
		for k := 0; k < 3+n%9; k++ {
			seed = seed*1664525 + 1013904223
			b.WriteString(letters[seed>>24%uint32(len(letters))])
		}
		s := b.String()
		if got, want := mentionsStage(s), ref(s); got != want {
			t.Fatalf("mentionsStage(%q) = %v, want %v", s, got, want)
		} else if got {
			found++
		}
	}
	if found < 20 {
		t.Fatalf("only %d generated strings hold a noun", found)
	}
	for _, s := range []string{"Phase", "STEP", "a stage", "steps", "stag", "phas", "xstepx", "PHASE II", ""} {
		if mentionsStage(s) != ref(s) {
			t.Errorf("mentionsStage(%q) wrong", s)
		}
	}
}
