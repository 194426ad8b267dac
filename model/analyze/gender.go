package analyze

import "strings"

// Given names that tell a person's gender, for pronoun resolution: "he
// said" after "Peter Gray arrived" can only be Peter Gray. Common given
// names of English-language news, in lower case; names given to both men
// and women (Alex, Chris, Jordan, Kim, Lee, Robin, Sam ...) are in
// neither list. A wrong guess costs little: gender only breaks ties
// between earlier subjects.
const (
	maleNames = `aaron abdul abdullah adam adrian ahmad ahmed alan albert alberto
alejandro alexander alexei alexey alfred ali allen alvin amir andre andreas andrei
andrew andy angelo anthony antonio arnold arthur ben benjamin bernard bill billy bob bobby
boris brad bradley brendan brent brett brian bruce bryan carl carlo carlos charles charlie
christian christopher clarence claude clifford colin craig curtis dale dan daniel danny
darren dave david dean dennis derek diego dmitry dominic don donald doug douglas duncan
dwayne dylan earl ed eddie edgar eduardo edward edwin emmanuel enrique eric erik ernest
eugene evan felix fernando francesco francis francisco frank fred frederick
gabriel gareth gary gavin geoffrey george gerald gerard giovanni glen glenn gordon graham
grant greg gregory guillermo gustavo hamid hans harold harry harvey hassan hector henry
herbert howard hugh hugo hussein ian ibrahim igor isaac ivan jack jacob jacques jake james
jamal jason javier jean-claude jean-pierre jeff jeffrey jeremy jerome jerry jesse jim
jimmy joe joel johan john johnny jon jonathan jorge jose joseph joshua juan julian julio
justin karl keith ken kenneth kevin khalid kofi kurt kyle larry lawrence leon
leonard liam lloyd louis luca lucas luis luke malcolm manuel marc marco marcus mario mark
martin marvin matt matthew maurice max michael miguel mike mikhail mitch mitchell
mohamed mohammad mohammed muhammad nathan neil nelson nicholas nick nicolas nigel noah
norman oliver omar oscar owen pablo patrick paul pedro peter philip phillip pierre rafael
ralph ramon randy raul ray raymond reginald ricardo richard rick ricky rob robert roberto
rod rodney roger roland ron ronald ross roy russell ryan salman samuel scott sean sebastian
sergei sergey seth shane shaun simon stanley stefan stephen steve steven stuart ted terry
theodore thomas tim timothy toby todd tom tommy tony travis trevor troy tyler victor
vincent vladimir walter warren wayne wesley will william willie yusuf zach zachary
abraham ahmad aleksandar alexei andrzej anthony ashraf ashton avigdor
barack bashar beau benjamin benny bernie bert bibi boris bret calvin chester chuck denis
devin dmitri dwight ehud elbert emmanuel enrique eric fidel francois gerhard
grover hamid hassan helmut herbert hosni hugh jacques jair jake jared jeb jeff jeh
jens joachim juan kellen kevin lech leonid levi logan
luiz lyndon mahmoud manuel marco matteo mauricio menachem mike mikheil
millard mitch mitt moshe naftali narendra nawaz newt nicolas nolan olaf orrin otis paul
percy petro quentin rahm recep reince reuven rhett rick rob roy rudolph
rudy rutherford sal saul scot sergio sheldon shimon shinzo sid silvio stu sven tad tayyip
ted thad tobias tod trey ulysses vern vic viktor vladimir volodymyr wally warren wes
wilbur woodrow xavier yair yitzhak yoshihide zachary zeke
alfonso buddy chad clay cody cole corey darrell darryl dewey dirk doyle elliot elliott
emmett ernie everett floyd forrest garrett gene gil hal hank harlan heath herman homer irving
jerald kirk lamar lance leroy les lester lonnie lowell luther mack mel merle milton monte
morris murray ned neal norris orville pete randall rex rocky rolf roscoe rufus russ sammy
sherman sonny spencer sterling stewart terrence tyrone vince virgil wade wendell willard wyatt
josh nate kenny`
	femaleNames = `abigail ada adriana agnes aisha alexandra alice alicia alison
amanda amber amelia amy ana anastasia andrea angela angelina anita ann anna anne annie
antonia april audrey barbara beatrice becky belinda beth betty beverly bonnie brenda
bridget brittany caroline carmen carol carolyn catherine cathy charlotte cheryl christina
christine cindy claire clara claudia colleen connie cynthia daisy danielle daphne deborah
debra denise diana diane donna doris dorothy edith eileen elaine eleanor elena elisabeth
elizabeth ella ellen emily emma erica erin esther eva eve evelyn fatima fiona florence
frances gabriela gail gemma georgia gillian gina gloria grace hannah harriet hazel heather
helen helena hilary holly ingrid irene iris isabel isabella jackie jacqueline jane janet
janice jasmine jennifer jenny jessica jill joan joanna jodie josephine joyce judith
judy julia julie june karen kate katherine kathleen kathryn kathy katie katrina kay kelly_f
kimberly kristen laura lauren leah linda lisa liz louise lucia lucy lydia lynn madeleine
maggie margaret maria marie marilyn marina marion martha mary maureen megan melanie
melissa mia michelle mildred miranda molly monica nadia nancy naomi natalia natalie
natasha nicola nicole nina nora olga olivia pamela patricia paula pauline penny
priscilla rachel rebecca rita roberta rosa rose rosemary ruth sabrina sally
samantha sandra sara sarah sharon sheila shirley sofia sonia sophia sophie stephanie
susan suzanne sylvia tamara tanya teresa theresa tiffany tina tracy ursula valerie
vanessa vera veronica victoria virginia wanda wendy yolanda yvonne zoe
abby adele amy angela anne aung ava ayanna barbara barbra benazir bernadette
bette beyonce carly celine charlize cher christine claire condi condoleezza
cristina deb debbie dede demi diane dianne dilma dolly elena elisabeth elise
ellen emma federica golda greta gretchen gwen gwyneth halle heidi hilary hillary huma
ilhan indira issa ivanka jacinda jane janet jeanine jeanne jen jennifer joni
julia kamala karine kate katie katy kayleigh keira kellyanne kirsten kirstjen
kristen laura lisa liza loretta lupita madeleine madonna margaret mariah marsha
maxine maya mazie meg megan megyn melania meryl michelle mika mindy nancy natalie nicola
nicole nikki octavia oprah patty pramila rashida reba rihanna roseanne rosie
ruth sally sandra sarah scarlett segolene shailene shania shelley sherri sonia stacey
susan susana tammy taraji theresa tina tracee tulsi ursula whoopi
zendaya
betsy peggy dottie sue susie lynne carla marcia darlene arlene gayle kristin kristina kristi
krista lori lorraine marjorie norma phyllis rhonda roxanne sherry terri vicki
vivian wilma bethany brooke chelsea mallory meghan paige
rebekah whitney allison alyssa brianna caitlin cassandra haley hailey jenna kayla kaitlyn
marissa tara trisha jeanette joanne lynda margo marla mona myra nadine nellie polly rosalind
sadie sonya stella tess tessa trudy imelda inez irma isabelle janelle janine jeannie jolene
josie juanita lorena marcy maribel millie muriel noreen patsy penelope regina renee rhoda
selena tabitha thelma tonya velma verna vicky viola
hope faith joy dahlia`
)

// genderTable holds both lists for lookups that fold ASCII case without
// a copy: class 1 for men's names, 2 for women's.
var genderTable = lazyTable{build: func() map[string]wclass {
	m := make(map[string]wclass, 1024)
	for _, w := range strings.Fields(maleNames) {
		m[w] = 1
	}
	for _, w := range strings.Fields(femaleNames) {
		m[w] = 2
	}
	return m
}}

// givenGender returns the gender a person's first name shows ('m' or
// 'f'), or 0 when it shows none.
func givenGender(first string) byte {
	switch genderTable.get().lookup(strings.TrimSuffix(first, ".")) {
	case 1:
		return 'm'
	case 2:
		return 'f'
	}
	return 0
}
