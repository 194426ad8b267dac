package analyze

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
		h := foldHash32(k)
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

// foldHash32 is the FNV-1a hash of s with ASCII upper case folded.
func foldHash32(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint32(c)
		h *= 16777619
	}
	return h
}

// lookup returns the classes of s, ignoring ASCII case.
func (t *classTable) lookup(s string) wclass {
	if len(s) == 0 || len(s) > t.maxLen {
		return 0
	}
	h := foldHash32(s)
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
