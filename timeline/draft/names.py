"""Named characters: proper names in the plot, grouped with their other names.

"Dr. Alan Grant", "Grant" and "Alan" are one character; a surname shared by two
people ("Marion Crane", "Lila Crane") never merges them (a lone "Crane" goes to the
one last mentioned, with an ``uncertain`` note). An actor in parentheses
("Carolina (Salma Hayek)") is the character's ``actor``. Capitalised words that
name places, ships, titles, months or peoples are not characters: places go to
:mod:`.places`, the rest are dropped with a note."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .cast import Draft, Mention, Person, slug
from .doc import Doc
from .words import (INTERACTION_VERBS, IRREGULAR, MOTION_VERBS, COMMON_CAPS, FEMALE_NAMES, LOCATIVE, MALE_NAMES, MONTHS_DAYS, NAME_ARTICLES, NATIONALITIES,
                    NOT_PEOPLE, NOT_VERBS, ORGANISATIONS, PARTICLES, PEOPLES, PERSON_VERBS, PLACE_NAMES, PLACE_NOUNS, PLACE_SUFFIXES,
                    ROLES, TITLES)

__all__ = ["find_names", "actor_parentheses", "intro_actors"]

VEHICLES = frozenset("ship vessel boat yacht submarine liner steamer freighter plane aircraft airship train car truck "
                     "starship spaceship spacecraft shuttle tanker ferry trawler schooner sloop tugboat barge frigate "
                     "cruiser destroyer canoe dinghy raft lifeboat van bus jet helicopter".split())
_REALMS = frozenset("kingdom country city town state island republic empire land planet village province region "
                    "throne realm county district nation world capital".split())
#: Base forms: "The Nazis attack" (a plural subject) is a group that acts.
BASE_VERBS = frozenset(INTERACTION_VERBS) | MOTION_VERBS | frozenset(
    "say decide find try want take give discover learn realize realise agree refuse begin plan capture arrest "
    "escape search steal hide demand".split())
#: Verbs ending in "-ers" (most "-ers" words after a name are plural nouns: "Imperial stormtroopers").
ERS_VERBS = frozenset("corners answers enters orders gathers remembers discovers offers delivers covers wanders "
                      "murders suffers considers recovers registers surrenders whispers stammers lingers triggers "
                      "bothers encounters counters uncovers renders wonders shivers ponders flatters lowers "
                      "hinders tampers chatters mutters stutters falters staggers alters caters".split())
NOT_PERSON_ENDINGS = frozenset("day eve parade festival war crash act award prize times post news games olympics "
                               "cup series show year bicentennial fish boat".split())
SHIP_PREFIXES = frozenset("RMS HMS USS SS MV HMCS".split())

_CAPWORD = r"[A-ZÀ-ÖØ-Þ][\w.'’\-]*"
_ACTOR = re.compile(r"\((?:(?:played|portrayed|voiced|performed) by |as played by )?(" + _CAPWORD + r"(?:[ ]+" + _CAPWORD + r"){1,3}(?:,[ ]*(?:Jr|Sr|III|II|IV)\.?)?)\)")
_STARS_AS = re.compile(r"(" + _CAPWORD + r"(?:[ ]+" + _CAPWORD + r"){1,2})[ ]+as[ ]+(?:the\s+|a\s+|an\s+)?([\w’' \-]{2,40}?)(?=\s+who\b|,|\.|;|\s+and\b|\s+in\b|[ \t]*$)", re.M)
_NICK = re.compile(r"((?:[A-Z]\.[ ]?)+|" + _CAPWORD + r"(?:[ ]+" + _CAPWORD + r")?)\s+[\"“]((?:[Tt]he\s+)?" + _CAPWORD + r"(?:\s+" + _CAPWORD + r")?)[\"”]\s+(" + _CAPWORD + r")")
_NICK_BEFORE = re.compile(r"(?<![\w.’'])[\"“](" + _CAPWORD + r")[\"”][ ]+(" + _CAPWORD + r")\b")
_REAL_NAME = re.compile(r"(" + _CAPWORD + r")(?:'s|’s) real name is (" + _CAPWORD + r"(?:\s+" + _CAPWORD + r")?)")
_KNOWN_AS = re.compile(r"(" + _CAPWORD + r"(?:\s+" + _CAPWORD + r")?),? (?:also |better )?(?:known(?: to [a-z]+(?: [a-z]+)?)? as|nicknamed|called) [\"“]?((?:[Tt]he\s+)?" + _CAPWORD + r"(?:\s+" + _CAPWORD + r")?)")
#: "called Lizzie by the family and Beth by her friends": the second name
_AND_BY = re.compile(r"[\"”]? by (?:[a-z]+ ){1,3}?and [\"“]?(" + _CAPWORD + r")[\"”]? by\b")
#: "As Mrs. Kemp, Peg moves …": a titled name the person now goes by
_AS_TITLED = re.compile(r"\b[Aa]s ((?:Mrs\.|Mr\.|Ms\.|Miss|Lady|Sir|Dr\.|Queen|King|Sister|Brother) " + _CAPWORD
                        + r"(?: " + _CAPWORD + r")?), (" + _CAPWORD + r")\b(?! and\b)")
#: Titles of rank that people are called by with their surname alone ("Private Ryan" -> "Ryan").
_RANKS = frozenset("""captain capt detective det lieutenant lt sergeant sgt officer agent sheriff deputy colonel col major
general gen admiral commander private corporal inspector constable chief professor prof dr doctor judge senator""".split())
#: Military units: named in passing, not characters.
_UNITS = frozenset("battalion battalions regiment regiments division divisions brigade brigades platoon platoons "
                   "corps squadron squadrons airborne infantry cavalry artillery".split())
_CALLS_SELF = re.compile(r"\b(?:[Cc]alling|calls|called|[Nn]aming|names|named|introduces|introducing|introduced)\s+"
                         r"(herself|himself)\s+(?:as\s+)?[\"“]?(" + _CAPWORD + r"(?:\s+" + _CAPWORD + r")?)")
_BECOMES = re.compile(r"\b(?:becomes|became|as) (" + _CAPWORD + r" " + _CAPWORD + r")\b")
_REVEALED = re.compile(r"(" + _CAPWORD + r"(?:\s+" + _CAPWORD + r")?)[\"”]?,? (?:who |which )?(?:(?:is|was|are) (?:revealed to be|really|actually|secretly|in fact)|"
                       r"(?:turns|turned) out to be|is unmasked as|is exposed as) (?:(?:his|her|their) [a-z\-]+ )?(" + _CAPWORD + r"(?:\s+" + _CAPWORD + r")?)")
_IS_BOTH = re.compile(r"\b(?:is|was|are) (" + _CAPWORD + r"(?:\s+" + _CAPWORD + r")+), [\"“]?(" + _CAPWORD
                      + r"(?:\s+" + _CAPWORD + r")*)[\"”]?(?=[.;!]|$)")
_TITLED = re.compile(r"(" + _CAPWORD + r"(?:\s+" + _CAPWORD + r")?), the (" + _CAPWORD + r"(?:\s+" + _CAPWORD
                     + r")*(?:\s+of(?:\s+the)?\s+" + _CAPWORD + r")?)(?=,|\.)")
#: Nouns of things and vehicles: a name in apposition to one is that thing ("Quint's boat, the Orca").
THING_NOUNS = frozenset("newspaper paper magazine journal book novel song tune record album film movie play show "
                        "sword knife gun rifle ring necklace jewel diamond painting statue letter company firm "
                        "corporation business brand horse dog cat pet".split())
#: First words of place names ("Mount Doom", "Lake Placid", "Fort Apache").
PLACE_PREFIXES = frozenset("mount mt lake fort port cape camp glen loch isle cape saint san santa".split())
_APPOSITION_SKIP = frozenset("now then also still later once".split())
_ADDRESSES = re.compile(r"\baddress(?:es|ed)? (" + _CAPWORD + r"(?:\s+" + _CAPWORD + r")?) as [\"“]?(" + _CAPWORD + r")")


def actor_parentheses(text: str, spans) -> list[tuple[int, int, str]]:
    """``(start, end, actor)`` of each "(Firstname Lastname)" in the plot spans."""
    out = []
    for a, b in spans:
        for m in _ACTOR.finditer(text, a, b):
            name = m.group(1)
            core = re.sub(r",\s*(?:Jr|Sr|III|II|IV)\.?$", "", name)
            if not any(w.lower().strip(".,") in COMMON_CAPS for w in core.split()):
                out.append((m.start(), m.end(), name))
    return out


def intro_actors(text: str, spans) -> list[tuple[str, str]]:
    """``(actor, role)`` pairs of "stars Antonio Banderas as the former mariachi" outside the plot."""
    out = []
    for a, b in spans:
        for m in _STARS_AS.finditer(text, a, b):
            actor, role = m.group(1), m.group(2).strip()
            if actor.split()[0].lower() in COMMON_CAPS:
                continue
            out.append((actor, role))
    return out


@dataclass
class _Surface:
    key: str                       # the words of the name, titles and articles kept
    tokens: tuple[str, ...]        # casefolded words without titles and name articles
    spans: list[tuple[int, int, int, bool, bool]] = field(default_factory=list)  # start, end, sent, poss, after_the
    person: float = 0
    place: float = 0
    thing: float = 0
    appos: bool = False            # a role in apposition says it is a person ("Raymond, the butler")
    title: bool = False
    once_first: bool = True        # every mention opens its sentence (then it may be an ordinary word)
    actor: bool = False            # followed by an actor in parentheses: a character, whatever its words


_PLACE_PARTS = frozenset("roof rooftop top steps gates gate walls fires depths edge outskirts heart streets mines "
                         "ruins shores banks pass halls".split())
def _verb_forms(lemmas) -> frozenset[str]:
    out = set()
    for lemma in lemmas:
        if " " in lemma:
            continue
        if lemma in IRREGULAR:
            out.update(IRREGULAR[lemma])
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        out.update((lemma, lemma + "s", lemma + "es", stem + "ed", lemma[:-1] + "ies" if lemma.endswith("y") else lemma,
                    lemma[:-1] + "ied" if lemma.endswith("y") else lemma))
    return frozenset(out)


#: Verbs whose object is a person ("kills Vito", "tells Kay"): "ran the Inquirer" is no evidence.
_PERSON_OBJECT_VERBS = _verb_forms(list(INTERACTION_VERBS) + "order command instruct persuade convince force urge beg "
                                   "allow bribe".split()) - frozenset(("fire", "fires", "fired", "free", "frees", "freed",
                                                                   "join", "joins", "joined", "visit", "visits",
                                                                   "visited", "rob", "robs", "robbed"))
_TITLE_ABBR = {"dr": "doctor", "capt": "captain", "lt": "lieutenant", "sgt": "sergeant", "det": "detective",
               "prof": "professor", "gen": "general", "col": "colonel", "gov": "governor", "sen": "senator",
               "rev": "reverend", "insp": "inspector", "supt": "superintendent", "cmdr": "commander"}
_NUMBERS = frozenset("""one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred""".split())
_DET_WORDS = frozenset("a an the his her their its another".split())


def _apposition_after(words, j, sent) -> str | None:
    """What the phrase after "Name, " says the name is: "person" (", the butler", ", who …"),
    "place" (", a nightclub"), "thing" (", a newspaper") or None."""
    while j < len(words) and words[j].sent == sent and words[j].lower in _APPOSITION_SKIP:
        j += 1
    if j >= len(words) or words[j].sent != sent:
        return None
    if words[j].lower == "who":
        return "person"
    if words[j].lower not in _DET_WORDS:
        return None
    head = None
    for k in range(j + 1, min(j + 5, len(words))):
        x = words[k]
        if x.sent == sent and (x.text[:1].isdigit() or x.text == "-"):
            continue  # "a 1950s-themed restaurant"
        if x.sent != sent or not x.alpha or x.cap and x.lower not in NATIONALITIES or x.lower in _FUNCTION:
            break
        head = x.lower
    if head is None:
        return None
    if head in ROLES:
        return "person"
    if head in PLACE_NOUNS or head in PLACE_SUFFIXES:
        return "place"
    if head in THING_NOUNS or head in VEHICLES:
        return "thing"
    return None


def _apposition_before(words, k, sent) -> str | None:
    """What the noun before ", Name" says the name is ("his palace, Xanadu": a place)."""
    if k < 0 or words[k].sent != sent:
        return None
    x = words[k]
    if x.cap or not x.alpha:
        return None
    j = k - 1
    while j >= 0 and words[j].sent == sent and words[j].alpha and not words[j].cap and words[j].lower not in _DET_WORDS \
            and k - j < 4:
        j -= 1
    if j < 0 or not (words[j].lower in _DET_WORDS or words[j].poss):
        return None
    if j >= 2 and words[j - 1].lower in ("from", "at", "in", "of", "on") and words[j - 2].sent == sent and (
            words[j - 2].lower in ROLES or words[j - 2].lower.endswith(("er", "or", "ist"))):
        return None  # "his friend from the mill, Harry Platt": the friend is named, not the mill
    if x.lower in PLACE_NOUNS or x.lower in PLACE_SUFFIXES:
        return "place"
    if x.lower in THING_NOUNS or x.lower in VEHICLES:
        return "thing"
    return None


_FUNCTION = frozenset("""of in at to from with for on by as that than into onto over under about after before
while when where who whom whose which and or but nor so yet if because himself herself themselves itself
alone too again then also only even still just now here there""".split())


def _verbish(lw: str) -> bool:
    """True if the lower-case word after a capitalised one may be its verb (or a function word)."""
    if lw in _FUNCTION or lw in PERSON_VERBS or lw in MOTION_VERBS or lw in BASE_VERBS or lw in ERS_VERBS:
        return True
    if lw in ("is", "was", "are", "were", "has", "had", "have", "will", "would", "can", "could", "must", "may",
              "might", "should", "does", "did", "do"):
        return True
    if lw.endswith(("ed", "ly", "ing")):
        return True  # "visits the Mariachi telling him …"
    return lw.endswith("s") and not lw.endswith(("ss", "ers", "ors", "ists", "ians", "ics", "us", "is"))


def _one_name(s: str) -> str:
    """A name matched by a pattern, cut at a full stop that ends its sentence ("Ki-jung. Ki-jung" -> "Ki-jung"),
    not at a title's or an initial's ("Dr. J. Grant")."""
    for m in re.finditer(r"([\w'’\-]+)\.(?:\s|$)", s):
        word = m.group(1)
        if len(word) > 1 and word.lower() not in TITLES:
            return s[:m.start() + len(word)]
    return s


def _in_quotes(text: str, sent_start: int, a: int, b: int) -> bool:
    """True if the name at ``a:b`` is inside a short quotation ("Rosebud", "As Time Goes By")."""
    before = text[max(sent_start, a - 60):a]
    opened = before.count("“") > before.count("”") or before.count('"') % 2 == 1
    close = re.match(r"[^\"”\n]{0,40}[\"”]", text[b:b + 42])
    return opened and close is not None


def _next_word(words, j):
    while j < len(words) and words[j].lower.endswith("ly") and not words[j].cap and words[j].lower not in ("only", "family"):
        j += 1
    return words[j] if j < len(words) else None


_PREFIXED = re.compile(r"(?:al|el|bin|ibn|abu|ben|bint|d|l|o)[-'’][A-ZÀ-Þ]")


def _is_capital(w) -> bool:
    if w.alpha and not w.text[0].isupper():
        return bool(_PREFIXED.match(w.text))  # "al-Masri", "d'Artagnan"
    return w.alpha and w.text[0].isupper() and not (len(w.text) > 1 and w.text.isupper() and len(w.text) > 5)


#: Particles that may open a surname written in lower case mid-sentence ("van der Berg's men", "de la Fontaine").
_OPENING_PARTICLES = frozenset("von van de del della di du des der den".split())


def _particle_run(doc, words, i: int) -> int:
    """The index of the capital word after a run of one or two particles at ``i`` ("van der Berg"), else -1."""
    k = i
    while k < len(words) and k - i < 2 and words[k].lower in PARTICLES and not words[k].cap:
        if doc.text[words[k].end:words[k].end + 1] != " ":
            return -1
        k += 1
    if k == i or k >= len(words) or not _is_capital(words[k]) or words[k].sent != words[i].sent:
        return -1
    return k


def _scan(doc: Doc, skip) -> list[tuple[int, int]]:
    """Word-index ranges [i, j) of capitalised sequences (names), outside ``skip`` spans."""
    words = doc.words
    out = []
    i, n = 0, len(words)
    skip = sorted(skip)
    si = 0
    while i < n:
        w = words[i]
        while si < len(skip) and skip[si][1] <= w.start:
            si += 1
        if si < len(skip) and skip[si][0] <= w.start < skip[si][1]:
            i += 1
            continue
        start = i
        if not _is_capital(w):
            k = _particle_run(doc, words, i) if w.lower in _OPENING_PARTICLES else -1
            if k > 0 and (i == 0 or not (words[i - 1].lower in ("a", "an", "the") or _is_capital(words[i - 1]))) \
                    and (k - i == 2 or w.lower != "van"):
                i = k  # "… van der Berg's men": the name starts at its particles
            else:
                i += 1
                continue
        j = i + 1
        while j < n and words[j].sent == w.sent and not words[j - 1].poss:
            x = words[j]
            gap = doc.text[words[j - 1].end:x.start]
            if gap == "." and (words[j - 1].lower in TITLES or len(words[j - 1].text) == 1):
                j += 1  # "Dr." "J."
                continue
            if gap not in (" ", "") and gap != ". ":
                break
            if gap == ". " and not (words[j - 1].lower in TITLES or len(words[j - 1].text) == 1):
                break
            if x.text == ".":
                j += 1
                continue
            if _is_capital(x):
                j += 1
            elif x.lower == "of" and (words[j - 1].lower in TITLES or words[j - 1].lower in ROLES) and j + 1 < n \
                    and words[j + 1].sent == w.sent:
                # "the Wicked Witch of the West", "the Duke of York": a title of a person
                k = j + 1
                if words[k].lower == "the" and k + 1 < n:
                    k += 1
                if _is_capital(words[k]) and words[k].lower not in COMMON_CAPS and \
                        doc.text[words[k - 1].end:words[k].start] == " ":
                    j = k + 1
                else:
                    break
            elif x.lower in PARTICLES and _particle_run(doc, words, j) > 0:
                j = _particle_run(doc, words, j) + 1  # "Vincent van Gogh", "Jean-Luc de la Fontaine"
            else:
                break
        out.append((start, j))
        i = j
    return out


def find_names(doc: Doc, draft: Draft, other_spans) -> dict[str, str]:
    """Find the named characters; fill ``draft.people`` and name mentions.

    Returns ``{surface key: "place"}`` for capitalised names read as places
    (:mod:`.places` makes them locations)."""
    text = doc.text
    words = doc.words
    plot_spans = [(a, b) for a, b in doc.sentences]
    actors = actor_parentheses(text, plot_spans)
    draft.actor_spans = [(a, b) for a, b, _ in actors]
    skip = list(draft.actor_spans)
    # quoted nicknames: Jeffrey "The Dude" Lebowski
    forced: list[tuple[int, int, str, list[str]]] = []
    for a, b in plot_spans:
        for m in _NICK.finditer(text, a, b):
            nick = m.group(2)
            forced.append((m.start(), m.end(), f"{m.group(1).strip()} {m.group(3)}", [nick, re.sub(r"^[Tt]he\s+", "", nick)]))
            skip.append((m.start(), m.end()))
        for m in _NICK_BEFORE.finditer(text, a, b):
            # "Easy" Andy: a nickname before the name
            if not any(x <= m.start() < y for x, y in skip) and m.group(2).lower() not in COMMON_CAPS:
                forced.append((m.start(2), m.end(2), m.group(2), [m.group(1)]))
                skip.append((m.start(), m.end()))
    alias_of: dict[str, str] = {}  # alias surface -> name surface
    for a, b in plot_spans:
        for rx in (_REAL_NAME, _KNOWN_AS):
            for m in rx.finditer(text, a, b):
                alias_of[_one_name(m.group(2))] = _one_name(m.group(1))
                more = _AND_BY.match(text, m.end(), b) if rx is _KNOWN_AS else None
                if more:
                    alias_of[_one_name(more.group(1))] = _one_name(m.group(1))  # "called Lizzie by …, Beth by …"
        for m in _AS_TITLED.finditer(text, a, b):
            # "As Mrs. Kemp, Peg moves into the house": a married name
            alias_of[m.group(1)] = m.group(2)
        for m in _IS_BOTH.finditer(text, a, b):
            # "… that he is Jame Gumb, Buffalo Bill.": two names of one person
            if m.group(1).split()[0].lower() not in COMMON_CAPS and m.group(2).split()[0].lower() not in COMMON_CAPS:
                alias_of[_one_name(m.group(1))] = _one_name(m.group(2))
        for m in _TITLED.finditer(text, a, b):
            # "Glinda, the Good Witch of the North, …": a title that is another name
            if any(t.lower() in ROLES or t.lower() in TITLES for t in m.group(2).split()) \
                    and m.group(1).split()[0].lower() not in COMMON_CAPS:
                alias_of[m.group(2)] = m.group(1)
        for m in _REVEALED.finditer(text, a, b):
            # "Strider, who is revealed to be Aragorn": Strider is another name of Aragorn
            if m.group(1).split()[0].lower() not in COMMON_CAPS:
                alias_of[_one_name(m.group(1))] = _one_name(m.group(2))
        for m in _ADDRESSES.finditer(text, a, b):
            # "he addresses El Mariachi as Manito": Manito is El Mariachi
            alias_of[m.group(2)] = m.group(1)

    surfaces: dict[str, _Surface] = {}
    mention_words: list[tuple[int, int, str]] = []  # (word i, word j, surface key)

    def surface(key: str, toks) -> _Surface:
        s = surfaces.get(key)
        if s is None:
            s = surfaces[key] = _Surface(key, tuple(toks))
        return s

    mid_caps = {w.lower for w in words if w.cap and not w.first}  # capitalised inside a sentence somewhere
    for i, j in _scan(doc, skip):
        ws = words[i:j]
        # drop capitalised function words at the start ("Later Marion", "The Dude")
        while ws and (ws[0].lower in COMMON_CAPS and ws[0].lower not in TITLES
                      or ws[0].lower in NATIONALITIES and not (len(ws) > 1 and ws[-1].lower in PLACE_SUFFIXES)
                      or ws[0].lower.split("-")[0] in _NUMBERS and "-" in ws[0].lower  # "Ten-year-old Chihiro"
                      or (ws[0].first and len(ws) > 1 and ws[0].lower.endswith("ing"))) and not ws[0].poss:
            ws = ws[1:]
            i += 1
        if ws and ws[0].lower in NATIONALITIES and not (len(ws) > 1 and ws[-1].lower in PLACE_SUFFIXES):
            continue
        if len(ws) > 1 and len(ws[0].text) > 4 and ws[1].text != "." and ws[0].lower.endswith("s") \
                and ws[0].lower[:-1] in TITLES:
            ws = ws[1:]  # "Detectives Casals and Bosko": a plural title before the first name
            i += 1
        if not ws:
            continue
        # "LAPD Lieutenant Vincent Hanna": the name starts at its title
        for k in range(len(ws) - 2, 0, -1):
            if ws[k].lower in TITLES and ws[k].lower not in ("brother", "sister", "mother", "father", "count"):
                i += k
                ws = ws[k:]
                break
        # drop trailing title words and dots
        while ws and ws[-1].text == ".":
            ws = ws[:-1]
        if not ws:
            continue
        toks = [w.lower for w in ws if w.text != "." and w.lower not in TITLES and w.lower not in NAME_ARTICLES
                and w.lower not in ("of", "the") and not (len(ws) > 1 and re.fullmatch(r"[ivxl]{2,4}", w.lower))]
        if len(ws) == 1 and re.fullmatch(r"[IVXL]{2,4}", ws[0].text):
            continue  # "II": a numeral, not a name
        if not toks and len(ws) == 1 and ws[0].lower in TITLES and len(ws[0].text) > 3 and i > 0 \
                and words[i - 1].lower == "the":
            toks = [ws[0].lower]  # "the Emperor": a character if he acts (the evidence decides)
        if not toks:
            continue  # a title alone ("Dr.") or an article
        if len(ws) == 1:
            lw = ws[0].lower
            if lw in COMMON_CAPS or lw in MONTHS_DAYS or lw in NOT_PEOPLE or len(lw) < 2:
                continue
            if ws[0].first:
                # a sentence's first word is a name only if it is not an ordinary word
                nxt = words[i + 1] if i + 1 < len(words) else None
                if (lw.endswith(("ing", "ly")) or (nxt is not None and nxt.text in (",",)) and lw.endswith("ed")) \
                        and lw not in mid_caps and lw not in FEMALE_NAMES and lw not in MALE_NAMES:
                    continue
                if lw in ROLES or lw in PERSON_VERBS:
                    continue
        if all(t in NOT_PEOPLE or t in MONTHS_DAYS for t in toks):
            continue
        last = i + len(ws) - 1
        nxt0 = words[last + 1] if last + 1 < len(words) else None
        if not ws[-1].poss and nxt0 is not None and nxt0.sent == ws[0].sent and not nxt0.cap and \
                (nxt0.lower in ROLES or nxt0.lower in ("veteran", "veterans")):
            continue  # "a California Highway Patrol officer": a modifier, not a name
        if len(ws) == 1 and not ws[0].poss and i > 0 and words[i - 1].lower in ("a", "an", "the") and nxt0 is not None \
                and nxt0.sent == ws[0].sent and nxt0.alpha and not nxt0.cap and text[ws[0].end:nxt0.start] == " " \
                and not _verbish(nxt0.lower):
            continue  # "a Morgul blade", "the Numidian hunter": an adjective, not a name
        pw = words[i - 1].lower if i > 0 else ""
        if pw in VEHICLES or (ws[0].text in SHIP_PREFIXES and len(ws) > 1):
            draft.note("dropped", "character", text[ws[0].start:ws[-1].end], ws[0].start,
                       f"“{text[ws[0].start:ws[-1].end]}” names a vehicle, not a character")
            continue
        key = text[ws[0].start:ws[-1].end]
        s = surface(key, toks)
        s.once_first = s.once_first and ws[0].first
        s.title = s.title or any(w.lower in TITLES for w in ws[:-1])
        prev = words[i - 1] if i > 0 and words[i - 1].sent == ws[0].sent else None
        after_the = prev is not None and prev.lower in ("the", "a", "an")
        last = i + len(ws) - 1
        s.spans.append((ws[0].start, ws[-1].end, ws[0].sent, ws[-1].poss, after_the))
        mention_words.append((i, last + 1, key))
        # evidence
        nxt = _next_word(words, last + 1)
        before = words[i - 2] if after_the and i >= 2 else prev
        if ws[-1].poss:
            s.person += 0.5
        elif nxt is not None and nxt.sent == ws[0].sent and not nxt.cap and nxt.alpha:
            nl = nxt.lower
            if nl in ("is", "was") and last + 2 < len(words) and (words[last + 2].lower.endswith("ed")
                                                                  or words[last + 2].lower in PERSON_VERBS):
                s.person += 0.5  # "Han is confronted"
            if nl in PERSON_VERBS or nl in ERS_VERBS or (nl in BASE_VERBS and ws[-1].lower.endswith("s")) or nl in ("is", "was", "and", "who", "has", "had", "will", "would", "can", "could", "does", "did") \
                    or (nl.endswith("s") and len(nl) > 3 and nl not in NOT_VERBS and not nl.endswith(("ss", "ers", "ors"))) \
                    or nl.endswith("ed"):
                s.person += 1 if nl not in ("is", "was", "and", "has", "had") else 0
        if any(a0 == ws[-1].end + 1 for a0, _ in draft.actor_spans) and text[ws[-1].end:ws[-1].end + 2] == " (":
            s.person += 2  # "Llewelyn Moss (Josh Brolin)"
            s.actor = True
        pw_of = words[i - 1].lower if i > 0 else ""
        q = i - 1
        while q >= 0 and words[q].text in ("\"", "“", "'", "‘"):
            q -= 1
        if q >= 1 and words[q - 1].lower == "the" and words[q].lower in ("word", "words", "name", "title", "phrase",
                                                                          "codename", "password"):
            s.thing += 2  # "whispering the word "Rosebud""
        if re.search(r"\bthe (?:night|day|morning|evening|week|year|month) (?:that |when )?$",
                     text[max(0, ws[0].start - 30):ws[0].start]):
            s.thing += 2  # "on the night Princess Diana dies": a date, told by a news event
        if nxt is not None and nxt.text == "," and last + 2 < len(words):
            after_comma = words[last + 2]
            if not after_comma.cap and after_comma.lower in PERSON_VERBS and prev is not None and (
                    prev.text == "," or prev.lower == "the" and i >= 2 and words[i - 2].text == ","):
                s.person += 1  # "His fence, Nate, suggests …"
            what = _apposition_after(words, last + 2, ws[0].sent) if pw_of != "of" else None
            if what == "person":
                s.person += 1  # "Raymond, the butler at …", "Kamaji, who runs …"
                s.appos = True
            elif what in ("place", "thing"):
                setattr(s, what, getattr(s, what) + 1.5)  # "Rick's Café Américain, a nightclub"
        comma_at = i - 1 if prev is not None and prev.text == "," else (
            i - 2 if prev is not None and prev.lower == "the" and i >= 2 and words[i - 2].text == "," else None)
        closes = re.match(r"(?:'s|’s)?\s*(?:[,.;:)]|$)", text[ws[-1].end:ws[-1].end + 4])
        if comma_at is not None and comma_at >= 1 and closes:
            # ("his palace, Xanadu, …" — not "in the desert, Llewelyn Moss comes …")
            what = _apposition_before(words, comma_at - 1, ws[0].sent)
            if what in ("place", "thing"):
                setattr(s, what, getattr(s, what) + 1.5)  # "his palace, Xanadu", "his boat, the Orca"
        if comma_at == i - 2 and i >= 3:
            role = words[i - 3].lower
            if not words[i - 3].cap and (role in ROLES or role.endswith(("er", "or", "ist"))):
                s.person += 1  # "their leader, the Witch-king"
        if prev is not None and prev.text in (",", "\"", "”") and i >= 2:
            k = i - 1
            while k > 0 and words[k].text in (",", "\"", "”", "“") or (k > 0 and words[k].cap and words[k - 1].text in ("\"", "“")):
                k -= 1
            role = words[k].lower
            if role in ROLES or role.endswith(("er", "or", "ist")) and not words[k].cap:
                s.person += 1  # "a gun dealer, "Easy" Andy"
        if before is not None and before.sent == ws[0].sent:
            bl = before.lower
            if bl == "on" and after_the:
                s.place += 1  # "on the Death Star"
            elif bl == "of" and i >= 2 and (words[i - 2].lower in _REALMS or words[i - 2].lower in PLACE_NOUNS
                                             or words[i - 2].lower in PLACE_SUFFIXES or words[i - 2].lower in _PLACE_PARTS):
                s.place += 1  # "the kingdom of Florin", "the Mines of Moria"
            elif bl == "of" and after_the and i >= 3 and (words[i - 3].lower in _REALMS or words[i - 3].lower in PLACE_NOUNS
                                                          or words[i - 3].lower in PLACE_SUFFIXES or words[i - 3].lower in _PLACE_PARTS):
                s.place += 1  # "the roof of the Louvre"
            elif bl in LOCATIVE or bl in ("visit", "visits", "leave", "leaves", "reach", "reaches", "of"):
                s.place += (0.5 if bl in ("to", "from", "visit", "visits", "leave", "leaves") else 1) if bl != "of" else 0
            elif bl in _PERSON_OBJECT_VERBS or (bl in ROLES and not before.cap) or bl in ("named", "with", "by", "boyfriend", "girlfriend", "wife", "husband", "friend", "partner"):
                s.person += 1
    for a, b, full, nicks in forced:
        s = surface(full, [t.lower() for t in full.split()])
        s.person += 2
        s.spans.append((a, b, _sent_of(doc, a), False, False))
        s.once_first = False
        for nick in nicks:
            alias_of.setdefault(nick, full)

    # "his colleagues Renfro, Biggs, Newman, and Poole": names listed with a person are people
    ordered = sorted((sp[0], sp[1], key) for key, s in surfaces.items() for sp in s.spans)
    for (a, b, k1), (c, d, k2) in zip(ordered, ordered[1:]):
        if text[b:c] in (", ", ", and ", " and ", ", or ", " or "):
            s1, s2 = surfaces[k1], surfaces[k2]
            after2 = re.match(r"\s+([a-z][\w'-]*)", text[d:d + 30])
            if text[b:c] == ", " and after2 and _verbish(after2.group(1)) and after2.group(1) not in ("and", "or"):
                continue  # "… the Battle of Carthage, Maximus leads": a new clause, not a list
            for x, y in ((s1, s2), (s2, s1)):
                if x.person > x.place and not y.place and not y.person and " ".join(y.tokens) not in PLACE_NAMES \
                        and not all(sp[4] for sp in y.spans):
                    y.person += 0.5
    kinds: dict[str, str] = {}
    name_tokens = {t for o in surfaces.values() if len(o.tokens) > 1 and not any(x in ORGANISATIONS for x in o.tokens)
                   for t in o.tokens}
    for key in list(surfaces):
        toks = surfaces[key].tokens
        if len(toks) == 1 and toks[0].endswith("s") and (toks[0][:-1] in NATIONALITIES or toks[0][:-1] in PEOPLES or (
                all(sp[4] for sp in surfaces[key].spans) and toks[0][:-1] in name_tokens)):
            del surfaces[key]  # "the Germans", "the Tattaglias": a people or a family (see .roles)
    for key, s in surfaces.items():
        toks = s.tokens
        low = " ".join(toks)
        the_only = all(sp[4] for sp in s.spans)
        quoted = all(_in_quotes(text, doc.sentences[sp[2]][0], sp[0], sp[1]) for sp in s.spans)
        italic = bool(draft.italic_spans) and all(any(x <= sp[0] and sp[1] <= y for x, y in draft.italic_spans)
                                                  for sp in s.spans)
        after_of = all(re.search(r"\bof\s+$", text[max(0, sp[0] - 4):sp[0]]) for sp in s.spans)
        if len(toks) >= 2 and (toks[-1] in PLACE_SUFFIXES or toks[0] in PLACE_PREFIXES) and not s.title and not s.actor:
            kinds[key] = "place"
        elif len(toks) >= 2 and toks[-1] in ROLES and not ROLES[toks[-1]][1] and all(
                len(t) <= 2 or t in PLACE_NAMES or t in NATIONALITIES for t in toks[:-1]):
            kinds[key] = "thing"  # "a U.S. Marine": a role written with capitals, not a name
        elif after_of and len(toks) == 1 and s.person < 1 and not s.title and toks[0] not in ROLES and s.place < 1 \
                and not toks[0].endswith("s"):
            kinds[key] = "thing"  # "the staff of Ra": only ever something's
        elif italic and s.person < 1 and not any(set(toks) & set(o.tokens) for k2, o in surfaces.items() if k2 != key):
            kinds[key] = "thing"  # "writes *Don Giovanni*": a work's title in italics
        elif quoted and key not in alias_of and not s.title and not (set(toks) & name_tokens):
            kinds[key] = "thing"  # a word or a title in quotes ("Rosebud", "As Time Goes By")
        elif s.thing > s.person and s.thing >= s.place:
            kinds[key] = "thing"
        elif (low in PLACE_NAMES or all(t in PLACE_NAMES for t in toks)) and s.person < 2 * s.place + 3:
            kinds[key] = "place"
        elif any(toks[-1].endswith(e) for e in NOT_PERSON_ENDINGS) and (len(toks) > 1 or "-" in toks[-1]) \
                or re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?\.?", key):
            kinds[key] = "thing"
        elif any(t in ORGANISATIONS for t in toks) and not s.person:
            kinds[key] = "thing"
        elif any(t in _UNITS for t in toks) and not s.title:
            kinds[key] = "thing"  # "the 2nd Ranger Battalion", "the 101st Airborne": a unit, named in passing
        elif any(t in ORGANISATIONS for t in toks) and all(
                re.search(r"\b(?:at|in|inside|outside|into|from|to)\s+(?:the\s+)?$", text[max(0, sp[0] - 12):sp[0]], re.I)
                for sp in s.spans):
            kinds[key] = "place"  # "a typist at the War Department": where, not who
        elif len(toks) == 1 and (toks[0] in PLACE_NOUNS or toks[0] in PLACE_SUFFIXES) and not s.title:
            kinds[key] = "place"  # "the University (of Alabama)", "the Hotel"
        elif re.fullmatch(r"[A-Z]{2,5}", key) and not re.fullmatch(r"[IVXLC]+", key):
            kinds[key] = "group" if s.person else "thing"  # "the LAPD", "NASA": an organisation
        elif toks[-1] in ROLES and ROLES[toks[-1]][1]:
            kinds[key] = "group"  # "Sand People"
        elif any(t in ORGANISATIONS for t in toks) or (len(toks) == 1 and the_only and toks[0].endswith("s") and s.person
                                                       and not any(toks[0] in o.tokens for o in surfaces.values() if len(o.tokens) > 1)):
            kinds[key] = "group"
        elif s.place >= 1 and s.place > s.person + (1 if toks[0] in FEMALE_NAMES or toks[0] in MALE_NAMES else 0):
            kinds[key] = "place"
        elif s.place > 0 and not s.person and len(toks) > 1 and not s.title and toks[0] not in FEMALE_NAMES \
                and toks[0] not in MALE_NAMES and not any(set(toks) & set(o.tokens) and o.person >= 1
                                                          for k2, o in surfaces.items() if k2 != key):
            kinds[key] = "place"  # "travels to Amon Hen": nothing but a place's evidence
        elif len(toks) == 1 and len(s.spans) >= 3 and sum(sp[4] for sp in s.spans) >= 0.75 * len(s.spans) \
                and s.person < 3 and s.person <= s.place + s.thing + 1 and not s.title and toks[0] not in ROLES \
                and toks[0] not in TITLES:
            kinds[key] = "thing"  # "the Ring", nearly always after "the" and seldom acting
        elif the_only and s.person < 1:
            kinds[key] = "thing"
        elif len(toks) == 1 and len(s.spans) == 1 and not s.person and not s.title and not (
                (toks[0] in FEMALE_NAMES or toks[0] in MALE_NAMES) and not s.once_first and not s.place and not s.thing):
            kinds[key] = "once"
        elif len(toks) == 1 and s.once_first and (not s.person or not s.appos and all(
                text[sp[1]:sp[1] + 1] == "," for sp in s.spans)):
            kinds[key] = "once"
        else:
            kinds[key] = "person"

    # "the Bureau" is the FBI, "the Agency" the CIA: an organisation's noun names the one acronym holding its initial
    acronyms = [k for k in surfaces if re.fullmatch(r"[A-Z]{2,5}", k) and kinds.get(k) in ("group", "thing")]
    for key, s in surfaces.items():
        if len(s.tokens) == 1 and s.tokens[0] in ORGANISATIONS and key[:1].isupper() and not re.fullmatch(r"[A-Z]{2,5}", key):
            fits = [k for k in acronyms if key[0] in k[1:] or (key[0] == k[0] and len(k) <= 3)]
            if len(fits) == 1:
                kinds[key] = "group"
                if kinds[fits[0]] == "thing":
                    kinds[fits[0]] = "group"
                alias_of.setdefault(key, fits[0])
    # group the person surfaces into characters: longest names first
    people = draft.people
    by_token: dict[str, list[str]] = defaultdict(list)  # token -> person keys
    owner: dict[str, str | list[str]] = {}              # surface -> person key (or the candidates)
    order = sorted((k for k in surfaces if kinds[k] in ("person", "group", "thing", "place", "once")),
                   key=lambda k: (-len(surfaces[k].tokens), -len(k.split()), surfaces[k].spans[0][0]))
    # aliases stated by the text first join their names
    for key in order:
        s = surfaces[key]
        target_surface = alias_of.get(key)
        if target_surface and target_surface in owner and isinstance(owner[target_surface], str):
            pk = owner[target_surface]
            people[pk].add_alias(key)
            owner[key] = pk
            for t in s.tokens:
                by_token[t].append(pk)  # "Gumb" alone is Jame Gumb's, now Buffalo Bill's
            draft.note("merged", "character", key, s.spans[0][0], f"“{key}” is another name of {people[pk].name}",
                       targets=[pk], count=len(s.spans))
            continue
        exact = [pk for pk, p in people.items() if key.casefold() in {p.name.casefold(), *(x.casefold() for x in p.aliases)}]
        if exact:
            owner[key] = exact[0]
            continue
        toks = s.tokens
        cands = []
        if len(toks) == 1:
            cands = list(dict.fromkeys(by_token.get(toks[0], [])))
            if not cands and all(sp[3] for sp in s.spans):
                cands = list(dict.fromkeys(by_token.get(toks[0] + "s", [])))  # "Batt's" for Billy Batts
            if not cands and toks[0].endswith("s"):
                # "the Praetorians" for the Praetorian Guard
                cands = [pk for pk in dict.fromkeys(by_token.get(toks[0][:-1], [])) if people[pk].kind == "group"]
            if not cands and len(toks[0]) >= 3 and kinds[key] in ("person", "once"):
                # "Sam" for Samwise Gamgee, "Max" for Maximilian: a short form of one first name
                short = [pk for pk, p in people.items() if p.named and p.kind == "person" and _tokens(p.name)
                         and _tokens(p.name)[0].startswith(toks[0]) and _tokens(p.name)[0] != toks[0]
                         and len(_tokens(p.name)) > 1]
                if len(short) == 1 and not any(t.startswith(toks[0]) and t != toks[0] for pk, p in people.items()
                                                if pk != short[0] for t in _tokens(p.name)[:1]):
                    cands = short
        else:
            full = set(toks)
            cands = [pk for pk, p in people.items() if p.named and full <= set(_tokens(p.name)) and len(full) < len(_tokens(p.name))]
        if not cands and len(toks) == 1 and toks[0] in TITLES:
            # "the Emperor" when the story has one Emperor Joseph II
            cands = [pk for pk, p in people.items() if p.named and p.kind == "person" and len(p.name.split()) > 1
                     and _TITLE_ABBR.get(p.name.split()[0].lower().rstrip("."), p.name.split()[0].lower()) == toks[0]]
            if len(cands) != 1:
                cands = []
        g = _title_gender(key)
        if g:
            cands = [pk for pk in cands if people[pk].gender in (None, g) and _title_gender(people[pk].name) in (None, g)
                     and _first_gender(people[pk].name) in (None, g)]
            if len(toks) == 1:
                # "Mrs. Gump" is not Forrest Gump: a title and a surname is someone with that first name only
                # if the first name is known to be of the title's gender
                cands = [pk for pk in cands if _title_gender(people[pk].name) == g or _first_gender(people[pk].name) == g
                         or len(_tokens(people[pk].name)) == 1]
        if kinds[key] == "place" and not (len(cands) == 1 and s.place <= 2 * s.person + 1):
            continue
        if len(cands) == 1:
            kinds[key] = "person"
            pk = cands[0]
            people[pk].add_alias(key)
            owner[key] = pk
            continue
        if len(cands) > 1:
            kinds[key] = "person"
            owner[key] = cands
            draft.note("uncertain", "character", key, s.spans[0][0],
                       f"“{key}” may be any of {', '.join(people[c].name for c in cands)}; read as the one last mentioned",
                       targets=cands, count=len(s.spans))
            continue
        if kinds[key] == "thing":
            draft.note("dropped", "character", key, s.spans[0][0],
                       f"“the {key}” is not read as a character (a ship, an object or a title?)", count=len(s.spans))
            continue
        if kinds[key] == "once":
            draft.note("dropped", "character", key, s.spans[0][0],
                       f"“{key}” is written once, with nothing a person does; not read as a character")
            continue
        pk = slug(key, people)
        first = s.spans[0][0]
        p = Person(pk, key, first, named=True, kind="group" if kinds[key] == "group" else "person")
        people[pk] = p
        owner[key] = pk
        for t in toks:
            by_token[t].append(pk)
    # quoted nicknames belong to their name ("J. J. "Jake" Gittes", ""Easy" Andy")
    for _, _, full, nicks in forced:
        pk = owner.get(full)
        if isinstance(pk, str) and pk in people:
            for nick in nicks:
                people[pk].add_alias(nick)
    # "as Beth Rosen she is cut off", "becomes Nora Platt": a new surname for someone known by a first name
    for m in _BECOMES.finditer(text):
        full = m.group(1)
        pk = owner.get(full)
        if not isinstance(pk, str) or pk not in people or not people[pk].named:
            continue
        first = full.split()[0]
        others = [q for q, p in people.items() if q != pk and p.kind == "person"
                  and any(x == first for x in (p.name, *p.aliases))]
        if len(others) == 1 and people[pk].first > people[others[0]].first:
            alias_of[full] = people[others[0]].name
    # "Calling herself Anya Smith, she …", "… calls himself Mr. X": another name of the last one of that sex named
    for m in _CALLS_SELF.finditer(text):
        full = _one_name(m.group(2))
        pk = owner.get(full)
        if not isinstance(pk, str) or pk not in people:
            continue
        want = "f" if m.group(1).lower() == "herself" else "m"
        then = re.match(r",\s+(" + _CAPWORD + r"(?:\s+" + _CAPWORD + r")?)", text[m.end():m.end() + 60])
        if then and isinstance(owner.get(then.group(1)), str) and owner[then.group(1)] != pk:
            alias_of[full] = then.group(1)  # "Calling herself Anya Smith, Peg visits …": the subject after it
            continue
        before = sorted(((sp[0], k) for k, o in owner.items() if isinstance(o, str) and o != pk and o in people
                         and people[o].kind == "person" for sp in surfaces[k].spans if sp[0] < m.start()), reverse=True)
        for _, k in before:
            o = owner[k]
            g = _title_gender(people[o].name) or _first_gender(people[o].name)
            if g == want:
                alias_of[full] = people[o].name if people[o].name in owner else k
                break
            if g is None:
                break
    # stated aliases whose name came later in the order
    for alias, name in alias_of.items():
        if alias in owner and name in owner and isinstance(owner[alias], str) and isinstance(owner[name], str) \
                and owner[alias] != owner[name] and people.get(owner[alias]) and people[owner[alias]].named:
            a, b = owner[name], owner[alias]
            people[a].add_alias(people[b].name)
            for x in people[b].aliases:
                people[a].add_alias(x)
            del people[b]
            for k, v in list(owner.items()):
                if v == b:
                    owner[k] = a
            draft.note("merged", "character", alias, surfaces[alias].spans[0][0],
                       f"“{alias}” is another name of {people[a].name}", targets=[a])

    # mentions, in text order; an ambiguous surname goes to the last one mentioned
    goes_by_first: dict[str, bool] = {}
    for _, _, full, _ in forced:
        if isinstance(owner.get(full), str):
            goes_by_first[owner[full]] = True  # Jeffrey "The Dude" Lebowski goes by his nickname
    for key, o in owner.items():
        if isinstance(o, str) and o in people and len(surfaces[key].tokens) == 1:
            toks = _tokens(people[o].name)
            if len(toks) > 1 and surfaces[key].tokens[0] == toks[0]:
                goes_by_first[o] = True
    last_seen: dict[str, int] = {}
    spans = sorted((sp, key) for key, s in surfaces.items() for sp in s.spans)
    for (a, b, sent, poss, _), key in spans:
        o = owner.get(key)
        if o is None:
            continue
        if isinstance(o, list):
            # a surname shared in a family is most often the one never called by a first name
            # ("Kane" for Charles Foster Kane, not Susan, who is "Susan"); else the last mentioned
            formal = [pk for pk in o if pk in people and not goes_by_first.get(pk)]
            if len(formal) > 1 and all(len(_tokens(people[pk].name)) > 1 and _tokens(people[pk].name)[-1] == _tokens(key)[-1]
                                       for pk in formal):
                ranked = [pk for pk in formal if people[pk].name.split()[0].lower().rstrip(".") in _RANKS]
                # "Ryan" for Private James Francis Ryan, not his mother Margaret Ryan: a rank goes with a surname
                formal = ranked if len(ranked) == 1 else [min(formal, key=lambda pk: people[pk].first)]  # else the family's first-introduced
            o = formal[0] if len(formal) == 1 else max(o, key=lambda pk: last_seen.get(pk, -1))
        if o not in people:
            continue
        last_seen[o] = a
        draft.mentions.append(Mention(a, b, (o,), sent, "name", poss))
        people[o].mentions += 1
    # "the mariachi" written small: the character whose name is "El Mariachi"
    for pk, p in people.items():
        parts = p.name.split()
        if len(parts) == 2 and parts[0].lower() in NAME_ARTICLES:
            for m in re.finditer(r"\bthe (" + re.escape(parts[1].lower()) + r")\b", text):
                if any(a <= m.start() < b for a, b in plot_spans):
                    draft.mentions.append(Mention(m.start(1), m.end(1), (pk,), _sent_of(doc, m.start()), "name"))
    draft.mentions.sort(key=lambda m: m.start)
    # actors in parentheses right after a name
    ends = {m.end: m for m in draft.mentions}
    for a, b, actor in actors:
        j = a
        while j > 0 and text[j - 1] == " ":
            j -= 1
        m = ends.get(j)
        if m is not None and people[m.keys[0]].actor is None:
            people[m.keys[0]].actor = actor
            draft.actors[actor] = m.keys[0]
    for actor, role in intro_actors(text, other_spans):
        rt = set(_tokens(role))
        for pk, p in people.items():
            if p.actor is None and p.named and rt & set(_tokens(p.name)) and actor not in draft.actors:
                p.actor = actor
                draft.actors[actor] = pk
        draft.actors.setdefault(actor, "")  # an actor named outside the plot is never a character
        draft.actor_roles[actor] = role
    # genders from first names
    for p in people.values():
        p.gender = _title_gender(p.name) or _first_gender(p.name)
    return {k: v for k, v in kinds.items() if v == "place"}, {k: s.spans for k, s in surfaces.items()}


def _title_gender(name: str) -> str | None:
    title = name.split()[0].lower().rstrip(".") if name.split() else ""
    if title in ("mrs", "ms", "miss", "lady", "queen", "princess", "aunt", "sister", "mother", "madame", "señora"):
        return "f"
    if title in ("mr", "sir", "lord", "king", "prince", "uncle", "brother", "father", "señor", "don", "monsieur"):
        return "m"
    return None


def _first_gender(name: str) -> str | None:
    toks = _tokens(name)
    first = toks[0] if toks else ""
    if first in FEMALE_NAMES and first not in MALE_NAMES:
        return "f"
    if first in MALE_NAMES and first not in FEMALE_NAMES:
        return "m"
    return None


def _sent_of(doc: Doc, offset: int) -> int:
    import bisect
    starts = getattr(doc, "_sent_starts", None)
    if starts is None or len(starts) != len(doc.sentences):
        starts = doc._sent_starts = [a for a, _ in doc.sentences]
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _tokens(name: str) -> list[str]:
    return [t for t in re.findall(r"[^\W\d_][\w’'\-]*", name.lower()) if t not in TITLES and t not in NAME_ARTICLES]
