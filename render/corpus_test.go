package render

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/analyze"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/testkit"
)

// TestCorpusFollow follows every key point and quote of the corpus's
// articles (text, HTML pages, feeds) to the rendered body: nearly all
// must be found word for word, and none may be lost.
func TestCorpusFollow(t *testing.T) {
	dir := testkit.Corpus(t)
	var paths []string
	for _, g := range []string{"text/*.txt", "html/*.html", "feeds/*"} {
		p, _ := filepath.Glob(filepath.Join(dir, g))
		paths = append(paths, p...)
	}
	total, words, lost := 0, 0, 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		arts, err := source.Parse(p, data)
		if err != nil {
			continue
		}
		for _, a := range arts {
			b := analyze.Analyze(a)
			body := renderAll(t, SplitBody(a), 100)
			follow := func(para int, text string) {
				total++
				if _, ok := body.Find(para, text); ok {
					words++
				} else if _, ok := body.Locate(para); !ok {
					lost++
					t.Errorf("%s: paragraph %d (%q) not in the body", filepath.Base(p), para, text)
				}
			}
			for _, k := range b.KeyPoints {
				follow(k.Paragraph, k.Text)
			}
			for _, q := range b.Quotes {
				follow(q.Paragraph, q.Text)
			}
		}
	}
	t.Logf("%d items: %d found word for word, %d by paragraph only, %d lost", total, words, total-words-lost, lost)
	if total == 0 || words*100 < total*97 {
		t.Errorf("only %d of %d items found word for word", words, total)
	}
}

func TestFindAcrossLinkAddress(t *testing.T) {
	paras := []string{"The council approved the plan to rebuild the harbour wall before the winter storms arrive."}
	a := model.Article{ID: "l", Paragraphs: paras,
		Markdown: "The council approved the [plan to rebuild](https://example.com/plan) the harbour wall before the winter storms arrive.\n"}
	body := renderAll(t, SplitBody(a), 60)
	m, ok := body.Find(0, "approved the plan to rebuild the harbour wall before the winter")
	if !ok {
		t.Fatal("text interrupted by a link address not found")
	}
	if first := cut(stripANSI(body.Lines[m[0].Line]), m[0].Start, m[0].End); first[:8] != "approved" {
		t.Errorf("match starts at %q", first)
	}
}

// BenchmarkCorpusBody renders every corpus article whole at 100 columns
// and reports the longest time one article took (max-ms/article), the
// figure to hold against RenderBudget.
func BenchmarkCorpusBody(b *testing.B) {
	dir := testkit.Corpus(b)
	var arts []model.Article
	for _, g := range []string{"text/*.txt", "html/*.html", "feeds/*"} {
		paths, _ := filepath.Glob(filepath.Join(dir, g))
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			if got, err := source.Parse(p, data); err == nil {
				arts = append(arts, got...)
			}
		}
	}
	var worst time.Duration
	for b.Loop() {
		for _, a := range arts {
			start := time.Now()
			renderAll(b, SplitBody(a), 100)
			worst = max(worst, time.Since(start))
		}
	}
	b.ReportMetric(float64(len(arts)), "articles")
	b.ReportMetric(float64(worst.Microseconds())/1000, "max-ms/article")
}
