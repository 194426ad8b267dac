package source

import (
	"math/rand/v2"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// streamCases are fragments of the kinds feeds carry, and of the kinds
// that must go to the tree builder.
var streamCases = []struct {
	html   string
	stream bool // the token walk handles it
}{
	{`<p>One &amp; two.</p><p>Three <em>four</em> <strong> five </strong>.</p>`, true},
	{"plain text, no markup &lt;b&gt;", true},
	{`<h2>Key points</h2><ul><li>first</li> <li>second <a href="/x">link</a></li></ul>`, true},
	{`<ol start="0"><li>zero</li><li>one<ol><li>inner</li></ol></li></ol>`, true},
	{`<ol start="7"> stray <li>seven</li>text<li>eight</li></ol>after`, true},
	{`<blockquote><p>“Quoted,” she said.</p><blockquote>deeper</blockquote></blockquote>`, true},
	{"<pre>\nfirst line\n  second &lt;x&gt;<br>third</pre>", true},
	{"<pre><!--c-->\nkept newline</pre><pre>a<pre>\nb</pre></pre>", true},
	{`line one<br>line two<br> <br>new paragraph<br><br/>another<br><!-- c --><br>end<br>`, true},
	{`<ul> <br> <li>x</li> <br><br> </ul>`, true},
	{`<p>a <code>x ` + "`" + `y</code> b <kbd> k </kbd> <q>quoted</q> <a href="javascript:x">js</a></p>`, true},
	{`<a href="https://e.com/a b(c)"><b>bold link</b></a> <a href="mailto:x@y.z">mail</a>`, true},
	{`<a href="https://e.com/"><p>block in link</p></a><em><div>block in em</div></em>`, true},
	{`<li>stray item</li><li></li>after empty item`, true},
	{`<p>img <img src="x.png"> <script>var a = "<p>";</script><style>p{}</style>tail</p>`, true},
	{`<figure><img src="a.png"><figcaption>Caption</figcaption></figure><hr><nav>menu</nav>`, true},
	{`<h1>Title</h1><h3>Sub <span>head</span></h3><p>text`, true},
	{`<p>unclosed <em>emphasis <strong>and strong`, true},
	{`<div><p>x</p><pre> y </pre><ul><li><p>para in item</p></li></ul></div>`, true},
	{`<pre><script>kept</script><b>bold</b></pre>`, true},
	{`<p>x<wbr>y<sup>2</sup> <s>old</s> <del>gone</del> <ins>new</ins></p>`, true},
	{`<video><p>fallback</p></video><audio>no</audio>yes`, true},
	{"a\r\nb\rc", true},
	{`<p>a<p>b`, false},            // p closed by p
	{`<p>a<div>b</div>`, false},    // p closed by div
	{`<ul><li>a<li>b</ul>`, false}, // li closed by li
	{`<b>a<i>b</b>c</i>`, false},   // misnested
	{`<a href="x">a<a href="y">b</a>`, false},
	{`<table><tr><td>a</td></tr></table>`, false},
	{`<p>a</p></div>`, false},
	{`<h1>a<h2>b</h2></h1>`, false},
	{`<p/>a`, false},
	{`<svg><p>x</p></svg>`, false},
	{`<unknown>x</unknown>`, false},
	{"nul\x00byte", false},
	{`<!DOCTYPE html><p>x</p>`, false},
	{`</br>x`, false},
	{`<dl><dt>a<dd>b</dl>`, false},
}

// TestStreamBlocksMatchTree checks the token walk against the tree walk:
// every fragment it takes gives the same blocks, and it takes the simple
// ones.
func TestStreamBlocksMatchTree(t *testing.T) {
	base, _ := url.Parse("https://example.com/feed/")
	for _, tc := range streamCases {
		got, ok := streamBlocks(tc.html, base)
		if ok != tc.stream {
			t.Errorf("streamBlocks(%q) ok = %v, want %v", tc.html, ok, tc.stream)
		}
		want := treeFragmentBlocks(tc.html, base)
		if ok && !reflect.DeepEqual(got, want) {
			t.Errorf("streamBlocks(%q) =\n%+v\ntree gives\n%+v", tc.html, got, want)
		}
		if all := htmlFragmentBlocks(tc.html, base); !reflect.DeepEqual(all, want) {
			t.Errorf("htmlFragmentBlocks(%q) =\n%+v\nwant\n%+v", tc.html, all, want)
		}
	}
	deep := strings.Repeat("<span>", 300) + "x"
	if _, ok := streamBlocks(deep, nil); ok {
		t.Error("300 nested spans: want the tree builder")
	}
}

// TestAppendEscaped checks the byte escaper against markdownEscaper.
func TestAppendEscaped(t *testing.T) {
	for _, s := range []string{"", "plain", `a\b*c_d[e]f<g>h#i|j~k` + "`", "“unicode” — ok *", "***"} {
		if got, want := string(appendEscaped(nil, s)), markdownEscaper.Replace(s); got != want {
			t.Errorf("appendEscaped(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(appendEscaped([]byte("x"), []byte(s))), "x"+markdownEscaper.Replace(s); got != want {
			t.Errorf("appendEscaped bytes(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestStreamBlocksRandom compares the two walks on many fragments made
// of random tags, text, white space and comments, nested or not.
func TestStreamBlocksRandom(t *testing.T) {
	tags := []string{
		"<p>", "</p>", "<div>", "</div>", "<br>", "<br/>", "<hr>", "<h2>", "</h2>", "<h3>", "</h3>",
		"<ul>", "</ul>", "<ol start=\"3\">", "<ol>", "</ol>", "<li>", "</li>", "<blockquote>", "</blockquote>",
		"<pre>", "</pre>", "<a href=\"/x\">", "<a href=\"#top\">", "</a>", "<em>", "</em>", "<b>", "</b>",
		"<code>", "</code>", "<q>", "</q>", "<span>", "</span>", "<script>", "</script>", "<img src=x>",
		"<nav>", "</nav>", "<figure>", "</figure>", "<wbr>", "<!-- c -->",
	}
	texts := []string{"text", "more words", " ", "  ", "\n", "\n\n", "&amp;", "&lt;tag&gt;", "*", "_", "`", "1.", "- ", "\u00a0"}
	parts := append(append([]string(nil), tags...), texts...)
	elems := []string{"p", "div", "h2", "ul", "ol", "li", "blockquote", "pre", "a", "em", "strong", "code",
		"q", "span", "script", "nav", "figure", "section", "i", "b", "kbd"}
	rng := rand.New(rand.NewPCG(1, 2))
	// nested writes a random well-nested tree, leaving an element open
	// now and then.
	var nested func(b *strings.Builder, depth int)
	nested = func(b *strings.Builder, depth int) {
		for range rng.IntN(4) {
			if depth > 5 || rng.IntN(3) == 0 {
				b.WriteString(texts[rng.IntN(len(texts))])
				continue
			}
			e := elems[rng.IntN(len(elems))]
			switch e {
			case "a":
				b.WriteString(`<a href="https://e.com/` + e + `">`)
			case "ol":
				b.WriteString(`<ol start="2">`)
			default:
				b.WriteString("<" + e + ">")
			}
			nested(b, depth+1)
			if rng.IntN(12) > 0 {
				b.WriteString("</" + e + ">")
			}
		}
	}
	taken := 0
	const n = 20000
	for i := range n {
		var b strings.Builder
		if i%2 == 0 {
			nested(&b, 0)
		} else {
			for range 1 + rng.IntN(24) {
				b.WriteString(parts[rng.IntN(len(parts))])
			}
		}
		fragment := b.String()
		got, ok := streamBlocks(fragment, nil)
		if !ok {
			continue
		}
		taken++
		if want := treeFragmentBlocks(fragment, nil); !reflect.DeepEqual(got, want) {
			t.Fatalf("streamBlocks(%q) =\n%+v\ntree gives\n%+v", fragment, got, want)
		}
	}
	if taken < n/10 {
		t.Errorf("token walk took only %d of %d random fragments", taken, n)
	}
	t.Logf("token walk took %d of %d random fragments", taken, n)
}

// FuzzStreamBlocks checks that the token walk, whenever it takes a
// fragment, gives exactly the blocks of the tree walk.
func FuzzStreamBlocks(f *testing.F) {
	for _, tc := range streamCases {
		f.Add(tc.html)
	}
	base, _ := url.Parse("https://example.com/feed/")
	f.Fuzz(func(t *testing.T, fragment string) {
		got, ok := streamBlocks(fragment, base)
		if !ok {
			return
		}
		if want := treeFragmentBlocks(fragment, base); !reflect.DeepEqual(got, want) {
			t.Fatalf("streamBlocks(%q) =\n%+v\ntree gives\n%+v", fragment, got, want)
		}
	})
}

// BenchmarkFragmentBlocks converts a feed item body of twenty paragraphs
// through the token walk and through the tree.
func BenchmarkFragmentBlocks(b *testing.B) {
	var body strings.Builder
	for i := range 20 {
		body.WriteString("<p>The council voted on the river plan in its " + strings.Repeat("long ", i%5) +
			"session, and the mayor said the &quot;work&quot; would start in <em>spring</em>.</p>\n")
	}
	fragment := body.String()
	for _, walk := range []struct {
		name string
		fn   func(string, *url.URL) []block
	}{
		{"stream", func(s string, u *url.URL) []block { bl, _ := streamBlocks(s, u); return bl }},
		{"tree", treeFragmentBlocks},
	} {
		b.Run(walk.name, func(b *testing.B) {
			b.SetBytes(int64(len(fragment)))
			b.ReportAllocs()
			for b.Loop() {
				walk.fn(fragment, nil)
			}
		})
	}
}

// TestWalkerReuse checks that a walker reused across fragments, as a
// feed's converting goroutine uses it, gives what a fresh one does.
func TestWalkerReuse(t *testing.T) {
	var w tokenWalker
	for round := range 2 {
		for _, tc := range streamCases {
			got := w.fragmentBlocks(tc.html, nil)
			if want := treeFragmentBlocks(tc.html, nil); !reflect.DeepEqual(got, want) {
				t.Fatalf("round %d: reused walker on %q =\n%+v\nwant\n%+v", round, tc.html, got, want)
			}
		}
	}
}
