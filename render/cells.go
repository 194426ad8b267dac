package render

import (
	"strings"

	xansi "github.com/charmbracelet/x/ansi"
)

// Cells returns s with every character sequence whose width terminals
// disagree on rewritten so that they agree: an emoji with a variation
// selector (⬇️), joined emoji (🏳️‍🌈), a skin tone (👍🏽) or a tag sequence
// is two cells to a terminal that measures grapheme clusters (and to
// lipgloss, which lays brief out) but one or three or four to one that
// counts runes with wcwidth, as bubbletea does on terminals that do not
// report Unicode mode 2027 (tmux 3.3a). A line that the renderer counts
// shorter than it is leaves the terminal's last cells of that row as they
// were: a stale character after the screen changes. Such a sequence
// keeps its characters and drops the selectors, joiners and modifiers,
// so that each character stands alone and both ways count it the same;
// a cluster that still counts differently without them (a conjunct of an
// Indic script) is left as it is.
func Cells(s string) string {
	if strings.IndexFunc(s, joining) < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for rest := s; rest != ""; {
		cluster, _ := xansi.FirstGraphemeCluster(rest, xansi.GraphemeWidth)
		if cluster == "" {
			break
		}
		rest = rest[len(cluster):]
		if strings.IndexFunc(cluster, joining) < 0 || xansi.StringWidth(cluster) == xansi.StringWidthWc(cluster) {
			b.WriteString(cluster)
			continue
		}
		alone := strings.Map(func(r rune) rune {
			if joining(r) {
				return -1
			}
			return r
		}, cluster)
		if xansi.StringWidth(alone) != xansi.StringWidthWc(alone) {
			alone = cluster // not an emoji sequence (a conjunct of a script): leave it
		}
		b.WriteString(alone)
	}
	return b.String()
}

// joining reports whether r joins or modifies the character before it
// into one cluster whose width terminals count differently: the zero
// width joiner, variation selectors, skin tone modifiers, tag
// characters, and the regional indicators that pair into flags.
func joining(r rune) bool {
	switch {
	case r == 0x200d, r == 0xfe0e, r == 0xfe0f, r == 0x20e3:
		return true
	case r >= 0x1f3fb && r <= 0x1f3ff, r >= 0xe0020 && r <= 0xe007f, r >= 0x1f1e6 && r <= 0x1f1ff:
		return true
	}
	return false
}
