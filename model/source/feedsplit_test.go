package source

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// splitTestFeed builds an RSS or Atom document of n items over splitMin bytes,
// with CDATA, comments and an escaped "<item>" in text to trip a naive cut.
func splitTestFeed(atom bool, n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	body := strings.Repeat("The council met again and said little. ", 40)
	if atom {
		b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom"><title>Big Atom</title><link href="https://example.org/"/>` + "\n")
		for i := range n {
			fmt.Fprintf(&b, `<entry><title>Entry %d</title><link href="https://example.org/e/%d"/><id>e%d</id>`+
				`<updated>2026-11-2%dT10:00:00Z</updated><content type="html"><![CDATA[<p>%s &lt;entry&gt; <entry> %d</p>]]></content></entry>`+"\n",
				i, i, i, i%9, body, i)
		}
		b.WriteString("<!-- <entry> in a comment --></feed>\n")
		return []byte(b.String())
	}
	b.WriteString(`<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Big RSS</title><link>https://example.org/</link>` + "\n")
	for i := range n {
		fmt.Fprintf(&b, `<item><title>Item %d &amp; more</title><link>https://example.org/i/%d</link><dc:creator>Desk %d</dc:creator>`+
			`<description>Short %d</description><content:encoded><![CDATA[<p>%s <item> %d</p>]]></content:encoded></item>`+"\n",
			i, i, i, i, body, i)
		if i%100 == 0 {
			b.WriteString("<!-- </item> <item> -->\n")
		}
	}
	b.WriteString("</channel></rss>\n")
	return []byte(b.String())
}

func TestParseFeedDocSplitMatchesWhole(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("needs two or more cores to split")
	}
	for _, atom := range []bool{false, true} {
		t.Run(fmt.Sprint("atom=", atom), func(t *testing.T) {
			data := splitTestFeed(atom, 1200)
			require.Greater(t, len(data), splitMin)
			_, items, _, ok := splitItems(data)
			require.True(t, ok)
			require.Len(t, items, 1200, "CDATA and comments hide look-alike tags")
			want, err := gofeed.NewParser().Parse(bytes.NewReader(data))
			require.NoError(t, err)
			got, err := parseFeedDoc(data)
			require.NoError(t, err)
			assert.Equal(t, want.Title, got.Title)
			require.Len(t, got.Items, len(want.Items))
			for i := range want.Items {
				w, g := want.Items[i], got.Items[i]
				assert.Equal(t, w.Title, g.Title)
				assert.Equal(t, w.Link, g.Link)
				assert.Equal(t, w.Content, g.Content)
				assert.Equal(t, w.Description, g.Description)
				assert.Equal(t, w.Published, g.Published)
				assert.Equal(t, w.Authors, g.Authors)
			}
		})
	}
}

func TestSplitItemsRejectsOddShapes(t *testing.T) {
	for name, doc := range map[string]string{
		"no items":       `<rss><channel><title>x</title></channel></rss>`,
		"unclosed item":  `<rss><channel><item><title>x</title></channel></rss>`,
		"nested item":    `<rss><channel><item><item></item></item></channel></rss>`,
		"open comment":   `<rss><channel><!-- <item></item></channel></rss>`,
		"unclosed cdata": `<rss><channel><item><![CDATA[ </item></channel></rss>`,
	} {
		t.Run(name, func(t *testing.T) {
			_, _, _, ok := splitItems([]byte(doc))
			assert.False(t, ok)
		})
	}
	head, items, tail, ok := splitItems([]byte(`<rss><channel><itemize/><item>a</item><item >b</item></channel></rss>`))
	require.True(t, ok)
	assert.Equal(t, `<rss><channel><itemize/>`, string(head))
	assert.Len(t, items, 2)
	assert.Equal(t, `</channel></rss>`, string(tail))
}
