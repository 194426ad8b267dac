package analyze

import (
	"strings"
	"testing"

	"github.com/brief-reader/brief/model"
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
			kps, heading := keyPoints(newDocument(paras), "")
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
	kps, heading := keyPoints(newDocument(paras), "")
	assert.Equal(t, "Highlights", heading)
	require.Len(t, kps, 1)
	assert.Equal(t, "The council will vote again in March.", kps[0].Text)
}

func TestKeyPointHeadingWithoutPointsIsIgnored(t *testing.T) {
	paras := []string{"Summary", strings.Repeat("A very long paragraph that goes on. ", 20)}
	kps, heading := keyPoints(newDocument(paras), "")
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
	kps, heading := keyPoints(newDocument(paras), "")
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
	kps, _ := keyPoints(newDocument(nil), "")
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
	kps, _ := keyPoints(newDocument(paras), "")
	require.NotEmpty(t, kps)
	for _, k := range kps {
		assert.True(t, balancedQuotes(k.Text), "key point cut from a quotation: %q", k.Text)
	}
}

// TestDerivedKeyPointsNever checks the sentences that are never derived
// key points, however many of the article's recurring words they carry:
// each case adds such a sentence to a plain article whose other
// sentences share few words, so that without its rule the sentence would
// be chosen.
func TestDerivedKeyPointsNever(t *testing.T) {
	base := []string{
		"The Riverton council approved its budget on Tuesday evening.",
		"Lead pipes still run under most older homes in the north.",
		"Copper pipes would replace those lead pipes within ten years.",
		"Residents have complained about lead pipes since 2015.",
		"The budget also funds two new parks and a library.",
	}
	bad := "Contractors will replace the lead pipes with copper pipes in older homes across the north."
	cases := map[string]struct {
		title string
		at    int    // index the paragraph goes to
		para  string // paragraph holding the bad sentence
		never string // no key point may start with it
	}{
		"a sentence inside a quotation": {
			at:    2,
			para:  "Councillor Ana Ortiz said: “We have waited long enough. " + bad + " Nobody should drink from them.”",
			never: bad,
		},
		"a quotation run over collapsed paragraphs": {
			at:    2,
			para:  `"We have waited long enough," Ortiz said. "This is only a start. ` + bad + ` We will not stop there. "The state has to help too," she added.`,
			never: bad,
		},
		"a promo line":     {at: 3, para: "RELATED: " + bad, never: "RELATED:"},
		"a read more line": {at: 3, para: "READ MORE " + bad, never: "READ MORE"},
		"an imperative promo": {
			at:    3,
			para:  "Watch contractors replace the lead pipes with copper pipes in older homes across the north.",
			never: "Watch",
		},
		"a media caption": {at: 1, para: "Media caption " + bad, never: "Media caption"},
		"an image credit": {at: 1, para: "Image copyright Reuters Image caption Contractors replaced lead pipes with copper pipes in older homes across the north.", never: "Image copyright"},
		"a photo caption": {at: 1, para: "Photo: " + bad, never: "Photo:"},
		"a sentence cut at a dash": {
			at:    0,
			para:  "The lead pipes plan was approved on Tuesday — after contractors said copper pipes could replace the lead pipes in older homes across the north.",
			never: "after contractors",
		},
		"a sentence starting in lower case": {at: 1, para: "contractors will replace the lead pipes with copper pipes in older homes across the north.", never: "contractors"},
		"a sentence that leans on the one before": {
			at:    1,
			para:  "In that phase, contractors will replace the lead pipes with copper pipes in older homes across the north.",
			never: "In that phase",
		},
		"a time that leans on the one before": {
			at:    1,
			para:  "By this time, contractors will replace the lead pipes with copper pipes in older homes across the north.",
			never: "By this time",
		},
		"a pronoun subject": {
			at:    3,
			para:  "They will replace the lead pipes with copper pipes in older homes across the north.",
			never: "They will",
		},
		"a connective": {at: 3, para: "However, " + bad, never: "However,"},
		"the title repeated": {
			title: strings.TrimSuffix(bad, "."),
			at:    1,
			para:  bad,
			never: bad,
		},
		"the title with a full stop repeated": {
			title: bad,
			at:    0,
			para:  bad,
			never: bad,
		},
		"a table row": {
			at:    3,
			para:  "Lead Pipes Copper Pipes Older Homes North 2030 Lead Pipes Copper Pipes",
			never: "Lead Pipes Copper",
		},
	}
	// Each case's sentence is chosen when nothing rules it out.
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			paras := append([]string(nil), base[:c.at]...)
			paras = append(paras, c.para)
			paras = append(paras, base[c.at:]...)
			kps, _ := keyPoints(newDocument(paras), c.title)
			require.NotEmpty(t, kps)
			for _, k := range kps {
				assert.False(t, strings.HasPrefix(k.Text, c.never), "key point %q", k.Text)
			}
		})
	}
	t.Run("the plain sentence is chosen", func(t *testing.T) {
		paras := append(append(append([]string(nil), base[:3]...), bad), base[3:]...)
		kps, _ := keyPoints(newDocument(paras), "")
		assert.Contains(t, keyPointTexts(kps), bad)
	})
}

// keyPointTexts returns the texts of key points.
func keyPointTexts(kps []model.KeyPoint) []string {
	out := make([]string, len(kps))
	for i, k := range kps {
		out[i] = k.Text
	}
	return out
}

// TestDerivedKeyPointsLede checks that the lede leads even when it opens
// with a word that would make a later sentence lean on the one before.
func TestDerivedKeyPointsLede(t *testing.T) {
	for _, lede := range []string{
		"Another three water board members resigned on Tuesday over the lead pipes plan.",
		"Former water board chair Ana Ortiz has denied that she knew of the lead pipes.",
	} {
		kps, _ := keyPoints(newDocument([]string{lede, "The plan covers 12,000 homes in the older districts.", "Work on the lead pipes will begin in the spring."}), "")
		require.NotEmpty(t, kps)
		assert.Equal(t, lede, kps[0].Text)
	}
	// A lede opening with a quoted name is still the lede.
	named := "“Riverton Nights” host Ana Ortiz asked the water board about the lead pipes plan on Tuesday."
	kps, _ := keyPoints(newDocument([]string{named, "The plan covers 12,000 homes in the older districts.", "Work on the lead pipes will begin in the spring."}), "")
	require.NotEmpty(t, kps)
	assert.Equal(t, named, kps[0].Text)
	// After a promo line the first sentence is no lede.
	kps, _ = keyPoints(newDocument([]string{
		"Listen to the full interview with the water board chair on Radio Riverton from 7pm.",
		"But the water board chair also admits the lead pipes plan could cost more.",
		"The plan covers 12,000 homes in the older districts.",
		"Work on the lead pipes will begin in the spring.",
	}), "")
	for _, k := range kps {
		assert.False(t, strings.HasPrefix(k.Text, "But "), "key point %q", k.Text)
		assert.False(t, strings.HasPrefix(k.Text, "Listen "), "key point %q", k.Text)
	}
}

// TestDerivedKeyPointsLedeUnderDerivedTitle checks that a title derived
// from the lede's first sentence leaves the lede a key point.
func TestDerivedKeyPointsLedeUnderDerivedTitle(t *testing.T) {
	lede := "The water board approved the lead pipes plan."
	kps, _ := keyPoints(newDocument([]string{
		lede + " The vote was 5-2 after a long debate about the lead pipes.",
		"The plan covers 12,000 homes in the older districts.",
		"Work on the lead pipes will begin in the spring.",
	}), strings.TrimSuffix(lede, "."))
	require.NotEmpty(t, kps)
	assert.Equal(t, lede, kps[0].Text)
}

// TestDerivedKeyPointsKeepDatelinesOut checks that an opening dateline is
// removed from the lede while a clause before a dash is kept.
func TestDerivedKeyPointsKeepDatelinesOut(t *testing.T) {
	cases := map[string]struct{ lede, want string }{
		"wire dateline":                       {"RIVERTON (Wire) — The water board approved a plan on Tuesday to replace lead pipes.", "The water board approved a plan on Tuesday to replace lead pipes."},
		"network":                             {"(CNN) -- The water board approved a plan on Tuesday to replace lead pipes.", "The water board approved a plan on Tuesday to replace lead pipes."},
		"network glued to the lede":           {"(Wire)The water board approved a plan on Tuesday to replace lead pipes.", "The water board approved a plan on Tuesday to replace lead pipes."},
		"place and network glued to the lede": {"Port Ellis, Wessex (Wire)The water board approved a plan on Tuesday to replace lead pipes.", "The water board approved a plan on Tuesday to replace lead pipes."},
		"a bracket inside the lede":           {"The water board (the city's oldest) approved a plan on Tuesday to replace lead pipes.", "The water board (the city's oldest) approved a plan on Tuesday to replace lead pipes."},
		"city and region":                     {"RIVERTON, Wessex — The water board approved a plan on Tuesday to replace lead pipes.", "The water board approved a plan on Tuesday to replace lead pipes."},
		"a clause before a dash": {
			"The water board approved a plan on Tuesday — after years of delay — to replace lead pipes.",
			"The water board approved a plan on Tuesday — after years of delay — to replace lead pipes.",
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			kps, _ := keyPoints(newDocument([]string{c.lede, "The plan covers 12,000 homes in the older districts.", "Work on the lead pipes will begin in the spring."}), "")
			require.NotEmpty(t, kps)
			assert.Equal(t, c.want, kps[0].Text)
		})
	}
}

// TestQuoteOpenAt checks which sentences of a paragraph start inside a
// quotation opened by an earlier one.
func TestQuoteOpenAt(t *testing.T) {
	cases := map[string]struct {
		para string
		want []bool
	}{
		"curly marks":                   {"She said: “We start. We finish.” Then she left.", []bool{false, true, false}},
		"straight marks":                {`He said: "We start. We finish." Then he left.`, []bool{false, true, false}},
		"a collapsed quote":             {`"We start," he said. "We go on. We finish. "It is done," he added. Then he left.`, []bool{false, false, true, true, false}},
		"apostrophes":                   {"It's late. Ortiz's plan works. Done.", []bool{false, false, false}},
		"a mark glued to a word closes": {`The "plan" is set. It starts today.`, []bool{false, false}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			doc := newDocument([]string{c.para})
			assert.Equal(t, c.want, quoteOpenAt(doc.paras[0], nil))
		})
	}
}
