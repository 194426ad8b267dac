package tui

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/source"
)

// cascadeOneByOne is cascade with the commands of every tea.Batch run
// one at a time, each with everything it leads to before the next
// starts, first to last or (lastFirst) last to first: bubbletea runs a
// batch's commands concurrently, so on a busy machine one of them may
// finish after all the others and what they led to. A sequence keeps
// its order.
func cascadeOneByOne(t *testing.T, m Model, msg tea.Msg, lastFirst bool) Model {
	t.Helper()
	if msg == nil {
		return m
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		cmds := make([]tea.Cmd, v.Len())
		for i := range cmds {
			cmds[i] = v.Index(i).Interface().(tea.Cmd)
		}
		if _, batch := msg.(tea.BatchMsg); batch && lastFirst {
			slices.Reverse(cmds)
		}
		for _, c := range cmds {
			m = cascadeOneByOne(t, m, runCmd(c), lastFirst)
		}
		return m
	}
	m.spinning = true
	nm, cmd := m.Update(msg)
	m = nm.(Model)
	m.spinning = true
	return cascadeOneByOne(t, m, runCmd(cmd), lastFirst)
}

// TestRefreshStatusEndsWithItsResult: R says "refreshing feeds…" and,
// when the refresh is done, what it brought; in whatever order the
// commands behind R finish, the status line never goes back to
// "refreshing feeds…" after the result (seen under load in
// TestRefreshAndCachedHeads).
func TestRefreshStatusEndsWithItsResult(t *testing.T) {
	opts, _ := triageOptions(t)
	arts, _ := testArticles()
	fresh := arts[1]
	fresh.ID, fresh.Title, fresh.Origin = "t:fresh", "Fresh tide tables published", "https://news.example/feed#1"
	opts.Refresh = func(context.Context) <-chan source.Event {
		ch := make(chan source.Event, 2)
		ch <- source.Event{Origin: "https://news.example/feed", Articles: []model.Article{fresh}}
		ch <- source.Event{Final: true}
		close(ch)
		return ch
	}
	for _, lastFirst := range []bool{false, true} {
		m := cascadeOneByOne(t, started(t, opts, 120, 30), press("R"), lastFirst)
		lines := strings.Split(screenOf(m), "\n")
		if footer := lines[len(lines)-1]; !strings.Contains(footer, "refreshed: 1 new article") {
			t.Errorf("batches run one by one (last first: %v): after the refresh ended the status line says %q", lastFirst, strings.TrimSpace(footer))
		}
	}
}

// TestTriageStatusesInOrder: each triage write reports itself in the
// status line when the store has it, after the one before: when the
// report of a read (r) is slow to arrive, the archive (A) that follows
// still has the last word. Before, A's write started as soon as r's
// was stored and the two reports raced (TestArchiveReadBulk failing
// under go test -cpu 1: "read 1 article" after "archive 1 article read").
func TestTriageStatusesInOrder(t *testing.T) {
	opts, u := triageOptions(t)
	m := started(t, opts, 120, 30)
	// cascade, except that what the first stored write leads to is held
	// back until everything else, A included, has run: bubbletea runs it
	// in a goroutine, which may be slow.
	var held tea.Cmd
	holding := true
	var run func(m Model, msg tea.Msg) Model
	run = func(m Model, msg tea.Msg) Model {
		if msg == nil {
			return m
		}
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
			for i := range v.Len() {
				m = run(m, runCmd(v.Index(i).Interface().(tea.Cmd)))
			}
			return m
		}
		_, written := msg.(triageMsg)
		m.spinning = true
		nm, cmd := m.Update(msg)
		m = nm.(Model)
		m.spinning = true
		if written && holding {
			held, holding = cmd, false
			return m
		}
		return run(m, runCmd(cmd))
	}
	m = run(m, press("r"))
	if held == nil {
		t.Fatal("r's write led to nothing: the test holds nothing back")
	}
	m = run(m, press("A"))
	m = run(m, runCmd(held))
	lines := strings.Split(screenOf(m), "\n")
	if footer := lines[len(lines)-1]; !strings.Contains(footer, "archive 1 article read") {
		t.Errorf("after r then A the status line says %q", strings.TrimSpace(footer))
	}
	if !stateOf(t, u, "t:harbour").Archived {
		t.Error("A did not archive the article read")
	}
}
