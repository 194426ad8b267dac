package sqlite

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/brief-reader/brief/model/store"
)

// TestOpenRefusesDamagedDatabase writes garbage into the middle of a
// state database holding stars and opens it again: Open must fail,
// naming the file and the damage, rather than start with nothing
// starred (issue 12, item 6).
func TestOpenRefusesDamagedDatabase(t *testing.T) {
	path := fixtureDBT(t, 5000)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	garbage := []byte(strings.Repeat("\xde\xad\xbe\xef garbage ", 4096))
	if _, err := f.WriteAt(garbage, info.Size()/2); err != nil {
		t.Fatal(err)
	}
	f.Close()
	s, err := OpenStore(path)
	if err == nil {
		states, serr := s.User(store.LocalUser).States(bg)
		s.Close()
		t.Fatalf("a damaged database opened (%d states, %v)", len(states), serr)
	}
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), path) {
		t.Errorf("error %q is not ErrDamaged naming the file", err)
	}
}
