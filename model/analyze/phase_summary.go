package analyze

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// How long a stage lasts and what happens in it.

// durationRE finds how long something lasts: "six weeks", "42 days", "a
// six-week", "three to four months".
var durationRE = lazyRegexp(`(?i)\b(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|sixty|ninety|several|a few)(?:\s+(?:to|or)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve))?[- ](hour|day|week|month|year)s?\b`)

// durationNouns may follow a hyphened duration that gives how long a
// stage lasts ("a six-week ceasefire"); other nouns make it a property of
// something else ("a 24-hour hotline", "a five-year high").
var durationNouns = map[string]bool{
	"ceasefire": true, "truce": true, "lockdown": true, "period": true, "pause": true,
	"window": true, "programme": true, "program": true, "pilot": true, "closure": true,
	"shutdown": true, "freeze": true, "moratorium": true, "transition": true, "break": true,
	"halt": true, "suspension": true, "extension": true, "plan": true, "process": true,
	"rollout": true, "campaign": true, "operation": true, "deployment": true, "build": true,
	"construction": true, "initial": true, "opening": true, "final": true, "next": true,
}

// offsetAfter are words after a length of time that make it a point in
// time or an age, not how long a stage lasts: "six weeks after", "two
// years ago", "ten years old".
var offsetAfter = map[string]bool{
	"ago": true, "old": true, "later": true, "earlier": true, "after": true, "before": true,
	"since": true, "into": true, "on": true, "beforehand": true,
}

// offsetBefore are words before a length of time that make it no
// duration: "after six weeks", "every two years", "twice a year".
var offsetBefore = map[string]bool{
	"after": true, "every": true, "each": true, "per": true, "since": true, "once": true,
	"twice": true, "times": true, "thrice": true, "ago": true,
}

// durationOf returns the first duration given in the clauses of a stage's
// mentions, best first, with the adjective form ("six-week") turned into
// a plain one ("six weeks").
func durationOf(best mention, ms []mention) string {
	if d := clauseDuration(best.sentence, best.clauseAt, best.clause); d != "" {
		return d
	}
	for _, m := range ms {
		if m.para < 0 || m.span == best.span && m.para == best.para {
			continue
		}
		// Another mention speaks for the stage's length as the subject
		// of its sentence, as a back reference ("That phase lasts …"),
		// after a hyphened length ("a six-week first phase"), or in its
		// own clause ("…, said the first phase will take six weeks").
		clause := m.clause
		if !m.leading && m.kind != kindAnaphor && strings.HasPrefix(m.sentence[m.span.Start-m.sentOff:], clause) {
			clause = sameClause(clause, m.span.End-m.span.Start)
		}
		if d := clauseDuration(m.sentence, m.clauseAt, clause); d != "" {
			return d
		}
	}
	return ""
}

// sameClause returns the part of a mention's clause (the label is its
// first n bytes) that still speaks of the stage: up to the first comma,
// unless the comma opens a description of it (", which lasts …").
func sameClause(clause string, n int) string {
	rest := clause[n:]
	i := strings.IndexByte(rest, ',')
	if i < 0 {
		return clause
	}
	switch firstWordLower(rest[i+1:]) {
	case "which", "lasting", "expected", "due", "running", "set":
		return clause
	}
	return clause[:n+i]
}

// clauseDuration returns the first length of time in a clause, which
// starts at offset at of its sentence, that says how long something
// lasts; the words around it are read in the whole sentence.
func clauseDuration(sentence string, at int, clause string) string {
	if !mayHoldDuration(clause) {
		return ""
	}
	for _, loc := range durationRE().FindAllStringIndex(clause, 4) {
		if !isDuration(sentence, at+loc[0], at+loc[1]) {
			continue
		}
		d := clause[loc[0]:loc[1]]
		if strings.Contains(d, "-") {
			d = strings.ReplaceAll(d, "-", " ")
			if !strings.HasSuffix(d, "s") {
				d += "s"
			}
		}
		if strings.HasPrefix(strings.ToLower(d), "a ") && !strings.HasPrefix(strings.ToLower(d), "a few") {
			d = "one " + d[2:]
		}
		return d
	}
	return ""
}

// isDuration reports whether the length of time at s[start:end] says how
// long something lasts: its unit in lower case (not a name such as "80
// Day Challenge"), no point in time ("six weeks after"), no rate ("$5bn
// a year"), and a hyphened adjective only before a noun that lasts.
func isDuration(s string, start, end int) bool {
	unit := end
	for unit > start && s[unit-1] != ' ' && s[unit-1] != '-' {
		unit--
	}
	if r, _ := utf8.DecodeRuneInString(s[unit:]); unicode.IsUpper(r) && strings.ToUpper(s) != s {
		return false
	}
	after := firstWordLower(s[end:])
	if offsetAfter[after] {
		return false
	}
	before := lastWordLower(s[:start])
	if offsetBefore[before] || before == "in" && startsBefore(s[:start]) {
		return false
	}
	if q := s[start:min(start+2, end)]; (q == "a " || q == "A ") && lastHasDigit(s[:start]) {
		return false // "$5bn a year"
	}
	if strings.IndexByte(s[start:end], '-') >= 0 {
		// Adjective: "a six-week ceasefire", "a 24-hour hotline".
		return after == "" || durationNouns[after] || stageNouns[after] != "" || ordinalWords[after] > 0
	}
	return true
}

// startVerbs say when something starts; "in" and a length of time after
// them is when, not how long: "Phase 4 begins in a year".
var startVerbs = map[string]bool{
	"begin": true, "begins": true, "start": true, "starts": true, "follow": true, "follows": true,
	"move": true, "moves": true, "open": true, "opens": true, "resume": true, "resumes": true,
	"come": true, "comes": true, "kick": true, "kicks": true, "launch": true, "launches": true,
	"reopen": true, "reopens": true, "arrive": true, "arrives": true, "expire": true, "expires": true,
	"end": true, "ends": true, "due": true,
}

// startsBefore reports whether one of the last few words of s, before
// a closing "in", is a verb of starting.
func startsBefore(s string) bool {
	ws := strings.Fields(s)
	for i := len(ws) - 2; i >= 0 && i >= len(ws)-6; i-- {
		if startVerbs[strings.ToLower(strings.Trim(ws[i], ",.;:"))] {
			return true
		}
	}
	return false
}

// firstWordLower returns the first word of s (letters only) in lower case.
func firstWordLower(s string) string {
	s = strings.TrimLeft(s, " ")
	i := 0
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	return strings.ToLower(s[:i])
}

// lastWordLower returns the last word of s (letters only) in lower case.
func lastWordLower(s string) string {
	s = strings.TrimRight(s, " ")
	i := len(s)
	for i > 0 && (s[i-1] >= 'a' && s[i-1] <= 'z' || s[i-1] >= 'A' && s[i-1] <= 'Z') {
		i--
	}
	return strings.ToLower(s[i:])
}

// lastHasDigit reports whether s ends with an amount: a word holding a
// digit ("$5bn", "40%"), or one counting a number ("$5 million").
func lastHasDigit(s string) bool {
	s = strings.TrimRight(s, " ")
	i := strings.LastIndexByte(s, ' ')
	last := s[i+1:]
	if strings.ContainsAny(last, "0123456789") {
		return true
	}
	switch strings.ToLower(last) {
	case "million", "billion", "trillion", "thousand", "hundred", "percent", "dollars", "pounds", "euros":
		return i > 0 && lastHasDigit(s[:i])
	}
	return false
}

// mayHoldDuration is a cheap test for the unit words durationRE needs
// (hour, day, week, month, year in any case), so that the expression runs
// only on the few clauses that can match. The Kelvin sign, which (?i)
// matches as a k, sends a clause to the expression too.
func mayHoldDuration(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		switch s[i] | 0x20 {
		case 'h':
			if i+4 <= len(s) && strings.EqualFold(s[i:i+4], "hour") {
				return true
			}
		case 'd':
			if strings.EqualFold(s[i:i+3], "day") {
				return true
			}
		case 'w':
			if i+4 <= len(s) && strings.EqualFold(s[i:i+4], "week") {
				return true
			}
		case 'm':
			if i+5 <= len(s) && strings.EqualFold(s[i:i+5], "month") {
				return true
			}
		case 'y':
			if i+4 <= len(s) && strings.EqualFold(s[i:i+4], "year") {
				return true
			}
		}
	}
	return strings.Contains(s, "\u212a")
}

// phaseSummary returns the sentence that says what happens in a stage:
// the mention's own sentence, or, when that sentence is only the label
// ("Step One.", a "Phase 2:" heading) or a heading saying little more,
// the sentence after it. Bullet glyphs and quote marks left open at
// either end are removed.
func phaseSummary(doc *document, m mention, group []mention) string {
	s := cleanSummary(m.sentence)
	if extra := wordsBeyondLabel(s, m.label); extra > 2 || extra > 0 && !headingMention(doc, m) {
		return summarize(dropLabel(s, m.label))
	}
	p := doc.paras[m.para]
	for si := m.sent + 1; si < len(p.sentences); si++ {
		if t := cleanSummary(p.sentence(si)); t != "" {
			return summarize(t)
		}
	}
	// A heading ("Phase Two", "Stage 3 restrictions (north)"): the first
	// sentence of the next paragraph that is no heading itself, unless it
	// is about another stage.
	for pi := m.para + 1; pi < len(doc.paras) && pi <= m.para+3; pi++ {
		q := doc.paras[pi]
		inGroup := slices.ContainsFunc(group, func(o mention) bool { return o.para == pi })
		if !inGroup && mentionsStage(q.text) {
			break // the next stage
		}
		if len(q.sentences) == 0 || isHeading(strings.TrimSpace(q.text[bulletLen(q.text):])) && bulletLen(q.text) == 0 {
			continue
		}
		if t := cleanSummary(q.sentence(0)); t != "" {
			return summarize(t)
		}
		break
	}
	return summarize(s)
}

// dropLabel removes the stage's label and the colon or dash after it
// from the start of its summary ("Phase A: shops reopen" gives "Shops
// reopen"): the label is shown beside the summary already.
func dropLabel(s, label string) string {
	if label == "" || len(s) <= len(label) || !strings.EqualFold(s[:len(label)], label) {
		return s
	}
	rest := strings.TrimLeft(s[len(label):], " ")
	for _, sep := range []string{":", "—", "–", "-"} {
		if strings.HasPrefix(rest, sep) {
			rest = strings.TrimSpace(rest[len(sep):])
			if r, size := utf8.DecodeRuneInString(rest); size > 0 && unicode.IsLower(r) {
				rest = string(unicode.ToUpper(r)) + rest[size:]
			}
			if rest != "" {
				return rest
			}
		}
	}
	return s
}

// headingMention reports whether a mention stands in a heading: a
// paragraph of one short line without sentence-final punctuation.
func headingMention(doc *document, m mention) bool {
	if m.para < 0 {
		return false
	}
	p := doc.paras[m.para]
	return len(p.sentences) == 1 && bulletLen(p.text) == 0 && isHeading(p.text)
}

// cleanSummary removes a bullet glyph and quote marks left open at the
// ends of a sentence.
func cleanSummary(s string) string {
	s = strings.TrimSpace(s)
	if n := bulletLen(s); n > 0 {
		s = strings.TrimSpace(s[n:])
	}
	for {
		r, size := utf8.DecodeRuneInString(s)
		if size == 0 || !isOpenQuote(r) || quoteClosed(s[size:], r) {
			break
		}
		s = strings.TrimSpace(s[size:])
	}
	for {
		r, size := utf8.DecodeLastRuneInString(s)
		if size == 0 || !isCloseQuote(r) || quoteOpened(s[:len(s)-size], r) {
			break
		}
		s = strings.TrimSpace(s[:len(s)-size])
	}
	return s
}

// isOpenQuote and isCloseQuote report the marks that open and close a
// quotation; a straight mark does both.
func isOpenQuote(r rune) bool  { return r == '“' || r == '"' || r == '‘' || r == '\'' || r == '«' }
func isCloseQuote(r rune) bool { return r == '”' || r == '"' || r == '’' || r == '\'' || r == '»' }

// quoteClosed reports whether the quotation opened by mark is closed in
// rest.
func quoteClosed(rest string, mark rune) bool {
	switch mark {
	case '“':
		return strings.ContainsRune(rest, '”')
	case '‘':
		return strings.Contains(rest, "’ ") || strings.HasSuffix(rest, "’") || strings.Contains(rest, "’,")
	case '«':
		return strings.ContainsRune(rest, '»')
	case '\'':
		return strings.Contains(rest, "' ") || strings.HasSuffix(rest, "'") || strings.Contains(rest, "',")
	}
	return strings.Count(rest, string(mark))%2 == 1
}

// quoteOpened reports whether the quotation closed by mark at the end of
// s was opened in s.
func quoteOpened(s string, mark rune) bool {
	switch mark {
	case '”':
		return strings.ContainsRune(s, '“')
	case '’':
		return strings.Contains(s, " ‘") || strings.HasPrefix(s, "‘")
	case '»':
		return strings.ContainsRune(s, '«')
	case '\'':
		return strings.Contains(s, " '") || strings.HasPrefix(s, "'")
	}
	return strings.Count(s, string(mark))%2 == 1
}

// wordsBeyondLabel counts the words of a sentence besides the stage's
// label and a few fillers: 0 for "Step One.", "Phase 2:", "The first
// phase"; 2 for the heading "Stage 3 restrictions (north)", which says
// too little to stand for the stage when a paragraph follows it.
func wordsBeyondLabel(s, label string) int {
	i := strings.Index(strings.ToLower(s), strings.ToLower(label))
	if i < 0 {
		return 100
	}
	rest := s[:i] + " " + s[i+len(label):]
	n := 0
	for _, w := range strings.FieldsFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		switch strings.ToLower(w) {
		case "the", "a", "an", "of", "and", "plan", "deal", "is", "here":
			continue
		}
		n++
	}
	return n
}

// summarize returns a stage's sentence, shortened to a readable length at
// a word boundary.
func summarize(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	const max = 220
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut, n := 0, 0 // n: runes before i
	for i := range s {
		if n > max {
			break
		}
		if s[i] == ' ' {
			cut = i
		}
		n++
	}
	return strings.TrimRight(s[:cut], ",;:") + "…"
}
