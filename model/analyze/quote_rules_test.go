package analyze

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/brief-reader/brief/model"
)

// wantQuote is an expected quote: its text, speaker ("" for none) and the
// flags the case is about ("partial", "nested", "continued").
type wantQuote struct {
	text, speaker string
	flags         string
}

// quoteCases are invented articles, one rule each. Paragraphs are
// separated by "\n".
var quoteCases = []struct {
	name string
	text string
	want []wantQuote
}{
	{"the owner of a claim that opens the clause says what follows",
		"Aide Tom Vale alleges a long list of faults. But Vale's most explosive claim is that the panel was launched to “get” the mayor.\nIda Marr spoke on Monday. Her assumption, stated on live radio, was that “as voters learn more,” they would back it.\nWhile Marr's call for a “fresh start” draws crowds, rivals are wary. His friends call him “Doc.”",
		[]wantQuote{{"get", "Tom Vale", "partial"}, {"as voters learn more,", "Ida Marr", "partial"}, {"fresh start", "Ida Marr", "partial"}, {"Doc.", "friends", "partial"}}},
	{"he after someone unnamed is the unnamed speaker, not someone named before",
		"Mayor Tom Vale spoke first. “We are ready,” Vale said.\nA senior official told reporters the plan was “not dead.”\n“We will revive it,” he said. “Give us time,” he added.\nThe mayor smiled. Ann Holt, a rival, was wary; she said Vale was “all talk.” “He always is,” she said.",
		[]wantQuote{{"We are ready,", "Tom Vale", ""}, {"not dead.", "", "partial"}, {"We will revive it,", "", ""}, {"Give us time,", "", ""},
			{"all talk.", "Ann Holt", "partial"}, {"He always is,", "Ann Holt", ""}}},
	{"the Frenchman is a description: the French driver, or no one",
		"French driver Pierre Lamont finished fifth. Jon Bell won.\n“We will push on,” the Frenchman said.\n“It was hard,” said the German.",
		[]wantQuote{{"We will push on,", "Pierre Lamont", ""}, {"It was hard,", "", ""}}},
	{"who a question is about answers it",
		"Senator Mark Vane spoke for an hour. Vane said the plan would “open doors.”\nTom Lusk, an engineer, came to ask about visas. But Vane only briefly explained the visa plan, citing Canada.\nWas Lusk satisfied with Vane's answer?\n“To a point,” he said. “He sort of redirected.”",
		[]wantQuote{{"open doors.", "Mark Vane", "partial"}, {"To a point,", "Tom Lusk", ""}, {"He sort of redirected.", "Tom Lusk", ""}}},
	{"a description naming another state or party does not fit",
		"Former Ohio governor Ben Kato spoke first. Ruth Vane, a Democratic front-runner, followed.\nAt the moment Tom Lusk learned the news, he was on the trail. Sooner or later, the Iowa governor told reporters, “it starts to pay off.”\nLusk smiled. Appearing on radio, the GOP front-runner said Vane “caused tremendous harm.”",
		[]wantQuote{{"it starts to pay off.", "Tom Lusk", ""}, {"caused tremendous harm.", "Tom Lusk", "partial"}}},
	{"refer to ... as names, bemoan reports",
		"Mayor Ida Marr spoke.\nMarr referred to the plan as “a fraud.”\nTom Vale bemoaned a climate in which people “hate each other.”",
		[]wantQuote{{"a fraud.", "Ida Marr", "partial"}, {"hate each other.", "Tom Vale", "partial"}}},
	{"indicate and recommend report speech",
		"Budget talks.\nIn response to questions, auditor Ola Brandt indicated that the council “should have known the risks.”\n“Cut the fees,” recommends the watchdog's chair, Tom Vale.",
		[]wantQuote{{"should have known the risks.", "Ola Brandt", "partial"}, {"Cut the fees,", "Tom Vale", ""}}},
	{"abbreviated titles are not part of the name",
		"In an interview, Pres. Lund admits the plan “did not work.”\nChief Supt Ola Berg spoke later. “We will act,” Supt Berg said.",
		[]wantQuote{{"did not work.", "Lund", "partial"}, {"We will act,", "Ola Berg", ""}}},
	{"curly marks, inversion with appositive role",
		"“The bridge will reopen on Monday,” said Mara Ellison, the city's transport director.",
		[]wantQuote{{"The bridge will reopen on Monday,", "Mara Ellison", ""}}},
	{"straight marks, surname resolved to full name",
		"Transport director Mara Ellison visited the site.\n\"We expect delays,\" Ellison told reporters.",
		[]wantQuote{{"We expect delays,", "Mara Ellison", ""}}},
	{"mixed marks: straight open, curly close",
		"\"Nobody warned us?” asked Tomas Reyes, who lives nearby.",
		[]wantQuote{{"Nobody warned us?", "Tomas Reyes", ""}}},
	{"two right single quotes close a quote",
		"“The fund is empty,’’ said treasurer Ida Vance.",
		[]wantQuote{{"The fund is empty,", "Ida Vance", ""}}},
	{"two apostrophes as marks, as wire copy writes them",
		"''The ferry will run again in May,'' said Oskar Lind, the harbour master. He called the delay ''regrettable but necessary.''",
		[]wantQuote{{"The ferry will run again in May,", "Oskar Lind", ""}, {"regrettable but necessary.", "Oskar Lind", "partial"}}},
	{"backticks open and apostrophes close",
		"``We are not done,'' Mira Holt said.",
		[]wantQuote{{"We are not done,", "Mira Holt", ""}}},
	{"a partial quote whose speaker cannot be named still counts",
		"The vote was close. One aide said the plan was “dead on arrival” in the Senate.",
		[]wantQuote{{"dead on arrival", "", "partial"}}},
	{"a partial quote after a pronoun with no antecedent",
		"It was late. She said the council “has failed the town.”",
		[]wantQuote{{"has failed the town.", "", "partial"}}},
	{"markup attribute values are not quotations",
		"<post author=\"@harbourdesk\" date=\"2024-03-01\">Ferries resume today.</post> “We are back,” said Oskar Lind.",
		[]wantQuote{{"We are back,", "Oskar Lind", ""}}},
	{"a word opening a sentence is not glued into a name used elsewhere",
		"Voters backed Wanda Brisk over Olek Tamm on Tuesday.\nRival Wanda Brisk said she was “thrilled.” Does Tamm agree? Maybe Tamm said “not yet.”",
		[]wantQuote{{"thrilled.", "Wanda Brisk", "partial"}, {"not yet.", "Olek Tamm", "partial"}}},
	{"after a quotation a name keeps its first word",
		"Patrol chief Ivo Hall spoke first.\n“Quiet car at last,” Elna Hall tweeted.",
		[]wantQuote{{"Quiet car at last,", "Elna Hall", ""}}},
	{"the premier is the article's prime minister, even named later",
		"Critics attacked the decision, while the country's premier praised the “historic” step.\nPrime Minister Oda Stenlund said she was “very moved.”",
		[]wantQuote{{"historic", "Oda Stenlund", "partial"}, {"very moved.", "Oda Stenlund", "partial"}}},
	{"a surname goes to the person the article is about, not the latest relative named",
		"Senator Ted Marsh opened his campaign on Monday. Marsh spoke for an hour. Marsh thanked his wife, Heidi Marsh, who stood beside him.\n“We will win this state,” Marsh said.",
		[]wantQuote{{"We will win this state,", "Ted Marsh", ""}}},
	{"an honorific's gender picks among people who share a surname",
		"Bill Arlen and Hanna Arlen arrived together. Bill Arlen spoke first.\n“It is her night,” said Mrs. Arlen's aide. “Thank you all,” Mrs. Arlen said.",
		[]wantQuote{{"It is her night,", "", ""}, {"Thank you all,", "Hanna Arlen", ""}}},
	{"a generational suffix is not the surname",
		"Vice President Joseph R. Dunmore Jr. toured the plant.\n“The middle class is getting squeezed,” Mr. Dunmore told reporters.\n“Not here,” said Joseph R. Dunmore Jr. again.",
		[]wantQuote{{"The middle class is getting squeezed,", "Joseph R. Dunmore Jr.", ""}, {"Not here,", "Joseph R. Dunmore Jr.", ""}}},
	{"dotted initials do not end a sentence",
		"“The platform has changed,” said J.M. Verger, a fellow at the institute.",
		[]wantQuote{{"The platform has changed,", "J.M. Verger", ""}}},
	{"a participle after a preposition's object takes the clause's subject",
		"Investor Pia Thal will speak.\n“People are uneasy,” Thal wrote in a letter to Harbour Weekly explaining her choice, “but they want change.”",
		[]wantQuote{{"People are uneasy,", "Pia Thal", ""}, {"but they want change.", "Pia Thal", ""}}},
	{"the subject of the pronoun's sentence beats the last speaker",
		"Envoy Carl Voss spoke on Monday. “I now recall it,” he said.\nLast week ministry official Per Lund described one of those calls to investigators, saying he remembered it “clearly.”",
		[]wantQuote{{"I now recall it,", "Carl Voss", ""}, {"clearly.", "Per Lund", "partial"}}},
	{"with X warning: X speaks",
		"Two neighbours also criticised the plan, with Harbour Minister Ola Brenn warning of “grave consequences”.",
		[]wantQuote{{"grave consequences", "Ola Brenn", "partial"}}},
	{"an unattributed quote in mid-paragraph is the paragraph's speaker",
		"Mayor Ivo Sand spoke first. “We are ready,” he said.\nRival Nora Quill answered that the plan was late. “We have waited long enough.”",
		[]wantQuote{{"We are ready,", "Ivo Sand", ""}, {"We have waited long enough.", "Nora Quill", ""}}},
	{"more speech verbs: continued, exhorted, likened, blasted",
		"“We kind of wrote the songs already,” singer Aled Roe continued.\n“It is about time,” exhorted host Mira Lund.\nCoach Tam Ode likened the defeat to “a car crash in slow motion.”\nDana Pike blasted the plan as “a waste of money.”",
		[]wantQuote{{"We kind of wrote the songs already,", "Aled Roe", ""}, {"It is about time,", "Mira Lund", ""},
			{"a car crash in slow motion.", "Tam Ode", "partial"}, {"a waste of money.", "Dana Pike", "partial"}}},
	{"a subject after a conjunction does not close the quote's sentence",
		"Envoy Ola Brenn told the visitors they would need to “deliver” before the ministry would agree to a meeting.",
		[]wantQuote{{"deliver", "Ola Brenn", "partial"}}},
	{"party and state tags inside a name's attribution",
		"Sen. Ann Holt (D-Mo.) said the bill was “dead.”\nRep. Joe Marsh, R-Ky., said it was “alive and well.”\n“We will see,” said Del. Rosa Vance.",
		[]wantQuote{{"dead.", "Ann Holt", "partial"}, {"alive and well.", "Joe Marsh", "partial"}, {"We will see,", "Rosa Vance", ""}}},
	{"who refers back to the name before it",
		"Voters also heard from Tomas Reyes, who says the levy is “a disgrace.”",
		[]wantQuote{{"a disgrace.", "Tomas Reyes", "partial"}}},
	{"went on to say: the clause's subject speaks",
		"Governor Ida Marr spoke in Leeds. She went on to say the deal is “a good start.”",
		[]wantQuote{{"a good start.", "Ida Marr", "partial"}}},
	{"a capitalized function word before the verb is a name",
		"Columnist Henry Will praised the plan. While Will acknowledges its “rough edges,” he backs it.",
		[]wantQuote{{"rough edges,", "Henry Will", "partial"}}},
	{"a long opening phrase before the subject",
		"On the eve of her third election as mayor of the harbour town in the spring of last year, Ida Marr rallied supporters by warning that “the port is in danger.”",
		[]wantQuote{{"the port is in danger.", "Ida Marr", "partial"}}},
	{"an appositive after an opening phrase does not invert the verb",
		"In a letter to the court, Ana Ruiz, head of the voting section, noted the “burden on voters.”",
		[]wantQuote{{"burden on voters.", "Ana Ruiz", "partial"}}},
	{"a name opening the sentence, then a long aside, then said",
		"Olav Henge, who values golf courses for the firm Cushman & Ward, said the industry had “made great strides.”\nSenator Rob Kerr, a Tennessee Republican who has been mentioned as a running mate, said “there could be” a limit.\nPia Sett, a consultant whose firm was hired by the campaign, said she was “shocked.”",
		[]wantQuote{{"made great strides.", "Olav Henge", "partial"}, {"there could be", "Rob Kerr", "partial"}, {"shocked.", "Pia Sett", "partial"}}},
	{"who followed by an aside",
		"First there was deputy editor Brett Stenning, who, after trading insults with a host, said that “the party became an echo chamber.”",
		[]wantQuote{{"the party became an echo chamber.", "Brett Stenning", "partial"}}},
	{"a list of names is not a name and its aside",
		"Ana Ruiz, Tom Bell and Ida Marr said the plan was “late.”",
		[]wantQuote{{"late.", "Ida Marr", "partial"}}},
	{"words before a given name are a role",
		"Senate Majority Whip John Corr (R-Tex.) spoke first. “That is what shameful is,” Corr said.",
		[]wantQuote{{"That is what shameful is,", "John Corr", ""}}},
	{"a name written family name first",
		"Shen Xinmao, a doctoral student in Atlanta, urged calm. “He is the most human of them,” Shen wrote.",
		[]wantQuote{{"He is the most human of them,", "Shen Xinmao", ""}}},
	{"a pronoun after a surname picks the namesake of that gender",
		"Officer Tay Marsh died in the attack. His mother, Dorothy Marsh, spoke on Monday. Tay Marsh was 41.\nMarsh shared her belief that the speech was fair. “The way I see it,” she said, “he earned it.”",
		[]wantQuote{{"The way I see it,", "Dorothy Marsh", ""}, {"he earned it.", "Dorothy Marsh", ""}}},
	{"a definite description is the person in view it fits",
		"Gov. Ana Holt and Mayor Ivo Sand met on Monday. Sand spoke first.\n“We agree on the budget,” the governor said. “We do not,” the mayor added.",
		[]wantQuote{{"We agree on the budget,", "Ana Holt", ""}, {"We do not,", "Ivo Sand", ""}}},
	{"a hyphenated role before a name is a role",
		"Co-anchor Nora Odell, who was off-screen, then asked, “Really?”",
		[]wantQuote{{"Really?", "Nora Odell", ""}}},
	{"an aside that opens with a participle",
		"Mayor Bill de Vass, speaking on local radio, called the plan “a mess.”",
		[]wantQuote{{"a mess.", "Bill de Vass", "partial"}}},
	{"a subject and a verb before a colon: the subject speaks",
		"The union pressed the governor to act. Governor Ola Brenn resisted: “Governors do not have that power.”",
		[]wantQuote{{"Governors do not have that power.", "Ola Brenn", ""}}},
	{"a given name used alone elsewhere stays in the full name",
		"Donald was the favourite son. One evening, Donald K. Tramm met his brother.\n“It was the worst mistake,” Mr. Tramm said.",
		[]wantQuote{{"It was the worst mistake,", "Donald K. Tramm", ""}}},
	{"three apostrophes close a single-quoted word and then the quote",
		"''I would use the word 'old-school,''' said Greg Slaten, a former envoy.",
		[]wantQuote{{"I would use the word 'old-school,'", "Greg Slaten", ""}}},
	{"a question, then a long sentence that opens with its attribution",
		"''What does that mean, he kept the country safe?'' Mr. Tramm asked, repeating a charge that the former president was to blame for the attacks on the city.",
		[]wantQuote{{"What does that mean, he kept the country safe?", "Tramm", ""}}},
	{"an epithet for a person named before",
		"Developer Dan Trask, the party's front-runner, named a comedy show as his guilty pleasure.\n“They got great ratings,” the billionaire business mogul told a magazine.",
		[]wantQuote{{"They got great ratings,", "Dan Trask", ""}}},
	{"an aside that opens with a preposition",
		"Columnist Mara Sully, in an attempt to draw attention to the gap, wrote, “The candidate answered seven questions.”",
		[]wantQuote{{"The candidate answered seven questions.", "Mara Sully", ""}}},
	{"continuation segment after the attribution",
		"“The talks went well,” Ida Vance said. “We will meet again in June.”",
		[]wantQuote{{"The talks went well,", "Ida Vance", ""}, {"We will meet again in June.", "Ida Vance", "continued"}}},
	{"split quote around the attribution",
		"Coach Dale Moreno looked tired.\n“It has been a long season,” he said, “and the players need rest.”",
		[]wantQuote{{"It has been a long season,", "Dale Moreno", ""}, {"and the players need rest.", "Dale Moreno", ""}}},
	{"colon introduction with title stripped",
		"Coach Dale Moreno said: “We were not good enough.”",
		[]wantQuote{{"We were not good enough.", "Dale Moreno", ""}}},
	{"pronoun and colon: he added",
		"Dale Moreno spoke after the game. But, he added: “Next week will be different.”",
		[]wantQuote{{"Next week will be different.", "Dale Moreno", ""}}},
	{"according to",
		"The crowd was \"larger than expected,\" according to Sergeant Lena Park.",
		[]wantQuote{{"larger than expected,", "Lena Park", "partial"}}},
	{"a named subject, an aside, then said and a partial quote",
		"Rina Toma, who runs a bakery near the port, said the storm had been “the worst night of my life.”",
		[]wantQuote{{"the worst night of my life.", "Rina Toma", "partial"}}},
	{"a middle initial without its period",
		"Walter B Osgood, director of the museum, said the loan was “a gift to the city.”",
		[]wantQuote{{"a gift to the city.", "Walter B Osgood", "partial"}}},
	{"inversion after a comma that follows a clause",
		"Repairs will take “at least a month”, said engineer Tomas Reyes.",
		[]wantQuote{{"at least a month", "Tomas Reyes", "partial"}}},
	{"an appositive noun phrase joined by and",
		"Ravel, a retired surgeon and former mayor, said he was “absolutely” sure.",
		[]wantQuote{{"absolutely", "Ravel", "partial"}}},
	{"place, honorific and name before the verb",
		"Speaking in Dunmore Mr Pollard said: “We are ready.”",
		[]wantQuote{{"We are ready.", "Pollard", ""}}},
	{"a name before a colon, no speech verb",
		"- Harbour FC manager Dina Wolk: “We deserved more from this game.”",
		[]wantQuote{{"We deserved more from this game.", "Dina Wolk", ""}}},
	{"a label before a colon names no one",
		"Mayor Ivo Sand spoke first. “We are ready,” he said.\nQuestion: “Are the pumps working?”\nIvo Sand: “They are.”",
		[]wantQuote{{"We are ready,", "Ivo Sand", ""}, {"Are the pumps working?", "", ""}, {"They are.", "Ivo Sand", ""}}},
	{"one name before a colon in a dialogue",
		"Mira: “You are late again.” Tomas: “The bus broke down.”",
		[]wantQuote{{"You are late again.", "Mira", ""}, {"The bus broke down.", "Tomas", ""}}},
	{"a capitalized particle begins a name",
		"“Defence wins games,” says Al Barrow of the Harbour Hawks.\n“Readers first,” according to the newspaper Le Vigie.",
		[]wantQuote{{"Defence wins games,", "Al Barrow", ""}, {"Readers first,", "Le Vigie", ""}}},
	{"an agent noun before a given name is a role",
		"“I just think it's witty,” said Dubliner Nora Quill.",
		[]wantQuote{{"I just think it's witty,", "Nora Quill", ""}}},
	{"by asking: the clause's subject speaks",
		"Reader Ana Kovic began the exchange by asking the author, “Why did the hero leave?”",
		[]wantQuote{{"Why did the hero leave?", "Ana Kovic", ""}}},
	{"an organisation before statement",
		"Ida Marr denied the charge.\n“The rider used banned drugs,” said a CAS statement.",
		[]wantQuote{{"The rider used banned drugs,", "CAS", ""}}},
	{"an organisation named only by its description",
		"The regional growers' union said it would oppose the plan and called for “fair prices, agreed in advance.”",
		[]wantQuote{{"fair prices, agreed in advance.", "regional growers' union", "partial"}}},
	{"which some say: the subject is inside the relative clause",
		"General Ivo Sand described his rule as a “war on waste,” a tough military regime which some say was cruel.",
		[]wantQuote{{"war on waste,", "Ivo Sand", "partial"}}},
	{"an age before the name in an inversion",
		"“Coach taught us never to give up,” says 14-year-old guard Tia Moss.",
		[]wantQuote{{"Coach taught us never to give up,", "Tia Moss", ""}}},
	{"To opening a sentence is not part of a name",
		"To Ravi Mehta, the result was a surprise.\n“I did not expect it,” Mehta said.",
		[]wantQuote{{"I did not expect it,", "Ravi Mehta", ""}}},
	{"tweet",
		"“Back home at last,” Nora Quill tweeted on Sunday.",
		[]wantQuote{{"Back home at last,", "Nora Quill", ""}}},
	{"organisation statement, then the statement said",
		"Norway's health ministry said in a statement that the outbreak was “under control.”\n“Testing continues in every region,” the statement said.",
		[]wantQuote{{"under control.", "Norway's health ministry", "partial"}, {"Testing continues in every region,", "Norway's health ministry", ""}}},
	{"the statement said: the institution, not the dateline",
		"VELMA, Norland — The Ministry of Water Resources released its plan, the ministry said in a statement.\n“No single dam will save the valley,” the statement said.",
		[]wantQuote{{"No single dam will save the valley,", "Ministry of Water Resources", ""}}},
	{"she resolved by gender",
		"Dr. Ann Holt said she had worked for twenty hours.\nPorter Peter Gray arrived later.\n“It was chaos,” she said.",
		[]wantQuote{{"It was chaos,", "Ann Holt", ""}}},
	{"he: the speaker just before, of unknown gender, beats an earlier man",
		"Coach Dale Moreno said the team was tired.\nAnalyst Parwin Osei said the league would act. “There will be changes,” he said.",
		[]wantQuote{{"There will be changes,", "Parwin Osei", ""}}},
	{"an honorific gives the full name its gender",
		"Chairman Piet Vos said profits rose. Finance director Tunde Okoro presented the accounts.\nBut Mr Okoro denied this, telling reporters there was no overrun. “We are on budget,” he told a radio station.",
		[]wantQuote{{"We are on budget,", "Tunde Okoro", ""}}},
	{"a given name tells she from he",
		"Linda Farr said the budget was cut. Her deputy Omar Sayed said staff were worried.\n“We were not consulted,” she said.",
		[]wantQuote{{"We were not consulted,", "Linda Farr", ""}}},
	{"descriptor resolved through the role",
		"Former champion Rita Solberg criticised the ruling.\n“It makes no sense,” the former champion added.",
		[]wantQuote{{"It makes no sense,", "Rita Solberg", ""}}},
	{"partial quote after said",
		"Senator Hugh Brandt spoke first. Later, Brandt said the vote was “a disgrace.”",
		[]wantQuote{{"a disgrace.", "Hugh Brandt", "partial"}}},
	{"military titles stripped",
		"Lt. Col. Ruth Okafor inspected the base.\n\"We are ready,\" Okafor said.",
		[]wantQuote{{"We are ready,", "Ruth Okafor", ""}}},
	{"a title is a role, not part of the name",
		"President Adeyemi of Ruritania arrived on Monday.\n\"We came in peace,\" said General Adeyemi.",
		[]wantQuote{{"We came in peace,", "Adeyemi", ""}}},
	{"honorific resolved to the full name",
		"Prime Minister Alan Dorsey met the delegates.\n\"We agreed on a timetable,\" said Mr Dorsey.",
		[]wantQuote{{"We agreed on a timetable,", "Alan Dorsey", ""}}},
	{"chanting group",
		"Nurses chanted, “Safe staffing now,” outside the hospital.",
		[]wantQuote{{"Safe staffing now,", "Nurses", ""}}},
	{"group with a capitalized modifier",
		"Some Ohio farmers said the new rules were “unworkable.”",
		[]wantQuote{{"unworkable.", "Ohio farmers", "partial"}}},
	{"spokesperson speaks for the organisation",
		"A spokesperson for the Coastal Water Board said the beaches were “safe for swimming.”",
		[]wantQuote{{"safe for swimming.", "Coastal Water Board", "partial"}}},
	{"organisation named alone",
		"\"Services will resume at noon,\" Northline said.",
		[]wantQuote{{"Services will resume at noon,", "Northline", ""}}},
	{"it says: the organisation",
		"Dunmore Press has released a statement.\n“We regret the error,” it says.",
		[]wantQuote{{"We regret the error,", "Dunmore Press", ""}}},
	{"they said: the organisation",
		"Brightwater Games denied any wrongdoing.\n“We followed every rule,” they said.",
		[]wantQuote{{"We followed every rule,", "Brightwater Games", ""}}},
	{"question mark, then the attribution as its own sentence",
		"“Are we safe?” Mara Ellison asked.",
		[]wantQuote{{"Are we safe?", "Mara Ellison", ""}}},
	{"described as",
		"Mara Ellison read the report. She described the plan as “reckless.”",
		[]wantQuote{{"reckless.", "Mara Ellison", "partial"}}},
	{"trailing attribution governs the sentence",
		"The delays have been “deeply frustrating” and the airline is “working around the clock,” chief executive Sam Ortiz said.",
		[]wantQuote{{"deeply frustrating", "Sam Ortiz", "partial"}, {"working around the clock,", "Sam Ortiz", "partial"}}},
	{"nested speech inside a quote",
		"Mayor Joan Pike left early.\n“I heard Mayor Pike say, quote, ‘We will not pay,’ and then she walked out,” Tomas Reyes said.",
		[]wantQuote{{"I heard Mayor Pike say, quote, ‘We will not pay,’ and then she walked out,", "Tomas Reyes", ""},
			{"We will not pay,", "Joan Pike", "nested"}}},
	{"apostrophes are not quote marks",
		"“The Smiths’ dog and the kids’ toys were fine, and it's over,” said Joan Pike.",
		[]wantQuote{{"The Smiths’ dog and the kids’ toys were fine, and it's over,", "Joan Pike", ""}}},
	{"quote runs on into the next paragraph",
		"“We will rebuild the school,” said principal Omar Hadi. “It will take two years.\n“Until then, classes will be held in the library.”",
		[]wantQuote{{"We will rebuild the school,", "Omar Hadi", ""}, {"It will take two years.", "Omar Hadi", "continued"},
			{"Until then, classes will be held in the library.", "Omar Hadi", "continued"}}},
	{"collapsed paragraphs on one line",
		"Omar Hadi said: \"The roof is gone. \"The walls are cracked and the windows are broken.\"",
		[]wantQuote{{"The roof is gone.", "Omar Hadi", ""}, {"The walls are cracked and the windows are broken.", "Omar Hadi", "continued"}}},
	{"implicit speaker from the paragraph before",
		"Elena Voss said the council had run out of money.\n“We cannot pay the teachers this month.”",
		[]wantQuote{{"We cannot pay the teachers this month.", "Elena Voss", ""}}},
	{"unattributable quote keeps no speaker",
		"“Change is coming to this valley.”\nThe valley has two roads.",
		[]wantQuote{{"Change is coming to this valley.", "", ""}}},
	{"a spokeswoman with no organisation named speaks for the last one in view",
		"The Harbour Board refused to comment on the dredging.\n“We are reviewing the report,” a spokeswoman said.\nLater, fisherman Tomas Brin said the board had ignored them.",
		[]wantQuote{{"We are reviewing the report,", "Harbour Board", ""}}},
	{"an organisation before spokesman",
		"Pilot Ana Sousa landed safely.\nA Vesta Air spokesman said: “Flights resume at noon.”",
		[]wantQuote{{"Flights resume at noon.", "Vesta Air", ""}}},
	{"an unnamed official is no one named",
		"Navy chief Ida Marr spoke on Monday.\n“The ship is safe,” a U.S. official said.",
		[]wantQuote{{"The ship is safe,", "", ""}}},
	{"an unnamed witness described by a participle",
		"Ida Marr said the fire was under control.\n“Nobody was hurt,” said a firefighter working at the scene.",
		[]wantQuote{{"Nobody was hurt,", "", ""}}},
	{"a statement from a named person",
		"The workers “will remain at home,” according to a statement from Carla Imrie, a spokeswoman for the health board.",
		[]wantQuote{{"will remain at home,", "Carla Imrie", "partial"}}},
	{"a statement from a country's institution",
		"Ida Marr spoke first.\n“The case is closed,” said a statement from Norland's supreme court.",
		[]wantQuote{{"The case is closed,", "Norland's supreme court", ""}}},
	{"a report from a named firm",
		"Ida Marr spoke first.\n“Demand will recover,” said a report from Kestrel Research.",
		[]wantQuote{{"Demand will recover,", "Kestrel Research", ""}}},
	{"the senator is the Sen. of the article",
		"Sen. Ruth Hale met the farmers. Pilot Tom Ekdal flew in.\n“We will help,” the senator said.",
		[]wantQuote{{"We will help,", "Ruth Hale", ""}}},
	{"a relative clause across commas before said",
		"Wim Falk, who coached Ana Ruiz, Lia Conti and Mira Sand when they won titles, said he was “very surprised.”",
		[]wantQuote{{"very surprised.", "Wim Falk", "partial"}}},
	{"descriptor in an inversion",
		"Airport spokesman Carl Berg confirmed the closure.\n“We are closed until further notice,” said the spokesman.",
		[]wantQuote{{"We are closed until further notice,", "Carl Berg", ""}}},
	{"highlight bullet resolved by the repeated quote",
		"- NEW: \"The worst is over,\" says county forecaster\nCounty forecaster Jo Marsh tracked the storm. \"The worst is over,\" she said.",
		[]wantQuote{{"The worst is over,", "Jo Marsh", ""}, {"The worst is over,", "Jo Marsh", ""}}},
	{"scare quotes, titles, signs and terms are not speech",
		"Fans waved signs reading “Go Blue” at the game.\nThe album “Silent Rivers” sold well.\nIt was a “soft” launch, officials conceded later.\nThe band played “Evening Tide” twice.\nShe ordered a 'flat white' and a “cronut” at the cafe.",
		nil},
	{"a title in a relative clause is not what was told",
		"Dara Venn told Radio Nord, which airs “Harbour Nights,” that the show would end.", nil},
	{"a title with a verb of its own",
		"Ida Marr said “Salt Roads” is the band's best album.", nil},
	{"capitalized words far from any speech verb",
		"In the year since “Quiet Water” became a hit, author Nils Berg says he has been busy.", nil},
	{"a name given just before",
		"Called “the long road,” the film opens in May, Ida Marr said.", nil},
	{"titles in brackets",
		"Sources said Nora Quill (festival hit “Pale Fire,” “The Gate”) is in talks.", nil},
	{"a quoted word between a name and a noun",
		"Ida Marr said the army had sent Raptor “tankbuster” jets to the base.", nil},
	{"a title after a possessive",
		"Nils Berg said on Radio Nord's “Morning Desk” that the plan was late.", nil},
	{"a title after on, in or at",
		"Nils Berg said on “Evening Desk” that the plan was late.", nil},
	{"told never inverts",
		"Nils Berg, who wrote “Quiet Water,” told Radio Nord.", nil},
	{"a contraction does not invert",
		"Ida Marr, who published “Salt and Iron,” says it's officials who decide.", nil},
	{"a title alone, with no speech verb",
		"The studio's next film is a remake: “Mulan.”", nil},
	{"capitalized words that are speech stay",
		"A vote for them is a vote for “Chaosland,” Ida Marr said.\nTova Lind paused. Then she said, “Simple.”",
		[]wantQuote{{"Chaosland,", "Ida Marr", "partial"}, {"Simple.", "Tova Lind", ""}}},
	{"single-quoted terms are not speech",
		"Shoppers now use 'tap and go' cards, a bank said.",
		nil},
}

func TestQuoteRules(t *testing.T) {
	for _, c := range slices.Concat(quoteCases, subjectCases) {
		t.Run(c.name, func(t *testing.T) {
			paras := strings.Split(c.text, "\n")
			quoteCheck(t, paras)
			got, _ := quotesAndPeople(newDocument(paras), "")
			var g, w []string
			for _, q := range got {
				g = append(g, fmt.Sprintf("%q by %q", q.Text, q.Speaker))
			}
			for _, q := range c.want {
				w = append(w, fmt.Sprintf("%q by %q", q.text, q.speaker))
			}
			if strings.Join(g, "\n") != strings.Join(w, "\n") {
				t.Fatalf("got\n  %s\nwant\n  %s", strings.Join(g, "\n  "), strings.Join(w, "\n  "))
			}
			for i, q := range c.want {
				for _, f := range strings.Fields(q.flags) {
					ok := map[string]bool{"partial": got[i].Partial, "nested": got[i].Nested, "continued": got[i].Continued}[f]
					if !ok {
						t.Errorf("quote %q: want %s", q.text, f)
					}
				}
			}
		})
	}
}

func TestExplainRules(t *testing.T) {
	a := model.Article{Paragraphs: []string{
		"Mayor Ivo Sand opened the bridge on Monday.",
		"“It took ten years,” he said. “It was worth it.”",
		"One aide said the budget was “a disgrace.”",
	}}
	got := Explain(a)
	want := []struct{ text, speaker, rule, verb, subject, ref string }{
		{"It took ten years,", "Ivo Sand", "attribution", "said", "he", "pronoun"},
		{"It was worth it.", "Ivo Sand", "continued", "", "", ""},
		{"a disgrace.", "", "unresolved", "said", "One aide", "description"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d explanations, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Quote.Text != w.text || g.Quote.Speaker != w.speaker || g.Rule != w.rule || g.Verb != w.verb || g.Subject != w.subject || g.Ref != w.ref {
			t.Errorf("quote %d: got %q by %q [%s %q %q %s], want %+v", i, g.Quote.Text, g.Quote.Speaker, g.Rule, g.Verb, g.Subject, g.Ref, w)
		}
	}
	b := Analyze(a)
	if len(b.Quotes) != len(got) {
		t.Fatalf("Explain found %d quotes, Analyze %d", len(got), len(b.Quotes))
	}
	for i := range got {
		if got[i].Quote != b.Quotes[i] {
			t.Errorf("quote %d: Explain %+v, Analyze %+v", i, got[i].Quote, b.Quotes[i])
		}
	}
}

func TestHeadlineNames(t *testing.T) {
	a := model.Article{Title: "A shaky balancing act for Kelly Ayrton", Paragraphs: []string{
		"In an interview last week, Ayrton would not rule out a change.",
		"“I reserve the right to reconsider,” Ayrton said.",
	}}
	b := Analyze(a)
	if len(b.Quotes) != 1 || b.Quotes[0].Speaker != "Kelly Ayrton" {
		t.Fatalf("got %+v, want the headline's full name", b.Quotes)
	}
	// The headline alone does not put anyone in the people list.
	a.Paragraphs = []string{"The vote is on Tuesday."}
	if p := Analyze(a).People; len(p) != 0 {
		t.Errorf("people %+v from the headline only", p)
	}
}

// TestReferAs: "refer to ... as" names what follows; "refer the matter
// to" and "refer to the report" do not.
func TestReferAs(t *testing.T) {
	for s, want := range map[string]bool{
		"Marr referred to the plan as a fraud":       true,
		"Vale refers to his rivals as the old guard": true,
		"The board referred the matter to the court": false,
		"Marr referred to the report, and as usual":  false,
		"Marr referred to the report":                false,
	} {
		ts := tokenize(s, 0, len(s), nil, nil)
		v := slices.IndexFunc(ts, func(t tok) bool { return strings.HasPrefix(t.s, "refer") })
		if got := referAs(ts, v); got != want {
			t.Errorf("referAs(%q) = %v, want %v", s, got, want)
		}
	}
}
