// Package library holds the triage views of a loaded library: which
// articles the Inbox, Unread, Starred and Archive views and each tag view
// show, how many each holds, and how a view groups its articles by day.
//
// Everything here is a pure function of articles, their triage state and
// the current time, so the reader and its tests share one definition.
package library

import (
	"sort"
	"strings"
	"time"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/store"
)

// Item is one article of the library with the user's state of it.
type Item struct {
	Article *model.Article
	State   store.ArticleState
}

// When is the time the item is filed under: its publication time, else
// when the user's library first saw it.
func (it Item) When() time.Time {
	if !it.Article.Published.IsZero() {
		return it.Article.Published
	}
	return it.State.FirstSeen
}

// Kind names a kind of view.
type Kind int

// The views of the library, in tab order; tag views follow Archive.
const (
	Inbox Kind = iota
	Unread
	Starred
	Archive
	Tag
)

// View is one tab of the library.
type View struct {
	Kind Kind
	Tag  string // for Kind == Tag
}

// Name is the view's label in the tab bar.
func (v View) Name() string {
	switch v.Kind {
	case Inbox:
		return "Inbox"
	case Unread:
		return "Unread"
	case Starred:
		return "Starred"
	case Archive:
		return "Archive"
	}
	return "#" + v.Tag
}

// Shows reports whether the view shows an item.
func (v View) Shows(it Item) bool {
	s := it.State
	switch v.Kind {
	case Inbox:
		return !s.Archived
	case Unread:
		return !s.Archived && !s.Read
	case Starred:
		return s.Starred
	case Archive:
		return s.Archived
	}
	return s.HasTag(v.Tag)
}

// Tab is a view with the number of items it shows.
type Tab struct {
	View  View
	Count int
}

// Tabs returns the fixed views and one view per tag in use (tags sorted),
// each with its count.
func Tabs(items []Item) []Tab {
	tabs := []Tab{{View: View{Kind: Inbox}}, {View: View{Kind: Unread}}, {View: View{Kind: Starred}}, {View: View{Kind: Archive}}}
	tagCount := map[string]int{}
	for _, it := range items {
		for i := range 4 {
			if tabs[i].View.Shows(it) {
				tabs[i].Count++
			}
		}
		for _, t := range it.State.Tags {
			tagCount[t]++
		}
	}
	tags := make([]string, 0, len(tagCount))
	for t := range tagCount {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	for _, t := range tags {
		tabs = append(tabs, Tab{View: View{Kind: Tag, Tag: t}, Count: tagCount[t]})
	}
	return tabs
}

// Select returns the items the view shows, newest first, that match every
// word of query in their title, source or tags (case-insensitive), and
// that are no older than since (when since > 0).
func Select(items []Item, v View, query string, since time.Duration, now time.Time) []Item {
	terms := strings.Fields(strings.ToLower(query))
	var out []Item
	for _, it := range items {
		if !v.Shows(it) {
			continue
		}
		if since > 0 {
			w := it.When()
			if w.IsZero() || now.Sub(w) > since {
				continue
			}
		}
		if len(terms) > 0 && !matches(it, terms) {
			continue
		}
		out = append(out, it)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].When().After(out[j].When()) })
	return out
}

func matches(it Item, terms []string) bool {
	hay := strings.ToLower(it.Article.Title + "\x00" + it.Article.Source + "\x00" + strings.Join(it.State.Tags, " "))
	for _, t := range terms {
		if !strings.Contains(hay, strings.TrimPrefix(t, "#")) {
			return false
		}
	}
	return true
}

// Group is a run of items filed under one day.
type Group struct {
	// Label is "Today", "Yesterday", a date such as "Mon 23 Nov 2026",
	// or "Undated".
	Label string
	Items []Item
}

// ByDay groups items (already newest first) by the calendar day of When
// in loc: Today, Yesterday, then dates, and the undated last. A group's
// Items share items' array where its day's items are next to each other
// (their capacity ends with them, so an append copies).
func ByDay(items []Item, now time.Time, loc *time.Location) []Group {
	if loc == nil {
		loc = time.Local
	}
	today := dayOf(now.In(loc))
	var groups []Group
	var undated []Item
	var last time.Time  // the day of the last group
	start, end := 0, -1 // the last group's run of items; end -1 once copied
	for i, it := range items {
		w := it.When()
		if w.IsZero() {
			undated = append(undated, it)
			continue
		}
		d := dayOf(w.In(loc))
		if n := len(groups); n > 0 && d.Equal(last) {
			g := &groups[n-1]
			if end == i {
				end++
				g.Items = items[start:end:end]
			} else {
				g.Items, end = append(g.Items, it), -1
			}
			continue
		}
		label := d.Format("Mon 2 Jan 2006")
		switch days := int(today.Sub(d).Hours() / 24); {
		case days == 0:
			label = "Today"
		case days == 1:
			label = "Yesterday"
		}
		groups = append(groups, Group{Label: label, Items: items[i : i+1 : i+1]})
		last, start, end = d, i, i+1
	}
	if len(undated) > 0 {
		groups = append(groups, Group{Label: "Undated", Items: undated})
	}
	return groups
}

// dayOf truncates t to midnight in its location.
func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// IDs returns the store identities of items, for bulk actions that must
// act on exactly what a view shows.
func IDs(items []Item) []string {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = model.ArticleID(*it.Article)
	}
	return ids
}
