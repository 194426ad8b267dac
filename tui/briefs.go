package tui

import (
	"context"
	"runtime"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/analyze"
	"github.com/brief-reader/brief/model/store"
)

// BriefStore keeps each article's brief beside it, made from the
// article's content hash by an analyser version (store.Store): the
// library shows counts and the Quotes screen quotes without analysing
// again, and only new, changed or stale articles are analysed.
type BriefStore interface {
	// BriefInfos returns the counts and hashes of every stored brief.
	BriefInfos(ctx context.Context) (map[string]store.BriefInfo, error)
	// Briefs returns the stored briefs of ids (all when nil).
	Briefs(ctx context.Context, ids []string) (map[string]store.StoredBrief, error)
	// PutBriefs stores briefs.
	PutBriefs(ctx context.Context, briefs []store.StoredBrief) error
}

// analyzer analyses articles in commands, a chunk per command. With a
// BriefStore, a chunk first takes the stored briefs made by this
// analyser version from the same content, analyses the rest and stores
// their briefs.
type analyzer struct {
	ctx   context.Context
	fn    func(model.Article) model.Brief
	store BriefStore
}

// analyzeChunk is how many articles one analysis command handles. Each
// chunk's result is a message, and every message costs an update and a
// whole view of the screen (1-2 ms with a large library): at 16 a 10,000
// item feed made 625 of them. 64 articles take about 15-30 ms of one
// core to analyse, short enough for keys to go first.
const analyzeChunk = 64

// analyzedMsg carries the briefs of some articles, by article ID, and
// the info of each, by store ID; queued is true for a chunk of the
// background queue (sources.Analyze).
type analyzedMsg struct {
	briefs map[string]*model.Brief
	infos  map[string]store.BriefInfo
	queued bool
	err    error // storing or reading briefs failed (the briefs are still good)
}

// cmd returns the command that analyses arts. known holds the content
// hashes of the briefs the store has from this analyser version, by
// store ID (collection.KnownHashes): only those are worth reading. An
// article held as a head (no body) is read whole with read first.
func (an analyzer) cmd(arts []*model.Article, known map[string]string, read func(context.Context, string) (model.Article, bool, error), queued bool) tea.Cmd {
	chunk := make([]model.Article, 0, len(arts))
	var heads []string
	for _, a := range arts {
		if len(a.Paragraphs) == 0 && a.Markdown == "" && read != nil && an.store != nil {
			heads = append(heads, idOf(a))
			continue
		}
		chunk = append(chunk, *a)
	}
	return func() tea.Msg {
		var err error
		for _, id := range heads {
			a, ok, rerr := read(an.ctx, id)
			if rerr != nil {
				err = rerr
				break
			}
			if ok {
				chunk = append(chunk, a)
			}
		}
		msg := an.chunk(chunk, known)
		msg.queued = queued
		if err != nil {
			msg.err = err
		}
		return msg
	}
}

// chunk analyses one chunk of articles.
func (an analyzer) chunk(arts []model.Article, known map[string]string) analyzedMsg {
	msg := analyzedMsg{briefs: make(map[string]*model.Brief, len(arts)), infos: make(map[string]store.BriefInfo, len(arts))}
	hashes := make([]string, len(arts))
	var want []string
	for i, a := range arts {
		if an.store == nil {
			continue
		}
		hashes[i] = model.ContentHash(a)
		if h, ok := known[idOf(&a)]; ok && h == hashes[i] {
			want = append(want, idOf(&a))
		}
	}
	var stored map[string]store.StoredBrief
	if len(want) > 0 {
		stored, msg.err = an.store.Briefs(an.ctx, want)
	}
	var put []store.StoredBrief
	for i, a := range arts {
		id := idOf(&a)
		sb, ok := stored[id]
		if !ok || sb.Hash != hashes[i] || sb.Version != analyze.Version {
			sb = store.StoredBrief{ArticleID: id, Hash: hashes[i], Version: analyze.Version, Brief: an.fn(a)}
			put = append(put, sb)
		}
		b := sb.Brief
		msg.briefs[a.ID] = &b
		if an.store != nil {
			msg.infos[id] = infoOf(sb)
		}
	}
	if an.store != nil && len(put) > 0 {
		if err := an.store.PutBriefs(an.ctx, put); err != nil && msg.err == nil {
			msg.err = err
		}
	}
	return msg
}

// maxAnalyzing is how many chunks of the background queue are analysed
// at once: one per core, so a large load neither starts thousands of
// goroutines nor holds every article's body until its turn.
func maxAnalyzing() int { return runtime.GOMAXPROCS(0) }

// Analyze analyses arts: urgent ones (an article being opened) at once,
// the rest through a queue, a few chunks at a time, in arrival order.
func (s *sources) Analyze(arts []*model.Article, urgent bool) tea.Cmd {
	if len(arts) == 0 {
		return nil
	}
	if urgent {
		return s.an.cmd(arts, s.coll.KnownHashes(arts), s.opts.Article, false)
	}
	s.queue = append(s.queue, arts...)
	return s.pump()
}

// Analyzed notes that a chunk of the queue is done and starts the next.
func (s *sources) Analyzed(msg analyzedMsg) tea.Cmd {
	if msg.queued {
		s.analyzing--
	}
	return s.pump()
}

// pump starts chunks of the queue while fewer than maxAnalyzing run.
func (s *sources) pump() tea.Cmd {
	var cmds []tea.Cmd
	for s.analyzing < maxAnalyzing() && len(s.queue) > 0 {
		var chunk []*model.Article
		for len(s.queue) > 0 && len(chunk) < analyzeChunk {
			a := s.queue[0]
			s.queue = s.queue[1:]
			if s.coll.Brief(a) == nil && s.coll.Index(a) >= 0 {
				chunk = append(chunk, a)
			}
		}
		if len(chunk) == 0 {
			continue
		}
		s.analyzing++
		cmds = append(cmds, s.an.cmd(chunk, s.coll.KnownHashes(chunk), s.opts.Article, true))
	}
	if len(s.queue) == 0 {
		s.queue = nil
	}
	return tea.Batch(cmds...)
}

// infoOf is the info of a brief made from the article it names.
func infoOf(sb store.StoredBrief) store.BriefInfo {
	return store.BriefInfo{Hash: sb.Hash, Version: sb.Version, Quotes: len(sb.Brief.Quotes), Phases: len(sb.Brief.Phases), ArticleHash: sb.Hash}
}

// reanalyzeChunk is how many stale cached articles one background
// command reads and analyses again.
const reanalyzeChunk = 16

// reanalyzedMsg carries the infos of cached articles analysed again in
// the background.
type reanalyzedMsg struct {
	infos map[string]store.BriefInfo
	tried []string
	err   error
}

// reanalyzeNext analyses again, in the background, the next few cached
// articles whose stored brief is missing or stale (another analyser
// version, or the article changed): their bodies are read from the cache
// and dropped again, and their briefs stored. One chunk runs at a time,
// so it never takes more than one core from the keys.
func (s *sources) reanalyzeNext() tea.Cmd {
	if s.reanalyzing || s.waitInfos || !s.headsIn || s.opts.Briefs == nil || s.opts.Article == nil {
		return nil
	}
	ids := s.coll.StaleHeads(reanalyzeChunk, s.tried)
	if len(ids) == 0 {
		return nil
	}
	for _, id := range ids {
		s.tried[id] = true
	}
	s.reanalyzing = true
	ctx, read, an := s.ctx, s.opts.Article, s.an
	return func() tea.Msg {
		msg := reanalyzedMsg{tried: ids}
		var arts []model.Article
		for _, id := range ids {
			a, ok, err := read(ctx, id)
			if err != nil {
				msg.err = err
				break
			}
			if ok {
				arts = append(arts, a)
			}
		}
		res := an.chunk(arts, nil)
		msg.infos = res.infos
		if msg.err == nil {
			msg.err = res.err
		}
		return msg
	}
}

// handleReanalyzed records the new infos and goes on with the next
// chunk.
func (s *sources) handleReanalyzed(msg reanalyzedMsg) tea.Cmd {
	s.reanalyzing = false
	s.coll.SetInfos(msg.infos)
	if msg.err != nil {
		return status("briefs: "+msg.err.Error(), true)
	}
	return tea.Batch(emit(briefsChangedMsg{}), s.reanalyzeNext())
}

// briefsChangedMsg tells the screens that counts or stored briefs
// changed.
type briefsChangedMsg struct{}
