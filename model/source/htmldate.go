package source

import (
	"encoding/json"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dateMetaNames lists the meta property, name and itemprop values that
// state when a page was published, most specific first.
func dateMetaNames() []string {
	return []string{
		"article:published_time", "article:published", "datepublished", "og:published_time",
		"date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.issued", "pubdate",
		"publishdate", "publish-date", "parsely-pub-date", "sailthru.date",
	}
}

// pageDate finds when a page was published in what readability does
// not read: meta tags by property, name or itemprop (article:published,
// date, datePublished …), JSON-LD datePublished (also inside @graph),
// and <time> elements (itemprop="datePublished" or pubdate first, else
// the first with a datetime). The zero Time when the page states none.
// Call it before readability changes the tree.
func pageDate(doc *html.Node) time.Time {
	metas := map[string]string{}
	var ld []string
	var timeProp, timeFirst string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				content := attrValue(n, "content")
				for _, k := range []string{"property", "name", "itemprop"} {
					if v := strings.ToLower(strings.TrimSpace(attrValue(n, k))); v != "" && content != "" {
						if _, ok := metas[v]; !ok {
							metas[v] = content
						}
					}
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attrValue(n, "type")), "application/ld+json") && n.FirstChild != nil {
					ld = append(ld, n.FirstChild.Data)
				}
			case atom.Time:
				dt := strings.TrimSpace(attrValue(n, "datetime"))
				if dt == "" && n.FirstChild != nil && n.FirstChild.Type == html.TextNode {
					dt = strings.TrimSpace(n.FirstChild.Data)
				}
				if strings.EqualFold(attrValue(n, "itemprop"), "datePublished") || hasAttr(n, "pubdate") {
					if timeProp == "" {
						timeProp = dt
					}
				} else if timeFirst == "" && attrValue(n, "datetime") != "" {
					timeFirst = dt
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, name := range dateMetaNames() {
		if t := parseTime(metas[name]); !t.IsZero() {
			return t
		}
	}
	for _, s := range ld {
		if t := ldDate(s); !t.IsZero() {
			return t
		}
	}
	if t := parseTime(timeProp); !t.IsZero() {
		return t
	}
	return parseTime(timeFirst)
}

// ldDate reads datePublished from a JSON-LD block: an object, a list of
// them, or a @graph.
func ldDate(s string) time.Time {
	var v any
	if json.Unmarshal([]byte(s), &v) != nil {
		return time.Time{}
	}
	var find func(v any, depth int) time.Time
	find = func(v any, depth int) time.Time {
		if depth > 4 {
			return time.Time{}
		}
		switch v := v.(type) {
		case map[string]any:
			if d, ok := v["datePublished"].(string); ok {
				if t := parseTime(d); !t.IsZero() {
					return t
				}
			}
			if g, ok := v["@graph"]; ok {
				return find(g, depth+1)
			}
		case []any:
			for _, e := range v {
				if t := find(e, depth+1); !t.IsZero() {
					return t
				}
			}
		}
		return time.Time{}
	}
	return find(v, 0)
}

// attrValue is n's attribute key, or "".
func attrValue(n *html.Node, key string) string {
	v, _ := attr(n, key)
	return v
}

// hasAttr reports whether n has attribute key.
func hasAttr(n *html.Node, key string) bool {
	_, ok := attr(n, key)
	return ok
}
