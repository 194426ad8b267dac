package analyze

import "sync"

// hashCounts counts 64-bit word hashes in an open-addressing table: a
// map[uint64]int without per-entry allocation.
type hashCounts struct {
	keys   []uint64
	counts []int32
	mask   uint64
}

// newHashCounts makes a table for up to n distinct hashes (the table
// stays at most two thirds full).
func newHashCounts(n int) hashCounts {
	size := 8
	for size < n+n/2 {
		size <<= 1
	}
	return hashCounts{keys: make([]uint64, size), counts: make([]int32, size), mask: uint64(size - 1)}
}

// slot returns the slot of h: where it is, or the free slot it would take.
func (m *hashCounts) slot(h uint64) uint64 {
	i := (h ^ h>>29) & m.mask
	for m.counts[i] != 0 && m.keys[i] != h {
		i = (i + 1) & m.mask
	}
	return i
}

// add counts one more h.
func (m *hashCounts) add(h uint64) {
	i := m.slot(h)
	m.keys[i] = h
	m.counts[i]++
}

// get returns how many times h was added.
func (m *hashCounts) get(h uint64) int { return int(m.counts[m.slot(h)]) }

// has reports whether h was added.
func (m *hashCounts) has(h uint64) bool { return m.counts[m.slot(h)] != 0 }

// wordCounts counts the 64-bit word hashes of one slice without copying
// them: each slot packs the index+1 in words of the hash's first
// occurrence (high half) and its count (low half), 8 bytes a slot.
type wordCounts struct {
	words []uint64
	slots []uint64
	mask  uint64
}

// countWords counts every hash of words (the table stays at most two
// thirds full).
func countWords(words []uint64) wordCounts {
	size := 8
	for size < len(words)+len(words)/2 {
		size <<= 1
	}
	m := wordCounts{words: words, slots: getU64(size), mask: uint64(size - 1)}
	for i, h := range words {
		s := m.slot(h)
		if m.slots[s] == 0 {
			m.slots[s] = uint64(i+1) << 32
		}
		m.slots[s]++
	}
	return m
}

// slot returns the slot of h: where it is, or the free slot it would take.
func (m *wordCounts) slot(h uint64) uint64 {
	i := (h ^ h>>29) & m.mask
	for {
		v := m.slots[i]
		if v == 0 || m.words[v>>32-1] == h {
			return i
		}
		i = (i + 1) & m.mask
	}
}

// get returns how many times h occurs in the words.
func (m *wordCounts) get(h uint64) int { return int(uint32(m.slots[m.slot(h)])) }

// u64Pool recycles the word-hash buffers of derived key points between
// analyses; they hold no pointers, so reuse keeps nothing alive.
var u64Pool sync.Pool

// getU64 returns a zeroed slice of n elements, reusing a pooled buffer
// when one is large enough.
func getU64(n int) []uint64 {
	if p, ok := u64Pool.Get().(*[]uint64); ok && cap(*p) >= n {
		b := (*p)[:n]
		clear(b)
		return b
	}
	return make([]uint64, n)
}

// putU64 returns b to the pool.
func putU64(b []uint64) {
	if cap(b) == 0 || cap(b) > 1<<22 {
		return
	}
	b = b[:0]
	u64Pool.Put(&b)
}
