// Package sqlite is the embedded backend of brief's store (see package
// store): one SQLite file (modernc, no cgo), the default.
//
// # Durability
//
// The database runs in WAL mode. Every write is one IMMEDIATE transaction
// and when [DB.Write] returns nil it is committed.
//
// The default is synchronous=NORMAL ([SyncNormal]): a commit appends its
// frames to the WAL with write(2) before returning, so an acknowledged
// action survives a crash or SIGKILL of the process (the crash test checks
// exactly that); the WAL is fsynced at checkpoints, so an operating-system
// crash or power loss can lose the last actions, never corrupt the
// database. synchronous=FULL ([SyncFull], via [WithSync]) also fsyncs the
// WAL on every commit and so survives power loss, but on this project's
// reference machine that fsync alone costs over a millisecond, more than
// the whole 1 ms budget of a triage action; the choice of NORMAL trades the
// last second of triage on power loss for that budget.
//
// # Concurrency
//
// Several DB values, in one process or in several, may share one file.
// Each DB writes through a single connection and begins every write
// transaction with BEGIN IMMEDIATE, so the write lock is taken up front and
// waited for with the busy timeout instead of failing with SQLITE_BUSY on a
// lock upgrade; reads use a separate pool of query-only connections and,
// thanks to WAL, never block the writer nor wait for it. A DB is safe for
// concurrent use by many goroutines.
//
// # Schema
//
// The migrations are the SQL files under migrations/, applied in order;
// PRAGMA user_version is the number applied.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/adrg/xdg"
	"github.com/brief-reader/brief/model/store"
	"modernc.org/sqlite" // also registers the "sqlite" database/sql driver
)

// DefaultBusyTimeout is how long a write waits for another connection or
// process holding the write lock before giving up with an error.
const DefaultBusyTimeout = 10 * time.Second

// Sync is the SQLite synchronous level of a DB; see the package
// documentation for what each level survives.
type Sync int

// The synchronous levels a DB can run at.
const (
	// SyncNormal fsyncs only at checkpoints: an acknowledged action
	// survives a process crash (SIGKILL) but the last ones may be lost on
	// power loss. The database is never corrupted either way. The default.
	SyncNormal Sync = iota
	// SyncFull fsyncs the WAL on every commit: an acknowledged action
	// survives a process crash and a power loss, at the cost of an fsync
	// per action.
	SyncFull
)

// String returns the PRAGMA synchronous value of s.
func (s Sync) String() string {
	if s == SyncFull {
		return "FULL"
	}
	return "NORMAL"
}

// DB is an open SQLite state database, a [store.Backend]. Create one with
// [Open]; it is safe for concurrent use and must be closed with [DB.Close]
// (or by the Store that owns it).
type DB struct {
	path string
	w    *sql.DB // the single writer connection
	r    *sql.DB // query-only readers
	// stmts are the statements of the action hot path, prepared on w by
	// Open and read-only afterwards.
	stmts map[string]*sql.Stmt
	codec *store.Codec // stored documents: bodies, briefs
}

var _ store.Backend = (*DB)(nil)

// config is what Options set.
type config struct {
	busy       time.Duration
	sync       Sync
	readers    int
	migrations []store.Migration
}

// Option changes how [Open] opens a DB.
type Option func(*config)

// WithBusyTimeout sets how long a write waits for the write lock held by
// another connection or process (default [DefaultBusyTimeout]).
func WithBusyTimeout(d time.Duration) Option {
	return func(c *config) { c.busy = d }
}

// WithSync sets the synchronous level (default [SyncNormal]).
func WithSync(s Sync) Option {
	return func(c *config) { c.sync = s }
}

// DefaultPath returns the default state database path,
// $XDG_STATE_HOME/brief/state.db (~/.local/state/brief/state.db when the
// variable is unset), creating its folder with mode 0700 when missing.
func DefaultPath() (string, error) {
	p, err := xdg.StateFile(filepath.Join("brief", "state.db"))
	if err != nil {
		return "", fmt.Errorf("store: state path: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return "", fmt.Errorf("store: state path: %w", err)
	}
	return p, nil
}

// OpenStore opens the database at path with [Open] and returns a Store
// over it with the default store options.
func OpenStore(path string, opts ...Option) (*store.Store, error) {
	db, err := Open(path, opts...)
	if err != nil {
		return nil, err
	}
	return store.New(db), nil
}

// Open opens the state database at path, creating it (mode 0600) when it
// does not exist, and migrates its schema forward to the current version.
// path must name a file: in-memory databases are not supported, since the
// readers and the writer are separate connections.
func Open(path string, opts ...Option) (*DB, error) {
	cfg := config{
		busy:       DefaultBusyTimeout,
		readers:    max(2, runtime.GOMAXPROCS(0)),
		migrations: migrations,
	}
	for _, o := range opts {
		o(&cfg)
	}
	if path == "" || path == ":memory:" {
		return nil, errors.New("store: a database file path is required")
	}
	path, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if err := createPrivate(path); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if err := useWAL(path, cfg); err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	w, err := sql.Open("sqlite", dsn(path, cfg, true))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// One writer connection: writes from this DB queue in Go instead of
	// contending for SQLite's lock, and it is never closed for idleness so
	// the WAL stays mapped.
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	db := &DB{path: path, w: w, stmts: map[string]*sql.Stmt{}, codec: store.NewCodec()}
	ctx := context.Background()
	if err := db.quickCheck(ctx); err != nil {
		w.Close()
		return nil, err
	}
	if err := db.migrate(ctx, cfg.migrations); err != nil {
		w.Close()
		if damaged(err) {
			return nil, &DamagedError{Path: path, Reason: err.Error()}
		}
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if len(cfg.migrations) == len(migrations) {
		if err := db.prepare(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
	}
	r, err := sql.Open("sqlite", dsn(path, cfg, false))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	r.SetMaxOpenConns(cfg.readers)
	r.SetMaxIdleConns(cfg.readers)
	db.r = r
	return db, nil
}

// ErrDamaged is what a DamagedError is (errors.Is): the database file is
// corrupt, and brief refuses to run on it rather than lose what it holds.
var ErrDamaged = errors.New("the state database is damaged")

// DamagedError is the failure to open a corrupt state database: the file
// and what SQLite found wrong.
type DamagedError struct {
	Path   string
	Reason string
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("store: %s is damaged (%s)", e.Path, e.Reason)
}

// Is makes errors.Is(err, ErrDamaged) true.
func (e *DamagedError) Is(target error) bool { return target == ErrDamaged }

// triageTables are the tables that hold what the user did; quickCheck
// checks them (the cached articles, briefs and feed state can be fetched
// again, and a 100,000-article cache would cost four times as long).
var triageTables = []string{"article_state", "tag", "action", "action_change", "quote_mark"}

// quickCheck runs SQLite's PRAGMA quick_check (the structure of every
// page and index, without cross-checking index contents) on the schema
// and the triage tables: a database with garbage in them is refused at
// open, before a read that fails would show an empty library and writes
// that fail would look done. See BenchmarkQuickCheck100k for its cost.
func (db *DB) quickCheck(ctx context.Context) error {
	// One read transaction, so that the tables listed are the tables
	// checked: another process opening the same new file may be migrating
	// it meanwhile (0007 drops quote_mark).
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: open %s: %w", db.path, err)
	}
	defer tx.Rollback()
	var tables []string
	if err := db.query(ctx, tx, "SELECT name FROM sqlite_schema WHERE type = 'table'", func(rows *sql.Rows) error {
		var name string
		if err := rows.Scan(&name); err != nil {
			return err
		}
		if slices.Contains(triageTables, name) {
			tables = append(tables, name)
		}
		return nil
	}); err != nil {
		return err
	}
	var problems []string
	for _, t := range tables {
		if err := db.query(ctx, tx, "PRAGMA quick_check("+t+")", func(rows *sql.Rows) error {
			var line string
			if err := rows.Scan(&line); err != nil {
				return err
			}
			if line != "ok" && len(problems) < 5 {
				problems = append(problems, line)
			}
			return nil
		}); err != nil {
			return err
		}
	}
	if len(problems) > 0 {
		return &DamagedError{Path: db.path, Reason: strings.Join(problems, "; ")}
	}
	return nil
}

// query runs q on the writer (or its transaction) and calls row for each row; a failure is a
// DamagedError when SQLite calls the file corrupt.
func (db *DB) query(ctx context.Context, on querier, q string, row func(*sql.Rows) error) error {
	rows, err := on.QueryContext(ctx, q)
	if err == nil {
		defer rows.Close()
		for err == nil && rows.Next() {
			err = row(rows)
		}
		if err == nil {
			err = rows.Err()
		}
	}
	switch {
	case err == nil:
		return nil
	case damaged(err):
		return &DamagedError{Path: db.path, Reason: err.Error()}
	}
	return fmt.Errorf("store: open %s: %w", db.path, err)
}

// damaged reports whether err is SQLite saying the file is corrupt or is
// not a database (SQLITE_CORRUPT, SQLITE_NOTADB).
func damaged(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case 11, 26:
			return true
		}
	}
	return false
}

// createPrivate creates the database file with mode 0600 when it does not
// exist yet, so that SQLite (which gives its -wal and -shm files the mode of
// the database) keeps per-user notes private.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	return f.Close()
}

// dsn builds the connection string for the writer (write true) or for the
// query-only readers.
func dsn(path string, cfg config, write bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", cfg.busy.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous("+cfg.sync.String()+")")
	if write {
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(1)")
		// No memory map: with one, the kernel maps pages around every
		// page read (fault-around and readahead), so a warm start that
		// reads 6 MB of a 35 MB library showed 48 MB more resident
		// memory (124 MiB against 72 MiB peak), for no time measurably
		// saved in BenchmarkOpen100k, BenchmarkStates10k or
		// BenchmarkHeads10k on this machine.
		q.Add("_pragma", "mmap_size(0)")
	}
	u := url.URL{Scheme: "file", OmitHost: true, Path: path, RawQuery: q.Encode()}
	return u.String()
}

// useWAL puts the database at path in WAL mode, which the file keeps for
// every later connection. Switching a database to WAL takes an exclusive
// lock that SQLite does not wait for with the busy timeout, so two
// processes opening a new file at once could see SQLITE_BUSY; the switch
// is retried here until the busy timeout instead.
func useWAL(path string, cfg config) error {
	db, err := sql.Open("sqlite", dsn(path, cfg, false))
	if err != nil {
		return err
	}
	defer db.Close()
	deadline := time.Now().Add(cfg.busy)
	for {
		var mode string
		err := db.QueryRow("PRAGMA journal_mode = WAL").Scan(&mode)
		var se *sqlite.Error
		switch {
		case err == nil && strings.EqualFold(mode, "wal"):
			return nil
		case err == nil:
			return fmt.Errorf("journal mode is %s, not wal", mode)
		case !errors.As(err, &se) || se.Code()&0xff != sqliteBusy || time.Now().After(deadline):
			return fmt.Errorf("setting WAL mode: %w", err)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// sqliteBusy is SQLITE_BUSY, the primary result code of a lock not had.
const sqliteBusy = 5

// Path returns the file the DB was opened on.
func (db *DB) Path() string { return db.path }

// Close closes the database after letting SQLite refresh its query
// planner statistics. Using the DB afterwards is an error.
func (db *DB) Close() error {
	_, _ = db.w.Exec("PRAGMA optimize")
	var errs []error
	for _, st := range db.stmts {
		errs = append(errs, st.Close())
	}
	if db.r != nil {
		errs = append(errs, db.r.Close())
	}
	errs = append(errs, db.w.Close())
	return errors.Join(errs...)
}

// Check runs SQLite's PRAGMA integrity_check and returns an error listing
// the problems when the database is not sound.
func (db *DB) Check(ctx context.Context) error {
	rows, err := db.r.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("store: integrity check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("store: integrity check: %w", err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: integrity check: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("store: integrity check failed: %v", problems)
	}
	return nil
}

// Write implements [store.Backend]: fn runs in one IMMEDIATE write
// transaction on the writer connection.
func (db *DB) Write(ctx context.Context, fn func(store.Tx) error) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		t := &txn{db: db, tx: tx, stmts: map[string]*sql.Stmt{}}
		defer t.close()
		return fn(t)
	})
}

// write runs fn in one IMMEDIATE write transaction and commits it; fn's
// error rolls the transaction back.
func (db *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// prepare compiles the statements of the action hot path on the writer
// connection (see txn.stmt), so that an action compiles no SQL.
func (db *DB) prepare(ctx context.Context) error {
	for _, q := range hotQueries() {
		st, err := db.w.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("prepare %q: %w", q, err)
		}
		db.stmts[q] = st
	}
	return nil
}

// millis converts t to the stored form, Unix milliseconds; the zero Time
// is stored as 0.
func millis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// fromMillis converts a stored Unix-milliseconds value back to a Time; 0 is
// the zero Time.
func fromMillis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms)
}

// querier is what *sql.DB and *sql.Tx have in common for reading.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(...any) error }
