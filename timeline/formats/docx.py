"""Word documents (``.docx``): a screenplay, a play or a plot summary typed in Word.

Most people who do not own screenwriting software write in a word processor.
A ``.docx`` is read as Word lays it out, then handed to the reader its content
calls for, with the same decision as a ``.txt`` (:mod:`timeline.formats.text`):

1. **Laid out as typed text.** Each paragraph is placed in character columns (12 pt
   Courier's ten to the inch, 144 twips a column) from its indents (its own, its
   style's and the style's parents', the document's defaults), its first-line indent
   or hanging indent, the tab stops its leading tabs reach (the paragraph's, its
   style's, else the document's default step), and its alignment (centred, right);
   it is wrapped at its right indent within the page's margins. Space before and
   after paragraphs (and empty paragraphs) are blank lines; a page break (typed,
   ``page break before`` or where Word last broke the page) is a form feed. Text in
   all capitals by formatting (``caps``) is written in capitals; a line all in bold
   or underlined is marked, as HTML's ``<b>`` is for web scripts.
2. **Read by the content**: indented cues over dialogue as a screenplay typed as
   text (columns learned per document, so any template reads alike); ``NAME:
   speech`` as a play or transcript; Fountain typed in Word as Fountain; prose as a
   plot summary for the drafter. The story's first import note says which and why.
   Import notes point at paragraphs (``line`` is the paragraph's number).

Safety: the file is a zip archive; its parts are read with size limits (a small
archive that expands to gigabytes is refused) and parsed with ``defusedxml``.
An old binary ``.doc`` is refused with what to do instead.
"""

from __future__ import annotations

import io
import textwrap
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from ..errors import StoryFormatError
from ..model import ImportNote, Story
from ._text import format_size

__all__ = ["read_docx", "docx_text", "zip_part", "MAX_DOCX_BYTES", "MAX_PART_BYTES", "READER_VERSION"]

#: Part of an upload's key (:func:`timeline.formats.reader_version`).
READER_VERSION = 1
#: Largest ``.docx`` read (a feature screenplay with embedded fonts is a few MB).
MAX_DOCX_BYTES = 32 * 1024 * 1024
#: Largest part (``word/document.xml``, ``styles.xml``) once unzipped.
MAX_PART_BYTES = 64 * 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TWIPS_PER_COLUMN = 144  # 12 pt Courier: ten characters to the inch
LINE_TWIPS = 240  # one 12 pt line, in twentieths of a point


def _w(tag: str) -> str:
    return _W + tag


def _int(el, attr: str, default: int | None = None) -> int | None:
    if el is None:
        return default
    v = el.get(_w(attr))
    if v is None:
        return default
    try:
        return int(float(v))
    except ValueError:
        return default


def _on(el) -> bool | None:
    """A toggle property (``<w:b/>``, ``<w:b w:val="0"/>``): True, False, or None (unset)."""
    if el is None:
        return None
    v = el.get(_w("val"))
    return v is None or v.lower() not in ("0", "false", "off", "none")


@dataclass
class _Props:
    """Paragraph and run properties that matter for the layout, as inherited."""

    left: int | None = None
    right: int | None = None
    first: int | None = None  # first-line indent (negative: hanging)
    jc: str | None = None
    before: int | None = None
    after: int | None = None
    tabs: list[int] = field(default_factory=list)
    page_before: bool | None = None
    bold: bool | None = None
    underline: bool | None = None
    caps: bool | None = None

    def over(self, base: "_Props") -> "_Props":
        """These properties, the unset ones taken from ``base``."""
        out = _Props(**{k: (getattr(self, k) if getattr(self, k) is not None else getattr(base, k))
                        for k in ("left", "right", "first", "jc", "before", "after", "page_before", "bold",
                                  "underline", "caps")})
        out.tabs = self.tabs or base.tabs
        return out


def _ppr(ppr) -> _Props:
    p = _Props()
    if ppr is None:
        return p
    ind = ppr.find(_w("ind"))
    if ind is not None:
        p.left = _int(ind, "left", _int(ind, "start"))
        p.right = _int(ind, "right", _int(ind, "end"))
        if ind.get(_w("hanging")) is not None:
            p.first = -(_int(ind, "hanging", 0) or 0)
        elif ind.get(_w("firstLine")) is not None:
            p.first = _int(ind, "firstLine", 0)
    jc = ppr.find(_w("jc"))
    if jc is not None:
        p.jc = jc.get(_w("val"))
    sp = ppr.find(_w("spacing"))
    if sp is not None:
        p.before = _int(sp, "before")
        p.after = _int(sp, "after")
    tabs = ppr.find(_w("tabs"))
    if tabs is not None:
        p.tabs = sorted(_int(t, "pos", 0) or 0 for t in tabs.findall(_w("tab")) if t.get(_w("val")) != "clear")
    p.page_before = _on(ppr.find(_w("pageBreakBefore")))
    rpr = ppr.find(_w("rPr"))
    if rpr is not None:
        _rpr(rpr, p)
    return p


def _rpr(rpr, p: _Props) -> _Props:
    if rpr is None:
        return p
    b = _on(rpr.find(_w("b")))
    if b is not None:
        p.bold = b
    u = rpr.find(_w("u"))
    if u is not None:
        p.underline = (u.get(_w("val")) or "single") != "none"
    for tag in ("caps", "smallCaps"):
        c = _on(rpr.find(_w(tag)))
        if c is not None:
            p.caps = c
    return p


class _Styles:
    """Paragraph and character styles with their ``basedOn`` chains resolved."""

    def __init__(self, root):
        self.raw: dict[str, tuple[str | None, _Props]] = {}
        self.default = _Props()
        self.default_para: str | None = None
        if root is None:
            return
        dd = root.find(_w("docDefaults"))
        if dd is not None:
            ppr = dd.find(f"{_w('pPrDefault')}/{_w('pPr')}")
            base = _ppr(ppr)
            _rpr(dd.find(f"{_w('rPrDefault')}/{_w('rPr')}"), base)
            self.default = base
        for st in root.findall(_w("style")):
            sid = st.get(_w("styleId"))
            if not sid:
                continue
            based = st.find(_w("basedOn"))
            props = _ppr(st.find(_w("pPr")))
            _rpr(st.find(_w("rPr")), props)
            self.raw[sid] = (based.get(_w("val")) if based is not None else None, props)
            if st.get(_w("type")) == "paragraph" and st.get(_w("default")) in ("1", "true"):
                self.default_para = sid
        self._resolved: dict[str, _Props] = {}

    def get(self, sid: str | None) -> _Props:
        if sid is None:
            sid = self.default_para
        if sid is None or sid not in self.raw:
            return self.default
        if sid in self._resolved:
            return self._resolved[sid]
        chain, seen = [], set()
        cur = sid
        while cur and cur in self.raw and cur not in seen:  # basedOn cycles end here
            seen.add(cur)
            chain.append(self.raw[cur][1])
            cur = self.raw[cur][0]
        out = self.default
        for props in reversed(chain):
            out = props.over(out)
        self._resolved[sid] = out
        return out


def _open(data: bytes, path: str) -> zipfile.ZipFile:
    if len(data) > MAX_DOCX_BYTES:
        raise StoryFormatError(path, 0, 0, f"the Word document is {format_size(len(data))}; the limit is "
                               f"{format_size(MAX_DOCX_BYTES)}")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise StoryFormatError(path, 0, 0, "an old Word document (.doc, Word 97-2003): save it as .docx (Word "
                               "document) or PDF and open that")
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise StoryFormatError(path, 0, 0, "not a Word document (.docx files are zip archives; this one is "
                               "not)") from None


def zip_part(z: zipfile.ZipFile, name: str, path: str, what: str = "a Word document") -> bytes | None:
    """The bytes of the archive's part ``name`` (None when it has none), refused when it
    unpacks to more than :data:`MAX_PART_BYTES` (told by its header, and checked while
    reading, so a lying header does not help)."""
    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise StoryFormatError(path, 0, 0, f"{name} unpacks to {format_size(info.file_size)}; the limit is "
                               f"{format_size(MAX_PART_BYTES)}")
    try:
        with z.open(info) as f:
            raw = f.read(MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError) as e:  # corrupt, encrypted
        raise StoryFormatError(path, 0, 0, f"{name} in {what} cannot be unpacked: {e}") from None
    if len(raw) > MAX_PART_BYTES:
        raise StoryFormatError(path, 0, 0, f"{name} unpacks to more than {format_size(MAX_PART_BYTES)}")
    return raw


def _part(z: zipfile.ZipFile, name: str, path: str, required: bool = False):
    from defusedxml import ElementTree as ET

    raw = zip_part(z, name, path)
    if raw is None:
        if required:
            raise StoryFormatError(path, 0, 0, f"not a Word document: it has no {name}")
        return None
    try:
        return ET.fromstring(raw)
    except Exception as e:  # noqa: BLE001  (defusedxml's refusals and parse errors alike)
        raise StoryFormatError(path, 0, 0, f"{name} cannot be read: {e}") from None


@dataclass
class _Para:
    text: str
    props: _Props
    bold: bool
    page_break: bool  # a new page starts at (or inside, before the text of) this paragraph
    number: int


def _paragraphs(doc, styles: _Styles) -> list[_Para]:
    out: list[_Para] = []
    body = doc.find(_w("body"))
    if body is None:
        return out
    number = 0
    for p in body.iter(_w("p")):
        number += 1
        ppr = p.find(_w("pPr"))
        sid = None
        if ppr is not None and ppr.find(_w("pStyle")) is not None:
            sid = ppr.find(_w("pStyle")).get(_w("val"))
        props = _ppr(ppr).over(styles.get(sid))
        parts: list[str] = []
        bolds: list[bool] = []
        page_break = bool(props.page_before)
        for r in p.iter(_w("r")):
            rp = _rpr(r.find(_w("rPr")), _Props())
            rstyle = r.find(f"{_w('rPr')}/{_w('rStyle')}")
            if rstyle is not None:
                rp = rp.over(styles.get(rstyle.get(_w("val"))))
            rp = rp.over(props)
            for child in r:
                tag = child.tag
                if tag == _w("t"):
                    t = child.text or ""
                    if rp.caps:
                        t = t.upper()
                    parts.append(t)
                    if t.strip():
                        bolds.append(bool(rp.bold or rp.underline))
                elif tag == _w("tab"):
                    parts.append("\t")
                elif tag in (_w("br"), _w("cr")):
                    if child.get(_w("type")) == "page":
                        if "".join(parts).strip():
                            parts.append("\n\f")
                        else:
                            page_break = True
                    else:
                        parts.append("\n")
                elif tag == _w("lastRenderedPageBreak") and not "".join(parts).strip():
                    page_break = True
        out.append(_Para("".join(parts), props, bool(bolds) and all(bolds), page_break, number))
    return out


def _tab_to(x: int, stops: list[int], step: int) -> int:
    """Where a tab typed at ``x`` (twips from the left margin) takes the text."""
    for s in stops:
        if s > x:
            return s
    step = max(step, 1)
    return (x // step + 1) * step


def docx_text(data: bytes, path: str = "<string>") -> tuple[str, set[int], list[int]]:
    """A Word document laid out as typed text (see the module docstring): the text, the
    0-based numbers of its lines set in bold or underlined, and the paragraph number of
    each line.

    Raises
    ------
    StoryFormatError
        For a file that is not a Word document, is over the limits or cannot be parsed.
    """
    z = _open(data, path)
    doc = _part(z, "word/document.xml", path, required=True)
    styles = _Styles(_part(z, "word/styles.xml", path))
    settings = _part(z, "word/settings.xml", path)
    step = 720
    if settings is not None:
        dts = settings.find(_w("defaultTabStop"))
        step = _int(dts, "val", 720) or 720
    width = 12240 - 1800 - 1800  # Letter, 1.25 inch margins: Word's defaults
    body = doc.find(_w("body"))
    sect = body.find(_w("sectPr")) if body is not None else None
    if sect is not None:
        size, mar = sect.find(_w("pgSz")), sect.find(_w("pgMar"))
        width = (_int(size, "w", 12240) or 12240) - (_int(mar, "left", 1800) or 0) - (_int(mar, "right", 1800) or 0)
    width = max(width, 2880)
    lines: list[str] = []
    bold: set[int] = set()
    owner: list[int] = []
    prev_after = 0
    prev: tuple[int, int] | None = None  # the previous paragraph's first column and its number of lines
    for para in _paragraphs(doc, styles):
        pr = para.props
        if para.page_break:
            lines.append("\f")
            owner.append(para.number)
        text = para.text.replace("\r", "")
        if not text.strip():
            lines.append("")  # an empty paragraph: a blank line
            owner.append(para.number)
            prev_after, prev = 0, None
            continue
        left, right = max(pr.left or 0, 0), max(pr.right or 0, 0)
        first_col = max(0, left + (pr.first or 0)) // TWIPS_PER_COLUMN
        gap = (pr.before or 0) + prev_after
        blank = 0 if gap < LINE_TWIPS // 3 else min(2, max(1, int(gap / LINE_TWIPS + 0.5)))
        if blank and prev is not None and _same_speech(prev, first_col, text):
            blank = 0
        for _ in range(blank):
            lines.append("")
            owner.append(para.number)
        prev_after = pr.after or 0
        start = len(lines)
        for k, chunk in enumerate(text.split("\n")):
            chunk = chunk.replace("\f", "")
            x = left + (pr.first or 0 if k == 0 else 0)
            x = max(x, 0)
            body_text = chunk
            while body_text.startswith("\t"):  # leading tabs: to the tab stops
                x = _tab_to(x, pr.tabs, step)
                body_text = body_text[1:]
            body_text = body_text.replace("\t", "   ").rstrip()
            if not body_text.strip():
                continue
            cols = max(10, (width - left - right) // TWIPS_PER_COLUMN)
            wrapped = textwrap.wrap(body_text.strip(), cols, break_long_words=True, break_on_hyphens=False) or [""]
            for j, ln in enumerate(wrapped):
                if pr.jc in ("center", "centre"):
                    col = max(0, (left + (width - left - right) // 2) // TWIPS_PER_COLUMN - len(ln) // 2)
                elif pr.jc in ("right", "end"):
                    col = max(0, (width - right) // TWIPS_PER_COLUMN - len(ln))
                else:
                    col = (x if j == 0 else left) // TWIPS_PER_COLUMN
                if para.bold:
                    bold.add(len(lines))
                lines.append(" " * col + ln)
                owner.append(para.number)
        prev = (first_col, len(lines) - start)
    return "\n".join(lines), bold, owner


#: Columns from the left margin from which a paragraph is indented like a speech's parts.
SPEECH_INDENT = 8


def _same_speech(prev: tuple[int, int], col: int, text: str) -> bool:
    """Whether a paragraph goes on the speech above it, so the space a word processor
    puts between all paragraphs is no blank line there: a cue or a parenthetical (one
    short line, indented) over a paragraph indented less but still indented (its
    parenthetical or dialogue), or a parenthetical inside a speech."""
    prev_col, prev_lines = prev
    if prev_col < SPEECH_INDENT or col < SPEECH_INDENT:
        return False
    return (prev_lines == 1 and col < prev_col) or text.lstrip().startswith("(")


def read_docx(data: bytes, path: str, *, clean: bool = True) -> Story:
    """Read a Word document (see the module docstring).

    Raises
    ------
    StoryFormatError
        For a file that is not a ``.docx``, is over the limits, or whose text the
        chosen reader refuses.
    """
    from . import loads_story
    from .layout_lines import furniture_note
    from .script.builder import build_story
    from .text import _WHAT, detect_text_format, parse_text_script

    text, bold, owner = docx_text(data, path)
    if not text.strip():
        raise StoryFormatError(path, 0, 0, "the Word document has no text")
    fmt, reason = detect_text_format(text, path)
    if fmt == "text-script":
        els, title, fur = parse_text_script(text, path, bold=bold)
        for e in els:
            e.line = owner[e.line - 1] if 0 < e.line <= len(owner) else 0
        story = build_story(els, path, title=title, fmt="docx", clean=clean)
        note = furniture_note(fur)
        if note is not None:
            story = story.model_copy(update={"notes": (note,) + story.notes})
        cues = sum(sum(sc.cues.values()) for sc in story.scenes)
        why = f"{len(story.scenes)} scene headings, {cues} cues"
    else:
        story = loads_story(text.encode("utf-8"), fmt, path=path, **({"clean": clean} if fmt != "draft" else {}))
        notes = tuple(n.model_copy(update={"line": owner[n.line - 1] if 0 < n.line <= len(owner) else 0})
                      for n in story.notes)
        story = story.model_copy(update={"notes": notes,
                                         "metadata": {**(story.metadata or {}), "format": "docx"}})
        why = reason.split(": ", 1)[-1]
    what = {"text-script": "a screenplay typed in Word"}.get(fmt, _WHAT.get(fmt, fmt))
    note = ImportNote(kind="read_as", subject="story", text=PurePath(path).name or "document",
                      message=f"read as {what}: {why}; paragraphs are counted as lines")
    return story.model_copy(update={"notes": (note,) + tuple(story.notes)})

