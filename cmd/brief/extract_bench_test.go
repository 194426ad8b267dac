package main

import (
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/brief-reader/brief/model/testkit"
)

// BenchmarkExtractBulk runs `brief extract --format json` over the BBC
// bulk folder of the corpus (2,225 files), output discarded. Run it with
// -cpu 1,2: ms-cpu is the CPU time a run costs, a figure that does not
// depend on how busy the machine is, and cores is CPU time over wall time,
// the share of the run that went in parallel.
func BenchmarkExtractBulk(b *testing.B) {
	dir := filepath.Join(testkit.Corpus(b), "bulk", "bbc-fulltext")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if len(files) == 0 {
		b.Skip("corpus has no bulk/bbc-fulltext")
	}
	cpu0 := testkit.CPUTime()
	start := time.Now()
	for range b.N {
		cmd := newRootCmd()
		cmd.SetOut(io.Discard)
		cmd.SetErr(io.Discard)
		cmd.SetArgs([]string{"extract", "--format", "json", dir})
		if err := cmd.Execute(); err != nil {
			b.Fatal(err)
		}
	}
	wall := time.Since(start)
	cpu := testkit.CPUTime() - cpu0
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "ms-cpu")
	b.ReportMetric(cpu.Seconds()/wall.Seconds(), "cores")
	b.ReportMetric(float64(len(files))*float64(b.N)/wall.Seconds(), "files/s")
}
