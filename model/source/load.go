package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/brief-reader/brief/model"
)

// MaxFileSize is the largest input brief reads from a file or stdin.
const MaxFileSize = 64 << 20

// LoadAll loads every origin in order: files, folders (walked
// recursively, hidden entries skipped) and "-" for stdin. It returns the
// articles that loaded and one *Error per source that failed; a failure
// never stops the others.
func LoadAll(ctx context.Context, origins []string, stdin io.Reader) ([]model.Article, []error) {
	var arts []model.Article
	var errs []error
	for _, o := range origins {
		if err := ctx.Err(); err != nil {
			errs = append(errs, &Error{o, err})
			continue
		}
		got, es := Load(ctx, o, stdin)
		arts = append(arts, got...)
		errs = append(errs, es...)
	}
	return arts, errs
}

// Load loads one origin: a file, a folder or "-" for stdin.
func Load(ctx context.Context, origin string, stdin io.Reader) ([]model.Article, []error) {
	if origin == "-" {
		data, err := readLimited(stdin)
		if err != nil {
			return nil, []error{&Error{"-", err}}
		}
		arts, err := Parse("-", data)
		if err != nil {
			return nil, []error{err}
		}
		return arts, nil
	}
	info, err := os.Stat(origin)
	if err != nil {
		return nil, []error{&Error{origin, describe(err)}}
	}
	if !info.IsDir() {
		arts, err := LoadFile(origin)
		if err != nil {
			return nil, []error{err}
		}
		return arts, nil
	}
	files, err := Walk(origin)
	var errs []error
	if err != nil {
		errs = append(errs, &Error{origin, describe(err)})
	}
	var arts []model.Article
	for _, f := range files {
		if ctx.Err() != nil {
			break
		}
		got, err := LoadFile(f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		arts = append(arts, got...)
	}
	return arts, errs
}

// LoadFile reads and parses one file.
func LoadFile(path string) ([]model.Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{path, describe(err)}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, &Error{path, describe(err)}
	}
	if info.IsDir() {
		return nil, &Error{path, errors.New("is a folder")}
	}
	if !info.Mode().IsRegular() {
		return nil, &Error{path, errors.New("not a regular file")}
	}
	data, err := readLimited(f)
	if err != nil {
		return nil, &Error{path, describe(err)}
	}
	return Parse(path, data)
}

// Walk lists the files under root in lexical order, skipping hidden files
// and folders (names starting with ".").
func Walk(root string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return err
			}
			return nil // an unreadable entry is skipped, not fatal
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, path)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// readLimited reads r whole, failing when it holds more than MaxFileSize.
func readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("larger than %d MB", MaxFileSize>>20)
	}
	return data, nil
}

// describe turns file-system errors into short reasons.
func describe(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file or folder")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
