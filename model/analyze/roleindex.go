package analyze

import (
	"strings"
	"unicode/utf8"

	"github.com/brief-reader/brief/model"
)

// roleIndex lists, for each lower-case word of a person's name or role,
// the people whose name or role holds it, in registry order. It is
// brought up to date on lookup: people added since the last lookup are
// appended, and roles given since then inserted in order.
type roleIndex struct {
	slot    map[string]int32 // word -> index in lists
	lists   [][]*entity
	built   bool
	stale   bool      // a person or a role was added since the last lookup
	full    bool      // a person was renamed: rebuild from scratch when stale
	done    int       // registry entities indexed so far
	pending []*entity // entities given a role since the last lookup
	pool    []*entity // room for new lists
}

// setRole gives e a role if it has none and indexes its words.
func (r *registry) setRole(e *entity, role string) {
	if e.role != "" || role == "" {
		return
	}
	e.role = role
	r.roles.stale = true
	if e.kind == model.KindPerson {
		r.roles.pending = append(r.roles.pending, e)
	}
}

// rename changes the name of e. Like a role or a new person, a new name
// reaches the index at the next lookup after the index goes stale.
func (r *registry) rename(e *entity, name string) {
	e.name = name
	if e.kind == model.KindPerson {
		r.roles.full = true
	}
}

// roleList returns the people whose role or name holds the lower-case
// word w, in registry order.
func (r *registry) roleList(w string) []*entity {
	x := &r.roles
	if x.built && !x.stale {
		i, ok := x.slot[w]
		if !ok {
			return nil
		}
		return x.lists[i]
	}
	switch {
	case !x.built || x.full:
		for i := range x.lists {
			x.lists[i] = x.lists[i][:0]
		}
		for _, e := range r.ents {
			if e.kind == model.KindPerson {
				x.index(e, e.name)
				x.index(e, e.role)
			}
		}
	case x.stale:
		for _, e := range x.pending {
			if e.idx < x.done {
				x.index(e, e.role)
			}
		}
		for _, e := range r.ents[x.done:] {
			if e.kind == model.KindPerson {
				x.index(e, e.name)
				x.index(e, e.role)
			}
		}
	}
	x.built, x.stale, x.full, x.done, x.pending = true, false, false, len(r.ents), x.pending[:0]
	i, ok := x.slot[w]
	if !ok {
		return nil
	}
	return x.lists[i]
}

// index adds e under the words of s, keeping each list in registry order
// and free of repeats. Words are lower-cased, stripped of ".,;:" at the
// edges and of a possessive ending.
func (x *roleIndex) index(e *entity, s string) {
	var kb [64]byte
	for f := range strings.FieldsSeq(s) {
		var w []byte
		if isASCII(f) {
			w = trimPossessiveBytes(trimBytes(appendLowerASCII(kb[:0], f), ".,;:"))
		} else {
			w = []byte(stripPossessive(strings.Trim(strings.ToLower(f), ".,;:")))
		}
		if len(w) == 0 {
			continue
		}
		if len(w) <= 4 {
			if full, ok := titleAbbrevs[string(w)]; ok {
				x.add(e, nil, full) // "Sen." is found by "the senator"
			}
		}
		x.add(e, w, f)
	}
}

// titleAbbrevs are abbreviated titles and the words descriptions use for
// them.
var titleAbbrevs = map[string]string{
	"sen": "senator", "sens": "senator", "rep": "representative", "gov": "governor",
	"gen": "general", "col": "colonel", "lt": "lieutenant", "sgt": "sergeant",
	"capt": "captain", "prof": "professor", "dr": "doctor", "atty": "attorney",
	"adm": "admiral", "cmdr": "commander", "pres": "president", "supt": "superintendent",
	"det": "detective", "insp": "inspector", "cpl": "corporal", "maj": "major",
}

// abbrevsOf maps a title to its abbreviations ("senator" to "sen",
// "sens"), the reverse of titleAbbrevs.
var abbrevsOf = func() map[string][]string {
	m := make(map[string][]string)
	for abbr, full := range titleAbbrevs {
		m[full] = append(m[full], abbr)
	}
	return m
}()

// add puts e in the list of the lower-case word w, the word f as written
// lower-cased; f alone when w is nil.
func (x *roleIndex) add(e *entity, w []byte, f string) {
	if w == nil {
		w = []byte(f)
	}
	{
		i, ok := x.slot[string(w)]
		if !ok {
			i = int32(len(x.lists))
			if string(w) == f {
				x.slot[f] = i // the word as written: no copy
			} else {
				x.slot[string(w)] = i
			}
			// New lists start in a shared block.
			if len(x.pool) < 4 {
				x.pool = make([]*entity, 64+4*len(x.lists))
			}
			x.lists = append(x.lists, x.pool[:0:4])
			x.pool = x.pool[4:]
		}
		l := x.lists[i]
		p := len(l)
		for p > 0 && l[p-1].idx > e.idx {
			p--
		}
		if p > 0 && l[p-1] == e {
			return
		}
		if p == len(l) {
			x.lists[i] = append(l, e)
			return
		}
		l = append(l, nil)
		copy(l[p+1:], l[p:])
		l[p] = e
		x.lists[i] = l
	}
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// trimBytes removes the ASCII bytes of cut from both ends of b.
func trimBytes(b []byte, cut string) []byte {
	for len(b) > 0 && strings.IndexByte(cut, b[0]) >= 0 {
		b = b[1:]
	}
	for len(b) > 0 && strings.IndexByte(cut, b[len(b)-1]) >= 0 {
		b = b[:len(b)-1]
	}
	return b
}

// trimPossessiveBytes is stripPossessive for ASCII bytes.
func trimPossessiveBytes(b []byte) []byte {
	n := len(b)
	switch {
	case n >= 2 && b[n-2] == '\'' && b[n-1] == 's':
		return b[:n-2]
	case n >= 2 && b[n-2] == 's' && b[n-1] == '\'':
		return b[:n-1]
	}
	return b
}
