package analyze

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/brief-reader/brief/model/testkit"
)

// quoteCheck verifies the invariants of quotesAndPeople on any input:
// every quote's span lies in its paragraph and holds exactly its text.
func quoteCheck(t *testing.T, paras []string) {
	t.Helper()
	quotes, people := quotesAndPeople(newDocument(paras), "")
	for _, q := range quotes {
		if q.Paragraph < 0 || q.Paragraph >= len(paras) {
			t.Fatalf("quote %q: paragraph %d out of range", q.Text, q.Paragraph)
		}
		p := paras[q.Paragraph]
		if q.Span.Start < 0 || q.Span.End > len(p) || q.Span.Start > q.Span.End {
			t.Fatalf("quote %q: span %v out of paragraph of %d bytes", q.Text, q.Span, len(p))
		}
		if p[q.Span.Start:q.Span.End] != q.Text {
			t.Fatalf("quote %q: span %v holds %q", q.Text, q.Span, p[q.Span.Start:q.Span.End])
		}
		if q.Text == "" {
			t.Fatalf("empty quote at %v", q.Span)
		}
	}
	for _, pe := range people {
		if pe.Name == "" {
			t.Fatalf("person with no name: %+v", pe)
		}
	}
}

// FuzzQuotes feeds arbitrary text, split into paragraphs at blank lines,
// to the quote analysis: it must not panic and its spans must be exact.
func FuzzQuotes(f *testing.F) {
	for _, s := range []string{
		`"That is not accurate," Kirby told reporters. "There has been progress made."`,
		"“It was fine,’’ said Ann Lee, the mayor.\n\n“And then some.",
		`He said "yes. "No," she said, "maybe.`,
		"I heard President Lane ask, quote, ‘So is it done?’ “Yes,” he said.",
		`"""''"“”‘’’’`,
		"A \"phase one\" deal, the \"skinny\" one, said the group's spokesman.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
		quoteCheck(t, strings.Split(s, "\n\n"))
	})
}

// quoteRandomMarks returns n bytes of words and unbalanced quote marks.
func quoteRandomMarks(n int, seed int64) string {
	pieces := []string{`"`, "“", "”", "’’", "‘", "’", "'", " ", " said Ann Lee", ". ", ", he said", "word", "\n\n", "Mr Lee", ":"}
	r := rand.New(rand.NewSource(seed))
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(pieces[r.Intn(len(pieces))])
	}
	return b.String()
}

// TestQuotesHostileInput runs a megabyte of unbalanced quote marks and
// one megabyte-long paragraph through the analysis; it must finish (the
// benchmark below measures how fast).
func TestQuotesHostileInput(t *testing.T) {
	quoteCheck(t, strings.Split(quoteRandomMarks(1<<20, 1), "\n\n"))
	quoteCheck(t, []string{strings.Repeat(`"`, 1<<20)})
	quoteCheck(t, []string{strings.Repeat(`“a `, 1<<18)})
	quoteCheck(t, []string{strings.Repeat(`"x" said Bo Li "y" said he `, 1<<15)})
}

// BenchmarkQuotesHostile measures the quote analysis on a megabyte of
// unbalanced quote marks.
func BenchmarkQuotesHostile(b *testing.B) {
	paras := strings.Split(quoteRandomMarks(1<<20, 1), "\n\n")
	b.SetBytes(1 << 20)
	for b.Loop() {
		quotesAndPeople(newDocument(paras), "")
	}
}

// BenchmarkQuotes measures quotes and people over the corpus articles
// (document preparation included).
func BenchmarkQuotes(b *testing.B) {
	dir := testkit.Corpus(b)
	files, _ := filepath.Glob(filepath.Join(dir, "text", "*.txt"))
	var docs [][]string
	var n int64
	for _, f := range files {
		p := quoteScoreLoad(f, true)
		docs = append(docs, p)
		for _, s := range p {
			n += int64(len(s)) + 2
		}
	}
	if _, err := os.Stat(dir); err != nil || len(docs) == 0 {
		b.Skip("no corpus")
	}
	b.SetBytes(n)
	for b.Loop() {
		for _, p := range docs {
			quotesAndPeople(newDocument(p), "")
		}
	}
}
