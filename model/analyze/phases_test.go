package analyze

import (
	"strings"
	"testing"

	"github.com/brief-reader/brief/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPhases(t *testing.T) {
	type want struct {
		n        int
		label    string
		duration string
	}
	cases := map[string]struct {
		paras []string
		want  []want
	}{
		"ordinal words with final": {
			paras: []string{
				"The first phase of the plan would last six weeks and reopen the bridge to buses.",
				"The second phase calls for new rail lines.",
				"The final phase would rebuild the station.",
			},
			want: []want{{1, "first phase", "six weeks"}, {2, "second phase", ""}, {3, "final phase", ""}},
		},
		"numbered phase one and two": {
			paras: []string{"Phase One covers the east wing.", "Phase Two, lasting 42 days, covers the west wing."},
			want:  []want{{1, "Phase One", ""}, {2, "Phase Two", "42 days"}},
		},
		"digits start above one": {
			paras: []string{"Phase 3 opens in May and Phase 4 follows in a year."},
			want:  []want{{3, "Phase 3", ""}, {4, "Phase 4", ""}}, // "in a year" is when it starts
		},
		"roman numerals": {
			paras: []string{"Stage I tests the pumps.", "Stage II tests the valves."},
			want:  []want{{1, "Stage I", ""}, {2, "Stage II", ""}},
		},
		"stages with initial and next": {
			paras: []string{"An initial stage of three months trains staff.", "The next stage moves patients to the new wing."},
			want:  []want{{1, "initial stage", "three months"}, {2, "next stage", ""}},
		},
		"steps": {
			paras: []string{"The first step is a census of the herd.", "The second step is a vaccine drive, the third step a ban on imports."},
			want:  []want{{1, "first step", ""}, {2, "second step", ""}, {3, "third step", ""}},
		},
		"adjective duration": {
			paras: []string{"It begins with a six-week first phase.", "A second phase follows."},
			want:  []want{{1, "first phase", "six weeks"}, {2, "second phase", ""}},
		},
		"same phase twice merges": {
			paras: []string{"Phase one frees 30 prisoners.", "Talks on the second phase begin on day 16 of phase one."},
			want:  []want{{1, "Phase one", ""}, {2, "second phase", ""}},
		},
		"lone ordinal stage is not a plan": {
			paras: []string{"He went to hospital for the first stage of his annual check-up."},
		},
		"rounds of talks are not phases": {
			paras: []string{"The first round of talks ended. The next rounds of talks begin Friday."},
		},
		"testing phase without ordinal": {
			paras: []string{"The jet is still in its testing phase, and the plan was done in phases."},
		},
		"lone numbered phase is a name": {
			paras: []string{`A "phase one" deal was expected within weeks.`},
			want:  []want{{1, "phase one", ""}},
		},
		"the pronoun I after stage is not a numeral": {
			paras: []string{"At this stage I'm happy with the squad.", "At that stage I think we were tired."},
		},
		"a named key stage is not a phase": {
			paras: []string{"Only a third of schools met the target at Key Stage 2 last year."},
		},
		"first steps in the plural are not stages": {
			paras: []string{"You may never take the first steps.", "A course can feel like a natural next step."},
		},
		"a numeral after a capitalized stage noun stays": {
			paras: []string{"Stage I works start in May. The Stage II works follow."},
			want:  []want{{1, "Stage I", ""}, {2, "Stage II", ""}},
		},
		"lower-case i is not a numeral": {
			paras: []string{"In phase i think we agree."},
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			got := phases(newDocument(c.paras), "")
			require.Len(t, got, len(c.want))
			for i, w := range c.want {
				assert.Equal(t, w.n, got[i].N)
				assert.Equal(t, w.label, got[i].Label)
				assert.Equal(t, w.duration, got[i].Duration)
				assert.NotEmpty(t, got[i].Summary)
				p := c.paras[got[i].Paragraph]
				assert.Equal(t, w.label, p[got[i].Span.Start:got[i].Span.End], "span locates the label")
			}
		})
	}
}

// phaseWant is one expected stage: its number, label and duration.
type phaseWant struct {
	n        int
	label    string
	duration string
}

// checkPhases runs phases on an invented article and compares the
// stages found with want; each span must locate its label.
func checkPhases(t *testing.T, title string, paras []string, want []phaseWant) []model.Phase {
	t.Helper()
	got := phases(newDocument(paras), title)
	require.Len(t, got, len(want), "%+v", got)
	for i, w := range want {
		assert.Equal(t, w.n, got[i].N, "n of %d", i)
		assert.Equal(t, w.label, got[i].Label, "label of %d", i)
		assert.Equal(t, w.duration, got[i].Duration, "duration of %d", i)
		assert.NotEmpty(t, got[i].Summary)
		p := paras[got[i].Paragraph]
		assert.Equal(t, w.label, p[got[i].Span.Start:got[i].Span.End], "span locates the label")
	}
	return got
}

// TestPhasePlans covers the shapes a plan takes beyond ordinal and
// numbered phases: letters, back references, announced sizes, the
// headline, sub-phases, colours, tranches, levels and "will first".
func TestPhasePlans(t *testing.T) {
	cases := map[string]struct {
		title string
		paras []string
		want  []phaseWant
	}{
		"lettered phases": {
			paras: []string{"Phase A: crews clear the old market site.", "Phase B: the new hall goes up over the winter."},
			want:  []phaseWant{{1, "Phase A", ""}, {2, "Phase B", ""}},
		},
		"lettered stages with a duration": {
			paras: []string{"Stage A covers the north bank of the canal.", "Stage B covers the south bank and takes four months."},
			want:  []phaseWant{{1, "Stage A", ""}, {2, "Stage B", "four months"}},
		},
		"that phase is the phase just described": {
			paras: []string{"The first phase begins on Monday. That phase will last ten days and reopen the schools.", "The second phase reopens the shops."},
			want:  []phaseWant{{1, "first phase", "ten days"}, {2, "second phase", ""}},
		},
		"this stage is the stage just described": {
			paras: []string{"Stage 1 moves the archive to the new wing.", "Stage 2 starts in spring. This stage should take three weeks."},
			want:  []phaseWant{{1, "Stage 1", ""}, {2, "Stage 2", "three weeks"}},
		},
		"a three-phase plan that describes its first phase": {
			paras: []string{"The council unveiled a three-phase plan to rebuild the pier.", "The first phase, lasting two months, repairs the deck."},
			want:  []phaseWant{{1, "first phase", "two months"}},
		},
		"a 3-phase plan whose first stage is described": {
			paras: []string{"The 3-phase scheme starts in June.", "In the initial stage, volunteers survey every street."},
			want:  []phaseWant{{1, "initial stage", ""}},
		},
		"a plan carried out in phases whose first phase is described": {
			paras: []string{"The first phase of the deal frees the hostages.", "The prisoners will be released in phases."},
			want:  []phaseWant{{1, "first phase", ""}},
		},
		"the phase number is given in the headline": {
			title: "Region enters Phase 2 of reopening on Monday",
			paras: []string{"The next phase lets gyms and cinemas open at half capacity.", "Officials said case numbers had fallen for a month."},
			want:  []phaseWant{{2, "next phase", ""}},
		},
		"the headline names the phase the body calls this phase": {
			title: "Phase 3 of the harbour works begins",
			paras: []string{"Divers started on the sea wall on Tuesday. This phase will take eight weeks."},
			want:  []phaseWant{{3, "This phase", "eight weeks"}},
		},
		"the next phase is the numbered phase it anticipates": {
			paras: []string{"The next phase, Phase 2, lets shops reopen in May.", "Phase 2 will last a month."},
			want:  []phaseWant{{2, "next phase", "one month"}},
		},
		"a headline's next phase is the numbered phase of the body": {
			title: "City's next tram phase due in 2030, papers show",
			paras: []string{"Work on phase two has been slow, as phase one nears completion, the report said."},
			want:  []phaseWant{{1, "phase one", ""}, {2, "phase two", ""}},
		},
		"sub-phases": {
			paras: []string{
				"Phase 1a covers health workers and care home residents.",
				"Phase 1b covers people over 75, and phase 1c covers other essential workers.",
				"Phase 2 opens the vaccine to everyone over 16.",
			},
			want: []phaseWant{{1, "Phase 1a", ""}, {1, "Phase 1b", ""}, {1, "phase 1c", ""}, {2, "Phase 2", ""}},
		},
		"sub-phases listed after the first": {
			paras: []string{"Phases 1A and 1B run together over the winter."},
			want:  []phaseWant{{1, "Phases 1A", ""}, {1, "1B", ""}},
		},
		"colour-coded phases": {
			paras: []string{
				"Every county starts in the green phase's opposite, the red phase, under a stay-at-home order.",
				"In the “yellow” phase, shops may reopen.",
				"The green phase lifts most limits.",
			},
			want: []phaseWant{{1, "red phase", ""}, {2, "yellow” phase", ""}, {3, "green phase", ""}},
		},
		"tranches of a loan": {
			paras: []string{"The fund released the first tranche of $500 million in March.", "A second tranche of $700 million follows a review in September."},
			want:  []phaseWant{{1, "first tranche", ""}, {2, "second tranche", ""}},
		},
		"tranches named together": {
			paras: []string{"The lender will pay the fourth and fifth tranches together in June."},
			want:  []phaseWant{{4, "fourth", ""}, {5, "fifth tranches", ""}},
		},
		"numbered restriction levels": {
			paras: []string{"The country moves from Alert Level 4 to Level 3 on Tuesday, easing some restrictions.", "Under Level 3, takeaway shops can reopen for two weeks."},
			want:  []phaseWant{{3, "Level 3", "two weeks"}, {4, "Level 4", ""}},
		},
		"a level the article's restrictions make a stage": {
			paras: []string{"The country moves from Alert Level 4 to Level 3 on Tuesday, easing restrictions.", "The prime minister hopes to reach level 2 by June."},
			want:  []phaseWant{{2, "level 2", ""}, {3, "Level 3", ""}, {4, "Level 4", ""}},
		},
		"a colour named without the noun in a colour plan": {
			paras: []string{"Counties will move from “red” to “yellow” in May.", "In the yellow phase, shops reopen.", "The green phase lifts most limits."},
			want:  []phaseWant{{1, "red", ""}, {2, "yellow phase", ""}, {3, "green phase", ""}},
		},
		"a first step told only as will first": {
			paras: []string{
				"Under the plan, the company will first close its loss-making stores.",
				"In the second stage, it will sell the warehouse business, and a third stage would list the rest on the stock market.",
			},
			want: []phaseWant{{1, "first", ""}, {2, "second stage", ""}, {3, "third stage", ""}},
		},
		"first as an adverb before the verb phase": {
			paras: []string{"The mine will first phase the closures over two years.", "Phase 2 closes the mill."},
			want:  []phaseWant{{1, "first", "two years"}, {2, "Phase 2", ""}},
		},
		"a step named in passing in a phased plan": {
			paras: []string{"The first phase reopens the parks. The second phase reopens the shops.", "Officials said a third step would be to hire staff."},
			want:  []phaseWant{{1, "first phase", ""}, {2, "second phase", ""}},
		},
		"the third and final phase": {
			paras: []string{"The first phase frees the hostages.", "The third and final phase rebuilds the city."},
			want:  []phaseWant{{1, "first phase", ""}, {3, "third and final phase", ""}},
		},
		"the final phase beside its number": {
			paras: []string{"Phase 1 opens the parks. Phase 2 opens the shops.", "Phase 3, the final phase, opens the stadiums."},
			want:  []phaseWant{{1, "Phase 1", ""}, {2, "Phase 2", ""}, {3, "Phase 3", ""}},
		},
		"the final phase of an announced plan": {
			paras: []string{"The four-phase plan starts with Phase 1 in May, which reopens the parks.", "The final phase reopens the stadiums."},
			want:  []phaseWant{{1, "Phase 1", ""}, {4, "final phase", ""}},
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) { checkPhases(t, c.title, c.paras, c.want) })
	}
}

// TestNotPlans covers stages and phases that belong to no plan.
func TestNotPlans(t *testing.T) {
	cases := map[string]struct {
		title string
		paras []string
	}{
		"stages of a race":           {paras: []string{"Rossi won the 10th stage of the race by two seconds.", "The final stage on Sunday ends in Paris."}},
		"stages of a tour":           {paras: []string{"The third stage of the Tour, a flat 180 km, suits the sprinters.", "The fourth stage climbs into the Alps."}},
		"stages of a season":         {paras: []string{"The first stage of the league season ends in May, and the second stage begins in June."}},
		"phases of a clinical trial": {paras: []string{"The vaccine entered a Phase 3 trial in July after a Phase 2 study in 600 people."}},
		"a new phase in relations": {
			title: "Phase one of trade pact signed",
			paras: []string{"The talks opened a new phase in relations between the two countries."},
		},
		"phase out and phase in": {paras: []string{"The utility will phase out coal by 2030 and will first phase in gas plants.", "Its second phase-out target is oil."}},
		"at this stage": {
			title: "Talks on stage 2 of the deal stall",
			paras: []string{"At this stage neither side will comment.", "By that stage the plan had not been agreed."},
		},
		"the final stages of the season":                {paras: []string{"Leeds faded in the final stages of the season.", "The first stage of their recovery is a new coach."}},
		"charging levels":                               {paras: []string{"The car supports Level 2 charging at home and Level 3 charging on the road."}},
		"tiers of a league":                             {paras: []string{"The gap in prize money between tiers one and two of the football league is vast."}},
		"a lone restriction level":                      {paras: []string{"The city stays at Alert Level 3 under the current restrictions."}},
		"one colour":                                    {paras: []string{"The tram line is in its green phase of planning."}},
		"a first stage beside something done in phases": {paras: []string{"He went for the first stage of his annual check-up.", "He did not have it done in phases before."}},
		"only a back reference":                         {paras: []string{"That phase was the hardest, she said."}},
		"three-phase power":                             {paras: []string{"The plant needs three-phase power, and the first stage of wiring is done."}},
		"a headline phase the body never describes": {
			title: "Phase 2 of the bypass approved",
			paras: []string{"Councillors voted 9-2 in favour on Tuesday."},
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			assert.Empty(t, phases(newDocument(c.paras), c.title))
		})
	}
}

// TestPhaseDurations checks that a duration goes to the stage whose part
// of the sentence states it.
func TestPhaseDurations(t *testing.T) {
	cases := map[string]struct {
		paras []string
		want  []phaseWant
	}{
		"the duration before the next phase is named": {
			paras: []string{"Phase one lasts six weeks, during which talks on phase two will be held."},
			want:  []phaseWant{{1, "Phase one", "six weeks"}, {2, "phase two", ""}},
		},
		"a hyphened duration goes with the phase after it": {
			paras: []string{"The first phase lasts a month, followed by a six-week second phase."},
			want:  []phaseWant{{1, "first phase", "one month"}, {2, "second phase", "six weeks"}},
		},
		"a point in time is no duration": {
			paras: []string{"The first phase starts in May.", "The second phase begins two weeks after the first phase ends."},
			want:  []phaseWant{{1, "first phase", ""}, {2, "second phase", ""}},
		},
		"an adjective of something else is no duration": {
			paras: []string{"Phase 1 sets up a 24-hour hotline.", "Phase 2 lasts a month."},
			want:  []phaseWant{{1, "Phase 1", ""}, {2, "Phase 2", "one month"}},
		},
		"a name is no duration": {
			paras: []string{"Phase 1 of the 80 Day Challenge builds strength.", "Phase 2 adds running."},
			want:  []phaseWant{{1, "Phase 1", ""}, {2, "Phase 2", ""}},
		},
		"a length of time before the phase is about something else": {
			paras: []string{"Phase one frees the hostages.", "During the next six weeks, the sides will negotiate phase two, a permanent truce."},
			want:  []phaseWant{{1, "Phase one", ""}, {2, "phase two", ""}},
		},
		"a length of time in a sentence not about the phase": {
			paras: []string{"Phase 1 starts in April.", "While the city moves ahead on Phase 1, the whole project may take 20 years.", "Phase 2 follows."},
			want:  []phaseWant{{1, "Phase 1", ""}, {2, "Phase 2", ""}},
		},
		"a hyphened period tied to the stage": {
			paras: []string{"Residents are halfway through a six-week lockdown under stage three rules.", "Stage four closes the shops."},
			want:  []phaseWant{{3, "stage three", "six weeks"}, {4, "Stage four", ""}},
		},
		"a sentence opening with how long": {
			paras: []string{"For six weeks, phase one pauses the fighting.", "Phase two ends the war."},
			want:  []phaseWant{{1, "phase one", "six weeks"}, {2, "Phase two", ""}},
		},
		"when a phase starts is no duration": {
			paras: []string{"Phase 1 will be finished in two years.", "Phase 2 moves to the north bank in six months."},
			want:  []phaseWant{{1, "Phase 1", "two years"}, {2, "Phase 2", ""}},
		},
		"a rate is no duration": {
			paras: []string{"Phase 1 costs $5 million a year.", "Phase 2 adds new buses."},
			want:  []phaseWant{{1, "Phase 1", ""}, {2, "Phase 2", ""}},
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) { checkPhases(t, "", c.paras, c.want) })
	}
}

// TestPhaseSummaries checks that a summary is the sentence saying what
// happens in the stage, without bullet glyphs, stray quote marks or a
// leading "Phase 1:" label, and never the label alone.
func TestPhaseSummaries(t *testing.T) {
	cases := map[string]struct {
		paras []string
		want  []string
	}{
		"an open quotation": {
			paras: []string{"“The first phase will reopen the port. The second phase will rebuild the docks,” the minister said."},
			want:  []string{"The first phase will reopen the port.", "The second phase will rebuild the docks,” the minister said."},
		},
		"a quotation closed at the end": {
			paras: []string{"“Phase 1 clears the site.", "Phase 2 builds the hall.”"},
			want:  []string{"Phase 1 clears the site.", "Phase 2 builds the hall."},
		},
		"bullets, and a label before a colon, which the panel shows already": {
			paras: []string{"• Phase 1: schools reopen on June 1.", "• Phase 2 — offices reopen in July."},
			want:  []string{"Schools reopen on June 1.", "Offices reopen in July."},
		},
		"a label sentence": {
			paras: []string{"Step One. Residents register online.", "Step Two. Inspectors visit each home."},
			want:  []string{"Residents register online.", "Inspectors visit each home."},
		},
		"a heading with more than the label": {
			paras: []string{"Stage 3 restrictions (north)", "Gyms close at midnight.", "Stage 4 restrictions (south)", "Shops close at six."},
			want:  []string{"Gyms close at midnight.", "Shops close at six."},
		},
		"a sentence before a heading": {
			paras: []string{"Step One of the Roadmap: Schools", "Pupils will be tested twice a week.", "Step one begins on 8 March, when schools reopen.", "Step two opens the shops."},
			want:  []string{"Step one begins on 8 March, when schools reopen.", "Step two opens the shops."},
		},
		"headings one after another": {
			paras: []string{"Step 1, from 8 March", "Step 2, no earlier than 12 April", "All the dates may change."},
			want:  []string{"Step 1, from 8 March", "Step 2, no earlier than 12 April"},
		},
		"a label heading before a passing mention": {
			paras: []string{"States can move to Phase 1 on Friday, the president said.", "Phase One", "Employers should keep staff working from home.", "Phase Two", "Groups are kept to 50."},
			want:  []string{"Employers should keep staff working from home.", "Groups are kept to 50."},
		},
		"label headings": {
			paras: []string{"Phase One", "Employers should keep staff working from home.", "Phase Two:", "Individuals", "• Gatherings of up to 50 people are allowed."},
			want:  []string{"Employers should keep staff working from home.", "Gatherings of up to 50 people are allowed."},
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			got := phases(newDocument(c.paras), "")
			require.Len(t, got, len(c.want))
			for i, w := range c.want {
				assert.Equal(t, w, got[i].Summary)
			}
		})
	}
}

// TestMentionsStage compares the fast test with a plain search over
// strings made of the letters of the nouns, in both cases.
func TestMentionsStage(t *testing.T) {
	ref := func(s string) bool {
		l := []byte(s)
		for i, c := range l {
			if 'A' <= c && c <= 'Z' {
				l[i] = c + 'a' - 'A'
			}
		}
		for _, noun := range []string{"phase", "step", "stage", "level", "tier", "tranche"} {
			if strings.Contains(string(l), noun) {
				return true
			}
		}
		return false
	}
	letters := []string{"p", "P", "h", "a", "s", "S", "e", "E", "t", "T", "g", "G", " ", "é", "l", "v", "V", "i", "r", "R", "n", "c"}
	seed := uint32(7)
	found := 0
	for n := 0; n < 200000; n++ {
		var b strings.Builder
		for k := 0; k < 3+n%9; k++ {
			seed = seed*1664525 + 1013904223
			b.WriteString(letters[seed>>24%uint32(len(letters))])
		}
		s := b.String()
		if got, want := mentionsStage(s), ref(s); got != want {
			t.Fatalf("mentionsStage(%q) = %v, want %v", s, got, want)
		} else if got {
			found++
		}
	}
	if found < 20 {
		t.Fatalf("only %d generated strings hold a noun", found)
	}
	for _, s := range []string{"Phase", "STEP", "a stage", "steps", "stag", "phas", "xstepx", "PHASE II", "", "Level", "TIER", "tranches", "leve", "tie", "tranch"} {
		if mentionsStage(s) != ref(s) {
			t.Errorf("mentionsStage(%q) wrong", s)
		}
	}
}
