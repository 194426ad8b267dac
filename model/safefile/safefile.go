// Package safefile opens files that brief was told to read without ever
// blocking on them: a FIFO, a device or a socket given as a path is
// refused with a clear reason instead of hanging the program.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ErrNotRegular is the reason a path that names something other than a
// regular file (or, where allowed, a folder) is refused.
var ErrNotRegular = errors.New("not a regular file")

// Open opens path for reading without blocking, and returns it only when
// it is a regular file. Opening a FIFO for reading would otherwise wait
// for a writer forever; here it is opened non-blocking and refused after
// a look at what it is. The error for anything else names the kind:
// "not a regular file (a named pipe)".
func Open(path string) (*os.File, error) {
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, Kind(info.Mode())
	}
	return f, nil
}

// ReadFile reads a regular file whole, refusing others as Open does and
// files larger than max bytes (max <= 0: no limit).
func ReadFile(path string, max int64) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := io.Reader(f)
	if max > 0 {
		r = io.LimitReader(f, max+1)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if max > 0 && int64(len(data)) > max {
		return nil, fmt.Errorf("larger than %d bytes", max)
	}
	return data, nil
}

// Check returns nil when path is missing or a regular file, and the
// reason otherwise, without opening it: for files another library opens
// (the SQLite database).
func Check(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	if !info.Mode().IsRegular() {
		return Kind(info.Mode())
	}
	return nil
}

// Kind returns ErrNotRegular wrapped with what mode names: a folder, a
// named pipe, a socket or a device.
func Kind(mode fs.FileMode) error {
	what := "a special file"
	switch {
	case mode.IsDir():
		what = "a folder"
	case mode&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		what = "a socket"
	case mode&fs.ModeCharDevice != 0:
		what = "a character device"
	case mode&fs.ModeDevice != 0:
		what = "a device"
	}
	return fmt.Errorf("%w: it is %s", ErrNotRegular, what)
}
