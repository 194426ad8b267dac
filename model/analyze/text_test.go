package analyze

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSplitSentences(t *testing.T) {
	cases := map[string]struct {
		in   string
		want []string
	}{
		"plain":          {"One fish. Two fish! Red fish?", []string{"One fish.", "Two fish!", "Red fish?"}},
		"initials":       {"Mary K. Lund spoke. She left.", []string{"Mary K. Lund spoke.", "She left."}},
		"titles":         {"Dr. Ames and Lt. Col. Reyes met Gov. Park. They agreed.", []string{"Dr. Ames and Lt. Col. Reyes met Gov. Park.", "They agreed."}},
		"dotted abbrev":  {"Talks in the U.S. Senate stalled. The vote failed.", []string{"Talks in the U.S. Senate stalled.", "The vote failed."}},
		"abbrev at end":  {"He moved to the U.S. The move was hard.", []string{"He moved to the U.S.", "The move was hard."}},
		"quote closes":   {"“It works.” She smiled. “Really?” he asked.", []string{"“It works.”", "She smiled.", "“Really?” he asked."}},
		"lower after":    {"The 3.5 percent rise, e.g. in rents, held.", []string{"The 3.5 percent rise, e.g. in rents, held."}},
		"ellipsis":       {"We will ask... the court to act. Then we wait.", []string{"We will ask... the court to act.", "Then we wait."}},
		"repeated marks": {"Happy holidays!!!! See you.", []string{"Happy holidays!!!!", "See you."}},
		"no terminal":    {"a heading without a stop", []string{"a heading without a stop"}},
		"empty":          {"   ", nil},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var got []string
			for _, sp := range splitSentences(c.in) {
				got = append(got, c.in[sp.Start:sp.End])
			}
			assert.Equal(t, c.want, got)
		})
	}
}
