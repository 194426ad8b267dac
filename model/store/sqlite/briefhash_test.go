package sqlite

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/store/storetest"
)

// TestMigrateBriefArticleHash opens a database made before briefs kept
// their article's hash (version 8): the briefs it holds list the hash of
// their cached article, and stay stale or fresh as the article changes.
func TestMigrateBriefArticleHash(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	old, err := Open(path, withMigrations(migrations[:8]))
	noErr(t, err)
	cached, gone := storetest.SampleArticle(1), storetest.SampleArticle(2)
	noErr(t, old.PutArticles(bg, []model.Article{cached, gone}, time.UnixMilli(1700000000000)))
	for _, a := range []model.Article{cached, gone} {
		_, err = old.w.Exec(`INSERT INTO brief (id, hash, version, quotes, phases, data) VALUES (?, ?, 7, 2, 1, x'00')`,
			a.ID, model.ContentHash(a))
		noErr(t, err)
	}
	_, err = old.w.Exec(`INSERT INTO brief (id, hash, version, quotes, phases, data) VALUES ('local', 'h', 7, 0, 0, x'00')`)
	noErr(t, err)
	noErr(t, old.Close())

	s := openAt(t, path)
	infos, err := s.BriefInfos(bg)
	noErr(t, err)
	if !infos[cached.ID].Fresh(7) || infos[cached.ID].ArticleHash != model.ContentHash(cached) ||
		!infos[gone.ID].Fresh(7) || infos["local"].ArticleHash != "" || len(infos) != 3 {
		t.Fatalf("migrated infos = %+v", infos)
	}

	// The article changes: the brief is stale; it goes: no article hash.
	changed := cached
	changed.Paragraphs = append([]string{"A new first paragraph."}, cached.Paragraphs...)
	noErr(t, s.PutArticles(bg, []model.Article{changed}))
	_, err = dbOf(s).w.Exec(`DELETE FROM article_head WHERE id = ?`, gone.ID)
	noErr(t, err)
	infos, err = s.BriefInfos(bg)
	noErr(t, err)
	if infos[cached.ID].Fresh(7) || infos[cached.ID].ArticleHash != model.ContentHash(changed) {
		t.Errorf("after the article changed: %+v, want stale with the new hash", infos[cached.ID])
	}
	if infos[gone.ID].Fresh(7) || infos[gone.ID].ArticleHash != "" {
		t.Errorf("after the article went: %+v, want no article hash", infos[gone.ID])
	}
	noErr(t, dbOf(s).Check(bg))
}

// TestBriefBeforeItsArticle: a brief written before its article is
// cached (a local file, later in a feed) takes the article's hash when
// the article comes.
func TestBriefBeforeItsArticle(t *testing.T) {
	s := openAt(t, filepath.Join(t.TempDir(), "state.db"))
	a := storetest.SampleArticle(3)
	noErr(t, s.PutBriefs(bg, []store.StoredBrief{{ArticleID: a.ID, Hash: model.ContentHash(a), Version: 4, Brief: model.Brief{}}}))
	infos, err := s.BriefInfos(bg)
	noErr(t, err)
	if infos[a.ID].ArticleHash != "" || infos[a.ID].Fresh(4) {
		t.Fatalf("before the article is cached: %+v", infos[a.ID])
	}
	noErr(t, s.PutArticles(bg, []model.Article{a}))
	infos, err = s.BriefInfos(bg)
	noErr(t, err)
	if infos[a.ID].ArticleHash != model.ContentHash(a) || !infos[a.ID].Fresh(4) {
		t.Errorf("after the article is cached: %+v, want fresh", infos[a.ID])
	}
	// The brief made again keeps the article's hash.
	noErr(t, s.PutBriefs(bg, []store.StoredBrief{{ArticleID: a.ID, Hash: model.ContentHash(a), Version: 5, Brief: model.Brief{}}}))
	infos, err = s.BriefInfos(bg)
	noErr(t, err)
	if !infos[a.ID].Fresh(5) {
		t.Errorf("after the brief is made again: %+v, want fresh", infos[a.ID])
	}
}
