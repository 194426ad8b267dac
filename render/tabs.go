package render

import (
	"fmt"
	"strings"
)

// Tab is one view in the library's tab bar: its name and how many
// articles it shows.
type Tab struct {
	// Key is the key that switches to the view ("1"), or "".
	Key string
	// Name is the view's label ("Inbox", "#economy").
	Name string
	// Count is the number of articles in the view.
	Count int
	// Active marks the view shown.
	Active bool
}

// TabBar draws the library's tab bar, one row of w cells: each view with
// its count, the active one emphasised. When the tabs do not fit, the bar
// scrolls so that the active tab stays visible, with "…" where tabs are
// left out.
func TabBar(tabs []Tab, w int, st *Styles) string {
	if len(tabs) == 0 || w <= 0 {
		return strings.Repeat(" ", max(w, 0))
	}
	labels := make([]string, len(tabs))
	widths := make([]int, len(tabs))
	active := 0
	for i, t := range tabs {
		name := Line(t.Name)
		if t.Key != "" {
			name = t.Key + " " + name
		}
		labels[i] = fmt.Sprintf(" %s %d ", name, t.Count)
		widths[i] = stringWidth(labels[i])
		if t.Active {
			active = i
		}
	}
	const sep = "│"
	// Choose the window [from, to) around the active tab that fits,
	// keeping room for the "…" marks.
	from, to := active, active+1
	used := widths[active]
	fits := func(i int) bool {
		marks := 0
		if min(from, i) > 0 {
			marks++
		}
		if max(to, i+1) < len(tabs) {
			marks++
		}
		return used+widths[i]+1+marks*2 <= w
	}
	for grew := true; grew; {
		grew = false
		if to < len(tabs) && fits(to) {
			used += widths[to] + 1
			to++
			grew = true
		}
		if from > 0 && fits(from-1) {
			from--
			used += widths[from] + 1
			grew = true
		}
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString(st.Tabs.Separator.Render("… "))
	}
	for i := from; i < to; i++ {
		if i > from {
			b.WriteString(st.Tabs.Separator.Render(sep))
		}
		if i == active {
			if st.Plain {
				// No underline to show it: brackets in place of its margins.
				labels[i] = "[" + labels[i][1:len(labels[i])-1] + "]"
			}
			b.WriteString(st.Tabs.Active.Render(labels[i]))
		} else {
			b.WriteString(st.Tabs.Inactive.Render(labels[i]))
		}
	}
	if to < len(tabs) {
		b.WriteString(st.Tabs.Separator.Render(" …"))
	}
	return pad(b.String(), w)
}

// DayHeader draws the heading row of one day's articles in the library
// ("Today", "Yesterday", a date), w cells wide.
func DayHeader(label string, w int, st *Styles) string {
	text := " " + Line(label) + " "
	rule := max(w-2-stringWidth(text), 0)
	return pad(st.Subtle.Render("─")+st.Accent.Render(text)+st.Subtle.Render(strings.Repeat("─", rule)), w)
}

// triageGlyphs draws the state column of a library row: an unread dot
// and a star, three cells wide.
func triageGlyphs(r LibraryRow, st *Styles) string {
	dot, star := " ", " "
	if r.Unread {
		dot = st.Accent.Render("●")
	}
	if r.Starred {
		star = st.Item.Duration.Render("★")
	}
	return dot + star + " "
}

// triageTags draws a row's tags and note mark after its title.
func triageTags(r LibraryRow, st *Styles) string {
	var parts []string
	for _, t := range r.Tags {
		parts = append(parts, "#"+Line(t))
	}
	if r.Note {
		parts = append(parts, "✎")
	}
	if len(parts) == 0 {
		return ""
	}
	return " " + st.Subtle.Render(strings.Join(parts, " "))
}
