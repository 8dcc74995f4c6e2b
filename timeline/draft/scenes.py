"""Scenes: where the action moves.

The plot is cut into units (clauses, see :func:`.sentences.split_clauses`). A new
scene starts at a paragraph; at a sentence that opens with a cue ("Later",
"Meanwhile", "The next day", "Back at", "Upon their arrival" …), brings in people
absent from the last two scenes, moves to a new place or opens with a verb of
movement ("As he exits"); and inside a sentence at a clause that moves ("but as
they exit", "and go to a deserted part of town", "the couple escape through the
rooftops"). A clause that tells an earlier story ("tells the story of how …") is a
scene of its own, told out of story order (see :mod:`.order`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cast import Draft
from .doc import Doc, Unit
from .presence import talked_about
from .words import MOTION_VERBS, SCENE_CUES

__all__ = ["Cut", "cut_scenes", "split_flashbacks"]

_FLASH_SPLIT = re.compile(r"\b(?:tells|told|telling) (?:the|a) story of how\b|\b(?:recounts|recalls|remembers|describes|tells of) how\b"
                          r"|\bin a flashback\b", re.I)
_FLASH_START = re.compile(r"(?:years|months|weeks|days|hours|some time|long|a (?:year|month|week|day)) (?:earlier|before)\b|"
                          r"earlier(?:,| that (?:morning|day|night|evening|week|month|year)\b| in the (?:day|week|year)\b)|"
                          r"the (?:night|day|week|year) before,|in a flashback|flashback", re.I)
#: A chapter title in quotes on its own ("\"The Gold Watch\"."): a part of the telling, like "Act two."
_QUOTED_TITLE = re.compile(r"[\"“][^\"”\n]{1,80}[\"”][.:]?")
_CUE = re.compile(r"(?:" + "|".join(re.escape(c) for c in sorted(SCENE_CUES, key=len, reverse=True)) + r")\b", re.I)
_MOTION = re.compile(r"\b(?:" + "|".join(sorted(MOTION_VERBS, key=len, reverse=True)) + r")\b", re.I)
_ARRIVAL = re.compile(r"(?:upon|on|after) (?:their|his|her|its)? ?arriv|arriving|on arrival|upon arrival", re.I)
_ACT = re.compile(r"(?:act|part|chapter|book|episode|prologue|epilogue)(?:\s+[\w-]+)?\s*[.:]?"
                  r"(?:\s*\(?\d{3,4}(?:\s*[-–—]\s*\d{2,4})?\)?)?\s*$", re.I)  # "Part one: 1912-1920"
_MEANWHILE = re.compile(r"(?:meanwhile|at the same time|simultaneously|elsewhere)\b", re.I)


@dataclass
class Cut:
    """A drafted scene: consecutive units of one paragraph."""

    start: int
    end: int
    units: list[Unit] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    mentioned: list[str] = field(default_factory=list)
    location: str | None = None      # a key of draft.places
    flashback: bool = False
    concurrent: bool = False         # "Meanwhile": the same time step as the scene before
    act: str | None = None           # "Act two." / "Part 1" / "Chapter 3" written before it
    why: str = ""


def split_flashbacks(doc: Doc) -> None:
    """Cut units at "tells the story of how …" (the story told becomes its own unit)."""
    out = []
    for u in doc.units:
        m = _FLASH_SPLIT.search(doc.text, u.start, u.end)
        if m and m.start() > u.start + 5:
            a = Unit(u.start, m.start(), u.sent, u.para, u.first_in_sentence, u.first_in_para)
            b = Unit(m.start(), u.end, u.sent, u.para, False, False)
            end = a.end
            while end > a.start and doc.text[end - 1] in " ,;":
                end -= 1
            a.end = end
            b.flash = True
            out.extend([a, b])
        else:
            if m:
                u.flash = True  # "He recalls how, years earlier, …": the whole clause is the story told
            out.append(u)
    doc.units = out


_ITEM_MARK = re.compile(r"[ \t]*(?:[-*•–]|\d{1,3}[.)])[ \t]+$")


def _is_item(text: str, at: int) -> bool:
    """True if the sentence at ``at`` opens a line of a list ("- …", "3. …")."""
    line = text.rfind("\n", 0, at) + 1
    return at - line <= 8 and bool(_ITEM_MARK.fullmatch(text, line, at))


def _opening(text: str, u: Unit, n: int = 60) -> str:
    return text[u.start:min(u.end, u.start + n)]


def cut_scenes(doc: Doc, draft: Draft) -> list[Cut]:
    """The scenes of the plot, in telling order."""
    text = doc.text
    mentions = sorted(draft.mentions, key=lambda m: m.start)
    places = sorted(draft.place_mentions)
    cuts: list[Cut] = []
    mi = pi = 0
    last_place = None
    act = None
    fresh_act = False
    for u in doc.units:
        if u.first_in_sentence and _ACT.match(text, u.start, u.end) and u.end - u.start < 30:
            act = text[u.start:u.end].rstrip(".: ")
            fresh_act = True
            continue
        if u.first_in_para and _QUOTED_TITLE.fullmatch(text, u.start, u.end):
            act = text[u.start:u.end].rstrip(".: ").strip("\"“”")
            fresh_act = True
            continue
        ums = []
        while mi < len(mentions) and mentions[mi].start < u.end:
            if mentions[mi].start >= u.start:
                ums.append(mentions[mi])
            mi += 1
        ups = []
        while pi < len(places) and places[pi][0] < u.end:
            if places[pi][0] >= u.start:
                ups.append(places[pi])
            pi += 1
        present_named = {k for m in ums if m.how != "pronoun" and not talked_about(doc, m) for k in m.keys}
        opening = _opening(text, u)
        low = opening.lower()
        cur = cuts[-1] if cuts else None
        new, why = False, ""
        flash = getattr(u, "flash", False)
        first_place = ups[0][2] if ups else None
        early_place = next((p[2] for p in ups if p[0] - u.start < 70), None)
        if cur is None or u.first_in_para or fresh_act or (u.first_in_sentence and _is_item(text, u.start)):
            # (each line of an outline is a beat of its own: "3. Brody wants to close the beaches")
            new, why = True, "a new paragraph" if not fresh_act else f"“{act}”"
            if cur is not None and not u.first_in_para and not fresh_act:
                why = "an outline item"
            fresh_act = False
        elif flash:
            new, why = True, "a story told within the story"
        elif u.first_in_sentence or text[max(0, u.start - 3):u.start].rstrip().endswith(";"):
            # a clause after a semicolon opens like a sentence ("…; on the way she is joined by …")
            seen = set(cur.present) | set(cuts[-2].present if len(cuts) > 1 else ())
            one_line = _is_item(text, cur.start) and "\n" not in text[cur.start:u.start]
            m = _CUE.match(low)
            if _FLASH_START.match(low):
                new, why = True, "an earlier time"
            elif m:
                new, why = True, f"“{opening[:m.end()]}”"
            elif one_line:
                # inside one line of an outline the line is the beat: only a cue or a place it opens on cuts it
                opening_place = next((p[2] for p in ups if p[0] - u.start < 30), None)
                if opening_place and opening_place != cur.location and opening_place != last_place:
                    new, why = True, "a new place"
            elif present_named - seen:
                new, why = True, "new people"
            elif early_place and early_place != cur.location and early_place != last_place:
                new, why = True, "a new place"
            elif _MOTION.search(" ".join(low.split()[:4])):
                new, why = True, "a move"
        elif low.startswith("and ") and re.search(r"\bto\s+\w+\b[^,;]{0,40}$", text[doc.sentences[u.sent][0]:u.start]):
            pass  # "decides to steal the money and drive to …": one plan, not a move yet
        else:
            words4 = " ".join(low.split()[:5])
            if re.match(r"(?:(?:but|and)\s+)?(?:as|when|once|after)\b", low) and (
                    _MOTION.search(words4) or (first_place and first_place != cur.location)):
                new, why = True, "a move"
            elif _MOTION.search(words4) and first_place and first_place != cur.location:
                new, why = True, "a move to a new place"
            elif _CUE.match(low) and re.match(r"(?:later|meanwhile|the next|back at)", low):
                new, why = True, f"“{opening[:12]}”"
        if new:
            cur = Cut(u.start, u.end, why=why, flashback=flash or bool(_FLASH_START.match(low)),
                      concurrent=bool(_MEANWHILE.match(low)) and bool(cuts), act=act)
            cuts.append(cur)
        cur.units.append(u)
        cur.end = u.end
        for m in ums:
            only_talk = talked_about(doc, m)
            for k in m.keys:
                if not only_talk and k not in cur.present:
                    cur.present.append(k)
        for m in ums:
            for k in m.keys:
                if k not in cur.present and k not in cur.mentioned:
                    cur.mentioned.append(k)
        if cur.location is None:
            if ups:
                cur.location = ups[0][2]
            elif new and _ARRIVAL.match(low) and last_place:
                cur.location = last_place
        if ups:
            last_place = ups[-1][2]
    for c in cuts:
        c.mentioned = [k for k in c.mentioned if k not in c.present]
    return _merge_empty(cuts)


def _merge_empty(cuts: list[Cut]) -> list[Cut]:
    """A scene with no one in it ("Spain, 1944.", "the DeLorean returns to 1985.") joins the next scene of
    its paragraph (its setting), else the one before; its source stays one verbatim span."""
    out: list[Cut] = []
    i = 0
    while i < len(cuts):
        c = cuts[i]
        empty = not c.present and not c.mentioned and len(cuts) > 1
        nxt = cuts[i + 1] if i + 1 < len(cuts) else None
        if empty and nxt is not None and c.units and nxt.units and c.units[-1].para == nxt.units[0].para \
                and not nxt.flashback and c.act == nxt.act:
            nxt.start, nxt.units = c.start, c.units + nxt.units
            nxt.location = nxt.location or c.location
            nxt.why = c.why or nxt.why
            nxt.concurrent = c.concurrent
        elif empty and out and c.units and out[-1].units and out[-1].units[-1].para == c.units[0].para \
                and c.act == out[-1].act:
            out[-1].end, out[-1].units = c.end, out[-1].units + c.units
            out[-1].location = out[-1].location or c.location
        else:
            out.append(c)
        i += 1
    return out
