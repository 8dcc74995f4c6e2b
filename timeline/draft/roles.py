"""Unnamed characters: "the bartender", "a young boy", "an unnamed American man",
"Bucho's men" (a group, owned by Bucho).

A role phrase is a determiner (or an owner's name with 's), up to three modifiers
and a role noun from :data:`.words.ROLES`. Phrases with the same role noun (or the
same nationality: "the American man", "his American friend", "the American") and
the same owner are one character. A bare "a man" is too generic to be anyone; a
role in apposition to a name ("the assassin Navajas", "Carolina, the owner of …")
is that name, not a new character."""

from __future__ import annotations

import re

from .cast import Draft, Mention, Person, slug
from .names import _TITLE_ABBR, _verbish
from .doc import Doc
from .words import (ANAPHORIC_GROUPS, GENERIC_ROLES, MOTION_VERBS, NATIONALITIES, NOT_AGENTS, PEOPLES,
                    PERSON_VERBS, PLACE_NOUNS, ROLES, TITLES)

__all__ = ["find_roles"]

_DETS = frozenset("the a an his her their its another two three four several some this that these those one both".split())
_COUNT_DETS = frozenset("two three four".split())
#: People counted back ("the two men", "the three friends"): the ones named before, never a group of their own.
_COUNTED = frozenset("men women boys girls friends brothers sisters people lovers survivors soldiers children kids".split())
_PRONOUNS = frozenset("he she it they we i you".split())
_WEAK_MODS = frozenset("unnamed other same two three four several one both all nearby".split())
_COPULA = frozenset("is are was were be been being becomes became become remains remained as".split())
_STOP = frozenset("""is are was were be been being has have had and or but of in on at to from by with for into
that which who whom as than then when while if so not no""".split())
#: Words after a noun that never make it a modifier ("blowing the eel apart", "shoots the guard dead").
_AFTER_NOUN = frozenset("apart away off up down out back aside overboard alive dead together home again".split())


def _plural_of_name(head: str, draft: Draft) -> bool:
    for p in draft.people.values():
        for t in p.name.lower().split():
            if head in (t + "s", t + "es"):
                return True
    return False


#: Group nouns that name the same people when no one owns them ("the mob" … "the cheering crowd").
_SAME_GROUP = {"mob": "crowd", "crowds": "crowd", "audience": "crowd", "spectators": "crowd", "onlookers": "crowd",
               "cops": "police", "policemen": "police", "troops": "soldiers", "townsfolk": "townspeople",
               "villagers": "townspeople", "citizens": "townspeople"}
#: Words after which a plural without a determiner is a group that acts ("As workers burn …", "killed by orcs").
_BARE_BEFORE = frozenset("by and as when while after before until because once since if".split())
_APPOSED_NAME = re.compile(r"(?:the|a|an)\s+(?:[a-z][\w\-]*\s+){0,2}")


def _kin(draft: Draft, det: str, owner: str | None, head: str, m: Mention, at: int, sent: int) -> None:
    """Remember "his son Commodus" / "Vito's son Michael" (see :mod:`.relations`)."""
    if det in ("his", "her", "their", "'s") and len(m.keys) == 1:
        draft.kin.append({"det": det, "owner": owner, "head": head, "person": m.keys[0], "at": at, "sent": sent})
    p = draft.people.get(m.keys[0]) if len(m.keys) == 1 else None
    g = ROLES.get(head, (None, False))[0]
    if p is not None and p.gender is None and g in ("m", "f"):
        p.gender = g  # "her cold father, Raphaël Poulain": Raphaël is a he


def _group_mention(draft: Draft, by_key, new_mentions, groups_recent, w, start: int, key: tuple, name: str,
                   alias: str, text: str) -> None:
    pk = by_key.get(key)
    if pk is None:
        pk = slug(name, draft.people)
        draft.people[pk] = Person(pk, name, start, named=False, kind="group", head=key[1])
        by_key[key] = pk
    p = draft.people[pk]
    if alias.casefold() != p.name.casefold().removeprefix("the "):
        p.add_alias(alias)
    p.mentions += 1
    groups_recent.append((w.sent, pk))
    new_mentions.append(Mention(start, w.end, (pk,), w.sent, "role"))


def _family_mention(draft, by_key, new_mentions, groups_recent, w, start, family: str, text: str) -> None:
    """"the Tattaglias", "the Tattaglia family": one group per surname."""
    surname = family[:1].upper() + family[1:]
    _group_mention(draft, by_key, new_mentions, groups_recent, w, start, (None, f"{family} family"),
                   f"The {surname} family", text[start:w.end].removeprefix("the ").removeprefix("The "), text)


def _people_mention(draft, by_key, new_mentions, groups_recent, w, start, text: str) -> None:
    """"the Germans", "the Nazis": a people acting as one."""
    _group_mention(draft, by_key, new_mentions, groups_recent, w, start, (None, w.lower),
                   f"The {w.text}", w.text, text)


def find_roles(doc: Doc, draft: Draft, generic: bool = False) -> None:
    """Add the unnamed characters and their mentions to ``draft``."""
    text, words = doc.text, doc.words
    name_at = {m.start: m for m in draft.mentions}
    name_end = {m.end: m for m in draft.mentions}
    actor_at = {a: (a, b) for a, b in draft.actor_spans}
    by_key: dict[tuple, str] = {}
    new_mentions: list[Mention] = []
    groups_recent: list[tuple[int, str]] = []  # (sentence, person key) of group mentions
    for m in draft.mentions:
        if draft.people[m.keys[0]].kind == "group":
            groups_recent.append((m.sent, m.keys[0]))
    n = len(words)
    role_end: dict[int, Mention] = {}
    surnames = {t.lower() for p in draft.people.values() if p.named and p.kind == "person" and len(p.name.split()) > 1
                for t in p.name.split()[-1:]} | {t.lower() for p in draft.people.values() if p.named
                                                  and p.kind == "person" for t in p.name.split()[:1]}
    for idx, w in enumerate(words):
        lw = w.lower
        is_role = lw in ROLES and (not w.cap or w.first and ROLES[lw][1] and not w.poss)  # "Sharks eat the marlin"
        if not is_role and not w.cap and lw.endswith(("er", "or", "ist", "ian")) and len(lw) > 4 \
                and lw not in NOT_AGENTS and idx + 1 < n and words[idx + 1].sent == w.sent:
            after = words[idx + 1].lower
            # "a poor miller tells …": an agent noun that does what people do
            is_role = after in PERSON_VERBS or after in MOTION_VERBS
        if not is_role and w.cap and not w.poss and ROLES.get(lw, (None, False))[1] and idx > 0 \
                and words[idx - 1].lower == "the" and lw[:-1] not in surnames:
            is_role = True  # "the Rangers fight their way off the beach": a group written with a capital
        is_nat = lw in NATIONALITIES and w.cap
        prev_the = idx > 0 and words[idx - 1].lower == "the" and words[idx - 1].sent == w.sent
        nxt_w = words[idx + 1] if idx + 1 < n and words[idx + 1].sent == w.sent else None
        family = None
        if w.cap and not w.poss and lw.endswith("s") and len(lw) > 3 and (lw[:-1] in NATIONALITIES or lw[:-1] in PEOPLES) \
                and not (nxt_w is not None and nxt_w.alpha and not nxt_w.cap and not _verbish(nxt_w.lower)):
            # "the Germans", "Nazis are excavating": a people acting as one
            _people_mention(draft, by_key, new_mentions, groups_recent, w,
                            words[idx - 1].start if prev_the else w.start, text)
            continue
        if w.cap and not w.poss and prev_the and lw.endswith("s") and len(lw) > 3:
            if lw[:-1] in NATIONALITIES or lw[:-1] in PEOPLES:
                # "the Germans", "the Nazis": a people acting as one
                is_role = True
            elif lw[:-1] in surnames:
                family = lw[:-1]  # "the Tattaglias": the Tattaglia family
        if family is not None:
            _family_mention(draft, by_key, new_mentions, groups_recent, w, words[idx - 1].start, family, text)
            continue
        if not (is_role or is_nat):
            continue
        if w.cap and lw[:-1] in (NATIONALITIES | PEOPLES) and lw.endswith("s"):
            _people_mention(draft, by_key, new_mentions, groups_recent, w, words[idx - 1].start, text)
            continue
        nxt = words[idx + 1] if idx + 1 < n and words[idx + 1].sent == w.sent else None
        if nxt is not None and not w.poss and nxt.lower in ROLES and not nxt.cap:
            continue  # "police officer", "American man": the next word is the head
        if nxt is not None and nxt.lower in PLACE_NOUNS and not nxt.cap and lw not in NATIONALITIES:
            continue  # "a farmhand cottage"
        after2 = words[idx + 2] if idx + 2 < n and words[idx + 2].sent == w.sent else None
        noun_ing = nxt is not None and nxt.lower.endswith("ing") and after2 is not None and after2.alpha \
            and not after2.cap and (after2.lower in ROLES or after2.lower.endswith(("er", "or", "ist")))  # "a Spanish fencing master"
        if nxt is not None and not w.poss and nxt.alpha and not nxt.cap and text[w.end:nxt.start] == " " \
                and (not _verbish(nxt.lower) or noun_ing) and nxt.lower not in _STOP and nxt.lower not in _AFTER_NOUN and (is_nat or nxt.lower not in ROLES) \
                and not (is_role and ROLES.get(lw, (None, False))[1]):
            continue  # "the Roman general", "a rival paper": a modifier of the noun after it
        named_next = nxt is not None and nxt.cap and nxt.start in name_at and text[w.end:nxt.start] == " "
        if nxt is not None and nxt.lower in ("a", "an", "the", "his", "her", "their") and not w.poss:
            continue  # "a dog guards a trapdoor": a verb
        if _plural_of_name(lw, draft):
            continue  # "the three mariachis"
        # walk back over modifiers to the determiner or the owner
        mods: list[str] = []
        j = idx - 1
        det = None
        owner = None
        owner_text = None
        fam_name = None
        while j >= 0 and words[j].sent == w.sent and len(mods) <= 3:
            x = words[j]
            if lw in ("family", "families", "clan", "gang") and x.cap and x.lower in surnames and not x.poss \
                    and j > 0 and words[j - 1].lower == "the":
                fam_name = x.lower  # "the Tattaglia family"
                break
            if x.poss:
                m = name_at.get(x.start) or name_end.get(x.end)  # "van der Berg's men"
                if m is not None:
                    owner = m.keys[0]
                owner_text = text[x.start:x.end + 2]
                det = "'s"
                break
            if x.lower in _DETS:
                det = x.lower
                break
            if x.lower in _PRONOUNS:
                det = None  # "in her bedroom she rebels": a verb after its subject, no role
                break
            if not x.alpha or x.lower in _STOP or (x.cap and x.lower not in NATIONALITIES
                                                   and not re.fullmatch(r"[A-Z]{2,5}", x.text)):
                break  # (an acronym is a modifier: "an FBI hostage rescue team")
            mods.insert(0, x.lower)
            j -= 1
        if fam_name is not None:
            _family_mention(draft, by_key, new_mentions, groups_recent, w, words[j - 1].start, fam_name, text)
            continue
        if det is None and ROLES.get(lw, (None, False))[1] and not w.poss and not any(_verbish(x) for x in mods) and (
                j < 0 or words[j].sent != w.sent or words[j].lower in _BARE_BEFORE or words[j].text in (",", ";")
                or (words[j].first and words[j].cap and words[j].lower not in _STOP)):
            # a bare plural that acts: "Slave traders find him", "killed by orcs", "refugees wait"
            if j >= 0 and words[j].sent == w.sent and words[j].text == ",":
                k = words[j].start
                if k in role_end or k in name_end:
                    continue  # "the patrons, employees of Bucho": said of the ones just named
            if j >= 0 and words[j].sent == w.sent and words[j].first and words[j].cap and words[j].alpha \
                    and words[j].lower not in _BARE_BEFORE:
                mods.insert(0, words[j].lower)
            else:
                j += 1
            det = "the"
        if det is None or (w.poss and det in ("a", "an")):
            continue  # no determiner, or "a chef's knife": a kind of thing
        if det == "both" or (det in _COUNT_DETS and j > 0 and words[j - 1].lower == "the" and not mods
                             and words[j - 1].sent == w.sent and lw in _COUNTED):
            continue  # "both women", "the two soldiers": a count of people named before (read with the pronouns)
        if det in ("a", "an", "the", "his", "her", "their") and j > 0 and words[j - 1].lower in _COPULA:
            continue  # "he is a wizard": what someone is, not someone else
        start = words[j].start if det != "'s" or owner is None else words[j].start
        end = w.end
        if named_next:
            # "the assassin Navajas", "his own son Commodus": the name is the character
            _kin(draft, det, owner, lw, name_at[nxt.start], start, w.sent)
            continue
        # apposition to a name or an actor: "Carolina (Salma Hayek) the owner of …", "Marion, a secretary,"
        k = start
        skipped = re.search(r"(?:,\s+|\s+)(?:(?:now|then|also|still|once|later)\s+)?$", text[max(0, start - 12):start])
        k0 = start - len(skipped.group(0)) if skipped else start
        before = text[max(0, k0 - 3):k0 + 1]
        if (det not in ("'s",) or not ROLES.get(lw, (None, False))[1]) and (
                before.rstrip().endswith(")") or before.rstrip().endswith(",")):
            k = k0
            while k > 0 and text[k - 1] in " ,\"”":
                k -= 1
            of = re.search(r"\s+of\s+[A-ZÀ-Þ][\w\-]*$", text[max(0, k - 40):k])
            if of and (k - len(of.group(0))) in name_end:
                k -= len(of.group(0))  # "Tigris of Gaul, an undefeated champion"
            if k in name_end or any(b == k for _, b in draft.actor_spans):
                continue
            prev_role = role_end.get(k)
            if prev_role is not None and det in ("a", "an") and not ROLES.get(lw, (None, False))[1]:
                # "her father, a town marshal": the same person
                pk0 = prev_role.keys[0]
                draft.people[pk0].add_alias(text[start:end].split(" ", 1)[-1])
                new_mentions.append(Mention(start, end, (pk0,), w.sent, "role"))
                role_end[end] = new_mentions[-1]
                continue
        called = re.match(r",?\s+(?:named|called|nicknamed|(?:whom|who|which)\s+(?:[a-z]+\s+){1,2}?(?:names?|named|calls?|"
                          r"called|nicknames?|nicknamed|dubs?|dubbed))\s+[\"“]?(?=[A-ZÀ-Þ])", text[end:end + 40])
        if called:
            named_m = name_at.get(end + called.end())
            if named_m is not None:
                _kin(draft, det, owner, lw, named_m, start, w.sent)  # its gender: "a boy named Haku"
            continue  # "a ranger called Strider": the name is the character
        after = text[end:end + 3]
        if after.startswith((", ", " (")) and (det != "'s" or not ROLES.get(lw, (None, False))[1]):
            k = end + 2
            while k < len(text) and text[k] in " (\"“":
                k += 1
            m_app = _APPOSED_NAME.match(text, k)
            if m_app and m_app.end() in name_at and m_app.group(0).split()[0].lower() not in ("his", "her", "their"):
                k = m_app.end()  # ", the hot-headed Sonny"
            if k in name_at:
                # "her boyfriend, Sam Loomis": the name is the character
                _kin(draft, det, owner, lw, name_at[k], start, w.sent)
                continue
        if det == "the" and lw in TITLES and not [x for x in mods if x not in _WEAK_MODS] and owner is None:
            titled = [p for p in draft.people.values() if p.named and p.kind == "person"
                      and _TITLE_ABBR.get(p.name.split()[0].lower().rstrip("."), p.name.split()[0].lower()) == lw]
            if len(titled) == 1:
                # "the senator" when the story has one Senator Ruth Martin
                new_mentions.append(Mention(start, end, (titled[0].key,), w.sent, "role"))
                titled[0].mentions += 1
                continue
        head = lw
        nat = next((x for x in mods if x in NATIONALITIES), None) or (lw if is_nat else None)
        strong = [x for x in mods if x not in _WEAK_MODS]
        # the actor in parentheses after the phrase
        k = end
        while k < len(text) and text[k] == " ":
            k += 1
        actor = None
        if k in actor_at:
            a, b = actor_at[k]
            actor = text[a + 1:b - 1]
            known = draft.actors.get(actor)
            if known:
                new_mentions.append(Mention(start, end, (known,), w.sent, "role"))
                continue
        if head in GENERIC_ROLES and not strong and owner is None and not actor and not generic:
            continue  # "a man": nobody in particular (unless the story names no one else)
        if head in GENERIC_ROLES and not nat and owner is None and not actor and det in ("a", "an", "the") \
                and text[end:end + 7] == " named ":
            continue
        key = (owner, nat if nat and (head in GENERIC_ROLES or is_nat) else _SAME_GROUP.get(head, head))
        pk = by_key.get(key)
        plural = ROLES.get(head, (None, False))[1]
        if pk is None and owner is None and plural and det == "the" and head in ANAPHORIC_GROUPS:
            recent = [g for s, g in groups_recent if w.sent - s <= 2]
            if recent:
                pk = recent[-1]
                by_key[key] = pk
                draft.people[pk].add_alias(text[start:end])
                draft.note("uncertain", "character", text[start:end], start,
                           f"“{text[start:end]}” read as {draft.people[pk].name}, the group last mentioned", targets=[pk])
        if pk is None:
            if owner is not None:
                name = f"{draft.people[owner].name}'s {' '.join(strong + [head]) if nat is None else head}"
            elif owner_text:
                name = f"the {owner_text} {' '.join(mods + [head])}"
            elif nat and is_nat:
                name = f"the {w.text}"
            else:
                shown = [x if x not in NATIONALITIES else x.capitalize() for x in mods if x not in _WEAK_MODS]
                name = "the " + " ".join(shown + [head])
            name = name[0].upper() + name[1:]
            pk = slug(name, draft.people)
            gender = ROLES.get(head, (None, False))[0]
            p = Person(pk, name, start, named=False, kind="group" if plural else "person", gender=gender,
                       owner=owner, head=head)
            if owner is not None:
                p.group = None
            draft.people[pk] = p
            by_key[key] = pk
        p = draft.people[pk]
        if actor and not p.actor:
            p.actor = actor
            draft.actors[actor] = pk
        surface = text[start:end]
        for prefix in ("the ", "a ", "an ", "his ", "her ", "their ", "The ", "A ", "An ", "His ", "Her ", "Their "):
            if surface.startswith(prefix):
                surface = surface[len(prefix):]
                break
        if surface.lower() != p.name.lower().removeprefix("the ") and surface.lower() not in {a.lower() for a in p.aliases}:
            if p.mentions and len(surface.split()) > 1:
                draft.note("merged", "character", surface, start,
                           f"“{surface}” read as {p.name} (the same {'people' if p.kind == 'group' else 'role'}: "
                           f"“{nat or head}”)", targets=[pk])
            p.add_alias(surface)
        p.mentions += 1
        if p.kind == "group":
            groups_recent.append((w.sent, pk))
        rm = Mention(start, end, (pk,), w.sent, "role", poss=w.poss)
        new_mentions.append(rm)
        role_end[end] = rm
        if det in ("his", "her", "their", "'s"):
            draft.role_mentions.append((rm, det, owner, head))
    draft.mentions.extend(new_mentions)
    draft.mentions.sort(key=lambda m: m.start)
