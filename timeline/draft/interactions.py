"""Interactions and deaths from verbs: "Navajas kills the American" (kills),
"Navajas is killed by Bucho's bodyguards" (passive: the bodyguards kill Navajas),
"killing them all", "shoots Bucho dead". An infinitive ("threatens to kill her",
"sent to kill them") is an intention, not an act; "manage to wipe out" is an act."""

from __future__ import annotations

import re

from .cast import Draft, Mention
from .doc import Doc
from .names import _verbish
from .scenes import Cut
from .words import INTERACTION_VERBS, IRREGULAR

__all__ = ["find_interactions"]

_DETS = frozenset("a an the his her their its my your our this that another".split())
_BE = frozenset("is are was were be been being get gets got gotten getting".split())
_SUCCEED = frozenset("manage manages managed managing able".split())
_NEG = frozenset("not never fails failed fail cannot seemingly apparently supposedly nearly almost "
                 "presumably presumed believe believes believed believing thought think thinks assumed assume "
                 "assumes reported rumoured rumored feared fears fear pretends pretend pretended faked fakes "
                 "if whether".split())
_PLAN = re.compile(r"\b(?:plans?|planning|plot|plots|plotting|intends?|intending|wants?|hopes?|schemes?|(?:is|was) to|"
                   r"going to|in order to|so as to|tries to|attempts? to)\b", re.I)
#: Adverbs between "is" and its participle ("is later killed").
_ADVERBS = frozenset("later soon then also still once again eventually finally subsequently nearly instantly".split())
_DIE = re.compile(r"\b(?:dies|died|is found dead|are found dead|was found dead|drowns|drowned|commits suicide|"
                  r"committed suicide|kills (?:himself|herself)|killed (?:himself|herself)|perishes|perished|"
                  r"succumbs|(?:is|are|was|were|gets|get) eaten(?: alive)?|(?:bleeds|bled|burns|burned|is burned|"
                  r"is crushed|is beaten|freezes|froze|starves|starved) to death|takes (?:his|her|their) own lives?|"
                  r"(?:is|are|was|were) (?:executed|hanged|beheaded|electrocuted|blown (?:apart|up|to pieces))|explodes|"
                  r"(?:is|was|are|were) crushed by (?:a |the )?falling|"
                  r"(?:is|was|lies|lay) dead|(?:is|are|was|were) [a-z]+ed to death|"
                  r"(?:falls?|fell|falling|plunges?|plunged|plunging|jumps?|jumped|leaps?|leapt|leaped|tumbles?|tumbled)"
                  r"\b[^.;,]{0,30}? to (?:his|her|their|its) deaths?)\b", re.I)
#: "the body of financier Victor Haldane is found": the person is dead.
_BODY_OF = re.compile(r"\b(?:body|corpse|remains|dead body)\s+of\s+(?:(?:the|a|an)\s+)?(?:[a-z]+\s+){0,2}$", re.I)
#: "shoots the tank, blowing the shark apart": the one blown apart dies, by the clause's subject.
_BLOWN = re.compile(r"\b(?:blow|blows|blew|blowing)\s+(?:up\s+)?$", re.I)
_APART = re.compile(r"\s+(?:apart|up|to pieces|to bits)\b", re.I)
#: "Gardner's body", "Vito's funeral": the person is dead by then.
_REMAINS = re.compile(r"\s+(?:dead\s+)?(?:body|corpse|remains|funeral|grave|burial|wake|ashes|severed head|dead body)\b", re.I)
#: What may stand between a verb and its object ("kills the two young", "shoots him"), nothing more.
_SUBJECT_OK = frozenset("""and then also finally eventually soon later who that which he she they it we i
both all together again still now immediately quickly himself herself themselves alone too but or""".split())
_GAP_WORD = r"(?!(?:as|when|while|and|but|or|from|with|at|in|on|into|before|after|that|who|which|because|if)\b)"
_OBJECT_GAP = re.compile(r"\s*(?:(?:the|a|an|his|her|their|its|two|three|four|both|several|all)\s+)?"
                         r"(?:" + _GAP_WORD + r"[a-z][\w\-]*\s+){0,2}(?:" + _GAP_WORD + r"[a-z][\w\-]*,\s+(?:(?:the|a|an)\s+)?)?$")


def _forms(lemma: str) -> dict[str, str]:
    """form -> tense ("base", "s", "past", "pp", "ing") of an English verb."""
    if lemma in IRREGULAR:
        s, past, pp, ing = IRREGULAR[lemma]
    else:
        word = lemma
        if word.endswith(("s", "sh", "ch", "x", "z")):
            s = word + "es"
        elif word.endswith("y") and word[-2] not in "aeiou":
            s = word[:-1] + "ies"
        else:
            s = word + "s"
        if word.endswith("e"):
            past, ing = word + "d", word[:-1] + "ing"
        elif word.endswith("y") and word[-2] not in "aeiou":
            past, ing = word[:-1] + "ied", word + "ing"
        else:
            past, ing = word + "ed", word + "ing"
        pp = past
    return {lemma: "base", s: "s", past: "past", pp: "pp", ing: "ing"}


_FORMS: dict[str, tuple[str, str]] = {}
for _lemma, _type in INTERACTION_VERBS.items():
    for _form, _tense in _forms(_lemma).items():
        _FORMS.setdefault(_form, (_type, _tense))


class _Verb:
    """A verb form found in the text (the few methods of a match the code uses)."""

    __slots__ = ("_a", "_b", "_form")

    def __init__(self, a: int, b: int, form: str):
        self._a, self._b, self._form = a, b, form

    def start(self) -> int:
        return self._a

    def end(self) -> int:
        return self._b

    def group(self, _=0) -> str:
        return self._form


def _verbs(doc: Doc) -> list[_Verb]:
    """Every interaction verb of the plot, in text order (a dictionary look-up per word: linear)."""
    out = []
    words = doc.words
    for i, w in enumerate(words):
        if w.poss or not w.alpha or (w.cap and not w.first):
            continue  # ("Coach Bear Bryant", "Ethan Hunt": a name, not a verb)
        lw = w.lower
        if i + 1 < len(words) and words[i + 1].sent == w.sent:
            two = f"{lw} {words[i + 1].lower}"
            if two in _FORMS and doc.text[w.end:words[i + 1].start] == " ":
                out.append(_Verb(w.start, words[i + 1].end, two))
                continue
        if lw in _FORMS:
            out.append(_Verb(w.start, w.end, lw))
    return out


_CLAUSE = re.compile(r"\b(?:that|which|because|if|whether|while|although|though)\b|[,;]")


def _subject(text: str, prior: list[Mention], at: int) -> list[str]:
    """Who does the verb at ``at``: the mention just before it ("Ben Kenobi rescues him"),
    else the clause's subject ("Han …, and shoots him"), but not across "that" ("Luke
    finds that stormtroopers have killed …" is not Luke)."""
    if not prior:
        return []
    last = prior[-1]
    gap = text[last.end:at]
    if re.fullmatch(r"\s*(?:\([^)]*\)\s*)?,\s*(?:who|which)\s+(?:\w+ly\s+|then\s+|also\s+|later\s+)?", gap):
        return list(last.keys)  # "the assassin Navajas (Danny Trejo), who kills the American"
    if re.search(r"(?:\b(?:where|when|as|until|after|before|because|and)|[,;])\s+it\s", gap):
        return []  # "…, where it has landed on and killed the Wicked Witch": "it" does it
    before = re.search(r"([A-Za-z][\w'-]*) +$", gap)
    if before and before.start(1) > 0 and before.group(1).islower() and before.group(1) not in _SUBJECT_OK \
            and not _verbish(before.group(1)) and gap.strip() != before.group(1):
        return []  # "…, and lightning strikes the tower": a subject that is no character
    if gap.strip().lower() == "and" and not last.subject and len(prior) > 1:
        # "Navajas … kills the American and wounds El Mariachi": the American is an object
        return _subject(text, prior[:-1], prior[-2].end + 1) or list(prior[-2].keys)
    if len(gap.split()) <= 3 and not _CLAUSE.search(gap):
        return list(last.keys)
    if re.fullmatch(r"[^,;]*\band\s+(?:\w+ly\s+|then\s+|also\s+)?", gap) and not _CLAUSE.search(gap):
        # "Jackson hunts the sniper from a bell tower and kills him": the one who hunts
        for m in reversed(prior[:-1] if len(prior) > 1 else []):
            nxt = re.match(r"\s+(?:\w+ly\s+)?([a-z][\w'-]*)", text[m.end:m.end + 30])
            if nxt and not m.poss and nxt.group(1) not in _NOT_VERB and nxt.group(1) not in _NOT_VERB_WORDS \
                    and _verbish(nxt.group(1)) and nxt.group(1) not in _DETS:
                return list(m.keys)
            if m.subject:
                break
    subj = [m for m in prior if m.subject]
    src = subj[-1] if subj else last
    if re.search(r"\b(?:that|which|whether|if)\b", text[src.end:at]):
        return []
    return list(src.keys)


_AND_BE = re.compile(r"(?<![,;])\s\band\s+(?:(?:then|also|finally|soon|later)\s+)?(?:\w+ly\s+)?"
                     r"(?:(?:is|are|was|were|gets|get|got)\s+)?(?:\w+ly\s+)?$", re.I)
_NOT_VERB = frozenset("and or but who whom which that then also".split())
_PREP_WORDS = frozenset("of for by with to from at in on about named into onto toward towards than as".split())
_NOT_VERB_WORDS = frozenset("of for by with to from at in on about named into onto toward towards than as "
                            "is was are were".split())


def _coordinated_subject(text: str, prior: list[Mention], at: int, sent_start: int) -> list[str] | None:
    """The subject of a verb phrase joined by "and" to the one before ("Pete slips into
    the water and is eaten": Pete, not "the bear" who climbs earlier, nor an object
    before "and"): the last mention before ``at`` that a verb follows. None when
    the verb at ``at`` is no second verb phrase, or when a comma comes before "and"
    ("… when Harry touches him, and dies" goes back to the main clause)."""
    if not _AND_BE.search(text, sent_start, at):
        return None
    for m in reversed(prior):
        nxt = re.match(r"\s+(?:\w+ly\s+|then\s+|also\s+)?([a-z][\w'-]*)", text[m.end:m.end + 40])
        if nxt and nxt.group(1) not in _NOT_VERB and _verbish(nxt.group(1)) and nxt.group(1) not in _DETS \
                and (m.subject or nxt.group(1) not in _PREP_WORDS):
            return list(m.keys)
    return None


def find_interactions(doc: Doc, draft: Draft, cuts: list[Cut]) -> tuple[list[list[dict]], dict[str, dict]]:
    """Interactions per scene (dicts ready for the model) and fates by character key."""
    import bisect

    text = doc.text
    mentions = sorted(draft.mentions, key=lambda m: m.start)
    mstarts = [m.start for m in mentions]
    sstarts = [a for a, _ in doc.sentences]

    def sentence_at(offset: int) -> tuple[int, int]:
        return doc.sentences[max(0, bisect.bisect_right(sstarts, offset) - 1)]

    verbs = _verbs(doc)
    vstarts = [v.start() for v in verbs]
    per_scene: list[list[dict]] = []
    fates: dict[str, dict] = {}
    for ci, c in enumerate(cuts):
        found: list[dict] = []
        ms = mentions[bisect.bisect_left(mstarts, c.start):bisect.bisect_left(mstarts, c.end)]
        for v in verbs[bisect.bisect_left(vstarts, c.start):bisect.bisect_left(vstarts, c.end)]:
            form = v.group(1).lower()
            itype, tense = _FORMS[form]
            before = re.findall(r"[\w']+", text[max(c.start, v.start() - 40):v.start()].lower())
            bw = [b for b in before if not b.endswith("ly") and b not in _ADVERBS] or [""]
            if bw[-1] in _NEG or (len(bw) > 1 and bw[-2] in _NEG) or any(b in _NEG for b in before[-3:]):
                continue  # "is not killed", "is seemingly killed"
            if bw[-1] in _DETS:
                continue  # "a massacre", "his wounds": a noun
            if tense == "past" and text[max(0, v.start() - 2):v.start()] == ", " and text[v.end():v.end() + 1] == ",":
                continue  # "As he exits, wounded, …": an adjective
            if bw[-1] == "to" and not (len(bw) > 1 and bw[-2] in _SUCCEED):
                continue  # an intention
            if len(bw) > 1 and bw[-2] == "to" and bw[-1] in ("be", "get"):
                continue  # "taken away to be killed": an intention too
            if tense == "ing" and bw[-1] in ("of", "for"):
                continue  # "accuses Michael of killing her husband": a charge, not an act
            if tense == "ing" and _PLAN.search(text, max(sentence_at(v.start())[0], v.start() - 90), v.start()):
                continue  # "his plan is to start a war by killing Buttercup": an intention
            passive = tense in ("pp", "past") and bw[-1] in _BE or (len(bw) > 1 and bw[-2] in _BE and bw[-1] in ("been", "being"))
            # "a Jedi Knight killed by Vader": a participle with "by" is passive too
            passive = passive or (tense in ("pp", "past") and re.match(r"\s+(?:\w+\s+){0,2}?by\b", text[v.end():v.end() + 30]))
            sent_start, sent_end = sentence_at(v.start())
            prior = [m for m in ms if sent_start <= m.start < v.start() and not m.poss]
            after = [m for m in ms if v.end() <= m.start < min(sent_end, v.end() + 45) and not m.poss]
            if after and not _OBJECT_GAP.match(text[v.end():after[0].start]):
                after = []  # "kills a man rowing a boat, and Michael …": Michael is not the one killed
            if len(after) > 1 and re.fullmatch(r",?\s+and\s+(?:(?:the|a|an|his|her|their)\s+)?",
                                               text[after[0].end:after[1].start]):
                after = [after[0], after[1]]  # "kills Pembry and Boyle"
            else:
                after = after[:1]
            dead = itype in ("shoots", "wounds", "attacks") and re.match(
                r"(?:\s+\S+){0,2}?\s+(?:dead\b|to death\b)", text[v.end():v.end() + 40])
            if dead and not any(h in _NEG for h in re.findall(r"[\w']+", dead.group(0).lower())):
                itype = "kills"  # "shoots Bucho dead" (not "tortures Westley, seemingly to death")
            if passive:
                if not prior:
                    continue
                targets = _coordinated_subject(text, prior, v.start(), sent_start) or list(prior[-1].keys)
                # "Campa and Quino are killed", "she and their son were killed"
                gap = text[prior[-2].end:prior[-1].start] if len(prior) > 1 else ""
                # (not "Viktor arrives with his guards, and Viktor is killed": a comma joins clauses, not a list)
                if len(prior) > 1 and re.fullmatch(r"and(?:\s+(?:the|a|an|his|her|their|its))?", gap.strip(" ,").lower()) \
                        and ("," not in gap or text[max(0, prior[-2].start - 2):prior[-2].start].startswith(",")):
                    targets = list(prior[-2].keys) + targets
                by = re.match(r"[^.;]{0,30}?\bby\b", text[v.end():v.end() + 60])
                sources: list[str] = []
                if by:
                    at = v.end() + by.end()
                    src = [m for m in ms if at <= m.start < at + 40 and not m.poss
                           and _OBJECT_GAP.match(text[at:m.start])]
                    if src:
                        sources = list(src[0].keys)
            else:
                lead = re.search(r"(?:,|\b(?:before|after|while|by|without|upon|when|since))\s*$",
                                 text[max(0, v.start() - 12):v.start()])
                if tense == "ing" and not lead:
                    sources = list(prior[-1].keys) if prior else []
                elif tense == "ing":
                    subj = [m for m in ms if sent_start <= m.start < v.start() and m.subject]
                    sources = list(subj[-1].keys) if subj else (list(prior[-1].keys) if prior else [])
                else:
                    sources = _subject(text, prior, v.start())
                targets = [k for m in after for k in m.keys]
            for t in targets:
                if itype == "kills" and t not in fates:
                    who = next((s for s in sources if s != t), None)
                    how = "killed" + (f" by {draft.people[who].name}" if who else "")
                    fates[t] = {"how": how, "scene": ci, "by": who, "at": v.start(),
                                "reported": bool(_REPORTED.search(text, sent_start, v.start()))}
                for s in sources:
                    if s != t:
                        found.append({"type": itype, "source": s, "target": t})
        for d in _DIE.finditer(text, c.start, c.end):
            sent_start = sentence_at(d.start())[0]
            hedge = re.findall(r"[\w']+", text[max(sent_start, d.start() - 25):d.start()].lower())[-2:]
            if any(h in _NEG for h in hedge):
                continue  # "nearly drowns", "is believed dead"
            prior = [m for m in ms if sent_start <= m.start < d.start() and not m.poss]
            if prior and text[max(0, d.start() - 3):d.start()].strip() not in ("to",):
                for t in _coordinated_subject(text, prior, d.start(), sent_start) or _subject(text, prior, d.start()):
                    if t not in fates and draft.people[t].kind == "person":
                        fates[t] = {"how": d.group(0).lower().replace("is ", "").replace("was ", ""), "scene": ci, "by": None,
                                    "at": d.start()}
        for m in ms:
            # "blowing the shark apart", "blows up the creature": dead, by the subject of the clause
            if m.poss or len(m.keys) != 1 or m.keys[0] in fates:
                continue
            head = text[max(c.start, m.start - 40):m.start]
            head = re.sub(r"(?:the|a|an|its|his|her|their)\s+$", "", head, flags=re.I)
            blown = _BLOWN.search(head)
            if blown and (_APART.match(text, m.end) or re.search(r"\bup\s+$", head)):
                sent_start = sentence_at(m.start)[0]
                prior = [x for x in ms if sent_start <= x.start < m.start - len(head) + blown.start() and not x.poss]
                doers = [x for x in prior if re.match(r"\s+(?:\w+ly\s+)?([a-z][\w'-]*)", text[x.end:x.end + 30])
                         and _verbish(re.match(r"\s+(?:\w+ly\s+)?([a-z][\w'-]*)", text[x.end:x.end + 30]).group(1))
                         and text[x.end:x.end + 30].split()[0] not in _NOT_VERB]
                # the doer of the clause the participle hangs on ("…, and Owen drops a flare, blowing it apart")
                who = next((k for k in (list(doers[-1].keys) if doers else []) if k != m.keys[0]), None)
                fates[m.keys[0]] = {"how": "killed" + (f" by {draft.people[who].name}" if who else ""), "scene": ci,
                                    "by": who, "at": m.start}
        for m in ms:
            # "finds Ofelia dying", "leaves him dying"
            if not m.poss and len(m.keys) == 1 and m.keys[0] not in fates and re.match(r"\s+dying\b", text[m.end:m.end + 8]) \
                    and draft.people[m.keys[0]].kind == "person":
                fates[m.keys[0]] = {"how": "dies", "scene": ci, "by": None, "at": m.start}
        for m in ms:
            # "the body of Victor Haldane is found": dead by then
            if not m.poss and len(m.keys) == 1 and m.keys[0] not in fates and m.how != "pronoun" \
                    and _BODY_OF.search(text, max(c.start, m.start - 50), m.start) \
                    and draft.people[m.keys[0]].kind == "person":
                fates[m.keys[0]] = {"how": "dead", "scene": ci, "by": None, "at": m.start}
        for m in ms:
            # "sees Gardner's body", "at Vito's funeral": dead by then
            if m.poss and len(m.keys) == 1 and m.keys[0] not in fates and _REMAINS.match(text, m.end + 2) \
                    and draft.people[m.keys[0]].kind == "person":
                fates[m.keys[0]] = {"how": "dead", "scene": ci, "by": None, "at": m.start}
        for at, itype, a, b in draft.relations:
            if c.start <= at < c.end:
                found.append({"type": itype, "source": a, "target": b})
        seen = set()
        uniq = []
        for it in found:
            k = (it["type"], it["source"], it["target"])
            if k not in seen:
                seen.add(k)
                uniq.append(it)
        per_scene.append(uniq)
    _drop_told_deaths(mentions, cuts, fates)
    return per_scene, fates


#: "Scar tells the lionesses that Simba was killed": a death someone tells, true or not.
_REPORTED = re.compile(r"\b(?:tells?|told|says?|said|claims?|claimed|lies|lied|announces?|announced|reports?|"
                       r"insists?|insisted|convinces?|convinced|persuades?|persuaded|assures?|assured)\b[^.;]*\bthat\b[^.;]*$",
                       re.I)


def _drop_told_deaths(mentions: list[Mention], cuts: list[Cut], fates: dict[str, dict]) -> None:
    """A death only told by someone ("tells them that Simba was killed") is no death when the
    person later does something by name, outside a flashback."""
    later = [c for c in cuts if not c.flashback]
    for key, f in list(fates.items()):
        if not f.get("reported"):
            continue
        after = [c.start for c in later if c.start > f["at"]]
        if after and any(m.subject and m.how == "name" and key in m.keys and m.start >= after[0] for m in mentions):
            del fates[key]
