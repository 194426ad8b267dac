package analyze

import (
	"slices"
	"testing"

	"github.com/brief-reader/brief/model"
)

// TestPeopleList checks who the people list holds, and as what, on
// invented sentences: places, events, headings and titles are not people;
// organisation heads make organisations; plural speakers are groups.
func TestPeopleList(t *testing.T) {
	cases := []struct {
		name  string
		paras []string
		want  map[string]model.PersonKind // listed, with this kind
		not   []string                    // not listed
	}{
		{"key-point heading names no one",
			[]string{"What You Need To Know", "• Talks went on late", "Mayor Ana Ortiz said the bridge would open soon."},
			map[string]model.PersonKind{"Ana Ortiz": model.KindPerson},
			[]string{"Need To Know", "What You Need To Know"}},
		{"an -ologist before a name is a role",
			[]string{"Seismologist Hanna Vik of the Coastal Institute said the fault was quiet.", "Epidemiologists warned of a second wave."},
			map[string]model.PersonKind{"Hanna Vik": model.KindPerson},
			[]string{"Seismologist Hanna Vik", "Epidemiologists"}},
		{"a people or a faith in the plural is a group, not a person",
			[]string{"The rebels, Shiite Muslims from the north, took the airport, said Ola Brandt, a reporter.", "\"We will stay,\" Shiite Muslims said in a statement."},
			map[string]model.PersonKind{"Ola Brandt": model.KindPerson, "Shiite Muslims": model.KindGroup},
			nil},
		{"a strip of land is a place",
			[]string{"Aid trucks entered the Gaza Strip on Monday, said Tom Reyes, a spokesman for the convoy."},
			map[string]model.PersonKind{"Tom Reyes": model.KindPerson},
			[]string{"Gaza Strip"}},
		{"a street is a place",
			[]string{"Crowds gathered on Marlow Street as minister Paul Hartley spoke to them."},
			map[string]model.PersonKind{"Paul Hartley": model.KindPerson},
			[]string{"Marlow Street"}},
		{"a known city is a place",
			[]string{"The delegation flew to Hong Kong, said envoy Mark Dunmore."},
			map[string]model.PersonKind{"Mark Dunmore": model.KindPerson},
			[]string{"Hong Kong"}},
		{"an organisation head makes an organisation",
			[]string{"Prices rose sharply, the Associated Press reported, citing Dana Whitfield of Larchmont Holdings."},
			map[string]model.PersonKind{"Associated Press": model.KindOrganization, "Dana Whitfield": model.KindPerson},
			nil},
		{"a newspaper is an organisation",
			[]string{"The figures were first printed by the Eastfield Times on Sunday."},
			map[string]model.PersonKind{"Eastfield Times": model.KindOrganization},
			nil},
		{"a contest is not a person",
			[]string{"Ruth Calder won the Riverton Open last year and hopes to win again."},
			map[string]model.PersonKind{"Ruth Calder": model.KindPerson},
			[]string{"Riverton Open"}},
		{"a cup is not an organisation",
			[]string{"The Harbour Cup final drew a record crowd, organiser Ivan Petrov said."},
			map[string]model.PersonKind{"Ivan Petrov": model.KindPerson},
			[]string{"Harbour Cup"}},
		{"an institution of something is an organisation",
			[]string{"The Department of Fisheries said stocks were low.", "The Centers for Coastal Research said the same."},
			map[string]model.PersonKind{"Department of Fisheries": model.KindOrganization, "Centers for Coastal Research": model.KindOrganization},
			[]string{"Fisheries", "Coastal Research"}},
		{"an institution then a title keeps the person",
			[]string{"University of Dunmore President Carla Imrie said fees would rise."},
			map[string]model.PersonKind{"Carla Imrie": model.KindPerson},
			nil},
		{"a dateline place is not a speaker",
			[]string{"TARVIK, Norland — The harbour will close on Monday, the Ministry of Transport said."},
			map[string]model.PersonKind{"Ministry of Transport": model.KindOrganization},
			[]string{"TARVIK", "Norland", "Transport"}},
		{"a company noun before a name makes a company",
			[]string{"The cable car will reopen in spring, operator Velden Lifts said on Monday."},
			map[string]model.PersonKind{"Velden Lifts": model.KindOrganization},
			nil},
		{"a name before a role and a person is the employer",
			[]string{"Marlow Transit chief executive Ines Kahl said fares would rise.", "Marlow Transit said the rise was small."},
			map[string]model.PersonKind{"Marlow Transit": model.KindOrganization, "Ines Kahl": model.KindPerson},
			nil},
		{"a foreign street word starts a place",
			[]string{"Shops on Via Sole flooded, said baker Lia Conti."},
			map[string]model.PersonKind{"Lia Conti": model.KindPerson},
			[]string{"Via Sole"}},
		{"two full names joined by and are two people",
			[]string{"Ana Ruiz and Tom Bell praised the team after the game."},
			map[string]model.PersonKind{"Ana Ruiz": model.KindPerson, "Tom Bell": model.KindPerson},
			nil},
		{"a title word after a given name is a surname",
			[]string{"Trade Minister Helen Judge said the talks would resume."},
			map[string]model.PersonKind{"Helen Judge": model.KindPerson},
			[]string{"Helen"}},
		{"a clause is not a group's name",
			[]string{"Although details were scant, Mr Dorn, said V2 would include new protections.", "Fishing crews said the plan was weak."},
			map[string]model.PersonKind{"Fishing crews": model.KindGroup},
			[]string{"V2 would include new protections", "protections"}},
		{"a plural speaker is a group",
			[]string{"Analysts said the deal was weak and would not last."},
			map[string]model.PersonKind{"Analysts": model.KindGroup},
			nil},
		{"a team named for a city is not a person",
			[]string{"Manchester Rovers said the coach would stay for another season."},
			map[string]model.PersonKind{"Manchester Rovers": model.KindOrganization},
			nil},
		{"a given name keeps a surname that is a place word",
			[]string{"Police chief Lena Park said the road would stay closed overnight."},
			map[string]model.PersonKind{"Lena Park": model.KindPerson},
			nil},
		{"a title and a surname make a person, named by the surname",
			[]string{"Senator Okafor said the vote would be close."},
			map[string]model.PersonKind{"Okafor": model.KindPerson},
			nil},
		{"a film title is not a person",
			[]string{"Critics said Learn To Be Brave was the best film of the festival."},
			nil,
			[]string{"Learn To Be Brave"}},
		{"an interjection is not an organisation",
			[]string{"Please note that the hearing starts at noon, clerk Nora Blake said."},
			map[string]model.PersonKind{"Nora Blake": model.KindPerson},
			[]string{"Please"}},
		{"a number word does not begin a name",
			[]string{"Tickets for Million Dollar Dream sold out, producer Carla Mendes said."},
			map[string]model.PersonKind{"Carla Mendes": model.KindPerson},
			[]string{"Million Dollar Dream"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, people := quotesAndPeople(newDocument(c.paras), "")
			got := map[string]model.PersonKind{}
			for _, p := range people {
				got[p.Name] = p.Kind
			}
			for name, kind := range c.want {
				k, ok := got[name]
				if !ok {
					t.Errorf("%q not listed; got %v", name, people)
					continue
				}
				if k != kind {
					t.Errorf("%q listed as %s, want %s", name, k, kind)
				}
			}
			for _, name := range c.not {
				if _, ok := got[name]; ok {
					t.Errorf("%q listed; got %v", name, people)
				}
			}
		})
	}
}

// TestPeopleOrderAndMerge checks that the list is in order of first
// mention, holds each entity once under its fullest name, and keeps the
// role the article gives.
func TestPeopleOrderAndMerge(t *testing.T) {
	paras := []string{
		"Harbour officials met on Tuesday. Port director Grace Mbeki opened the session.",
		"Later, council member Omar Haddad asked about the budget.",
		"Mbeki said the dredging would start in spring. Haddad disagreed.",
	}
	_, people := quotesAndPeople(newDocument(paras), "")
	names := personNames(people)
	want := []string{"Grace Mbeki", "Omar Haddad"}
	if len(names) != len(want) {
		t.Fatalf("people %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("people %v, want %v", names, want)
		}
	}
	for _, p := range people {
		if p.Name == "Grace Mbeki" && p.Role != "Port director" {
			t.Errorf("Grace Mbeki role %q, want %q", p.Role, "Port director")
		}
	}
}

func TestGivenGender(t *testing.T) {
	female := wordSet(femaleNames)
	for w := range wordSet(maleNames) {
		if female[w] {
			t.Errorf("%q is in both given-name lists", w)
		}
	}
	cases := map[string]byte{"Peter": 'm', "LINDA": 'f', "Parwin": 0, "Alex": 0, "Mr": 0}
	for name, want := range cases {
		if got := givenGender(name); got != want {
			t.Errorf("givenGender(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestPeopleRoles checks the role kept for each person: words of the
// sentence, other names, participle clauses and relative clauses are not
// roles, and an organisation is not its own role.
func TestPeopleRoles(t *testing.T) {
	cases := []struct {
		name, text, who, role string
	}{
		{"an honorific after a place starts the name",
			"Speaking in Dunmore Mr Pollard said the plan was ready.", "Pollard", ""},
		{"a title is the role of a person named by title and surname",
			"President Adeyemi of Ruritania arrived on Monday.", "Adeyemi", "President"},
		{"another name before and is not a role",
			"Ana Ruiz and Tom Bell praised the team.", "Tom Bell", ""},
		{"a surname before and is not a role",
			"Rui Costa met Ana Ruiz. Ruiz and Costa talked for an hour.", "Rui Costa", ""},
		{"a verb before the role words ends the role",
			"Mayor Ida Marr phoned former army chief Tomas Brin on Monday.", "Tomas Brin", "former army chief"},
		{"a participle clause is not a role",
			"“We won,” said Ted Orwin, roaming the stage with a microphone.", "Ted Orwin", ""},
		{"a relative clause is cut from the role",
			"Lars Ekdal, a surgeon who the mayor has called a friend, said the clinic would stay open.", "Lars Ekdal", "surgeon"},
		{"an ampersand inside the employer's name",
			"“Prices will fall,” said Ida Marr, chief analyst at Holt & Sons.", "Ida Marr", "chief analyst at Holt & Sons"},
		{"one role however it is written again",
			"U.S. President Ann Holt visited. “It is fine,” said US President Ann Holt.", "Ann Holt", "U.S. President"},
		{"an organisation is not its own role",
			"The Port Authority said in a statement that it would “hear every concern.”", "Port Authority", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, people := quotesAndPeople(newDocument([]string{c.text}), "")
			for _, p := range people {
				if p.Name == c.who {
					if p.Role != c.role {
						t.Errorf("%q role %q, want %q", c.who, p.Role, c.role)
					}
					return
				}
			}
			t.Errorf("%q not listed; got %v", c.who, people)
		})
	}
}

func TestPronounOf(t *testing.T) {
	cases := map[string]string{"he": "he", "She": "she", "it's": "it", "they’re": "they", "I'm": "i",
		"We": "we", "IT": "", "Kirby's": "", "hello": "", "they've": "they", "theyre": ""}
	for w, want := range cases {
		if got := pronounOf(w); got != want {
			t.Errorf("pronounOf(%q) = %q, want %q", w, got, want)
		}
	}
}

// TestTitledStateIsNoPerson: a title before a state ("Former Nevada
// governor Ruth Kale") describes the person after it; the state is not a
// person of its own that a later "she" could mean.
func TestTitledStateIsNoPerson(t *testing.T) {
	paras := []string{
		"Former Nevada governor Ruth Kale, an early backer, calls the plan a priority.",
		"Ex-Ohio Sen. Tom Vale agreed.",
	}
	_, people := quotesAndPeople(newDocument(paras), "")
	names := personNames(people)
	if want := []string{"Ruth Kale", "Tom Vale"}; !slices.Equal(names, want) {
		t.Errorf("people %v, want %v", names, want)
	}
}

// TestDemonymIsNoName: "the German said" describes someone; it makes no
// entity named German.
func TestDemonymIsNoName(t *testing.T) {
	paras := []string{"Jon Bell won the race.", "“It was hard,” said the German. “Next time,” the Briton said."}
	_, people := quotesAndPeople(newDocument(paras), "")
	for _, p := range people {
		if p.Name == "German" || p.Name == "Briton" {
			t.Errorf("%q is listed as a %s", p.Name, p.Kind)
		}
	}
}

// personNames are the names of the people list's persons, in order.
func personNames(people []model.Person) []string {
	var names []string
	for _, p := range people {
		if p.Kind == model.KindPerson {
			names = append(names, p.Name)
		}
	}
	return names
}
