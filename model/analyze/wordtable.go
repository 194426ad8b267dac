package analyze

import (
	"regexp"
	"sync"
	"sync/atomic"
)

// classTable is a read-only open-addressing hash table from lower-case
// words to their classes. Lookups fold ASCII upper case to lower while
// hashing, so the word is never copied; slots are small (hash and index)
// so that the table stays in cache.
type classTable struct {
	slots  []uint64 // hash<<32 | index+1; 0 marks a free slot
	keys   []string
	cls    []wclass
	mask   uint32
	maxLen int
	lead   [256]bool // first bytes of keys, either case
}

// newClassTable builds the table for m, whose keys must be lower case.
func newClassTable(m map[string]wclass) classTable {
	n := 1
	for n < 3*len(m) {
		n <<= 1
	}
	t := classTable{slots: make([]uint64, n), mask: uint32(n - 1)}
	for k, c := range m {
		if k == "" {
			continue
		}
		if len(k) > t.maxLen {
			t.maxLen = len(k)
		}
		t.lead[k[0]] = true
		if 'a' <= k[0] && k[0] <= 'z' {
			t.lead[k[0]-('a'-'A')] = true
		}
		h := wordHash(k)
		i := h & t.mask
		for t.slots[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.keys = append(t.keys, k)
		t.cls = append(t.cls, c)
		t.slots[i] = uint64(h)<<32 | uint64(len(t.keys))
	}
	return t
}

// wordHash hashes a word from its length and its first two and last two
// bytes, ORed with 0x20 so that ASCII case does not matter; words equal
// but for ASCII case always hash alike. It costs the same for any length.
func wordHash(s string) uint32 {
	n := len(s)
	var x uint32
	if n == 1 {
		x = uint32(s[0] | 0x20)
	} else {
		x = uint32(s[0]|0x20) | uint32(s[1]|0x20)<<8 | uint32(s[n-2]|0x20)<<16 | uint32(s[n-1]|0x20)<<24
	}
	h := x*0x9E3779B1 ^ uint32(n)*0x85EBCA6B
	return h ^ h>>15
}

// lookup returns the classes of s, ignoring ASCII case.
func (t *classTable) lookup(s string) wclass {
	if len(s) == 0 || len(s) > t.maxLen || !t.lead[s[0]] {
		return 0
	}
	h := wordHash(s)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		v := t.slots[i]
		if v == 0 {
			return 0
		}
		if uint32(v>>32) == h {
			k := uint32(v) - 1
			if key := t.keys[k]; len(key) == len(s) && equalLowerASCII(s, key) {
				return t.cls[k]
			}
		}
	}
}

// equalLowerASCII reports whether s with ASCII upper case folded equals
// the lower-case lower.
func equalLowerASCII(s, lower string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// lazyTable is a classTable built on first use, so that loading the
// package costs nothing (a command's start, the reader's first frame).
// After the first call get is one load of a pointer.
type lazyTable struct {
	build func() map[string]wclass // the words, lower case, and their classes
	once  sync.Once
	table atomic.Pointer[classTable]
}

// get returns the table, building it on the first call.
func (l *lazyTable) get() *classTable {
	if t := l.table.Load(); t != nil {
		return t
	}
	return l.first()
}

// first builds the table, once, and returns it.
func (l *lazyTable) first() *classTable {
	l.once.Do(func() {
		t := newClassTable(l.build())
		l.table.Store(&t)
	})
	return l.table.Load()
}

// lazyRegexp returns a function that compiles expr on its first call,
// so that loading the package compiles nothing.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
