package source

import (
	"fmt"
	"testing"
	"time"
)

// TestHTMLDates: every common way a page states when it was published
// gives the article its date.
func TestHTMLDates(t *testing.T) {
	want := time.Date(2019, 3, 14, 9, 30, 0, 0, time.UTC)
	body := `<article><h1>Pier repairs begin</h1>%s<p>The council began repairs to the old pier on Thursday, closing the north walkway for six weeks while divers inspect the piles.</p><p>Work on the south side will follow in the spring, the harbour office said.</p></article>`
	for name, tc := range map[string]struct{ head, body string }{
		"article:published_time": {head: `<meta property="article:published_time" content="2019-03-14T09:30:00Z">`},
		"article:published":      {head: `<meta property="article:published" content="2019-03-14T09:30:00Z">`},
		"itemprop meta":          {head: `<meta itemprop="datePublished" content="2019-03-14T09:30:00Z">`},
		"itemprop time":          {body: `<p>Published <time itemprop="datePublished" datetime="2019-03-14T09:30:00Z">14 March 2019</time></p>`},
		"meta name date":         {head: `<meta name="date" content="2019-03-14T09:30:00Z">`},
		"json-ld":                {head: `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Pier repairs begin","datePublished":"2019-03-14T09:30:00Z"}</script>`},
		"json-ld graph":          {head: `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2019-03-14T09:30:00+00:00"}]}</script>`},
		"time datetime":          {body: `<p class="meta"><time datetime="2019-03-14T09:30:00Z">14 March 2019</time></p>`},
	} {
		t.Run(name, func(t *testing.T) {
			page := fmt.Sprintf("<html><head><title>Pier repairs begin</title>%s</head><body>"+body+"</body></html>", tc.head, tc.body)
			a, err := ParseHTML("pier.html", []byte(page))
			if err != nil {
				t.Fatal(err)
			}
			if !a.Published.Equal(want) {
				t.Errorf("published %v, want %v", a.Published, want)
			}
		})
	}
}
