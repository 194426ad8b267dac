// Package sample holds brief's embedded sample articles: fictional news
// stories written for this project, opened by `brief` when it is given no
// path. Between them they show every feature of the reader: an explicit
// key-point section in Markdown and in plain text, derived key points,
// many speakers with roles, partial, continued and multi-paragraph
// quotes, pronoun and organisation attribution, plans in phases, wide
// (CJK, emoji) text, and one article with none of these.
package sample

import (
	"embed"
	"errors"
	"io/fs"
	"path"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/source"
)

//go:embed articles
var files embed.FS

// dir is the folder of the embedded file system that holds the articles.
const dir = "articles"

// FS returns the sample article files, one article per file at the root
// of the file system. The files are read-only.
func FS() fs.FS {
	sub, err := fs.Sub(files, dir)
	if err != nil {
		// fs.Sub only fails on an invalid path; dir is a constant.
		panic(err)
	}
	return sub
}

// Names returns the sample file names in lexical order.
func Names() []string {
	entries, _ := fs.ReadDir(files, dir)
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names
}

// Articles parses every sample. Each article's Origin is "sample:NAME".
// It does no disk I/O: the files are compiled into the binary.
func Articles() ([]model.Article, error) {
	var arts []model.Article
	var errs []error
	for _, name := range Names() {
		data, err := files.ReadFile(path.Join(dir, name))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got, err := source.Parse("sample:"+name, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		arts = append(arts, got...)
	}
	return arts, errors.Join(errs...)
}
