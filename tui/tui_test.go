package tui

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/brief-reader/brief/model"
)

// testArticles are two articles written for these tests, with briefs
// fixed here so that the flows do not depend on the analysis.
func testArticles() ([]model.Article, map[string]model.Brief) {
	paras := []string{"HARBOURTON — The port will keep its old lighthouse running through the winter, the harbour board said on Friday."}
	for i := 1; i <= 30; i++ {
		paras = append(paras, fmt.Sprintf("Item %d of the board's minutes dealt with routine business: moorings, fees and the state of pontoon %d.", i, i))
	}
	paras = append(paras, "\"The lighthouse will stay lit,\" harbour master Ola Brandt said at the quay on Friday evening.")
	paras = append(paras, "The first phase of the repairs would last three weeks.")
	a := model.Article{
		ID: "t:harbour", Title: "Harbour lights stay on for winter", Source: "Test Gazette",
		Published: time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC), Paragraphs: paras,
		Markdown: strings.Join(paras, "\n\n") + "\n", Format: model.FormatText,
	}
	fparas := []string{"The Millbrook ferry runs its winter timetable from Sunday.", "The last crossing leaves at eight in the evening."}
	f := model.Article{
		ID: "t:ferry", Title: "Ferry timetable changes", Source: "Test Gazette",
		Published: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), Paragraphs: fparas,
		Markdown: strings.Join(fparas, "\n\n") + "\n", Format: model.FormatText,
	}
	n := len(paras)
	briefs := map[string]model.Brief{
		a.ID: {
			KeyPoints: []model.KeyPoint{{Text: "The port will keep its old lighthouse running", Derived: true, Paragraph: 0}},
			Quotes: []model.Quote{
				{Text: "keep its old lighthouse running", Speaker: "harbour board", Partial: true, Paragraph: 0},
				{Text: "The lighthouse will stay lit,", Speaker: "Ola Brandt", Role: "harbour master", Paragraph: n - 2},
			},
			Phases: []model.Phase{{N: 1, Label: "first phase", Summary: "The first phase of the repairs would last three weeks.", Duration: "three weeks", Paragraph: n - 1}},
		},
		f.ID: {},
	}
	return []model.Article{f, a}, briefs
}

func testOptions() Options {
	arts, briefs := testArticles()
	return Options{
		Theme:   "dark",
		Load:    func(context.Context) ([]model.Article, []error) { return arts, nil },
		Analyze: func(a model.Article) model.Brief { return briefs[a.ID] },
	}
}

// frames records every frame the program draws, ANSI stripped, and
// reads them back to teatest.WaitFor one after another, separated by
// form feeds, so that conditions can look at whole screens rather than
// at the renderer's diffs.
type frames struct {
	mu      sync.Mutex
	all     []string
	pending []byte
	sent    int
}

func (f *frames) add(s string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if n := len(f.all); n == 0 || f.all[n-1] != s {
		f.all = append(f.all, s)
	}
}

func (f *frames) Read(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for ; f.sent < len(f.all); f.sent++ {
		f.pending = append(f.pending, '\f')
		f.pending = append(f.pending, f.all[f.sent]...)
	}
	if len(f.pending) == 0 {
		return 0, io.EOF
	}
	n := copy(p, f.pending)
	f.pending = f.pending[n:]
	return n, nil
}

// recorded wraps a model to record its frames.
type recorded struct {
	m   tea.Model
	rec *frames
}

func (r recorded) Init() tea.Cmd { return r.m.Init() }
func (r recorded) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	// teatest's output is no terminal, so bubbletea reports NoTTY; the
	// frames are read without attributes anyway. Stand for a terminal
	// with attributes but no colors, so that the flows read the same
	// text a user sees (TERM=dumb's brackets have their own test).
	if p, ok := msg.(tea.ColorProfileMsg); ok && p.Profile == colorprofile.NoTTY {
		msg = tea.ColorProfileMsg{Profile: colorprofile.ASCII}
	}
	m, cmd := r.m.Update(msg)
	return recorded{m, r.rec}, cmd
}
func (r recorded) View() tea.View {
	v := r.m.View()
	r.rec.add(ansi.Strip(v.Content))
	return v
}

// lastFrame returns the last whole frame in the bytes read so far.
func lastFrame(b []byte) string {
	s := string(b)
	return s[strings.LastIndexByte(s, '\f')+1:]
}

// waitScreen waits until the screen shows every one of want.
func waitScreen(t *testing.T, rec *frames, want ...string) {
	t.Helper()
	teatest.WaitFor(t, rec, func(b []byte) bool {
		f := lastFrame(b)
		for _, w := range want {
			if !strings.Contains(f, w) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(15*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

func press(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

func TestReaderFlow(t *testing.T) {
	rec := &frames{}
	tm := teatest.NewTestModel(t, recorded{New(testOptions()), rec}, teatest.WithInitialTermSize(120, 40))

	// The library lists both articles, newest first.
	waitScreen(t, rec, "2 articles", "Harbour lights stay on for winter", "Ferry timetable changes")

	// Open the newest article.
	tm.Send(press("enter"))
	waitScreen(t, rec, "1/2", "4 Article", "Key points (1)", "Quotes (2)", "Phases (1)", "HARBOURTON")

	// Jump between sections with 1–4.
	tm.Send(press("2"))
	waitScreen(t, rec, "┏━ 2 Quotes")
	tm.Send(press("3"))
	waitScreen(t, rec, "┏━ 3 Phases", "1. First phase · three weeks")
	tm.Send(press("4"))
	waitScreen(t, rec, "┏━ 4 Article")
	tm.Send(press("2"))
	waitScreen(t, rec, "┏━ 2 Quotes")

	// Follow the second quote to its paragraph, far down the article.
	tm.Send(press("j"))
	tm.Send(press("enter"))
	waitScreen(t, rec, "said at the quay on Friday evening")

	// Search the article from its top.
	tm.Send(press("4"))
	tm.Send(press("g"))
	waitScreen(t, rec, "┏━ 4 Article", "HARBOURTON")
	tm.Send(press("/"))
	tm.Type("pontoon 2")
	tm.Send(press("enter"))
	waitScreen(t, rec, "match 1/11")
	tm.Send(press("n"))
	waitScreen(t, rec, "match 2/11")
	tm.Send(press("N"))
	waitScreen(t, rec, "match 1/11")
	tm.Send(press("2"))

	// Narrow terminal: one section at a time under a tab bar.
	tm.Send(tea.WindowSizeMsg{Width: 70, Height: 30})
	waitScreen(t, rec, "1 Key points 1 │ 2 Quotes 2 │ 3 Phases 1 │ 4 Article")
	tm.Send(press("1"))
	waitScreen(t, rec, "The port will keep its old lighthouse running")

	// Too small, then back.
	tm.Send(tea.WindowSizeMsg{Width: 30, Height: 8})
	waitScreen(t, rec, "Too small")
	tm.Send(tea.WindowSizeMsg{Width: 120, Height: 40})
	waitScreen(t, rec, "┏━ 1 Key points")

	// Next article, back to the library, quit.
	tm.Send(press("]"))
	waitScreen(t, rec, "Ferry timetable changes", "2/2", "No quotes in this article")
	tm.Send(press("esc"))
	waitScreen(t, rec, "brief · library")
	tm.Send(press("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(15*time.Second))

	fm := tm.FinalModel(t).(recorded).m.(Model)
	if fm.screenName() != "library" {
		t.Errorf("final screen %s, want the library", fm.screenName())
	}
	if sel := fm.library.Target(); sel.ID != "t:ferry" {
		t.Errorf("library selection is %q, want the article last read", sel.ID)
	}
}

func TestLibraryFilter(t *testing.T) {
	rec := &frames{}
	tm := teatest.NewTestModel(t, recorded{New(testOptions()), rec}, teatest.WithInitialTermSize(100, 30))
	waitScreen(t, rec, "2 articles")
	tm.Send(press("/"))
	tm.Type("ferry")
	waitScreen(t, rec, "1 of 2 articles", "Ferry timetable changes")
	tm.Send(press("enter"))
	tm.Send(press("enter"))
	waitScreen(t, rec, "1/1", "The Millbrook ferry runs")
	tm.Send(press("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(15*time.Second))
}
