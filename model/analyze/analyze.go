// Package analyze finds the shape of an article: its key points, its direct
// quotes and who said them, the phases of any plan it describes, and the
// people it names.
//
// Analysis is pure and deterministic: no I/O, no network, no shared mutable
// state, so Analyze is safe to call from many goroutines at once. Each
// construct lives in its own file (keypoints.go, quotes.go, speakers.go,
// phases.go, people.go) over the shared sentence model in text.go.
package analyze

import "github.com/brief-reader/brief/model"

// Analyze returns the brief of an article.
func Analyze(a model.Article) model.Brief {
	doc := newDocument(model.BoundParagraphs(a.Paragraphs))
	defer doc.release()
	var b model.Brief
	b.KeyPoints, b.KeyPointsHeading = keyPoints(doc, a.Title)
	b.Quotes, b.People = quotesAndPeople(doc, a.Title)
	b.Phases = phases(doc, a.Title)
	return b
}
