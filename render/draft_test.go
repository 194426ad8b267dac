package render

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestDraftBodyWrapsPlainParagraphs(t *testing.T) {
	paras := []string{"What You Need To Know", "• A point that is long enough to wrap at twenty columns", "Bad \x1b[31mred\x1b[0m text"}
	b := DraftBody(paras, 20)
	for _, l := range b.Lines {
		if w := ansi.StringWidth(l); w > 20 {
			t.Errorf("line %q is %d wide, over 20", l, w)
		}
		if strings.ContainsRune(l, '\x1b') {
			t.Errorf("line %q holds an escape", l)
		}
	}
	got := strings.Join(b.Lines, "\n")
	if !strings.Contains(got, "What You Need To\nKnow\n\n• A point that is\nlong enough to wrap") || !strings.Contains(got, "Bad red text") {
		t.Errorf("draft:\n%s", got)
	}
}
