package source

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseTextHeadlineAndParagraphs(t *testing.T) {
	in := "Ferry strike ends after nine days\n\nWorkers voted on Sunday to return. The\nvote was close.\n\n   \n\nSailings resume Tuesday.\n"
	a, err := ParseText("ferry.txt", in)
	require.NoError(t, err)
	assert.Equal(t, "Ferry strike ends after nine days", a.Title)
	assert.Equal(t, []string{"Workers voted on Sunday to return. The vote was close.", "Sailings resume Tuesday."}, a.Paragraphs)
}

// TestParseTextLongHeadlineWithFullStop checks that a headline of more
// than twelve words ending in a full stop is still the title when the
// lede restates it or it is in title case, and that a lede of that length
// stays in the body.
func TestParseTextLongHeadlineWithFullStop(t *testing.T) {
	cases := map[string]struct {
		in, title, first string
	}{
		"restated by the lede": {
			in:    "Harbour board approves three-phase plan to dredge the silted channel before next winter.\n\nThe harbour board on Monday approved a three-phase plan to dredge the silted channel, the board said.\n\nWork starts in May.",
			title: "Harbour board approves three-phase plan to dredge the silted channel before next winter.",
			first: "The harbour board on Monday approved a three-phase plan to dredge the silted channel, the board said.",
		},
		"title case": {
			in:    "Harbour Board Approves Plan To Dredge The Silted Channel Before The Storms Of Next Winter.\n\nWork on the channel starts in May and ends in October.",
			title: "Harbour Board Approves Plan To Dredge The Silted Channel Before The Storms Of Next Winter.",
			first: "Work on the channel starts in May and ends in October.",
		},
		"a lede that reports": {
			in:    "The harbour board approved a plan to dredge the silted channel on Monday, its chair said.\n\nThe channel has silted up since the storms of 2019 and the plan costs $4 million.",
			first: "The harbour board approved a plan to dredge the silted channel on Monday, its chair said.",
		},
		"a lede the next paragraph does not restate": {
			in:    "Fishing crews will have to wait until next spring for a deeper channel into the harbour.\n\nThe board chose the cheapest of three bids on Monday after a long meeting.",
			first: "Fishing crews will have to wait until next spring for a deeper channel into the harbour.",
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			a, err := ParseText("x.txt", c.in)
			require.NoError(t, err)
			if c.title != "" {
				assert.Equal(t, c.title, a.Title)
			} else {
				assert.NotEqual(t, c.first, a.Title)
			}
			assert.Equal(t, c.first, a.Paragraphs[0])
		})
	}
}

// TestParseTextSingleLineBreaks checks where a single line break ends a
// paragraph: everywhere in text whose lines are paragraphs, and only at a
// short line after a sentence or heading in text wrapped at a fixed width.
func TestParseTextSingleLineBreaks(t *testing.T) {
	long := "The harbour board met on Monday evening and, after a long debate about costs and timing, approved the plan to dredge the channel." // over the widest wrap
	cases := map[string]struct {
		in    string
		title string
		want  []string
	}{
		"one paragraph a line": {
			in:    "Harbour board backs dredging plan\n" + long + "\nWork starts in May.\n“It is overdue,” said Ana Ruiz.\n",
			title: "Harbour board backs dredging plan",
			want:  []string{long, "Work starts in May.", "“It is overdue,” said Ana Ruiz."},
		},
		"short lines that each end a sentence": {
			in:   "Headline\n\nThe first phase lasts six weeks.\nThe second phase frees prisoners.\nThe third phase rebuilds.",
			want: []string{"The first phase lasts six weeks.", "The second phase frees prisoners.", "The third phase rebuilds."},
		},
		"a heading line and a list without stops": {
			in:   "Headline\n\nWhat is new\nFaster start-up\nBetter search\n\nThe update ships today.",
			want: []string{"What is new", "Faster start-up", "Better search", "The update ships today."},
		},
		"a line starting in lower case carries on": {
			in:   "Headline\n\n" + long + "\nand the work starts in May.",
			want: []string{long + " and the work starts in May."},
		},
		"wrapped text is joined": {
			in: "Headline\n\nThe harbour board met on Monday evening and approved the plan to dredge\nthe channel. Work starts in May, the chair said, and should end by\nOctober. Ana Ruiz, who chairs the board, said the work was overdue.\nShe thanked the staff.\nThe next meeting is in June.",
			want: []string{
				"The harbour board met on Monday evening and approved the plan to dredge the channel. Work starts in May, the chair said, and should end by October. Ana Ruiz, who chairs the board, said the work was overdue.",
				"She thanked the staff.",
				"The next meeting is in June.",
			},
		},
		"a list of quotes signed with dashes": {
			in:   "Headline\n\n“The harbour is the heart of the town.” ― Nils Berg\n“We rebuild together, all of us, street by street.” — Ann Holt, mayor\n“Never again.” - Tom Bell",
			want: []string{"“The harbour is the heart of the town.” ― Nils Berg", "“We rebuild together, all of us, street by street.” — Ann Holt, mayor", "“Never again.” - Tom Bell"},
		},
		"wrapped text breaking before a name is joined": {
			in:   "Headline\n\nThe harbour board met on Monday evening and approved the plan, said\nAna Ruiz, who chairs the board and has long argued for the dredging.",
			want: []string{"The harbour board met on Monday evening and approved the plan, said Ana Ruiz, who chairs the board and has long argued for the dredging."},
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			a, err := ParseText("x.txt", c.in)
			require.NoError(t, err)
			if c.title != "" {
				assert.Equal(t, c.title, a.Title)
			}
			assert.Equal(t, c.want, a.Paragraphs)
		})
	}
}

func TestParseTextLedeFirstGetsDerivedTitle(t *testing.T) {
	lede := "Port Authority spokeswoman Maria Lund on Tuesday rejected claims that the new container terminal would double truck traffic through the old town."
	in := lede + "\n\n\nWhat You Need To Know\n\n  • First point\n\n  • Second point\n\nMore text follows here.\n\nThe Wire Service contributed to this report."
	a, err := ParseText("lede.txt", in)
	require.NoError(t, err)
	assert.NotEqual(t, lede, a.Title, "the title is never the whole paragraph")
	assert.True(t, strings.HasPrefix(lede, strings.TrimSuffix(a.Title, "…")), "title %q comes from the lede", a.Title)
	assert.LessOrEqual(t, len(strings.Fields(a.Title)), 15)
	assert.Equal(t, lede, a.Paragraphs[0], "the lede stays in the body")
	assert.Equal(t, "What You Need To Know", a.Paragraphs[1])
	assert.Equal(t, "• First point", a.Paragraphs[2])
	assert.Equal(t, "The Wire Service contributed to this report.", a.Credit)
	assert.NotContains(t, a.Paragraphs, a.Credit, "the credit leaves the body")
}

func TestParseTextBulletsOnConsecutiveLines(t *testing.T) {
	a, err := ParseText("b.txt", "Title here\n\nKey Points\n\n• One thing.\n• Another thing\n  that wraps.\n- Dash item\n1. Numbered\n\nBody.")
	require.NoError(t, err)
	assert.Equal(t, []string{"Key Points", "• One thing.", "• Another thing that wraps.", "- Dash item", "1. Numbered", "Body."}, a.Paragraphs)
	assert.Contains(t, a.Markdown, "- One thing.")
	assert.Contains(t, a.Markdown, "### Key Points")
}

func TestParseTextFrame(t *testing.T) {
	cases := map[string]struct {
		in                       string
		dateline, byline, credit string
	}{
		"wire dateline":    {in: "Headline\n\nWASHINGTON (AP) — The Senate voted.", dateline: "WASHINGTON (AP)"},
		"city and country": {in: "Headline\n\nDUBAI, United Arab Emirates — The airline said.", dateline: "DUBAI, United Arab Emirates"},
		"network only":     {in: "Headline\n\n(CNN) -- The storm passed.", dateline: "(CNN)"},
		"byline":           {in: "Headline\n\nBy Jane Q. Doe\n\nThe storm passed.", byline: "By Jane Q. Doe"},
		"reporting by":     {in: "Headline\n\nThe storm passed.\n\nReporting by Sam Lee; Editing by Kim Wu", credit: "Reporting by Sam Lee; Editing by Kim Wu"},
		"no frame":         {in: "Headline\n\nThe storm passed - slowly."},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			a, err := ParseText("x.txt", c.in)
			require.NoError(t, err)
			assert.Equal(t, c.dateline, a.Dateline)
			assert.Equal(t, c.byline, a.Byline)
			assert.Equal(t, c.credit, a.Credit)
		})
	}
}

func TestParseTextEscapesMarkdown(t *testing.T) {
	a, err := ParseText("x.txt", "Title\n\nPrices rose *sharply* in [March] <b>.\n\n1. Not a list # here")
	require.NoError(t, err)
	assert.Contains(t, a.Markdown, `rose \*sharply\* in \[March\] \<b\>.`)
}

func TestParseMarkdownFrontMatter(t *testing.T) {
	cases := map[string]string{
		"yaml": "---\ntitle: Dam plan approved\nsource: Valley Courier\nurl: https://example.org/dam\npublished: 2026-03-04T08:00:00Z\ntags: [water, council]\n---\n\nThe council approved the dam.\n",
		"toml": "+++\ntitle = \"Dam plan approved\"\nsource = \"Valley Courier\"\nurl = \"https://example.org/dam\"\npublished = 2026-03-04T08:00:00Z\ntags = [\"water\", \"council\"]\n+++\n\nThe council approved the dam.\n",
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			arts, err := Parse("dam.md", []byte(in))
			require.NoError(t, err)
			a := arts[0]
			assert.Equal(t, "Dam plan approved", a.Title)
			assert.Equal(t, "Valley Courier", a.Source)
			assert.Equal(t, "https://example.org/dam", a.URL)
			assert.Equal(t, time.Date(2026, 3, 4, 8, 0, 0, 0, time.UTC), a.Published.UTC())
			assert.Equal(t, []string{"water", "council"}, a.Tags)
			assert.Equal(t, []string{"The council approved the dam."}, a.Paragraphs)
			assert.NotContains(t, a.Markdown, "title")
		})
	}
}

func TestParseMarkdownStructure(t *testing.T) {
	in := "# Dam plan approved\n\nThe council **approved** the [dam](https://example.org).\n\n## Key points\n\n- Vote was 7-2\n- Work starts in May\n\n> “It is a good day,” said the mayor.\n\n1. First\n2. Second\n"
	a, err := ParseMarkdown("dam.md", in)
	require.NoError(t, err)
	assert.Equal(t, "Dam plan approved", a.Title)
	assert.Equal(t, []string{
		"The council approved the dam.",
		"Key points",
		"• Vote was 7-2",
		"• Work starts in May",
		"“It is a good day,” said the mayor.",
		"1. First",
		"2. Second",
	}, a.Paragraphs)
	assert.NotContains(t, a.Markdown, "# Dam plan approved", "the title heading leaves the body")
	assert.Contains(t, a.Markdown, "## Key points")
}

func TestParseMarkdownBadFrontMatter(t *testing.T) {
	_, err := Parse("bad.md", []byte("---\ntitle: [unclosed\n---\nBody"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "bad.md")
	assert.Contains(t, err.Error(), "front matter")
}

func TestParseSanitizesControlCharacters(t *testing.T) {
	arts, err := Parse("evil.txt", []byte("Title \x1b]0;pwned\x07here\n\nBody \x1b[31mred\x1b[0m and \u009b2J \u202eevil\u202c bell\x07."))
	require.NoError(t, err)
	a := arts[0]
	assert.Equal(t, "Title here", a.Title)
	assert.Equal(t, "Body red and  evil bell.", a.Paragraphs[0])
	for _, s := range append([]string{a.Title, a.Markdown}, a.Paragraphs...) {
		assert.NotContains(t, s, "\x1b")
		assert.NotContains(t, s, "\x07")
	}
}

func TestParseLatin1(t *testing.T) {
	arts, err := Parse("l1.txt", []byte("Caf\xe9 opens\n\nThe caf\xe9 costs \xa35."))
	require.NoError(t, err)
	assert.Equal(t, "Café opens", arts[0].Title)
	assert.Equal(t, "The café costs £5.", arts[0].Paragraphs[0])
}

func TestParseMarkdownFrameLeavesBody(t *testing.T) {
	in := "---\ntitle: Pier reopens\n---\n\n*By Ana Ruiz*\n\nThe pier reopened on Sunday.\n\nBy the sea, crowds gathered.\n\nThe Wire Service contributed to this report.\n"
	a, err := ParseMarkdown("pier.md", in)
	require.NoError(t, err)
	assert.Equal(t, "By Ana Ruiz", a.Byline)
	assert.Equal(t, "The Wire Service contributed to this report.", a.Credit)
	assert.NotContains(t, a.Markdown, "Ana Ruiz", "the byline is in the header, not the body")
	assert.NotContains(t, a.Markdown, "contributed", "the credit is in the header, not the body")
	assert.Contains(t, a.Markdown, "By the sea, crowds gathered.")
}

// TestMatchDatelineAsRegexp checks the pre-filtered dateline match against
// the plain regexp.
func TestMatchDatelineAsRegexp(t *testing.T) {
	for _, s := range []string{
		"WASHINGTON (AP) — The vote was close.", "DUBAI, United Arab Emirates — Oil rose.",
		"(CNN) -- A storm hit.", "Indianapolis – The race began.", "LONDON - Shares fell.",
		"The well-known - dash later.", "No dash at all here", "", "—", "- x", "3 — numbers first",
		"O'Brien’s town (Reuters) — News", "São Paulo — Chuva forte.", "bad \xff — x", "Tab\t—\tx",
		"A “quote” — after", "ABC(DEF) — x", "Rome,\nItaly — x",
	} {
		if got, want := matchDateline(s), datelineRE().FindStringSubmatch(s); !reflect.DeepEqual(got, want) {
			t.Errorf("matchDateline(%q) = %q, want %q", s, got, want)
		}
	}
}
