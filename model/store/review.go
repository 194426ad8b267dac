package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/brief-reader/brief/model"
)

// Quote review: marks (checked, flagged, starred), quote notes and
// speaker corrections. Each belongs to a review scope: the user's own
// (per-user review, the default) or the library's, shared by every user
// of the store ([WithSharedReview]). Every review change records who made
// it and when, goes to the session's undo log like any action, and is
// appended to the audit log ([Store.Audit]) and announced to live
// subscribers ([Store.Subscribe]) once committed.

// SharedScope is the review scope of a shared review: the library's.
// Per-user review uses the user's name as its scope.
const SharedScope = ""

// MaxQuoteNoteRunes is the longest quote note accepted, in runes.
const MaxQuoteNoteRunes = 1000

// MaxSpeakerRunes is the longest corrected speaker name or role, in runes.
const MaxSpeakerRunes = 200

// Errors for rejected review input.
var (
	// ErrQuoteNoteTooLong is returned for a quote note over
	// MaxQuoteNoteRunes.
	ErrQuoteNoteTooLong = fmt.Errorf("store: quote note longer than %d characters", MaxQuoteNoteRunes)
	// ErrSpeakerTooLong is returned for a speaker or role over
	// MaxSpeakerRunes.
	ErrSpeakerTooLong = fmt.Errorf("store: speaker or role longer than %d characters", MaxSpeakerRunes)
	// ErrNoQuote is returned for a Quote without article ID or key.
	ErrNoQuote = errors.New("store: quote has no article or key")
)

// Quote names the quote a review action is about, with what the audit
// log keeps of it: the article's ID and title, and the quote's key,
// paragraph and text, which also let a correction find its quote again
// after re-analysis. Speaker and Role are those shown before the action
// (the analysis's, or an earlier correction's).
type Quote struct {
	ArticleID    string
	ArticleTitle string
	Key          string
	Paragraph    int
	Text         string
	Speaker      string
	Role         string
	// CorrectedAs is the key of the correction that applies to the quote
	// when it is not Key: one that found the quote by its words after a
	// new analysis moved it (see MatchCorrections). CorrectSpeaker and
	// RemoveCorrection replace that correction, in the same action.
	CorrectedAs string
}

// QuoteOf describes quote q of article a for review.
func QuoteOf(a model.Article, q model.Quote) Quote {
	id := model.ArticleID(a)
	return Quote{
		ArticleID: id, ArticleTitle: a.Title, Key: model.QuoteKey(id, q),
		Paragraph: q.Paragraph, Text: q.Text, Speaker: q.Speaker, Role: q.Role,
	}
}

// Ref returns the reference marks and corrections are filed under.
func (q Quote) Ref() QuoteRef { return QuoteRef{ArticleID: q.ArticleID, Key: q.Key} }

// ReviewMark is a mark on a quote with who set it and when.
type ReviewMark struct {
	Mark     Mark
	Reviewer string
	At       time.Time
}

// QuoteNote is a note on a quote with who wrote it and when.
type QuoteNote struct {
	Note     string
	Reviewer string
	At       time.Time
}

// Correction overrides the speaker the analysis found for one quote. It
// keeps the quote's paragraph and text as they were when corrected, so
// that it still finds its quote when a later analysis moves it (see
// [ApplyCorrections]).
type Correction struct {
	// Paragraph and Text are the quote's, when corrected.
	Paragraph int
	Text      string
	// Speaker is who said it; "" means nobody: the quote is
	// unattributed.
	Speaker string
	// Role is the speaker's role, or "".
	Role string
	// Reviewer and At say who corrected it and when.
	Reviewer string
	At       time.Time
}

// Review is a review scope's state: every mark, quote note and
// correction, by quote.
type Review struct {
	Marks       map[QuoteRef]ReviewMark
	Notes       map[QuoteRef]QuoteNote
	Corrections map[QuoteRef]Correction
}

// Of returns the article's corrections, for ApplyCorrections.
func (r Review) Of(articleID string) map[string]Correction {
	var out map[string]Correction
	for ref, c := range r.Corrections {
		if ref.ArticleID == articleID {
			if out == nil {
				out = map[string]Correction{}
			}
			out[ref.Key] = c
		}
	}
	return out
}

// correctionValue is the stored form of a correction in the undo log,
// the audit log and live updates.
type correctionValue struct {
	Speaker   string `json:"speaker"`
	Role      string `json:"role,omitempty"`
	Paragraph int    `json:"paragraph"`
	Text      string `json:"text"`
}

// encodeCorrection returns the stored form of c; "" for no correction.
func encodeCorrection(c *Correction) string {
	if c == nil {
		return ""
	}
	b, _ := json.Marshal(correctionValue{Speaker: c.Speaker, Role: c.Role, Paragraph: c.Paragraph, Text: c.Text})
	return string(b)
}

// decodeCorrection reads the stored form; nil for "".
func decodeCorrection(v string) (*Correction, error) {
	if v == "" {
		return nil, nil
	}
	var cv correctionValue
	if err := json.Unmarshal([]byte(v), &cv); err != nil {
		return nil, fmt.Errorf("stored correction %q: %w", v, err)
	}
	return &Correction{Speaker: cv.Speaker, Role: cv.Role, Paragraph: cv.Paragraph, Text: cv.Text}, nil
}

// cleanName cleans a typed speaker or role: control characters and escape
// sequences removed, white space collapsed and trimmed.
func cleanName(s string) (string, error) {
	t := strings.Join(strings.Fields(model.Sanitize(s)), " ")
	if utf8.RuneCountInString(t) > MaxSpeakerRunes {
		return "", ErrSpeakerTooLong
	}
	return t, nil
}

// check reports ErrNoQuote for a Quote the store cannot file.
func (q Quote) check() error {
	if q.ArticleID == "" || q.Key == "" {
		return ErrNoQuote
	}
	return nil
}

// QuoteReview is a session's quote review: what a reader program holds
// besides its [Triage]. [*User] implements it.
type QuoteReview interface {
	// Reviewer returns the name review changes record.
	Reviewer() string
	// Scope returns the review scope: the user's own, or SharedScope.
	Scope() string
	// Review returns every mark, quote note and correction of the scope.
	Review(ctx context.Context) (Review, error)
	// QuoteMarks returns every mark of the scope.
	QuoteMarks(ctx context.Context) (map[QuoteRef]Mark, error)
	SetQuoteMark(ctx context.Context, q Quote, m Mark) (Action, error)
	ToggleQuoteMark(ctx context.Context, q Quote, m Mark) (Action, error)
	SetQuoteNote(ctx context.Context, q Quote, note string) (Action, error)
	CorrectSpeaker(ctx context.Context, q Quote, speaker, role string) (Action, error)
	RemoveCorrection(ctx context.Context, q Quote) (Action, error)
}

var _ QuoteReview = (*User)(nil)

// Review returns the state of the handle's review scope: the user's own
// marks, notes and corrections, or the library's in a shared review.
func (u *User) Review(ctx context.Context) (Review, error) {
	if err := u.check(); err != nil {
		return Review{}, err
	}
	r, err := u.s.b.Review(ctx, u.scope)
	if err != nil {
		return Review{}, fmt.Errorf("store: review: %w", err)
	}
	return r, nil
}

// QuoteMarks returns every mark of the handle's review scope.
func (u *User) QuoteMarks(ctx context.Context) (map[QuoteRef]Mark, error) {
	r, err := u.Review(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[QuoteRef]Mark, len(r.Marks))
	for ref, m := range r.Marks {
		out[ref] = m.Mark
	}
	return out, nil
}

// SetQuoteMark marks quote q with m; MarkNone clears the mark.
func (u *User) SetQuoteMark(ctx context.Context, q Quote, m Mark) (Action, error) {
	if !m.Valid() {
		return Action{}, ErrBadMark
	}
	if err := q.check(); err != nil {
		return Action{}, err
	}
	return u.reviewAct(ctx, q, FieldQuote, string(m), KindQuoteMark, string(m), func(rec *recorder) error {
		return rec.setMark(rec.scope, q, m)
	})
}

// ToggleQuoteMark marks quote q with m, or clears the mark when the quote
// already has m: what a mark key in the UI does. The returned Action's
// Arg is the mark set ("" when cleared).
func (u *User) ToggleQuoteMark(ctx context.Context, q Quote, m Mark) (Action, error) {
	if !m.Valid() || m == MarkNone {
		return Action{}, ErrBadMark
	}
	if err := q.check(); err != nil {
		return Action{}, err
	}
	return u.act(ctx, KindQuoteMark, string(m), func(rec *recorder) error {
		if err := rec.lockQuote(rec.scope, q); err != nil {
			return err
		}
		cur, err := rec.tx.Mark(rec.ctx, rec.scope, q.ArticleID, q.Key)
		if err != nil {
			return err
		}
		set := pick(cur.Mark == m, MarkNone, m)
		rec.arg = string(set)
		return rec.setMark(rec.scope, q, set)
	}, quoteLock(u.scope, q))
}

// SetQuoteNote sets the note on quote q; "" removes it. The note is
// cleaned like an article note and may be at most MaxQuoteNoteRunes long.
func (u *User) SetQuoteNote(ctx context.Context, q Quote, note string) (Action, error) {
	n := strings.TrimSpace(model.Sanitize(note))
	if utf8.RuneCountInString(n) > MaxQuoteNoteRunes {
		return Action{}, ErrQuoteNoteTooLong
	}
	if err := q.check(); err != nil {
		return Action{}, err
	}
	return u.reviewAct(ctx, q, FieldQuoteNote, n, KindQuoteNote, "", func(rec *recorder) error {
		return rec.setQuoteNote(rec.scope, q, n)
	})
}

// CorrectSpeaker sets who said quote q: speaker with role, or nobody when
// speaker is "" (the quote is then shown unattributed). The correction
// wins over the analysis wherever the quote is shown or exported.
func (u *User) CorrectSpeaker(ctx context.Context, q Quote, speaker, role string) (Action, error) {
	s, err := cleanName(speaker)
	if err != nil {
		return Action{}, err
	}
	r, err := cleanName(role)
	if err != nil {
		return Action{}, err
	}
	if s == "" {
		r = ""
	}
	if err := q.check(); err != nil {
		return Action{}, err
	}
	c := &Correction{Paragraph: q.Paragraph, Text: q.Text, Speaker: s, Role: r}
	return u.reviewAct(ctx, q, FieldSpeaker, encodeCorrection(c), KindCorrect, s, func(rec *recorder) error {
		if err := rec.dropMoved(q); err != nil {
			return err
		}
		return rec.setCorrection(rec.scope, q, c)
	})
}

// RemoveCorrection removes the correction of quote q, so that the
// analysis's speaker shows again.
func (u *User) RemoveCorrection(ctx context.Context, q Quote) (Action, error) {
	if err := q.check(); err != nil {
		return Action{}, err
	}
	return u.reviewAct(ctx, q, FieldSpeaker, "", KindUncorrect, "", func(rec *recorder) error {
		if err := rec.dropMoved(q); err != nil {
			return err
		}
		return rec.setCorrection(rec.scope, q, nil)
	})
}

// reviewAct runs a review action that sets field f of quote q to value
// (in stored form) with act, locking the quote with the user's log, and
// tells the Store's subscribers the value at once, before the
// transaction begins (a Pending change), and that the write ended, after
// it (Settled).
func (u *User) reviewAct(ctx context.Context, q Quote, f Field, value string, kind Kind, arg string, fn func(rec *recorder) error) (Action, error) {
	c := ReviewChange{
		At: u.s.now(), User: u.name, Reviewer: u.reviewer, Origin: u.s.origin, Session: u.session, Scope: u.scope,
		ArticleID: q.ArticleID, ArticleTitle: q.ArticleTitle, Key: q.Key, QuoteText: q.Text,
		Field: f, New: value, Pending: true, Intent: u.s.intents.Add(1),
	}
	u.s.publish([]ReviewChange{c}, false)
	defer func() {
		c.New, c.Pending, c.Settled = "", false, true
		u.s.publish([]ReviewChange{c}, false)
	}()
	return u.act(ctx, kind, arg, fn, quoteLock(u.scope, q))
}
