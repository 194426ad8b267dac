package render

import (
	"strings"
	"time"

	"github.com/brief-reader/brief/model"
)

// fixture returns an article written for these tests and a brief that
// points into it, fixed here so that the goldens do not move when the
// analysis improves.
func fixture() (model.Article, model.Brief) {
	paras := []string{
		"SALTMERE — The town council on Monday approved a plan to rebuild the Saltmere sea wall in three phases, after winter storms breached it twice.",
		"What You Need To Know",
		"• Work on the sea wall starts in March",
		"• The first phase lasts eight weeks",
		"\"We cannot wait for a third breach,\" council leader Ada Brenner said. \"The sea does not care about our budget.\"",
		"Harbour engineer Tomas Ilves called the old wall \"a museum piece\" and said it had been patched forty times.",
		"The first phase would last eight weeks and rebuild the northern section. The second phase would raise the promenade. The final phase would add flood gates.",
		"A notice at the town hall reads: 防波堤の再建工事は三段階で行われます。第一段階は八週間続きます。",
		"Fishermen welcomed the plan 🎣 but asked for a quay to stay open.",
	}
	md := "SALTMERE — The town council on Monday approved a plan to rebuild the Saltmere sea wall in three phases, after winter storms breached it twice.\n\n" +
		"## What You Need To Know\n\n" +
		"- Work on the sea wall starts in March\n- The first phase lasts eight weeks\n\n" +
		paras[4] + "\n\n" + paras[5] + "\n\n" + paras[6] + "\n\n" + paras[7] + "\n\n" + paras[8] + "\n"
	a := model.Article{
		ID:         "fixture:saltmere",
		Title:      "Saltmere approves three-phase sea wall rebuild",
		Source:     "Coastline Gazette",
		Byline:     "By Petra Lind",
		Credit:     "Jon Ek contributed to this report.",
		Published:  time.Date(2026, 11, 20, 9, 15, 0, 0, time.UTC),
		Paragraphs: paras,
		Markdown:   md,
		Format:     model.FormatMarkdown,
	}
	q := func(p int, text, speaker, role string, partial, cont bool) model.Quote {
		i := strings.Index(paras[p], text)
		return model.Quote{Text: text, Speaker: speaker, Role: role, Partial: partial, Continued: cont, Paragraph: p, Span: model.Span{Start: i, End: i + len(text)}}
	}
	b := model.Brief{
		KeyPointsHeading: "What You Need To Know",
		KeyPoints: []model.KeyPoint{
			{Text: "Work on the sea wall starts in March", Paragraph: 2},
			{Text: "The first phase lasts eight weeks", Paragraph: 3},
		},
		Quotes: []model.Quote{
			q(4, "We cannot wait for a third breach,", "Ada Brenner", "council leader", false, false),
			q(4, "The sea does not care about our budget.", "Ada Brenner", "council leader", false, true),
			q(5, "a museum piece", "Tomas Ilves", "Harbour engineer", true, false),
		},
		Phases: []model.Phase{
			{N: 1, Label: "first phase", Summary: "The first phase would last eight weeks and rebuild the northern section.", Duration: "eight weeks", Paragraph: 6},
			{N: 2, Label: "second phase", Summary: "The second phase would raise the promenade.", Paragraph: 6},
			{N: 3, Label: "final phase", Summary: "The final phase would add flood gates.", Paragraph: 6},
		},
	}
	return a, b
}

// emptyFixture is an article with no key points, quotes or phases.
func emptyFixture() (model.Article, model.Brief) {
	paras := []string{
		"The Millbrook ferry will run a winter timetable from Sunday, with the last crossing at eight in the evening.",
		"Tickets bought for later crossings will be refunded at the harbour office.",
	}
	return model.Article{
		ID: "fixture:millbrook", Title: "Millbrook ferry moves to winter timetable",
		Paragraphs: paras, Markdown: strings.Join(paras, "\n\n") + "\n", Format: model.FormatText,
	}, model.Brief{}
}

func derivedKeyPoint(text string, para int) model.KeyPoint {
	return model.KeyPoint{Text: text, Paragraph: para, Derived: true}
}
