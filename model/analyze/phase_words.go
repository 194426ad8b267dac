package analyze

import (
	"strconv"
	"strings"
)

// The words that name, number and frame the stages of a plan.

// Ordinal words and their numbers. "final" and "last" are placed after
// every numbered stage once all are known; "next" follows the stage
// mentioned before it.
var (
	ordinalWords = map[string]int{
		"first": 1, "initial": 1, "opening": 1, "second": 2, "third": 3, "fourth": 4,
		"fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
		"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10,
	}
	cardinalWords = map[string]int{
		"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
		"eight": 8, "nine": 9, "ten": 10,
		"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
	}
)

const (
	ordNext  = -1 // "next phase": one after the previous mention
	ordFinal = -2 // "final phase": after all the others
)

// stageNouns are the nouns that name a stage of a plan, with plurals.
// Levels and tiers are stages only when numbered, in an article about
// restrictions (restrictionWords).
var stageNouns = map[string]string{
	"phase": "phase", "phases": "phase", "stage": "stage", "stages": "stage", "step": "step", "steps": "step",
	"tranche": "tranche", "tranches": "tranche", "level": "level", "levels": "level", "tier": "tier", "tiers": "tier",
}

// numberedOnly reports whether a stage noun names a stage only with a
// number after it ("Level 3"), never after an ordinal ("first level").
func numberedOnly(noun string) bool { return noun == "level" || noun == "tier" }

// colourRanks orders the colours of colour-coded phases from the most
// restrictive to the least: a red phase comes before a yellow one.
var colourRanks = map[string]int{
	"purple": 1, "red": 2, "orange": 3, "amber": 3, "yellow": 4, "green": 5, "blue": 6,
}

// anaphorWords, before a stage noun, refer back to the stage just
// described: "In that phase, …".
var anaphorWords = map[string]bool{"this": true, "that": true, "current": true, "same": true}

// verbBefore are words that, before an ordinal and a stage noun, make the
// noun a verb: "will first phase out", "to first phase in".
var verbBefore = map[string]bool{
	"will": true, "would": true, "to": true, "should": true, "can": true, "could": true,
	"must": true, "may": true, "might": true, "shall": true, "and": true, "then": true,
}

// trialWords mark a sentence about the phases of a clinical trial or a
// study, which are no plan.
var trialWords = map[string]bool{
	"trial": true, "trials": true, "clinical": true, "study": true, "studies": true,
	"efficacy": true, "placebo": true,
}

// raceWords mark a sentence about the stages of a race, a
// tour or a competition, which are no plan.
var raceWords = map[string]bool{
	"race": true, "races": true, "rally": true, "rider": true, "riders": true, "cyclist": true,
	"cyclists": true, "cycling": true, "peloton": true, "sprint": true, "sprinter": true,
	"km": true, "kilometres": true, "kilometers": true, "jersey": true, "giro": true,
	"vuelta": true, "tour": true, "marathon": true, "season": true, "league": true,
	"tournament": true, "championship": true, "championships": true, "qualifying": true,
	"knockout": true, "playoff": true, "playoffs": true, "cup": true,
}

// restrictionWords mark a sentence or paragraph about rules that are
// tightened and eased by levels: "Alert Level 3", "Tier 2 restrictions".
var restrictionWords = map[string]bool{
	"restriction": true, "restrictions": true, "lockdown": true, "alert": true, "curfew": true,
	"covid": true, "coronavirus": true, "pandemic": true, "reopening": true, "reopen": true,
	"measures": true, "rules": true, "easing": true, "eased": true, "ease": true, "lifted": true,
	"gatherings": true, "distancing": true, "outbreak": true, "virus": true, "threat": true,
}

// electricWords follow "three-phase" in its electrical sense.
var electricWords = map[string]bool{
	"power": true, "electric": true, "electrical": true, "electricity": true, "motor": true,
	"motors": true, "supply": true, "current": true, "voltage": true, "transformer": true,
	"inverter": true, "wiring": true, "ac": true, "induction": true, "generator": true,
}

// ordinalOf returns the stage number an ordinal word gives, ordNext or
// ordFinal, and whether the word is an ordinal at all.
func ordinalOf(w string) (int, bool) {
	switch w {
	case "next":
		return ordNext, true
	case "final", "last":
		return ordFinal, true
	}
	n, ok := ordinalWords[w]
	return n, ok
}

// numberOf reads the number after a stage noun: digits, a cardinal word,
// or an upper-case Roman numeral.
func numberOf(word string) int {
	if n, err := strconv.Atoi(word); err == nil {
		if n > 0 && n < 100 {
			return n
		}
		return 0
	}
	if strings.Trim(word, "IVX") == "" {
		return cardinalWords[strings.ToLower(word)]
	}
	if strings.Trim(strings.ToLower(word), "ivx") == "" {
		return 0 // "phase i" in lower case is not a Roman numeral
	}
	return cardinalWords[strings.ToLower(word)]
}

// subNumberOf reads a sub-phase number, digits and one letter from a to
// e in either case ("1a", "2B"): the number and the letter's place (1
// for a).
func subNumberOf(word string) (n, sub int) {
	if len(word) < 2 || len(word) > 3 {
		return 0, 0
	}
	c := word[len(word)-1] | 0x20
	if c < 'a' || c > 'e' {
		return 0, 0
	}
	d, err := strconv.Atoi(word[:len(word)-1])
	if err != nil || d <= 0 {
		return 0, 0
	}
	return d, int(c-'a') + 1
}

// letterOf reads a lettered stage ("Phase A", "Stage B"): an upper-case
// letter from A to H, numbered from 1. I and V are Roman numerals.
func letterOf(word string) int {
	if len(word) != 1 || word[0] < 'A' || word[0] > 'H' {
		return 0
	}
	return int(word[0]-'A') + 1
}

// isDigits reports whether s is all ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
