"""Places: "at / in / into / outside the …" phrases whose head is a place noun
("a bar", "a back alley", "a deserted part of town", "Bucho's ranch"), and the
capitalised names :mod:`.names` read as places ("Mexico", "the Bates Motel").
"a bar in Mexico" nests the bar in Mexico."""

from __future__ import annotations

from .cast import Draft, Place, slug
from .doc import Doc
from .words import LOCATIVE, MOTION_VERBS, NATIONALITIES, PART_NOUNS, PLACE_NOUNS

__all__ = ["find_places"]

_DETS = frozenset("the a an his her their its this that another".split())
#: Words that never sit inside a place's name ("the field where", "a room and").
_STOP = frozenset("and or but of to in at on by for with from that which who where when as than then".split())
_DROP_MODS = frozenset("nearby local same small large big little other new old empty nearest".split())
#: Nouns that end like adjectives ("the archive room", "the hospital car park").
_NOUN_MODS = frozenset("archive detective executive hospital terminal festival capital animal rental "
                       "arrival departure chemical medical ballroom".split())
_BARE = frozenset("town home prison jail hospital school church court camp college work sea shore".split())
_TRIGGERS = LOCATIVE | frozenset(("on",)) | frozenset("enter enters entered entering exit exits exited exiting reach reaches reached "
                                 "reaching leave leaves leaving left storm storms stormed storming raid raids raided "
                                 "attack attacks attacked attacking cross crosses crossed crossing guard guards guarded "
                                 "defend defends defended defending search searches searched searching beside along beyond by past".split())
#: "the town of Ramelle": a place noun naming the place after "of"
_NAMING_NOUNS = frozenset("town city village province state kingdom island port region county realm land".split())


def _place_noun(word) -> bool:
    """A lower-case place noun, or its plural ("the bunkers", "the streets", "the trenches")."""
    lw = word.lower
    if word.cap:
        return False
    return lw in PLACE_NOUNS or (len(lw) > 4 and lw.endswith("s") and not lw.endswith("ss") and (
        lw[:-1] in PLACE_NOUNS or (lw.endswith("es") and lw[:-2] in PLACE_NOUNS)))


def _adjective(word: str) -> bool:
    """True for a modifier a place's name can do without ("a small Italian restaurant": the restaurant)."""
    if word in _NOUN_MODS:
        return False
    return word in _DROP_MODS or word in NATIONALITIES or word.endswith(
        ("ed", "al", "ous", "ful", "ic", "ive", "ish", "less", "ian", "ese", "ing", "est", "ary", "ory", "ble")) \
        or any(ch.isdigit() for ch in word)


def find_places(doc: Doc, draft: Draft, named_places: dict, spans_of: dict) -> None:
    """Fill ``draft.places`` and ``draft.place_mentions``."""
    text, words = doc.text, doc.words
    found: list[tuple[int, int, str]] = []

    def add(name: str, key: str, start: int, proper: bool) -> str:
        p = draft.places.get(key)
        if p is None:
            pk = slug(key, {q.key for q in draft.places.values()} | set(draft.people))
            p = draft.places[key] = Place(pk, name, start, proper=proper)
        return key

    for surface, kind in named_places.items():
        spans = spans_of.get(surface, ())
        # "at Jack Rabbit Slim's": a place named with 's keeps it
        name = surface + "'s" if spans and all(text[b:b + 2] in ("'s", "’s") for _, b, *_ in spans) else surface
        for a, b, *_ in spans:
            found.append((a, b, add(name, surface.lower(), a, True)))
    n = len(words)
    last_of: dict[str, str] = {}  # a place noun -> the key of the last place it headed with a name
    for idx, w in enumerate(words):
        lw = w.lower
        trig = lw in _TRIGGERS or (lw == "for" and idx > 0 and words[idx - 1].lower in MOTION_VERBS)
        if not trig:
            continue
        if idx + 1 < n and words[idx + 1].lower in LOCATIVE and words[idx + 1].sent == w.sent:
            continue  # "from outside": the last one leads
        j = idx + 1
        det = None
        owner = None
        if j < n and words[j].sent == w.sent and words[j].lower in _DETS:
            det = words[j].lower
            j += 1
        elif j < n and words[j].poss and words[j].sent == w.sent:
            owner = words[j].text
            j += 1
        mods = []
        while j < n and words[j].sent == w.sent and len(mods) < 3:
            x = words[j]
            if (_place_noun(x) or (x.lower in PART_NOUNS and j + 1 < n and words[j + 1].lower == "of")) and not x.cap:
                # the head is the last place noun of a run ("police station", "field command post")
                k = j
                while k + 1 < n and not words[k + 1].cap and words[k + 1].sent == w.sent and (
                        _place_noun(words[k + 1]) or (k + 2 < n and words[k + 1].alpha and not words[k + 2].cap
                                                      and words[k + 2].sent == w.sent and _place_noun(words[k + 2])
                                                      and words[k + 1].lower not in _STOP)):
                    k += 1 if _place_noun(words[k + 1]) else 2
                head = words[k]
                end = head.end
                if head.lower in _NAMING_NOUNS and k + 2 < n and words[k + 1].lower == "of" and words[k + 2].cap \
                        and words[k + 2].sent == w.sent:
                    # "near the town of Ramelle": the place is Ramelle
                    q = k + 2
                    while q + 1 < n and words[q + 1].cap and words[q + 1].sent == w.sent:
                        q += 1
                    name = text[words[k + 2].start:words[q].end]
                    found.append((words[k + 2].start, words[q].end, add(name, name.lower(), words[k + 2].start, True)))
                    break
                # "a boarding house", "the drying sheds": a gerund before the head is part of its name
                name_words = [m for mi, m in enumerate(mods) if not _adjective(m)
                              or (mi == len(mods) - 1 and m.endswith("ing") and len(m) > 5)]
                key = " ".join([y.lower for y in words[j:k + 1]])
                if head.lower in PART_NOUNS and k + 2 < n and words[k + 1].lower == "of":
                    tail = words[k + 2] if words[k + 2].lower not in _DETS else words[k + 3] if k + 3 < n else None
                    if tail is None or tail.lower not in PLACE_NOUNS:
                        break
                    else:
                        key = f"{' '.join(name_words + [key])} of {tail.lower}"
                        end = tail.end
                        name_words = []
                        mods = []
                        j = idx + 1 + (1 if det or owner else 0)
                if det is None and owner is None and head.lower not in _BARE and not mods:
                    break
                if det is None and owner is None and mods:
                    break
                if name_words:
                    # "the surveillance room" and "the archive room" are two rooms
                    last_of[key] = key = " ".join(name_words + [key])
                elif det != "another":
                    key = last_of.get(key, key)  # "the room": the last room named
                if det == "another":
                    key = "another " + key
                name = " ".join(name_words + [text[words[j].start:end]]) if name_words else text[words[j].start:end]
                if owner:
                    name = f"{owner}'s {name}"
                if det == "another":
                    name = "another " + name
                start = words[idx + 1].start
                found.append((start, end, add(name, key, start, False)))
                break
            if not x.alpha or (x.cap and x.lower not in NATIONALITIES) or x.lower in LOCATIVE:
                break
            mods.append(x.lower)
            j += 1
    found.sort()
    # "a bar in Mexico": the bar is in Mexico
    for (a, b, k1), (c, d, k2) in zip(found, found[1:]):
        gap = text[b:c].strip().lower()
        if k1 != k2 and gap in ("in", "in the", "in a", "of", "of the", "outside", "outside the", "near", "near the", ",",
                                "at", "at the", "on", "on the") and draft.places[k1].parent is None:
            by_id = {p.key: p for p in draft.places.values()}
            up, seen = draft.places[k2], set()
            while up is not None and up.key not in seen and up.key != draft.places[k1].key:
                seen.add(up.key)
                up = by_id.get(up.parent) if up.parent else None
            if up is None:  # no cycle: k2 is not inside k1
                draft.places[k1].parent = draft.places[k2].key
    draft.place_mentions = found
