"""From a screenplay's elements to a :class:`~timeline.model.Story`.

Shared by the Fountain and Final Draft (FDX) readers. A reader turns its input
into a flat list of :class:`Element` (headings, action, character cues,
dialogue, sections, synopses, ...) and :func:`build_story` makes the story:

* **Scenes.** One scene per scene heading. Elements before the first heading
  (title cards, ``FADE IN:``) belong to no scene; cues there still make their
  speakers known characters but are not counted in any scene (no "prologue"
  scene is invented, so the number of scenes is always the number of headings).
* **Heading.** ``EXT. CAROLINA'S BOOKSTORE - BACK ROOM - NIGHT`` gives
  ``int_ext="EXT"``, ``time_of_day="NIGHT"`` (only a last dash part made of
  time-of-day words is a time) and the location "Back Room" whose parent is
  "Carolina's Bookstore". Places written alike (case, spacing, punctuation)
  share one :class:`~timeline.model.Location` id.
* **Characters.** Every cue names a speaker; ``(V.O.)``, ``(CONT'D)``, ``@``,
  ``^``, case and spacing are ignored, so ``BOB (CONT'D)`` is ``BOB``. A scene's
  ``cues`` counts the cues of each speaker. A known speaker whose name appears
  as whole words in the scene's action (written in capitals or capitalised, not
  lower case) is present but silent. Very short names and names that are common
  words (``ALL``, ``VOICE``, ``MAN`` ...) count only when written in capitals.
* **Aliases.** ``aliases={"EL MARIACHI": "MARIACHI"}`` (or the path of a YAML
  file holding such a mapping) merges names.
* **Length.** ``length_lines`` is an estimate of the printed lines of the scene
  (action wrapped at 61 columns, dialogue at 35, a blank line between
  paragraphs), the same for a Fountain file and its FDX twin; ``eighths`` is
  ``ceil(lines * 8 / 55)``, at least 1 (55 lines per page).
* **Acts.** Top-level sections (``# ACT ONE``) set ``act``; deeper sections are
  kept as a ``sequence: ...`` tag. Synopses after a heading become the summary.
* **Ids.** Scene numbers (``#12A#``) are the scene ids when present and valid,
  else ``s001``, ``s002`` ... (always unique).
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Iterable, Mapping

from ..errors import StoryFormatError
from ..model import DEFER_REFERENCES, Story, reference_problems

__all__ = [
    "MAX_SCREENPLAY_BYTES",
    "check_size",
    "Element",
    "Heading",
    "parse_heading",
    "cue_name",
    "title_case",
    "slug",
    "build_story",
    "script_counts",
]

#: The largest screenplay the readers accept (a feature film is ~250 KB).
MAX_SCREENPLAY_BYTES = 16 * 1024 * 1024


def check_size(data, path: str) -> None:
    """Refuse inputs over :data:`MAX_SCREENPLAY_BYTES` (bounded reading time)."""
    if len(data) > MAX_SCREENPLAY_BYTES:
        raise StoryFormatError(path, 0, 0, f"screenplay is {len(data) / 1e6:.0f} MB; the limit is "
                               f"{MAX_SCREENPLAY_BYTES / 1e6:.0f} MB (a feature film is about 0.25 MB)")


#: Element kinds shared by the readers.
KINDS = (
    "title",          # title page entry: key, text
    "heading",        # scene heading: text (without forced '.' and scene number), number
    "action",
    "character",      # cue: text as written (without '@'), name, extension, dual
    "dialogue",
    "parenthetical",
    "transition",
    "centered",
    "lyrics",
    "section",        # depth
    "synopsis",
    "note",
    "page_break",
)


@dataclass(slots=True)
class Element:
    """One screenplay element.

    Attributes
    ----------
    kind : str
        One of :data:`KINDS`.
    text : str
        The element's text (markers such as ``.``, ``@``, ``>`` removed; several
        lines joined with ``\\n``).
    line : int
        1-based line of the source where the element starts (FDX: the line of
        its ``<Paragraph>`` when known, else 0).
    """

    kind: str
    text: str
    line: int = 0
    number: str | None = None      # heading: scene number
    name: str | None = None        # character: the bare name (no extension or markers)
    extension: str | None = None   # character: "(V.O.)" etc.
    dual: bool = False             # character: second speaker of dual dialogue (^)
    depth: int = 0                 # section depth (number of '#')
    key: str | None = None         # title page key
    forced: bool = False           # written with a forcing marker
    label: str | None = None       # heading: a scene title given by the source (FDX)


# --------------------------------------------------------------------------
# headings
# --------------------------------------------------------------------------

_PREFIX = re.compile(
    r"^\s*(INT\.?\s*/\s*EXT|EXT\.?\s*/\s*INT|INT\s*\.?\s*-\s*EXT|I\s*/\s*E|E\s*/\s*I|INT|EXT|EST)(?:\.\s*|\s+|$)",
    re.IGNORECASE,
)

_PREFIX_JUNK = re.compile(r"[\s.\-]")

_TIME_WORDS = frozenset(
    """DAY NIGHT MORNING EVENING AFTERNOON DUSK DAWN SUNSET SUNRISE NOON MIDNIGHT TWILIGHT
    LATER CONTINUOUS SAME TIME MOMENTS MOMENT LATE EARLY PRE-DAWN PREDAWN MAGIC HOUR
    CONT'D CONTD CONT MIDDAY MID-DAY NIGHTFALL DAYBREAK FLASHBACK PRESENT THE A FEW MINUTES
    SECONDS HOURS LATER. EVE MORN NITE SUNDOWN GOLDEN NEXT FOLLOWING ANOTHER TO HOUR""".split()
)
_TIME_CORE = frozenset(
    "DAY NIGHT MORNING EVENING AFTERNOON DUSK DAWN SUNSET SUNRISE NOON MIDNIGHT TWILIGHT "
    "LATER CONTINUOUS SAME PRE-DAWN PREDAWN MIDDAY MID-DAY NIGHTFALL DAYBREAK NITE SUNDOWN "
    "EVE MORN HOUR".split()
)
_DASHES = re.compile(r"\s+[-\u2013\u2014]+\s+|\s*--+\s*|\s*[\u2013\u2014]\s*")


@dataclass(slots=True)
class Heading:
    """A scene heading split into its parts."""

    int_ext: str | None
    places: list[str] = field(default_factory=list)  # outermost first, as written
    time_of_day: str | None = None
    time_text: str | None = None  # the time part as written


_BRACKETED = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
_TIME_PUNCT = re.compile(r"[/,.;:]")


def _time_words(part: str) -> list[str]:
    p = (_BRACKETED.sub(" ", part) if "(" in part or "[" in part else part).upper()
    return _TIME_PUNCT.sub(" ", p).split()


def _bracketed(part: str) -> bool:
    p = part.strip()
    return len(p) > 1 and ((p[0] == "(" and p[-1] == ")") or (p[0] == "[" and p[-1] == "]"))


def _is_time(part: str) -> bool:
    words = _time_words(part)
    if not words or len(words) > 5:
        return False
    return not _TIME_CORE.isdisjoint(words) and all(w in _TIME_WORDS or w.isdigit() for w in words)


def parse_heading(text: str) -> Heading:
    """Split a scene heading (without its scene number) into INT/EXT, places and time.

    >>> h = parse_heading("INT. CAROLINA'S BOOKSTORE - BACK ROOM - NIGHT")
    >>> h.int_ext, h.places, h.time_of_day
    ('INT', ["CAROLINA'S BOOKSTORE", 'BACK ROOM'], 'NIGHT')
    """
    rest = text.strip()
    ie = None
    m = _PREFIX.match(rest)
    if m:
        p = _PREFIX_JUNK.sub("", m.group(1).upper())
        ie = {"INT": "INT", "EXT": "EXT", "EST": "EXT"}.get(p, "INT/EXT")
        rest = rest[m.end():]
    parts = [p.strip(" .,:;") for p in _DASHES.split(rest)]
    parts = [p for p in parts if p]
    tod = time_text = None
    tail: list[str] = []
    while len(parts) > 1 and (_is_time(parts[-1]) or (tail == [] and _bracketed(parts[-1]) and _is_time(parts[-2]))):
        tail.insert(0, parts.pop())
    if tail:
        time_text = " - ".join(tail)
        tod = " ".join(_time_words(tail[0]))
    elif len(parts) == 1 and parts[0].upper() in _TIME_CORE:
        # "EXT. NIGHT" -- no place
        time_text = parts.pop()
        tod = time_text.upper()
    return Heading(ie, parts, tod, time_text)


# --------------------------------------------------------------------------
# names
# --------------------------------------------------------------------------

_PAREN = re.compile(r"\([^()]*\)?")
_SPACES = re.compile(r"\s+")


def cue_name(cue: str) -> tuple[str, str | None]:
    """The bare name and the extension(s) of a character cue.

    ``@``, a trailing ``^``, parenthesised extensions and a bare ``CONT'D``
    are removed; spacing is collapsed.

    >>> cue_name("@McCLANE (V.O.) (CONT'D) ^")
    ('McCLANE', "(V.O.) (CONT'D)")
    """
    s = cue.strip()
    if s.startswith("@"):
        s = s[1:]
    s = s.rstrip()
    if s.endswith("^"):
        s = s[:-1]
    exts = []
    name = s
    if "(" in s:
        exts = [m.group(0) for m in _PAREN.finditer(s)]
        name = _PAREN.sub(" ", s)
    name = _SPACES.sub(" ", name).strip(" :")
    up = name.upper()
    for tail in (" CONT'D", " CONT’D", " CONTD", " CONT."):
        if up.endswith(tail):
            exts.append(name[-len(tail) + 1:])
            name = name[: -len(tail)].rstrip()
            up = name.upper()
    return name, (" ".join(exts) or None)


def name_key(name: str) -> str:
    """The key under which two spellings of one name are the same."""
    return _SPACES.sub(" ", name.replace("’", "'")).strip().upper()


_SMALL = frozenset("a an and at by for in of on or the to de del la le du von van da".split())


def title_case(text: str) -> str:
    """``CAROLINA'S BOOKSTORE`` -> ``Carolina's Bookstore`` (letters after
    apostrophes stay lower case, small words lower case except first)."""
    out = []
    for i, word in enumerate(text.split()):
        low = word.lower()
        if i and low in _SMALL:
            out.append(low)
            continue
        # capitalise after start, '-', '/', '(' and '.' between letters (U.S.)
        chars = list(low)
        cap_next = True
        for j, c in enumerate(chars):
            if c.isalpha():
                if cap_next:
                    chars[j] = c.upper()
                cap_next = False
            elif c in "-/(.\"":
                cap_next = True
            elif c.isdigit():
                cap_next = False
        out.append("".join(chars))
    return " ".join(out)


def slug(text: str, sep: str = "_") -> str:
    """An ASCII id from ``text`` (accents folded, punctuation dropped)."""
    t = text
    if not t.isascii():  # (ASCII text has nothing to fold)
        t = unicodedata.normalize("NFKD", t)
        t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.replace("'", "").replace("’", "").casefold()
    t = _NOT_SLUG.sub(sep, t).strip(sep)
    return t


_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_ID_START = re.compile(r"^[A-Za-z0-9_]")


def _unique(base: str, used: set[str]) -> str:
    if not _ID_START.match(base):
        base = "_" + base
    cid, k = base, 2
    while cid in used:
        cid = f"{base}_{k}"
        k += 1
    used.add(cid)
    return cid


# --------------------------------------------------------------------------
# counts (the corpus README's definition)
# --------------------------------------------------------------------------


def script_counts(elements: Iterable[Element]) -> tuple[int, int, int]:
    """(headings, cues, distinct speakers) of a script, as in the corpus README."""
    h = c = 0
    speakers = set()
    for e in elements:
        if e.kind == "heading":
            h += 1
        elif e.kind == "character":
            c += 1
            speakers.add(name_key(e.name or cue_name(e.text)[0]))
    return h, c, len(speakers)


# --------------------------------------------------------------------------
# aliases
# --------------------------------------------------------------------------


def _load_aliases(aliases, path: str) -> dict[str, str]:
    if aliases is None:
        return {}
    if isinstance(aliases, (str, PurePath)):
        from pathlib import Path

        import yaml

        p = Path(aliases)
        try:
            data = yaml.safe_load(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise StoryFormatError(p, 0, 0, "alias file not found") from None
        except (OSError, UnicodeDecodeError) as e:
            raise StoryFormatError(p, 0, 0, f"cannot read alias file: {e}") from None
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            raise StoryFormatError(p, (mark.line + 1) if mark else 0, (mark.column + 1) if mark else 0,
                                   f"alias file is not valid YAML: {getattr(e, 'problem', e)}") from None
        if data is None:
            data = {}
        if not isinstance(data, Mapping):
            raise StoryFormatError(p, 1, 1, "alias file must be a mapping {variant: canonical name}")
        aliases = data
    if not isinstance(aliases, Mapping):
        raise StoryFormatError(path, 0, 0, "aliases must be a mapping {variant: canonical name} or a YAML file path")
    out = {}
    for k, v in aliases.items():
        if not isinstance(k, str) or not isinstance(v, str) or not k.strip() or not v.strip():
            raise StoryFormatError(path, 0, 0, f"alias {k!r}: {v!r} must map a name to a name")
        out[name_key(cue_name(k)[0])] = name_key(cue_name(v)[0])
    # follow chains (A -> B -> C), stopping at cycles
    for k in list(out):
        seen, v = {k}, out[k]
        while v in out and v not in seen:
            seen.add(v)
            v = out[v]
        out[k] = v
    return out


# --------------------------------------------------------------------------
# presence in action text
# --------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")
#: ``bytes.translate`` table that keeps ASCII letters and digits (the
#: characters of _WORD's words in ASCII text) and makes every other byte a space.
_ASCII_NON_WORD = bytes(c if bytes([c]).isalnum() else 32 for c in range(256))
#: Names that are also common words: they count in action text only in capitals.
_COMMON = frozenset(
    """ALL BOTH EVERYONE EVERYBODY SOMEONE SOMEBODY NOBODY ANYONE VOICE VOICES MAN WOMAN MEN WOMEN
    BOY GIRL KID KIDS CHILD GUARD GUARDS DOG CAT OFFICER DOCTOR NURSE DRIVER WAITER WAITRESS
    CROWD GROUP OTHERS OTHER ONE TWO THREE HE SHE THEY WE YOU I IT THE A AN AND OR BUT SO
    WILL MAY JUNE APRIL AUGUST GRACE HOPE JOY FAITH MARK BILL ROSE ART PAT SUNNY NEWS TV RADIO
    MOM DAD MOTHER FATHER SON DAUGHTER BROTHER SISTER WIFE HUSBAND BABY BOSS COP COPS
    NARRATOR ANNOUNCER VOICE OVER PILOT CAPTAIN SOLDIER SOLDIERS STUDENT STUDENTS TEACHER
    CLERK PRIEST JUDGE KING QUEEN PRINCE PRINCESS LADY GENTLEMAN SIR MISTER MISS MRS MR""".split()
)


class _NameMatcher:
    """Finds known names in action text (whole words, not lower case).

    The text is read as words (runs of letters and digits); a name matches
    where its words follow one another, compared in upper case. At each word
    the longest matching name wins; a name made of common words or short
    (see :data:`_COMMON`) must be written in capitals there, any other name
    must not start a word in lower case.
    """

    def __init__(self, names: dict[str, str]):
        # names: key -> char id; indexed by first word:
        # first word -> [(the other words, char id, caps only)], longest names first
        self.first: dict[str, list[tuple[list[str], str, bool]]] = {}
        for key, cid in names.items():
            toks = _WORD.findall(key)
            if not toks:
                continue
            caps_only = (len(toks) == 1 and (len(toks[0]) < 3 or toks[0] in _COMMON)) or all(t in _COMMON for t in toks)
            self.first.setdefault(toks[0], []).append((toks[1:], cid, caps_only))
        for v in self.first.values():
            v.sort(key=lambda t: -len(t[0]))
        self.first_words = frozenset(self.first)

    def find(self, text: str) -> list[str]:
        """Ids of the names in ``text``, in order (once per occurrence)."""
        first = self.first
        if not first or not text:
            return []
        if text.isascii():
            # the same words, made by C string methods many times faster than
            # by a regular expression: every non-word character becomes a space
            spaced = text.encode("ascii").translate(_ASCII_NON_WORD).decode("ascii")
            ups = spaced.upper().split()
            if self.first_words.isdisjoint(ups):
                return []
            words = spaced.split()
        else:
            words = _WORD.findall(text)
            ups = [w.upper() for w in words]
        found: list[str] = []
        # (a name's words never start in lower case: "a" cannot start "A MAN")
        for i in [i for i, u in enumerate(ups) if u in first and not words[i][:1].islower()]:
            for rest, cid, caps_only in first[ups[i]]:
                k = len(rest) + 1
                if rest and ups[i + 1:i + k] != rest:
                    continue
                if all(map(_in_capitals if caps_only else _not_lower_initial, words[i:i + k])):
                    found.append(cid)
                    break
        return found


def _in_capitals(word: str) -> bool:
    """A word of a name that must be written in capitals is (or has no letter)."""
    return word.isupper() or not any(c.isalpha() for c in word)


def _not_lower_initial(word: str) -> bool:
    """A word of any other name does not start in lower case."""
    return not word[:1].islower()


# --------------------------------------------------------------------------
# length estimate
# --------------------------------------------------------------------------

#: Per element kind: the width its lines wrap at, and the blank lines before
#: it (one before every paragraph except dialogue/parentheticals under a cue).
_LAYOUT = {"action": (61, 1), "dialogue": (35, 0), "parenthetical": (25, 0), "lyrics": (35, 1),
           "centered": (61, 1), "heading": (61, 1), "transition": (61, 1), "character": (38, 1)}


def _printed_lines(e: Element) -> int:
    layout = _LAYOUT.get(e.kind)
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


# --------------------------------------------------------------------------
# building the story
# --------------------------------------------------------------------------


def _finish_scene(sc: dict, lines: int, present: dict[str, None], summary: list[str]) -> None:
    """Complete a scene's data with what was read after its heading."""
    sc["length_lines"] = lines
    sc["eighths"] = max(1, math.ceil(lines * 8 / 55))
    sc["characters"] = list(present)
    if summary:
        sc["summary"] = "\n".join(summary)


def _strip_emphasis(text: str) -> str:
    return re.sub(r"[*_]+", "", text).strip()


def build_story(
    elements: list[Element],
    path: str,
    *,
    title: str | None = None,
    metadata: dict[str, Any] | None = None,
    aliases=None,
    fmt: str = "screenplay",
) -> Story:
    """Make a :class:`Story` from screenplay elements (see the module docstring).

    Raises
    ------
    StoryFormatError
        For a bad ``aliases`` option or, should it happen, a story that fails
        validation.
    """
    alias = _load_aliases(aliases, path)
    # names, places and headings recur throughout a script: each distinct one
    # is worked out once per story
    titled = functools.lru_cache(maxsize=None)(title_case)
    slugged = functools.lru_cache(maxsize=None)(slug)

    # ---- characters: every cue anywhere ---------------------------------
    char_ids: dict[str, str] = {}   # key -> id
    char_names: dict[str, str] = {}  # key -> display name
    spellings: dict[str, set[str]] = {}
    used_c: set[str] = set()
    cid_of_name: dict[str, str] = {}  # name as written in a cue -> id

    def char_for(e: Element) -> str:
        """The id of a cue's speaker (new speakers get one)."""
        raw = e.name if e.name is not None else cue_name(e.text)[0]
        cid = cid_of_name.get(raw)
        if cid is None:
            cid = cid_of_name[raw] = new_char(raw)
        return cid

    def new_char(raw: str) -> str:
        key0 = name_key(raw)
        key = alias.get(key0, key0)
        cid = char_ids.get(key)
        if cid is None:
            base = slug(key) or "character"
            cid = char_ids[key] = _unique(base, used_c)
            char_names[key] = titled(key) if key == key.upper() else key
        if key0 != key:
            spellings.setdefault(key, set()).add(titled(key0))
        return cid

    heading_count = 0  # (for the width of scene numbers in ids)
    for e in elements:
        if e.kind == "character":
            if (e.name or e.text).strip():
                char_for(e)
        elif e.kind == "heading":
            heading_count += 1
    # alias targets that never speak but whose variants do already exist;
    # names known for presence: every speaker key and its variants
    present_names = dict(char_ids)
    for k0, k in alias.items():
        if k in char_ids:
            present_names.setdefault(k0, char_ids[k])
    matcher = _NameMatcher(present_names)

    # ---- scenes -----------------------------------------------------------
    locations: dict[str, dict] = {}  # id -> data (insertion order)
    scenes: list[dict] = []
    used_s: set[str] = set()
    act: str | None = None
    sequence: str | None = None
    cur: dict | None = None

    def location_for(h: Heading) -> str | None:
        parent = None
        lid = None
        for place in h.places:
            norm = slugged(place)
            if not norm:
                continue
            lid = f"{parent}.{norm}" if parent else norm
            if lid not in locations:
                locations[lid] = {"id": lid, "name": titled(place)}
                if parent:
                    locations[lid]["parent"] = parent
            parent = lid
        return lid

    @functools.lru_cache(maxsize=None)
    def heading_info(text: str) -> tuple[Heading, str | None, str]:
        """A heading's parts, location id and title ("" when it names no place)."""
        h = parse_heading(text)
        place_title = " – ".join(titled(p) for p in h.places) or titled(text.strip())
        return h, location_for(h), place_title

    # the scene being read: its printed lines, characters (in order of
    # appearance), cues and synopses
    lines = 0
    present: dict[str, None] = {}
    cues: dict[str, int] = {}
    summary: list[str] = []
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
                _finish_scene(cur, lines, present, summary)
            h, loc, place_title = heading_info(e.text)
            idx = len(scenes)
            sid = None
            if e.number:
                base = re.sub(r"[^A-Za-z0-9_.\-]+", "_", e.number).strip("_.-")
                if base and base not in used_s:
                    sid = _unique(base, used_s)
            if sid is None:
                width = max(3, len(str(heading_count)))
                sid = _unique(f"s{idx + 1:0{width}d}", used_s)
            title_txt = (place_title or f"Scene {idx + 1}") + (f" – {titled(h.time_text)}" if h.time_text else "")
            if e.label:
                title_txt = e.label
            cur = {
                "id": sid,
                "title": title_txt,
                "heading": e.text.strip() or None,
                "cues": {},
            }
            lines, present, cues, summary = _printed_lines(e), {}, cur["cues"], []
            if e.number:
                cur["number"] = e.number
            if loc:
                cur["location"] = loc
            if h.time_of_day:
                cur["time_of_day"] = h.time_of_day
            if h.int_ext:
                cur["int_ext"] = h.int_ext
            if act:
                cur["act"] = act
            if sequence:
                cur["tags"] = [f"sequence: {sequence}"]
            scenes.append(cur)
            continue
        if cur is None:
            continue
        lines += _printed_lines(e)
        if k == "character":
            if not (e.name or e.text).strip():
                continue
            cid = char_for(e)
            cues[cid] = cues.get(cid, 0) + 1
            present[cid] = None
        elif k == "action" or k == "centered":
            for cid in matcher.find(e.text):
                present[cid] = None
        elif k == "synopsis":
            if e.text.strip():
                summary.append(e.text.strip())
    if cur is not None:
        _finish_scene(cur, lines, present, summary)

    characters = []
    for key, cid in char_ids.items():
        c = {"id": cid, "name": char_names[key]}
        if key in spellings:
            c["aliases"] = sorted(spellings[key] - {char_names[key]})
        characters.append(c)

    meta = dict(metadata or {})
    meta.setdefault("format", fmt)
    story_title = _strip_emphasis(title or "") or PurePath(path).stem or "Untitled"
    data = {
        "title": story_title,
        "metadata": meta,
        "characters": characters,
        "locations": list(locations.values()),
        "scenes": scenes,
    }
    try:
        story = Story.model_validate(data, context={DEFER_REFERENCES: True})
    except Exception as exc:  # pydantic.ValidationError; should not happen
        raise StoryFormatError(path, 0, 0, f"cannot build a story from this screenplay: {exc}") from None
    problems = reference_problems(story)
    if problems:
        loc, msg = problems[0]
        raise StoryFormatError(path, 0, 0, f"cannot build a story from this screenplay: {msg}")
    return story
