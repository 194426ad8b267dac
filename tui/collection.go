package tui

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/analyze"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/store"
)

// collection is the articles of the program and their briefs: a plain
// data structure with no bubbletea in it. The sources model adds to it
// (and fills heads in), analysis results land in it, and the screens
// read it.
//
// Articles are kept newest first, then by title. Appending makes a new
// array, so a slice handed out earlier (a snapshot for a command) is
// never changed under its reader. Articles are held by pointer; a
// pointer stays the same article for the life of the program, which is
// how screens refer to them.
type collection struct {
	articles []*model.Article
	briefs   map[string]*model.Brief                // by article ID, speaker corrections applied
	analysed map[string]*model.Brief                // by article ID, as the analysis found them
	fixes    map[string]map[string]store.Correction // speaker corrections by article ID, by quote key
	orphans  map[string][]store.Orphan              // corrections that find no quote, by article ID
	seen     map[string]bool                        // article IDs held, to drop duplicates
	heads    map[string]*model.Article              // articles known only by their head (no body yet), by store ID
	open     map[*model.Article]bool                // articles a reader shows: kept when their file changes
	infos    map[string]store.BriefInfo             // stored briefs, by store ID: counts without the brief
	ids      map[string]*model.Article              // articles by store ID; nil when the articles changed
	dedup    source.Deduper                         // the same article reached twice (URL, or title and day) is held once
}

func newCollection() *collection {
	return &collection{
		briefs: map[string]*model.Brief{}, analysed: map[string]*model.Brief{}, seen: map[string]bool{},
		fixes: map[string]map[string]store.Correction{}, orphans: map[string][]store.Orphan{},
		heads: map[string]*model.Article{}, open: map[*model.Article]bool{}, infos: map[string]store.BriefInfo{},
	}
}

// grownMap returns m, or a copy of it with room for more entries when
// more is large against what m holds: a batch of 10,000 heads then does
// not grow the map step by step.
func grownMap[K comparable, V any](m map[K]V, more int) map[K]V {
	if more < 256 || len(m) > more {
		return m
	}
	n := make(map[K]V, len(m)+more)
	maps.Copy(n, m)
	return n
}

// idOf is the identity the store files an article under.
func idOf(a *model.Article) string { return model.ArticleID(*a) }

// newestFirst orders the collection: newest first, then by title.
func newestFirst(a, b *model.Article) int {
	if c := b.Published.Compare(a.Published); c != 0 {
		return c
	}
	return cmp.Compare(a.Title, b.Title)
}

// Len is the number of articles.
func (c *collection) Len() int { return len(c.articles) }

// All returns the articles, newest first. The slice must not be
// changed.
func (c *collection) All() []*model.Article { return c.articles }

// Index returns where a is, or -1.
func (c *collection) Index(a *model.Article) int { return slices.Index(c.articles, a) }

// ByID returns the article with ID id, or nil.
func (c *collection) ByID(id string) *model.Article {
	for _, a := range c.articles {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// Brief returns the brief of a with its speaker corrections, or nil
// while it is analysed.
func (c *collection) Brief(a *model.Article) *model.Brief { return c.briefs[a.ID] }

// Analysed returns the brief of a as the analysis found it, or nil.
func (c *collection) Analysed(a *model.Article) *model.Brief { return c.analysed[a.ID] }

// Orphans returns the speaker corrections of a that find no quote.
func (c *collection) Orphans(a *model.Article) []store.Orphan { return c.orphans[a.ID] }

// CorrectedAs returns the key of the correction that applies to quote i
// of a's brief, "" for none (see store.MatchCorrections).
func (c *collection) CorrectedAs(a *model.Article, i int) string {
	raw, fixes := c.analysed[a.ID], c.fixes[a.ID]
	if raw == nil || len(fixes) == 0 || i < 0 || i >= len(raw.Quotes) {
		return ""
	}
	keys, _ := store.MatchCorrections(a.ID, *raw, fixes)
	return keys[i]
}

// SetBriefs stores briefs by article ID, with their corrections applied.
func (c *collection) SetBriefs(briefs map[string]*model.Brief) {
	for id, b := range briefs {
		c.analysed[id] = b
		c.correct(id)
	}
}

// SetInfos records what the store holds of some articles' briefs.
func (c *collection) SetInfos(infos map[string]store.BriefInfo) {
	for id, i := range infos {
		c.infos[id] = i
	}
}

// Counts returns the quote and phase counts of a: from its brief, else
// from its stored brief (perhaps stale, until it is made again); ok is
// false when neither is known.
func (c *collection) Counts(a *model.Article) (quotes, phases int, ok bool) {
	if b := c.briefs[a.ID]; b != nil {
		return len(b.Quotes), len(b.Phases), true
	}
	if i, found := c.infos[idOf(a)]; found {
		return i.Quotes, i.Phases, true
	}
	return 0, 0, false
}

// KnownHashes returns, for those of arts whose brief the store has from
// this analyser version, the content hash it was made from, by store ID.
func (c *collection) KnownHashes(arts []*model.Article) map[string]string {
	out := map[string]string{}
	for _, a := range arts {
		if i, ok := c.infos[idOf(a)]; ok && i.Version == analyze.Version {
			out[idOf(a)] = i.Hash
		}
	}
	return out
}

// StoredBrief reports whether the store has a fresh brief of a, one to
// read rather than make.
func (c *collection) StoredBrief(a *model.Article) bool {
	i, ok := c.infos[idOf(a)]
	return ok && i.Fresh(analyze.Version)
}

// StaleHeads returns the store IDs of up to n heads, newest first, whose
// stored brief is missing or stale, leaving out those in skip.
func (c *collection) StaleHeads(n int, skip map[string]bool) []string {
	var ids []string
	for _, a := range c.articles {
		id := idOf(a)
		if c.heads[id] == nil || skip[id] || c.briefs[a.ID] != nil {
			continue
		}
		if i, ok := c.infos[id]; ok && i.Fresh(analyze.Version) {
			continue
		}
		ids = append(ids, id)
		if len(ids) == n {
			break
		}
	}
	return ids
}

// correct makes the brief of article id from its analysis and its
// corrections.
func (c *collection) correct(id string) {
	raw := c.analysed[id]
	if raw == nil {
		return
	}
	fixes := c.fixes[id]
	if len(fixes) == 0 {
		c.briefs[id], c.orphans[id] = raw, nil
		return
	}
	b, orphans := store.ApplyCorrections(id, *raw, fixes)
	c.briefs[id], c.orphans[id] = &b, orphans
}

// SetCorrections takes the review's speaker corrections (all of them)
// and applies those of the articles ids again; it returns the IDs of the
// articles held whose briefs it changed.
func (c *collection) SetCorrections(all map[store.QuoteRef]store.Correction, ids []string) []string {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
		delete(c.fixes, id)
	}
	for ref, cor := range all {
		if want[ref.ArticleID] {
			if c.fixes[ref.ArticleID] == nil {
				c.fixes[ref.ArticleID] = map[string]store.Correction{}
			}
			c.fixes[ref.ArticleID][ref.Key] = cor
		}
	}
	var changed []string
	for id := range want {
		if c.analysed[id] != nil {
			c.correct(id)
			changed = append(changed, id)
		}
	}
	return changed
}

// Analyzing reports whether some article with a body has no brief yet.
func (c *collection) Analyzing() bool { return len(c.briefs) < len(c.articles)-len(c.heads) }

// IsHead reports whether a is known only by its head (its body is still
// in the cache).
func (c *collection) IsHead(a *model.Article) bool { return c.heads[idOf(a)] == a }

// SetOpen records the articles readers show.
func (c *collection) SetOpen(arts []*model.Article) {
	clear(c.open)
	for _, a := range arts {
		c.open[a] = true
	}
}

// Add adds articles not held yet and returns them; an article that
// fills a head takes its place and is returned in filled.
func (c *collection) Add(arts []model.Article) (added, filled []*model.Article) {
	for i := range arts {
		a := &arts[i]
		if c.seen[a.ID] {
			if h := c.heads[idOf(a)]; h != nil {
				*h = *a
				delete(c.heads, idOf(a))
				filled = append(filled, h)
			}
			continue
		}
		if !c.dedup.Keep(*a) {
			continue // another ID, but the same URL, or title and day
		}
		c.seen[a.ID] = true
		added = append(added, a)
	}
	if len(added) > 0 {
		c.articles = append(slices.Clip(c.articles), added...)
		slices.SortStableFunc(c.articles, newestFirst)
		c.ids = nil
	}
	return added, filled
}

// AddHeads adds cached articles that no live source has brought; those
// without a body become heads when withBodies can read them later.
func (c *collection) AddHeads(heads []model.Article, withBodies bool) (added []*model.Article) {
	c.dedup.Grow(len(heads))
	c.seen = grownMap(c.seen, len(heads))
	if withBodies {
		c.heads = grownMap(c.heads, len(heads))
	}
	added = make([]*model.Article, 0, len(heads))
	for i := range heads {
		a := &heads[i]
		if c.seen[a.ID] || !c.dedup.Keep(*a) {
			continue
		}
		c.seen[a.ID] = true
		if withBodies && len(a.Paragraphs) == 0 {
			c.heads[idOf(a)] = a
		}
		added = append(added, a)
	}
	if len(added) > 0 {
		c.articles = append(slices.Clip(c.articles), added...)
		if !slices.IsSortedFunc(c.articles, newestFirst) {
			slices.SortStableFunc(c.articles, newestFirst)
		}
		c.ids = nil
	}
	return added
}

// Fill puts whole articles in place of their heads and returns the
// articles filled.
func (c *collection) Fill(arts []model.Article) (filled []*model.Article) {
	for i := range arts {
		a := &arts[i]
		if h := c.heads[idOf(a)]; h != nil {
			*h = *a
			delete(c.heads, idOf(a))
			filled = append(filled, h)
		}
	}
	return filled
}

// Unload turns the article with store ID id, which the cache keeps,
// back into a head without its body and brief, unless a reader shows it.
// Its brief, if it has one, is in the store; if not, it is analysed from
// the cache. It reports whether it did.
func (c *collection) Unload(id string) bool {
	a := c.byStoreID(id)
	if a == nil || c.open[a] {
		return false
	}
	a.Paragraphs, a.Markdown = nil, ""
	delete(c.briefs, a.ID)
	delete(c.analysed, a.ID)
	delete(c.orphans, a.ID)
	c.heads[id] = a
	return true
}

// byStoreID returns the article filed under store ID id, or nil.
func (c *collection) byStoreID(id string) *model.Article {
	if c.ids == nil {
		c.ids = make(map[string]*model.Article, len(c.articles))
		for _, a := range c.articles {
			c.ids[idOf(a)] = a
		}
	}
	return c.ids[id]
}

// DropHeads forgets every head: their bodies cannot be read in the
// background (they still open one by one).
func (c *collection) DropHeads() { clear(c.heads) }

// HeadIDs returns the store IDs of up to n heads, newest first.
func (c *collection) HeadIDs(n int) []string {
	var ids []string
	for _, a := range c.articles {
		if id := idOf(a); c.heads[id] != nil {
			ids = append(ids, id)
			if len(ids) == n {
				break
			}
		}
	}
	return ids
}

// Heads reports whether any head is left.
func (c *collection) Heads() bool { return len(c.heads) > 0 }

// DropOrigin removes the articles loaded from file path (a file that
// changed is loaded again), except those a reader shows, and reports
// whether it removed any.
func (c *collection) DropOrigin(path string) bool {
	from := func(a *model.Article) bool {
		return !c.open[a] && (a.Origin == path || strings.HasPrefix(a.Origin, path+"#"))
	}
	if !slices.ContainsFunc(c.articles, from) {
		return false
	}
	kept := make([]*model.Article, 0, len(c.articles))
	for _, a := range c.articles {
		if from(a) {
			delete(c.seen, a.ID)
			c.dedup.Forget(*a)
			continue
		}
		kept = append(kept, a)
	}
	c.articles = kept
	c.ids = nil
	return true
}
