package postgres

import (
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/brief-reader/brief/model/store"
)

// BenchmarkSharedMarks measures marks in a shared review on PostgreSQL
// with 8 reviewers marking their own quotes at once: each mark is one
// transaction with its undo entry, audit line and notification.
func BenchmarkSharedMarks(b *testing.B) {
	db, err := Open(bg, freshSchema(b))
	if err != nil {
		b.Fatal(err)
	}
	s := store.New(db)
	defer s.Close()
	var next atomic.Int64
	b.SetParallelism(4) // 4 × GOMAXPROCS reviewers
	b.RunParallel(func(pb *testing.PB) {
		r := next.Add(1)
		u := s.User(fmt.Sprintf("SHA256:r%d", r), store.WithReviewer(fmt.Sprintf("r%d", r)), store.WithSharedReview())
		for i := 0; pb.Next(); i++ {
			q := store.Quote{ArticleID: fmt.Sprintf("a%d", r), Key: fmt.Sprintf("p%d:k", i%50), Text: "words"}
			if _, err := u.ToggleQuoteMark(bg, q, store.MarkChecked); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "marks/s")
}
