package scale_test

import (
	"bufio"
	"context"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/analyze"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/testkit"
)

// paragraphs splits a corpus text into its blank-line separated blocks,
// each folded to one line.
func paragraphs(text string) []string {
	var out []string
	for _, blk := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p := strings.Join(strings.Fields(blk), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// bulkTexts returns the BBC bulk corpus files, or skips.
func bulkTexts(b *testing.B) []string {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join(testkit.Corpus(b), "bulk", "bbc-fulltext", "*", "*.txt"))
	if len(files) == 0 {
		b.Skip("corpus has no bulk/bbc-fulltext")
	}
	return files
}

// peakRSSReset clears the process's peak resident set size, so the next
// peakRSS reads the peak since now. It reports false where unsupported.
func peakRSSReset() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// peakRSS returns the process's peak resident set size in MB (VmHWM).
func peakRSS() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return float64(kb) / 1024
		}
	}
	return 0
}

// loadAndAnalyse streams origins and analyses every article on a pool of
// GOMAXPROCS goroutines, as the TUI does, keeping every article and brief
// in memory as the TUI's library would. It returns the time to the first
// article, the time to the last brief, and the count of briefs.
func loadAndAnalyse(b *testing.B, origins []string, analyse bool) (first, all time.Duration, n int, bytes int64) {
	start := time.Now()
	var library []model.Article
	var briefs []model.Brief
	work := make(chan model.Article, 256)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, sz := 0, int64(0)
			var kept []model.Brief
			for a := range work {
				if analyse {
					kept = append(kept, analyze.Analyze(a))
				} else {
					kept = append(kept, model.Brief{})
				}
				c++
				for _, p := range a.Paragraphs {
					sz += int64(len(p))
				}
			}
			mu.Lock()
			n += c
			bytes += sz
			briefs = append(briefs, kept...)
			mu.Unlock()
		}()
	}
	for ev := range source.Stream(context.Background(), origins, source.Options{}) {
		if ev.Err != nil {
			b.Fatalf("load error: %v", ev.Err)
		}
		if len(ev.Articles) > 0 && first == 0 {
			first = time.Since(start)
		}
		library = append(library, ev.Articles...)
		for _, a := range ev.Articles {
			work <- a
		}
	}
	close(work)
	wg.Wait()
	if len(library) != len(briefs) {
		b.Fatalf("%d articles, %d briefs", len(library), len(briefs))
	}
	return first, time.Since(start), n, bytes
}

// BenchmarkLoadBulk loads the BBC bulk corpus replicated to 10,000 files
// in a folder, streaming them through the worker pool and analysing each.
// Targets (issue 4): all in under 2 s, peak RSS under 400 MB.
func BenchmarkLoadBulk(b *testing.B) {
	files := bulkTexts(b)
	dir := b.TempDir()
	const total = 10000
	for i := range total {
		src := files[i%len(files)]
		data, err := os.ReadFile(src)
		if err != nil {
			b.Fatal(err)
		}
		sub := filepath.Join(dir, fmt.Sprintf("copy%d", i/len(files)), filepath.Base(filepath.Dir(src)))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, filepath.Base(src)), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for _, analyse := range []bool{false, true} {
		name := map[bool]string{false: "load", true: "load+analyse"}[analyse]
		b.Run(name, func(b *testing.B) {
			runtime.GC()
			reset := peakRSSReset()
			cpu0 := testkit.CPUTime()
			b.ResetTimer()
			var first, all time.Duration
			var bytes int64
			for range b.N {
				f, a, n, sz := loadAndAnalyse(b, []string{dir}, analyse)
				if n != total {
					b.Fatalf("analysed %d articles, want %d", n, total)
				}
				first += f
				all += a
				bytes = sz
			}
			report(b, bytes, first, all, testkit.CPUTime()-cpu0, reset)
		})
	}
}

// report records a scale benchmark's figures: time to the first article,
// time to all, CPU time per run (a figure that does not depend on how
// busy the machine is), and the peak RSS.
func report(b *testing.B, bytes int64, first, all, cpu time.Duration, reset bool) {
	b.SetBytes(bytes)
	b.ReportMetric(float64(first.Milliseconds())/float64(b.N), "ms-first")
	b.ReportMetric(float64(all.Milliseconds())/float64(b.N), "ms-all")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "ms-cpu")
	if reset {
		b.ReportMetric(peakRSS(), "MB-peakRSS")
	}
}

// BenchmarkLoadBigFeed loads one RSS file of 10,000 items (about 26 MB;
// item bodies are the bulk corpus texts as HTML paragraphs) and analyses
// every item. Target (issue 4): under 1 s.
func BenchmarkLoadBigFeed(b *testing.B) {
	files := bulkTexts(b)
	path := filepath.Join(b.TempDir(), "big.rss")
	out, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(out)
	fmt.Fprintln(w, `<?xml version="1.0" encoding="UTF-8"?>`)
	fmt.Fprintln(w, `<rss version="2.0"><channel><title>Bulk test feed</title><link>https://bulk.example.com/</link><description>Generated at test time</description>`)
	const total = 10000
	day := time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range total {
		data, err := os.ReadFile(files[i%len(files)])
		if err != nil {
			b.Fatal(err)
		}
		lines := strings.SplitN(string(data), "\n", 2)
		var body strings.Builder
		for _, p := range paragraphs(lines[1]) {
			body.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
		}
		fmt.Fprintf(w, "<item><title>%s</title><link>https://bulk.example.com/a/%d</link><guid>%d</guid><pubDate>%s</pubDate><category>bulk</category><description>%s</description></item>\n",
			html.EscapeString(strings.TrimSpace(lines[0])), i, i, day.Add(time.Duration(i)*time.Minute).Format(time.RFC1123Z), html.EscapeString(body.String()))
	}
	fmt.Fprintln(w, `</channel></rss>`)
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	out.Close()
	info, _ := os.Stat(path)
	for _, analyse := range []bool{false, true} {
		name := map[bool]string{false: "load", true: "load+analyse"}[analyse]
		b.Run(name, func(b *testing.B) {
			runtime.GC()
			reset := peakRSSReset()
			cpu0 := testkit.CPUTime()
			b.ResetTimer()
			var first, all time.Duration
			for range b.N {
				f, a, n, _ := loadAndAnalyse(b, []string{path}, analyse)
				if n != total {
					b.Fatalf("analysed %d items, want %d", n, total)
				}
				first += f
				all += a
			}
			report(b, info.Size(), first, all, testkit.CPUTime()-cpu0, reset)
		})
	}
}
