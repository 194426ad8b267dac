package tui

import (
	"context"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/render"
)

// readerModel is the reader screen: header, the three side panels, the
// article body, and the search input.
//
// The body is rendered by glamour in commands, block by block (see
// render.SplitBody): the first command renders about a screenful, later
// ones the rest in chunks. Each result carries the render generation,
// article ID and width; results of an older generation are dropped.
// Rendered bodies are kept per width for the open article, so a resize
// back to a known width costs nothing and View never renders Markdown.
type readerModel struct {
	id     int // tells this reader's renders from another's
	st     *render.Styles
	keys   ReaderKeys // a copy: each reader enables its own
	global *GlobalKeys
	triage *TriageKeys

	coll   *collection
	seq    sequence
	states *articleStates
	marks  *reviewModel

	article      *model.Article
	brief        *model.Brief
	index, total int

	focus  render.Section
	panels [3]panelModel
	body   bodyModel
	layout render.Layout
	width  int
	height int

	ctx     context.Context      // the program's
	stop    context.CancelFunc   // cancels the open article's renders
	bodyCtx context.Context      // the open article's renders run under it
	gen     int                  // body render generation
	active  int                  // width being rendered by generation gen, 0 when idle
	src     *render.BodySource   // the open article's blocks
	bodies  map[int]*render.Body // rendered bodies by width
	failed  bool                 // rendering failed; stop retrying
	drafted bool                 // the body shown is the plain draft (render.DraftBody)
	pending *followTarget        // a follow waiting for its block
	shown   *followTarget        // the follow whose words are highlighted
	inView  bool                 // the highlight was in view before the last resize

	atQuote   int  // the quote to show once the brief is in, or -1
	fromQuote bool // opened at a quote: one esc goes back

	search searchInput

	quoteMarks []render.QuoteMark // the mark on each quote of brief, nil for none
	refs       []store.QuoteRef   // the store's names of brief's quotes
	refsOf     *model.Brief       // the brief refs were made for
}

// sequence is the order the reader steps through with ] and [: the
// library's view.
type sequence interface {
	Neighbour(a *model.Article, d int) *model.Article
	Position(a *model.Article) (int, int)
	Shown() []*model.Article
}

// followTarget is where enter on a panel item leads: words in a
// paragraph, tried in order. scroll is false when the highlight is only
// to be redrawn (after a resize) without moving the view.
type followTarget struct {
	para   int
	texts  []string
	scroll bool
}

func newReader(ctx context.Context, id int, st *render.Styles, keys *KeyMap, coll *collection, seq sequence, states *articleStates, marks *reviewModel) *readerModel {
	r := &readerModel{ctx: ctx, id: id, st: st, keys: keys.ReaderKeys, global: &keys.GlobalKeys, triage: &keys.TriageKeys,
		coll: coll, seq: seq, states: states, marks: marks, atQuote: -1}
	r.body = newBody(r.global.nav())
	for s := render.KeyPoints; s <= render.Phases; s++ {
		r.panels[s] = newPanel(s, r.global.nav())
	}
	r.search = newSearchInput(st)
	return r
}

// Open shows article a with its brief (or none while it is analysed)
// and starts rendering its body; quote >= 0 shows that quote in the
// article, highlighted, once the brief is in.
func (r *readerModel) Open(a *model.Article, quote int) tea.Cmd {
	same := r.article != nil && r.article.ID == a.ID
	r.article = a
	r.index, r.total = r.seq.Position(a)
	if !same {
		r.restartRenders()
		r.brief = nil
		r.src, r.bodies, r.failed, r.pending, r.shown, r.active = nil, map[int]*render.Body{}, false, nil, nil, 0
		r.drafted = false
		for i := range r.panels {
			r.panels[i].Reset()
		}
		r.body = newBody(r.global.nav())
		r.search.Reset()
	}
	r.atQuote, r.fromQuote = quote, quote >= 0
	r.SetBrief(r.coll.Brief(a))
	r.relayout()
	defer r.updateKeys()
	if r.brief != nil && !same {
		return tea.Batch(r.ensureBody(), r.orphansStatus())
	}
	return r.ensureBody()
}

// restartRenders cancels the renders of the article that was open, so
// that a long or hostile body stops rendering once the reader leaves
// it, and makes the context the new article's renders run under.
func (r *readerModel) restartRenders() {
	r.Close()
	parent := r.ctx
	if parent == nil {
		parent = context.Background()
	}
	r.bodyCtx, r.stop = context.WithCancel(parent)
}

// Close stops the reader's renders (it left the stack).
func (r *readerModel) Close() {
	if r.stop != nil {
		r.stop()
	}
}

// SetBrief sets the open article's analysis (nil: still analysing).
func (r *readerModel) SetBrief(b *model.Brief) {
	if b == nil || r.article == nil {
		return
	}
	r.brief = b
	r.syncQuoteMarks()
	r.rebuildPanels()
	r.relayout()
	if r.atQuote >= 0 {
		r.FollowQuote(r.atQuote)
		r.atQuote = -1
	}
}

// Restyle switches to new styles (the theme changed): panels are rebuilt
// and the body re-rendered in the new glamour style.
func (r *readerModel) restyle(st *render.Styles) tea.Cmd {
	r.inView = r.highlightInView()
	r.st = st
	r.search.Restyle(st)
	r.rebuildPanels()
	r.bodies = map[int]*render.Body{}
	r.failed, r.active = false, 0
	return r.ensureBody()
}

// SetSize lays the screen out for w×h and re-renders the body when its
// width changed.
func (r *readerModel) SetSize(w, h int) tea.Cmd {
	r.inView = r.highlightInView()
	r.width, r.height = w, h
	r.relayout()
	defer r.updateKeys()
	return r.ensureBody()
}

// relayout computes the layout and sizes every part, rebuilding panel
// content when its width changed.
func (r *readerModel) relayout() {
	if r.width == 0 {
		return
	}
	for pass := 0; pass < 2; pass++ {
		var demand [3]int
		for i := range r.panels {
			demand[i] = render.Demand(r.panels[i].content)
		}
		r.layout = render.ComputeLayout(r.width, r.height, r.focus, demand)
		if r.layout.Mode == render.ModeTooSmall {
			return
		}
		changed := false
		for s := render.KeyPoints; s <= render.Phases; s++ {
			w, h := r.inner(s)
			if w != r.panels[s].width {
				changed = true
			}
			r.panels[s].SetSize(w, h)
		}
		if changed {
			r.rebuildPanels()
			continue
		}
		break
	}
	w, h := r.inner(render.Article)
	r.body.SetSize(w, h)
	r.search.SetWidth(r.width)
}

// inner is the content size of section s, also when narrow mode hides
// it (so a tab switch needs no re-wrapping).
func (r *readerModel) inner(s render.Section) (int, int) {
	l := r.layout
	if l.Mode == render.ModeNarrow && s != r.focus {
		l = render.ComputeLayout(r.width, r.height, s, [3]int{})
	}
	return l.Inner(s)
}

// measure is the width the body is wrapped at.
func (r *readerModel) measure() int {
	w, _ := r.inner(render.Article)
	return render.Measure(w)
}

// rebuildPanels lays out the panels' content at their widths.
func (r *readerModel) rebuildPanels() {
	if r.brief == nil {
		return
	}
	r.panels[render.KeyPoints].SetContent(render.KeyPointsContent(r.brief, r.panels[render.KeyPoints].width, r.st))
	r.panels[render.Quotes].SetContent(render.QuotesContent(r.brief, r.quoteMarks, r.panels[render.Quotes].width, r.st))
	r.panels[render.Phases].SetContent(render.PhasesContent(r.brief, r.panels[render.Phases].width, r.st))
}

// ensureBody shows the body rendered at the current width, starting or
// resuming its rendering when needed.
func (r *readerModel) ensureBody() tea.Cmd {
	if r.article == nil || r.layout.Mode == render.ModeTooSmall || r.failed {
		return nil
	}
	w := r.measure()
	if b := r.bodies[w]; b != nil {
		var cmd tea.Cmd
		if r.body.body != b {
			cmd = r.switchBody(b)
		}
		if b.Complete() || r.active == w {
			return cmd
		}
		r.gen, r.active = r.gen+1, w
		return tea.Batch(cmd, renderBodyCmd(r.bodyCtx, r.id, r.gen, r.article, r.src, w, r.st.Glamour, b.Rendered()))
	}
	if r.active == w {
		return nil
	}
	// Keep the body on screen and the one about to render; a window
	// dragged through many widths must not keep a copy for each.
	for k, b := range r.bodies {
		if b != r.body.body {
			delete(r.bodies, k)
		}
	}
	r.gen, r.active = r.gen+1, w
	cmd := renderBodyCmd(r.bodyCtx, r.id, r.gen, r.article, r.src, w, r.st.Glamour, 0)
	if r.body.body == nil {
		// Nothing on screen yet: show the plain text at once, and start
		// glamour (whose first render in a program costs a few
		// milliseconds) a frame later, so the first frame has the CPU.
		r.body.SetBody(render.DraftBody(r.article.Paragraphs, w), false)
		r.drafted = true
		cmd = afterFrame(cmd)
	}
	return cmd
}

// handleBody takes rendered blocks, dropping stale ones, and asks for
// the next chunk until the body is complete.
func (r *readerModel) handleBody(msg bodyMsg) tea.Cmd {
	if r.article == nil || msg.reader != r.id || msg.gen != r.gen || msg.id != r.article.ID || msg.style != r.st.Glamour {
		return nil
	}
	r.src = msg.src
	b := r.bodies[msg.width]
	if b == nil || msg.from == 0 {
		b = render.NewBody(msg.src, msg.width)
		r.bodies[msg.width] = b
	}
	if msg.from != b.Rendered() {
		return nil
	}
	if len(msg.lines) == 0 && !b.Complete() {
		r.failed, r.active, r.drafted = true, 0, false
		return status("could not render the article body", true)
	}
	b.Add(msg.lines)
	var cmd tea.Cmd
	if r.drafted {
		// The draft gives way to the rendered body, from the top.
		r.drafted = false
		r.body.SetBody(nil, false)
	}
	if r.measure() == msg.width {
		cmd = r.switchBody(b)
	}
	if b.Complete() {
		r.active = 0
		return cmd
	}
	return tea.Batch(cmd, renderBodyCmd(r.bodyCtx, r.id, r.gen, r.article, r.src, msg.width, msg.style, b.Rendered()))
}

// switchBody shows body b (more blocks of the same body, or the body at
// another width) keeping the reader's place: the highlighted words stay
// in view if they were, else the top line's block stays on top. The
// highlight and search marks are found again in b.
func (r *readerModel) switchBody(b *render.Body) tea.Cmd {
	old := r.body.body
	if old == b {
		r.body.SetBody(b, true)
		return r.applyFollow()
	}
	r.body.SetBody(b, true)
	if r.pending == nil && r.shown != nil {
		t := *r.shown
		t.scroll = r.inView
		r.pending = &t
	}
	return r.applyFollow()
}

// highlightInView reports whether the highlighted words are on screen.
func (r *readerModel) highlightInView() bool {
	h := r.body.highlight
	return len(h) > 0 && h.Line() >= r.body.offset && h.Line() < r.body.offset+r.body.height
}

// Busy reports whether analysis or rendering is under way.
func (r *readerModel) Busy() bool {
	if r.article == nil {
		return false
	}
	return r.brief == nil || r.body.body == nil || r.drafted || !r.body.body.Complete() && !r.failed
}

// State is what render draws.
func (r *readerModel) State(footer, spinner string) render.ReaderState {
	s := render.ReaderState{
		Article: r.article, Brief: r.brief, Index: r.index, Total: r.total,
		Focus: r.focus, Body: r.body.State(), Footer: footer, Spinner: spinner,
		Marks: readerMarks(r.states, r.article),
	}
	for i := range r.panels {
		s.Panels[i] = r.panels[i].State()
	}
	return s
}

// syncQuoteMarks takes the user's mark on each quote of the open
// article and redraws the Quotes panel when they changed. The quotes'
// store keys are hashed once per brief.
func (r *readerModel) syncQuoteMarks() {
	if r.marks.Empty() || r.article == nil || r.brief == nil {
		r.setQuoteMarks(nil)
		return
	}
	if r.refsOf != r.brief {
		id := model.ArticleID(*r.article)
		r.refs = make([]store.QuoteRef, len(r.brief.Quotes))
		for i, q := range r.brief.Quotes {
			r.refs[i] = store.QuoteRef{ArticleID: id, Key: model.QuoteKey(id, q)}
		}
		r.refsOf = r.brief
	}
	var marks []render.QuoteMark
	for i, ref := range r.refs {
		mk := r.marks.Of(ref)
		note, noteBy := r.marks.Note(ref)
		if mk != store.MarkNone || note != "" {
			if marks == nil {
				marks = make([]render.QuoteMark, len(r.refs))
			}
			marks[i] = render.QuoteMark{Mark: string(mk), Note: note, NoteBy: noteBy}
			if mk != store.MarkNone {
				marks[i].By = r.marks.By(ref)
			}
		}
	}
	r.setQuoteMarks(marks)
}

// setQuoteMarks sets the user's mark on each quote of the open article
// (nil for none) and redraws the Quotes panel when they changed.
func (r *readerModel) setQuoteMarks(marks []render.QuoteMark) {
	if slices.Equal(marks, r.quoteMarks) {
		return
	}
	r.quoteMarks = marks
	if r.brief != nil && r.panels[render.Quotes].width > 0 {
		r.panels[render.Quotes].SetContent(render.QuotesContent(r.brief, marks, r.panels[render.Quotes].width, r.st))
	}
}

// View draws the reader with footer as its last row.
func (r *readerModel) View(footer, spinner string) string {
	if r.layout.Mode == render.ModeTooSmall {
		return render.TooSmall(r.width, r.height, r.st)
	}
	return render.Reader(r.State(footer, spinner), r.layout, r.st)
}

// Footer is the search input while it is open.
func (r *readerModel) Footer() (string, bool) {
	if r.search.Active() {
		return r.search.View(), true
	}
	return "", false
}

// Typing reports whether the search input has the keyboard.
func (r *readerModel) Typing() bool { return r.search.Active() }

// Title names the screen.
func (r *readerModel) Title() string { return "reader" }

// Target is the open article, which the triage keys act on.
func (r *readerModel) Target() *model.Article { return r.article }

// Shown is the library view the reader steps through.
func (r *readerModel) Shown() []*model.Article { return r.seq.Shown() }

// frameHold is a frame and a little more at 120 frames a second.
const frameHold = 10 * time.Millisecond

// afterFrame runs cmd once the frame being drawn is out, so that work the
// frame does not need leaves it the CPU.
func afterFrame(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return tea.Tick(frameHold, func(time.Time) tea.Msg { return cmd() })
}
