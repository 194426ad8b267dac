package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/brief-reader/brief/model"
)

func sample() (model.Article, model.Brief) {
	a := model.Article{Title: "Dam *vote* [today]", Origin: "dam.txt"}
	b := model.Brief{
		KeyPoints: []model.KeyPoint{{Text: "Council votes", Derived: true}},
		Quotes: []model.Quote{
			{Text: "We are ready,", Speaker: "Ana Ortiz", Role: "mayor"},
			{Text: "The work starts now.", Speaker: "Ana Ortiz", Continued: true},
			{Text: "unsafe", Speaker: ""},
			{Text: "Not yet.", Speaker: "Ana Ortiz"},
		},
		Phases: []model.Phase{{N: 1, Label: "first phase", Summary: "Drain the lake.", Duration: "six weeks"}},
	}
	return a, b
}

func TestGroupQuotes(t *testing.T) {
	_, b := sample()
	g := GroupQuotes(b.Quotes)
	require.Len(t, g, 3, "consecutive quotes of one speaker form one group; an unattributed quote breaks the run")
	assert.Len(t, g[0].Quotes, 2)
	assert.Equal(t, "mayor", g[0].Role)
	assert.Equal(t, "", g[1].Speaker)
	assert.Equal(t, "Ana Ortiz", g[2].Speaker)
}

func TestJSONRecordNullsAndEmptyArrays(t *testing.T) {
	a, b := sample()
	var buf bytes.Buffer
	require.NoError(t, WriteJSON(&buf, a, b))
	var rec map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &rec))
	quotes := rec["quotes"].([]any)
	assert.Nil(t, quotes[2].(map[string]any)["speaker"], "an unattributed quote has a null speaker")
	assert.Nil(t, rec["key_points_heading"])
	assert.Nil(t, rec["published"])
	assert.Equal(t, []any{}, rec["people"], "empty lists are [] not null")

	buf.Reset()
	require.NoError(t, WriteJSON(&buf, model.Article{Title: "x"}, model.Brief{}))
	assert.Contains(t, buf.String(), `"quotes":[]`)
}

func TestMarkdownEscapesArticleText(t *testing.T) {
	a, b := sample()
	var buf bytes.Buffer
	require.NoError(t, WriteMarkdown(&buf, a, b))
	md := buf.String()
	assert.Contains(t, md, `## Dam \*vote\* \[today\]`)
	assert.Contains(t, md, "**Ana Ortiz**, mayor")
	assert.Contains(t, md, "**Unattributed**")
	assert.Contains(t, md, "1. **first phase** (six weeks): Drain the lake.")
	assert.Contains(t, md, "Key points (derived)")
	assert.Equal(t, 2, strings.Count(md, "**Ana Ortiz**"), "two runs of Ana Ortiz's quotes")
}

func TestTextHasNoMarkup(t *testing.T) {
	a, b := sample()
	var buf bytes.Buffer
	require.NoError(t, WriteText(&buf, a, b))
	out := buf.String()
	assert.Contains(t, out, "Ana Ortiz (mayor)")
	assert.Contains(t, out, "1. first phase [six weeks]: Drain the lake.")
	assert.NotContains(t, out, "**")
}

// TestMarkdownQuotesReadAsSentences: exported quotes lose the comma that
// led back into the article's sentence (a full quote ends with a full
// stop, a fragment with nothing), and a speaker's quotes end without a
// stray ">" line.
func TestMarkdownQuotesReadAsSentences(t *testing.T) {
	a := model.Article{Title: "Sea wall", Source: "Gazette"}
	b := model.Brief{Quotes: []model.Quote{
		{Text: "We will rebuild the wall on the peninsula,", Speaker: "Ada Brenner"},
		{Text: "as soon as we can;", Speaker: "Ada Brenner", Partial: true},
		{Text: "Is it safe?", Speaker: "Ada Brenner"},
	}}
	var out strings.Builder
	if err := WriteMarkdown(&out, a, b); err != nil {
		t.Fatal(err)
	}
	md := out.String()
	for _, want := range []string{"> “We will rebuild the wall on the peninsula.”\n>\n", "> “as soon as we can” _(partial)_\n>\n", "> “Is it safe?”\n\n"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, ",”") || strings.Contains(md, ";”") || strings.Contains(md, "”\n>\n\n") {
		t.Errorf("a trailing comma or a stray > line:\n%s", md)
	}
	var q strings.Builder
	if err := WriteQuotesMarkdown(&q, []QuoteItem{{Quote: b.Quotes[0], Article: a}}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(q.String(), "“We will rebuild the wall on the peninsula.”") {
		t.Errorf("quote export:\n%s", q.String())
	}
}
