package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/config"
	"github.com/brief-reader/brief/model/safefile"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/store/postgres"
	"github.com/brief-reader/brief/model/store/sqlite"
)

// The review modes of --review and the config's review setting.
const (
	reviewPerUser = "per-user"
	reviewShared  = "shared"
)

// storeFlags choose the database a command works on and whose quote
// review it uses.
type storeFlags struct {
	// spec is --state or --store: a SQLite file or a postgres:// URL.
	spec string
	// review is --review (per-user or shared); shared is --shared, the
	// same for the commands where --review means something else.
	review string
	shared bool
}

// addStoreFlags adds --state and --store (one setting, two names) to f,
// and --review MODE when review is true, else --shared.
func addStoreFlags(f *pflag.FlagSet, o *storeFlags, review bool) {
	const usage = "state database: a SQLite file or a postgres:// URL (default: the config file's store or state, else $XDG_STATE_HOME/brief/state.db)"
	f.StringVar(&o.spec, "store", "", usage)
	f.StringVar(&o.spec, "state", "", usage)
	if review {
		f.StringVar(&o.review, "review", "", "quote review: per-user (each user their own marks and corrections) or shared (the library's, shown with who made them) (default: the config file's, else per-user)")
	} else {
		f.BoolVar(&o.shared, "shared", false, "use the library's shared quote review (marks, corrections) instead of your own (default: the config file's review)")
	}
}

// resolve applies the config file: the store it names when no flag did,
// and its review mode when no flag chose one. It checks the mode.
func (o *storeFlags) resolve(cfg config.Config) error {
	if o.spec == "" {
		o.spec = firstNonEmpty(cfg.Store, expandHome(cfg.State))
	}
	if o.review == "" && !o.shared {
		o.review = cfg.Review
	}
	if o.shared {
		o.review = reviewShared
	}
	switch o.review {
	case "", reviewPerUser:
		o.review = reviewPerUser
	case reviewShared:
	default:
		return fmt.Errorf("unknown --review %q (want per-user or shared)", o.review)
	}
	return nil
}

// isShared reports whether the command uses the shared review.
func (o *storeFlags) isShared() bool { return o.review == reviewShared }

// named reports whether a database was named (by a flag or the config).
func (o *storeFlags) named() bool { return o.spec != "" }

// open opens the database: a postgres:// URL, a SQLite file, or the
// default SQLite file when none was named.
func (o *storeFlags) open(ctx context.Context) (*store.Store, error) {
	return openStore(ctx, o.spec)
}

// openLater opens the chosen database in the background once gate is
// closed (see laterBackend) and returns the Store over it at once.
func (o *storeFlags) openLater(ctx context.Context, gate <-chan struct{}) (*store.Store, *laterBackend) {
	spec := o.spec
	l := openLater(gate, func() (store.Backend, error) { return openBackend(ctx, spec) })
	return store.New(l), l
}

// openStore opens spec: a postgres:// URL, a SQLite file, or the default
// SQLite file when spec is "".
func openStore(ctx context.Context, spec string) (*store.Store, error) {
	b, err := openBackend(ctx, spec)
	if err != nil {
		return nil, err
	}
	return store.New(b), nil
}

// openBackend opens the database of spec (see openStore), with errors
// that say what to do.
func openBackend(ctx context.Context, spec string) (store.Backend, error) {
	if postgres.IsURL(spec) {
		db, err := postgres.Open(ctx, spec)
		if err != nil {
			return nil, fmt.Errorf("state database: %w", err)
		}
		return db, nil
	}
	path := spec
	if path == "" {
		p, err := sqlite.DefaultPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	if err := safefile.Check(path); err != nil {
		return nil, fmt.Errorf("state database %s: %w (give another with --state)", path, err)
	}
	db, err := sqlite.Open(path)
	if errors.Is(err, sqlite.ErrDamaged) {
		return nil, fmt.Errorf("%w\nbrief will not start on it, so that the triage it holds is not lost. "+
			"Try to recover it (sqlite3 %s .recover | sqlite3 recovered.db), "+
			"or move it aside to start afresh, or give another file with --state", err, path)
	}
	if err != nil {
		return nil, fmt.Errorf("state database %s: %w", path, err)
	}
	return db, nil
}

// describe names the database for logs: the file, or the PostgreSQL
// database without its password.
func describeStore(spec string) string {
	if postgres.IsURL(spec) {
		return postgres.Redact(spec)
	}
	if spec == "" {
		if p, err := sqlite.DefaultPath(); err == nil {
			return p
		}
	}
	return spec
}

// localUser starts the local program's session on st: the local user,
// reviewing as the login name, in the review mode chosen.
func (o *storeFlags) localUser(st *store.Store) *store.User {
	return o.user(st, store.LocalUser, localReviewer())
}

// user starts a session of name on st, reviewing as reviewer, in the
// review mode chosen.
func (o *storeFlags) user(st *store.Store, name, reviewer string) *store.User {
	opts := []store.UserOption{store.WithReviewer(reviewer)}
	if o.isShared() {
		opts = append(opts, store.WithSharedReview())
	}
	return st.User(name, opts...)
}

// localReviewer is the name the local program's review changes record:
// $USER, else the login name, else "local".
func localReviewer() string {
	if n := os.Getenv("USER"); n != "" {
		return n
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return store.LocalUser
}

// corrector applies a review's speaker corrections to briefs and tells
// about the ones that no longer find their quote.
type corrector struct {
	review store.Review
	warn   io.Writer
}

// newCorrector reads u's review; nil u gives a corrector that changes
// nothing.
func newCorrector(ctx context.Context, u *store.User, warn io.Writer) (*corrector, error) {
	c := &corrector{warn: warn}
	if u == nil {
		return c, nil
	}
	r, err := u.Review(ctx)
	if err != nil {
		return nil, err
	}
	c.review = r
	return c, nil
}

// apply returns b with its article's corrections, warning about orphans.
func (c *corrector) apply(a model.Article, b model.Brief) model.Brief {
	if len(c.review.Corrections) == 0 {
		return b
	}
	id := model.ArticleID(a)
	b, orphans := store.ApplyCorrections(id, b, c.review.Of(id))
	for _, o := range orphans {
		fmt.Fprintf(c.warn, "brief: %s: the speaker correction of “%s” (to %s) finds no quote since the analysis changed; it is kept, not applied\n",
			a.Title, clip(o.Correction.Text, 60), speakerOrNobody(o.Correction.Speaker))
	}
	return b
}

// speakerOrNobody names a corrected speaker for messages.
func speakerOrNobody(s string) string {
	if s == "" {
		return "nobody"
	}
	return s
}

// clip shortens s to n runes with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// correctorFor opens the store a read-only command was given, when it
// was given one, and returns a corrector for its review, the config it
// read and a function that closes the store. With useConfig the config
// file serves (its store, its caps); otherwise only --state or --store
// does, and the config is the defaults. Without a store the analysis
// stands as it is.
func correctorFor(cmd *cobra.Command, sf *storeFlags, useConfig bool) (*corrector, config.Config, func(), error) {
	none := func() {}
	var cfg config.Config // none read: the flags alone
	if useConfig {
		c, err := loadConfig("")
		if err != nil {
			return nil, cfg, none, err
		}
		cfg = c
	}
	if err := sf.resolve(cfg); err != nil {
		return nil, cfg, none, err
	}
	if !sf.named() {
		return &corrector{warn: cmd.ErrOrStderr()}, cfg, none, nil
	}
	ctx := cmd.Context()
	st, err := sf.open(ctx)
	if err != nil {
		return nil, cfg, none, err
	}
	fix, err := newCorrector(ctx, sf.localUser(st), cmd.ErrOrStderr())
	if err != nil {
		st.Close()
		return nil, cfg, none, err
	}
	return fix, cfg, func() { st.Close() }, nil
}
