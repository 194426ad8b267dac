package main

import (
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/adrg/xdg"
)

// maxLogSize is the size from which the log file is started afresh.
const maxLogSize = 1 << 20

// routeLogToFile sends the standard logger (which Go's HTTP client and
// other libraries write to) to $XDG_STATE_HOME/brief/brief.log while the
// reader owns the terminal, and returns the function that puts it back.
// A library line written to stderr would land in the middle of the
// screen ("Unsolicited response received on idle HTTP channel"). When
// the file cannot be opened, those lines are dropped.
func routeLogToFile() (path string, restore func()) {
	prevOut, prevFlags := log.Writer(), log.Flags()
	var w io.Writer = io.Discard
	var f *os.File
	path, err := xdg.StateFile(filepath.Join("brief", "brief.log"))
	if err == nil {
		flags := os.O_WRONLY | os.O_CREATE | os.O_APPEND
		if info, err := os.Stat(path); err == nil && info.Size() > maxLogSize {
			flags |= os.O_TRUNC
		}
		if f, err = os.OpenFile(path, flags, 0o600); err == nil {
			w = f
		} else {
			path = ""
		}
	}
	log.SetOutput(w)
	log.SetFlags(log.LstdFlags)
	return path, func() {
		log.SetOutput(prevOut)
		log.SetFlags(prevFlags)
		if f != nil {
			f.Close()
		}
	}
}
