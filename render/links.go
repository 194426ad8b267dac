package render

import (
	"regexp"
	"slices"
	"strings"
)

// inlineLinkRE matches an inline Markdown link, [text](target "title"),
// not an image and not an escaped bracket.
var inlineLinkRE = regexp.MustCompile(`(^|[^!\\])\[((?:\\.|[^\]\\\n])+)\]\(<?((?:[^()\s>]|\([^()\s]*\))+)>?(?:\s+"(?:\\.|[^"\\\n])*")?\)`)

// imageRE matches an inline Markdown image, ![alt](target "title").
var imageRE = regexp.MustCompile(`!\[((?:\\.|[^\]\\\n])*)\]\(<?((?:[^()\s>]|\([^()\s]*\))+)>?(?:\s+"(?:\\.|[^"\\\n])*")?\)`)

// superscripts are the digits of reference marks.
const superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹"

// refMark is n as a superscript number: ¹, ², ¹⁰.
func refMark(n int) string {
	digits := []rune(superscripts)
	var b []rune
	for ; n > 0; n /= 10 {
		b = append([]rune{digits[n%10]}, b...)
	}
	return string(b)
}

// footnoteLinks keeps the text of each inline link (and the words of
// each image) where it stands,
// marked with a superscript number, and lists the links' addresses in
// that order at the end, as a browser's text mode does ("Robert Mugabe¹"
// … "¹ http://…"): an address in the middle of a sentence breaks it.
// The list's addresses are autolinks, which the terminal can follow
// (OSC 8). A link to an address that is no web or mail address keeps its
// text only. Code spans and fenced code are left alone.
func footnoteLinks(md string) string {
	if !strings.Contains(md, "](") {
		return md
	}
	var refs []string
	number := map[string]int{}
	lines := strings.Split(md, "\n")
	fence := ""
	for i, line := range lines {
		t := strings.TrimLeft(line, " ")
		if f := fenceOf(t); f != "" {
			switch {
			case fence == "":
				fence = f
			case strings.HasPrefix(t, fence):
				fence = ""
			}
			continue
		}
		if fence != "" || !strings.Contains(line, "](") {
			continue
		}
		mark := func(text, target string) string {
			if !SafeLink(target) {
				return text
			}
			n, ok := number[target]
			if !ok {
				refs = append(refs, target)
				n = len(refs)
				number[target] = n
			}
			return text + refMark(n)
		}
		lines[i] = outsideCode(line, func(s string) string {
			// Images and links in the order they stand, so that the
			// numbers run in reading order.
			type hit struct {
				start, end int
				text       string
			}
			var hits []hit
			for _, m := range imageRE.FindAllStringSubmatchIndex(s, -1) {
				alt := strings.TrimSpace(s[m[2]:m[3]])
				if alt == "" {
					alt = "image"
				}
				hits = append(hits, hit{m[0], m[1], "(image: " + alt + ")\x00" + s[m[4]:m[5]]})
			}
			for _, m := range inlineLinkRE.FindAllStringSubmatchIndex(s, -1) {
				// The lead character (m[2]:m[3]) stays where it is.
				hits = append(hits, hit{m[3], m[1], s[m[4]:m[5]] + "\x00" + s[m[6]:m[7]]})
			}
			if len(hits) == 0 {
				return s
			}
			slices.SortFunc(hits, func(a, b hit) int { return a.start - b.start })
			var b strings.Builder
			at := 0
			for _, h := range hits {
				if h.start < at {
					continue // inside one already replaced
				}
				text, target, _ := strings.Cut(h.text, "\x00")
				b.WriteString(s[at:h.start])
				b.WriteString(mark(text, target))
				at = h.end
			}
			b.WriteString(s[at:])
			return b.String()
		})
	}
	if len(refs) == 0 {
		return strings.Join(lines, "\n")
	}
	var b strings.Builder
	b.WriteString(strings.TrimRight(strings.Join(lines, "\n"), "\n"))
	b.WriteString("\n\n---\n\n")
	for i, r := range refs {
		b.WriteString("- " + refMark(i+1) + " <" + r + ">\n")
	}
	return b.String()
}

// fenceOf returns the fence a line opens or closes (``` or ~~~), or "".
func fenceOf(t string) string {
	for _, f := range []string{"```", "~~~"} {
		if strings.HasPrefix(t, f) {
			return f
		}
	}
	return ""
}

// outsideCode applies f to the parts of line outside `code spans`.
func outsideCode(line string, f func(string) string) string {
	if !strings.Contains(line, "`") {
		return f(line)
	}
	var b strings.Builder
	for i, part := range strings.Split(line, "`") {
		if i > 0 {
			b.WriteByte('`')
		}
		if i%2 == 0 {
			part = f(part)
		}
		b.WriteString(part)
	}
	return b.String()
}
