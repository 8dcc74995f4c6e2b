"""Relational references: "his father", "Vito's son", "her husband", "Mrs. Bates".

A summary names a relative once ("His youngest son Michael", "Marcus Aurelius tells
… his own son Commodus", "her nervous mother, Amandine Fouet") and then calls them
by the relation ("visiting his father", "murders his father"). The drafter
remembers each relation it is told (and its inverse: Michael's father is Vito), finds
whose "his"/"her" it is (the subject last mentioned, of that gender), and reads the
relation as that person. Unresolved relations of one person are one character
("his wife … Maximus's wife"); a lone "the mother" is the one mother the story has;
"Mrs. Bates" is "Norman Bates's mother" or wife when the surname says so."""

from __future__ import annotations

import bisect

import re

from .cast import Draft, Mention, Person, slug
from .doc import Doc

__all__ = ["resolve_relations"]

# relation of the owner's relative -> (inverse for a male owner, inverse for a female owner)
_INVERSE = {
    "father": ("son", "daughter"), "mother": ("son", "daughter"), "parent": ("son", "daughter"),
    "son": ("father", "mother"), "daughter": ("father", "mother"), "child": ("father", "mother"),
    "husband": ("husband", "wife"), "wife": ("husband", "wife"),
    "brother": ("brother", "sister"), "sister": ("brother", "sister"),
    "uncle": ("nephew", "niece"), "aunt": ("nephew", "niece"),
    "nephew": ("uncle", "aunt"), "niece": ("uncle", "aunt"),
    "grandfather": ("grandson", "granddaughter"), "grandmother": ("grandson", "granddaughter"),
    "grandson": ("grandfather", "grandmother"), "granddaughter": ("grandfather", "grandmother"),
    "boyfriend": ("boyfriend", "girlfriend"), "girlfriend": ("boyfriend", "girlfriend"),
    "fiance": ("fiance", "fiancee"), "fiancee": ("fiance", "fiancee"),
}
_FEMALE_KIN = frozenset("mother wife sister aunt niece grandmother granddaughter girlfriend fiancee daughter".split())
_MALE_KIN = frozenset("father husband brother uncle nephew grandfather grandson boyfriend fiance son".split())
_FAMILY = _FEMALE_KIN | _MALE_KIN | frozenset(("child", "parent"))
_SIBLINGS = re.compile(r"\b(are|were|are actually|are really) (brothers|sisters|siblings|cousins|twins)\b", re.I)
_ASIDE = re.compile(r"[\"“]?(?:[A-Z][a-z]+ing|After|When|While|Before|As|Upon|On|Despite|Though|Although)\b")
_OF_KIN = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?(?:(?:younger|elder|older|eldest|youngest|only|adopted|"
                     r"illegitimate|estranged|late|twin)\s+)?(son|daughter|wife|husband|brother|sister|father|mother|"
                     r"nephew|niece|uncle|aunt|grandson|granddaughter|widow)\s+of\s+(?:the\s+)?", re.I)
_SPOUSE_OR_PARENT = {"f": ("mother", "wife"), "m": ("father", "husband")}


def _owner_of(doc: Doc, draft: Draft, starts: list[int], ordered: list[Mention], det: str, at: int, sent: int,
              skip: set[int]) -> str | None:
    """Whose "his"/"her" at offset ``at``: the subject mentioned last (this sentence or the two before)
    of that gender, else the last person of that gender."""
    want = {"his": "m", "her": "f"}.get(det)
    if want is None:
        return None
    i = bisect.bisect_left(starts, at) - 1
    k = i
    while k >= 0 and (id(ordered[k]) in skip or len(ordered[k].keys) != 1):
        k -= 1
    if k >= 0 and ordered[k].sent == sent and len(doc.text[ordered[k].end:at].split()) <= 1:
        p = draft.people.get(ordered[k].keys[0])
        if p is not None and p.kind == "person" and p.gender in (want, None):
            return p.key  # "Norman and his mother"
    a = doc.sentences[sent][0] if 0 <= sent < len(doc.sentences) else 0
    if _ASIDE.match(doc.text, a) and (i < 0 or ordered[i].start < a):
        # "Visiting his father in the hospital, Michael finds …": the subject after the comma
        comma = doc.text.find(", ", at, doc.sentences[sent][1])
        j = bisect.bisect_left(starts, comma) if comma > 0 else len(ordered)
        m = ordered[j] if j < len(ordered) else None
        if m is not None and m.sent == sent and len(m.keys) == 1 and m.start - comma <= 4 \
                and draft.people[m.keys[0]].gender in (want, None) and draft.people[m.keys[0]].kind == "person":
            return m.keys[0]
    for subjects_only, exact in ((True, True), (False, True), (True, False), (False, False)):
        k = i
        while k >= 0 and sent - ordered[k].sent <= 2:
            m = ordered[k]
            k -= 1
            if id(m) in skip or len(m.keys) != 1 or (subjects_only and not m.subject):
                continue
            p = draft.people.get(m.keys[0])
            if p is not None and p.kind == "person" and (p.gender == want if exact else p.gender is None):
                return p.key
    return None


def _surname(p: Person) -> str | None:
    parts = p.name.split()
    return parts[-1].casefold() if len(parts) >= 2 else None


def resolve_relations(doc: Doc, draft: Draft) -> None:
    """Point relational mentions at the person they name (see the module docstring)."""
    people = draft.people
    ordered = sorted(draft.mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    skip = {id(rm) for rm, *_ in draft.role_mentions}
    kin: dict[tuple[str, str], str] = {}
    for rec in draft.kin:
        owner = rec["owner"] or _owner_of(doc, draft, starts, ordered, rec["det"], rec["at"], rec["sent"], skip)
        person = rec["person"]
        if owner is None or owner == person or owner not in people or person not in people:
            continue
        kin.setdefault((owner, rec["head"]), person)
        if rec["head"] in _FAMILY:
            draft.relations.append((rec["at"], f"{rec['head']}_of", person, owner))
        inv = _INVERSE.get(rec["head"])
        g = people[owner].gender
        if inv and g in ("m", "f"):
            kin.setdefault((person, inv[0] if g == "m" else inv[1]), owner)
    # "Simba, son of King Mufasa and Queen Sarabi": a relation told after the name
    for i, x in enumerate(ordered[:-1]):
        y = ordered[i + 1]
        if x.sent != y.sent or len(x.keys) != 1 or len(y.keys) != 1 or x.keys == y.keys or x.poss:
            continue
        told = _OF_KIN.fullmatch(doc.text, x.end, y.start)
        if not told:
            continue
        head = told.group(1).lower()
        parents = [y]
        if i + 2 < len(ordered) and ordered[i + 2].sent == x.sent and len(ordered[i + 2].keys) == 1 \
                and re.fullmatch(r"\s+and\s+", doc.text[y.end:ordered[i + 2].start]):
            parents.append(ordered[i + 2])  # "… of King Mufasa and Queen Sarabi"
        for z in parents:
            owner, person = z.keys[0], x.keys[0]
            if owner not in people or person not in people or people[owner].kind != "person":
                continue
            kin.setdefault((owner, head), person)
            draft.relations.append((x.start, f"{head}_of", person, owner))
            inv = _INVERSE.get(head)
            g = people[owner].gender
            if inv and g in ("m", "f"):
                kin.setdefault((person, inv[0] if g == "m" else inv[1]), owner)
    # "his uncle" is his father's brother: relatives of relatives
    for (owner, head), person in list(kin.items()):
        if head not in ("father", "mother"):
            continue
        for far, near in (("uncle", "brother"), ("aunt", "sister"), ("grandfather", "father"), ("grandmother", "mother")):
            if (person, near) in kin and kin[(person, near)] != owner:
                kin.setdefault((owner, far), kin[(person, near)])
    # "El Mariachi and Bucho are brothers"
    for a, b in doc.sentences:
        for r in _SIBLINGS.finditer(doc.text, a, b):
            i = bisect.bisect_left(starts, r.start()) - 1
            if i >= 1 and ordered[i].sent == ordered[i - 1].sent and \
                    re.fullmatch(r",?\s*and\s*", doc.text[ordered[i - 1].end:ordered[i].start]):
                x, y = ordered[i - 1].keys, ordered[i].keys
                if len(x) == len(y) == 1 and x != y and doc.text[ordered[i].end:r.start()].strip() == "":
                    kind = {"brothers": "brother", "sisters": "sister", "cousins": "cousin", "twins": "twin"}.get(
                        r.group(2).lower(), "sibling")
                    draft.relations.append((r.start(), f"{kind}_of", x[0], y[0]))
                    draft.relations.append((r.start(), f"{kind}_of", y[0], x[0]))
    # relational mentions: the relative named, else one character per (owner, relation)
    by_owner: dict[tuple[str, str], str] = {}
    for p in people.values():
        if not p.named and p.owner and p.head:
            by_owner.setdefault((p.owner, p.head), p.key)
    renamed: dict[str, str] = {}  # role key -> its one owner so far
    moved: dict[str, list[tuple[int, str]]] = {}  # role key -> (offset, person) of its mentions read as someone
    for rm, det, owner, head in draft.role_mentions:
        role = rm.keys[0]
        if owner is None:
            owner = _owner_of(doc, draft, starts, ordered, det, rm.start, rm.sent, skip)
        if owner is None or owner == role or owner not in people:
            continue
        target = kin.get((owner, head))
        if target is None and (owner, head) in by_owner:
            target = by_owner[(owner, head)]
        if target is None and head not in _FAMILY:
            continue  # "his American friend": no relation to split by
        if target is None:
            p = people[role]
            if p.owner is None and renamed.get(role, owner) == owner:
                renamed[role] = owner
                by_owner[(owner, head)] = role
                continue
            # another owner's relative: a character of its own
            name = f"{people[owner].name}'s {head}"
            key = slug(name, people)
            people[key] = Person(key, name, rm.start, named=False, kind=p.kind, gender=p.gender, owner=owner, head=head)
            by_owner[(owner, head)] = key
            target = key
        if target != role:
            rm.keys = (target,)
            people[target].mentions += 1
            people[role].mentions -= 1
            moved.setdefault(role, []).append((rm.start, target))
    # pronouns placed on a relation follow it ("murders his father by smothering him")
    for m in draft.mentions:
        if m.how == "pronoun" and len(m.keys) == 1 and m.keys[0] in moved:
            before = [t for at, t in moved[m.keys[0]] if at < m.start]
            if before:
                m.keys = (before[-1],)
    for role, owner in renamed.items():
        p = people[role]
        if p.owner is None and not p.named:
            p.owner = owner
            p.name = f"{people[owner].name}'s {p.head}"
    # "Mrs. Bates" is Norman Bates's mother (or wife); "the mother" the one mother there is
    for p in list(people.values()):
        if p.named or not p.owner or p.head not in _FEMALE_KIN | _MALE_KIN or p.owner not in people:
            continue
        sur = _surname(people[p.owner])
        g = "f" if p.head in _FEMALE_KIN else "m"
        if sur is None or p.head not in _SPOUSE_OR_PARENT[g]:
            continue
        titled = [q for q in people.values() if q.named and q.key != p.owner and len(q.name.split()) == 2
                  and q.name.split()[0].lower().rstrip(".") in (("mrs", "madame", "señora", "frau") if g == "f"
                                                                  else ("mr", "monsieur", "señor", "herr"))
                  and q.name.split()[1].casefold() == sur]
        if len(titled) == 1:
            _merge(draft, p.key, titled[0].key)
    heads: dict[str, list[str]] = {}
    for p in people.values():
        if p.head and p.kind == "person":
            heads.setdefault(p.head, []).append(p.key)
    for head, keys in heads.items():
        bare = [k for k in keys if people[k].owner is None]
        owned = [k for k in keys if people[k].owner is not None]
        if head in _FEMALE_KIN | _MALE_KIN and len(bare) == 1 and len(owned) == 1:
            _merge(draft, bare[0], owned[0])


def _merge(draft: Draft, old: str, new: str) -> None:
    """Every mention of ``old`` becomes one of ``new`` (``old`` is left with none)."""
    for m in draft.mentions:
        if old in m.keys:
            m.keys = tuple(dict.fromkeys(new if k == old else k for k in m.keys))
    p, q = draft.people[old], draft.people[new]
    q.mentions += p.mentions
    p.mentions = 0
    q.add_alias(p.name.removeprefix("The ").removeprefix("the "))
    draft.note("merged", "character", p.name, p.first, f"“{p.name}” read as {q.name} (the same relative)", targets=[new])
