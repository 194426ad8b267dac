package render

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/brief-reader/brief/model"
)

// hostileShapes are Markdown bodies built to make a Markdown parser or
// glamour run for minutes or grow by gigabytes (issue 12, item 1).
func hostileShapes() map[string]string {
	var list, alt, refs strings.Builder
	for i := range 100 {
		list.WriteString(strings.Repeat("  ", i) + "- level\n")
		alt.WriteString(strings.Repeat("> - ", i) + "x\n")
	}
	for i := range 2000 {
		fmt.Fprintf(&refs, "[r%d]: https://example.com/%d\n\n", i, i)
	}
	for i := range 2000 {
		fmt.Fprintf(&refs, "Block %d cites [r%d] and [r%d].\n\n", i, i, (i*7)%2000)
	}
	return map[string]string{
		"nested-quotes":        strings.Repeat(">", 100) + " deep\n",
		"nested-quotes-spaced": strings.Repeat("> ", 100) + "deep\n\n" + strings.Repeat("> ", 100) + "deeper\n",
		"quote-line-100k":      strings.Repeat(">", 100_000) + "\n",
		"link-openers":         strings.Repeat("[a](", 60_000),
		"nested-lists":         list.String(),
		"quotes-in-lists":      alt.String(),
		"many-references":      refs.String(),
		"emphasis":             strings.Repeat("*a **b ", 20_000),
		"brackets":             strings.Repeat("[", 50_000) + strings.Repeat("]", 50_000),
		"backticks":            strings.Repeat("`a ``", 20_000),
		"long-body":            strings.Repeat("Ordinary words in a paragraph of a long article.\n\n", 80_000),
	}
}

// TestHostileShapesBounded renders every hostile shape at a wide and a
// narrow width and checks what it cost: bytes allocated and lines drawn
// stay within bounds that the unguarded renderer exceeded a
// hundredfold (90 nested quotes: 900 MB and 16 s). It is a guard, not
// a speed target: BenchmarkHostile reports the times.
func TestHostileShapesBounded(t *testing.T) {
	for name, md := range hostileShapes() {
		for _, width := range []int{100, 12} {
			t.Run(fmt.Sprintf("%s/%d", name, width), func(t *testing.T) {
				alloc, lines := renderCost(t, md, width)
				// The body is cut at MaxBodyBytes. Rendering makes garbage
				// of a few hundred bytes per byte of input (a few thousand
				// under the race detector); unguarded, 100 nested quotes of
				// 200 bytes made gigabytes.
				limit := uint64(min(len(md), MaxBodyBytes))*2000 + 256<<20
				if alloc > limit {
					t.Errorf("rendering %d bytes allocated %d MB, limit %d MB", len(md), alloc>>20, limit>>20)
				}
				if n := min(len(md), MaxBodyBytes); lines > n/width*4+n/8+100 {
					t.Errorf("%d lines from %d bytes at width %d", lines, len(md), width)
				}
			})
		}
	}
}

// renderCost renders md whole at width and returns the bytes allocated
// and the lines drawn. A render still running after a minute fails the
// test rather than hanging it.
func renderCost(t *testing.T, md string, width int) (alloc uint64, lines int) {
	t.Helper()
	done := make(chan struct{})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	go func() {
		defer close(done)
		a := model.Article{ID: "h", Markdown: md}
		src := SplitBody(a)
		r, err := NewBodyRenderer(width, "dark")
		if err != nil {
			t.Error(err)
			return
		}
		b := NewBody(src, width)
		b.Add(RenderBlocks(context.Background(), r, src, 0, len(src.Blocks)))
		lines = len(b.Lines)
		for i, l := range b.Lines {
			if w := stringWidth(l); w > width {
				t.Errorf("line %d is %d cells wide, limit %d", i, w, width)
				break
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("render still running after a minute")
	}
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, lines
}

// BenchmarkHostile reports the time and memory of rendering each hostile
// shape whole at 100 columns.
func BenchmarkHostile(b *testing.B) {
	for name, md := range hostileShapes() {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(md)))
			b.ReportAllocs()
			for b.Loop() {
				src := SplitBody(model.Article{ID: "h", Markdown: md})
				r, _ := NewBodyRenderer(100, "dark")
				RenderBlocks(context.Background(), r, src, 0, len(src.Blocks))
			}
		})
	}
}

// TestRenderStopsWhenCancelled: a render whose context is done stops
// before its next block, so a closed session or article leaves nothing
// rendering.
func TestRenderStopsWhenCancelled(t *testing.T) {
	md := strings.Repeat("A paragraph.\n\n", 50)
	src := SplitBody(model.Article{ID: "c", Markdown: md})
	r, err := NewBodyRenderer(60, "dark")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if got := RenderBlocks(ctx, r, src, 0, 5); len(got) != 5 {
		t.Fatalf("%d blocks before cancelling, want 5", len(got))
	}
	cancel()
	if got := RenderBlocks(ctx, r, src, 5, len(src.Blocks)); len(got) != 0 {
		t.Errorf("%d blocks rendered after cancelling", len(got))
	}
	if got := RenderUntil(ctx, r, src, 5, 100); len(got) != 0 {
		t.Errorf("%d blocks rendered after cancelling", len(got))
	}
}

// TestDeepNestingFlattened: quotes and lists nested past maxDepth are
// drawn at maxDepth, their words kept.
func TestDeepNestingFlattened(t *testing.T) {
	md := strings.Repeat("> ", 40) + "innermost words\n"
	b := renderAll(t, SplitBody(model.Article{ID: "n", Markdown: md}), 80)
	plain := stripANSI(strings.Join(b.Lines, "\n"))
	if !strings.Contains(plain, "innermost words") {
		t.Fatalf("words lost:\n%s", plain)
	}
	for _, l := range strings.Split(plain, "\n") {
		if n := strings.Count(l, "│"); n > maxDepth(80) {
			t.Errorf("%d quote bars on one line, at most %d: %q", n, maxDepth(80), l)
		}
	}
}

// TestBodyCapped: a body over MaxBodyBytes is cut with a note.
func TestBodyCapped(t *testing.T) {
	md := strings.Repeat("word ", MaxBodyBytes/5+1000)
	got := capBody(md)
	if len(got) > MaxBodyBytes+200 {
		t.Errorf("capped body is %d bytes", len(got))
	}
	if !strings.Contains(got, "more were left out") {
		t.Errorf("no note on the cut body: %q", got[len(got)-120:])
	}
	if capBody("short") != "short" {
		t.Error("a short body changed")
	}
}
