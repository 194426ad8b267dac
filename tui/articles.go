package tui

// The library's articles: adding loaded ones, their analysis, and
// opening one in the reader.

import (
	"cmp"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
)

// handleLoaded adds loaded articles (dropping ones already loaded),
// keeps the library sorted newest first and starts their analysis. When
// loading is done and it found a single article, that article opens
// straight in the reader.
func (m Model) handleLoaded(arts []model.Article, errs []string, done bool, next tea.Cmd) (Model, tea.Cmd) {
	m.loading = !done
	m.errs = append(m.errs, errs...)
	var added []*model.Article
	for i := range arts {
		a := &arts[i]
		if m.seen[a.ID] {
			m.replaceHead(a)
			continue
		}
		m.seen[a.ID] = true
		added = append(added, a)
	}
	var open *model.Article
	if m.screen == screenReader {
		open = m.articles[m.current]
	}
	m.articles = append(slices.Clip(m.articles), added...) // a new array: the library still reads the old one
	slices.SortStableFunc(m.articles, func(a, b *model.Article) int {
		if c := b.Published.Compare(a.Published); c != 0 {
			return c
		}
		return cmp.Compare(a.Title, b.Title)
	})
	if open != nil {
		m.current = slices.Index(m.articles, open)
	}
	m.library.SetArticles(m.articles, m.errs)
	cmds := append(analyzeCmds(added, m.opts.Analyze), next, m.added(added))
	if done && len(m.articles) == 1 && m.screen == screenLibrary && !m.tri.live {
		m2, cmd := m.open(0)
		return m2, tea.Batch(append(cmds, cmd)...)
	}
	return m, tea.Batch(cmds...)
}

// handleAnalyzed stores briefs and hands the open article its own.
func (m Model) handleAnalyzed(msg analyzedMsg) (Model, tea.Cmd) {
	for id, b := range msg.briefs {
		m.briefs[id] = b
	}
	if a := m.reader.article; a != nil && m.reader.brief == nil {
		m.reader.SetBrief(m.briefs[a.ID])
	}
	return m, nil
}

// open shows article i in the reader.
func (m Model) open(i int) (Model, tea.Cmd) {
	if i < 0 || i >= len(m.articles) {
		return m, nil
	}
	if m.tri.heads[idOf(m.articles[i])] != nil {
		return m, m.loadHead(i)
	}
	m.current = i
	m.screen = screenReader
	m.showHelp = false
	a := m.articles[i]
	m.library.Pin(a)
	read := m.markOpened(a)
	pos, total := m.library.Position(i), len(m.library.Order())
	if pos < 0 {
		pos, total = i, len(m.articles)
	}
	cmd := m.reader.Open(a, m.briefs[a.ID], pos+1, total)
	if m.briefs[a.ID] == nil {
		cmd = tea.Batch(cmd, analyzeCmds([]*model.Article{a}, m.opts.Analyze)[0])
	}
	return m, tea.Batch(cmd, read)
}

// step opens the next or previous article in the library's order.
func (m Model) step(d int) (Model, tea.Cmd) {
	order := m.library.Order()
	p := m.library.Position(m.current) + d
	if p < 0 || p >= len(order) {
		return m, nil
	}
	m.library.Select(order[p])
	return m.open(order[p])
}
