"""Job nouns used as titles before a name: "police chief Martin Brody", "Marine biologist
Tomas Okafor", "Mayor Larry Vaughn".

A job noun right before a proper name is the person's role (their ``description``), never a
character of its own ("police" in "police chief Brody" is no group that is there) and never
part of the name: "Oceanographer Matt Hooper" is Matt Hooper. A job title that belongs to
the office ("Mayor", "Senator", "Sheriff", "Chief" …) is taken off a full name too ("Mayor
Larry Vaughn" is Larry Vaughn, also "Mayor Vaughn"); honorifics ("Dr.", "Mrs.", "Captain",
"Don", "King") stay part of the name, as the text uses them."""

from __future__ import annotations

import re

from .cast import Draft, slug
from .doc import Doc
from .names import _verbish
from .words import NOT_AGENTS, ROLES, TITLES

__all__ = ["find_titles"]

#: Titles of an office, not of address: taken off a full name, kept as its description.
OFFICE_TITLES = frozenset("""mayor senator sheriff deputy chief governor councillor councilman councilwoman
detective inspector officer agent constable commissioner judge president marshal""".split())
#: Kin and company nouns: "his son Michael" is a relation (read elsewhere), not a job.
_KIN = frozenset("""son daughter wife husband brother sister mother father uncle aunt cousin nephew niece
grandson granddaughter grandfather grandmother friend boyfriend girlfriend partner fiance fiancé fiancee
fiancée lover widow widower stepmother stepfather stepson stepdaughter child children baby twin""".split())
_STOP = frozenset("""a an the his her their its this that these those and or but of in on at to from by with for
into as than then when while if so not no is are was were be been has have had who whom which named called""".split())


def _is_head(word: str) -> bool:
    lw = word.lower()
    if lw in _KIN or lw in _STOP:
        return False
    return lw in ROLES and not ROLES[lw][1] or lw in TITLES and lw in OFFICE_TITLES or lw in OFFICE_TITLES \
        or (word.islower() and len(lw) > 5 and lw.endswith(("ier", "eer", "ist", "ician")) and lw not in NOT_AGENTS)


#: ", a young pickpocket", " (Matt Damon), a card dealer", ", an American reporter": a job said after the name
_JOB_AFTER = re.compile(r"(?:\s*\([^()]{1,60}\))?,\s+(?:a|an|the)\s+((?:[A-Za-z][\w'’-]*\s+){0,3}[a-z][\w'’-]*)")
#: "the firm's auditor, Sam Whitlock", "a Jewish doctor, Daniel Rosen": a job said before the name
_JOB_BEFORE = re.compile(r"\b(?:[Aa]|[Aa]n|[Tt]he|[A-Z][\w]*(?:'s|’s)|[a-z]+(?:'s|’s))\s+((?:[A-Za-z][\w-]*\s+){0,2}[a-z][\w-]*),\s+$")


#: Words ending like jobs that are none, and people too plain to be a job ("a former …", "a woman").
_NOT_JOBS = frozenset("former latter elder older younger bigger heist woman man person girl boy same".split())


def _job_head(word: str) -> bool:
    if word in _KIN or word in _STOP or word in _NOT_JOBS or not (word.isalpha() and word.islower()):
        return False
    return (word in ROLES and not ROLES[word][1]) or word in OFFICE_TITLES \
        or (len(word) > 4 and word.endswith(("er", "or", "ist", "ian", "ier")) and word not in NOT_AGENTS)


def _job_phrase(phrase: str, last: bool) -> tuple[str, bool] | None:
    """The job a phrase names ("young pickpocket working the" -> "young pickpocket"; ``last``: its last word
    must be the head) and whether the head ends the phrase, or None."""
    words = phrase.split()
    for i, w in enumerate(words):
        if last and i < len(words) - 1:
            continue
        if _job_head(w) and (i + 1 == len(words) or not _job_head(words[i + 1])):
            if any(x in _STOP or x in _KIN or x in _NOT_JOBS or not x.replace("-", "").isalpha() for x in words[:i]):
                return None
            return " ".join(words[:i + 1]), i + 1 == len(words)
        if w in _STOP:
            return None
    return None


def _job_before(doc: Doc, start: int) -> tuple[int, str] | None:
    """(offset, phrase) of the job noun phrase right before a name at ``start`` ("harbour master")."""
    i = doc.index_at(start)
    words = doc.words
    if i == 0 or i > len(words) or words[i - 1].sent != words[min(i, len(words) - 1)].sent:
        return None
    head = words[i - 1]
    if head.poss or doc.text[head.end:start] != " " or not _is_head(head.text):
        return None
    if head.cap and not head.first and head.lower in TITLES:
        return None  # "Captain Hook" inside a sentence: a title of the name, read with it
    k = i - 1
    # modifiers before the head: nouns and adjectives, an acronym, the sentence's capitalised first word
    while k > 0 and i - k < 3 and words[k - 1].sent == head.sent and doc.text[words[k - 1].end:words[k].start] == " ":
        x = words[k - 1]
        if x.poss or x.lower in _STOP or x.lower in _KIN:
            break
        ok = (not x.cap and x.alpha and (not _verbish(x.lower) or x.lower in ROLES)) \
            or re.fullmatch(r"[A-Z]{2,5}", x.text) or (x.first and x.alpha)
        if not ok:
            break
        k -= 1
    phrase = re.sub(r"^(?:\d+-)?year-old\s+", "", doc.text[words[k].start:head.end])  # "17-year-old passenger"
    if words[k].first and not re.match(r"[A-Z]{2,5}\b", phrase):
        phrase = phrase[:1].lower() + phrase[1:]  # "Police chief …" opens a sentence: "police chief"
    return words[k].start, phrase


def find_titles(doc: Doc, draft: Draft) -> None:
    """Give named people the job noun written before their name as ``description``, drop the role
    mentions inside it ("police" of "police chief Brody"), and take job words off a name."""
    described: dict[str, str] = {}
    spans: list[tuple[int, int]] = []
    for m in draft.mentions:
        if m.how != "name" or len(m.keys) != 1:
            continue
        p = draft.people.get(m.keys[0])
        if p is None or not p.named or p.kind != "person":
            continue
        job = _job_before(doc, m.start)
        if job is not None:
            described.setdefault(p.key, job[1])
            spans.append((job[0], m.start))
    # a job in apposition: "Linus Caldwell (Matt Damon), a young pickpocket", "the firm's auditor, Sam Whitlock"
    text = doc.text
    for m in draft.mentions:
        if m.how != "name" or len(m.keys) != 1 or m.keys[0] in described:
            continue
        p = draft.people.get(m.keys[0])
        if p is None or not p.named or p.kind != "person":
            continue
        after = _JOB_AFTER.match(text, m.end, min(len(text), m.end + 120))
        before = _JOB_BEFORE.search(text, max(0, m.start - 60), m.start)
        for hit, last in ((after, False), (before, True)):
            job = _job_phrase(hit.group(1), last) if hit else None
            if job and not last and job[1] and re.match(r"\s+[A-Z]", text[hit.end():hit.end() + 2]):
                continue  # "…, the medic Irwin Wade": the job of the next name
            if job:
                described[p.key] = job[0]
                break
    # the name itself may begin with a job word ("Oceanographer Matt Hooper", "Mayor Larry Vaughn")
    for p in list(draft.people.values()):
        if not p.named or p.kind != "person":
            continue
        toks = p.name.split()
        lead = 0
        while lead < len(toks) - 2 and (toks[lead].lower() in OFFICE_TITLES
                                        or (toks[lead].lower() in ROLES and not ROLES[toks[lead].lower()][1]
                                            and toks[lead].lower() not in TITLES and toks[lead].lower() not in _KIN)
                                        or (lead and re.fullmatch(r"(?:[A-Z]\.){2,4}|[A-Z]{2,5}", toks[lead]))):
            lead += 1  # ("Deputy U.S. Marshal Samuel Gerard": the whole office)
        if lead == 0 and len(toks) >= 3 and toks[0].lower() in ("police", "fbi", "cia") and toks[1].lower() in OFFICE_TITLES:
            lead = 2  # "Police Chief Martin Brody"
        if lead == 0 or len(toks) - lead < 2:
            continue
        title, rest, full = " ".join(toks[:lead]), " ".join(toks[lead:]), p.name
        p.aliases = [a for a in p.aliases if a.casefold() != rest.casefold()]
        p.name = rest
        if toks[lead - 1].lower() in OFFICE_TITLES:
            p.add_alias(full)                                # "Mayor Larry Vaughn", as the text writes it
            p.add_alias(f"{toks[lead - 1]} {toks[-1]}")      # "Mayor Vaughn"
        title = " ".join(t if re.fullmatch(r"(?:[A-Z]\.){2,4}|[A-Z]{2,5}", t) else t.lower() for t in toks[:lead])
        described.setdefault(_rekey(draft, p.key, slug(rest, set(draft.people) - {p.key})), title)
    for key, job in described.items():
        p = draft.people[key]
        p.description = job
    if not spans:
        return
    # a role word inside a title is no one there: "police" of "police chief Brody"
    gone = []
    for m in draft.mentions:
        if m.how == "role" and any(a <= m.start and m.end <= b for a, b in spans):
            gone.append(m)
    if gone:
        ids = {id(m) for m in gone}
        draft.mentions[:] = [m for m in draft.mentions if id(m) not in ids]
        draft.role_mentions[:] = [rm for rm in draft.role_mentions if id(rm[0]) not in ids]
        left = {k for m in draft.mentions for k in m.keys}
        for m in gone:
            for k in m.keys:
                if k not in left and k in draft.people and not draft.people[k].named:
                    del draft.people[k]


def _rekey(draft: Draft, old: str, new: str) -> str:
    """Give a person the id of their name without its title (every reference follows)."""
    if new == old:
        return old
    people = draft.people
    p = people.pop(old)
    p.key = new
    people[new] = p
    for m in draft.mentions:
        if old in m.keys:
            m.keys = tuple(new if k == old else k for k in m.keys)
    for q in people.values():
        if q.owner == old:
            q.owner = new
    for actor, k in list(draft.actors.items()):
        if k == old:
            draft.actors[actor] = new
    for kin in draft.kin:
        for f in ("owner", "person"):
            if kin.get(f) == old:
                kin[f] = new
    draft.role_mentions[:] = [(rm, det, new if owner == old else owner, head)
                              for rm, det, owner, head in draft.role_mentions]
    return new
