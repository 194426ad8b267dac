package tui

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/analyze"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/testkit"
	"github.com/brief-reader/brief/render"
)

// largestCorpusArticle loads the largest file of the corpus's text/.
func largestCorpusArticle(b *testing.B) model.Article {
	dir := testkit.Corpus(b)
	paths, _ := filepath.Glob(filepath.Join(dir, "text", "*.txt"))
	if len(paths) == 0 {
		b.Skip("corpus has no text/*.txt")
	}
	size := func(p string) int64 {
		fi, err := os.Stat(p)
		if err != nil {
			return 0
		}
		return fi.Size()
	}
	sort.Slice(paths, func(i, j int) bool { return size(paths[i]) > size(paths[j]) })
	data, err := os.ReadFile(paths[0])
	if err != nil {
		b.Fatal(err)
	}
	arts, err := source.Parse(paths[0], data)
	if err != nil || len(arts) == 0 {
		b.Fatalf("parse %s: %v", paths[0], err)
	}
	b.SetBytes(int64(len(data)))
	return arts[0]
}

// openReader opens a in a reader at w×h and runs its body rendering to
// the end, synchronously.
func openReader(tb testing.TB, a *model.Article, br *model.Brief, w, h int) *readerModel {
	r := soloReader(a, br)
	r.SetSize(w, h)
	cmd := r.Open(a, -1)
	for cmd != nil {
		msg := cmd()
		bm, ok := msg.(bodyMsg)
		if !ok {
			tb.Fatalf("unexpected message %T", msg)
		}
		cmd = r.Update(bm)
	}
	return r
}

// soloReader is a reader of article a alone, with brief br.
func soloReader(a *model.Article, br *model.Brief) *readerModel {
	keys := DefaultKeyMap()
	st := render.NewStyles(render.ThemeFor(true), false)
	coll := newCollection()
	coll.articles = []*model.Article{a}
	coll.SetBriefs(map[string]*model.Brief{a.ID: br})
	states := &articleStates{m: map[string]store.ArticleState{}}
	return newReader(context.Background(), 1, st, &keys, coll, soloSequence{}, states, newReview(context.Background(), nil, nil, coll))
}

// soloSequence is the order of a reader with one article.
type soloSequence struct{}

func (soloSequence) Neighbour(*model.Article, int) *model.Article { return nil }
func (soloSequence) Position(*model.Article) (int, int)           { return 1, 1 }
func (soloSequence) Shown() []*model.Article                      { return nil }

// BenchmarkReaderView measures one frame of the reader at 200x60 with
// the largest corpus article, after the first.
func BenchmarkReaderView(b *testing.B) {
	a := largestCorpusArticle(b)
	br := analyze.Analyze(a)
	r := openReader(b, &a, &br, 200, 60)
	r.focus = render.Quotes
	r.body.Search("the")
	_ = r.View("footer", "·")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = r.View("footer", "·")
	}
}

// bigArticle builds an article of about n bytes from the render
// fixture's kind of prose, written for this project.
func bigArticle(n int) model.Article {
	paras := []string{
		"The harbour board met again on Tuesday to weigh the cost of the new breakwater, which engineers say must be finished before the autumn storms.",
		"\"We have the stone, we have the barges, and we have the crews,\" board chair Lena Voss said. \"What we do not have is another year.\"",
		"The first phase would last six weeks and close the northern quay to private boats while the foundations are laid.",
		"Residents on the sea front have complained about the noise of the pile drivers, which start at seven each morning.",
	}
	var md strings.Builder
	var ps []string
	for i := 0; md.Len() < n; i++ {
		p := paras[i%len(paras)]
		ps = append(ps, p)
		md.WriteString(p)
		md.WriteString("\n\n")
	}
	return model.Article{ID: "big", Title: "Breakwater", Paragraphs: ps, Markdown: md.String(), Format: model.FormatMarkdown}
}

// BenchmarkFirstScreen1MB measures how long a 1 MB article takes to
// show its first screen: the first render command (split + a
// screenful of blocks), which is what the reader waits for.
func BenchmarkFirstScreen1MB(b *testing.B) {
	a := bigArticle(1 << 20)
	b.SetBytes(int64(len(a.Markdown)))
	for i := 0; i < b.N; i++ {
		r := soloReader(&a, &model.Brief{})
		r.SetSize(200, 60)
		cmd := r.Open(&a, -1)
		msg := cmd()
		r.Update(msg)
		_ = r.View("footer", "·")
		if r.body.body == nil || len(r.body.body.Lines) < 50 {
			b.Fatal("first screen not rendered")
		}
	}
}

// BenchmarkFirstFrame measures from New to the first drawn frame (the
// library, loading), the part of start-up the user waits for before
// anything shows.
func BenchmarkFirstFrame(b *testing.B) {
	for i := 0; i < b.N; i++ {
		m := New(Options{Theme: "dark", Load: func(context.Context) ([]model.Article, []error) { return nil, nil }})
		_ = m.Init()
		mm, _ := m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
		_ = mm.View()
	}
}

// BenchmarkReaderView1MB measures one frame of the reader at 200x60 with
// a 1 MB article fully rendered and a search marking every "the": the
// frame costs the same whatever the article's size.
func BenchmarkReaderView1MB(b *testing.B) {
	a := bigArticle(1 << 20)
	br := &model.Brief{Quotes: []model.Quote{{Text: "We have the stone", Speaker: "Lena Voss", Role: "board chair", Paragraph: 1}}}
	r := openReader(b, &a, br, 200, 60)
	r.body.Search("the")
	r.body.Scroll(5000)
	_ = r.View("footer", "·")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = r.View("footer", "·")
	}
}
