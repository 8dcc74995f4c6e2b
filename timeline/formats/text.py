"""Plain-text screenplays, IMSDb-style HTML scripts, and what a ``.txt`` is.

* :func:`read_text_script` (``format="text-script"``, ``.html``/``.htm``): a
  screenplay typed as plain text, or a web page holding one in ``<pre>``
  (parsed with the standard library's :mod:`html.parser`; ``<b>`` marks the
  cues and headings and is used as a hint). The lines are laid out in
  character columns (tabs expanded to 8), then read exactly like a PDF's
  lines (:mod:`timeline.formats.layout_lines`): furniture out, columns
  learned, lines labelled, the story built by
  :func:`~timeline.formats.screenplay.build_story`.
* :func:`detect_text_format` is the one place that decides what a ``.txt``
  is, on its content: a storyline benchmark list (``*_list.txt`` or lines of
  comma-separated names in tab-separated groups) -> ``tanahashi``; Fountain
  saved as ``.txt`` (a title page, Fountain marks, or scene headings and
  cues flush left) -> ``fountain``; a screenplay typed as plain text
  (indented cues over dialogue) -> ``text-script``; anything else is prose
  -> ``draft`` (the drafter of :mod:`timeline.draft`).
* :func:`read_text` (``format="text"``, ``.txt``) reads the file with the
  reader :func:`detect_text_format` chose and leaves one ``read_as`` import
  note on the story saying which and why. ``format=`` always overrides.
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import PurePath

from ..errors import StoryFormatError
from ..model import ImportNote, Story
from ._text import decode_text
from .layout_lines import (Furniture, Line, cue_like, furniture_note, is_heading, label_lines, learn_columns,
                           remove_furniture, split_segments, title_lines, watermark_letters)
from .screenplay import Element, build_story, check_size

__all__ = ["read_text", "read_text_script", "parse_text_script", "detect_text_format", "text_lines", "html_script"]

_TITLE_KEY = re.compile(r"^(?:title|credit|author|authors|source|draft date|contact|notes|copyright)\s*:", re.I)
_FOUNTAIN_MARK = re.compile(r"^(?:\.[A-Za-z0-9]|@\S|>|\[\[|/\*|#{1,6} |={1,2} |~)")
_LIST_LINE = re.compile(r"^[^\s,\t][^,\t]{0,60}(?:,[^,\t]{1,60})*(?:\t[^,\t]{1,60}(?:,[^,\t]{1,60})*)*$")


# ---- HTML ------------------------------------------------------------------------------


class _PreParser(HTMLParser):
    """The text of each ``<pre>`` (and of the whole page), with bold (or underlined) spans."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pres: list[tuple[int, list[tuple[str, bool]]]] = []  # (start line, [(text, bold)])
        self.body: list[str] = []
        self._pre = 0
        self._bold = 0
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag == "pre":
            self._pre += 1
            if self._pre == 1:
                self.pres.append((self.getpos()[0], []))
        elif tag in ("b", "strong", "u"):
            self._bold += 1
        elif tag in ("script", "style", "head", "title"):
            self._skip += 1
        elif tag in ("br", "p", "div", "tr", "li") and not self._pre:
            self.body.append("\n")

    def handle_endtag(self, tag):
        if tag == "pre":
            self._pre = max(0, self._pre - 1)
        elif tag in ("b", "strong", "u"):
            self._bold = max(0, self._bold - 1)
        elif tag in ("script", "style", "head", "title"):
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data):
        if self._skip:
            return
        if self._pre and self.pres:
            self.pres[-1][1].append((data, self._bold > 0))
        else:
            self.body.append(data)


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<pre" in head or "<html" in head or "<!doctype html" in head or "<body" in head or "<pre" in text.lower()


def html_script(text: str) -> tuple[str, set[int], int]:
    """The script text of an HTML page (its longest ``<pre>``, else the page's
    text), the 0-based numbers of its lines written in bold, and the page line
    where it starts."""
    p = _PreParser()
    try:
        p.feed(text)
        p.close()
    except Exception as e:  # html.parser is lenient; should it give up, say so
        raise StoryFormatError("<html>", 0, 0, f"cannot read the HTML page: {e}") from None
    if p.pres:
        start, parts = max(p.pres, key=lambda pr: sum(len(t) for t, _ in pr[1]))
        out: list[str] = []
        bold_lines: set[int] = set()
        line = 0
        for chunk, bold in parts:
            pieces = chunk.split("\n")
            for k, piece in enumerate(pieces):
                if k:
                    line += 1
                if bold and piece.strip():
                    bold_lines.add(line)
            out.append(chunk)
        return "".join(out), bold_lines, start
    return "".join(p.body), set(), 1


# ---- lines ------------------------------------------------------------------------------


def text_lines(text: str, bold: set[int] | None = None, first_line: int = 1) -> list[Line]:
    """Laid-out lines of a typed script: character columns (tabs expanded),
    pieces cut at three spaces or more, blank lines counted into ``gap``."""
    lines: list[Line] = []
    blank = 0
    page = 0
    page_break = False
    for k, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if "\f" in raw:  # a form feed: a new page (pdftotext writes them)
            raw = raw.replace("\f", "")
            page_break = True
        s = raw.expandtabs(8).rstrip()
        if not s.strip():
            blank += 1
            continue
        pieces = []
        for m in re.finditer(r"\S+", s):
            pieces.append((float(m.start()), float(m.end()), m.group()))
        segs = split_segments(pieces, 2.5)
        lines.append(Line(segs, page=page, line=first_line + k, gap=float(blank), y=0.0,
                          bold=bool(bold) and k in bold, after_more=page_break))
        blank = 0
        page_break = False
    _align_pages(lines)
    return lines


def _align_pages(lines: list[Line]) -> None:
    """Put the pages of a text cut by form feeds on the document's columns.

    A text copy of a PDF (``pdftotext -layout``) lays out each page on its own
    grid: a page without action starts its dialogue at column 0, another spreads
    its columns a few characters wider. Each page's action margin (its scene
    headings, its long lines of prose) and its cue and dialogue columns (a capital
    line, the line of dialogue directly under it further left) are anchored to the
    document's most common ones, and the columns between are stretched to fit."""
    starts = [0] + [i for i, ln in enumerate(lines) if ln.after_more and i]
    if len(starts) < 2:
        return
    pages = [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)])]
    marks = {id(lines[i]) for i in watermark_letters(lines)}
    facts = [_page_columns([ln for ln in p if id(ln) not in marks]) for p in pages]
    doc_pairs: Counter = Counter()
    doc_action: Counter = Counter()
    for pairs, action in facts:
        doc_pairs.update(pairs)
        doc_action.update(action)
    d_pair = doc_pairs.most_common(1)[0][0] if doc_pairs else None
    d_action = doc_action.most_common(1)[0][0] if doc_action else None
    for page, (pairs, action) in zip(pages, facts):
        anchors: dict[int, int] = {}
        if action and d_action is not None:
            anchors[action.most_common(1)[0][0]] = d_action
        if pairs and d_pair is not None:
            (cx, dx), _ = pairs.most_common(1)[0]
            anchors.setdefault(dx, d_pair[1])
            anchors.setdefault(cx, d_pair[0])
        if not anchors or all(a == b for a, b in anchors.items()):
            continue
        pts = sorted(anchors.items())
        if any(b2 <= b1 for (_, b1), (_, b2) in zip(pts, pts[1:])):
            continue  # the anchors cross: leave the page as it is

        def place(x: float, pts=pts) -> float:
            if len(pts) == 1 or x <= pts[0][0]:
                return x + pts[0][1] - pts[0][0]
            for (a1, b1), (a2, b2) in zip(pts, pts[1:]):
                if x <= a2:
                    return b1 + (x - a1) * (b2 - b1) / (a2 - a1)
            return x + pts[-1][1] - pts[-1][0]

        for ln in page:
            for seg in ln.segs:
                width = seg.x1 - seg.x0
                seg.x0 = max(0.0, float(round(place(seg.x0))))
                seg.x1 = seg.x0 + width


def _page_columns(page: list[Line]) -> tuple[Counter, Counter]:
    """A page's (cue, dialogue) column pairs and its action margins."""
    pairs: Counter = Counter()
    for a, b in zip(page, page[1:]):
        if len(a.segs) == 1 and b.gap == 0 and b.x0 < a.x0 - 2 and cue_like(a.text) \
                and not b.text.startswith("("):
            pairs[(round(a.x0), round(b.x0))] += 1
    action = Counter(round(ln.x0) for ln in page if is_heading(ln.segs[0].text))
    if not action:
        action = Counter(round(ln.x0) for ln in page if len(ln.text) >= 45 and ln.text[:1].isalpha()
                         and sum(c.islower() for c in ln.text) > len(ln.text) // 2)
        if action:  # the left-most of the long prose lines (dialogue is long too, further right)
            left = min(action)
            action = Counter({left: action[left]}) if action[left] >= 2 else Counter()
    return pairs, action


def parse_text_script(data: bytes | str, path: str = "<string>", *, bold: set[int] | None = None
                      ) -> tuple[list[Element], str | None, Furniture]:
    """A typed screenplay's (or an HTML page's) elements, its title, and the
    furniture taken out. ``bold``: the 0-based numbers of lines set apart (bold or
    underlined) where the source says so (a Word document; HTML's own marks win).

    Raises
    ------
    StoryFormatError
        For text without a screenplay's layout.
    """
    text = decode_text(data, path) if isinstance(data, bytes) else data
    bold = set(bold or ())
    first = 1
    if looks_like_html(text):
        text, bold, first = html_script(text)
    lines = text_lines(text, bold, first)
    lines, fur = remove_furniture(lines, 0)
    cols = learn_columns(lines)
    if cols is None:
        raise StoryFormatError(path, 0, 0, "this text does not have a screenplay's layout (no scene headings and no "
                               "character cues over indented dialogue); use format=\"draft\" for prose")
    k = title_lines(lines, cols)
    title = _title(lines[:k], cols)
    return label_lines(lines[k:], cols), title, fur


def _title(lines: list[Line], cols) -> str | None:
    """The first centred line group of a title block (else its first line)."""
    if not lines:
        return None
    centre = cols.centre
    group: list[str] = []
    for ln in lines:
        centred = abs((ln.x0 + ln.x1) / 2 - centre) <= 8 and ln.x0 > cols.action + 3
        if group and (ln.gap > 0 or not centred):
            break
        if centred:
            group.append(ln.text.strip().strip('"“”'))
            if len(group) >= 2:
                break
    t = " ".join(group) or lines[0].text.strip().strip('"“”')
    return t[:120] or None


def read_text_script(data: bytes, path: str, *, clean: bool = True) -> Story:
    """Read a screenplay typed as plain text, or an IMSDb-style HTML page (see the module docstring).

    Raises
    ------
    StoryFormatError
        For binary input, input over 16 MB, or text without a screenplay's layout.
    """
    check_size(data, path)
    els, title, fur = parse_text_script(data, path)
    story = build_story(els, path, title=title, fmt="text-script", clean=clean)
    note = furniture_note(fur)
    if note is not None:
        story = story.model_copy(update={"notes": (note,) + story.notes})
    return story


# ---- what a .txt is -------------------------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def detect_text_format(data: bytes | str, path: str) -> tuple[str, str]:
    """What a ``.txt`` is, on its content: ``(format, reason)``.

    ``format`` is ``tanahashi``, ``fountain``, ``text-script``, ``play`` or ``draft``;
    ``reason`` says why, for people (e.g. ``"a screenplay typed as plain text:
    112 scene headings, 840 cues"``).

    >>> detect_text_format(b"INT. HOUSE - DAY\\n\\nBOB\\nHi.\\n\\nEXT. YARD - NIGHT\\n\\nANN\\nHo.\\n", "a.txt")[0]
    'fountain'
    >>> detect_text_format(b"Rick runs a bar in Casablanca. Ilsa walks in.\\n", "a.txt")
    ('draft', 'prose: no scene headings or character cues')
    """
    name = PurePath(path).name.lower()
    if name.endswith("_list.txt"):
        return "tanahashi", "a storyline benchmark list (the name ends in _list.txt)"
    text = decode_text(data, path) if isinstance(data, bytes) else data
    if looks_like_html(text[:5000]) and "<pre" in text.lower():
        return "text-script", "an HTML page with a script in <pre>"
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    nonblank = [ln for ln in raw_lines if ln.strip()]
    if not nonblank:
        return "draft", "prose: the text is empty"
    listed = sum(1 for ln in nonblank if _LIST_LINE.match(ln.rstrip("\n")) and ("," in ln or "\t" in ln)
                 and not ln.rstrip().endswith((".", "!", "?", ":")))
    if len(nonblank) >= 3 and listed >= 0.9 * len(nonblank) and all(len(ln) < 400 for ln in nonblank):
        return "tanahashi", f"a storyline benchmark list: {_plural(len(nonblank), 'line')} of names in groups"
    heads_flush = heads_ind = cues_flush = cues_ind = marks = 0
    for k, ln in enumerate(raw_lines):
        s = ln.expandtabs(8)
        t = s.strip()
        if not t:
            continue
        indent = len(s) - len(s.lstrip())
        if is_heading(t) and _mostly_capitals(t):
            if indent <= 1:
                heads_flush += 1
            else:
                heads_ind += 1
            continue
        if indent == 0 and _FOUNTAIN_MARK.match(t):
            marks += 1
        prev_blank = k == 0 or not raw_lines[k - 1].strip()
        nxt = raw_lines[k + 1] if k + 1 < len(raw_lines) else ""
        after = raw_lines[k + 2] if k + 2 < len(raw_lines) else ""
        if prev_blank and nxt.strip() and cue_like(t) and not _actor_line(nxt, after):
            nxt_indent = len(nxt.expandtabs(8)) - len(nxt.expandtabs(8).lstrip())
            if indent >= 8 and nxt_indent < indent:
                cues_ind += 1
            elif indent <= 1 and nxt_indent <= 1:
                cues_flush += 1
    heads, cues = heads_flush + heads_ind, cues_flush + cues_ind
    counts = f"{_plural(heads, 'scene heading')}, {_plural(cues, 'cue')}"
    from .play import play_evidence

    play = play_evidence(text)
    if play.is_play and play.speeches > cues or heads == 0 and play.acting_edition:
        return "play", f"a play or transcript: {play.reason()}"
    title_page = bool(_TITLE_KEY.match(nonblank[0]))
    scripted = heads_flush + 2 * cues_flush
    if title_page and heads + cues + marks >= 1 or marks >= 3 and heads + cues >= 1:
        return "fountain", f"Fountain: {counts}" + (" after a title page" if title_page else ", Fountain marks")
    if cues_ind >= 3 and cues_ind >= cues_flush:
        return "text-script", f"a screenplay typed as plain text: {counts}"
    # (one capitalised title line over a short press-kit synopsis is no cue: a lone cue needs company)
    if cues_flush >= 3 or heads_flush >= 2 or (scripted and scripted * 5 >= len(nonblank)
                                               and (heads_flush or cues_flush >= 2 or len(nonblank) <= 3)):
        return "fountain", f"Fountain: {counts} written flush left"
    if heads_ind >= 2:
        return "text-script", f"a screenplay typed as plain text: {counts}"
    return "draft", "prose: no scene headings or character cues"


_NAME_LINE = re.compile(r"[A-ZÀ-Þ][\w.'’\-]*(?:[ ]+(?:[A-ZÀ-Þ][\w.'’\-]*|de|van|von|da|di|del|la|le)){1,3}")


def _actor_line(line: str, after: str) -> bool:
    """True if ``line``, under an upper-case name, is an actor's name alone (a cast list of a
    plot summary: "RICK BLAINE" over "Humphrey Bogart"), not a speech."""
    t = line.strip()
    return bool(_NAME_LINE.fullmatch(t)) and not _mostly_capitals(t) and not after.strip()


def _mostly_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.6 * len(letters)


_WHAT = {
    "tanahashi": "a storyline benchmark list",
    "fountain": "Fountain",
    "text-script": "a screenplay typed as plain text",
    "play": "a play or transcript",
    "draft": "prose, drafted into a story",
}


def read_text(data: bytes, path: str, **options) -> Story:
    """Read a ``.txt`` with the reader its content calls for (see
    :func:`detect_text_format`), noting which and why on the story.

    Raises
    ------
    StoryFormatError
        As the chosen reader does.
    """
    from . import loads_story

    fmt, reason = detect_text_format(data, path)
    if fmt == "draft" and importlib.util.find_spec("timeline.draft") is None:
        raise StoryFormatError(path, 0, 0, f"this text reads as {reason}, and the drafter that reads prose is not "
                               "installed; use format= to read it as a screenplay")
    story = loads_story(data, fmt, path=path, **options)
    if fmt in ("fountain", "text-script"):  # the counts of the reading itself
        cues = sum(sum(sc.cues.values()) for sc in story.scenes)
        why = f"{_plural(len(story.scenes), 'scene heading')}, {_plural(cues, 'cue')}"
    else:
        why = reason.split(": ", 1)[-1]
    message = f"read as {_WHAT[fmt]}: {why}; use format= to read it otherwise"
    note = ImportNote(kind="read_as", subject="story", text=PurePath(path).name or "text", message=message)
    return story.model_copy(update={"notes": (note,) + tuple(story.notes)})
