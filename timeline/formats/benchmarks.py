"""Readers for the storyline benchmark formats.

* **Tanahashi list** (``*_list.txt``, Tanahashi & Ma 2012): one line per time
  step; groups separated by TAB, members by comma. Every group becomes a
  :class:`~timeline.model.Scene` (``step`` = the line's time step, 0-based), so
  the groups of one line share a storyline layer. An empty line is a time step
  in which nobody is listed: it gives one empty scene (no characters), so the
  layer still exists (characters alive across it are singletons).
* **StoryFlow / iStoryline XML** (Liu et al. 2013): ``<Character Name=..>`` with
  ``<Span Start End Session/>`` children, the character being in ``Session``
  during the half-open time interval ``[Start, End)``. The time axis is cut at
  every span boundary; each resulting interval is a time step and each session
  active in it a group (a scene ``t<start> session <s>``). Consecutive steps
  with the same groups merge under the crossing convention anyway.
* **Stanford GraphBase** ``.dat`` (Knuth 1993, ``anna.dat``, ``jean.dat``):
  ``*`` comment lines, ``XX Name, description`` lines, a blank line, then chapter
  lines ``ID:clique;clique;...`` (``&:`` continues the previous line). Each
  clique is a scene in file order, one layer per clique. ``part="3"`` keeps the
  chapters whose id starts with ``3.``.

Malformed input raises :class:`~timeline.errors.StoryFormatError` with the
file, line and column.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from pydantic import ValidationError

from ..errors import StoryFormatError
from ..model import Story
from ._text import decode_text
from .story_file import validation_message

__all__ = ["read_tanahashi", "read_storyflow", "read_sgb"]

_ID_OK = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")


class _Ids(dict):
    """``name -> id`` with the ids already given, so each new id costs O(1)."""

    def __init__(self):
        super().__init__()
        self.used: set[str] = set()
        self.next_k: dict[str, int] = {}


def _make_id(name: str, taken: _Ids) -> str:
    """A model-valid id for ``name`` (the name itself when it already is one)."""
    if name in taken:
        return taken[name]
    if _ID_OK.match(name):
        cid = name
    else:
        cid = re.sub(r"[^A-Za-z0-9_.\-]+", "_", name).strip("_.-") or "c"
        if not re.match(r"^[A-Za-z0-9_]", cid):
            cid = "_" + cid
    base = cid
    k = taken.next_k.get(base, 2)
    while cid in taken.used:  # names that slug alike: base_2, base_3, ... (each k tried once per base)
        cid = f"{base}_{k}"
        k += 1
    taken.next_k[base] = k
    taken.used.add(cid)
    taken[name] = cid
    return cid


#: Most (scene, character) pairs a benchmark file may expand to (StoryFlow
#: spans that all overlap list every character at every time step).
MAX_MEMBERSHIPS = 2_000_000


def _title(path: str) -> str:
    stem = PurePath(path).name
    for suffix in ("_list.txt", ".xml", ".dat", ".txt"):
        if stem.lower().endswith(suffix):
            return stem[: -len(suffix)] or stem
    return stem or "story"


def _story(path: str, title: str, names: dict[str, str], scenes: list[dict], meta: dict) -> Story:
    chars = [{"id": cid, "name": name} for name, cid in names.items()]
    try:
        return Story(title=title, metadata=meta, characters=chars, scenes=scenes)
    except ValidationError as e:  # pydantic ValidationError: our own bug or odd names
        raise StoryFormatError(path, 0, 0, f"cannot build a story: {validation_message(e)}") from None


def read_tanahashi(data: bytes, path: str, **options) -> Story:
    """Read a Tanahashi storyline list (``*_list.txt``).

    Parameters
    ----------
    data : bytes
    path : str
        For messages and the title.

    Returns
    -------
    Story
        One scene per group, ``step`` = line number - 1; character ids are the
        names (sanitised only when they do not fit the id pattern).
    """
    _no_options(path, options)
    text = decode_text(data, path)
    lines = text.splitlines()
    if lines and lines[-1] == "":
        lines.pop()
    names = _Ids()
    scenes: list[dict] = []
    for ln, line in enumerate(lines, start=1):
        t = ln - 1
        if not line.strip():
            scenes.append({"id": f"t{t}", "title": f"t{t}", "step": t, "characters": []})
            continue
        col = 1
        gi = 0
        for part in line.split("\t"):
            if part.strip():
                members = []
                member_set: set[str] = set()
                c = col
                for m in part.split(","):
                    name = m.strip()
                    if not name:
                        raise StoryFormatError(path, ln, c, "empty character name (two commas, or a comma at the end of a group)")
                    cid = _make_id(name, names)
                    if cid in member_set:
                        raise StoryFormatError(path, ln, c, f"{name!r} is listed twice in one group")
                    members.append(cid)
                    member_set.add(cid)
                    c += len(m) + 1
                gi += 1
                scenes.append({"id": f"t{t}_g{gi}", "title": f"t{t} group {gi}", "step": t, "characters": members})
            col += len(part) + 1
        if gi == 0:
            raise StoryFormatError(path, ln, 1, "line has only separators")
    if not scenes:
        raise StoryFormatError(path, 1, 1, "empty file: no time steps")
    return _story(path, _title(path), names, scenes, {"format": "tanahashi", "time_steps": len(lines)})


def read_storyflow(data: bytes, path: str, **options) -> Story:
    """Read a StoryFlow / iStoryline XML file (``<Character><Span Start End Session/>``)."""
    _no_options(path, options)
    try:
        from defusedxml import ElementTree as DET
        from defusedxml.common import DefusedXmlException
    except ImportError:  # pragma: no cover - defusedxml is a dependency
        raise StoryFormatError(path, 0, 0, "defusedxml is needed to read XML safely") from None
    import xml.etree.ElementTree as ET

    try:
        root = DET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as e:
        raise StoryFormatError(path, 1, 1, f"refusing unsafe XML ({type(e).__name__})") from None
    except ET.ParseError as e:
        line, col = getattr(e, "position", (0, 0))
        raise StoryFormatError(path, line, col + 1, f"not well-formed XML: {e.msg if hasattr(e, 'msg') else e}") from None
    chars_el = root.find("Characters") if root.tag != "Characters" else root
    if chars_el is None:
        raise StoryFormatError(path, 1, 1, "no <Characters> element (expected StoryFlow XML)")
    try:
        text = decode_text(data, path)
    except StoryFormatError:  # an encoding only the XML declaration names: lines still count
        text = data.decode("latin-1")
    names = _Ids()
    spans: list[tuple[int, int, str, str]] = []  # start, end, session, cid
    ch_lines = _element_lines(text, "Character")
    sp_lines = _element_lines(text, "Span")
    k_sp = 0
    for k, ch in enumerate(chars_el.iter("Character")):
        ln = ch_lines[k] if k < len(ch_lines) else 0
        name = (ch.get("Name") or ch.get("Id") or "").strip()
        if not name:
            raise StoryFormatError(path, ln, 1, "<Character> without Name or Id")
        if name in names:
            raise StoryFormatError(path, ln, 1, f"character {name!r} defined twice")
        cid = _make_id(name, names)
        for sp in ch.iter("Span"):
            sl = sp_lines[k_sp] if k_sp < len(sp_lines) else ln
            k_sp += 1
            try:
                start, end = int(sp.get("Start")), int(sp.get("End"))
                session = sp.get("Session")
                if session is None:
                    raise ValueError
            except (TypeError, ValueError):
                raise StoryFormatError(path, sl, 1, "<Span> needs integer Start, End and a Session") from None
            if end <= start or start < 0:
                raise StoryFormatError(path, sl, 1, f"<Span> with Start={start} End={end} (needs 0 <= Start < End)")
            spans.append((start, end, session.strip(), cid))
    if not spans:
        raise StoryFormatError(path, 1, 1, "no <Span> elements: nothing happens")
    # sweep the time axis: the spans active in [a, b) are those with start <= a < end
    cuts = sorted({s for s, _, _, _ in spans} | {e for _, e, _, _ in spans})
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for k, (s, e, _, _) in enumerate(spans):
        starts.setdefault(s, []).append(k)
        ends.setdefault(e, []).append(k)
    active: set[int] = set()
    scenes: list[dict] = []
    step = 0
    total = 0
    for a in cuts[:-1]:
        active.difference_update(ends.get(a, ()))
        active.update(starts.get(a, ()))
        if not active:
            continue  # nobody on screen: no layer (a gap in time)
        total += len(active)
        if total > MAX_MEMBERSHIPS:
            raise StoryFormatError(path, 1, 1, f"the spans overlap into more than {MAX_MEMBERSHIPS:,} "
                                   "(time step, character) pairs; refused")
        groups: dict[str, list[str]] = {}
        seen: dict[str, set[str]] = {}
        for k in sorted(active):  # file order, as written
            _, _, sess, cid = spans[k]
            if cid not in seen.setdefault(sess, set()):
                seen[sess].add(cid)
                groups.setdefault(sess, []).append(cid)
        for sess, members in sorted(groups.items(), key=lambda kv: _sess_key(kv[0])):
            scenes.append({"id": f"t{a}_s{_make_safe(sess)}", "title": f"t{a} session {sess}",
                           "step": step, "characters": members})
        step += 1
    return _story(path, _title(path), names, scenes, {"format": "storyflow"})


def _sess_key(s: str):
    return (0, int(s), "") if s.lstrip("-").isdigit() else (1, 0, s)


def _make_safe(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.\-]+", "_", s) or "_"


def _element_lines(text: str, tag: str) -> list[int]:
    """1-based line of every ``<tag`` start (in document order), in one pass."""
    out, line, pos = [], 1, 0
    for m in re.finditer(rf"<{tag}\b", text):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        out.append(line)
    return out


_SGB_CHAR = re.compile(r"^([A-Z0-9]{2}) (.+)$")
_SGB_CHAPTER = re.compile(r"^([0-9][^:\s]*)(?::(.*))?$")


def read_sgb(data: bytes, path: str, part: str | int | None = None, **options) -> Story:
    """Read a Stanford GraphBase book file (``anna.dat``, ``jean.dat``, ...).

    Parameters
    ----------
    data : bytes
    path : str
    part : str, optional
        Keep only chapters whose id starts with ``part + "."`` (anna: ``3`` is
        part 3; jean: ``1`` is volume 1, ``1.2`` volume 1 book 2).

    Returns
    -------
    Story
        One scene per clique, in file order; character ids are the two-letter
        codes, names from the header (text before the first comma).
    """
    _no_options(path, options)
    text = decode_text(data, path)
    names: dict[str, str] = {}  # name -> code, for _story
    code_name: dict[str, str] = {}
    chapters: list[tuple[int, str, list[str], int]] = []  # line, id, body pieces (&: lines), body column
    in_header = True
    for ln, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if line.startswith("*"):
            continue
        if in_header:
            if not line.strip():
                in_header = False
                continue
            m = _SGB_CHAR.match(line)
            if not m:
                raise StoryFormatError(path, ln, 1, "expected a character line 'XX Name, description'")
            code, rest = m.group(1), m.group(2)
            if code in code_name:
                raise StoryFormatError(path, ln, 1, f"character code {code!r} defined twice")
            code_name[code] = rest.split(",")[0].strip() or code
            continue
        if not line.strip():
            continue
        if line.startswith("&:"):
            if not chapters:
                raise StoryFormatError(path, ln, 1, "'&:' continuation without a chapter line before it")
            chapters[-1][2].append(line[2:])  # joined with ';' below (no quadratic concatenation)
            continue
        m = _SGB_CHAPTER.match(line)
        if not m:
            raise StoryFormatError(path, ln, 1, "expected a chapter line 'ID:clique;clique;...'")
        chapters.append((ln, m.group(1), [m.group(2) or ""], len(m.group(1)) + 2))
    if in_header and not code_name:
        raise StoryFormatError(path, 1, 1, "no character lines")
    if part is not None:
        prefix = f"{part}."
        chapters = [c for c in chapters if c[1].startswith(prefix)]
        if not chapters:
            raise StoryFormatError(path, 0, 0, f"no chapters in part {part!r}")
    scenes: list[dict] = []
    used: set[str] = set()
    for ln, chap, pieces, bc in chapters:
        body = ";".join(p for p in pieces if p) if len(pieces) > 1 else pieces[0]
        col = bc
        for k, clique in enumerate(body.split(";"), start=1):
            if not clique.strip():
                col += len(clique) + 1
                continue
            members = []
            member_set: set[str] = set()
            c = col
            for code in clique.split(","):
                code = code.strip()
                if code not in code_name:
                    raise StoryFormatError(path, ln, c, f"unknown character code {code!r}")
                if code not in member_set:
                    members.append(code)
                    member_set.add(code)
                used.add(code)
                c += len(code) + 1
            scenes.append({"id": f"{chap}_{k}", "title": f"chapter {chap} clique {k}", "characters": members})
            col += len(clique) + 1
    for code, name in code_name.items():
        if code in used:
            names[name if name not in names else f"{name} ({code})"] = code
    title = _title(path) + (f" part {part}" if part is not None else "")
    return _story(path, title, names, scenes, {"format": "sgb", "part": None if part is None else str(part)})


def _no_options(path: str, options: dict) -> None:
    if options:
        raise StoryFormatError(path, 0, 0, f"unknown reader option(s): {', '.join(sorted(options))}")
