"""Word lists of the drafter.

Written for this project by its authors (no outside source; same licence as
scene-timeline itself). They are small and general on purpose: common English
words of plot summaries, not the names of any film.
"""

from __future__ import annotations


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Capitalised words that start sentences or clauses but are never names.
COMMON_CAPS = _set("""
a an the this that these those there then when while where whereupon after before as at in on of
into onto upon once since until unless though although however meanwhile later soon eventually
finally afterwards afterward elsewhere back now next still yet also even instead inside outside
meanwhile suddenly later later, he she it they we you i his her its their our my your him them us
me who whom whose what which why how if so but and or nor for with without by from to up down
out off over under again all both each every some any no not one two three four five six seven
eight nine ten first second third last another other such many much more most few several
upon having being despite during following throughout shortly immediately ultimately together
here hence thus therefore perhaps maybe only just even unable unaware angry furious desperate
realizing knowing seeing hearing believing fearing hoping wanting thinking feeling sensing
determined convinced fearful worried meanwhile afterward along among around across against
between beyond near toward towards within yes oh unbeknownst unknown unnamed meanwhile having
today tonight tomorrow yesterday morning evening night day days week weeks month months year
years chapter part act scene epilogue prologue plot synopsis summary story ending
god mr mrs ms miss dr st jr sr sir lady lord
because unless whereas whenever wherever till like unlike except besides amid via
eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty
fifty sixty seventy eighty ninety hundred thousand million half
ad bc ce fourth fifth sixth seventh eighth ninth tenth
neither either none nobody everyone everybody someone somebody nothing everything
rain snow fog smoke fire storm darkness silence dawn dusk sunrise sunset production notes
""")

MONTHS_DAYS = _set("""
january february march april may june july august september october november december monday
tuesday wednesday thursday friday saturday sunday christmas easter halloween thanksgiving
""")

#: Nationalities and peoples used as adjectives ("an American man"); as a noun after
#: "the" they name an unnamed character ("the American").
NATIONALITIES = _set("""
american mexican british english french german italian spanish russian chinese japanese korean
irish scottish welsh canadian australian indian egyptian greek roman dutch swedish norwegian
danish polish cuban colombian brazilian argentine argentinian african arab arabian persian
iranian iraqi israeli turkish vietnamese thai filipino swiss austrian hungarian czech
ukrainian portuguese jamaican haitian puerto nigerian kenyan texan californian southern northern
native apache navajo cherokee sioux comanche nazi soviet libyan czech slovak serbian croatian
bosnian romanian bulgarian albanian belgian finnish icelandic lebanese saudi afghan pakistani
bangladeshi indonesian malaysian mongolian tibetan nepalese peruvian chilean venezuelan
bolivian ecuadorian panamanian guatemalan honduran salvadoran nicaraguan dominican
ethiopian somali sudanese ghanaian congolese moroccan algerian tunisian syrian jordanian
palestinian yemeni quebecois québécois parisian roman germanic gallic numidian carthaginian
spartan athenian trojan viking saxon celtic sicilian neapolitan venetian tuscan
bavarian prussian confederate yankee
""")

#: Words that are never people when capitalised: species, languages, religions, titles of address alone.
NOT_PEOPLE = _set("""
english french german spanish italian latin christian christians catholic catholics jewish muslim
god jesus christ heaven hell bible earth moon sun internet tv radio
""")

#: Organisations and peoples that act as one (group characters when capitalised).
ORGANISATIONS = _set("""
empire army navy police fbi cia kgb mafia mob cartel federation alliance republic rebels
resistance order council senate congress government nazis soviets military marines guard
gestapo ss court church administration department agency bureau company corporation committee
service institute foundation party union league unit division squad bureau ministry
""")

#: Titles before a name ("Dr. Alan Grant"); alone they are not characters.
TITLES = _set("""
mr mrs ms miss dr doctor prof professor sir lady lord captain capt detective det lieutenant lt
sergeant sgt officer agent sheriff deputy colonel col major general gen admiral commander
father brother sister mother uncle aunt king queen prince princess duke duchess count countess
baron baroness emperor empress judge senator governor president mayor reverend rev pastor
saint st chief inspector constable private corporal señor senor señora senora madame monsieur
don doña herr frau
""")

#: Articles that belong to a name ("El Mariachi", "La Llorona").
NAME_ARTICLES = _set("el la le los las les der die das il lo")

#: Lower-case name particles inside a name ("Vincent van Gogh").
PARTICLES = _set("de del della di da van von der den bin ibn al le la du des")

#: Abbreviations that end with a full stop without ending the sentence.
ABBREVIATIONS = _set("""
mr mrs ms dr st jr sr prof capt col gen lt sgt det rev hon gov pres sen rep mt ft no nos vs etc
inc ltd co corp dept univ approx esp fig cf al op vol pp ch jan feb mar apr jun jul aug sep sept
oct nov dec e.g i.e a.m p.m u.s u.k d.c
""")

#: Place names common in plot summaries (countries, big cities, US states, regions).
PLACE_NAMES = _set("""
mexico america usa canada england britain scotland ireland wales france germany italy spain
portugal russia china japan korea india egypt israel palestine iran iraq syria turkey greece
brazil argentina chile peru colombia cuba vietnam cambodia thailand africa europe asia
australia nepal tibet morocco algeria libya sudan kenya nigeria austria switzerland poland
hungary sweden norway denmark finland netherlands holland belgium vietnam afghanistan pakistan
london paris rome berlin moscow tokyo beijing shanghai hong kong new york los angeles chicago
boston miami vegas las detroit philadelphia washington seattle houston dallas atlanta
orleans francisco san diego baltimore phoenix denver cairo venice vienna madrid dublin
manhattan brooklyn bronx queens harlem hollywood chinatown texas california arizona nevada
florida ohio georgia virginia alabama oklahoma kansas montana alaska hawaii oregon
jersey jerseys utah colorado illinois michigan louisiana tennessee kentucky missouri iowa
vermont maine massachusetts pennsylvania minnesota wisconsin indiana arkansas mississippi
idaho wyoming dakota nebraska connecticut delaware maryland atlantic pacific mediterranean
zealand greenland iceland united states kingdom caribbean antarctica arctic siberia sahara alps himalayas amazon nile thames hudson
""")

#: Last words of multi-word place names ("Bates Motel", "Elm Street").
PLACE_SUFFIXES = _set("""
staircase deck alley swamp marsh pass cliffs cliff woods gorge glacier plains
street st avenue ave road rd boulevard blvd lane drive square park city town village county
state province island islands river lake mountain mountains mount valley canyon desert forest
bay beach harbor harbour hotel motel inn bar club restaurant cafe diner hospital church cathedral
temple school college university academy station airport prison penitentiary jail ranch farm
castle palace tower bridge building house manor hall estate mansion center centre mall
market base camp fort port heights hills springs falls creek sea ocean gulf coast
cemetery stadium arena theater theatre museum library office headquarters precinct
steps fountain gardens embassy
""")

#: Common nouns of places (heads of "at / in / into the …" phrases).
PLACE_NOUNS = _set("""
bar pub tavern saloon club nightclub casino restaurant cafe diner bistro kitchen parlor parlour
lounge lobby hallway corridor room bedroom bathroom basement cellar attic garage garden yard
porch balcony roof rooftop rooftops house home apartment flat mansion villa cabin cottage hut
shack tent farm farmhouse ranch barn estate manor castle palace fortress fort tower temple
church chapel cathedral monastery convent mosque synagogue cemetery graveyard tomb crypt
hospital clinic asylum morgue office headquarters station precinct prison jail cell
courthouse courtroom court bank store shop bookstore bookshop supermarket market mall pharmacy
hotel motel inn hostel school classroom college university campus library museum gallery
theater theatre cinema studio stadium arena gym ring warehouse factory plant mill mine lab
laboratory base camp compound bunker hideout lair den airport runway plane airplane aircraft
train ship boat yacht submarine truck car limousine limo van bus taxi cab helicopter
street alley alleyway road highway freeway bridge tunnel square plaza park parking lot
harbor harbour port dock docks pier beach shore coast island sea ocean lake river stream
canyon valley desert jungle forest woods swamp cave mountain mountains hill hills field
fields meadow border frontier city town village neighborhood neighbourhood suburb outskirts
countryside wilderness quarter district ghetto slum apartment penthouse estate resort
party wedding funeral ceremony
booth stall bathhouse pawnshop junkyard scrapyard pond pool shower toilet stage backstage pit
quarry ambulance hangar observatory embassy consulate barracks trench battlefield shelter
orphanage brothel boathouse lighthouse greenhouse workshop garret loft dormitory ward
mineshaft chamber throne vault sewer subway platform terminal highway motorway
post terrace storeroom summit gorge cliff cliffs savanna riverbank barge quay reef lifeboat trench
thicket gate floor shed shaft stop front grave crossroads orchard vineyard clearing bunkhouse outpost checkpoint
""")

#: Place nouns that take "of <place>" to name a part ("a deserted part of town").
PART_NOUNS = _set("part side edge outskirts centre center corner end heart")

#: Words after which a phrase names a place.
LOCATIVE = _set("""
at in into inside outside to toward towards from near through across onto aboard within
behind beneath under around
""")

#: Unnamed people (heads of "the bartender", "a young boy", "Bucho's men").
#: value: (gender m/f/None, plural)
def _roles() -> dict[str, tuple[str | None, bool]]:
    out: dict[str, tuple[str | None, bool]] = {}
    male = """man boy gentleman husband father son brother uncle nephew grandfather king prince
    priest monk waiter barman boyfriend fiance groom landlord policeman businessman fisherman
    cowboy lord duke sheriff"""
    female = """woman girl lady wife mother daughter sister aunt niece grandmother queen princess
    nun waitress barmaid girlfriend fiancee bride landlady policewoman maid actress widow mistress
    housekeeper"""
    neutral = """bartender assassin survivor owner stranger friend lover partner child baby kid
    teenager doctor nurse officer cop detective agent soldier guard bodyguard driver pilot
    captain sergeant lieutenant thug gunman hitman killer murderer thief robber burglar
    kidnapper hostage prisoner inmate lawyer attorney judge reporter journalist photographer
    clerk secretary boss employer employee servant butler chauffeur doorman janitor
    opponent challenger neighbour neighbor tenant client customer patron patient passenger stranger informant
    dealer smuggler gangster mobster henchman associate accomplice rival enemy ally
    colleague mentor student teacher professor scientist mechanic farmer hunter sailor
    bandit outlaw mercenary spy traveler traveller hitchhiker drifter vagrant beggar
    pimp prostitute psychiatrist therapist deputy marshal ranger warden coroner
    bishop pastor preacher shopkeeper proprietor manager witness victim intruder attacker
    assailant sniper shooter boxer fighter trainer promoter champion manager villager
    native guide servant slave mayor governor senator candidate campaigner volunteer
    superior supervisor figure accountant miller messenger knight wizard witch giant dwarf
    fairy peasant merchant hero heroine narrator protagonist villain creature stepmother
    stepfather stepsister stepbrother grandson granddaughter cousin orphan nanny governess
    woodcutter shepherd baker butcher tailor blacksmith innkeeper bandleader conductor
    heir sorcerer magician ghost vampire robot android alien scientist inventor investigator
    detective astronaut commander chef cook gardener housekeeper caretaker banker businessman musician singer dancer
    master courier executioner trader tourist examiner paramedic terrorist spy assistant apprentice
    tutor therapist pianist artist painter writer poet editor publisher producer director
    consigliere capo enforcer hostess steward stewardess concierge grocer landowner tenant
    gambler bookie hustler junkie addict dealer drunk lodger boarder housemate roommate
    schoolteacher headmaster classmate schoolmate teammate coach referee
    biologist chemist physicist oceanographer archaeologist anthropologist historian
    engineer technician programmer hacker surgeon dentist vet veterinarian medic
    paramedic firefighter fireman ranger trooper marine sailor captain admiral
    colonel corporal commander emperor empress senator magnate tycoon
    heiress socialite debutante tycoon executive chairman president chancellor minister
    ambassador diplomat consul prefect commissioner inspector constable bailiff jailer
    gaoler warder guardian custodian trustee adoptee fugitive convict escapee
    rebel traitor deserter refugee immigrant emigrant exile pilgrim monster beast dragon
    elf dwarf hobbit wizard sorceress pickpocket acrobat financier auditor typist"""
    creatures = """monster beast dragon demon troll orc spirit shark wolf creature alien robot android
    faun fairy goblin ogre unicorn centaur gnome imp nymph genie werewolf mermaid
    eel bear lion tiger leopard panther jaguar crocodile alligator serpent python octopus squid whale
    gorilla dinosaur raptor boar
"""
    group = """men women boys girls children kids people patrons employees guards bodyguards
    thugs goons henchmen gunmen soldiers troops police officers cops agents villagers
    passengers crew sailors pirates bandits outlaws mercenaries kidnappers robbers thieves
    killers assassins survivors gang mob militia rebels locals natives guests customers
    superiors associates accomplices followers friends parents relatives family cousins
    servants workers miners hunters priests monks nuns students students prisoners inmates
    hostages journalists reporters doctors nurses attackers assailants investigators detectives
    policemen musicians fighters dancers couriers executioners traders tourists paramedics
    terrorists spies refugees capos dons enforcers gladiators legions legionaries tribes
    tribesmen warriors knights senators councillors council crowd crowds audience band
    fishermen farmhands workmen villagers townspeople townsfolk citizens peasants slaves
    spirits sprites ghosts monsters beasts creatures dragons demons zombies vampires aliens
    orcs elves dwarves trolls hobbits wolves sharks rangers troopers marines riders
    bandmates teammates classmates neighbors neighbours bullies gangsters mobsters hitmen
    smugglers dealers executives officials authorities team committee jury
    colleagues siblings brothers sisters sons daughters twins spectators onlookers bystanders fans
    animals hyenas lions lionesses tigers apes monkeys baboons dogs hounds foxes rats crows"""
    for w in male.split():
        out[w] = ("m", False)
    for w in female.split():
        out[w] = ("f", False)
    for w in neutral.split():
        out[w] = (None, False)
    for w in group.split():
        out[w] = (None, True)
    for w in creatures.split():
        out[w] = ("n", False)  # "it": never "he" or "she" unless the text says so
    return out


ROLES = _roles()

#: Peoples and parties named in the plural ("the Nazis", "the Bolsheviks"), besides nationalities.
PEOPLES = _set("""
nazi communist bolshevik fascist republican democrat confederate yankee loyalist royalist rebel
jedi sith klingon vulcan martian elf dwarf orc hobbit goblin ent
""")

#: Nouns ending like people ("-er", "-or", "-ist") that are not people.
NOT_AGENTS = _set("""
letter water paper number matter order power river weather tower border dinner corner answer
computer center centre chapter murder poster silver finger shoulder danger banner container
trailer helicopter remainder thunder laser summer winter ladder manner monster mirror door floor
error horror terror color colour favor favour honor honour labor labour rumor rumour tumor
motor elevator radiator generator calculator sector factor doctor major minor mayor interior
exterior list mist twist wrist fist
never ever however whatever whenever wherever rather together whether either neither further
other another over under sooner longer ago
""")

#: Role heads too generic to name a character alone ("a man"): they need a modifier.
GENERIC_ROLES = _set("man woman person people men women someone guy child kid friend friends family")

#: Ownerless hostile groups that refer back to the last group mentioned ("the thugs").
ANAPHORIC_GROUPS = _set("thugs goons henchmen gunmen attackers assailants killers men")

#: Common first names, to guess a pronoun's gender (she / he) before the text says it.
FEMALE_NAMES = _set("""
mary anna anne ann marion maria marie karen helen evelyn betsy iris maude justine charlene lila
rose ruth sarah sara susan elizabeth emma emily jane janet jennifer jessica julia julie kate
katherine catherine laura linda lisa lucy margaret martha nancy patricia rachel rebecca sally
sandra sophie stephanie victoria wendy adrian adrianne alice amy angela barbara beth carol
caroline claire clara diana dorothy eleanor ellen ellie eva grace hannah holly irene jill
joan judy kelly kim leah lily louise lucille maggie marge marilyn megan melissa michelle
monica natalie nicole nora olivia pam pamela paula penny peggy rita samantha sharon shirley
stella tina vera carolina isabel isabella sofia sophia lucia elena ana mia ella chloe amelia veronica virginia vivian wanda zoe buttercup bunny cora daisy ilsa lois
""")
MALE_NAMES = _set("""
john james robert michael william david richard charles joseph thomas christopher daniel paul
mark donald george kenneth steven edward brian ronald anthony kevin jason matthew gary timothy
jose larry jeffrey frank scott eric stephen andrew raymond gregory joshua jerry dennis walter
patrick peter harold douglas henry carl arthur ryan roger joe juan jack albert jonathan justin
terry gerald keith samuel willie ralph lawrence nicholas roy benjamin bruce brandon adam harry
fred wayne billy steve louis jeremy aaron randy howard eugene carlos russell bobby victor
martin ernest phillip todd jesse craig alan shawn clarence sean philip chris johnny earl jimmy
antonio danny bryan tony luis mike stanley leonard nathan dale manuel rodney curtis norman
allen marvin vincent glenn jeffery travis jeff chad jacob lee melvin alfred kyle francis
bradley jesus herbert frederick ray joel edwin don eddie ricky troy randall barry alexander
bernard mario leroy francisco marcus micheal theodore clifford miguel oscar jay jim tom calvin
alex jon ronnie bill lloyd tommy leon derek warren darrell jerome floyd leo tim wesley gordon
dean greg jorge dustin pedro derrick dan lewis zachary corey herman maurice vernon roberto
clyde glen hector shane ricardo sam rick lester brent ramon charlie tyler gilbert gene marc
reginald ruben brett angel nathaniel rafael leslie edgar milton raul ben chester cecil duane
franklin andre elmer brad gabriel ron mitchell roland arnold harvey jared adrian karl cory
claude erik darryl jamie neil jessie christian javier fernando clinton ted mathew tyrone
darren lonnie lance cody julio kelly kurt allan nelson guy clayton hugh max dwayne dwight
armando felix jimmie everett jordan ian wallace ken bob jaime casey alfredo alberto dave ivan
johnnie sidney byron julian isaac morris clifton willard daryl ross virgil andy marshall
salvador perry kirk sergio marion tracy seth kent terrance rene eduardo terrence enrique
freddie wade indiana rocky travis henry tommy nate carson luke
""")

#: Words that may follow a name and are not verbs (so they give no evidence of a person).
NOT_VERBS = _set("""
is was has as his this its us thus plus less unless bus gas yes this those these always
perhaps towards afterwards downstairs upstairs indoors outdoors sometimes series species news
""")

#: Verbs whose subject is a person (a capitalised subject of one is a character, not a place or thing).
PERSON_VERBS = _set("""
says said tells told asks asked kills killed shoots shot meets met finds found decides decided
realizes realises realized learns learned discovers discovered confronts confronted attacks
attacked escapes escaped reveals revealed explains explained visits visited calls called informs
informed warns warned wants wanted takes took gives gave knows knew believes believed sees saw
follows followed helps helped saves saved rescues rescued begs begged offers offered accepts
accepted refuses refused agrees agreed tries tried returns returned arrives arrived leaves left
goes went runs ran drives drove walks walked wakes woke dies died marries married loves loved
hires hired pays paid steals stole kisses kissed admits admitted convinces convinced persuades
manages managed plans planned threatens threatened betrays betrayed flees fled hides hid
confesses confessed tracks tracked sends sent orders ordered enters entered joins joined
wins won loses lost fights fought beats beat punches punched stabs stabbed grabs grabbed
captures captured arrests arrested kidnaps kidnapped falls fell becomes became remains
remained begins began starts started continues continued sets set hears heard notices
noticed recognizes recognized recognises recognised tends tended wounds wounded phones
phoned meets befriends befriended shows showed suggests suggested insists insisted
demands demanded answers answered replies replied responds responded speaks spoke talks
talked sleeps slept spends spent lives lived works worked watches watched waits waited
""")

#: Verbs of movement: a clause that starts with one opens a new scene.
MOTION_VERBS = _set("""
go goes went going head heads headed heading drive drives drove driving run runs ran running
return returns returned returning travel travels traveled travelled traveling travelling flee
flees fled fleeing escape escapes escaped escaping arrive arrives arrived arriving leave leaves
left leaving exit exits exited exiting enter enters entered entering walk walks walked walking
rush rushes rushed rushing move moves moved moving sail sails sailed fly flies flew flying ride
rides rode riding stumble stumbles stumbled stumbling reach reaches reached reaching come comes
came coming
""")

#: Phrases that open a new scene where a sentence (or clause) starts with them.
SCENE_CUES = (
    "later", "meanwhile", "the next day", "the following day", "the next morning",
    "the following morning", "the next night", "that night", "that evening", "that morning",
    "the next morning", "next day", "next morning", "back at", "back in", "back home", "upon arriving",
    "upon their arrival", "upon his arrival", "upon her arrival", "upon arrival", "on arriving",
    "after arriving", "elsewhere", "soon after", "soon afterwards", "shortly after", "shortly afterwards",
    "afterwards", "afterward", "eventually", "some time later", "days later", "weeks later",
    "months later", "years later", "hours later", "the next", "the following", "then", "in the morning",
    "in the evening", "at night", "at dawn", "at the", "at a", "at an", "at his", "at her", "at their",
    "after", "on the way", "en route", "finally", "in the end",
    "the day", "one day", "one night", "while", "at the end",
    "in the present", "back in the present", "in the present day", "present day", "years later", "decades later",
    "the next week", "the following week", "that afternoon", "the next evening",
)

#: Phrases after which the telling goes back in time (story order before telling order).
FLASHBACK_CUES = (
    "tells the story of how", "told the story of how", "recounts how", "recalls how",
    "remembers how", "describes how", "explains how", "tells of how", "in a flashback",
    "years earlier", "years before", "years ago", "earlier that", "a flashback", "flashback",
    "had been", "once had",
)

#: Words that make a phrase talk about a person rather than show them present.
MENTION_CUES = _set("""
for about named called of concerning regarding mentions mentioned looking searching search
""")

#: Verbs of interactions: lemma forms -> interaction type. Inflections are made by _forms.
INTERACTION_VERBS = {
    "kill": "kills", "murder": "kills", "slay": "kills", "execute": "kills", "assassinate": "kills",
    "strangle": "kills", "behead": "kills", "massacre": "kills", "wipe out": "kills",
    "shoot": "shoots", "stab": "wounds", "wound": "wounds", "injure": "wounds", "beat": "attacks",
    "attack": "attacks", "ambush": "attacks", "assault": "attacks", "punch": "attacks",
    "hit": "attacks", "fight": "fights", "rescue": "rescues", "save": "rescues", "free": "rescues",
    "help": "helps", "tend": "tends", "heal": "tends", "tell": "tells", "inform": "tells",
    "alert": "warns", "warn": "warns", "ask": "asks", "question": "questions", "love": "loves",
    "kiss": "kisses", "marry": "marries", "betray": "betrays", "threaten": "threatens",
    "befriend": "befriends", "meet": "meets", "visit": "visits", "call": "calls", "phone": "calls",
    "hire": "hires", "pay": "pays", "follow": "follows", "tail": "tails", "chase": "chases",
    "pursue": "chases", "capture": "captures", "kidnap": "kidnaps", "abduct": "kidnaps",
    "arrest": "arrests", "seduce": "seduces", "rob": "robs", "send": "sends", "recognize": "recognizes",
    "recognise": "recognizes", "confront": "confronts", "trick": "tricks", "blackmail": "blackmails",
    "fire": "fires", "invite": "invites", "join": "joins", "defeat": "defeats", "poison": "poisons",
    "drown": "kills", "garrote": "kills", "garotte": "kills", "smother": "kills", "suffocate": "kills",
    "crucify": "kills", "decapitate": "kills", "devour": "kills", "torture": "attacks", "kick": "attacks",
    "strike": "attacks", "slap": "attacks", "stalk": "follows",
    "spare": "spares", "witness": "witnesses", "advise": "advises", "aim at": "aims_at", "talk to": "talks_to",
    "speak to": "talks_to", "speak with": "talks_to", "talk with": "talks_to", "console": "talks_to",
    "comfort": "helps", "protect": "protects", "defend": "protects", "guard": "protects", "spy on": "spies_on",
    "interrogate": "questions", "accuse": "accuses", "trust": "trusts", "hug": "embraces", "embrace": "embraces",
    "sleep with": "sleeps_with", "fire at": "shoots", "shoot at": "shoots",
    "persuade": "persuades", "convince": "persuades", "frame": "frames", "bribe": "bribes", "deceive": "deceives",
    "manipulate": "manipulates", "abandon": "abandons", "divorce": "divorces", "adopt": "adopts", "forgive": "forgives",
    "avenge": "avenges", "release": "releases", "imprison": "imprisons", "hunt": "hunts", "escort": "escorts",
    "accompany": "accompanies", "overpower": "attacks", "disarm": "disarms", "coach": "coaches", "teach": "teaches",
    "propose to": "proposes_to", "confess to": "confesses_to", "lie to": "lies_to", "humiliate": "humiliates",
    "insult": "insults", "mock": "mocks", "rape": "attacks", "hypnotize": "hypnotizes", "recruit": "recruits",
}

#: Irregular verb forms: lemma -> (third person, past, past participle, -ing).
IRREGULAR = {
    "slay": ("slays", "slew", "slain", "slaying"),
    "shoot": ("shoots", "shot", "shot", "shooting"),
    "beat": ("beats", "beat", "beaten", "beating"),
    "hit": ("hits", "hit", "hit", "hitting"),
    "fight": ("fights", "fought", "fought", "fighting"),
    "tell": ("tells", "told", "told", "telling"),
    "meet": ("meets", "met", "met", "meeting"),
    "pay": ("pays", "paid", "paid", "paying"),
    "send": ("sends", "sent", "sent", "sending"),
    "stab": ("stabs", "stabbed", "stabbed", "stabbing"),
    "kidnap": ("kidnaps", "kidnapped", "kidnapped", "kidnapping"),
    "rob": ("robs", "robbed", "robbed", "robbing"),
    "wipe out": ("wipes out", "wiped out", "wiped out", "wiping out"),
    "strike": ("strikes", "struck", "struck", "striking"),
    "crucify": ("crucifies", "crucified", "crucified", "crucifying"),
    "speak to": ("speaks to", "spoke to", "spoken to", "speaking to"),
    "speak with": ("speaks with", "spoke with", "spoken with", "speaking with"),
    "sleep with": ("sleeps with", "slept with", "slept with", "sleeping with"),
    "spy on": ("spies on", "spied on", "spied on", "spying on"),
    "aim at": ("aims at", "aimed at", "aimed at", "aiming at"),
    "talk to": ("talks to", "talked to", "talked to", "talking to"),
    "talk with": ("talks with", "talked with", "talked with", "talking with"),
    "fire at": ("fires at", "fired at", "fired at", "firing at"),
    "teach": ("teaches", "taught", "taught", "teaching"),
    "lie to": ("lies to", "lied to", "lied to", "lying to"),
    "propose to": ("proposes to", "proposed to", "proposed to", "proposing to"),
    "confess to": ("confesses to", "confessed to", "confessed to", "confessing to"),
    "shoot at": ("shoots at", "shot at", "shot at", "shooting at"),
}
