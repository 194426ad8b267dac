package analyze_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/analyze"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/testkit"
)

// corpusArticles loads every article of the corpus text folder.
func corpusArticles(b *testing.B) ([]model.Article, int64) {
	dir := filepath.Join(testkit.Corpus(b), "text")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no corpus articles in %s", dir)
	}
	var arts []model.Article
	var size int64
	for _, f := range files {
		got, err := source.LoadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		info, _ := os.Stat(f)
		size += info.Size()
		arts = append(arts, got...)
	}
	return arts, size
}

// BenchmarkAnalyze measures analysis throughput over the corpus articles
// on one core: MB/s is the figure to watch (target: 20 MB/s or more).
// cpu-MB/s is the same figure from the process's CPU time (garbage
// collection on other threads included), which a loaded machine does not
// deflate.
func BenchmarkAnalyze(b *testing.B) {
	arts, size := corpusArticles(b)
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := testkit.CPUTime()
	for b.Loop() {
		for _, a := range arts {
			analyze.Analyze(a)
		}
	}
	if used := testkit.CPUTime() - cpu; used > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/used.Seconds()/1e6, "cpu-MB/s")
	}
}

// TestAnalyzeConcurrent runs analysis of the same articles from several
// goroutines; with -race it proves Analyze shares no mutable state, and
// every goroutine must get the same result.
func TestAnalyzeConcurrent(t *testing.T) {
	paras := []string{
		"What You Need To Know", "• Talks resumed", "• Aid is flowing",
		"“We are close,” said mediator Ana Ortiz. “Very close.”",
		"The first phase lasts six weeks. The second phase frees prisoners.",
	}
	a := model.Article{Paragraphs: paras}
	want := analyze.Analyze(a)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				got := analyze.Analyze(a)
				if len(got.Quotes) != len(want.Quotes) || len(got.Phases) != len(want.Phases) || len(got.KeyPoints) != len(want.KeyPoints) {
					errs <- "results differ between goroutines"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

// TestAnalyzeConcurrentDifferentArticles analyses different articles at
// once (so pooled buffers pass between them) and checks every brief is the
// one a lone analysis gives.
func TestAnalyzeConcurrentDifferentArticles(t *testing.T) {
	paras := [][]string{
		{"“We are close,” said mediator Ana Ortiz. “Very close.”", "The first phase lasts six weeks. The second phase frees prisoners."},
		{"Harbour master Henrik Aas said the lane was “the single worst hazard we have.”", "Crews will dredge at night."},
		{"Key points", "• Fares rise in May", "• Night buses stay", "“It is fair,” the council said in a statement."},
		{"Nobody was quoted in this short item about rain."},
	}
	want := make([]model.Brief, len(paras))
	for i, p := range paras {
		want[i] = analyze.Analyze(model.Article{Paragraphs: p})
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range 40 {
				i := (g + r) % len(paras)
				got := analyze.Analyze(model.Article{Paragraphs: paras[i]})
				if !reflect.DeepEqual(got, want[i]) {
					errs <- fmt.Sprintf("article %d: concurrent brief differs from the lone one", i)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
