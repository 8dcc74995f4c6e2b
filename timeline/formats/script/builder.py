"""From a screenplay's elements to a :class:`~timeline.model.Story`.

:class:`StoryBuilder` reads the elements twice: once for the cast (every cue
anywhere, see :mod:`~timeline.formats.script.cast`) and the places (every
heading, see :mod:`~timeline.formats.script.places`), once for the scenes.

* **Scenes.** One scene per scene heading. Elements before the first heading
  (title cards, ``FADE IN:``) belong to no scene; cues there still make their
  speakers known characters but are not counted in any scene (no "prologue"
  scene is invented, so the number of scenes is always the number of headings).
* **Heading.** INT/EXT, the location (nested places) and the time of day
  (see :mod:`~timeline.formats.script.headings`). Reading like a script reader
  (``clean=True``), a relative time (``CONTINUOUS``, ``LATER``, ``SAME``)
  carries the time of day of the scene before; a heading that is a shot
  (``SNIPER SCOPE POV``), or one without INT./EXT. in a script whose headings
  mostly have it (``.BACK IN THE APARTMENT``, ``.THE FINGER``), stays in the
  place and time of the scene before.
* **Characters.** Every cue names its speakers (none for a shot read as a cue,
  two for a joint cue); a scene's ``cues`` counts the cues of each speaker. A
  known speaker whose name appears as whole words in the scene's action
  (written in capitals or capitalised, not lower case) is present but silent.
  Very short names and names that are common words (``ALL``, ``VOICE``,
  ``MAN`` ...) count only when written in capitals.
* **Corrections** (merging two spellings the cleaning could not tell apart,
  dropping a name, renaming) are an edits file's, applied after reading
  (:mod:`timeline.edits`; ``load_story(..., edits=...)``): one mechanism.
* **Import notes.** Every merge, split and drop of a name or place is one
  :class:`~timeline.model.ImportNote` of ``Story.notes`` (one per distinct
  spelling: the line where it is first written and how many times), and the
  merged spellings stay as the character's ``aliases``. ``clean=False`` reads
  the script literally (one character per distinct cue name, one location per
  distinct heading path) and records no notes.
* **Length.** ``length_lines`` is an estimate of the printed lines of the scene
  (action wrapped at 61 columns, dialogue at 35, a blank line between
  paragraphs), the same for a Fountain file and its FDX twin; ``eighths`` is
  ``ceil(lines * 8 / 55)``, at least 1 (55 lines per page).
* **Acts.** Top-level sections (``# ACT ONE``) set ``act``; deeper sections are
  kept as a ``sequence: ...`` tag. Synopses after a heading become the summary.
* **Ids.** Scene numbers (``#12A#``) are the scene ids when present and valid,
  else ``s001``, ``s002`` ... (always unique).

Every step is linear in the script: names are matched in a trie of words,
ids de-duplicated with a counter per base, headings split by one scan.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import PurePath
from typing import Any

from ...errors import StoryFormatError
from ...model import DEFER_REFERENCES, Story, reference_problems
from .cast import Cast, read_cast
from .elements import Element, cue_name, name_key
from .headings import Heading, parse_heading
from .places import PlaceTree
from .presence import NameMatcher
from .words import IdMaker, slug, title_case

__all__ = ["StoryBuilder", "build_story", "printed_lines", "LAYOUT"]


#: Per element kind: the width its lines wrap at, and the blank lines before
#: it (one before every paragraph except dialogue/parentheticals under a cue).
LAYOUT = {"action": (61, 1), "dialogue": (35, 0), "parenthetical": (25, 0), "lyrics": (35, 1),
          "centered": (61, 1), "heading": (61, 1), "transition": (61, 1), "character": (38, 1)}


def printed_lines(e: Element) -> int:
    """Printed lines of an element: its lines wrapped at its kind's width,
    plus the blank lines before it (see :data:`LAYOUT`)."""
    layout = LAYOUT.get(e.kind)
    if layout is None:
        return 0
    width, blank_lines = layout
    text = e.text
    if len(text) <= width:  # no line wraps: one printed line each
        n = text.count("\n") + 1
    else:
        n = 0
        for ln in text.split("\n"):
            n += (len(ln.strip()) + width - 1) // width or 1  # ceil(len / width), at least 1
    return n + blank_lines


_EMPHASIS = re.compile(r"[*_]+")
_NOT_NUMBER = re.compile(r"[^A-Za-z0-9_.\-]+")


def _strip_emphasis(text: str) -> str:
    return _EMPHASIS.sub("", text).strip()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


class StoryBuilder:
    """Builds a :class:`Story` from screenplay elements (see the module docstring).

    Parameters
    ----------
    path : str
        The script's name, for messages and the default title.
    title : str, optional
        The story's title (else the file's stem).
    metadata : dict, optional
        Film facts from the title page; ``format`` is set to ``fmt``.
    fmt : str
        The source format, kept in the metadata.
    clean : bool
        Read the cast and places like a script reader (default) or literally.

    Attributes
    ----------
    work : collections.Counter
        Deterministic counts of the work done (trie steps of name matching,
        id probes, heading characters split): they grow linearly with the
        input, which tests check by doubling it.

    Examples
    --------
    >>> from timeline.formats.fountain import parse_fountain
    >>> els = parse_fountain("INT. HOUSE - DAY\\n\\nBOB\\nHi.\\n\\nBOB'S VOICE\\nHo.\\n")
    >>> story = StoryBuilder("x.fountain").build(els)
    >>> [c.name for c in story.characters], story.scenes[0].cues
    (['Bob'], {'bob': 2})
    >>> story.notes[0].message
    '"BOB\\'S VOICE" is Bob (1 cue)'
    """

    def __init__(self, path: str, *, title: str | None = None, metadata: dict[str, Any] | None = None,
                 fmt: str = "screenplay", clean: bool = True):
        self.path = path
        self.title = title
        self.metadata = metadata
        self.fmt = fmt
        self.clean = clean
        self.alias: dict[str, str] = {}  # corrections are the edits file's (timeline.edits)
        self.work: Counter = Counter()
        self._ids = IdMaker()
        self._notes: dict[tuple, dict] = {}  # (kind, subject, text) -> note data
        self._titled: dict[str, str] = {}
        self._headings: dict[str, Heading] = {}

    # ---- helpers ---------------------------------------------------------
    def _title(self, text: str) -> str:
        t = self._titled.get(text)
        if t is None:
            t = self._titled[text] = title_case(text)
        return t

    def _heading(self, text: str) -> Heading:
        h = self._headings.get(text)
        if h is None:
            self.work["heading characters"] += len(text)
            h = self._headings[text] = parse_heading(text, clean=self.clean)
        return h

    def _note(self, kind: str, subject: str, text: str, line: int, targets: tuple[str, ...], message: str,
              count: int = 1) -> None:
        key = (kind, subject, text.upper(), targets)
        n = self._notes.get(key)
        if n is None:
            self._notes[key] = {"kind": kind, "subject": subject, "text": text, "line": max(0, line or 0),
                                "count": count, "targets": list(targets), "message": message}
        else:
            n["count"] += count

    # ---- pass 1: the cast and the places ------------------------------
    def _read_cast(self, elements: list[Element]) -> None:
        self._cue_key: dict[str, str] = {}  # name as written in a cue -> name_key
        spelled: dict[str, str] = {}  # name_key -> first spelling
        counts: Counter = Counter()
        first_line: dict[str, int] = {}
        n_headings = n_prefixed = 0
        for e in elements:
            k = e.kind
            if k == "character":
                raw = e.name if e.name is not None else cue_name(e.text)[0]
                if not raw.strip():
                    continue
                key = self._cue_key.get(raw)
                if key is None:
                    key = self._cue_key[raw] = name_key(raw)
                    if key not in spelled:
                        spelled[key] = raw
                        first_line[key] = e.line
                counts[key] += 1
            elif k == "heading":
                n_headings += 1
                if self._heading(e.text).int_ext is not None:
                    n_prefixed += 1
        self.n_headings = n_headings
        # a heading without INT./EXT. is a shot within the scene before when most headings have one
        self.secondary_are_shots = self.clean and n_prefixed * 2 >= n_headings
        cast: Cast = read_cast(spelled, counts, self.alias, clean=self.clean)
        self.cast = cast
        # character ids in order of first cue
        self.char_ids: dict[str, str] = {}
        self._cue_ids: dict[str, tuple[str, ...]] = {}
        for key in spelled:
            ids = []
            for target in cast.targets[key]:
                cid = self.char_ids.get(target)
                if cid is None:
                    cid = self.char_ids[target] = self._ids.make(slug(target) or "character")
                ids.append(cid)
            self._cue_ids[key] = tuple(ids)
        self.work["id probes"] += self._ids.probes
        names: dict[str, str] = {}
        for target, cid in self.char_ids.items():
            for variant in cast.presence.get(target, [target]):
                names.setdefault(variant, cid)
        self.matcher = NameMatcher(names)
        for d in cast.decisions:
            ids = tuple(self.char_ids[t] for t in d.targets)
            shown = [cast.names[t] for t in d.targets]
            n = counts[d.key]
            if d.kind == "dropped":
                msg = f"{d.name!r} is a camera direction or shot, not a character ({_plural(n, 'cue')} dropped)"
            elif d.kind == "split":
                msg = f"{d.name!r} is {', '.join(shown[:-1])} and {shown[-1]} speaking together ({_plural(n, 'cue')})"
            elif d.why == "voice":
                msg = f"{d.name!r} is {shown[0]} ({_plural(n, 'cue')})"
            elif d.why == "alias":
                msg = f"{d.name!r} is {shown[0]} (aliases)"
            else:
                msg = f"{d.name!r} is {shown[0]}, written otherwise ({_plural(n, 'cue')})"
            self._note(d.kind, "character", d.name, first_line[d.key], ids, msg, count=n)

    def _read_places(self, elements: list[Element]) -> None:
        paths = []
        self._place_lines: dict[str, int] = {}
        for e in elements:
            if e.kind == "heading":
                places = self._heading(e.text).places
                paths.append(places)
                for p in places:
                    self._place_lines.setdefault(p.upper(), e.line)
        self.places = PlaceTree(paths, clean=self.clean)

    # ---- pass 2: the scenes ---------------------------------------------
    def _read_scenes(self, elements: list[Element]) -> list[dict]:
        scenes: list[dict] = []
        used_s = IdMaker()
        width = max(3, len(str(self.n_headings)))
        act: str | None = None
        sequence: str | None = None
        cur: dict | None = None
        prev_loc: str | None = None
        prev_tod: str | None = None
        lines = 0
        present: dict[str, None] = {}
        cues: dict[str, int] = {}
        summary: list[str] = []
        matcher = self.matcher
        cue_ids = self._cue_ids
        cue_key = self._cue_key
        for e in elements:
            k = e.kind
            if k == "section":
                if e.depth <= 1:
                    act = _strip_emphasis(e.text) or None
                    sequence = None
                else:
                    sequence = _strip_emphasis(e.text) or None
                continue
            if k == "heading":
                if cur is not None:
                    self._finish_scene(cur, lines, present, summary)
                cur = self._scene(e, len(scenes), width, used_s, prev_loc, prev_tod)
                prev_loc, prev_tod = cur.get("location"), cur.get("time_of_day")
                lines, present, cues, summary = printed_lines(e), {}, cur["cues"], []
                if act:
                    cur["act"] = act
                if sequence:
                    cur["tags"] = [f"sequence: {sequence}"]
                scenes.append(cur)
                continue
            if cur is None:
                continue
            lines += printed_lines(e)
            if k == "character":
                raw = e.name if e.name is not None else cue_name(e.text)[0]
                key = cue_key.get(raw)
                if key is None:  # (an empty cue)
                    continue
                for cid in cue_ids[key]:
                    cues[cid] = cues.get(cid, 0) + 1
                    present[cid] = None
            elif k == "action" or k == "centered":
                for cid in matcher.find(e.text):
                    present[cid] = None
            elif k == "synopsis":
                if e.text.strip():
                    summary.append(e.text.strip())
        if cur is not None:
            self._finish_scene(cur, lines, present, summary)
        self.work["name matching steps"] += matcher.steps
        self.work["id probes"] += used_s.probes
        return scenes

    def _scene(self, e: Element, idx: int, width: int, used_s: IdMaker, prev_loc, prev_tod) -> dict:
        h = self._heading(e.text)
        text = e.text.strip()
        sid = None
        if e.number:
            base = _NOT_NUMBER.sub("_", e.number).strip("_.-")
            if base and base not in used_s:
                sid = used_s.make(base)
        if sid is None:
            sid = used_s.make(f"s{idx + 1:0{width}d}")
        carried = self.clean and idx > 0 and (h.shot or (h.int_ext is None and self.secondary_are_shots))
        if carried:
            loc = prev_loc
            where = self._location_name(loc)
            why = "is a shot, not a place" if h.shot else "has no INT./EXT.: a shot, not a place"
            self._note("merged" if loc else "dropped", "location", text, e.line, (loc,) if loc else (),
                       f"heading {text!r} {why}" + (f"; the scene stays in {where}, the place of the scene before"
                                                    if loc else ""))
        else:
            loc = self.places.location_for(h.places)
            if h.shot and self.clean:
                self._note("dropped", "location", text, e.line, (), f"heading {text!r} is a shot, not a place")
        if self.clean and not h.shot:
            for d in h.dropped:
                self._note("dropped", "location", d, e.line, (loc,) if loc else (),
                           f"{d!r} in heading {text!r} is a camera direction or tag, not part of the place")
        tod = h.time_of_day
        if tod is None and self.clean and (h.relative or (carried and not h.time_text)):
            tod = prev_tod
        place_title = " – ".join(self._title(p) for p in h.places) or self._title(text)
        title_txt = (place_title or f"Scene {idx + 1}") + (f" – {self._title(h.time_text)}" if h.time_text else "")
        sc: dict = {"id": sid, "title": e.label or title_txt, "heading": text or None, "cues": {}}
        if e.number:
            sc["number"] = e.number
        if loc:
            sc["location"] = loc
        if tod:
            sc["time_of_day"] = tod
        if h.int_ext:
            sc["int_ext"] = h.int_ext
        return sc

    def _location_name(self, lid: str | None) -> str:
        locs = self.places.locations
        names = []
        while lid is not None and lid in locs and len(names) < 10:
            names.append(locs[lid]["name"])
            lid = locs[lid].get("parent")
        return repr(" – ".join(reversed(names)))

    @staticmethod
    def _finish_scene(sc: dict, lines: int, present: dict[str, None], summary: list[str]) -> None:
        """Complete a scene's data with what was read after its heading."""
        sc["length_lines"] = lines
        sc["eighths"] = max(1, math.ceil(lines * 8 / 55))
        sc["characters"] = list(present)
        if summary:
            sc["summary"] = "\n".join(summary)

    # ---- the story --------------------------------------------------------
    def build(self, elements: list[Element]) -> Story:
        """The story of ``elements``.

        Raises
        ------
        StoryFormatError
            Should the story fail validation (it should not).
        """
        self._read_cast(elements)
        self._read_places(elements)
        scenes = self._read_scenes(elements)
        cast = self.cast
        characters = []
        for key, cid in self.char_ids.items():
            name = cast.names[key]
            c = {"id": cid, "name": name}
            spellings = [s for s in dict.fromkeys(cast.spellings.get(key, [])) if s != name]
            if spellings:
                c["aliases"] = sorted(spellings)
            characters.append(c)
        for kind, text, lid, message in self.places.changes:
            if lid in self.places.locations:
                self._note(kind, "location", text, self._first_line(text), (lid,), message)
        notes = sorted(self._notes.values(), key=lambda n: n["line"])
        meta = dict(self.metadata or {})
        meta.setdefault("format", self.fmt)
        story_title = _strip_emphasis(self.title or "") or PurePath(self.path).stem or "Untitled"
        data = {
            "title": story_title,
            "metadata": meta,
            "characters": characters,
            "locations": list(self.places.locations.values()),
            "scenes": scenes,
            "notes": notes,
        }
        try:
            story = Story.model_validate(data, context={DEFER_REFERENCES: True})
        except Exception as exc:  # pydantic.ValidationError; should not happen
            raise StoryFormatError(self.path, 0, 0, f"cannot build a story from this screenplay: {exc}") from None
        problems = reference_problems(story)
        if problems:
            _, msg = problems[0]
            raise StoryFormatError(self.path, 0, 0, f"cannot build a story from this screenplay: {msg}")
        return story

    def _first_line(self, place_text: str) -> int:
        """The line of the first heading whose places include ``place_text``."""
        return self._place_lines.get(place_text.upper(), 0)


def build_story(
    elements: list[Element],
    path: str,
    *,
    title: str | None = None,
    metadata: dict[str, Any] | None = None,
    fmt: str = "screenplay",
    clean: bool = True,
) -> Story:
    """Make a :class:`Story` from screenplay elements (see :class:`StoryBuilder`).

    Raises
    ------
    StoryFormatError
        Should it happen, a story that fails validation.
    """
    return StoryBuilder(path, title=title, metadata=metadata, fmt=fmt, clean=clean).build(elements)
