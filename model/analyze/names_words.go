package analyze

import "strings"

// Read-only word tables for quotes, speakers and names: generic English
// news vocabulary, not tied to any article. Every word maps to the set of
// classes it belongs to, so one lookup answers every question about it.

// wclass is a set of word classes.
type wclass uint32

// The word classes.
const (
	// speechVerbs introduce or attribute speech.
	speechVerbs wclass = 1 << 0
	// attributionOnly are speech verbs that attribute a quotation but are too
	// common to mark a sentence as reported speech on their own.
	weakSpeech wclass = 1 << 1
	// beAux are forms of "be"; one before a past participle makes it passive.
	beAux wclass = 1 << 2
	// auxWords may sit between a subject and its verb.
	auxWords wclass = 1 << 3
	// clauseWords end a subject phrase when met walking back from its verb.
	clauseWords wclass = 1 << 4
	// relativeWords start relative clauses.
	relativeWords wclass = 1 << 5
	// prepositions cut a noun phrase into head and complement.
	prepositions wclass = 1 << 6
	// determiners and quantifiers dropped from the front of a noun phrase.
	determiners wclass = 1 << 7
	// adverbParts are comma-delimited asides that are not part of a subject.
	adverbParts wclass = 1 << 8
	// personalPronouns name speakers by reference.
	personalPronouns wclass = 1 << 9
	// timeWords end a role phrase walking back ("Last week State Department
	// official ..."), and never begin a name.
	timeWords wclass = 1 << 10
	// stopCaps are capitalized words that do not belong to names at the start
	// of a run (sentence-initial function words and the like).
	stopCaps wclass = 1 << 11
	// titleWords are capitalized titles that precede a name ("Gen Musharraf",
	// "CIA Director William Burns"); they are stripped from the name.
	titleWords wclass = 1 << 12
	// roleNouns are lower-case nouns that name what a person does; before a
	// name they form its role ("White House national security spokesman").
	roleNouns wclass = 1 << 13
	// groupNouns are plural or collective heads that make a speaking group
	// ("Aviation analysts", "Teachers", "officials").
	groupNouns wclass = 1 << 14
	// orgNouns are heads of organisations named by a common noun ("the
	// ministry", "Russia's foreign ministry").
	orgNouns wclass = 1 << 15
	// docNouns are things that "say" on behalf of whoever issued them.
	docNouns wclass = 1 << 16
	// orgWords mark a capitalized run as an organisation, office or place
	// rather than a person ("Foreign Office", "Arab League").
	orgWords wclass = 1 << 17
	// placeStarts begin place names rather than personal names.
	placeStarts wclass = 1 << 18
	// connector words may join the capitalized words of one name.
	connectors wclass = 1 << 19
	// noInversion are speech verbs whose following noun is their object, not
	// an inverted subject, after a comma ("..., told the BBC").
	noInversion wclass = 1 << 20
	// spokes are nouns for someone who speaks for an organisation.
	spokes wclass = 1 << 21
	// notAdverbs end in -ly but are nouns.
	notAdverbs wclass = 1 << 22
	// namingCues before a quoted span make it a name, title or term rather
	// than speech ("the name “CCHQ Press”", "sayings such as, “…”").
	namingCues wclass = 1 << 23
	// modifierDets are words before an attributive quoted modifier ("a
	// “skinny” trade deal").
	modifierDets wclass = 1 << 24
	// honorificWords are honorifics (Mr, Dr, Sir): titles that are not roles.
	honorificWords wclass = 1 << 25
	// makingVerbs make works whose titles follow them ("wrote “Quiet
	// Water”", "sang “Evening Tide”").
	makingVerbs wclass = 1 << 27
	// surnameOrgWords are organisation or place words that are also
	// common surnames ("Lena Park", "Tom Banks"): after a first name they
	// end a personal name.
	surnameOrgWords wclass = 1 << 26
)

// wordTable holds the classes of lower-case words (buildWordClasses),
// for lookups that fold ASCII case while hashing and never allocate.
var wordTable = lazyTable{build: buildWordClasses}

func buildWordClasses() map[string]wclass {
	m := make(map[string]wclass, 1024)
	add := func(c wclass, list string) {
		for _, w := range strings.Fields(list) {
			m[w] |= c
		}
	}
	add(speechVerbs, `
say says said saying tell tells told telling add adds added adding
ask asks asked asking explain explains explained explaining note notes noted noting
stated write writes wrote writing tweet tweets tweeted tweeting posted texted emailed messaged
beamed beams reacted reacts
testify testifies testified testifying acknowledge acknowledges acknowledged acknowledging
admit admits admitted admitting insist insists insisted insisting argue argues argued arguing
claim claims claimed claiming warn warns warned warning urge urges urged urging
call calls called calling describe describes described describing
chant chants chanted chanting shout shouts shouted shouting yell yells yelled scream screamed
cry cries cried crying reply replies replied replying respond responds responded responding
recall recalls recalled recalling declare declares declared declaring
announce announces announced announcing concede concedes conceded conceding
joke jokes joked joking quip quips quipped complain complains complained complaining
confirm confirms confirmed caution cautions cautioned suggest suggests suggested suggesting
predict predicts predicted promise promises promised pledge pledges pledged vow vows vowed
reiterate reiterates reiterated reiterating stress stresses stressed emphasise emphasised
emphasize emphasized observe observes observed remark remarks remarked comment comments commented
counter countered demand demands demanded lament laments lamented boast boasts boasted
blame blames blamed believe believes believed think thinks
slam slams slammed assail assails assailed dub dubs dubbed label labels labelled labeled
brand brands branded condemn condemns condemned criticise criticised criticize criticized
praise praises praised hail hails hailed accuse accuses accused accusing deem deems deemed
term termed muse mused whisper whispered mutter muttered sigh sighed exclaim exclaimed
reveal reveals revealed revealing maintain maintains maintained contend contends contended
assert asserts asserted allege alleges alleged recount recounts recounted retort retorted
mention mentions mentioned characterise characterised characterize characterized
cheer cheers cheered pray prayed sing sang sings read reads wonder wonders wondered
conclude concludes concluded pointed
blast blasts blasted dismiss dismisses dismissed liken likens likened compare compares compared
attack attacks attacked cite cites cited citing continue continues continued type types typed
states proclaim proclaims proclaimed promising stressing exhort exhorts exhorted mock mocks mocked mocking
chide chides chided snipe snipes sniped grouse groused tout touts touted decry decries decried
scoff scoffs scoffed fume fumes fumed rail rails railed gush gushed rave raved marvel marvels marveled
marvelled plead pleads pleaded beg begs begged implore implored repeat repeats repeated echo echoes
echoed underscore underscores underscored assure assures assured reassure reassured threaten threatens
threatened brag brags bragged crow crowed taunt taunts taunted tease teased question questions
questioned challenge challenges challenged answer answers answered elaborate elaborated interject
interjected interrupt interrupted advise advises advised counsel counseled counselled propose proposes
proposed lash lashed rip ripped deride derides derided ridicule ridiculed disparage disparaged
contradict contradicted concur concurred agree agrees agreed disagree disagrees disagreed
opine opined posit posited theorize theorized speculate speculated surmise surmised
quote quotes quoted paraphrase paraphrased press presses pressed riff riffed riffs
indicate indicates indicated indicating signal signals signaled signalled recommend recommends recommended
grumble grumbles grumbled bemoan bemoans bemoaned`)
	add(weakSpeech, `believe believes believed think thinks read reads conclude concludes concluded
pray prayed sing sang sings wonder wonders wondered call calls called calling
attack attacks attacked compare compares compared cite cites cited citing continue continues continued
agree agrees agreed disagree disagrees disagreed question questions questioned challenge challenges
challenged answer answers answered repeat repeats repeated echo echoes echoed quote quotes quoted`)
	add(beAux, `is are was were be been being am`)
	add(auxWords, `has have had will would can could should may might must did does do also
previously later earlier then once again repeatedly recently reportedly not never just still
further only even already often always simply publicly privately initially first finally
separately subsequently quickly immediately meanwhile however though too`)
	add(clauseWords, `that and but or nor when while where whereas because although though if as so
since until unless after before once then than who whom whose which what why how whether who's who’s
to is are was were be been being has have had will would can could should may might must do does did
not also said says say told tells tell this these those there here it its they them their he him his
she her we us our you your i me my`)
	add(relativeWords, `who whom whose which that who's who’s`)
	add(prepositions, `of for with from at in on by about among amid into onto over under near
against between without within across through during toward towards via per like including inside outside`)
	add(determiners, `the a an another some many several other both all most few two three four five
six seven eight nine ten dozens hundreds thousands one any each every various numerous more`)
	add(adverbParts, `meanwhile however though too also instead moreover nevertheless nonetheless
still indeed separately earlier later then now again though, yet`)
	add(personalPronouns, `he she they it we i`)
	add(timeWords, `week weeks month months year years day days ago today yesterday tomorrow tonight
morning afternoon evening night weekend hour hours minute minutes
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec`)
	add(stopCaps, `the a an but and or so yet still then now here there this that these those it its
in on at for from with by after before during while when if as although though because since until
meanwhile however also even only just last next earlier later over under despite unlike like asked
speaking according both each every all some many most more other another such his her their our my your
we they he she i you what why how who where which instead indeed perhaps barely right today yesterday
tomorrow hours days years weeks months no not nor one two three four five six seven eight nine ten
first second third to does did had has have was were is are would could should might must maybe
neither either whether yes`)
	add(titleWords, `president vice prime minister secretary chancellor senator sen sen. rep rep. del. delegate
whip advocate democrat republican tory
representative congressman congresswoman gov gov. governor lt lt. lieutenant col col. colonel gen gen.
general maj maj. major capt capt. captain sgt sgt. sergeant cpl cpl. corporal pvt pvt. adm adm. admiral
cmdr cmdr. commander ambassador judge justice chief director chairman chairwoman chair chairperson
commissioner superintendent mayor councillor councilman councilwoman speaker king queen prince princess
pope cardinal bishop archbishop rabbi imam sheikh coach officer detective det det. sheriff deputy attorney
inspector constable dean professor prof prof. dr dr. mr mr. mrs mrs. ms ms. miss sir dame lord lady rev
rev. reverend father pastor emir sultan ayatollah premier ceo cfo coo president-elect mp mep sen.
pres pres. atty atty. supt supt. insp insp.
assemblyman assemblywoman duke duchess earl baron baroness viscount countess treasurer comptroller marshal trooper agent private patrol executive
spokesman spokeswoman spokesperson former acting interim then-president then-secretary late`)
	add(roleNouns, `spokesman spokeswoman spokesperson official officials meteorologist analyst coach
defenseman defender goalie goalkeeper winger striker forward midfielder captain teacher adviser advisor
negotiator executive economist scholar expert researcher scientist physician doctor nurse correspondent
reporter editor leader founder co-founder member manager owner resident witness student player wing
counselor counsellor lawyer attorney diplomat envoy aide strategist pollster historian professor author
writer actor actress singer rapper star chef pilot driver farmer engineer officer investigator prosecutor
judge chief head president director chairman chairwoman secretary minister ambassador senator governor
mayor commissioner superintendent deputy representative legislator lawmaker candidate nominee
challenger incumbent activist organizer organiser volunteer veteran survivor victim mother father wife
husband son daughter brother sister boss coordinator supervisor trainer referee umpire pitcher
quarterback guard rookie teammate fellow partner consultant agent sergeant colonel general commander
forecaster banker trader investor entrepreneur developer designer architect artist musician composer
producer presenter host anchor columnist blogger commentator critic observer inspector auditor regulator
ranger firefighter paramedic detective sheriff trooper marshal warden priest pastor bishop rabbi imam
cleric premier premiere ceo cfo spokesmen representative campaigner ex-wife ex-husband girlfriend boyfriend
grandmother grandfather friend neighbour neighbor colleague chancellor principal counsel councillor
councilman councilwoman congressman congresswoman businessman businesswoman sportsman dean emir king
queen prince princess pope widow widower homeowner shopper passenger traveller traveler motorist fan
coach manager negotiator mediator inventor novelist poet comedian broadcaster journalist photographer
porter cleaner waiter waitress clerk cashier bartender guard miner builder plumber electrician mechanic
soldier sailor marine medic surgeon dentist pharmacist therapist psychologist lecturer tutor pupil
shopkeeper landlord tenant owner operator salesman saleswoman chairwoman mogul billionaire
millionaire tycoon magnate hopeful contender front-runner frontrunner pontiff monarch heir heiress
entertainer celebrity comic pundit anchorman anchorwoman newsman newswoman standard-bearer
front-runner runner-up nominee co-founder cofounder co-chair cochair`)
	add(groupNouns, `analysts teachers protesters protestors officials residents experts critics fans
workers lawmakers officers witnesses demonstrators students parents activists supporters voters
economists scientists researchers doctors nurses investors traders lawyers diplomats sources executives
organisers organizers leaders members players politicians campaigners campaigners crowds crowd audience
villagers settlers farmers locals neighbours neighbors employees staff volunteers authorities
prosecutors investigators observers commentators people americans britons citizens survivors victims
families relatives opponents rebels militants soldiers troops police forecasters meteorologists
republicans democrats conservatives liberals spokesmen spokespeople chanters marchers fans unions
negotiators mediators regulators airlines companies banks carriers manufacturers retailers
crews fishermen shoppers commuters passengers drivers pilots nurses patients tenants`)
	add(orgNouns, `ministry department office commission committee council league agency authority
association institute foundation forum party union federation organisation organization corporation
company firm group bank fund court assembly parliament congress senate administration bureau board
service services police army navy military government university college school hospital network
channel newspaper paper broadcaster agency utility utilities carrier airline team club campaign
coalition alliance society trust church embassy consulate regime cabinet secretariat label studio
website site prosecutors prosecution watchdog regulator body panel delegation mission force forces
command operator manufacturer maker retailer chain publisher station`)
	add(docNouns, `statement letter report post tweet release notice memo email e-mail message
website blog filing document announcement bulletin communique communiqué note lawsuit complaint
ruling verdict judgment`)
	add(orgWords, `office ministry department commission committee council league agency authority
association institute institution foundation forum party union federation organisation organization
corporation corp corp. company co co. inc inc. ltd ltd. llc plc group bank fund court assembly parliament
congress senate house administration bureau board service services police army navy force forces guard
government university college school hospital clinic center centre network news times post journal
press airlines airways airport productions studios records entertainment rights affairs nations republic
kingdom states coalition alliance society trust club team church museum watch reserve exchange cabinet
secretariat project program programme initiative campaign movement brigade command security defense
defence justice health education treasury interior energy finance commerce labor labour transportation
transport agriculture homeland staff state county city province district region territory street road
avenue square park station stadium arena bridge bay sea ocean gulf peninsula desert forest valley island
islands coast strip bank river lake mountain mountains heights beach harbor harbour port falls springs
parade festival awards games cup championship war show series prize media group holdings partners
capital management systems technologies motors energy pharmaceuticals labs laboratories foods hotel
hotels resort airline railway railways rail police department ministry embassy consulate council`)
	add(placeStarts, `north south east west northern southern eastern western upper lower central
new san santa los las saint st st. great mount mt mt. lake fort port cape gulf middle far near
united via viale corso piazza rue calle avenida plaza strada`)
	add(connectors, `of for and & de da del della van von der den bin al la le du dos das y ibn`)
	add(noInversion, `tell tells told telling call calls called calling describe describes described
describing urge urges urged urging accuse accuses accused accusing blame blames blamed praise praised
slam slammed assail assailed dub dubbed label labelled labeled brand branded condemn condemned criticise
criticised criticize criticized hail hailed warn warns warned warning ask asks asking remind reminded
thank thanked blast blasted dismiss dismissed liken likened compare compared attack attacked cite cited
mock mocked chide chided tout touted decry decried implore implored assure assured reassure reassured
threaten threatened taunt taunted tease teased question questioned challenge challenged answer answered
advise advised counsel counseled lash lashed rip ripped deride derided ridicule ridiculed disparage
disparaged contradict contradicted quote quoted paraphrase paraphrased interrupt interrupted`)
	add(spokes, `spokesman spokeswoman spokesperson spokespeople spokesmen representative representatives
source sources official officials`)
	add(notAdverbs, `family ally assembly supply rally belly bully monopoly italy july reply anomaly
military`)
	add(namingCues, `named name names titled entitled nicknamed dubbed known such word words term
phrase slogan slogans hashtag sign signs saying sayings banner banners headline headlines album song
songs single film movie book novel show series episode play played sang sing anthem brand label handle
account motto reading read poster posters caption chant-name code codenamed codename nickname
title memoir memoirs hat hats shirt shirts t-shirt t-shirts cap caps sticker stickers placard placards`)
	add(modifierDets, `a an the his her its their our this that these those your my`)
	add(makingVerbs, `wrote write writes writing penned pens published publishes sang sing sings
sung recorded records directed directs produced produces starred stars painted composed`)
	add(surnameOrgWords, `park bank banks street post press times lake forest port church trust watch guard field fields hill wells rivers brooks chambers bridge bridges king young price ford`)
	for w := range honorifics {
		m[w] |= honorificWords
	}
	return m
}

// classOf returns the classes of a word, ignoring ASCII case, without
// allocating.
func classOf(s string) wclass {
	c := wordTable.get().lookup(s)
	if c == 0 && scientistNoun(s) {
		return roleNouns
	}
	return c
}

// scientistNoun reports whether s names a kind of scientist by its
// "-ologist" ending ("hydrologist", "Epidemiologists"): a role, never a
// name, so that "Hydrologist Marco Bellini" is Marco Bellini, hydrologist.
func scientistNoun(s string) bool {
	if len(s) < 9 || s[len(s)-1]|0x20 != 't' && s[len(s)-1]|0x20 != 's' {
		return false // the common case, decided without a copy
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "s"), "S")
	const suffix = "ologist"
	return len(s) > len(suffix)+1 && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// inSet reports whether word s belongs to any of the classes c.
func inSet(c wclass, s string) bool { return classOf(s)&c != 0 }

// is reports whether the token belongs to any of the classes c.
func (t tok) is(c wclass) bool { return t.cls()&c != 0 }

// participleSpeech are speech verbs whose subject is the clause's subject
// when they follow a comma (", saying ...").
func isParticiple(w string) bool { return strings.HasSuffix(w, "ing") }

// honorifics are titles that are not roles; they also carry gender.
var honorifics = map[string]byte{
	"mr": 'm', "mr.": 'm', "sir": 'm', "lord": 'm', "king": 'm', "prince": 'm', "mister": 'm',
	"mrs": 'f', "mrs.": 'f', "ms": 'f', "ms.": 'f', "miss": 'f', "dame": 'f', "lady": 'f',
	"queen": 'f', "princess": 'f', "madam": 'f',
	"dr": 0, "dr.": 0, "prof": 0, "prof.": 0, "rev": 0, "rev.": 0, "sheikh": 'm',
}

// honorGender is the gender an honorific carries, or 0.
func honorGender(w string) byte {
	if !inSet(honorificWords, w) {
		return 0
	}
	return honorifics[strings.ToLower(w)]
}
