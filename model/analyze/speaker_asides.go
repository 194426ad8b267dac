package analyze

import "strings"

// The pieces of a subject phrase that stand between a name and its
// verb: party and state tags ("(D-Mo.)", ", R-Ky.,"), asides between
// commas or dashes, relative clauses, auxiliaries and opening phrases.
// walkBack (speaker_np.go) steps over them to find the subject.

// skipPartyTag returns the index of the last token before a party and
// state tag that ends at ts[i] ("(D-Mo.)", ", R-Ky.,", "(R)"), or i when
// there is none.
func skipPartyTag(ts []tok, i int) int {
	switch {
	case ts[i].s == ")":
		j := i - 1
		for j >= 0 && i-j <= 5 && ts[j].s != "(" {
			j--
		}
		if j <= 0 || ts[j].s != "(" || !partyTag(ts[j+1:i], true) {
			return i
		}
		return j - 1
	case isComma(ts[i]) && i >= 2:
		j := i - 1
		for j >= 0 && i-j <= 5 && !isComma(ts[j]) {
			j--
		}
		if j <= 0 || !isComma(ts[j]) || !partyTag(ts[j+1:i], false) {
			return i
		}
		return j - 1
	}
	return i
}

// partyTag reports whether ts is a party and state tag: "D-Mo.", "R",
// "I-Vt", "D-N.Y.", "R-Ky." (party letter, then a state abbreviation), or
// in parentheses the state alone ("Tex."); between commas a state alone
// is a place ("of Flint, Mich., said").
func partyTag(ts []tok, paren bool) bool {
	var b strings.Builder
	for _, t := range ts {
		b.WriteString(t.s)
	}
	w := b.String()
	if len(w) == 0 || len(w) > 10 {
		return false
	}
	if stateAbbrev(w) {
		return paren // "(Tex.)", "(N.Y.)": the state alone
	}
	if !strings.ContainsRune("DRI", rune(w[0])) {
		return false
	}
	if len(w) == 1 {
		return true
	}
	if w[1] != '-' || len(w) < 3 {
		return false
	}
	for _, r := range w[2:] {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == '.') {
			return false
		}
	}
	return w[2] >= 'A' && w[2] <= 'Z'
}

// openingPhrase reports whether a comma-separated part that opens with t
// is an adverbial phrase rather than part of a subject: a subordinating
// word, or a capitalized preposition or participle that opens the
// sentence ("after winning Ohio", "In a statement", "Speaking on
// Monday"). A lower-case preposition may begin an appositive ("Ann Holt,
// 30, of Reno").
func openingPhrase(t tok) bool {
	if t.kind() != tWord {
		return false
	}
	switch strings.ToLower(t.s) {
	case "after", "before", "when", "while", "since", "if", "because", "although", "though", "until", "once":
		return true
	}
	return t.capital() && (t.is(prepositions) || (strings.HasSuffix(t.s, "ing") || strings.HasSuffix(t.s, "ed")) && len(t.s) > 5 && !isGivenName(t.s))
}

// skipAuxBack steps back from ts[i] over the auxiliaries and adverbs
// before a verb, and over a short prepositional phrase between an
// auxiliary and its verb ("who has in the past described"), and returns
// the index of the word before them.
func skipAuxBack(ts []tok, i int) int {
	for i >= 0 && ts[i].kind() == tWord && ts[i].lower() && (ts[i].is(auxWords) || isAdverb(ts[i].s)) {
		i--
	}
	for k := i; k >= 0 && i-k < 4 && ts[k].kind() == tWord && ts[k].lower(); k-- {
		if ts[k].is(prepositions) {
			if k > 0 && ts[k-1].kind() == tWord && ts[k-1].lower() && ts[k-1].is(auxWords) && !isAdverb(ts[k-1].s) {
				return skipAuxBack(ts, k-1)
			}
			break
		}
	}
	return i
}

// isDash reports whether t is a dash that can open or close an aside.
func isDash(t tok) bool {
	return t.kind() == tPunct && (t.s == "—" || t.s == "–" || t.s == "--" || t.s == "-" || t.s == "―")
}

// beforeDashAside returns the name before the dashed aside that the dash
// ts[end] closes ("Ann Holt — who chairs the panel —"), or nil. The aside
// may hold quotations of its own; it may not hold a semicolon.
func beforeDashAside(ts []tok, end int) []tok {
	for k := end - 1; k > 0 && end-k <= 48; k-- {
		if ts[k].s == ";" {
			return nil
		}
		if !isDash(ts[k]) {
			continue
		}
		if k == end-1 {
			return nil
		}
		j := skipPartyTag(ts, k-1)
		if j < 0 || !capWord(ts[j]) {
			return nil
		}
		return ts[runStartBack(ts, j) : j+1]
	}
	return nil
}

// skipPartyTagFwd returns the index after a party and state tag in
// parentheses at ts[i] ("(D-Md.)"), or i when there is none.
func skipPartyTagFwd(ts []tok, i int) int {
	if i >= len(ts) || ts[i].s != "(" {
		return i
	}
	for j := i + 1; j < len(ts) && j-i <= 5; j++ {
		if ts[j].s == ")" {
			if partyTag(ts[i+1:j], true) {
				return j + 1
			}
			return i
		}
	}
	return i
}

// isWhoWhich reports whether t opens a relative clause about its
// antecedent: who, which, who's.
func isWhoWhich(t tok) bool {
	switch t.s {
	case "who", "which", "who's", "who’s":
		return true
	}
	return false
}

// isIntensifier reports whether w is a reflexive used for emphasis after
// a subject ("Cruz himself").
func isIntensifier(w string) bool {
	switch w {
	case "himself", "herself", "themselves", "itself":
		return true
	}
	return false
}

// stateAbbrev reports whether w is written like a state's abbreviation
// in a tag after a name: "Tex.", "Calif.", "N.Y.", "N.H.".
func stateAbbrev(w string) bool {
	if len(w) < 3 || len(w) > 7 || w[len(w)-1] != '.' || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	if len(w) == 4 && w[1] == '.' && w[2] >= 'A' && w[2] <= 'Z' {
		return true // N.Y.
	}
	for i := 1; i < len(w)-1; i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// antecedent returns the name that the relative pronoun ts[rel] refers
// back to: "Sanders, who" or "Donald Trump Jr., who", or nil.
func antecedent(ts []tok, rel int) []tok {
	j := rel - 1
	if j >= 0 && (isComma(ts[j]) || isDash(ts[j])) {
		j--
	}
	if j >= 0 {
		j = skipPartyTag(ts, j)
	}
	if j < 0 || !capWord(ts[j]) {
		return nil
	}
	start := runStartBack(ts, j)
	return ts[start : j+1]
}

// leadAside returns the name that opens the sentence ts when an aside
// follows it up to the comma ts[comma] before a verb: "Oliver Hedge, who
// appraises courses for Cushman & Wakefield, said". The aside must begin
// like one (a determiner, a role, who/whose/which, a possessive or a
// capitalized modifier), hold no quotation or semicolon, and not end a
// list of names ("Ana Ruiz, Tom Bell and Ida Marr said").
func leadAside(ts []tok, comma int) []tok {
	lead := leadIndex(ts)
	if lead >= comma || !capWord(ts[lead]) || openingPhrase(ts[lead]) {
		return nil // ("Of Carson, Levine, who ..., said": no name opens it)
	}
	end := runEndFwd(ts, lead)
	j := skipPartyTagFwd(ts, end) // "Rep. Ann Holt (D-Md.), chair of ..., said"
	if j >= comma || !isComma(ts[j]) || j+1 >= comma {
		return nil
	}
	switch nr := parseRun(ts[lead:end]); nr.kind {
	case runPerson, runOrg:
	case runSingle:
	default:
		return nil
	}
	a := ts[j+1]
	if a.kind() != tWord || !(a.is(determiners|roleNouns|titleWords) || isWhoWhich(a) || a.s == "whose" ||
		a.s == "which" || possessive(a.s) || capWord(a) && !a.is(stopCaps) ||
		a.lower() && (isAdverb(a.s) || a.s == "later" || strings.HasSuffix(a.s, "ing") || a.is(prepositions))) {
		return nil // ("later alleging ...", "speaking on WOR710": asides too)
	}
	if comma-j > 48 {
		return nil
	}
	for m := j + 1; m < comma; m++ {
		t := ts[m]
		if t.kind() == tQuote && !(ts[m-1].s == "of" || ts[m-1].is(namingCues)) || t.s == ";" {
			return nil // (a title may be quoted: "author of “Dry Bones”")
		}
		if t.kind() == tWord && t.lower() && t.is(speechVerbs) && !t.is(weakSpeech) && m > j+1 && ts[m-1].s != "who" && !passiveSpeech(ts, m) &&
			!(strings.HasSuffix(t.s, "ing") && m == j+2 && (isAdverb(ts[j+1].s) || ts[j+1].s == "later")) &&
			ts[m-1].s != "to" {
			// ("Trump, later alleging that ..., said": the aside's own
			// participle; "wanted to admit": an infinitive.)
			return nil // another speaker's verb inside: not one aside
		}
	}
	// "Ana Ruiz, Tom Bell and Ida Marr said": a list, not an aside.
	if k := runStartBack(ts, comma-1); capWord(ts[comma-1]) && k > 0 && ts[k-1].s == "and" {
		return nil
	}
	return ts[lead:end]
}

// beforeRelative looks back from the comma ts[comma] over at most four
// comma-separated parts for one that opens with "who" or "which"; if the
// part before that is a name ("Fissette", "Ana Ruiz") it is returned.
func beforeRelative(ts []tok, comma int) []tok {
	end := comma
	for n := 0; n < 4; n++ {
		k := end - 1
		for k >= 0 && ts[k].kind() == tWord && end-k < npReach {
			k--
		}
		if k < 0 || !isComma(ts[k]) {
			return nil
		}
		if end > k+1 && end-k >= 2 && isWhoWhich(ts[k+1]) {
			if n == 0 {
				return nil // the usual case, handled part by part
			}
			if k < 1 || !capWord(ts[k-1]) {
				return nil
			}
			return ts[runStartBack(ts, k-1):k]
		}
		end = k
	}
	return nil
}
