package server

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"github.com/brief-reader/brief/model/safefile"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/adrg/xdg"
	gossh "golang.org/x/crypto/ssh"
)

// DefaultHostKeyPath returns $XDG_DATA_HOME/brief/ssh_host_ed25519_key
// (~/.local/share/brief/... when the variable is unset).
func DefaultHostKeyPath() (string, error) {
	p, err := xdg.DataFile(filepath.Join("brief", "ssh_host_ed25519_key"))
	if err != nil {
		return "", fmt.Errorf("host key path: %w", err)
	}
	return p, nil
}

// LoadOrCreateHostKey reads the OpenSSH private key at path, or, when the
// file does not exist, generates an ed25519 key and writes it there with
// mode 0600 (its folder 0700 when created). created reports which. A key
// file that group or others may read is refused, as OpenSSH does.
func LoadOrCreateHostKey(path string) (signer gossh.Signer, created bool, err error) {
	data, err := safefile.ReadFile(path, 1<<20)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		signer, err := createHostKey(path)
		return signer, err == nil, err
	case err != nil:
		return nil, false, fmt.Errorf("host key: %w", err)
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, false, fmt.Errorf("host key: %w", err)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return nil, false, fmt.Errorf("host key %s is accessible by others (mode %04o): chmod 600 it", path, perm)
	}
	signer, err = gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, false, fmt.Errorf("host key %s: %w", path, err)
	}
	return signer, false, nil
}

// createHostKey generates an ed25519 key and writes it to path, failing
// rather than overwriting a file that appeared meanwhile.
func createHostKey(path string) (gossh.Signer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("host key: generate: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "brief host key")
	if err != nil {
		return nil, fmt.Errorf("host key: encode: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	if err := pem.Encode(f, block); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("host key: write %s: %w", path, err)
	}
	if err := errors.Join(f.Sync(), f.Close()); err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("host key: write %s: %w", path, err)
	}
	return gossh.NewSignerFromKey(priv)
}
