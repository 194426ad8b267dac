package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"

	"github.com/brief-reader/brief/model/store"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrations is the schema history, oldest first: user_version N means the
// first N have run.
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
	panic("sqlite: embedded migrations: " + err.Error())
}

// SchemaVersion is the schema version this build writes: the number of
// forward migrations it knows.
func SchemaVersion() int { return len(migrations) }

// ErrNewerSchema is returned by [Open] for a database written by a newer
// brief, whose schema this build does not know.
var ErrNewerSchema = errors.New("store: database schema is newer than this brief")

// migrate brings the schema forward through list, one IMMEDIATE transaction
// per step. The version is read again inside each transaction, so two
// processes opening an old database at once apply every step exactly once.
func (db *DB) migrate(ctx context.Context, list []store.Migration) error {
	for {
		done := false
		err := db.write(ctx, func(tx *sql.Tx) error {
			v, err := userVersion(ctx, tx)
			if err != nil {
				return err
			}
			switch {
			case v > len(list):
				return fmt.Errorf("%w (version %d, this build knows %d)", ErrNewerSchema, v, len(list))
			case v == len(list):
				done = true
				return nil
			}
			m := list[v]
			if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
				return fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, err)
			}
			// PRAGMA takes no bound parameters; v+1 is an int we computed.
			if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
				return fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, err)
			}
			return nil
		})
		if err != nil || done {
			return err
		}
	}
}

// userVersion reads PRAGMA user_version.
func userVersion(ctx context.Context, q querier) (int, error) {
	var v int
	err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// Version returns the schema version of the open database.
func (db *DB) Version(ctx context.Context) (int, error) {
	return userVersion(ctx, db.r)
}
