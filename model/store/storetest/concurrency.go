package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/brief-reader/brief/model/store"
)

// Act performs the i-th action of a writer whose articles are named with
// prefix: nine in ten star a fresh article, one in ten marks three fresh
// articles read in one bulk action. The concurrency and crash tests of the
// backends write with it and check with [CheckAct].
func Act(ctx context.Context, u *store.User, prefix string, i int) error {
	var err error
	if i%10 == 9 {
		ids := []string{
			fmt.Sprintf("%s-%d-0", prefix, i), fmt.Sprintf("%s-%d-1", prefix, i), fmt.Sprintf("%s-%d-2", prefix, i),
		}
		_, err = u.SetRead(ctx, ids, true)
	} else {
		_, err = u.ToggleStarred(ctx, fmt.Sprintf("%s-%d", prefix, i))
	}
	return err
}

// CheckAct reports what is missing of the i-th action of prefix.
func CheckAct(states map[string]store.ArticleState, prefix string, i int) error {
	if i%10 == 9 {
		for j := range 3 {
			id := fmt.Sprintf("%s-%d-%d", prefix, i, j)
			if !states[id].Read {
				return fmt.Errorf("action %d: %s not read", i, id)
			}
		}
		return nil
	}
	if id := fmt.Sprintf("%s-%d", prefix, i); !states[id].Starred {
		return fmt.Errorf("action %d: %s not starred", i, id)
	}
	return nil
}

func testTwoStoresConcurrently(t *testing.T, h *harness) {
	db := h.db(t)
	stores := []*store.Store{openOn(t, db), openOn(t, db)}
	const workers, each = 3, 40
	var wg sync.WaitGroup
	errs := make(chan error, 2*workers+1)
	for si, s := range stores {
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				u := s.User(store.LocalUser)
				prefix := fmt.Sprintf("s%d-w%d", si, w)
				for i := range each {
					if err := Act(bg, u, prefix, i); err != nil {
						errs <- fmt.Errorf("%s: %w", prefix, err)
						return
					}
				}
			}()
		}
	}
	// A reader keeps loading states meanwhile.
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			default:
			}
			if _, err := stores[1].User(store.LocalUser).States(bg); err != nil {
				errs <- err
				return
			}
		}
	}()
	wg.Wait()
	close(done)
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	states, err := stores[0].User(store.LocalUser).States(bg)
	noErr(t, err)
	for si := range stores {
		for w := range workers {
			for i := range each {
				if err := CheckAct(states, fmt.Sprintf("s%d-w%d", si, w), i); err != nil {
					t.Error(err)
				}
			}
		}
	}
	hist, err := stores[1].User(store.LocalUser).History(bg, 10_000)
	noErr(t, err)
	if want := 2 * workers * each; len(hist) != want {
		t.Errorf("undo log holds %d actions, want %d", len(hist), want)
	}
}

func testEmptyUserIsRejected(t *testing.T, h *harness) {
	u := h.open(t).User("")
	if _, err := u.ToggleRead(bg, "a"); !errors.Is(err, store.ErrNoUser) {
		t.Errorf("ToggleRead err = %v, want ErrNoUser", err)
	}
	if _, err := u.States(bg); !errors.Is(err, store.ErrNoUser) {
		t.Errorf("States err = %v, want ErrNoUser", err)
	}
	if _, err := u.Undo(bg); !errors.Is(err, store.ErrNoUser) {
		t.Errorf("Undo err = %v, want ErrNoUser", err)
	}
}

// testConcurrentTogglesOfOneArticle: two stores (two processes) toggle
// the same article's star at once. Every toggle must read the value the
// previous one wrote, so the undo log holds each once, the final state
// matches the parity of the count, and undoing them all leaves it as it
// was.
func testConcurrentTogglesOfOneArticle(t *testing.T, h *harness) {
	db := h.db(t)
	stores := []*store.Store{openOn(t, db), openOn(t, db)}
	const workers, each = 2, 25
	var wg sync.WaitGroup
	errs := make(chan error, len(stores)*workers)
	for _, s := range stores {
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				u := s.User(store.LocalUser)
				for range each {
					a, err := u.ToggleStarred(bg, "shared")
					if err == nil && a.Count != 1 {
						err = fmt.Errorf("a toggle changed %d articles", a.Count)
					}
					if err != nil {
						errs <- err
						return
					}
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	u := stores[0].User(store.LocalUser)
	total := len(stores) * workers * each
	st, err := u.State(bg, "shared")
	noErr(t, err)
	if st.Starred != (total%2 == 1) {
		t.Errorf("after %d toggles starred = %v", total, st.Starred)
	}
	hist, err := u.History(bg, 10*total)
	noErr(t, err)
	stars := 0
	for _, a := range hist {
		if a.Kind == store.KindStar {
			stars++
		}
	}
	if len(hist) != total || stars != (total+1)/2 {
		t.Errorf("undo log: %d actions, %d stars; want %d, %d", len(hist), stars, total, (total+1)/2)
	}
}
