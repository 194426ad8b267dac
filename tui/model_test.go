package tui

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/render"
)

// drive delivers msg to m and then the messages of the commands it
// returns, until none are left. Timer ticks (spinner frames, cursor
// blinks) are dropped, so the cascade ends.
func drive(t *testing.T, m Model, msgs ...tea.Msg) Model {
	t.Helper()
	for _, msg := range msgs {
		m = cascade(t, m, msg)
	}
	return m
}

// cascade delivers one message and everything its commands lead to.
func cascade(t *testing.T, m Model, first tea.Msg) Model {
	t.Helper()
	m.spinning = true // keep the spinner's timed ticks out of the queue
	queue := []tea.Msg{first}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			t.Fatal("too many messages")
		}
		msg := queue[0]
		queue = queue[1:]
		// A batch or a sequence of commands (bubbletea's sequenceMsg
		// is a []Cmd too): run them in order.
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
			for i := range v.Len() {
				if r := runCmd(v.Index(i).Interface().(tea.Cmd)); r != nil {
					queue = append(queue, r)
				}
			}
			continue
		}
		nm, cmd := m.Update(msg)
		m = nm.(Model)
		m.spinning = true
		if r := runCmd(cmd); r != nil {
			queue = append(queue, r)
		}
	}
	return m
}

func runCmd(c tea.Cmd) tea.Msg {
	if c == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- c() }()
	select {
	case msg := <-ch:
		if t := fmt.Sprintf("%T", msg); strings.HasPrefix(t, "spinner.") || strings.HasPrefix(t, "cursor.") {
			return nil // a timer tick
		}
		return msg
	case <-time.After(10 * time.Second):
		return nil // a command that waits for input that never comes
	}
}

// started returns a model loaded, analysed and sized w×h.
func started(t *testing.T, opts Options, w, h int) Model {
	m := New(opts)
	return drive(t, m, tea.WindowSizeMsg{Width: w, Height: h}, m.Init()())
}

func screenOf(m Model) string { return ansi.Strip(m.View().Content) }

// TestHelpListsEachScreensKeys: the library's help lists its keys and
// not the reader's; the reader's lists every key it handles, also those
// that do nothing just now (] on the last article, n before a search).
func TestHelpListsEachScreensKeys(t *testing.T) {
	m := started(t, testOptions(), 120, 40)
	m = drive(t, m, press("?"))
	lib := screenOf(m)
	if !strings.Contains(lib, "filter") || strings.Contains(lib, "next match") || strings.Contains(lib, "key points") {
		t.Errorf("library help lists the wrong keys:\n%s", lib)
	}
	m = drive(t, m, press("?"), press("enter"), press("?"))
	help := screenOf(m)
	for _, want := range []string{"key points", "quotes", "phases", "article", "show in article", "search article",
		"next article", "previous article", "next match", "previous match", "quotes screen", "quote checked", "refresh feeds"} {
		if !strings.Contains(help, want) {
			t.Errorf("reader help lacks %q:\n%s", want, help)
		}
	}
	// n before any search says how to search.
	m = drive(t, m, press("?"), press("n"))
	if !strings.Contains(m.status.text, "/ searches the article") {
		t.Errorf("n without a search: status %q", m.status.text)
	}
}

func TestMouseWheelScrollsPanelUnderPointer(t *testing.T) {
	opts := testOptions()
	arts, briefs := testArticles()
	var qs []model.Quote
	for i := 1; i <= 30; i++ {
		qs = append(qs, model.Quote{Text: fmt.Sprintf("Pontoon %d is fine", i), Speaker: fmt.Sprintf("Speaker %d", i), Paragraph: i})
	}
	b := briefs[arts[1].ID]
	b.Quotes = qs
	briefs[arts[1].ID] = b
	opts.Analyze = func(a model.Article) model.Brief { return briefs[a.ID] }
	m := started(t, opts, 120, 40)
	m = drive(t, m, press("enter"))
	r := m.reader().layout.Sections[render.Quotes]
	m = drive(t, m, tea.MouseWheelMsg{X: r.X + 3, Y: r.Y + 3, Button: tea.MouseWheelDown})
	if m.reader().panels[render.Quotes].offset == 0 {
		t.Error("quotes panel did not scroll")
	}
	if m.reader().panels[render.KeyPoints].offset != 0 || m.reader().body.offset != 0 {
		t.Error("another section scrolled")
	}
	body := m.reader().layout.Sections[render.Article]
	m = drive(t, m, tea.MouseWheelMsg{X: body.X + 5, Y: body.Y + 2, Button: tea.MouseWheelDown})
	if m.reader().body.offset == 0 {
		t.Errorf("body did not scroll: %+v in %+v, %d lines", body, m.reader().layout, m.reader().body.lines())
	}
}

func TestThemeFollowsBackground(t *testing.T) {
	opts := testOptions()
	opts.Theme = "auto"
	m := started(t, opts, 120, 40)
	m = drive(t, m, press("enter"))
	if !m.st.Theme.Dark || m.reader().st.Glamour != "dark" {
		t.Fatal("auto theme should start dark")
	}
	m = drive(t, m, tea.BackgroundColorMsg{Color: whiteColor{}})
	if m.st.Theme.Dark || m.reader().st.Glamour != "light" {
		t.Error("a light background did not select the light theme")
	}
	if b := m.reader().body.body; b == nil || !b.Complete() {
		t.Error("body not re-rendered after the theme change")
	}
}

type whiteColor struct{}

func (whiteColor) RGBA() (r, g, b, a uint32) { return 0xffff, 0xffff, 0xffff, 0xffff }

func TestNoColor(t *testing.T) {
	opts := testOptions()
	opts.NoColor = true
	m := started(t, opts, 120, 40)
	m = drive(t, m, press("enter"), press("2"))
	out := m.View().Content
	for _, sgr := range []string{"[38;", "[48;", ";38;", ";48;"} {
		if strings.Contains(out, sgr) {
			t.Fatalf("colors drawn with NO_COLOR (%q)", sgr)
		}
	}
	if !strings.Contains(ansi.Strip(out), "┏━ 2 Quotes") {
		t.Error("focus not shown by the border without color")
	}
}

func TestResizeKeepsPosition(t *testing.T) {
	m := started(t, testOptions(), 120, 40)
	m = drive(t, m, press("enter"), press("2"), press("j"), press("enter"))
	b := m.reader().body
	if len(b.highlight) == 0 || b.highlight.Line() < b.offset || b.highlight.Line() >= b.offset+b.height {
		t.Fatalf("follow did not bring the quote into view: %+v at offset %d", b.highlight, b.offset)
	}
	if got := ansi.Strip(b.body.Lines[b.highlight.Line()]); !strings.Contains(got, "lighthouse will stay lit") {
		t.Fatalf("highlight on %q", got)
	}
	for _, sz := range [][2]int{{90, 30}, {200, 60}, {70, 24}, {120, 40}} {
		m = drive(t, m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		b := m.reader().body
		top := ansi.Strip(strings.Join(b.body.Lines[b.offset:min(b.offset+b.height, len(b.body.Lines))], " "))
		if !strings.Contains(top, "Ola Brandt") {
			t.Errorf("%dx%d: the quote left the view after resizing", sz[0], sz[1])
		}
		if m.reader().focus != render.Quotes || m.reader().panels[render.Quotes].selected != 1 {
			t.Errorf("%dx%d: focus or selection lost", sz[0], sz[1])
		}
	}
}

func TestStaleBodyDropped(t *testing.T) {
	m := started(t, testOptions(), 120, 40)
	m = drive(t, m, press("enter"))
	gen := m.reader().gen
	stale := bodyMsg{gen: gen - 1, id: m.reader().article.ID, width: 3, style: "dark", lines: [][]string{{"STALE"}}}
	m = drive(t, m, stale)
	if _, ok := m.reader().bodies[3]; ok || strings.Contains(screenOf(m), "STALE") {
		t.Error("a stale render result was used")
	}
}

func TestStreamFillsLibrary(t *testing.T) {
	arts, briefs := testArticles()
	opts := testOptions()
	opts.Load = nil
	opts.Stream = func(context.Context) <-chan source.Event {
		ch := make(chan source.Event, 4)
		ch <- source.Event{Origin: "a", Articles: arts[:1], Progress: source.Progress{Done: 1, Total: 3}}
		ch <- source.Event{Origin: "b", Err: &source.Error{Origin: "b", Err: errors.New("unreadable")}, Progress: source.Progress{Done: 2, Total: 3}}
		ch <- source.Event{Origin: "c", Articles: arts, Progress: source.Progress{Done: 3, Total: 3}}
		ch <- source.Event{Final: true, Progress: source.Progress{Done: 3, Total: 3}}
		close(ch)
		return ch
	}
	_ = briefs
	m := started(t, opts, 120, 30)
	if m.src.Busy() {
		t.Error("still loading after the final event")
	}
	if m.coll.Len() != 2 {
		t.Fatalf("%d articles, want 2 (a duplicate dropped)", m.coll.Len())
	}
	if m.coll.All()[0].ID != "t:harbour" {
		t.Errorf("newest article not first: %s", m.coll.All()[0].ID)
	}
	s := screenOf(m)
	if !strings.Contains(s, "1 source failed · E lists them · b: unreadable") {
		t.Errorf("failure not shown:\n%s", s)
	}
	if len(m.coll.briefs) != 2 {
		t.Errorf("%d briefs, want 2", len(m.coll.briefs))
	}
}

func TestColorlessTerminal(t *testing.T) {
	m := started(t, testOptions(), 120, 40)
	m = drive(t, m, press("enter"), tea.ColorProfileMsg{Profile: colorprofile.ASCII})
	if !m.noColor || m.reader().st.Glamour != "notty" {
		t.Error("a terminal without colors did not turn colors off")
	}
	if strings.Contains(m.View().Content, "[38;") {
		t.Error("colors drawn on a terminal without colors")
	}
}

func TestClickFollowsAndSwitchesTabs(t *testing.T) {
	m := started(t, testOptions(), 120, 40)
	m = drive(t, m, press("enter"))
	r := m.reader().layout.Sections[render.Quotes]
	item := m.reader().panels[render.Quotes].content.Items[1]
	y := r.Y + 1 + item.Text - m.reader().panels[render.Quotes].offset
	m = drive(t, m, tea.MouseClickMsg{X: r.X + 4, Y: y, Button: tea.MouseLeft})
	if m.reader().focus != render.Quotes || m.reader().panels[render.Quotes].selected != 1 {
		t.Fatalf("click did not select the second quote (focus %v, selected %d)", m.reader().focus, m.reader().panels[render.Quotes].selected)
	}
	if len(m.reader().body.highlight) == 0 {
		t.Error("click on a quote did not show it in the article")
	}
	m = drive(t, m, tea.WindowSizeMsg{Width: 70, Height: 24})
	tabs := m.reader().layout.Tabs
	x := strings.Index(ansi.Strip(render.Tabs(m.reader().State("", ""), tabs.W, m.st)), "3 Phases")
	m = drive(t, m, tea.MouseClickMsg{X: tabs.X + len([]rune(ansi.Strip(render.Tabs(m.reader().State("", ""), tabs.W, m.st))[:x])) + 1, Y: tabs.Y, Button: tea.MouseLeft})
	if m.reader().focus != render.Phases {
		t.Errorf("click on the Phases tab left focus on %v", m.reader().focus)
	}
}

// reader returns the reader in front, or the topmost one.
func (m Model) reader() *readerModel {
	for i := len(m.stack) - 1; i >= 0; i-- {
		if r, ok := m.stack[i].(*readerModel); ok {
			return r
		}
	}
	return nil
}

// screenName names the screen in front.
func (m Model) screenName() string { return m.front().(titled).Title() }
