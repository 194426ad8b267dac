package render

import (
	"strconv"
	"strings"
	"time"
)

// RowCache keeps the article rows one library frame drew, so that the
// next frame styles again only the rows that changed. Styling a row
// takes about ten lipgloss renders, and the library is drawn after
// every message the program gets: while a warm start loads, the same
// screen of rows was styled some thirty times.
//
// The zero RowCache is ready to use. It is not safe for concurrent use;
// a screen owns its own.
type RowCache struct {
	prev, cur map[rowKey]string
}

// rowKey is everything libraryRow's output depends on.
type rowKey struct {
	title, source, tags, matches string
	published                    time.Time
	quotes, phases               int
	analyzed, selected, triage   bool
	unread, starred, note        bool
	w, titleW, srcW              int
	st                           *Styles
}

// row returns the drawn row for r, from the last frame when it drew the
// same one.
func (c *RowCache) row(r LibraryRow, selected, triage bool, w, dateW, titleW, srcW, countW int, st *Styles) string {
	k := rowKey{
		title: r.Title, source: r.Source, published: r.Published,
		quotes: r.Quotes, phases: r.Phases,
		analyzed: r.Analyzed, selected: selected, triage: triage,
		unread: r.Unread, starred: r.Starred, note: r.Note,
		w: w, titleW: titleW, srcW: srcW, st: st,
	}
	if len(r.Tags) > 0 {
		k.tags = strings.Join(r.Tags, "\x1f")
	}
	if len(r.TitleMatches) > 0 {
		b := make([]byte, 0, 4*len(r.TitleMatches))
		for _, m := range r.TitleMatches {
			b = strconv.AppendInt(b, int64(m), 10)
			b = append(b, ',')
		}
		k.matches = string(b)
	}
	if c.cur == nil {
		c.cur = make(map[rowKey]string)
	}
	if s, ok := c.cur[k]; ok {
		return s
	}
	s, ok := c.prev[k]
	if !ok {
		s = libraryRow(r, selected, triage, w, dateW, titleW, srcW, countW, st)
	}
	c.cur[k] = s
	return s
}

// next ends a frame: the rows it drew are the ones the next frame may
// take again; older ones are dropped.
func (c *RowCache) next() {
	clear(c.prev)
	c.prev, c.cur = c.cur, c.prev
}
