//go:build !unix

package safefile

import "os"

// openNonBlocking opens path read-only; systems without FIFOs in the
// file system cannot block here.
func openNonBlocking(path string) (*os.File, error) {
	return os.Open(path)
}
