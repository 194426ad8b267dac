package analyze

import (
	"runtime"
	"strings"
	"testing"

	"github.com/brief-reader/brief/model"
)

// bigArticle is about size bytes of ordinary paragraphs with quotes.
func bigArticle(size int) model.Article {
	p := `"We will reopen the harbour in the first phase," said Ola Berg, the harbour master.`
	n := size / (len(p) + 2)
	paras := make([]string, n)
	for i := range paras {
		paras[i] = p
	}
	return model.Article{ID: "big", Title: "Harbour", Paragraphs: paras}
}

// TestAnalyzeBoundsBigArticles: analysing a 60 MB article allocates about
// what analysing MaxAnalyzeBytes does, not thirty times more (issue 12,
// item 12: 60 MB took 1.2 GB).
func TestAnalyzeBoundsBigArticles(t *testing.T) {
	alloc := func(a model.Article) uint64 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		Analyze(a)
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	capped := alloc(bigArticle(model.MaxAnalyzeBytes))
	huge := alloc(bigArticle(60 << 20))
	if huge > capped*2 {
		t.Errorf("60 MB allocated %d MB, %d MB at the cap", huge>>20, capped>>20)
	}
	t.Logf("analysis of 60 MB: %d MB allocated; of %d MB: %d MB", huge>>20, model.MaxAnalyzeBytes>>20, capped>>20)
}

func TestBoundParagraphs(t *testing.T) {
	small := []string{"a", "b"}
	if got := model.BoundParagraphs(small); len(got) != 2 {
		t.Errorf("small article cut: %q", got)
	}
	long := strings.Repeat("é", model.MaxAnalyzeBytes)
	got := model.BoundParagraphs([]string{"x", long})
	if n := len(got[0]) + len(got[1]); n > model.MaxAnalyzeBytes || !strings.HasPrefix(long, got[1]) || !strings.HasSuffix(got[1], "é") {
		t.Errorf("cut to %d bytes, ending %q", n, got[1][len(got[1])-4:])
	}
}
