"""Fountain 1.1 reader (https://fountain.io/syntax).

:func:`parse_fountain` turns Fountain text into a list of
:class:`~timeline.formats.screenplay.Element` (with 1-based source lines);
:func:`read_fountain` builds a :class:`~timeline.model.Story` from them with
:func:`~timeline.formats.screenplay.build_story` (which reads the cast and
places like a script reader; the elements themselves follow the spec exactly).

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
from typing import Sequence

from ..errors import StoryFormatError
from ..model import Story
from ._text import decode_text
from .screenplay import Element, build_story, check_size, cue_name

__all__ = ["parse_fountain", "read_fountain", "Element"]

_MARK = "\x00"  # stands for cut-out boneyard/notes while classifying lines
_BLANK = "\x01"  # the first line of a multi-line boneyard: an empty line
_HEADING_PREFIXES = ("INT", "EXT", "EST", "I/E", "E/I")
_NEVER = 10**18  # a line number after every line
#: The characters whose upper case starts with I or E: the first character of
#: every scene heading (a quick test before :func:`_is_heading`).
_HEADING_FIRST = frozenset("IEieı")


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
    """True if ``s`` has a letter and no letter in it is lower case."""
    if s.isascii():
        return s.isupper()  # the same test: ASCII letters are the only cased ASCII
    has_letter = False
    for ch in s:
        if ch.isalpha():
            has_letter = True
            if ch != ch.upper() or ch.islower():
                return False
    return has_letter


def _cue(s: str) -> tuple[str, str, str | None, bool] | None:
    """If the stripped line ``s`` (after an empty line, before a non-empty one,
    not ending in ':' nor forced) is a character cue: its text, name,
    extension and dual flag."""
    if s.isascii() and "(" not in s:
        # cue_name() drops no word but CONT'D and the like at the end (three
        # at most): a lower-case letter in the others means no cue, as in
        # most action
        kept = s.rsplit(None, 3)[0]
        if kept != kept.upper():
            return None
    name, ext = cue_name(s)
    if not name or not _is_caps(name):
        return None
    return s.rstrip("^").rstrip(), name, ext, s.endswith("^")


def _source_lines(text: str) -> tuple[Sequence[int], list[str]]:
    """Line numbers and texts of the lines of cut text (see :func:`_cut`),
    without the lines that held only boneyard or notes."""
    raw_lines = text.split("\n")
    if _MARK not in text and _BLANK not in text:  # nothing was cut
        return range(1, len(raw_lines) + 1), raw_lines
    nos: list[int] = []
    texts: list[str] = []
    for no, ln in enumerate(raw_lines, 1):
        if _BLANK in ln:
            ln = ln.replace(_BLANK, "").replace(_MARK, "")
            if not ln.strip():
                ln = ""
        elif _MARK in ln:
            ln = ln.replace(_MARK, "")
            if not ln.strip():
                continue
        nos.append(no)
        texts.append(ln)
    return nos, texts


def _marked_element(c0: str, s: str, ls: str, no: int) -> Element | None:
    """The element of a line ``s`` (``ls``: left-stripped) outside dialogue
    whose first character ``c0`` is one of ``=#!~>``; None for forced action."""
    if c0 == "=" and s.strip("=") == "" and len(s) >= 3:
        return Element("page_break", "", no)
    if c0 == "#":
        d = len(ls) - len(ls.lstrip("#"))
        return Element("section", ls[d:].strip(), no, depth=d)
    if c0 == "=":
        return Element("synopsis", ls[1:].strip(), no)
    if c0 == "~":
        return Element("lyrics", ls[1:].strip(), no)
    if c0 == ">":
        if s.endswith("<") and len(s) >= 2:
            return Element("centered", s[1:-1].strip(), no)
        return Element("transition", s[1:].strip(), no, forced=True)
    return None  # '!': forced action


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
    nos, texts = _source_lines(text)
    n = len(texts)
    # every line's stripped text, and an empty line after the last (look-ahead)
    strips = list(map(str.strip, texts))
    strips.append("")
    elements: list[Element] = []
    note_elements = [Element("note", body.strip(), line) for line, body in notes]
    note_at = 0  # the next note to emit

    def emit_notes_before(line_no: int) -> int:
        """Emit the notes that start at or before ``line_no``; the next note's line."""
        nonlocal note_at
        while note_at < len(note_elements) and note_elements[note_at].line <= line_no:
            elements.append(note_elements[note_at])
            note_at += 1
        return note_elements[note_at].line if note_at < len(note_elements) else _NEVER

    i = 0
    # ---- title page --------------------------------------------------------
    first = 0
    while first < n and not strips[first]:
        first += 1
    if first < n and _is_title_key(texts[first]):
        i = first
        cur: Element | None = None
        while i < n and strips[i]:
            no, ln = nos[i], texts[i]
            if _is_title_key(ln) and not ln[:1].isspace():
                c = ln.find(":")
                cur = Element("title", ln[c + 1:].strip(), no, key=ln[:c].strip())
                elements.append(cur)
            elif cur is not None:
                cur.text = (cur.text + "\n" + strips[i]) if cur.text else strips[i]
            i += 1
    # ---- body ------------------------------------------------------------------
    prev_blank = True
    in_dialogue = False
    action: Element | None = None  # the open action paragraph
    next_note = emit_notes_before(0)  # line of the next note to emit
    cues: dict[str, tuple | None] = {}  # stripped line -> its _cue()

    for i in range(i, n):
        no = nos[i]
        if next_note <= no:
            next_note = emit_notes_before(no)
        s = strips[i]
        if not s:
            if in_dialogue and len(texts[i]) >= 2 and strips[i + 1]:
                # two spaces: an intended empty line inside dialogue
                if elements[-1].kind == "dialogue":
                    elements[-1].text += "\n"
                continue
            in_dialogue = False
            prev_blank = True
            action = None
            continue
        c0 = s[0]
        if in_dialogue:  # (no action paragraph is open)
            if c0 == "(" and s.endswith(")"):
                elements.append(Element("parenthetical", s, no))
            elif c0 == "~":
                elements.append(Element("lyrics", s[1:].strip(), no))
            elif elements[-1].kind == "dialogue":
                elements[-1].text += "\n" + s
            else:
                elements.append(Element("dialogue", s, no))
            prev_blank = False
            continue
        raw = texts[i]
        e: Element | None = None
        if c0 in "=#!~>":
            e = _marked_element(c0, s, raw.lstrip(), no)  # None for forced action ('!')
        elif prev_blank:  # headings, cues and transitions follow an empty line
            ls = raw.lstrip()
            nxt_blank = not strips[i + 1]
            if c0 == "." and len(ls) > 1 and ls[1] != "." and ls[1].isalnum():
                t, num = _heading_number(ls[1:])
                e = Element("heading", t.strip(), no, number=num, forced=True)
            elif c0 in _HEADING_FIRST and _is_heading(ls):
                t, num = _heading_number(ls)
                e = Element("heading", t.strip(), no, number=num)
            elif nxt_blank:
                if s.endswith("TO:") and raw.rstrip(" \t") == raw and _is_caps(s):
                    e = Element("transition", s, no)
            elif c0 == "@":
                name, ext = cue_name(ls)
                if name:
                    e = Element("character", ls[1:].rstrip().rstrip("^").rstrip(), no, name=name,
                                extension=ext, dual=ls.rstrip().endswith("^"), forced=True)
            elif not s.endswith(":"):
                if s not in cues:
                    cues[s] = _cue(s)
                cue = cues[s]
                if cue is not None:
                    e = Element("character", cue[0], no)
                    e.name, e.extension, e.dual = cue[1:]
        if e is not None:
            elements.append(e)
            action = None
            in_dialogue = e.kind == "character"
            prev_blank = False
            continue
        # action (forced or not); consecutive lines join
        txt = (raw.lstrip()[1:] if c0 == "!" else raw).rstrip()
        if action is not None and not prev_blank:
            action.text += "\n" + txt
        else:
            a = Element("action", txt, no)
            a.forced = c0 == "!"
            elements.append(a)
            action = a
        prev_blank = False
    emit_notes_before(_NEVER)
    return elements


def read_fountain(data: bytes, path: str, *, clean: bool = True) -> Story:
    """Read a Fountain screenplay into a :class:`Story`.

    Parameters
    ----------
    data : bytes
        The file's bytes (UTF-8, UTF-8 with BOM, or cp1252 with a warning).
    path : str
        Name for messages; its stem is the title when the title page has none.
    clean : bool
        Read the cast and places like a script reader, recording each merge,
        split and drop in ``Story.notes`` (default); False reads them
        literally (see :mod:`timeline.formats.script.builder`).

    Raises
    ------
    StoryFormatError
        For binary or undecodable input, input over 16 MB, or an unterminated
        boneyard.
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
    return build_story(elements, path, title=title, metadata=meta, fmt="fountain", clean=clean)
