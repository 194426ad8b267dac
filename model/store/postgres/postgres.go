// Package postgres is the PostgreSQL backend of brief's store (see
// package store), for deployments that outgrow one machine: several
// `brief serve` processes, on one host or several, share one database.
// It speaks to the server with pgx.
//
// # Durability and concurrency
//
// Every write is one transaction at PostgreSQL's default isolation (read
// committed), committed when [DB.Write] returns nil; with the server's
// default synchronous_commit it survives a crash of either side. Writes
// that read before they change (a toggle, a mark) first take a
// transaction-scoped advisory lock on what they change ([store.Tx.Lock]),
// so two processes acting for one user never both see the old value.
//
// # Schema
//
// The migrations are the SQL files under migrations/, applied in order
// inside one transaction under an advisory lock, so processes starting at
// once migrate once; the table schema_migrations records them. The
// database (and schema, with search_path in the URL) must exist.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	neturl "net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/brief-reader/brief/model/store"
)

// DB is an open PostgreSQL store database, a [store.Backend]. Create one
// with [Open]; it is safe for concurrent use and must be closed with
// [DB.Close] (or by the Store that owns it).
type DB struct {
	pool    *pgxpool.Pool
	codec   *store.Codec // stored briefs
	channel string       // of live updates, see Notify
}

var _ store.Backend = (*DB)(nil)

// config is what Options set.
type config struct {
	maxConns   int32
	migrations []store.Migration
}

// Option changes how [Open] opens a DB.
type Option func(*config)

// WithMaxConns sets the most connections the DB holds open at once
// (default 8). Each write holds one for the length of its transaction.
func WithMaxConns(n int32) Option {
	return func(c *config) { c.maxConns = n }
}

// IsURL reports whether spec names a PostgreSQL database
// (postgres:// or postgresql://) rather than a file.
func IsURL(spec string) bool {
	return strings.HasPrefix(spec, "postgres://") || strings.HasPrefix(spec, "postgresql://")
}

// OpenStore opens the database at url with [Open] and returns a Store
// over it with the default store options.
func OpenStore(ctx context.Context, url string, opts ...Option) (*store.Store, error) {
	db, err := Open(ctx, url, opts...)
	if err != nil {
		return nil, err
	}
	return store.New(db), nil
}

// Open connects to the PostgreSQL database at url (a postgres:// URL or
// a key=value connection string; search_path selects a schema) and
// migrates its schema forward to the current version.
func Open(ctx context.Context, url string, opts ...Option) (*DB, error) {
	cfg := config{maxConns: 8, migrations: migrations}
	for _, o := range opts {
		o(&cfg)
	}
	pc, err := pgxpool.ParseConfig(url)
	if err != nil {
		// The parse error may quote the URL, password included.
		return nil, errors.New("store: postgres: the connection URL does not parse")
	}
	pc.MaxConns = cfg.maxConns
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		return nil, fmt.Errorf("store: postgres: %w", err)
	}
	db := &DB{pool: pool, codec: store.NewCodec()}
	if err := db.migrate(ctx, cfg.migrations); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: postgres %s: %w", where(pc), err)
	}
	var schema string
	if err := pool.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: postgres %s: %w", where(pc), err)
	}
	db.channel = channelFor(schema)
	return db, nil
}

// where names the database of pc for messages: host and database, never
// the password.
func where(pc *pgxpool.Config) string {
	return pc.ConnConfig.Host + "/" + pc.ConnConfig.Database
}

// Close closes every connection.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// Pool returns the connection pool, for what the store does not cover
// (LISTEN, tests).
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// Write implements [store.Backend]: fn runs in one transaction.
func (db *DB) Write(ctx context.Context, fn func(store.Tx) error) error {
	return pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		return fn(&txn{db: db, tx: tx})
	})
}

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrations is the schema history, oldest first.
var migrations = mustLoad()

// mustLoad reads the embedded migrations; a malformed set is a bug of this
// build, caught by every test.
func mustLoad() []store.Migration {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err == nil {
		var list []store.Migration
		if list, err = store.LoadMigrations(sub); err == nil {
			return list
		}
	}
	panic("postgres: embedded migrations: " + err.Error())
}

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int { return len(migrations) }

// ErrNewerSchema is returned by [Open] for a database migrated by a newer
// brief, whose schema this build does not know.
var ErrNewerSchema = errors.New("store: database schema is newer than this brief")

// migrate applies the steps of list the database has not had, in one
// transaction that first takes an advisory lock, so that processes
// opening the database at once wait for each other and each step runs
// once.
func (db *DB) migrate(ctx context.Context, list []store.Migration) error {
	return pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('brief.migrate.' || current_schema(), 0))`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version    integer     PRIMARY KEY,
			name       text        NOT NULL,
			applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
			return err
		}
		var v int
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
			return err
		}
		if v > len(list) {
			return fmt.Errorf("%w (version %d, this build knows %d)", ErrNewerSchema, v, len(list))
		}
		for _, m := range list[v:] {
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, m.Version, m.Name); err != nil {
				return fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, err)
			}
		}
		return nil
	})
}

// Version returns the schema version of the database.
func (db *DB) Version(ctx context.Context) (int, error) {
	var v int
	err := db.pool.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// stamp converts t to the stored form: NULL for the zero Time, else t to
// the millisecond, as the SQLite backend keeps times.
func stamp(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.Truncate(time.Millisecond)
	return &t
}

// unstamp converts a stored time back: the zero Time for NULL, else the
// time in the local zone.
func unstamp(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.Local()
}

// Redact returns url without its password, for logs and messages.
func Redact(url string) string {
	u, err := neturl.Parse(url)
	if err != nil || !IsURL(url) {
		return "a PostgreSQL database"
	}
	if _, has := u.User.Password(); has {
		u.User = neturl.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}
