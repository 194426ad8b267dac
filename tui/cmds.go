package tui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/render"
)

// Messages of the asynchronous work. Each carries the identity of what
// it was started for (a load generation, an article ID, a render
// generation and width) so that results that arrive too late are
// dropped.

// loadedMsg carries the loaded articles.
type loadedMsg struct {
	articles []model.Article
	errs     []error
}

// streamMsg carries the events a stream had ready; done is true after
// its last.
type streamMsg struct {
	events []source.Event
	done   bool
	ch     <-chan source.Event // set on the first message: the stream to wait on
}

// startStream starts a loading stream and waits for its first events.
func startStream(ctx context.Context, stream func(context.Context) <-chan source.Event) tea.Cmd {
	return func() tea.Msg {
		ch := stream(ctx)
		msg := waitStream(ch)().(streamMsg)
		msg.ch = ch
		return msg
	}
}

// streamBatch is the most events one message carries.
const streamBatch = 256

// waitStream waits for the next events of a loading stream: it blocks
// for one, then takes whatever else is already waiting.
func waitStream(ch <-chan source.Event) tea.Cmd {
	return func() tea.Msg {
		ev, ok := <-ch
		return streamEvents(ch, ev, ok)
	}
}

// streamEvents is the message for the event ev received from ch (ok
// false: ch was closed) and whatever else is already waiting on ch.
func streamEvents(ch <-chan source.Event, ev source.Event, ok bool) streamMsg {
	if !ok {
		return streamMsg{done: true}
	}
	msg := streamMsg{events: []source.Event{ev}, done: ev.Final}
	for !msg.done && len(msg.events) < streamBatch {
		select {
		case ev, ok := <-ch:
			if !ok {
				msg.done = true
				break
			}
			msg.events = append(msg.events, ev)
			msg.done = ev.Final
			continue
		default:
		}
		break
	}
	return msg
}

// bodyMsg carries rendered body blocks for one article at one width.
type bodyMsg struct {
	reader int // the reader it was started for
	gen    int // render generation of the reader
	id     string
	width  int
	style  string
	src    *render.BodySource
	from   int // index of the first block carried
	lines  [][]string
}

// loadCmd loads the articles with the configured loader.
func loadCmd(ctx context.Context, load func(context.Context) ([]model.Article, []error)) tea.Cmd {
	return func() tea.Msg {
		if load == nil {
			return loadedMsg{}
		}
		arts, errs := load(ctx)
		return loadedMsg{articles: arts, errs: errs}
	}
}

// firstScreenLines is how many body lines the first render command
// produces before handing back: a little more than the tallest screen.
const firstScreenLines = 120

// restChunk is how many blocks each later render command renders.
const restChunk = 64

// renderBodyCmd renders an article body at width: when src is nil it
// splits the article first and renders the first screenful; otherwise
// it renders the next chunk of blocks from `from`. It stops between
// blocks once ctx is done (another article opened, the reader closed,
// the program ended).
func renderBodyCmd(ctx context.Context, reader, gen int, a *model.Article, src *render.BodySource, width int, style string, from int) tea.Cmd {
	if ctx == nil {
		ctx = context.Background()
	}
	return func() tea.Msg {
		if src == nil {
			src = render.SplitBody(*a)
		}
		r, err := render.NewBodyRenderer(width, style)
		if err != nil {
			return bodyMsg{reader: reader, gen: gen, id: a.ID, width: width, style: style, src: src, from: from}
		}
		var lines [][]string
		if from == 0 {
			lines = render.RenderUntil(ctx, r, src, 0, firstScreenLines)
		} else {
			lines = render.RenderBlocks(ctx, r, src, from, from+restChunk)
		}
		return bodyMsg{reader: reader, gen: gen, id: a.ID, width: width, style: style, src: src, from: from, lines: lines}
	}
}
