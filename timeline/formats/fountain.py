"""Fountain 1.1 reader (https://fountain.io/syntax).

:func:`parse_fountain` turns Fountain text into a list of
:class:`~timeline.formats.screenplay.Element` (with 1-based source lines);
:func:`read_fountain` builds a :class:`~timeline.model.Story` from them with
:func:`~timeline.formats.screenplay.build_story`.

The parser is a single forward pass over the lines (no backtracking regular
expressions), so its time is linear in the input whatever the input:

1. Line endings (CRLF, CR) are normalised and a BOM dropped.
2. Boneyard ``/* ... */`` and notes ``[[ ... ]]`` are cut out in one scan. A
   line that held only boneyard or notes disappears (it neither separates nor
   joins paragraphs). A note may span lines but not an empty line (as the spec
   says); a ``[[`` with no closing ``]]`` before the next empty line is plain
   text. An unterminated ``/*`` is a :class:`~timeline.errors.StoryFormatError`
   naming its line and column.
3. A title page (``Key: value`` lines, indented continuation lines) is read
   if the text starts with one; it ends at the first empty line.
4. Each remaining line is classified with one line of look-ahead, following
   the spec: scene headings (``INT``, ``EXT``, ``EST``, ``INT./EXT``,
   ``INT/EXT``, ``I/E``; forced ``.``; ``#12A#`` scene numbers) and character
   cues (all capitals with a letter, after an empty line and before a non-empty
   one; forced ``@``; ``^`` dual dialogue) must follow an empty line; then
   dialogue and parentheticals until an empty line (a line of two or more
   spaces keeps dialogue going); transitions (capitals ending in ``TO:``,
   between empty lines, or forced ``>``); centred ``>text<``; sections ``#``;
   synopses ``=``; page breaks ``===``; lyrics ``~``; forced action ``!``.
   ``FADE IN:`` and other capital lines ending in ``:`` are never cues.
   Whitespace-only lines outside dialogue are empty lines.

Emphasis markers (``*``, ``_``) are kept in the text.
"""

from __future__ import annotations

import bisect

from ..errors import StoryFormatError
from ..model import Story
from ._text import decode_text
from .screenplay import Element, build_story, check_size, cue_name

__all__ = ["parse_fountain", "read_fountain", "Element"]

_MARK = "\x00"  # stands for cut-out boneyard/notes while classifying lines
_BLANK = "\x01"  # the first line of a multi-line boneyard: an empty line
_HEADING_PREFIXES = ("INT", "EXT", "EST", "I/E", "E/I")


class _Unterminated(Exception):
    def __init__(self, what, line, col):
        self.what, self.line, self.col = what, line, col


def _cut(text: str, notes_out: list[tuple[int, str]]) -> str:
    """Remove boneyard and notes, replacing each by marker characters (one per
    original line it covered, so line numbers are kept)."""
    if "/*" not in text and "[[" not in text:
        return text
    # empty-line positions (for notes, which may not cross one)
    blank_starts: list[int] = []
    n = len(text)
    out: list[str] = []
    i = 0
    # empty lines ("" or a single blank; two spaces keep a note going, per the spec)
    start = 0
    while True:
        j = text.find("\n", start)
        if j < 0:
            break
        k = text.find("\n", j + 1)
        if k != -1 and k - j - 1 < 2 and not text[j + 1:k].strip():
            blank_starts.append(j)
        start = j + 1
    next_close_note = -2  # cache of the next "]]"
    counted_pos, counted_line = 0, 1  # line number at counted_pos (counted forward only)
    next_bone = text.find("/*")
    next_note = text.find("[[")
    while i < n:
        if next_bone != -1 and next_bone < i:
            next_bone = text.find("/*", i)
        if next_note != -1 and next_note < i:
            next_note = text.find("[[", i)
        cands = [p for p in (next_bone, next_note) if p != -1]
        if not cands:
            break
        p = min(cands)
        if p == next_bone:
            q = text.find("*/", p + 2)
            if q < 0:
                line = counted_line + text.count("\n", counted_pos, p)
                col = p - (text.rfind("\n", 0, p) + 1) + 1
                raise _Unterminated("boneyard '/*' is never closed with '*/'", line, col)
            out.append(text[i:p])
            k = text.count("\n", p, q + 2)
            # a boneyard over several lines separates paragraphs like an empty line
            out.append((_BLANK if k else _MARK) + ("\n" + _MARK) * k)
            i = q + 2
            continue
        # a note
        if next_close_note != -1 and next_close_note < p + 2:
            next_close_note = text.find("]]", p + 2)
        q = next_close_note
        if q < 0:
            next_note = -1  # no note can close any more
            continue
        # an empty line between p and q makes it plain text
        b = bisect.bisect_left(blank_starts, p)
        if b < len(blank_starts) and blank_starts[b] < q:
            next_note = text.find("[[", p + 2)
            continue
        # a boneyard opening inside the note? the note still wins (first come)
        out.append(text[i:p])
        body = text[p + 2:q]
        counted_line += text.count("\n", counted_pos, p)
        counted_pos = p
        notes_out.append((counted_line, body))
        out.append(_MARK + ("\n" + _MARK) * body.count("\n"))
        i = q + 2
    out.append(text[i:])
    return "".join(out)


def _is_title_key(line: str) -> bool:
    c = line.find(":")
    if c <= 0 or line[0] in " \t":
        return False
    key = line[:c].strip()
    if not key or len(key) > 40 or not key[0].isalpha():
        return False
    if key.upper() == key and (key.upper().startswith("FADE") or key.upper().endswith(" TO") or key.upper().startswith(_HEADING_PREFIXES)):
        return False
    return all(ch.isalnum() or ch in " _-'." for ch in key)


def _heading_number(s: str) -> tuple[str, str | None]:
    t = s.rstrip()
    if t.endswith("#"):
        j = t.rfind("#", 0, len(t) - 1)
        if j > 0:
            num = t[j + 1:-1]
            if num and all(ch.isalnum() or ch in ".-" for ch in num):
                return t[:j].rstrip(), num
    return t, None


def _is_heading(s: str) -> bool:
    u = s[:8].upper()
    for p in ("INT./EXT", "INT/EXT", "INT.", "EXT.", "EST.", "I/E"):
        if u.startswith(p):
            rest = s[len(p):len(p) + 1]
            if p.endswith(".") or rest in ("", ".", " ", "\t"):
                return True
    for p in ("INT ", "EXT ", "EST ", "INT\t", "EXT\t"):
        if u.startswith(p):
            return True
    return False


def _is_caps(s: str) -> bool:
    has_letter = False
    for ch in s:
        if ch.isalpha():
            has_letter = True
            if ch != ch.upper() or ch.islower():
                return False
    return has_letter


def parse_fountain(text: str) -> list[Element]:
    """Parse Fountain text into elements.

    Parameters
    ----------
    text : str
        The screenplay (any line endings; a BOM is ignored).

    Returns
    -------
    list of Element
        Title page entries (``kind="title"``), then the body's elements in
        order. Consecutive action lines form one ``action`` element; notes are
        ``note`` elements; boneyard is dropped.

    Raises
    ------
    StoryFormatError
        For an unterminated boneyard (path ``<string>``).

    Examples
    --------
    >>> [(e.kind, e.text) for e in parse_fountain("INT. HOUSE - DAY\\n\\nBOB\\nHi.\\n")]
    [('heading', 'INT. HOUSE - DAY'), ('character', 'BOB'), ('dialogue', 'Hi.')]
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _MARK in text or _BLANK in text:
        text = text.replace(_MARK, "").replace(_BLANK, "")
    notes: list[tuple[int, str]] = []
    try:
        text = _cut(text, notes)
    except _Unterminated as u:
        raise StoryFormatError("<string>", u.line, u.col, u.what) from None
    raw_lines = text.split("\n")
    # (line number, text) after dropping lines that held only boneyard/notes
    lines: list[tuple[int, str]] = []
    for no, ln in enumerate(raw_lines, 1):
        if _BLANK in ln:
            ln = ln.replace(_BLANK, "").replace(_MARK, "")
            if not ln.strip():
                ln = ""
        elif _MARK in ln:
            ln = ln.replace(_MARK, "")
            if not ln.strip():
                continue
        lines.append((no, ln))
    elements: list[Element] = []
    note_iter = iter(notes)
    pending_note = next(note_iter, None)

    def emit_notes_before(line_no: int):
        nonlocal pending_note
        while pending_note is not None and pending_note[0] <= line_no:
            elements.append(Element("note", pending_note[1].strip(), pending_note[0]))
            pending_note = next(note_iter, None)

    n = len(lines)
    i = 0
    # ---- title page --------------------------------------------------------
    first = 0
    while first < n and not lines[first][1].strip():
        first += 1
    if first < n and _is_title_key(lines[first][1]):
        i = first
        cur: Element | None = None
        while i < n and lines[i][1].strip():
            no, ln = lines[i]
            if _is_title_key(ln) and not ln[:1].isspace():
                c = ln.find(":")
                cur = Element("title", ln[c + 1:].strip(), no, key=ln[:c].strip())
                elements.append(cur)
            elif cur is not None:
                cur.text = (cur.text + "\n" + ln.strip()) if cur.text else ln.strip()
            i += 1
    # ---- body ------------------------------------------------------------------
    prev_blank = True
    in_dialogue = False
    action: Element | None = None  # the open action paragraph

    def add(e: Element):
        nonlocal action
        action = None
        elements.append(e)

    while i < n:
        no, raw = lines[i]
        emit_notes_before(no)
        s = raw.strip()
        if not s:
            if in_dialogue and len(raw) >= 2 and i + 1 < n and lines[i + 1][1].strip():
                # two spaces: an intended empty line inside dialogue
                if elements and elements[-1].kind == "dialogue":
                    elements[-1].text += "\n"
                i += 1
                continue
            in_dialogue = False
            prev_blank = True
            action = None
            i += 1
            continue
        nxt_blank = i + 1 >= n or not lines[i + 1][1].strip()
        ls = raw.lstrip()
        if in_dialogue:
            if s.startswith("(") and s.endswith(")"):
                add(Element("parenthetical", s, no))
            else:
                if elements and elements[-1].kind == "dialogue" and not (s.startswith("~")):
                    elements[-1].text += "\n" + s
                elif s.startswith("~"):
                    add(Element("lyrics", s[1:].strip(), no))
                else:
                    add(Element("dialogue", s, no))
            i += 1
            prev_blank = False
            continue
        e: Element | None = None
        c0 = ls[0]
        if c0 == "=" and s.strip("=") == "" and len(s) >= 3:
            e = Element("page_break", "", no)
        elif c0 == "#":
            d = len(ls) - len(ls.lstrip("#"))
            e = Element("section", ls[d:].strip(), no, depth=d)
        elif c0 == "=":
            e = Element("synopsis", ls[1:].strip(), no)
        elif c0 == "!":
            pass  # forced action, below
        elif c0 == "~":
            e = Element("lyrics", ls[1:].strip(), no)
        elif c0 == ">":
            if s.endswith("<") and len(s) >= 2:
                e = Element("centered", s[1:-1].strip(), no)
            else:
                e = Element("transition", s[1:].strip(), no, forced=True)
        elif prev_blank and c0 == "." and len(ls) > 1 and ls[1] != "." and (ls[1].isalnum()):
            t, num = _heading_number(ls[1:])
            e = Element("heading", t.strip(), no, number=num, forced=True)
        elif prev_blank and _is_heading(ls):
            t, num = _heading_number(ls)
            e = Element("heading", t.strip(), no, number=num)
        elif prev_blank and not nxt_blank and c0 == "@":
            name, ext = cue_name(ls)
            if name:
                e = Element("character", ls[1:].rstrip().rstrip("^").rstrip(), no, name=name,
                            extension=ext, dual=ls.rstrip().endswith("^"), forced=True)
        elif prev_blank and nxt_blank and _is_caps(s) and raw.rstrip(" \t") == raw and s.endswith("TO:"):
            e = Element("transition", s, no)
        elif prev_blank and not nxt_blank and not s.endswith(":"):
            name, ext = cue_name(s)
            if name and _is_caps(name):
                e = Element("character", s.rstrip("^").rstrip(), no, name=name, extension=ext,
                            dual=s.endswith("^"))
        if e is not None:
            add(e)
            in_dialogue = e.kind == "character"
            prev_blank = False
            i += 1
            continue
        # action (forced or not); consecutive lines join
        txt = (ls[1:] if c0 == "!" else raw).rstrip()
        if action is not None and not prev_blank:
            action.text += "\n" + txt
        else:
            a = Element("action", txt, no, forced=c0 == "!")
            elements.append(a)
            action = a
        prev_blank = False
        i += 1
    emit_notes_before(10**18)
    return elements


def read_fountain(data: bytes, path: str, *, aliases=None) -> Story:
    """Read a Fountain screenplay into a :class:`Story`.

    Parameters
    ----------
    data : bytes
        The file's bytes (UTF-8, UTF-8 with BOM, or cp1252 with a warning).
    path : str
        Name for messages; its stem is the title when the title page has none.
    aliases : dict or str, optional
        ``{variant: canonical}`` names, or the path of a YAML file holding them.

    Raises
    ------
    StoryFormatError
        For binary or undecodable input, input over 16 MB, an unterminated
        boneyard, or bad aliases.
    """
    check_size(data, path)
    text = decode_text(data, path)
    try:
        elements = parse_fountain(text)
    except StoryFormatError as e:
        raise StoryFormatError(path, e.line, e.column, e.message) from None
    title = None
    meta: dict[str, str] = {}
    for e in elements:
        if e.kind != "title":
            break
        key = e.key or ""
        if key.casefold() == "title" and title is None:
            title = " — ".join(p.strip() for p in e.text.split("\n") if p.strip())
        else:
            meta[key.strip().lower().replace(" ", "_")] = e.text
    return build_story(elements, path, title=title, metadata=meta, aliases=aliases, fmt="fountain")
