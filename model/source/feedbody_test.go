package source

import (
	"bytes"
	"html"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bodyDoc is a one-item RSS document whose item holds items (raw XML).
func bodyDoc(head, item string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + head +
		`<channel><title>Bodies</title><link>https://example.org/</link>` + "\n" +
		`<item><title>One</title>` + item + `</item>` + "\n" +
		`<item><title>Two</title><description>second</description></item>` + "\n" +
		"</channel></rss>\n")
}

// checkStripped compares a one-part parse of a document with its bodies
// taken out (what parseFeedDoc does for each part) with gofeed's parse of
// the whole: when the part parses, the items are the same, and the
// whole parses too. It returns how many bodies were taken out.
func checkStripped(t *testing.T, doc []byte) int {
	t.Helper()
	head, items, tail, ok := splitItems(doc)
	if !ok {
		return 0 // parseFeedDoc parses the whole
	}
	rules, strip := rssBodyRules(head)
	if !strip {
		return 0
	}
	taken := 0
	for _, it := range items {
		_, b := stripItem(nil, doc[it[0]:it[1]], rules)
		if b.hasDesc {
			taken++
		}
		if b.hasContent {
			taken++
		}
	}
	got, gerr := parseStripped(doc, head, tail, items, rules)
	if gerr != nil || got == nil {
		return taken // parseFeedDoc parses the whole
	}
	want, werr := newFeedParser().Parse(bytes.NewReader(doc))
	require.NoError(t, werr, "the stripped document parses, the whole does not:\n%s", doc)
	if !reflect.DeepEqual(got.Items, want.Items) {
		for i := range want.Items {
			assert.Equal(t, want.Items[i], got.Items[i], "item %d of\n%s", i, doc)
		}
		t.FailNow()
	}
	return taken
}

func TestStripBodiesMatchesGofeed(t *testing.T) {
	const rss = `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">`
	for _, tc := range []struct {
		name, head, item string
		taken            int
	}{
		{"escaped html", rss, `<description>&lt;p&gt;One &amp;amp; two&lt;/p&gt;</description>`, 2},
		{"cdata", rss, `<description> <![CDATA[<p>Hi &amp; bye</p>]]> </description>`, 2},
		{"cdata and text", rss, `<description>a &lt; <![CDATA[<b>]]> &#8217; <![CDATA[x]]>z</description>`, 2},
		{"content", rss, `<description>short</description><content:encoded><![CDATA[<p>full</p>]]></content:encoded>`, 3},
		{"entities", rss, `<description>&copy=2; &nbsp;x &#0 &#xZZ; &amp &bogus; a&b; R&amp;D</description>`, 2},
		{"empty, dc fallback", rss, `<description> </description><dc:description>from dc</dc:description>`, 2},
		{"last of two", rss, `<description>first</description><description>last</description>`, 2},
		{"markup inside", rss, `<description>a <b>b</b></description>`, 1},
		{"markup in a second", rss, `<description>plain</description><description><i>x</i></description>`, 1},
		{"upper case twin", rss, `<description>plain</description><Description>other</Description>`, 1},
		{"self-closing", rss, `<description>plain</description><description/>`, 1},
		{"comment inside", rss, `<description>a <!-- c --> b</description>`, 1},
		{"nested description", rss, `<source url="x"><description>in source</description></source>`, 1},
		{"xmlns in item", rss, `<description xmlns="urn:x">a</description>`, 1},
		{"attribute", rss, `<description type="html">a</description>`, 1},
		{"other content prefix", `<rss version="2.0" xmlns:content="urn:other">`, `<content:encoded>x</content:encoded>`, 1},
		{"foreign default namespace", `<rss version="2.0" xmlns="urn:other">`, `<description>a</description>`, 0},
		{"rdf", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">`, `<description>a &amp; b</description>`, 2},
		{"illegal reference", rss, `<description>bad &#1; char</description>`, 1},
		{"cdata end in text", rss, `<description>a ]]> b</description>`, 1},
		{"mismatched end tag", rss, `<foo><bar></foo></bar><description>a</description>`, 1},
		{"unclosed cdata", rss, `<description><![CDATA[ never closed </description>`, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			head := tc.head
			if strings.HasPrefix(head, "<rdf:RDF") {
				doc := bodyDoc(head, tc.item)
				doc = bytes.Replace(doc, []byte("</channel></rss>"), []byte("</channel></rdf:RDF>"), 1)
				assert.Equal(t, tc.taken, checkStripped(t, doc))
				return
			}
			assert.Equal(t, tc.taken, checkStripped(t, bodyDoc(head, tc.item)))
		})
	}
}

// TestStripBodiesRandom compares random item bodies parsed by gofeed with
// the same bodies taken out and read by gofeedText.
func TestStripBodiesRandom(t *testing.T) {
	pieces := []string{"text", " ", "\n", "\r\n", "\t", "&lt;p&gt;", "&amp;", "&amp;amp;", "&quot;", "&apos;",
		"&#8217;", "&#x2019;", "&#0;", "&#1;", "&#xD800;", "&#55296;", "&#x110000;", "&nbsp;", "&copy=2;", "&copy",
		"&", ";", "&;", "&#;", "&# 1;", "<![CDATA[", "]]>", "<![CDATA[<p>x</p>]]>", "<b>", "</b>", "é", "“",
		"\uFFFE", "\x01", "\x7f", "&lt;![CDATA[", strings.Repeat("a", 70) + ";"}
	rng := rand.New(rand.NewPCG(5, 6))
	taken := 0
	for range 4000 {
		var b strings.Builder
		for range rng.IntN(10) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		el := "description"
		if rng.IntN(2) == 0 {
			el = "content:encoded"
		}
		item := "<" + el + ">" + b.String() + "</" + el + ">"
		head := `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">`
		if checkStripped(t, bodyDoc(head, item)) > 1 {
			taken++
		}
	}
	if taken < 1000 {
		t.Errorf("only %d of 4000 random bodies were taken out", taken)
	}
}

// TestDecodeEntitiesXMLFastPath checks that the five XML entities the
// decoder reads directly decode as its general rule would.
func TestDecodeEntitiesXMLFastPath(t *testing.T) {
	for _, e := range []string{"&lt;", "&gt;", "&amp;", "&quot;", "&apos;"} {
		c, n := xmlEntity([]byte(e + "x"))
		require.Equal(t, len(e), n, e)
		// The general rule, as decodeEntities applies it to other spans.
		dec := htmlUnescapeRule(e)
		assert.Equal(t, dec, string(c), e)
	}
}

// htmlUnescapeRule is gofeed's rule for one entity span ending in ';':
// its decoding, unless the ';' is not part of the entity.
func htmlUnescapeRule(span string) string {
	dec := html.UnescapeString(span)
	if dec == html.UnescapeString(span[:len(span)-1])+";" {
		return span
	}
	return dec
}

// FuzzStripBodies checks random item bodies: whenever a body is taken out
// of the document, the parsed items are gofeed's.
func FuzzStripBodies(f *testing.F) {
	f.Add("<description>&lt;p&gt;a &amp;amp; b&lt;/p&gt;</description>")
	f.Add("<description><![CDATA[<p>x</p>]]> &#8217;</description><content:encoded>y</content:encoded>")
	f.Add("<foo><description>a</description></foo><description>&copy=2;</description>")
	head := `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">`
	f.Fuzz(func(t *testing.T, item string) {
		checkStripped(t, bodyDoc(head, item))
	})
}
