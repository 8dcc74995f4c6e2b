"""Scene headings: INT/EXT, places, time of day.

``EXT. CAROLINA'S BOOKSTORE - BACK ROOM - NIGHT`` is ``int_ext="EXT"``, the
places ``CAROLINA'S BOOKSTORE`` > ``BACK ROOM`` and the time ``NIGHT``
(``time_of_day="night"``). Reading like a script reader (``clean=True``):

* **Time.** Trailing parts that are time phrases (``DAY``, ``LATE AFTERNOON``,
  ``MOMENTS LATER``, ``CONTINUOUS``, ``SAME``, ``PRESENT DAY``, ``DAY TO
  NIGHT``, ``THE NEXT MORNING``) leave the place, whether set off by dashes,
  slashes, commas or brackets (``NIGHT [CONTINUOUS]``, ``(PRESENT) DAY``), or
  simply written last (``OFFICE NIGHT``). The time of day is normalised to one
  of :data:`~timeline.formats.script.directions.TIMES_OF_DAY`; a relative time
  (``LATER``, ``CONTINUOUS``, ``SAME``) is marked ``relative`` (the builder
  carries the time of day of the scene before).
* **Not places.** Camera directions (``ESTABLISHING``, ``VARIOUS SHOTS``,
  ``CLOSEUP``, ``MARY'S POV``, ``(FROM ABOVE)``, ``OVER REGGIE'S SHOULDER``)
  are cut with what follows them (``HOSPITAL - CLOSEUP - MARY`` is the
  hospital; ``VARIOUS LOCATIONS`` is no place); movement (``MOVING``, ``DRIVING``, ``PROCESS``), tags
  (``FLASHBACK``, ``[STORY VERSION]``, ``SUMMER``) and years (``(1973)``,
  ``[MID/LATE '70'S]``) are dropped. All of it is kept in ``dropped``. A
  heading that is only a camera direction (``SNIPER SCOPE POV``) is a ``shot``.

With ``clean=False`` only dashes separate parts and only trailing time parts
are taken out (the literal reading).

Every step is a scan or a split of the (whitespace-collapsed) heading, so the
time is linear in its length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .directions import RELATIVE_TIME, direction, is_time_phrase, time_of_day
from .words import loose_key, word_offset

__all__ = ["Heading", "parse_heading"]


@dataclass(slots=True)
class Heading:
    """A scene heading split into its parts."""

    int_ext: str | None
    places: list[str] = field(default_factory=list)  # outermost first, as written
    time_of_day: str | None = None  # normalised (see TIMES_OF_DAY), or None
    time_text: str | None = None  # the time part as written
    relative: bool = False  # the time only relates to the scene before
    dropped: list[str] = field(default_factory=list)  # camera directions, tags, years as written
    shot: bool = False  # a camera direction with no place of its own


_PREFIX = re.compile(
    r"^(INT\.?\s*/\s*EXT|EXT\.?\s*/\s*INT|INT\s*\.?\s*-\s*EXT|I\s*/\s*E|E\s*/\s*I|INT|EXT|EST)(?:\.\s*|\s+|$)",
    re.IGNORECASE,
)
_PREFIX_JUNK = re.compile(r"[\s.\-]")
# (on whitespace-collapsed text: every \s* below matches at most one space)
_DASHES = re.compile(r"\s+[-\u2013\u2014]+\s+|\s*--+\s*|\s*[\u2013\u2014]\s*")
_DASHES_AND_SLASHES = re.compile(r"\s+[-\u2013\u2014/]+\s+|\s*--+\s*|\s*[\u2013\u2014]\s*")
_BRACKETS = re.compile(r"\([^()]*\)?|\[[^\[\]]*\]?")

#: Movement of the setting: not part of a place's name.
_MOVING = frozenset("MOVING DRIVING TRAVELING TRAVELLING FLYING PROCESS SAILING RIDING".split())
#: Tags of a heading that are not part of a place's name.
_TAGS = frozenset(
    """FLASHBACK FLASHBACKS FLASHFORWARD FLASH FORWARD BACK END OF DREAM DREAMING FANTASY REALITY STORY
    VERSION PRESENT PAST FUTURE SUMMER WINTER SPRING FALL AUTUMN MOS ESTABLISHING SEPIA BW B W
    IMAGINATION IMAGINED MEMORY HALLUCINATION NIGHTMARE THE A""".split()
) | _MOVING
#: Bracketed remarks starting with these words are camera directions.
_CAMERA_FIRST = frozenset("FROM THROUGH OVER ON ANGLE POV SEEN VIEWED".split())
_YEAR = re.compile(r"^(?:1[0-9]{3}|2[0-9]{3}|[0-9]{2,4}S)$")


def _is_year(w: str) -> bool:
    return bool(_YEAR.match(w))


def _is_tag(words: list[str]) -> bool:
    """Words that are tags, movement or years (with time words: ``MID LATE 70S``)."""
    has_tag = False
    for w in words:
        if w in _TAGS or _is_year(w):
            has_tag = has_tag or w not in ("THE", "A", "BACK", "END", "OF")
        elif not is_time_phrase([w]) and w not in ("MID", "LATE", "EARLY", "PRE", "AND", "TO"):
            return False
    return has_tag


def _is_camera(words: list[str], prefixed: bool = False) -> bool:
    """Words of a heading part that are a camera direction. After INT./EXT.,
    ``ON STAGE`` and ``BACK AT THE GATE`` are places."""
    if prefixed and words and (words[0] == "ON" or words[:2] in (["BACK", "AT"], ["BACK", "IN"], ["BACK", "INSIDE"])):
        return False
    return direction(words) or (bool(words) and words[0] in ("VARIOUS",) and len(words) > 1 and words[1] in ("SHOTS", "ANGLES"))


def _remark_is_not_place(words: list[str]) -> bool:
    """A bracketed remark inside a place that is not part of its name."""
    return (not words or _is_tag(words) or is_time_phrase(words) or words[0] in _CAMERA_FIRST
            or _is_camera(words))


def _over_shoulder(words: list[str]) -> int | None:
    """Index of ``OVER`` in ``... OVER X'S SHOULDER`` (a camera direction)."""
    for i, w in enumerate(words):
        if w == "OVER" and i > 0 and any(x in ("SHOULDER", "SHOULDERS") for x in words[i + 1:i + 5]):
            return i
    return None


#: Words that, written last in a place, are a time of day ("OFFICE NIGHT").
_TRAILING_TIME = frozenset("DAY NIGHT MORNING EVENING AFTERNOON DUSK DAWN CONTINUOUS LATER".split())


def parse_heading(text: str, *, clean: bool = True) -> Heading:
    """Split a scene heading (without its scene number) into INT/EXT, places and time.

    Parameters
    ----------
    text : str
        The heading as written.
    clean : bool
        Read it like a script reader (see the module docstring); False keeps
        every dash-separated part but the trailing time parts as places.

    Examples
    --------
    >>> h = parse_heading("INT. CAROLINA'S BOOKSTORE - BACK ROOM - NIGHT")
    >>> h.int_ext, h.places, h.time_of_day
    ('INT', ["CAROLINA'S BOOKSTORE", 'BACK ROOM'], 'night')
    >>> h = parse_heading("EXT. THE AMERICAN EMBASSY -- ESTABLISHING -- DAY")
    >>> h.places, h.time_of_day, h.dropped
    (['THE AMERICAN EMBASSY'], 'day', ['ESTABLISHING'])
    >>> h = parse_heading("INT. KITCHEN, A BIT LATER")
    >>> h.places, h.time_of_day, h.relative
    (['KITCHEN'], None, True)
    """
    rest = " ".join(text.split())  # (linear; no regex sees a run of spaces)
    ie = None
    m = _PREFIX.match(rest)
    if m:
        p = _PREFIX_JUNK.sub("", m.group(1).upper())
        ie = {"INT": "INT", "EXT": "EXT", "EST": "EXT"}.get(p, "INT/EXT")
        rest = rest[m.end():]
    splitter = _DASHES_AND_SLASHES if clean else _DASHES
    parts = [p.strip(" .,:;") for p in splitter.split(rest)]
    parts = [p for p in parts if p]
    h = Heading(ie)
    time_parts: list[str] = []
    time_words: list[str] = []

    def take_time(part: str, words: list[str]) -> None:
        time_parts.insert(0, part)
        time_words[:0] = words

    if not clean:
        while len(parts) > 1 and is_time_phrase(loose_key(_BRACKETS.sub(" ", parts[-1])).split()):
            p = parts.pop()
            take_time(p, loose_key(_BRACKETS.sub(" ", p)).split())
        if not time_parts and len(parts) == 1 and is_time_phrase(loose_key(parts[0]).split()) and len(loose_key(parts[0]).split()) == 1:
            take_time(parts[0], loose_key(parts[0]).split())
            parts.pop()
        h.places = parts
    else:
        _peel(parts, h, take_time)
        h.places = _places(parts, h)
    if time_parts:
        h.time_text = " - ".join(time_parts)
        h.time_of_day = time_of_day(time_words)
        h.relative = h.time_of_day is None and not RELATIVE_TIME.isdisjoint(time_words) and not any(
            w in ("DAYS", "WEEK", "WEEKS", "MONTH", "MONTHS", "YEAR", "YEARS", "NEXT", "ANOTHER", "FOLLOWING")
            for w in time_words)
    return h


def _peel(parts: list[str], h: Heading, take_time) -> None:
    """Take the time, tags and movement off the end of ``parts`` (in place)."""
    while parts:
        p = parts[-1]
        words = loose_key(p).split()
        only = len(parts) == 1
        if not words:
            parts.pop()
            continue
        if is_time_phrase(words):  # (a heading that is only a time, "EXT. NIGHT", has no place)
            take_time(parts.pop(), words)
            continue
        if "(" in p or "[" in p:
            outer = _BRACKETS.sub(" ", p).strip(" .,:;")
            outer_words = loose_key(outer).split()
            remarks = [g for g in _BRACKETS.findall(p)]
            if not outer_words or is_time_phrase(outer_words) or _is_tag(outer_words):
                # "NIGHT (1973)", "DAY [FLASHBACK]", "(PRESENT) DAY", "[THE STORM]"
                parts.pop()
                if outer_words and is_time_phrase(outer_words):
                    take_time(outer, outer_words)
                elif outer_words:
                    h.dropped.insert(0, outer)
                for g in remarks:
                    gw = loose_key(g).split()
                    if is_time_phrase(gw) and (outer_words or not h.dropped):
                        take_time(g, gw)
                    else:
                        h.dropped.append(g)
                continue
        if _is_tag(words) and not only:
            h.dropped.insert(0, parts.pop())
            continue
        c = p.rfind(",")
        if c > 0:
            tail = p[c + 1:].strip(" .;:")
            tw = loose_key(tail).split()
            if not tw or is_time_phrase(tw) or _is_tag(tw) or _is_camera(tw):
                parts[-1] = p[:c].strip(" .,;:")
                if tw and is_time_phrase(tw):
                    take_time(tail, tw)
                elif tw:
                    h.dropped.insert(0, tail)
                continue
        # a time written last: "OFFICE NIGHT", "OFFICE LATE AFTERNOON"
        if len(words) > 1 and words[-1] in _TRAILING_TIME:
            k = len(words) - 1
            while k > 1 and is_time_phrase(words[k - 1:]) and words[k - 1] in ("LATE", "EARLY", "PRESENT", "MOMENTS", "A", "BIT"):
                k -= 1
            tail_words = words[k:]
            # cut the written text after its k-th word
            cut = word_offset(p, k)
            if cut is not None:
                parts[-1] = p[:cut].strip(" .,;:")
                take_time(p[cut:].strip(" .,;:"), tail_words)
        break


def _places(parts: list[str], h: Heading) -> list[str]:
    """The place parts of ``parts``: camera directions cut with what follows
    them, movement and tags dropped, bracketed remarks that are not places removed."""
    places: list[str] = []
    for i, p in enumerate(parts):
        if "(" in p or "[" in p:
            kept = p
            for g in _BRACKETS.findall(p):
                if _remark_is_not_place(loose_key(g).split()):
                    h.dropped.append(g)
                    kept = kept.replace(g, " ")
            p = " ".join(kept.split()).strip(" .,:;")
        words = loose_key(p).split()
        if not words:
            continue
        if words[0] == "VARIOUS" and not places:  # "VARIOUS LOCATIONS": a montage, no place
            h.dropped.append(" - ".join(parts[i:]))
            return places
        if _is_camera(words, h.int_ext is not None):
            h.dropped.append(" - ".join(parts[i:]))
            break
        o = _over_shoulder(words)
        if o is not None:
            cut = word_offset(p, o)
            h.dropped.append(p[cut:])
            p = p[:cut].strip(" .,:;")
            if p:
                places.append(p)
            break
        if _is_tag(words) and (places or len(parts) > 1):
            h.dropped.append(p)
            continue
        places.append(p)
    if not places and parts:
        h.shot = True
    return places
