package store

import (
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

// Migration is one forward step of a backend's schema. Each backend keeps
// its own list, as SQL files it embeds, and records how many steps a
// database has had; steps are never edited once released, only appended.
type Migration struct {
	// Version is the step's number, from 1.
	Version int
	// Name says what the step does, for error messages.
	Name string
	// SQL is the statements of the step, run in one transaction.
	SQL string
}

// LoadMigrations reads a backend's migrations from the .sql files of
// fsys: each named NNNN_words.sql, numbered from 1 without gaps; the
// step's Name is its first line when that is a "-- " comment, else the
// words of the file name.
func LoadMigrations(fsys fs.FS) ([]Migration, error) {
	files, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, err
	}
	out := make([]Migration, 0, len(files))
	for i, f := range files { // Glob sorts, so by number
		num, words, ok := strings.Cut(strings.TrimSuffix(path.Base(f), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v != i+1 {
			return nil, fmt.Errorf("migration %s: want a name starting %04d_", f, i+1)
		}
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		sql := string(b)
		name := strings.ReplaceAll(words, "_", " ")
		if first, _, _ := strings.Cut(sql, "\n"); strings.HasPrefix(first, "-- ") {
			name = strings.TrimPrefix(first, "-- ")
		}
		out = append(out, Migration{Version: v, Name: name, SQL: sql})
	}
	return out, nil
}
