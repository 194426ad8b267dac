package analyze_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/analyze"
)

// FuzzAnalyze checks that analysis never panics and that everything it
// reports points inside the article: paragraph indices in range, spans on
// rune boundaries, quote texts equal to the text their span covers.
func FuzzAnalyze(f *testing.F) {
	for _, seed := range []string{
		"“That is not accurate,” Kirby told reporters. “There has been progress made.”",
		"What You Need To Know\n\n  • One\n\n  • Two",
		"The first phase would last six weeks. The second phase follows. The final phase rebuilds.",
		`He said "yes. "No," she said: 'maybe' “”“”""''`,
		"Phase II and stage 3 and the next step, then the last phase",
		"\"\"\"\"\"\n\n“““\n\n”””",
		"Phase 1a, 1b and 1c. That phase. The red phase, the “yellow” phase, green.\n\nAlert Level 4 to Level 3 restrictions. Will first act, then the second tranche.",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			text = strings.ToValidUTF8(text, "\uFFFD")
		}
		paras := strings.Split(text, "\n\n")
		b := analyze.Analyze(model.Article{Paragraphs: paras})
		checkBrief(t, paras, b)
	})
}

// checkBrief asserts the invariants every brief keeps.
func checkBrief(t *testing.T, paras []string, b model.Brief) {
	t.Helper()
	inRange := func(what string, i int) {
		if i < 0 || i >= len(paras) {
			t.Fatalf("%s paragraph %d out of range [0,%d)", what, i, len(paras))
		}
	}
	for _, k := range b.KeyPoints {
		inRange("key point", k.Paragraph)
	}
	for _, q := range b.Quotes {
		inRange("quote", q.Paragraph)
		p := paras[q.Paragraph]
		if q.Span.Start < 0 || q.Span.End > len(p) || q.Span.Start > q.Span.End {
			t.Fatalf("quote span %v outside paragraph of %d bytes", q.Span, len(p))
		}
		if !utf8.ValidString(p[q.Span.Start:q.Span.End]) {
			t.Fatalf("quote span %v splits a rune", q.Span)
		}
	}
	for i, ph := range b.Phases {
		inRange("phase", ph.Paragraph)
		if i > 0 && ph.N < b.Phases[i-1].N { // sub-phases (1a, 1b) share their N
			t.Fatalf("phases out of order: %d after %d", ph.N, b.Phases[i-1].N)
		}
		p := paras[ph.Paragraph]
		if ph.Span.Start < 0 || ph.Span.End > len(p) || ph.Span.Start > ph.Span.End {
			t.Fatalf("phase span %v outside paragraph of %d bytes", ph.Span, len(p))
		}
	}
}

// TestAnalyzeHostileInput feeds a megabyte of unbalanced quote marks and
// bullets: analysis must finish and keep its invariants.
func TestAnalyzeHostileInput(t *testing.T) {
	cases := map[string]string{
		"open curly marks":   strings.Repeat("“word ", 1<<17),
		"straight marks":     strings.Repeat(`"a, "b" said he. `, 1<<16),
		"bullets":            strings.Repeat("• point\n\n", 1<<17),
		"single marks":       strings.Repeat("‘x’ ' '' ’’ ", 1<<16),
		"one huge paragraph": strings.Repeat("Kirby said “yes and no ", 1<<15),
		"phase words":        strings.Repeat("first phase second stage next step final phase ", 1<<14),
		"plan words":         strings.Repeat("Phases 1a, 1b and 2. That phase lasts a week. The red phase, red to green. Level 3 lockdown. ", 1<<12),
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			paras := strings.Split(text, "\n\n")
			checkBrief(t, paras, analyze.Analyze(model.Article{Paragraphs: paras}))
		})
	}
}
