package analyze

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKeyPointSections(t *testing.T) {
	body := []string{
		"The harbour authority opened its new ferry terminal on Monday after four years of delays.",
		"", // heading goes here
		"", "", "",
		"Officials said the first sailings were full.",
	}
	bullets := []string{"Terminal opened Monday", "Four years late", "First sailings were full."}
	cases := map[string]struct {
		heading string
		markers []string
	}{
		"what you need to know":  {"What You Need To Know", []string{"  • ", "• ", "• "}},
		"key points colon":       {"Key points:", []string{"- ", "- ", "- "}},
		"markdown heading":       {"## Highlights", []string{"* ", "* ", "* "}},
		"bold takeaways":         {"**Takeaways**", []string{"– ", "– ", "– "}},
		"upper story highlights": {"STORY HIGHLIGHTS", []string{"- ", "- ", "- "}},
		"at a glance numbered":   {"At a glance", []string{"1. ", "2. ", "3) "}},
		"big picture":            {"The Big Picture", []string{"• ", "• ", "• "}},
		"tl;dr":                  {"TL;DR", []string{"- ", "- ", "- "}},
		"summary lower":          {"summary", []string{"• ", "• ", "• "}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			paras := append([]string(nil), body...)
			paras[1] = c.heading
			for i, b := range bullets {
				paras[2+i] = c.markers[i] + b
			}
			kps, heading := keyPoints(newDocument(paras))
			require.Len(t, kps, 3)
			assert.NotEmpty(t, heading)
			assert.NotContains(t, heading, "#")
			for i, k := range kps {
				assert.Equal(t, bullets[i], k.Text)
				assert.False(t, k.Derived)
				assert.Equal(t, 2+i, k.Paragraph)
			}
		})
	}
}

func TestKeyPointPullSentence(t *testing.T) {
	paras := []string{
		"Highlights",
		"The council will vote again in March.",
		"Residents packed the hall on Tuesday to oppose the new parking rules.",
		"The council will vote again in March.",
	}
	kps, heading := keyPoints(newDocument(paras))
	assert.Equal(t, "Highlights", heading)
	require.Len(t, kps, 1)
	assert.Equal(t, "The council will vote again in March.", kps[0].Text)
}

func TestKeyPointHeadingWithoutPointsIsIgnored(t *testing.T) {
	paras := []string{"Summary", strings.Repeat("A very long paragraph that goes on. ", 20)}
	kps, heading := keyPoints(newDocument(paras))
	assert.Empty(t, heading)
	for _, k := range kps {
		assert.True(t, k.Derived)
	}
}

func TestDerivedKeyPoints(t *testing.T) {
	paras := []string{
		"RIVERTON (Wire) — The Riverton water board approved a $40 million plan on Tuesday to replace the city's lead pipes by 2030.",
		"The plan covers 12,000 homes in the older districts north of the river.",
		"“We have waited long enough,” said board chair Ana Ortiz.",
		"Work on the first districts will begin in the spring, the board said.",
		"He said it was fine.",
		"The water board will pay for the lead pipes with a state loan and a rate increase of 3% a year.",
		"Some residents asked whether the rate increase would last beyond 2030.",
	}
	kps, heading := keyPoints(newDocument(paras))
	assert.Empty(t, heading)
	require.GreaterOrEqual(t, len(kps), 3)
	require.LessOrEqual(t, len(kps), 5)
	assert.True(t, strings.HasPrefix(kps[0].Text, "The Riverton water board approved"), "the lede leads, without its dateline: %q", kps[0].Text)
	for i, k := range kps {
		assert.True(t, k.Derived)
		assert.NotEqual(t, "He said it was fine.", k.Text)
		assert.NotContains(t, k.Text, "“", "quotes are not key points")
		if i > 0 {
			assert.Greater(t, k.Paragraph, kps[i-1].Paragraph-1, "document order")
		}
	}
}

func TestDerivedKeyPointsEmptyArticle(t *testing.T) {
	kps, _ := keyPoints(newDocument(nil))
	assert.Empty(t, kps)
}

// TestNormHeading checks the allocation-free heading normalisation
// against the strings functions it stands for, ASCII or not.
func TestNormHeading(t *testing.T) {
	for _, in := range []string{
		"", " ", "Key Points", "  KEY\tpoints \n", "What you\vneed\fto\rknow",
		"Ünïcode  Heading", "non\u00a0breaking space", "x", "A  B  C ",
	} {
		want := strings.ToLower(strings.Join(strings.Fields(in), " "))
		assert.Equal(t, want, string(normHeading(nil, in)), "%q", in)
		assert.Equal(t, "pre"+want, string(normHeading([]byte("pre"), in)), "%q", in)
	}
}

// TestDerivedKeyPointsNotCutFromQuotes checks that a sentence that starts
// or ends inside a longer quotation (the sentence splitter cut the
// quotation) is not a key point, however informative its words.
func TestDerivedKeyPointsNotCutFromQuotes(t *testing.T) {
	paras := []string{
		"The Riverton water board approved a plan on Tuesday to replace the city's lead pipes by 2030.",
		"Board chair Ana Ortiz said: \"The water board plan will replace the lead pipes in every district. It is the biggest water board plan in the history of Riverton.\"",
		"Residents of the older districts asked about the cost of the plan.",
		"The water board will pay for the plan with a state loan.",
	}
	kps, _ := keyPoints(newDocument(paras))
	require.NotEmpty(t, kps)
	for _, k := range kps {
		assert.True(t, balancedQuotes(k.Text), "key point cut from a quotation: %q", k.Text)
	}
}
