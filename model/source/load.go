package source

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/brief-reader/brief/model/safefile"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/brief-reader/brief/model"
)

// LoadAll loads every origin in order: files, folders (walked
// recursively, hidden entries skipped), http and https URLs, OPML feed
// lists and "-" for stdin. It returns the articles that loaded and one
// *Error per source that failed; a failure never stops the others. For
// loading in the background, see Stream.
func LoadAll(ctx context.Context, origins []string, stdin io.Reader) ([]model.Article, []error) {
	return LoadAllWith(ctx, origins, stdin, &Fetcher{})
}

// LoadAllWith is LoadAll with a Fetcher of the caller's, whose Limits cap
// files and standard input too.
func LoadAllWith(ctx context.Context, origins []string, stdin io.Reader, f *Fetcher) ([]model.Article, []error) {
	l := &loader{fetcher: f, stdin: stdin}
	var arts []model.Article
	var errs []error
	for _, o := range origins {
		got, es := l.loadTree(ctx, o)
		arts = append(arts, got...)
		errs = append(errs, es...)
	}
	return arts, errs
}

// Load loads one origin: a file, a folder, an http or https URL, an OPML
// feed list (each feed it lists is loaded) or "-" for stdin.
func Load(ctx context.Context, origin string, stdin io.Reader) ([]model.Article, []error) {
	l := &loader{fetcher: &Fetcher{}, stdin: stdin}
	return l.loadTree(ctx, origin)
}

// LoadFile reads and parses one file. An OPML feed list gives ErrFeedList.
func LoadFile(path string) ([]model.Article, error) {
	data, err := readFile(path, Limits{})
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Walk lists the files under root in lexical order, skipping hidden files
// and folders (names starting with ".").
func Walk(root string) ([]string, error) {
	var files []string
	err := walk(context.Background(), root, func(path string) { files = append(files, path) }, nil)
	sort.Strings(files)
	return files, err
}

// walk calls file for every regular file under root as it is found,
// skipping hidden entries and files whose extension marks them as media
// or archives. bad, when not nil, is told of entries that cannot be read;
// otherwise they are skipped. walk stops when ctx is done.
func walk(ctx context.Context, root string, file func(string), bad func(string, error)) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			if path == root {
				return err
			}
			if bad != nil {
				bad(path, describe(err))
			}
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && (path == root || !skipExt[strings.ToLower(filepath.Ext(path))]) {
			file(path)
		}
		return nil
	})
}

// skipExt are extensions of files a folder walk passes over: media,
// archives, fonts, scripts and styles are never articles.
var skipExt = map[string]bool{
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".svg": true,
	".ico": true, ".bmp": true, ".tif": true, ".tiff": true, ".avif": true, ".heic": true,
	".mp3": true, ".mp4": true, ".m4a": true, ".ogg": true, ".wav": true, ".webm": true,
	".mov": true, ".avi": true, ".mkv": true, ".flac": true,
	".zip": true, ".gz": true, ".tgz": true, ".bz2": true, ".xz": true, ".zst": true,
	".7z": true, ".rar": true, ".tar": true, ".pdf": true, ".exe": true, ".so": true,
	".dll": true, ".o": true, ".a": true, ".woff": true, ".woff2": true, ".ttf": true,
	".otf": true, ".css": true, ".js": true, ".map": true, ".db": true, ".sqlite": true,
}

// loader loads single sources; Stream and LoadAll share it.
type loader struct {
	fetcher *Fetcher
	stdin   io.Reader
	// emit, when set, receives the items of a large local feed in
	// batches as they are converted; one then returns no articles.
	emit func(origin string, arts []model.Article)
}

// feedBatch is the batch size for large feeds, and bigFeed the size from
// which a local feed is loaded in batches.
const (
	feedBatch = 500
	bigFeed   = 1 << 20
)

// loadTree loads origin and, for a folder or an OPML list, everything in
// it, in order.
func (l *loader) loadTree(ctx context.Context, origin string) ([]model.Article, []error) {
	if err := ctx.Err(); err != nil {
		return nil, []error{&Error{origin, err}}
	}
	if origin != "-" && !isURL(origin) {
		if info, err := os.Stat(origin); err == nil && info.IsDir() {
			var arts []model.Article
			var errs []error
			err := walk(ctx, origin, func(path string) {
				got, es := l.loadTree(ctx, path)
				arts = append(arts, got...)
				errs = append(errs, es...)
			}, func(path string, err error) { errs = append(errs, &Error{path, err}) })
			if err != nil {
				errs = append(errs, &Error{origin, describe(err)})
			}
			return arts, errs
		}
	}
	arts, feeds, err := l.one(ctx, origin)
	if err != nil {
		return nil, []error{err}
	}
	var errs []error
	for _, f := range feeds {
		got, err := l.listed(ctx, f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		arts = append(arts, got...)
	}
	return arts, errs
}

// listed loads f, a feed an OPML list names: only an http or https URL
// is loaded (listedFeed), and a listed feed that is itself a list is not
// followed further.
func (l *loader) listed(ctx context.Context, f string) ([]model.Article, error) {
	if err := listedFeed(f); err != nil {
		return nil, err
	}
	arts, _, err := l.one(ctx, f)
	return arts, err
}

// one loads a single source that is not a folder: a file, a URL or stdin.
// An OPML feed list yields the feeds it lists instead of articles.
func (l *loader) one(ctx context.Context, origin string) ([]model.Article, []string, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, &Error{origin, err}
	}
	if isURL(origin) {
		var emit func([]model.Article)
		if l.emit != nil {
			emit = func(b []model.Article) { l.emit(origin, b) }
		}
		return l.fetcher.load(ctx, origin, emit)
	}
	lim := l.fetcher.Limits
	var data []byte
	var err error
	if origin == "-" {
		if l.stdin == nil {
			return nil, nil, &Error{origin, errors.New("no standard input")}
		}
		data, err = readLimited(l.stdin, lim)
		if err != nil {
			err = &Error{origin, err}
		}
	} else {
		var arts []model.Article
		var streamed bool
		arts, data, streamed, err = l.file(origin, lim)
		if streamed || err != nil {
			return arts, nil, err
		}
	}
	if err != nil {
		return nil, nil, err
	}
	k := sniffKind(origin, bytes.TrimSpace(skipBOM(data)), "")
	if int64(len(data)) > lim.of(k) {
		return nil, nil, &Error{origin, lim.tooLargeFor(k)}
	}
	switch k {
	case kindOPML:
		feeds, err := ParseOPML(origin, data)
		return nil, feeds, err
	case kindFeed:
		if l.emit != nil && len(data) >= bigFeed {
			err := parseFeed(origin, decodeXML(data, ""), feedBatch, true, func(b []model.Article) {
				l.emit(origin, b)
			})
			return nil, nil, err
		}
	}
	arts, err := Parse(origin, data)
	return arts, nil, err
}

// file loads the file at path. A large RSS or Atom feed is parsed as it
// is read, as one from a URL is (streamFeed): its articles go to l.emit
// in batches, or are returned, and streamed is true. Anything else is
// read whole and returned as data, for the caller to parse.
func (l *loader) file(path string, lim Limits) (arts []model.Article, data []byte, streamed bool, err error) {
	f, size, err := openFile(path, lim)
	if err != nil {
		return nil, nil, false, err
	}
	defer f.Close()
	if size < bigFeed {
		data, err = readOpen(f, path, size, lim)
		return nil, data, false, err
	}
	br := bufio.NewReaderSize(f, 8192)
	head, _ := br.Peek(4096)
	if sniffKind(path, bytes.TrimSpace(skipBOM(head)), "") != kindFeed {
		data, err = readOpen(br, path, size, lim)
		return nil, data, false, err
	}
	send := func(b []model.Article) { arts = append(arts, b...) }
	if l.emit != nil {
		send = func(b []model.Article) { l.emit(path, b) }
	}
	read, err := streamFeed(br, lim.feed(), path, path, lim, send)
	switch {
	case err == nil:
		return arts, nil, true, nil
	case !errors.Is(err, errNotStreamable):
		return nil, nil, true, &Error{path, describe(err)}
	}
	// Not shaped for cutting: read the rest, and parse it whole.
	rest, err := readOpen(br, path, size-int64(len(read)), lim)
	if err != nil {
		return nil, nil, false, err
	}
	return nil, append(read, rest...), false, nil
}

// readFile reads a regular file whole, with errors as *Error. A file over
// the larger of lim's caps is refused unread; the caller checks the cap of
// the kind it holds. It is opened without blocking: a FIFO given as a
// path is refused, not waited on (safefile.Open).
func readFile(path string, lim Limits) ([]byte, error) {
	f, size, err := openFile(path, lim)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readOpen(f, path, size, lim)
}

// openFile opens the regular file at path for reading and returns its
// size, with errors as *Error: a FIFO or device is refused, not waited
// on (safefile.Open), and a file over the larger of lim's caps unread.
func openFile(path string, lim Limits) (*os.File, int64, error) {
	f, err := safefile.Open(path)
	if errors.Is(err, safefile.ErrNotRegular) {
		return nil, 0, &Error{path, err}
	}
	if scheme := urlScheme(path); scheme != "" && errors.Is(err, fs.ErrNotExist) {
		return nil, 0, &Error{path, fmt.Errorf("unsupported URL scheme %q: brief reads http and https URLs, files and folders", scheme)}
	}
	if err != nil {
		return nil, 0, &Error{path, describe(err)}
	}
	info, err := f.Stat()
	switch {
	case err != nil:
		err = describe(err)
	case info.IsDir():
		err = errors.New("is a folder")
	case !info.Mode().IsRegular():
		err = errors.New("not a regular file")
	case info.Size() > lim.most():
		err = lim.tooLargeFor(kindFeed)
	}
	if err != nil {
		f.Close()
		return nil, 0, &Error{path, err}
	}
	return f, info.Size(), nil
}

// readOpen reads the rest of an open file, of about size bytes, within
// the larger of lim's caps.
func readOpen(r io.Reader, path string, size int64, lim Limits) ([]byte, error) {
	// Read into a buffer of the file's size: growing one through
	// io.ReadAll costs several copies of a large feed.
	data := make([]byte, max(size, 0)+1)
	n, err := io.ReadFull(r, data)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		return data[:n], nil
	}
	if err != nil {
		return nil, &Error{path, describe(err)}
	}
	// The file grew while being read: read the rest within the limit.
	rest, err := readLimited(io.MultiReader(bytes.NewReader(data), r), lim)
	if err != nil {
		return nil, &Error{path, describe(err)}
	}
	return rest, nil
}

// readLimited reads r whole, failing when it holds more than the larger
// of lim's caps.
func readLimited(r io.Reader, lim Limits) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, lim.most()+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > lim.most() {
		return nil, lim.tooLargeFor(kindFeed)
	}
	return data, nil
}

// urlScheme returns the scheme of origin when it is written as a URL
// ("ftp://…"), else "".
func urlScheme(origin string) string {
	scheme, rest, ok := strings.Cut(origin, "://")
	if !ok || scheme == "" || rest == "" {
		return ""
	}
	for i, c := range scheme {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return ""
		}
	}
	return strings.ToLower(scheme)
}

// describe turns file-system errors into short reasons.
func describe(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("not found: no such file or folder")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
