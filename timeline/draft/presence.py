"""Who is there: pronouns carried to the last fitting character, and mentions that
only talk about someone ("looking for Bucho", "Bucho's limo") kept apart from
presence.

"he"/"him" go to the last male (or not yet known) person, preferring the subject
of the last two sentences; "she"/"her" likewise; "they"/"them"/"the couple" to the
last group or the last people named together ("El Mariachi and Carolina")."""

from __future__ import annotations

import re
from collections import Counter

from .cast import Draft, Mention
from .doc import Doc
from .names import _verbish
from .words import ROLES

__all__ = ["resolve_pronouns", "talked_about"]

_HE = frozenset(("he", "him", "himself"))
_SHE = frozenset(("she", "her", "herself"))
_THEY = frozenset(("they", "them", "themselves"))
_COUPLE = re.compile(r"\b(?:the couple|the pair|both of them|the lovers|the (?:two|three|four|five|six) of them|"
                     r"(?:the (?:two|three|four|five|six)|both)(?:\s+(?:young\s+|old\s+|surviving\s+)?[a-z]+)?)\b", re.I)
_REPORTED = re.compile(r"\b(?:that|whether|how|if|why)\s+$", re.I)
_DEATH_TOLD = re.compile(r"\s+(?:was|had been|has been|is|had|has)\s+(?:\w+ly\s+)?(?:killed|murdered|eaten|drowned|"
                         r"died|dead|devoured|executed|poisoned|strangled|shot dead|stabbed to death)\b", re.I)
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "both": 2}
_MALE_PLURALS = frozenset("men boys brothers sons fathers husbands gentlemen lads kings princes monks".split())
_FEMALE_PLURALS = frozenset("women girls sisters daughters mothers wives ladies queens princesses nuns".split())
_TALK = frozenset("""for about named called of concerning regarding mentions mentioned looking searching
search find seek seeks seeking whether""".split())


_SUBJECT_PRONOUNS = frozenset("he she they it we i".split())
_PREPOSITIONS = frozenset("of for by with to from at in on about named into onto toward towards than".split())


def _mark_subjects(doc: Doc, mentions: list[Mention]) -> None:
    """The subject of each unit: its first mention that is no possessive and follows no preposition."""
    i = 0
    text = doc.text
    for u in doc.units:
        first = True
        while i < len(mentions) and mentions[i].start < u.end:
            m = mentions[i]
            if m.start >= u.start and first and not m.poss:
                prev = re.findall(r"[\w']+", text[max(u.start, m.start - 20):m.start].lower())
                lead = re.findall(r"[\w']+", text[u.start:m.start].lower())
                # "There he finds Vincent": a subject pronoun before it is the subject
                if (not prev or prev[-1] not in _PREPOSITIONS) and not _SUBJECT_PRONOUNS.intersection(lead):
                    m.subject = True
                first = False
            i += 1


def _alias_genders(draft: Draft) -> None:
    """A person whose other name is a gendered noun is of that gender ("Viktor's driver, a young man named …")."""
    for p in draft.people.values():
        if p.gender is None and p.kind == "person":
            heads = {a.split()[-1].lower() for a in p.aliases if a.split() and a[:1].islower()}
            genders = {ROLES[h][0] for h in heads if h in ROLES and ROLES[h][0] in ("m", "f")}
            if len(genders) == 1:
                p.gender = genders.pop()


def _vote_genders(doc: Doc, draft: Draft) -> None:
    """Learn the gender of named people whose first name did not tell: the pronoun
    that opens the next clause after a sentence whose subject they are."""
    votes: dict[str, Counter] = {}
    by_sent: dict[int, list[Mention]] = {}
    for m in draft.mentions:
        by_sent.setdefault(m.sent, []).append(m)
    for u in doc.units:
        ms = [m for m in by_sent.get(u.sent, []) if m.start < u.start]
        subj = next((m for m in ms if m.subject), None)
        if subj is None:
            prev = by_sent.get(u.sent - 1, [])
            subj = next((m for m in prev if m.subject), None) if u.first_in_sentence else None
        if subj is None or len(subj.keys) != 1:
            continue
        p = draft.people.get(subj.keys[0])
        if p is None or p.kind != "person" or not p.named:
            continue
        head = doc.text[u.start:u.start + 60].lower()
        m = re.match(r"(?:(?:but|and|then|later|however|so|when|as|after|before)[, ]+)*(he|she)\b", head)
        if m is None and u.first_in_sentence and not any(x.start < u.start + 60 for x in by_sent.get(u.sent, [])
                                                          if x.start >= u.start):
            m = re.match(r"[^.;]*?\b(he|she)\b", head)
        if m:
            votes.setdefault(p.key, Counter())[m.group(1)] += 1
    for key, c in votes.items():
        p = draft.people[key]
        if p.gender is None:
            he, she = c["he"], c["she"]
            if he > she:
                p.gender = "m"
            elif she > he:
                p.gender = "f"


def _count_phrase(phrase: str) -> tuple[int, str | None] | None:
    """(how many, gender) of a count phrase ("the two men": 2, "m"; "both women": 2, "f";
    "the three friends": 3, None), or None when it counts no people ("the two cars")."""
    words = phrase.lower().split()
    if words[0] != "both" and words[:2] in (["the", "couple"], ["the", "pair"], ["the", "lovers"]):
        return 2, None
    if words[:3] == ["both", "of", "them"]:
        return 2, None
    if len(words) == 4 and words[2:] == ["of", "them"] and words[1] in _COUNTS:
        return _COUNTS[words[1]], None  # "the three of them"
    n = _COUNTS.get(words[0] if words[0] == "both" else words[1])
    noun = words[-1] if len(words) > (1 if words[0] == "both" else 2) else None
    if noun is None:
        return (2, None) if words[0] != "both" else None  # "the two": a pair; "both" alone counts nothing
    if noun in _MALE_PLURALS:
        return n, "m"
    if noun in _FEMALE_PLURALS:
        return n, "f"
    if noun in ROLES and ROLES[noun][1] or noun in ("people", "survivors", "friends", "children", "kids", "lovers"):
        return n, None
    return (2, None) if n == 2 and words[0] != "both" else None  # "The two agree": "the two" alone is a pair


class _Living:
    """The mentions and plural sets of people still alive at an offset, kept up to date as the
    offset grows (the lists only grow; a death makes them filtered anew once)."""

    def __init__(self, history: list, plurals: list, dead: dict[str, int], alive):
        self.all_history, self.all_plural, self.alive = history, plurals, alive
        self.deaths = sorted(set(dead.values()))
        self.di = 0
        self.history: list = []
        self.plurals: list = []
        self.nh = self.np = 0

    def at(self, at: int) -> tuple[list, list]:
        crossed = False
        while self.di < len(self.deaths) and self.deaths[self.di] <= at:
            self.di += 1
            crossed = True
        if crossed:
            self.history, self.plurals, self.nh, self.np = [], [], 0, 0
        alive = self.alive
        for h in self.all_history[self.nh:]:
            if any(alive(k, at) for k in h.keys):
                self.history.append(h)
        for o, ks in self.all_plural[self.np:]:
            ks = tuple(k for k in ks if alive(k, at))
            if ks:
                self.plurals.append((o, ks))
        self.nh, self.np = len(self.all_history), len(self.all_plural)
        return self.history, self.plurals


def resolve_pronouns(doc: Doc, draft: Draft, dead: dict[str, int] | None = None) -> None:
    """Add pronoun mentions (``how="pronoun"``) to ``draft.mentions``.

    ``dead`` maps a character to the offset after which the text has told their death:
    "he", "she", "they" and count words ("the two men") after it never pick them, and
    "him"/"her" that do ("they bury him") only talk about them."""
    dead = dead or {}

    def alive(k: str, at: int) -> bool:
        return dead.get(k, len(doc.text) + 1) > at

    mentions = sorted(draft.mentions, key=lambda m: m.start)
    _mark_subjects(doc, mentions)
    _alias_genders(draft)
    _vote_genders(doc, draft)
    people = draft.people
    text = doc.text
    out: list[Mention] = []
    i = 0
    history: list[Mention] = []  # mentions so far (names, roles and resolved pronouns)
    plural_sets: list[tuple[int, tuple[str, ...]]] = []  # (offset, keys) of "X and Y" and groups
    all_history, all_plural = history, plural_sets
    couple = [(m.start(), m.end()) for a, b in doc.sentences for m in _COUPLE.finditer(text, a, b)]
    events = [(w.start, "w", w) for w in doc.words if w.lower in _HE or w.lower in _SHE or w.lower in _THEY]
    events += [(a, "c", (a, b)) for a, b in couple]
    events.sort(key=lambda e: e[0])
    unplaced = 0
    first_unplaced = None

    import bisect
    sstarts = [a for a, _ in doc.sentences]

    def sent_of(offset):
        return max(0, bisect.bisect_right(sstarts, offset) - 1)

    living = _Living(all_history, all_plural, dead, alive)
    for at, kind, obj in events:
        while i < len(mentions) and mentions[i].start < at:
            m = mentions[i]
            # "X and Y": a plural set
            if all_history:
                prev = all_history[-1]
                gap = text[prev.end:m.start].strip(" ,").lower()
                if gap in ("and", ", and") and prev.keys != m.keys:
                    all_plural.append((m.start, tuple(dict.fromkeys(prev.keys + m.keys))))
            if len(m.keys) == 1 and people[m.keys[0]].kind == "group":
                all_plural.append((m.start, m.keys))
            all_history.append(m)
            i += 1
        objective = kind == "w" and (obj.lower in ("him", "her", "himself", "herself") or (
            obj.lower in ("he", "she") and _REPORTED.search(text, max(0, at - 12), at)))
        if dead and not objective:
            # the dead are not who "he", "she", "they" or "the two men" are after their death
            # (kept up to date as the text goes on, filtered anew only when someone has died: linear)
            history, plural_sets = living.at(at)
        else:
            history, plural_sets = all_history, all_plural
        if kind == "c":
            a, b = obj
            counted = _count_phrase(text[a:b])
            if counted is None:
                continue
            n, gender = counted

            def fits(k: str, gender: str | None = gender) -> bool:
                return people[k].kind == "person" and (gender is None or people[k].gender in (gender, None))

            here = sent_of(a)
            recent = [s for s in plural_sets if len(s[1]) == n and all(fits(k) for k in s[1])
                      and here - sent_of(s[0]) <= 3]
            mixed = [s for s in recent if {people[k].gender for k in s[1]} == {"m", "f"}]
            if text[a:b].lower() in ("the couple", "the lovers") and mixed:
                keys = mixed[-1][1]
            elif recent and (n == 2 and gender is None or recent[-1] is plural_sets[-1]):
                keys = recent[-1][1]
            else:
                # the last n living people of the fitting gender ("the two men row back")
                # (of the gender the noun says first: "both women" are no man of unknown gender)
                # (not the subject of its own clause: "Travis kills the three men" are not Travis)
                doer = {k for h in history if h.sent == here and h.start >= _unit_start(doc, a) and not h.poss
                        and re.match(r"\s+(?:\w+ly\s+)?[a-z]+s\b", text[h.end:h.end + 30]) for k in h.keys}
                keys = ()
                for exact in ((True, False) if gender else (False,)):
                    persons = []
                    for h in reversed(history):
                        if here - h.sent > 3:
                            break
                        for k in h.keys:
                            if fits(k) and k not in persons and k not in doer and (not exact or people[k].gender == gender):
                                persons.append(k)
                        if len(persons) >= n:
                            break
                    if len(persons) >= n:
                        keys = tuple(persons[:n])
                        break
            if keys:
                m = Mention(a, b, keys, here, "pronoun", subject=_opens_clause(doc, a))
                out.append(m)
                all_history.append(m)
                all_plural.append((a, keys))
            continue
        w = obj
        lw = w.lower
        sent = w.sent
        if lw in _THEY:
            # "he and Carolina": the set is still being named
            if plural_sets and sent - sent_of(plural_sets[-1][0]) <= 2 and w.start - plural_sets[-1][0] <= 400:
                keys = plural_sets[-1][1]
            else:
                # no pair named lately: the last two people of the last sentences ("Jesse meets Céline … They wander")
                persons: list[str] = []
                for h in reversed(history):
                    if sent - h.sent > 3:
                        break
                    for k in h.keys:
                        if people[k].kind == "person" and k not in persons:
                            persons.append(k)
                    if len(persons) >= 2:
                        break
                keys = tuple(persons) if len(persons) == 2 else ()
                if keys:
                    all_plural.append((w.start, keys))
            if keys:
                m = Mention(w.start, w.end, keys, sent, "pronoun", subject=lw == "they")
                out.append(m)
                all_history.append(m)
            else:
                unplaced += 1
                first_unplaced = first_unplaced if first_unplaced is not None else w.start
            continue
        if lw == "her" and _possessive_her(text, w.end):
            continue  # "her partner": a possessive, like "his"
        want = "m" if lw in _HE else "f"
        pick = None
        # "him"/"her" is not the subject of its own clause ("Han … shoots him": not Han)
        own = set()
        if lw in ("him", "her"):
            near = history[-1] if history and history[-1].sent == sent else None
            gap = text[near.end:w.start].split() if near is not None else []
            if near is not None and gap and gap[0].lower() == "and" and not near.subject and len(gap) <= 3:
                # "Maximus disarms Commodus and kills him": the one before "and" is an object, not "him"'s subject
                for h in reversed(history):
                    if h.sent != sent:
                        break
                    if h.subject and h.start >= _unit_start(doc, w.start):
                        own.update(h.keys)
                        break
            elif near is not None and len(gap) <= 3 and not re.search(r"[,;]", text[near.end:w.start]) \
                    and not any(g.endswith("ing") for g in gap):
                own.update(near.keys)  # "Harry touches him": not Harry
                if len(history) > 1 and text[history[-2].end:near.start].strip().lower() == "and":
                    own.update(history[-2].keys)  # "Harry and Ron rescue her"
            else:
                # the subject of its own verb: the last one before it followed by a verb ("she hears it and shoots him")
                for k in range(len(history) - 1, -1, -1):
                    h = history[k]
                    if h.sent != sent:
                        break
                    nxt = re.match(r"\s+([a-z][\w'-]*)", text[h.end:h.end + 30])
                    if not h.poss and nxt and _verbish(nxt.group(1)) and nxt.group(1) not in _PREPOSITIONS \
                            and nxt.group(1) not in ("and", "or", "but", "who", "whom", "which", "that"):
                        own.update(h.keys)
                        if k > 0 and text[history[k - 1].end:h.start].strip(" ,").lower() == "and":
                            own.update(history[k - 1].keys)  # "Tommy and Jimmy then … shoot him"
                        break
                for h in (reversed(history) if not own else ()):
                    if h.sent != sent:
                        break
                    if h.subject and h.start >= _unit_start(doc, w.start):
                        own.update(h.keys)
        if lw in ("him", "her") and own:
            # "Jackson hunts the sniper from a bell tower and kills him": the object of the first verb
            near = history[-1] if history and history[-1].sent == sent else None
            if near is not None and not near.subject and not near.poss and len(near.keys) == 1 \
                    and near.keys[0] not in own and people[near.keys[0]].kind == "person" \
                    and people[near.keys[0]].gender in (want, None) \
                    and re.fullmatch(r"[^,;]{0,40}\band\s+(?:\w+ly\s+|then\s+)?[a-z]+\s+", text[near.end:w.start]) \
                    and not re.search(r"\b(?:who|whom|which|that|when|while|as|after|before)\b", text[near.end:w.start]):
                pick = near.keys[0]
        if lw in ("him", "her") and pick is None:
            # the same pronoun earlier in the sentence is the same person ("corners him and shoots him")
            # (or in the sentence before, when no one of that gender is named in between: "takes her up to
            # Yubaba. Yubaba gives her …")
            fitting_here = False
            for h in reversed(history):
                if h.sent != sent:
                    break
                if len(h.keys) == 1 and h.keys[0] not in own and not h.poss and people[h.keys[0]].kind == "person" \
                        and people[h.keys[0]].gender in (want, None):
                    fitting_here = True
                    break
            for h in reversed(history):
                if sent - h.sent > (0 if fitting_here else 1):
                    break
                if h.how == "pronoun" and len(h.keys) == 1 and text[h.start:h.end].lower() == lw \
                        and h.keys[0] not in own:
                    pick = h.keys[0]
                    break
                if h.sent != sent and h.how != "pronoun" and len(h.keys) == 1 and h.keys[0] not in own \
                        and people[h.keys[0]].gender in (want, None) and people[h.keys[0]].kind == "person":
                    break
        passes = ((True, True), (False, True), (True, False), (False, False))
        for subjects_only, exact in (passes if lw in ("him", "her") and pick is None else ()):
            # an object pronoun: someone else of its own sentence first, its subjects before the rest
            # ("Cheritto takes a hostage, but Hanna corners him": Cheritto; "… Greedo, and shoots him")
            for h in reversed(history):
                if h.sent != sent:
                    break
                if subjects_only and not h.subject:
                    continue
                if len(h.keys) == 1 and h.keys[0] not in own and (h.how != "pronoun" or subjects_only) and not h.poss:
                    p = people[h.keys[0]]
                    if p.kind == "person" and (p.gender == want if exact else p.gender is None):
                        pick = p.key
                        break
            if pick is not None:
                break
        if pick is None and lw in ("he", "she"):
            # this sentence's subject is no fitting person ("The police arrest … Pierre Dubois; he dies"):
            # the last fitting person named in it
            same = []
            for h in reversed(history):
                if h.sent != sent:
                    break
                same.insert(0, h)
            if same and not any(h.subject and len(h.keys) == 1 and people[h.keys[0]].kind == "person"
                                and people[h.keys[0]].gender in (want, None) for h in same):
                for h in reversed(same):
                    p = people[h.keys[0]] if len(h.keys) == 1 else None
                    if p is not None and not h.poss and p.kind == "person" and p.gender in (want, None) and h.how == "name":
                        pick = p.key
                        break
        if pick is None and lw in ("he", "she"):
            # no subject of this sentence or the last fits: the last fitting person named there, even
            # through a possessive ("Hooper examines Ann's remains. He confirms that she was killed": Ann)
            near = []
            for h in reversed(history):  # (the text's last two sentences only: no walk over all of it)
                if sent - h.sent > 1 and h.start < w.start:
                    break
                if sent - h.sent <= 1 and h.start < w.start and len(h.keys) == 1 and h.keys[0] not in own \
                        and people[h.keys[0]].kind == "person":
                    near.append(h)
            near.reverse()
            if near and not any(h.subject and people[h.keys[0]].gender in (want, None) for h in near):
                pick = next((h.keys[0] for h in reversed(near) if people[h.keys[0]].gender == want),
                            next((h.keys[0] for h in reversed(near) if people[h.keys[0]].gender is None
                                  and people[h.keys[0]].named), None))
        # a subject of this or the last two sentences first, then any recent mention
        for h in (reversed(history) if pick is None else ()):
            if sent - h.sent > 2:
                break
            if h.subject and len(h.keys) == 1 and h.keys[0] not in own:
                p = people[h.keys[0]]
                if p.kind == "person" and p.gender in (want, None) and not (
                        p.gender is None and h.sent != sent and _has_gendered(people, want, history, sent)):
                    pick = p.key
                    break
        if pick is None:
            for h in reversed(history):
                if sent - h.sent > 3:
                    break
                if len(h.keys) == 1 and h.keys[0] not in own:
                    p = people[h.keys[0]]
                    if p.kind == "person" and p.gender == want:
                        pick = p.key
                        break
        if pick is None and own:
            for h in reversed(history):
                if sent - h.sent > 1:
                    break
                if len(h.keys) == 1 and h.keys[0] not in own and people[h.keys[0]].kind == "person" \
                        and people[h.keys[0]].gender is None:
                    pick = h.keys[0]
                    break
        if pick is None:
            unplaced += 1
            first_unplaced = first_unplaced if first_unplaced is not None else w.start
            continue
        if people[pick].gender is None:
            people[pick].gender = want  # "she" placed on Fabienne: Fabienne is a she from now on
        subj = lw in ("he", "she")
        # "they bury him": the dead are talked about, not there; so is one whose death is reported
        # ("He confirms that she was killed by a shark")
        told = lw in ("he", "she") and _REPORTED.search(text, max(0, w.start - 12), w.start) \
            and _DEATH_TOLD.match(text, w.end)
        m = Mention(w.start, w.end, (pick,), sent, "pronoun", subject=subj and _opens_clause(doc, w.start),
                    talk=not alive(pick, w.start) or bool(told))
        out.append(m)
        all_history.append(m)
    draft.mentions.extend(out)
    draft.mentions.sort(key=lambda m: m.start)
    # subjects again, now that pronouns are mentions too ("but he burns when Harry touches him": he)
    for m in draft.mentions:
        m.subject = False
    _mark_subjects(doc, draft.mentions)
    _names_told(doc, draft)
    _is_really(doc, draft)
    if unplaced:
        draft.note("uncertain", "text", "pronouns", first_unplaced,
                   f"{unplaced} pronoun(s) could not be placed on a character (the first here)", count=unplaced)


_NOT_NOUN = frozenset("""to and with a an the that into in on at for from away off up down out back again as but or so
about by dead alone because when while if too herself home over through before after until not never""".split())


def _possessive_her(text: str, end: int) -> bool:
    """True if the "her" ending at ``end`` is a possessive ("her partner"), not an object."""
    m = re.match(r"\s+([a-z][\w'’-]*)", text[end:end + 30])
    return bool(m) and m.group(1) not in _NOT_NOUN and not m.group(1).endswith("ly")


_NAME_IS = re.compile(r"\b(his|her) (?:real |true |full )?name is [\"“]?([A-ZÀ-Þ][\w’'\-]+(?: [A-ZÀ-Þ][\w’'\-]+)?)")


def _names_told(doc: Doc, draft: Draft) -> None:
    """"… his name is Rumpelstiltskin": the name of the one last mentioned (he or she)."""
    people = draft.people
    mentions = draft.mentions
    for a, b in doc.sentences:
        for m in _NAME_IS.finditer(doc.text, a, b):
            want = "m" if m.group(1) == "his" else "f"
            before = [x for x in mentions if x.start < m.start() and len(x.keys) == 1 and m.start() - x.start < 400]
            for x in reversed(before):
                p = people[x.keys[0]]
                if p.kind == "person" and p.gender in (want, None) and p.name != m.group(2):
                    if not p.named or m.group(2) not in p.aliases:
                        p.add_alias(m.group(2))
                        draft.note("merged", "character", m.group(2), m.start(2),
                                   f"“{m.group(2)}” is the name of {p.name}", targets=[p.key])
                    break


_IS_NAME = re.compile(r"\b(he|she) (?:is|was) (?:really |actually |in fact |secretly |none other than )?"
                      r"([A-ZÀ-Þ][\w’'\-]+(?: [A-ZÀ-Þ][\w’'\-]+)*)")


def _is_really(doc: Doc, draft: Draft) -> None:
    """"… tells her that she is Princess Moanna": a name first written there is another name of "she",
    when "she" is someone named in this sentence or the one before."""
    people = draft.people
    at = {m.start: m for m in draft.mentions}
    for a, b in doc.sentences:
        for r in _IS_NAME.finditer(doc.text, a, b):
            pm, nm = at.get(r.start(1)), at.get(r.start(2))
            if pm is None or nm is None or len(pm.keys) != 1 or len(nm.keys) != 1 or pm.keys == nm.keys:
                continue
            p, q = people[pm.keys[0]], people[nm.keys[0]]
            named_near = any(m.how == "name" and m.keys == pm.keys and 0 <= pm.sent - m.sent <= 1
                             for m in draft.mentions if m.start < pm.start)
            if not (p.named and q.named and q.first == nm.start and named_near and q.kind == p.kind == "person"):
                continue
            for x in draft.mentions:
                if q.key in x.keys:
                    x.keys = tuple(dict.fromkeys(p.key if k == q.key else k for k in x.keys))
            p.add_alias(q.name)
            for alias in q.aliases:
                p.add_alias(alias)
            p.mentions += q.mentions
            q.mentions = 0
            draft.note("merged", "character", q.name, r.start(2), f"“{q.name}” is another name of {p.name}",
                       targets=[p.key])


def _has_gendered(people, want, history, sent) -> bool:
    """True if a person of gender ``want`` was mentioned lately (then an unknown one is not picked)."""
    for h in reversed(history):
        if sent - h.sent > 2:
            break
        if len(h.keys) == 1 and people[h.keys[0]].gender == want:
            return True
    return False


def _unit_start(doc: Doc, offset: int) -> int:
    import bisect
    starts = getattr(doc, "_unit_starts", None)
    if starts is None or len(starts) != len(doc.units):
        starts = doc._unit_starts = [u.start for u in doc.units]
    i = bisect.bisect_right(starts, offset) - 1
    return doc.units[i].start if i >= 0 else 0


def _opens_clause(doc: Doc, offset: int) -> bool:
    import bisect
    starts = getattr(doc, "_unit_starts", None)
    if starts is None or len(starts) != len(doc.units):
        starts = doc._unit_starts = [u.start for u in doc.units]
    i = bisect.bisect_right(starts, offset) - 1
    return i >= 0 and offset < doc.units[i].end and offset - doc.units[i].start < 30


def talked_about(doc: Doc, m: Mention) -> bool:
    """True if mention ``m`` only talks about its character (not shown present)."""
    if m.poss or m.talk:
        return True
    text = doc.text
    sent_start = doc.sentences[m.sent][0] if 0 <= m.sent < len(doc.sentences) else max(0, m.start - 200)
    said = text[max(sent_start, m.start - 400):m.start]
    if said.count("\"") % 2 == 1 or said.count("“") > said.count("”"):
        return True  # inside a quotation
    before = text[max(0, m.start - 40):m.start]
    prev = re.findall(r"[\w']+", before.lower())[-3:]
    prev = [p for p in prev if p not in ("a", "an", "the", "his", "her", "their", "man", "woman")]
    if prev and prev[-1] in ("named", "called"):
        # "a young diver named Elsie swims out": an introduction, there; "looking for a man named Elsie": talk
        intro = _INTRO.search(text, max(sent_start, m.start - 80), m.start)
        if intro is not None:
            lead = re.findall(r"[\w']+", text[max(sent_start, intro.start() - 30):intro.start()].lower())
            return bool(lead) and lead[-1] in _TALK
    if len(prev) > 1 and prev[-1] == "of" and prev[-2] in ("front", "sight", "presence", "view"):
        return False  # "speaks to Tess in front of Benedict": there
    if _SAID_THAT.search(text, sent_start, m.start) and m.how != "pronoun":
        return True  # "Hennessy tells him that the princess has been taken ill": only told of
    return bool(prev) and prev[-1] in _TALK


#: A clause of what someone says or learns, up to the mention: "tells him that …"
_SAID_THAT = re.compile(r"\b(?:tells?|told|says?|said|claims?|claimed|explains?|explained|announces?|announced|"
                        r"reports?|reported|informs?|informed|learns?|learned|learnt|hears?|heard)\b"
                        r"(?:\s+\w+){0,2}\s+that\b[^.;:,]*$", re.I)


#: "a young woman named", "an old trawlerman called": the noun phrase a name is introduced by.
_INTRO = re.compile(r"\b(?:a|an|the|one)\s+(?:[a-z][\w'-]*\s+){0,3}?(?:named|called)\s+$", re.I)
