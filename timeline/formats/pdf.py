"""Screenplay PDF reader (``.pdf``), built on positioned text.

1. **Extraction, in a child process.** PDFium (through ``pypdfium2``) is C
   code that cannot be interrupted and is not thread-safe, so the words and
   their positions are read by :mod:`timeline.formats.pdf_extract` in a
   separate Python process with an address-space limit
   (:data:`MEMORY_MB`), a page limit (:data:`MAX_PAGES`), a per-page
   character limit (:data:`MAX_PAGE_CHARS`) and a wall-clock timeout
   (:data:`TIMEOUT_S`, after which it is killed). A hostile file (a zip bomb
   in a stream, a broken cross-reference table, ten thousand pages) costs at
   most that and gives one :class:`~timeline.errors.StoryFormatError`. A PDF
   with only an owner password (no copying, no printing) is read; one that
   needs a user password to open is refused.
2. **Lines.** Words are grouped into lines by baseline and each line is cut
   into pieces where the space between two words is wider than three
   characters (scene numbers in the margins, the columns of dual dialogue,
   revision marks). Positions become character widths (the median width of a
   character in the document), line spacing becomes blank lines.
3. **Script.** :mod:`timeline.formats.layout_lines` removes the page
   furniture, learns the columns of this document and labels the lines; the
   title page gives the story's title; :func:`~timeline.formats.screenplay.build_story`
   makes the story as for Fountain and FDX. Import notes carry ``page=``.

A PDF without a text layer (a scan) or without a screenplay's layout is a
:class:`~timeline.errors.StoryFormatError` that says so.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path, PurePath

from ..errors import StoryFormatError
from ..model import ImportNote, Story
from ._text import format_size
from .layout_lines import (PAGE_LINES, Line, furniture_note, label_lines, learn_columns, page_and_line, remove_furniture,
                           split_segments, title_lines)
from .screenplay import Element, build_story

__all__ = ["read_pdf", "parse_pdf", "pdf_lines", "MAX_PAGES", "MAX_PAGE_CHARS", "MEMORY_MB", "TIMEOUT_S",
           "MAX_PDF_BYTES"]

#: Most pages read (a feature script is about 120, a season's worth of episodes a few hundred).
MAX_PAGES = 1000
#: Most characters on one page (a screenplay page has about 3,000).
MAX_PAGE_CHARS = 50_000
#: Address-space limit of the child process that runs PDFium (MB).
MEMORY_MB = 1024
#: Wall-clock limit of the child process (seconds).
TIMEOUT_S = 30.0
#: The largest PDF read (bytes).
MAX_PDF_BYTES = 64 * 1024 * 1024

_CHILD = Path(__file__).with_name("pdf_extract.py")


def _extract(data: bytes, path: str, *, timeout: float | None = None, memory_mb: int | None = None,
             max_pages: int | None = None) -> list:
    """The pages of words of a PDF, read in a child process (see the module docstring)."""
    if len(data) > MAX_PDF_BYTES:
        raise StoryFormatError(path, 0, 0, f"the PDF is {format_size(len(data))}; the limit is {format_size(MAX_PDF_BYTES)}")
    if not data.lstrip()[:5].startswith(b"%PDF") and b"%PDF-" not in data[:1024]:
        raise StoryFormatError(path, 0, 0, "not a PDF file (it does not start with %PDF)")
    timeout = TIMEOUT_S if timeout is None else timeout
    memory_mb = MEMORY_MB if memory_mb is None else memory_mb
    max_pages = MAX_PAGES if max_pages is None else max_pages
    cmd = [sys.executable, "-I", str(_CHILD), str(memory_mb), str(max_pages), str(MAX_PAGE_CHARS)]
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True, env=dict(os.environ))
    except OSError as e:
        raise StoryFormatError(path, 0, 0, f"cannot start the PDF reader: {e.strerror or e}") from None
    try:
        out, err = proc.communicate(data, timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise StoryFormatError(path, 0, 0, f"reading the PDF took longer than {timeout:g} s; stopped "
                               "(a damaged or hostile file?)") from None
    finally:
        if proc.poll() is None:  # pragma: no cover - only if communicate() itself failed
            proc.kill()
            proc.wait()
    try:
        result = json.loads(out.decode("utf-8")) if out else None
    except (UnicodeDecodeError, ValueError):
        result = None
    if not isinstance(result, dict):
        tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] if err else []
        if b"No module named 'pypdfium2'" in err:
            raise StoryFormatError(path, 0, 0, "reading PDFs needs the pypdfium2 package (pip install pypdfium2)")
        if proc.returncode and proc.returncode < 0 or b"MemoryError" in err or b"bad_alloc" in err:
            raise StoryFormatError(path, 0, 0, f"the PDF needs more than {memory_mb} MB of memory or crashed the "
                                   "PDF reader; refused (a damaged or hostile file?)")
        raise StoryFormatError(path, 0, 0, "cannot read the PDF" + (f": {tail[0]}" if tail else ""))
    if "error" in result:
        raise StoryFormatError(path, 0, 0, str(result["error"]))
    return result["pages"]


def pdf_lines(pages: list) -> tuple[list[Line], float]:
    """Laid-out lines of extracted pages (x in character widths, gaps in blank
    lines), and the character width in points."""
    widths = []
    heights = []
    for _, _, words in pages:
        for x0, x1, b, t, text, _ in words:
            if len(text) >= 3:
                widths.append((x1 - x0) / len(text))
            heights.append(t - b)
    if not widths:
        return [], 0.0
    cw = statistics.median(widths) or 1.0
    h_med = statistics.median(heights) or 1.0
    lines: list[Line] = []
    pitches: list[float] = []
    raw: list[tuple[int, float, float, list, bool]] = []  # page, top offset, bottom, pieces, bold/underlined
    for pno, (_, ph, words) in enumerate(pages, 1):
        # watermarks and display type: far taller than the text
        words = [w for w in words if (w[3] - w[2]) <= 2.6 * h_med]
        by_line: dict[int, list] = defaultdict(list)
        bottoms: list[float] = []
        for w in sorted(words, key=lambda w: -w[2]):
            b = w[2]
            if bottoms and abs(bottoms[-1] - b) <= 0.35 * h_med:
                by_line[len(bottoms) - 1].append(w)
            else:
                bottoms.append(b)
                by_line[len(bottoms) - 1].append(w)
        prev_b = None
        for k, b in enumerate(bottoms):
            pieces = sorted(((w[0] / cw, w[1] / cw, w[4]) for w in by_line[k]), key=lambda p: p[0])
            raw.append((pno, ph - b, b, pieces, all(w[5] for w in by_line[k])))
            if prev_b is not None:
                pitches.append(prev_b - b)
            prev_b = b
    pitch = _line_pitch(pitches, h_med)
    if pitch > 1.6 * h_med:  # no two lines of a paragraph anywhere: single spacing
        pitch = h_med
    prev = None
    line_no = 0
    for pno, top, b, pieces, bold in raw:
        if prev is None or prev[0] != pno:
            line_no = 0
            gap = 1.0
        else:
            gap = max(0.0, round((prev[2] - b) / pitch - 1, 1))
        line_no += 1
        segs = split_segments(pieces, 2.6)
        lines.append(Line(segs, page=pno, line=line_no, gap=gap, y=round(top / (pitch / 2)), bold=bold))
        prev = (pno, top, b)
    _paragraph_spacing(lines)
    return lines, cw


def _paragraph_spacing(lines: list[Line]) -> None:
    """Count paragraph spacing as blank lines: a word processor puts half a line
    (6 pt, say) between paragraphs instead of an empty line. When the most common
    space between two lines of a page is less than a line, every space is scaled
    so that it counts as one."""
    gaps = Counter(round(ln.gap, 1) for k, ln in enumerate(lines)
                   if k and ln.page == lines[k - 1].page and ln.gap >= 0.15)
    if not gaps:
        return
    usual = gaps.most_common(1)[0][0]
    if 0.2 <= usual <= 0.8:
        for k, ln in enumerate(lines):
            if k and ln.page == lines[k - 1].page:
                ln.gap = round(ln.gap / usual, 1)


def _line_pitch(pitches: list[float], h_med: float) -> float:
    """The distance between two lines of one paragraph: the smallest common
    distance between consecutive baselines (paragraphs are a blank line apart)."""
    counts = Counter(round(p * 2) / 2 for p in pitches if p >= 0.7 * h_med)
    if not counts:
        return h_med * 1.2
    need = max(2, 0.05 * sum(counts.values()))
    for value in sorted(counts):
        near = sum(c for v, c in counts.items() if abs(v - value) <= 0.5)
        if near >= need:
            return value
    return counts.most_common(1)[0][0]


def parse_pdf(data: bytes, path: str = "<string>") -> tuple[list[Element], str | None, dict]:
    """A screenplay PDF's elements, its title (or None) and facts about the
    reading (``pages``, ``furniture`` counts, ``title_lines``).

    Raises
    ------
    StoryFormatError
        For a file that is not a readable PDF, is refused by the limits, has
        no text layer or no screenplay layout.
    """
    pages = _extract(data, path)
    lines, _ = pdf_lines(pages)
    if lines and _unreadable(lines):
        raise StoryFormatError(path, 0, 0, "the PDF's text cannot be read: its fonts do not say which letters "
                               "their glyphs are (no Unicode map); export the script again or use its Fountain or FDX file")
    if not lines:
        raise StoryFormatError(path, 0, 0, f"the PDF has no text layer ({len(pages)} pages of images: a scan?); "
                               "run OCR on it or use the script's Fountain or FDX file")
    lines, fur = remove_furniture(lines, len(pages))
    cols = learn_columns(lines)
    if cols is None:
        play = _as_play(lines, path)
        if play is not None:  # a stage play or a transcript printed to PDF ("NAME: speech")
            els, title, reason = play
            return els, title, {"pages": len(pages), "furniture": fur, "title_lines": [], "columns": None,
                                "read_as": reason}
        raise StoryFormatError(path, 0, 0, "this PDF does not have a screenplay's layout (no character cues over "
                               "indented dialogue were found) nor a play's (no \"NAME: speech\" lines)")
    k = title_lines(lines, cols)
    title = _title(lines[:k])
    els = label_lines(lines[k:], cols)
    if not any(e.kind == "heading" for e in els):  # a play's acting edition: names over speeches, SCENE marks
        play = _as_play(lines, path, marks_needed=True)
        if play is not None:
            els, title, reason = play
            return els, title, {"pages": len(pages), "furniture": fur, "title_lines": [], "columns": cols,
                                "read_as": reason}
    info = {"pages": len(pages), "furniture": fur, "title_lines": lines[:k], "columns": cols}
    return els, title, info


def _as_play(lines: list[Line], path: str, marks_needed: bool = False) -> tuple[list[Element], str | None, str] | None:
    """A PDF's lines read as a stage play or a transcript (:mod:`timeline.formats.play`),
    with their page positions, and why; None when they do not read as one (or, with
    ``marks_needed``, have no scene or act marks)."""
    from .play import parse_play, play_evidence

    texts: list[str] = []
    where: list[int] = []
    for ln in lines:
        pos = ln.page * PAGE_LINES + ln.line
        if texts and ln.gap >= 0.5:  # a blank line ends a speech, as in a typed play
            texts.append("")
            where.append(pos)
        texts.append(" " * max(0, int(round(ln.x0))) + ln.text.strip())  # indents kept: names over speeches
        where.append(pos)
    text = "\n".join(texts)
    evidence = play_evidence(text)
    if not evidence.is_play or marks_needed and not evidence.scenes + evidence.acts:
        return None
    els, title = parse_play(text, path)
    for e in els:
        e.line = where[e.line - 1] if 0 < e.line <= len(where) else 0
    return els, title, f"read as a play or transcript (no screenplay layout): {evidence.reason()}"


def _unreadable(lines: list[Line]) -> bool:
    """Most characters are control codes or unassigned: glyph ids, not letters."""
    total = bad = 0
    for ln in lines[:2000]:
        for s in ln.segs:
            for ch in s.text:
                total += 1
                if ch < " " and ch != "\x02" or "\ue000" <= ch <= "\uf8ff" or ch == "\ufffd":
                    bad += 1
    return total > 0 and bad > 0.03 * total


def _title(lines: list[Line]) -> str | None:
    """The title on a title page: its first line group (the lines until a blank)."""
    out: list[str] = []
    for ln in lines:
        if out and (ln.gap > 0.5 or ln.page != lines[0].page):
            break
        t = ln.text.strip().strip('"“”')
        if t:
            out.append(t)
        if len(out) >= 3:
            break
    title = " ".join(out).strip()
    return title or None


def read_pdf(data: bytes, path: str, *, clean: bool = True) -> Story:
    """Read a screenplay PDF into a :class:`Story` (see the module docstring).

    Raises
    ------
    StoryFormatError
        For a file that is not a readable PDF, is encrypted with a user
        password, is over the limits, has no text layer or no screenplay
        layout.
    """
    els, title, info = parse_pdf(data, path)
    story = build_story(els, path, title=title, metadata={"pages": info["pages"]}, fmt="pdf",
                        clean=clean)
    story = paged_notes(story, info["furniture"])
    if info.get("read_as"):
        note = ImportNote(kind="read_as", subject="story", text=PurePath(path).name or "PDF", message=info["read_as"])
        story = story.model_copy(update={"notes": (note,) + tuple(story.notes)})
    return story


def paged_notes(story: Story, furniture) -> Story:
    """The story with its import notes' lines split into page and line, and one
    ``left_out`` note for the page furniture taken out."""
    notes = []
    for n in story.notes:
        page, line = page_and_line(n.line, True)
        notes.append(n.model_copy(update={"page": page, "line": line}))
    note = furniture_note(furniture)
    if note is not None:
        notes.insert(0, note)
    return story.model_copy(update={"notes": tuple(notes)})
