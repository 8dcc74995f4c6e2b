"""Stage plays and transcripts as plain text: ``NAME: speech`` or a ``NAME.`` cue.

What people have besides screenplays: a stage play typed the way plays are printed
(Project Gutenberg, a drama club's script), a radio play, or a film or episode
transcript from a fan site. They share one shape, different from a screenplay's:

* **Speeches** start with the speaker's name and a colon (``MARGARET: Sit down.``,
  ``Rachel: Hi!``, ``HAMLET (aside): ...``), or the name in capitals and a full stop,
  on the speech's own line or alone above it (``HAMLET. To be, or not to be`` /
  ``HAMLET.`` over verse lines). Lines after a speech, up to a blank line, continue it.
* **Scenes** are ``SCENE 2. A room in the castle.``, ``Scene II``, ``[Scene: Central
  Perk, the gang is there.]``, or a screenplay heading (``INT. KITCHEN - NIGHT``). The
  place is the description's first clause (``A room in the castle``; a leading "A" or
  "An" dropped), its time of day the time words in it ("at night", "the next morning",
  "later"). A scene number with no description is the place "Scene 2".
* **Acts**: ``ACT I`` / ``Act Two`` (also ``ACT I, SCENE 2``) set the scenes' act.
* **Stage directions**: a line in parentheses or brackets, or any other line after a
  blank one; a known speaker named in one is present in the scene (as in screenplays).
* A **cast list** (``CHARACTERS``, ``CAST``, ``DRAMATIS PERSONAE``, ``PERSONS OF THE
  PLAY``...) up to the first scene or speech is left out of the scenes; the title is
  the first line before it.
* A play with no scene marks at all is one scene, named after its title.

The lines are made into the same screenplay elements the Fountain, FDX and PDF
readers give (:mod:`timeline.formats.script`), so characters, presence, places and
acts are decided as for a screenplay; ``convert -o x.fountain`` writes a play back
as Fountain. :func:`play_evidence` is what :mod:`timeline.formats.text` weighs when it
decides what a ``.txt`` is.
"""

from __future__ import annotations

import re
from collections import Counter

from ..errors import StoryFormatError
from ..model import Story
from ..timeofday import TOD_WORDS
from ._text import decode_text
from .layout_lines import is_heading
from .script.builder import build_story
from .script.elements import Element, check_size

__all__ = ["parse_play", "read_play", "play_evidence", "PlayEvidence", "READER_VERSION"]

#: Part of an upload's key (:func:`timeline.formats.reader_version`).
READER_VERSION = 1

_NAME = r"[A-Z][\w'’.\-]*(?:[ ][A-Za-z][\w'’.\-]*){0,3}"
#: ``NAME: speech`` / ``NAME (aside): speech`` (any case; the name must then recur).
_COLON_CUE = re.compile(rf"^[ \t]*(?P<name>{_NAME})[ \t]*(?P<ext>\([^()]{{1,40}}\))?[ \t]*:[ \t]+(?P<speech>\S.*)$")
_COLON_ALONE = re.compile(r"^[ \t]*(?P<name>[A-Z][A-Z'’.\-]*(?:[ ][A-Z][A-Z'’.\-]*){0,3})[ \t]*"
                          r"(?P<ext>\([^()]{1,40}\))?[ \t]*:[ \t]*$")
#: ``NAME. speech`` or ``NAME.`` alone (capitals only: "Mr. Smith." is not a cue).
_PERIOD_CUE = re.compile(r"^[ \t]*(?P<name>[A-Z][A-Z'’\-]+(?:[ ][A-Z][A-Z'’\-]*){0,3})"
                         r"[ \t]*(?P<ext>\([^()]{1,40}\))?\.(?:[ \t]+(?P<speech>\S.*))?$")
_NUMBER = r"(?:[IVXLC]+|\d+[A-Z]?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|first|second|third|fourth|fifth|last|final)"
_ACT = re.compile(rf"^[ \t]*act[ \t]+(?P<num>{_NUMBER})\b[.:,;\-–— \t]*(?P<rest>.*)$", re.IGNORECASE)
_SCENE = re.compile(rf"^[ \t]*scene[ \t]+(?P<num>{_NUMBER})\b[.:,;\-–— \t]*(?P<rest>.*)$", re.IGNORECASE)
_SCENE_TAG = re.compile(r"^[ \t]*[\[(]?[ \t]*(?:scene|setting|location)[ \t]*:[ \t]*(?P<rest>.*?)[\])]?[ \t]*$",
                        re.IGNORECASE)
_DIRECTION = re.compile(r"^[ \t]*[\[(].*[\])][ \t]*$")
_CAST_HEAD = re.compile(r"^[ \t]*(?:the[ \t]+)?(?:characters|cast(?:[ \t]+of[ \t]+characters)?|dramatis[ \t]+person(?:ae|æ|e)|"
                        r"persons[ \t]+(?:of|in)[ \t]+the[ \t]+(?:play|drama)|people[ \t]+(?:of|in)[ \t]+the[ \t]+play|"
                        r"the[ \t]+people)[ \t]*:?[ \t]*$", re.IGNORECASE)
#: Screenplay abbreviations before a full stop ("MED. SHOT", "EXT. HOUSE"): never a speaker.
_SHOT_WORDS = frozenset("INT EXT EST I/E INT/EXT EXT/INT MED CU ECU ELS LS MS MCU POV OS VO OC CONT CONTD".split())
#: Words before a colon that label a line, not a speaker.
_LABELS = frozenset("""note notes setting time place scene act title author by written cast characters characters
    synopsis summary copyright transcript episode written produced directed music lyrics source date draft
    revision contents and the end prologue epilogue exit exeunt enter curtain blackout fade finis intermission
    interval sound sfx fx music effect effects lights light lighting cut dissolve slide caption super graphic
    card""".split())
#: Words that end a place in a scene's description ("a room in the castle, later").
_TIME_PHRASE = re.compile(r"(?:,|\s[-–—]+)?\s*\b(?:at|in the|that|the next|next|early|late|one|later that|the following)?\s*"
                          r"(?:" + "|".join(sorted((w.lower() for w in TOD_WORDS), key=len, reverse=True))
                          + r"|later|moments later|same time|continuous)\b.*$", re.IGNORECASE)


class PlayEvidence:
    """What a text shows of a play's shape: speeches by recurring speakers, scene and
    act marks (see :func:`play_evidence`)."""

    def __init__(self, speeches: int, speakers: int, scenes: int, acts: int, lines: int, named: int = 0):
        self.speeches, self.speakers, self.scenes, self.acts, self.lines = speeches, speakers, scenes, acts, lines
        #: speeches under a name alone on its line: a screenplay's shape too, so they make a
        #: play only with the play's own scene or act marks (:attr:`acting_edition`)
        self.named = named

    @property
    def acting_edition(self) -> bool:
        """Names over speeches with SCENE/ACT marks: a play as acting editions print it."""
        return self.named >= 6 and self.speakers >= 2 and self.scenes + self.acts >= 1

    @property
    def is_play(self) -> bool:
        """Enough speeches by recurring speakers to be a play or a transcript."""
        return (self.speeches >= 6 and self.speakers >= 2
                and (self.speeches * 6 >= self.lines or self.speeches >= 30 or self.scenes + self.acts >= 2)
                or self.acting_edition)

    def reason(self) -> str:
        parts = [f"{self.speeches + self.named} speeches by {self.speakers} speakers"]
        if self.scenes:
            parts.append(f"{self.scenes} scene{'s' if self.scenes != 1 else ''}")
        if self.acts:
            parts.append(f"{self.acts} act{'s' if self.acts != 1 else ''}")
        return ", ".join(parts)


def _label_word(name: str) -> bool:
    first = name.split()[0].strip(".").lower()
    return first in _LABELS


def _cue(line: str) -> tuple[str, str | None, str] | None:
    """``(name, extension, speech)`` of a speech's first line, or None."""
    m = _COLON_CUE.match(line)
    if m and not _label_word(m["name"]) and not m["name"].rstrip().endswith("."):
        return m["name"].strip(), m["ext"], m["speech"].strip()
    m = _COLON_ALONE.match(line)  # "HAMLET:" over the speech (capitals only, as "NAME.")
    if m and not _label_word(m["name"]):
        return m["name"].strip(), m["ext"], ""
    m = _PERIOD_CUE.match(line)
    if (m and not _label_word(m["name"]) and len(m["name"]) >= 2 and not _ACT.match(line) and not _SCENE.match(line)
            and m["name"].split()[0] not in _SHOT_WORDS and not is_heading(line.strip())
            and (not m["speech"] or any(c.islower() for c in m["speech"]))):  # "MED. SHOT" is no speech
        return m["name"].strip(), m["ext"], (m["speech"] or "").strip()
    return None


def _indent(line: str) -> int:
    s = line.expandtabs(8)
    return len(s) - len(s.lstrip())


def _name_lines(lines: list[str]) -> dict[int, tuple[str, str | None]]:
    """Cues printed as a play's acting editions print them: the name alone on its line,
    in capitals, indented (often centred) over a speech that starts further left, after
    a blank line. ``{line index: (name, extension)}``."""
    from .layout_lines import cue_like
    from .script.elements import cue_name

    out: dict[int, tuple[str, str | None]] = {}
    for k, ln in enumerate(lines):
        t = ln.strip()
        if not t or _indent(ln) < SPEECH_INDENT or (k and lines[k - 1].strip()) or k + 1 >= len(lines):
            continue
        nxt = lines[k + 1]
        if not nxt.strip() or _indent(nxt) >= _indent(ln) or _ACT.match(t) or _SCENE.match(t) or _CAST_HEAD.match(t):
            continue
        name = cue_like(t)
        if name and not _label_word(name) and name.split()[0] not in _SHOT_WORDS:
            out[k] = (name, cue_name(t)[1])
    return out


#: Columns a name is indented, at least, to be a cue alone on its line.
SPEECH_INDENT = 8


def _candidates(lines: list[str], named: dict[int, tuple[str, str | None]] | None = None) -> Counter:
    """Speaker names of the lines that look like a speech's start, counted."""
    names: Counter = Counter()
    for ln in lines:
        c = _cue(ln)
        if c:
            names[_key(c[0])] += 1
    for name, _ in (named or {}).values():
        names[_key(name)] += 1
    return names


def _key(name: str) -> str:
    return " ".join(name.upper().replace("’", "'").split())


def _speakers(names: Counter, cased: dict[str, str] | None = None) -> set[str]:
    """Names that speak at least twice (a name once before a colon may be a label or a
    list). With ``cased`` (the names as written; the text is known to be a play), also
    the names that speak once and are written as names (each word capitalised)."""
    out = {n for n, k in names.items() if k >= 2}
    if cased is not None and len(out) >= 2:
        out |= {n for n in names if all(w[:1].isupper() for w in cased.get(n, "x").split())}
    return out


def play_evidence(text: str) -> PlayEvidence:
    """How much ``text`` looks like a play or a transcript (see :class:`PlayEvidence`).

    >>> play_evidence("ANN: Hi.\\nBOB: Hello.\\nANN: Well?\\nBOB: Well.\\nANN: Go.\\nBOB: No.\\n").is_play
    True
    >>> play_evidence("Rick runs a bar. Ilsa walks in.\\nNote: a summary.\\n").is_play
    False
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    named = _name_lines(lines)
    speakers = _speakers(_candidates(lines, named))
    speeches = sum(1 for ln in lines if (c := _cue(ln)) and _key(c[0]) in speakers)
    named_speeches = sum(1 for name, _ in named.values() if _key(name) in speakers)
    scenes = sum(1 for ln in lines if _SCENE.match(ln) or _SCENE_TAG.match(ln))
    acts = sum(1 for ln in lines if _ACT.match(ln))
    nonblank = sum(1 for ln in lines if ln.strip())
    return PlayEvidence(speeches, len(speakers), scenes, acts, nonblank, named_speeches)


def _place_heading(description: str, fallback: str) -> str:
    """A heading the screenplay heading parser reads, from a scene's description:
    the first clause as the place, time words as the time of day."""
    d = " ".join(description.strip().strip("[]()").split()).rstrip(".")
    time = None
    m = _TIME_PHRASE.search(d)
    if m:
        time, d = m.group(0).strip(" ,-–—"), d[:m.start()]
    parts = [p.strip(" ,-–—") for p in _CLAUSE.split(d, maxsplit=1)]
    places = [parts[0]]
    if len(parts) > 1 and "." in d[len(parts[0]):len(parts[0]) + 2]:  # "Elsinore. A platform before the Castle."
        second = re.split(r"[.;:]|,\s", parts[1], maxsplit=1)[0].strip()
        if _WITHIN.match(second) and len(second.split()) <= 8:
            places.append(second)
    places = [re.sub(r"^(?:a|an)\s+", "", p, flags=re.IGNORECASE) for p in places]
    if not places[0] or len(places[0]) > 60:
        places = [fallback]
    words = [w for w in re.findall(r"[A-Za-z]+", time or "") if w.upper() in TOD_WORDS or w.upper() == "LATER"]
    return " - ".join(p.upper() for p in places) + (f" - {words[-1].upper()}" if words else "")


#: Where a scene's description stops naming its place.
_CLAUSE = re.compile(r"[.;:]\s*|,\s|\s[-–—]\s|\s(?:where|as|while|when)\s")
#: A second sentence that names a place within the first ("Elsinore. A room in the castle.").
_WITHIN = re.compile(r"^(?:a|an|the|another|inside|outside|before|near|in|on|at)\s+\S", re.IGNORECASE)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
_WORDS.update(first=1, second=2, third=3, fourth=4, fifth=5)


def _number(text: str) -> str:
    """An act's or scene's number as digits ("IV" -> "4", "two" -> "2"; "last" as written)."""
    t = text.strip().upper()
    if t.isdigit():
        return str(int(t))
    if t and all(c in _ROMAN for c in t):
        total = 0
        for a, b in zip(t, t[1:] + " "):
            v = _ROMAN[a]
            total += -v if b in _ROMAN and _ROMAN[b] > v else v
        return str(total)
    return str(_WORDS.get(t.lower(), t))


def parse_play(data: bytes | str, path: str = "<string>") -> tuple[list[Element], str | None]:
    """A play's (or a transcript's) screenplay elements and its title.

    Raises
    ------
    StoryFormatError
        For a text without speeches by recurring speakers.
    """
    text = decode_text(data, path) if isinstance(data, bytes) else data
    lines, offset = _body(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    cased = {_key(c[0]): c[0] for ln in lines if (c := _cue(ln))}
    named = _name_lines(lines)
    cased.update({_key(n): n for n, _ in named.values()})
    names = _candidates(lines, named)
    speakers = _speakers(names, cased)
    if len(speakers) < 1:
        raise StoryFormatError(path, 0, 0, "this text has no speeches (\"NAME: words\" or a \"NAME.\" cue, each "
                                           "speaker at least twice): not a play or a transcript")
    els: list[Element] = []
    title: str | None = None
    in_cast = False
    speaking = False  # the previous line belongs to a speech (no blank line since)
    began = False  # a scene, act or speech has come (the front matter is over)
    scene_count = 0
    act_number: str | None = None

    def heading(text: str, line: int, number: str | None = None):
        nonlocal scene_count, speaking
        scene_count += 1
        els.append(Element("heading", text, line, number=number))
        speaking = False

    spoken = False  # a speech has come (a cast list may follow a table of contents, not a speech)
    for i, raw in enumerate(lines, start=offset + 1):
        s = raw.strip()
        if not s:
            speaking = False
            continue
        act = _ACT.match(s)
        scene = _SCENE.match(s) or (_SCENE.match(act["rest"]) if act and act["rest"] else None)
        tag = None if scene else _SCENE_TAG.match(s)
        if act:
            in_cast, began = False, True
            act_number = _number(act["num"])
            els.append(Element("section", f"ACT {act['num'].upper()}", i, depth=1))
            speaking = False
            if not scene:
                continue
        if scene or tag:
            in_cast, began = False, True
            rest = (scene["rest"] if scene else tag["rest"]).strip()
            number = None
            if scene:  # scenes are numbered within their act: "2.1" is act 2, scene 1
                number = _number(scene["num"])
                number = f"{act_number}.{number}" if act_number else number
            if not rest and scene:  # "SCENE 2" over a description line
                nxt = next((ln.strip() for ln in lines[i:i + 2] if ln.strip()), "")
                if nxt and not _cue(nxt) and not _ACT.match(nxt) and not _SCENE.match(nxt) and len(nxt) <= 120:
                    rest = nxt
            heading(_place_heading(rest, f"SCENE {number}" if number else "SCENE"), i, number)
            continue
        if is_heading(s):
            in_cast, began = False, True
            heading(s, i)
            continue
        if _CAST_HEAD.match(s) and not spoken:
            in_cast = True
            continue
        cue = _cue(s)
        if i - offset - 1 in named:  # the name alone over its speech
            cue = (named[i - offset - 1][0], named[i - offset - 1][1], "")
        if cue and _key(cue[0]) in speakers and not in_cast and (began or names[_key(cue[0])] >= 2):
            began = spoken = True
            if not scene_count:
                heading(_place_heading("", (title or "The play").upper()), i)
            name, ext, speech = cue
            els.append(Element("character", name.upper() + (f" {ext}" if ext else ""), i, name=name.upper(),
                               extension=ext))
            if speech:
                _speech(els, speech, i)
            speaking = True
            continue
        if in_cast:
            continue
        if not began:
            if title is None and not _DIRECTION.match(s):
                title = s.strip("*_ ").strip()[:120] or None
            continue
        if speaking and not _DIRECTION.match(s):
            _speech(els, s, i)
            continue
        els.append(Element("action", s.strip("[]()_* ") or s, i))
        speaking = False
    els = _without_empty_scenes(els)
    if not any(e.kind == "character" for e in els):
        raise StoryFormatError(path, 0, 0, "this text has no speeches (\"NAME: words\" or a \"NAME.\" cue): not a play "
                                           "or a transcript")
    return els, title


#: Project Gutenberg's frame around a book: the play lies between these lines.
_GUTENBERG_START = re.compile(r"^\s*\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG", re.IGNORECASE)
_GUTENBERG_END = re.compile(r"^\s*\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG", re.IGNORECASE)


def _body(lines: list[str]) -> tuple[list[str], int]:
    """The lines of the play itself and how many lines come before them: a Project
    Gutenberg file's licence and header are left out."""
    start = next((k + 1 for k, ln in enumerate(lines[:2000]) if _GUTENBERG_START.match(ln)), 0)
    end = next((k for k in range(start, len(lines)) if _GUTENBERG_END.match(lines[k])), len(lines))
    return lines[start:end], start


def _without_empty_scenes(els: list[Element]) -> list[Element]:
    """Leave out scene marks with nothing under them (a table of contents lists every
    scene and act before the play starts), and an act mark that only such marks follow."""
    kept: list[Element] = []
    for k, e in enumerate(els):
        if e.kind == "heading":
            nxt = next((x for x in els[k + 1:] if x.kind != "section"), None)
            if nxt is None or nxt.kind == "heading":
                continue
        kept.append(e)
    out: list[Element] = []
    for k, e in enumerate(kept):
        if e.kind == "section" and (k + 1 == len(kept) or kept[k + 1].kind == "section"):
            continue
        out.append(e)
    return out


def _speech(els: list[Element], text: str, line: int) -> None:
    """Add a speech's words: a whole parenthesised line is a parenthetical, other words
    join the speech's dialogue (a direction inside a line stays in it, as printed)."""
    if _DIRECTION.match(text) and text.strip().startswith("("):
        els.append(Element("parenthetical", text.strip(), line))
        return
    last = els[-1] if els else None
    if last is not None and last.kind == "dialogue":
        last.text += "\n" + text
    else:
        els.append(Element("dialogue", text, line))


def read_play(data: bytes, path: str, *, clean: bool = True) -> Story:
    """Read a stage play or a transcript (see the module docstring).

    Raises
    ------
    StoryFormatError
        For input over 16 MB or a text without speeches.
    """
    check_size(data, path)
    els, title = parse_play(data, path)
    return build_story(els, path, title=title, fmt="play", clean=clean)
