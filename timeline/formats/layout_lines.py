"""Screenplay lines laid out on a page -> labelled script elements.

Shared by the PDF reader (positions in points, converted to character widths)
and the plain-text script reader (character columns). A source gives a list
of :class:`Line`, each a list of :class:`Seg` (the pieces of the line that a
wide horizontal gap separates: a scene number in the margin, the two columns
of dual dialogue, a revision mark); this module

1. removes the page furniture (:func:`remove_furniture`): running headers and
   footers (the same text at the same height on most pages, page numbers
   counted as one text), page numbers, ``(MORE)``, ``(CONTINUED)``,
   ``CONTINUED:``, revision marks (``*``), and takes scene numbers off both
   ends of a heading;
2. learns the columns of this document (:func:`learn_columns`): the action
   margin from the scene headings, the cue column from capital lines that a
   more-left, indented line follows (left-aligned or centred cues, whichever
   explains more of them), the dialogue column from the lines under the cues.
   Nothing is a fixed number: programs place cues anywhere from 2.3 to 3.7
   inches;
3. labels every line (:func:`label_lines`) into the
   :class:`~timeline.formats.script.elements.Element` kinds the Fountain and
   FDX readers give (heading, action, character, parenthetical, dialogue,
   transition, centered, dual dialogue as a second cue with ``dual=True``),
   joining wrapped lines (and paragraphs a page break cut), and drops a
   repeated ``NAME (CONT'D)`` at the top of a page when the speech goes on. A
   heading without INT./EXT. needs evidence (:func:`bare_heading`); a hyphen
   that ends a line is decided on the whole document (:func:`dehyphenate`).

Positions are in character widths (``x``) from the page's left edge; ``gap``
counts the blank lines above a line (0: directly under the one before).
Element lines are ``page * PAGE_LINES + line on the page`` for paged sources
(see :func:`page_and_line`) and the source's line number otherwise.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..model import ImportNote
from .script.elements import Element, cue_name

__all__ = ["Seg", "Line", "Columns", "Furniture", "PAGE_LINES", "page_and_line", "remove_furniture",
           "learn_columns", "label_lines", "furniture_note", "is_heading", "slug_heading", "cue_like",
           "split_segments", "title_lines", "watermark_letters", "dehyphenate", "bare_heading", "heading_places"]

#: Element line numbers of paged sources: ``page * PAGE_LINES + line``.
PAGE_LINES = 10_000

# INT./EXT. and the like; a few other languages' (German, Russian, Polish) too
_HEADING = re.compile(r"^(?:INT\.?/EXT|EXT\.?/INT|INT\.?\s*-\s*EXT|I/E|E/I|INT|EXT|EST|INTERIOR|EXTERIOR"
                      r"|INNEN|AUSSEN|AUẞEN|ИНТ|НАТ|ЭКСТ|WNĘTRZE|PLENER)(?:[.\s:/\-]|$)", re.IGNORECASE)
_NUMBER = re.compile(r"^[A-Z]?\d{1,4}[A-Z]{0,3}(?:[.\-][A-Z0-9]{1,3})?\.?$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–(]?\s*\d{1,4}[A-Z]?\s*[-–)]?\.?(?:\s*(?:of|/)\s*\d{1,4}\.?)?$", re.IGNORECASE)
_MORE = re.compile(r"^\(\s*(?:MORE|CONTINUED|CONT'D|CONT’D|CONTD)\s*\)$", re.IGNORECASE)  # "More." is dialogue
_CONTINUED_TOP = re.compile(r"^(?:\d+[A-Z]?\s+)?CONTINUED\s*:?\s*(?:\(\s*\d+\s*\))?(?:\s+\d+[A-Z]?)?$", re.IGNORECASE)
_REVISION = re.compile(r"^\*+$")
_CONTD = re.compile(r"\(\s*CONT(?:['’]?D|INUED|INUING)?\s*\)", re.IGNORECASE)
_TRANSITION = re.compile(r"(?:\bTO:|FADE OUT\.?|FADE TO BLACK\.?|CUT TO BLACK\.?|FADE IN:|THE END\.?|SMASH CUT:?|"
                         r"IRIS OUT\.?|WIPE TO:?|JUMP CUT:?|FADE OUT:|END OF (?:EPISODE|TEASER|ACT \w+)\.?)$")
_DIGITS = re.compile(r"\d+")
_HASHES = re.compile(r"#+")
_TIME_OF_DAY = re.compile(r"(?:\s[-–—]+\s*|\s\(\s*|,\s+)(?:DAY|NIGHT|MORNING|EVENING|AFTERNOON|DUSK|DAWN|"
                         r"SUNSET|SUNRISE|NOON|MIDDAY|MIDNIGHT|CONTINUOUS|(?:MOMENTS |A LITTLE |MUCH )?LATER|"
                         r"SAME(?: TIME)?|MAGIC HOUR|PRE-DAWN|NIGHTFALL|DAYBREAK|LATE NIGHT|EARLY MORNING)"
                         r"(?:\s*\))?\.?$")
_SHOT = re.compile(r"\b(?:ANGLE|SHOT|SHOTS|POV|CLOSE|CLOSEUP|CLOSE-UP|INSERT|REVERSE|WIDE|ZOOM|PAN|TRACKING|"
                   r"AERIAL|INTERCUT|SUPER|TITLE|CARD)\b")


def is_heading(text: str) -> bool:
    """A scene heading (INT./EXT./EST./I/E ... at its start, in capitals or
    followed by a full stop: "Interior of the car" is action)."""
    t = text.lstrip(".* ")
    m = _HEADING.match(t)
    if m is None or len(text) >= 200:
        return False
    word = m.group(0).rstrip(".:/- \t")
    return word.isupper() or t[len(word):len(word) + 1] == "."


def cue_like(text: str) -> str | None:
    """The speaker's name if ``text`` could be a character cue, else None.

    A cue is short, has a letter, no lower-case letter outside its
    parenthesised extensions, and does not end in ``:`` (``FADE IN:``,
    ``ANGLE ON:``) nor look like a heading or a transition."""
    s = text.strip()
    if not s or len(s) > 60 or s.endswith(":") or s[0] in "(*-[" or is_heading(s):
        return None
    if _TRANSITION.search(s):
        return None
    name, _ = cue_name(s)
    if not name or len(name) > 40 or len(name.split()) > 6:
        return None
    letters = [c for c in name if c.isalpha()]
    lower = sum(c.islower() for c in letters)
    # McCABE, DeNIRO: a few lower-case letters in a name that is mostly capitals
    if not letters or lower and (lower > len(letters) // 4 or not name[0].isupper() or len(letters) - lower < 3):
        return None
    if name[-1] in ".!?," and not name.endswith(("JR.", "SR.", "DR.", "MR.", "MRS.", "MS.", "ST.")):
        return None
    if sum(c.isdigit() for c in name) > len(letters):
        return None
    return name


@dataclass(slots=True)
class Seg:
    """A piece of a line: left and right edge (character widths), text."""

    x0: float
    x1: float
    text: str


@dataclass(slots=True)
class Line:
    """One printed line: its pieces left to right, where it is, what is above it."""

    segs: list[Seg]
    page: int = 0       # 1-based page (0: the source has no pages)
    line: int = 0       # 1-based line on the page, or in the source
    gap: float = 0.0    # blank lines above it
    y: float = 0.0      # height from the top of the page (lines), for furniture
    bold: bool = False  # set apart: bold or underlined (a PDF's font or drawn line, HTML <b>/<u>)
    number: str | None = None  # a scene number taken off its ends
    after_more: bool = False  # a page break just above it (typed text: a form feed, a running header, a "(MORE)")
    more: bool = False  # a "(MORE)" was taken out just above it: the speech goes on

    @property
    def x0(self) -> float:
        return self.segs[0].x0

    @property
    def x1(self) -> float:
        return self.segs[-1].x1

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segs)

    @property
    def where(self) -> int:
        return self.page * PAGE_LINES + self.line if self.page else self.line


def page_and_line(where: int, paged: bool) -> tuple[int, int]:
    """(page, line) of an element line number (see :data:`PAGE_LINES`)."""
    if not paged or where <= 0:
        return 0, where
    return where // PAGE_LINES, where % PAGE_LINES


def split_segments(pieces: list[tuple[float, float, str]], gap: float) -> list[Seg]:
    """Join words ``(x0, x1, text)`` (sorted by x0) into segments, cutting where
    the space between two words is wider than ``gap``."""
    segs: list[Seg] = []
    for x0, x1, t in pieces:
        if segs and x0 - segs[-1].x1 <= gap:
            s = segs[-1]
            s.text += " " + t
            s.x1 = max(s.x1, x1)
        else:
            segs.append(Seg(x0, x1, t))
    return segs


# ---- 1. page furniture --------------------------------------------------------------


@dataclass
class Furniture:
    """What :func:`remove_furniture` took out, by kind (for the import note)."""

    counts: Counter = field(default_factory=Counter)
    first: dict = field(default_factory=dict)  # kind -> (page, line, text)

    def add(self, kind: str, line: Line, text: str) -> None:
        self.counts[kind] += 1
        self.first.setdefault(kind, (line.page, line.line, text))


def _norm(text: str) -> str:
    """A text's key for repetition: digits as one ``#``, without spaces (a line
    drawn letter-spaced on one page is the same running header)."""
    return _HASHES.sub("#", _DIGITS.sub("#", "".join(text.replace("\x02", "-").split()))).upper()


def remove_furniture(lines: list[Line], n_pages: int = 0) -> tuple[list[Line], Furniture]:
    """The lines without page furniture (see the module docstring).

    Running headers, footers and watermarks are found on paged sources by
    repetition: a piece with the same text (digits ignored) at the same
    height on at least half of the pages (three at least). Scene numbers at
    either end of a heading go to ``Line.number``.
    """
    fur = Furniture()
    # top and bottom lines of each page (running headers and footers, page numbers, CONTINUED:)
    edge: set[int] = set()
    if n_pages:
        by_page: dict[int, list[int]] = defaultdict(list)
        for i, ln in enumerate(lines):
            by_page[ln.page].append(i)
        for idx in by_page.values():
            edge.update(idx[:3])
            edge.update(idx[-3:])
    repeated: set[tuple[int, str]] = set()
    if n_pages >= 3:
        seen: dict[tuple[int, str], set[int]] = defaultdict(set)
        for i, ln in enumerate(lines):
            for s in ln.segs:
                seen[(round(ln.y), _norm(s.text), i in edge)].add(ln.page)
        # at the edges: on half of the pages; inside the page (a watermark): on nearly all;
        # at the same height give or take half a line (a page drawn a little apart)
        for (y, key, at_edge), pages in list(seen.items()):
            need = max(3, (n_pages + 1) // 2) if at_edge else max(5, 0.8 * n_pages)
            near = pages | seen.get((y - 1, key, at_edge), set()) | seen.get((y + 1, key, at_edge), set())
            if len(near) >= need:
                repeated.add((y, key))
    edge2 = set()  # the first two and last two lines: where page numbers are
    if n_pages:
        for idx in by_page.values():
            edge2.update(idx[:2])
            edge2.update(idx[-2:])
    running = _typed_running_lines(lines) if not n_pages else set()
    marks = watermark_letters(lines) if not n_pages else set()
    out: list[Line] = []
    more = page_break = False
    mark_gap = None  # the space above a watermark's letters taken out: the line under them has it
    for i, ln in enumerate(lines):
        if i in marks:
            fur.add("watermark", ln, ln.text.strip())
            mark_gap = ln.gap if mark_gap is None else min(mark_gap, ln.gap)
            continue
        if mark_gap is not None:
            ln.gap, mark_gap = min(ln.gap, mark_gap), None
        if i in running:  # a typed page's running header or footer: a page break
            fur.add("running header or footer", ln, ln.text.strip())
            page_break = True
            continue
        kept: list[Seg] = []
        # a heading with its scene numbers (the same number at both ends) keeps them
        heading_line = len(ln.segs) > 1 and (any(_heading_text(s.text) for s in ln.segs)
                                             or len(ln.segs) > 2 and ln.segs[0].text == ln.segs[-1].text
                                             or n_pages and _numbered_caps(ln, repeated))
        for s in ln.segs:
            t = s.text.strip()
            if repeated and (round(ln.y), _norm(t)) in repeated and not (heading_line and _NUMBER.match(t)):
                # (a heading's own numbers stand where the numbers of "CONTINUED:" lines do)
                fur.add("running header or footer", ln, t)
            elif _REVISION.match(t):
                fur.add("revision mark", ln, t)
            elif not heading_line and _PAGE_NUMBER.match(t) and (i in edge2 if n_pages else
                                                                  len(ln.segs) > 1 or s.x0 > 45):
                # a number alone at a page's top or foot; in typed text, far right or beside other text
                fur.add("page number", ln, t)
            else:
                kept.append(s)
        if not kept:
            continue
        if len(kept) < len(ln.segs) and all(_NUMBER.match(s.text.strip()) for s in kept):
            # the scene numbers of a line whose text was furniture ("104B  CONTINUED:  104B",
            # the CONTINUED: taken out as a running header)
            fur.add("CONTINUED:", ln, ln.text.strip())
            continue
        ln.segs = kept
        t = ln.text.strip()
        if _MORE.match(t) or t == "CONTINUED":
            fur.add("(MORE) and (CONTINUED)", ln, t)
            more = more or "MORE" in t.upper()
            continue
        if _CONTINUED_TOP.match(t):
            fur.add("CONTINUED:", ln, t)
            continue
        _take_scene_numbers(ln)
        ln.after_more = ln.after_more or page_break or more  # (a form feed: set by the source)
        ln.more, more, page_break = more, False, False
        out.append(ln)
    return out, fur


def _numbered_caps(ln: Line, repeated: set) -> bool:
    """A line of capitals (not a running header) with a number far right of it: a
    heading numbered in the right margin only ("THE TRUCK      42"), not a page number."""
    first, last = ln.segs[0], ln.segs[-1]
    t = first.text.strip()
    return len(ln.segs) == 2 and t.upper() == t and any(c.isalpha() for c in t) and last.x0 - first.x1 > 8 \
        and (round(ln.y), _norm(t)) not in repeated and bool(_NUMBER.match(last.text.strip()))


def watermark_letters(lines: list[Line]) -> set[int]:
    """The lines of typed text (pages cut by form feeds) that are the letters of a
    diagonal watermark in a text copy of a PDF ("BA", "FT"): a few capitals that
    stand alone on most of the pages and, unlike a name, do not have the same
    dialogue column directly under them most times."""
    out: set[int] = set()
    page = 0
    on_page: dict[str, set[int]] = defaultdict(set)
    where: dict[str, list[int]] = defaultdict(list)
    for i, ln in enumerate(lines):
        page += ln.after_more
        if len(ln.segs) == 1 and len(ln.text) <= 5 and ln.text.isalpha() and ln.text.isupper():
            on_page[ln.text].add(page)
            where[ln.text].append(i)
    if page < 4:
        return out
    for text, pages in on_page.items():
        if len(pages) < 0.5 * (page + 1):
            continue
        idx = where[text]
        under = Counter(round(lines[i + 1].x0) for i in idx if i + 1 < len(lines) and lines[i + 1].gap == 0
                        and lines[i + 1].x0 < lines[i].x0 - 2 and not lines[i + 1].text.startswith("("))
        if not under or under.most_common(1)[0][1] < 0.5 * len(idx):
            out.update(idx)
    return out


def _typed_running_lines(lines: list[Line]) -> set[int]:
    """The running headers and footers of typed text (no pages): the same line
    (digits aside) at least four times, at a regular distance of a page's length
    (25 to 90 source lines, most within 30 % of the usual one); never a heading,
    and a cue only when it carries a number that changes (a page number, a date)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, ln in enumerate(lines):
        key = _norm(ln.text)
        if 3 <= len(key) <= 100:
            groups[key].append(i)
    out: set[int] = set()
    for key, idx in groups.items():
        if len(idx) < 4:
            continue
        first = lines[idx[0]]
        words = first.text.split()
        if any(is_heading(s.text) for s in first.segs) or len(words) > 1 and is_heading(" ".join(words[1:])):
            continue  # a scene the script goes back to (numbered anew)
        if "#" not in key and cue_like(first.text) or first.text.lstrip().startswith("("):
            continue  # a name, a parenthetical
        if sum(lines[i].gap > 0 or i + 1 < len(lines) and lines[i + 1].gap > 0 for i in idx) < 0.8 * len(idx):
            continue  # inside paragraphs: text, not a page's header
        if "#" in key and len({lines[i].text for i in idx}) < 0.75 * len(idx):
            continue  # the number does not change: a name or a line said again
        src = [lines[i].line for i in idx]
        gaps = sorted(b - a for a, b in zip(src, src[1:]))
        usual = gaps[len(gaps) // 2]
        if 25 <= usual <= 90 and sum(abs(g - usual) <= 0.3 * usual for g in gaps) >= 0.6 * len(gaps):
            out.update(idx)
    return out


def _heading_text(text: str) -> bool:
    return is_heading(text) or slug_heading(text)


def _take_scene_numbers(ln: Line) -> None:
    """Scene numbers off both ends of a heading, into ``ln.number``: apart from
    it (a margin's width away) or one space from it ("12 INT. HOUSE - DAY 12")."""
    segs = ln.segs
    first, last = segs[0].text.strip(), segs[-1].text.strip()
    inner = segs[1:] if len(segs) > 1 and _NUMBER.match(first) else list(segs)
    right = None
    if len(inner) >= 2 and _NUMBER.match(last):
        right = last.rstrip(".")
        inner = inner[:-1]
    left = first.rstrip(".") if len(segs) > 1 and _NUMBER.match(first) else None
    head = inner[0].text.split() if inner else []
    glued = None
    if len(head) >= 2 and _NUMBER.match(head[0]) and _heading_text(" ".join(head[1:])):
        glued = head[0].rstrip(".")
    # the same number in both margins marks a heading whatever it says ("12 THE ROOF 12")
    both = left is not None and left == right and inner and inner[0].text.upper() == inner[0].text
    if not inner or not (glued or both or _heading_text(inner[0].text)):
        return
    if left is None and right is None and glued is None:
        return  # ("INT. HOUSE - DAY 12" with one space: a number only with the same one at the start)
    inner = [Seg(s.x0, s.x1, s.text) for s in inner]
    if glued is not None:
        # the heading starts where its text does, not at the number ("112 INT." typed
        # with two spaces, "12   INT." with four: one margin)
        seg = inner[0]
        rest = seg.text.lstrip()[len(head[0]):].lstrip()
        skip = len(seg.text) - len(rest)
        seg.x0 += skip * (seg.x1 - seg.x0) / max(1, len(seg.text))
        seg.text = rest
    words = inner[-1].text.split()
    if len(words) >= 2 and _NUMBER.match(words[-1]) and words[-1].rstrip(".") in (glued, left):
        inner[-1].text = " ".join(words[:-1])  # the number at the other end, one space away
        right = right or words[-1].rstrip(".")
    ln.number = left or glued or right
    ln.segs = inner


def furniture_note(fur: Furniture) -> ImportNote | None:
    """One ``left_out`` note for the page furniture taken out (None: none)."""
    if not fur.counts:
        return None
    parts = ", ".join(f"{n} {kind}" for kind, n in fur.counts.most_common())
    page, line, text = min(fur.first.values(), key=lambda v: (v[0], v[1]))
    return ImportNote(kind="left_out", subject="text", text=text or "page furniture", page=page, line=line,
                      count=sum(fur.counts.values()), message=f"page furniture left out: {parts}")


# ---- 2. the columns ------------------------------------------------------------------


@dataclass
class Columns:
    """The columns of one document, in character widths."""

    action: float
    cue: float
    cue_centred: bool
    dialogue: float
    right: float  # the right edge of action text (transitions are right of the cue)
    centre: float  # the middle of the action column (centred text)
    cues: int = 0  # how many candidate cues the cue column explains
    bold_headings: bool = False  # the headings are bold: so is a heading without INT./EXT.

    def is_cue_column(self, seg: Seg, tol: float = 2.0) -> bool:
        if self.cue_centred:
            return abs((seg.x0 + seg.x1) / 2 - self.cue) <= tol + 1
        return abs(seg.x0 - self.cue) <= tol


def _mode(values: list[float], tol: float) -> tuple[float, int]:
    """The value with most others within ``tol`` of it (and how many)."""
    if not values:
        return 0.0, 0
    vals = sorted(values)
    best, best_n = vals[0], 0
    j = 0
    k = 0
    for v in vals:
        while vals[j] < v - tol:
            j += 1
        while k < len(vals) and vals[k] <= v + tol:
            k += 1
        if k - j > best_n:
            best, best_n = v, k - j
    inside = [v for v in vals if abs(v - best) <= tol]
    return statistics.median(inside), best_n


def learn_columns(lines: list[Line]) -> Columns | None:
    """The action, cue and dialogue columns of a script, or None when its
    lines do not have a screenplay's layout (no cue column)."""
    if not lines:
        return None
    heads = [ln.x0 for ln in lines if is_heading(ln.segs[0].text)]
    long_lower = [ln.x0 for ln in lines if len(ln.text) >= 30 and any(c.islower() for c in ln.text)]
    known = True
    if heads:
        action, _ = _mode(heads, 1.0)
    elif len(long_lower) >= 3:
        # the left-most margin of many long lines (dialogue is long too, further right)
        action = min(v for v in long_lower if sum(abs(w - v) <= 1 for w in long_lower) >= 0.15 * len(long_lower))
    else:  # a few lines: the left-most
        action, known = min(ln.x0 for ln in lines), False
    # candidate cues: a capital line right of the action margin, the next line directly
    # under it starting well left of it and right of the action margin
    cand: list[tuple[Seg, Line]] = []
    for a, b in zip(lines, lines[1:]):
        if b.gap > 0.5 or b.page != a.page:
            continue
        if len(a.segs) == 2 and len(b.segs) >= 1 and cue_like(a.segs[0].text) and cue_like(a.segs[1].text):
            cand.append((a.segs[0], b))  # dual dialogue: the left speech
            continue
        if len(a.segs) != 1:
            continue
        s = a.segs[0]
        if (known and s.x0 < action + 4) or not cue_like(s.text):
            continue
        if b.x0 > s.x0 - 2 or (known and b.x0 < action + 2):
            continue
        cand.append((s, b))
    if not cand:
        if not heads:
            return None
        # scene headings and no dialogue at all: no cue column
        right = max(ln.x1 for ln in lines)
        return Columns(action, 1e9, False, 1e9, right, (action + right) / 2, 0)
    left, n_left = _mode([s.x0 for s, _ in cand], 1.5)
    centre, n_centre = _mode([(s.x0 + s.x1) / 2 for s, _ in cand], 1.5)
    centred = n_centre > n_left
    cue, n = (centre, n_centre) if centred else (left, n_left)
    under = [b.x0 for s, b in cand if not b.segs[0].text.startswith("(")
             and abs(((s.x0 + s.x1) / 2 if centred else s.x0) - cue) <= 2]
    dialogue, _ = _mode(under or [b.x0 for _, b in cand], 1.0)
    rights = sorted(ln.x1 for ln in lines if abs(ln.x0 - action) <= 1 and len(ln.text) > 30)
    right = rights[int(len(rights) * 0.9)] if rights else max(ln.x1 for ln in lines)
    bold = sum(ln.bold for ln in lines if is_heading(ln.segs[0].text))
    return Columns(action, cue, centred, dialogue, right, (action + right) / 2, n,
                   bold_headings=len(heads) >= 2 and bold >= 0.8 * len(heads))


# ---- 3. labels -------------------------------------------------------------------------


def _join(prev: str, nxt: str) -> str:
    """Two wrapped lines as one text. A hyphen that ends the first line between
    two letters (PDFium marks one it takes for hyphenation ``\x02``) joins
    without a space and stays marked ``\x02``: whether it is a word broken by a
    word processor ("hun-" "dred") or a compound wrapped at its hyphen ("twenty-"
    "four") is decided for the whole document by :func:`dehyphenate`. A dash
    split in two ("dyle -" "- that") is joined again."""
    if prev.endswith("\x02"):
        if prev.endswith("-\x02"):
            return prev[:-1] + "- " + nxt
        return prev + nxt if nxt[:1].isalpha() else prev[:-1] + "-" + nxt
    if prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha() and nxt[:1].isalpha():
        return prev[:-1] + "\x02" + nxt
    if prev.endswith("-") and len(prev) > 1 and prev[-2] == " " and nxt.startswith("-"):
        return prev + nxt
    return prev + " " + nxt


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
_BROKEN = re.compile(r"([^\W\d_]+)\x02([^\W\d_]+)")
# the second half of a word broken by hyphenation, never of a compound ("reason-able")
_SUFFIXES = frozenset("able ible ing ings tion tions sion sions ment ments ness ly ity ities ous ful ence ences ance "
                      "ances ent ant ism ist ists ize ise ized ised ation ations ated ive ical ally ure ures er ers ed "
                      "est age ages ial ian ians".split())
# first halves that make compounds, not syllables
_COMPOUND_FIRST = frozenset("self non semi half well twenty thirty forty fifty sixty seventy eighty ninety "
                            "great quasi pseudo".split())
# short first halves of compounds ("ex-wife", "co-worker") that are not words on their own
_SHORT_FIRST = frozenset("ex co re de".split())


def dehyphenate(texts: list[str]) -> list[str]:
    """The texts with every line-end hyphen (``\x02``, see :func:`_join`) decided on
    the evidence of the whole document.

    1. The document's own spelling: the word joined ("hundred") when it writes
       it unbroken more often than hyphenated, the hyphen kept ("self-esteem")
       when the hyphenated form is the more common one.
    2. Otherwise the halves: a compound keeps its hyphen (a third word before
       it, "owner-and-ringmaster"; a first half that makes compounds, "self-",
       "twenty-"; a second half with a capital, "Paris-Bordeaux"); halves that
       are not words of the document are syllables ("hun-dred", "val-ley", a
       suffix: "reason-able").
    3. A half or both words ("bright-eyed", "fire-light", "main-tain"): joined
       in a document that a program hyphenated (two or more, and three in ten,
       of its breaks are syllables or words it writes whole elsewhere), kept in
       one whose lines only wrap at hyphens.

    A ``\x02`` that joined nothing becomes a plain hyphen.

    >>> dehyphenate(["A hun\x02dred men.", "A hundred more.", "Her self\x02esteem.", "Self-esteem."])
    ['A hundred men.', 'A hundred more.', 'Her self-esteem.', 'Self-esteem.']
    >>> dehyphenate(["twenty\x02four", "twenty four", "con\x02tinue"])
    ['twenty-four', 'twenty four', 'continue']
    """
    if not any("\x02" in t for t in texts):
        return texts
    words: Counter = Counter()
    compounds: Counter = Counter()
    for t in texts:
        clean = _BROKEN.sub(" ", t)  # the broken words are what is being decided
        words.update(w.lower() for w in _WORD.findall(clean))
        compounds.update(w.lower() for w in _COMPOUND.findall(clean))

    def classify(m: re.Match, text: str) -> str:
        """``join``/``keep`` (the document's spelling), ``compound``, ``syllable`` (no half
        a word), or ``either`` (one half a word or both: "bright-eyed", "fire-light")."""
        a, b = m.group(1), m.group(2)
        la, lb = a.lower(), b.lower()
        whole, hyphened = words[la + lb], compounds[f"{la}-{lb}"]
        if whole != hyphened:
            return "join" if whole > hyphened else "keep"
        if lb in _SUFFIXES:
            return "syllable"
        if text[m.end():m.end() + 1] == "-":
            return "compound"  # "tug-" "of-war": hyphenation breaks words, not compounds of three
        if m.start() and text[m.start() - 1] in "-'’":
            # a compound of three words and more ("owner-and-ringmaster", "men's-women's")
            return "compound" if words[lb] or words[la] else "either" if len(b) >= 4 else "syllable"
        if la in _COMPOUND_FIRST or b[0].isupper() and not b.isupper():
            return "compound"  # "self-indulgent", "twenty-four"; a name: "Paris-Bordeaux"
        if words[lb] and (len(b) >= 4 and (words[la] or len(a) >= 3 or la in _SHORT_FIRST)
                          or len(b) == 3 and words[la] and len(a) >= 3):
            return "either"  # "fire-light", "vice-president", "two-way": the second half a word of its own
        return "either" if words[la] and len(a) >= 3 else "syllable"  # "bright-eyed"; "hun-dred", "win-dow"

    found = [(k, m, classify(m, t)) for k, t in enumerate(texts) if "\x02" in t for m in _BROKEN.finditer(t)]
    kinds = Counter(kind for _, _, kind in found)
    hyphenated = kinds["join"] + kinds["syllable"] >= max(2, 0.3 * len(found))
    verdict = {"join": True, "syllable": True, "keep": False, "compound": False, "either": hyphenated}
    joined = {(k, m.start()): verdict[kind] for k, m, kind in found}
    out = []
    for k, t in enumerate(texts):
        if "\x02" in t:
            t = _BROKEN.sub(lambda m, k=k: m.group(1) + ("" if joined[(k, m.start())] else "-") + m.group(2), t)
            t = t.replace("\x02", "-")
        out.append(t.strip())
    return out


def title_lines(lines: list[Line], cols: Columns | None) -> int:
    """How many lines at the start are a title page (before the script proper)."""
    if not lines:
        return 0
    paged = lines[0].page > 0
    for i, ln in enumerate(lines):
        t = ln.text.strip()
        if is_heading(t) or t.upper().startswith(("FADE IN", "OPEN ON", "FADE UP")):
            return _title_end(lines, i, paged, cols)
        if cols is not None and len(ln.segs) == 1 and cols.is_cue_column(ln.segs[0]) and cue_like(t) \
                and i + 1 < len(lines) and lines[i + 1].gap < 0.5 and lines[i + 1].x0 < ln.x0:
            return _title_end(lines, i, paged, cols)
        if paged and ln.page > 6:
            break
    return 0


def _title_end(lines: list[Line], first_body: int, paged: bool, cols: Columns | None) -> int:
    if paged and lines[first_body].page != lines[0].page:
        # whole pages before the page of the first line of the script
        body_page = lines[first_body].page
        return next((i for i, ln in enumerate(lines) if ln.page == body_page), 0)
    if cols is None:
        return first_body
    # a title above the script on its first page: the lines before the first paragraph
    # of action (lines of lower-case text at the action margin, wrapped: the script
    # has begun; a title and a byline stand alone)
    for k in range(first_body - 1):
        ln, nx = lines[k], lines[k + 1]
        if abs(ln.x0 - cols.action) <= 1.5 and any(c.islower() for c in ln.text) and len(ln.text) >= 25 \
                and nx.gap < 0.5 and abs(nx.x0 - ln.x0) <= 1.5 and nx.page == ln.page:
            return k
    return first_body


def label_lines(lines: list[Line], cols: Columns) -> list[Element]:
    """Label laid-out lines (furniture removed) as screenplay elements."""
    els: list[Element] = []
    n = len(lines)
    i = 0
    speaker: str | None = None  # the speaker of the open speech (None: no speech open)
    tol = 2.0

    def add(kind: str, text: str, ln: Line, **kw) -> Element:
        e = Element(kind, text.strip(), ln.where, **kw)
        els.append(e)
        return e

    def is_cue_at(k: int) -> str | None:
        return _cue_at(lines, k, cols, tol)

    for ln in lines:  # a scene number in the right margin only ("THE KITCHEN      12")
        last = ln.segs[-1]
        if len(ln.segs) == 2 and ln.number is None and last.x0 > cols.right + 1 and _NUMBER.match(last.text.strip()) \
                and abs(ln.x0 - cols.action) <= tol and ln.segs[0].text.upper() == ln.segs[0].text \
                and any(c.isalpha() for c in ln.segs[0].text):
            ln.number, ln.segs = last.text.strip().rstrip("."), ln.segs[:1]
    doc = _Places.of(lines, cols, tol)

    while i < n:
        ln = lines[i]
        t = ln.text.strip()
        # a new page: the same speaker's cue again at the top, the speech goes on
        new_page = i > 0 and (ln.page != lines[i - 1].page or ln.after_more)
        if new_page and speaker is not None and els and els[-1].kind in ("dialogue", "parenthetical"):
            name = is_cue_at(i)
            if name is not None and name.upper() == speaker.upper() and (ln.more or _CONTD.search(t)
                                                                          or _mid_sentence(els[-1].text, lines[i + 1])):
                # after a (MORE), as NAME (CONT'D), or in the middle of a sentence: the same
                # speech (the same name again after a full sentence is a new speech)
                i = _speech(lines, i + 1, cols, els, add, tol, continuing=True)
                continue
            at_speech = abs(ln.x0 - cols.dialogue) <= tol or t.startswith("(") and \
                cols.dialogue - tol <= ln.x0 < (cols.cue if not cols.cue_centred else cols.centre) + 3
            if name is None and len(ln.segs) == 1 and at_speech and not is_heading(t) and ln.x1 < cols.right + 2:
                # a word processor breaks a speech without (MORE) or a cue: the next page
                # starts at the dialogue column (or with a parenthetical)
                i = _speech(lines, i, cols, els, add, tol, continuing=True)
                continue
        speaker = None
        # dual dialogue: two cues on one line
        if len(ln.segs) == 2 and cue_like(ln.segs[0].text) and cue_like(ln.segs[1].text) \
                and i + 1 < n and lines[i + 1].gap < 0.5:
            i = _dual(lines, i, cols, els, add)
            continue
        if is_heading(t) and ln.x0 < cols.dialogue - tol:
            e = add("heading", t.lstrip("."), ln, number=ln.number)
            i = _heading_wraps(lines, i, e)
            continue
        if _other_heading(ln, lines[i - 1] if i else None, lines[i + 1] if i + 1 < n else None, cols, tol):
            # a numbered heading without INT./EXT., a place and a time of day, or a bold
            # one where headings are bold
            e = add("heading", t, ln, number=ln.number, forced=True)
            i = _heading_wraps(lines, i, e)
            continue
        if _place_line(lines, i, cols, tol, els[-1] if els else None, doc):
            # a bare place ("BACK IN THE APARTMENT", "THE KITCHEN", "LATER") that begins a scene
            e = add("heading", t, ln, number=ln.number, forced=True)
            i = _heading_wraps(lines, i, e)
            continue
        name = is_cue_at(i)
        if name is not None:
            e = add("character", t, ln, name=name, extension=cue_name(t)[1])
            speaker = e.name
            i = _speech(lines, i + 1, cols, els, add, tol)
            continue
        if _TRANSITION.search(t) and t.upper() == t and (ln.x0 > cols.cue + 2 or ln.x1 >= cols.right - 2
                                                          or t.endswith("TO:")) and not t.startswith("FADE IN"):
            add("transition", t, ln)
            i += 1
            continue
        if len(ln.segs) == 1 and ln.x0 > cols.action + 8 and abs((ln.x0 + ln.x1) / 2 - cols.centre) <= 2 \
                and (i + 1 >= n or lines[i + 1].gap > 0.5 or lines[i + 1].page != ln.page):
            add("centered", t, ln)
            i += 1
            continue
        # action: this line and the ones directly under it that are not something else
        e = add("action", t, ln)
        i += 1
        page = ln.page
        while i < n and (lines[i].gap < 0.5 and lines[i].page == page
                         or lines[i].page == page + 1 and lines[i - 1].page == page and _goes_on(e.text, lines[i])):
            page = lines[i].page
            nt = lines[i].text.strip()
            if is_heading(nt) or is_cue_at(i) or len(lines[i].segs) > 1 and lines[i].number:
                break
            if abs(lines[i].x0 - cols.action) > 3 and lines[i].x0 > cols.action:
                break
            e.text = _join(e.text, nt)
            i += 1
    for e, text in zip(els, dehyphenate([e.text for e in els])):
        e.text = text
    return els


def _goes_on(before: str, after: Line) -> bool:
    """A paragraph that a page break cut in the middle of a word or sentence (a word
    processor splits paragraphs across pages): the text before ends in a broken
    word ("San-" / "dra follows him.") or the text after starts in lower case."""
    end = before.rstrip()
    if end.upper() == end:
        return False  # a line of capitals ("A MAN'S SILHOUETTE" / "on the sheet"): a paragraph of its own
    return bool(re.search(r"[^\W\d_][-\x02]$", end)) or after.text[:1].islower() and not end.endswith(
        (".", "!", "?", ":", "…"))


def _mid_sentence(before: str, after: Line | str) -> bool:
    """The text before a page break stops in the middle of a sentence."""
    end = before.rstrip().rstrip("\x02")
    nxt = (after if isinstance(after, str) else after.text).lstrip("(\"“'")
    return not end.endswith((".", "!", "?", "…", "-", "—", ":", '"', "”", "'", "’", ")")) or nxt[:1].islower()


def _cue_at(lines: list[Line], k: int, cols: Columns, tol: float) -> str | None:
    """The speaker if line ``k`` is a cue: cue-like at the cue column with an
    indented line directly under it."""
    ln = lines[k]
    if len(ln.segs) != 1 or k + 1 >= len(lines):
        return None
    nx = lines[k + 1]
    if nx.gap > 0.5 and nx.page == ln.page:
        return None
    # off the cue column by a few characters (typed by hand, a text copy of a PDF):
    # still a cue over a line exactly at the dialogue column
    near = 6 if abs(nx.x0 - cols.dialogue) <= 1 and ln.x0 > cols.dialogue + 3 else 0
    if not cols.is_cue_column(ln.segs[0], max(near, tol + (2 if ln.bold else 0))):
        return None
    name = cue_like(ln.segs[0].text)
    if name is None:
        return None
    if abs(nx.x0 - cols.dialogue) > tol and not (nx.segs[0].text.startswith("(")
                                                   and cols.dialogue - tol <= nx.x0 < ln.x0 + 3):
        return None
    return name


def _heading_wraps(lines: list[Line], i: int, e: Element) -> int:
    """Join to the heading ``e`` (line ``i``) the lines its long text wrapped to;
    returns the next line's index. A wrapped line: capitals directly under it, at
    its margin or left of it (a typed line wraps to the page's margin, under the
    scene number); or, when a heading without its time of day ends a page, the
    capitals at its margin that begin the next."""
    ln = lines[i]
    i += 1
    while i < len(lines):
        nx = lines[i]
        t = nx.text.strip()
        if t.upper() != t or not any(c.isalpha() for c in t) or is_heading(t) or len(nx.segs) > 1:
            break
        under = nx.page == ln.page and nx.gap < 0.5 and ln.x0 - 8 <= nx.x0 <= ln.x0 + 1
        overleaf = nx.page == ln.page + 1 and lines[i - 1].page == ln.page and abs(nx.x0 - ln.x0) <= 1 \
            and not _TIME_OF_DAY.search(e.text) and _TIME_OF_DAY.search(t)
        if not (under or overleaf):
            break
        e.text = _join(e.text, t)
        e.number = e.number or nx.number
        i += 1
    return i


def _other_heading(ln: Line, prev: Line | None, nxt: Line | None, cols: Columns, tol: float) -> bool:
    t = ln.text.strip()
    if len(ln.segs) != 1 or ln.x0 >= cols.dialogue - tol or t.upper() != t or not any(c.isalpha() for c in t):
        return False
    if ln.number:
        return True
    alone = ln.gap > 0.5 or prev is None or prev.page != ln.page
    if not alone or abs(ln.x0 - cols.action) > tol:
        return False
    # a place and a time of day ("KITCHEN - CONTINUOUS", "JOE'S CAR -- NIGHT"), a
    # paragraph of its own: a heading without INT./EXT. (not a shot: "ANGLE ON ... - DAY")
    if (nxt is None or nxt.gap > 0.5 or nxt.page != ln.page) and slug_heading(t):
        return True
    # not a label ("SUBTITLE: TWO WEEKS LATER"), an exclamation, a word or two ("BLACK.")
    # or sentences ("MURKY IMAGES. NO DETAIL.") ending in a full stop
    sentence = t[-1] in "!?" or t.endswith(".") and (len(t.split()) <= 2 or ". " in t)
    return (ln.bold and cols.bold_headings and not _TRANSITION.search(t) and len(t) <= 60 and ":" not in t
            and not sentence)


# a shot, a camera move, a title or a sound: caps at the action margin that are not a place
_NOT_PLACE = re.compile(r"^(?:ON|BACK TO|BACK ON|WE|FLASH|PUSH|PULL|PAN|MOVE|MOVING|TRACK|DOLLY|CRANE|HOLD|FAVOR|"
                        r"FEATURING|OVER|THRU|THROUGH|REVEAL|MONTAGE|SERIES|END|BEGIN|SUPER|SUBTITLE|CHYRON|FREEZE|"
                        r"SLOW|SPLIT|FLASHBACK|BLACK|WHITE|SILENCE|TWO SHOT|ANOTHER|EXTREME|E\.?C\.?U|C\.?U|"
                        r"M\.?C\.?U|DISSOLVE|MATCH|SMASH|INTERCUT|OPENING|CREDITS|TITLES?|FADE|CUT|MORE|SOUND)\b"
                        r"|P\.\s?O\.\s?V|\bPOV\b|\bVIEW\b|\bSHOT\b|\bANGLE\b|\bCLOSE\b|\bINSERT\b|\bREVERSE\b|\bSCREEN\b")
# a cut between scenes (not a camera move "DOWN THE HALL TO:")
_CUT = re.compile(r"(?:\b(?:CUT|DISSOLVE|FADE|WIPE|IRIS)(?: BACK)? TO:?|INTERCUT(?: WITH)?:?|\bCUT:|FADE OUT[.:]?)$")
# going to or back to a place, or on in time
_MOVE_ON = re.compile(r"^(?:BACK (?:IN|AT|INSIDE|OUTSIDE|HOME|INTO)\b|(?:(?:MOMENTS|MINUTES|HOURS|DAYS|WEEKS|MONTHS|YEARS|"
                      r"A (?:LITTLE|BIT|FEW \w+)|MUCH|SOME TIME)\s+)?LATER\b|THE NEXT (?:DAY|MORNING|NIGHT|EVENING)\b|"
                      r"(?:THAT|THE SAME) (?:NIGHT|MORNING|EVENING|AFTERNOON|DAY)\b)")
_ARTICLE = re.compile(r"^(?:THE\s+)?")
# the last word of a place's name
_PLACE_WORD = re.compile(r"\b(?:ROOM|KITCHEN|BEDROOM|BATHROOM|HALL|HALLWAY|CORRIDOR|LOBBY|OFFICE|HOUSE|HOME|"
                         r"APARTMENT|FLAT|STUDIO|GARAGE|BASEMENT|ATTIC|CELLAR|PORCH|YARD|BACKYARD|GARDEN|STREET|ROAD|"
                         r"AVENUE|ALLEY|HIGHWAY|PARK|SQUARE|BAR|PUB|DINER|CAFE|CAFÉ|RESTAURANT|SHOP|STORE|CHURCH|SCHOOL|"
                         r"CLASSROOM|HOSPITAL|WARD|STATION|PRECINCT|AIRPORT|HOTEL|MOTEL|CABIN|BARN|FARM|FIELD|FOREST|"
                         r"WOODS|BEACH|SHORE|DOCK|PIER|HARBOR|HARBOUR|BRIDGE|ROOF|ROOFTOP|STAIRS|STAIRWELL|ELEVATOR|"
                         r"WAREHOUSE|FACTORY|LAB|LABORATORY|LIBRARY|MUSEUM|THEATER|THEATRE|CLUB|GYM|COURTROOM|CELL|"
                         r"PRISON|JAIL|CAMP|VILLAGE|TOWN|CITY|DOWNTOWN|MALL|PARKING LOT|OVERLOOK|CHAMBER|PALACE|CASTLE|"
                         r"TOWER|TEMPLE|CAVE|TUNNEL|DECK|BRIDGE|COCKPIT|CABIN|TENT|MOTEL ROOM|LOUNGE|STUDY|DEN|"
                         r"NURSERY|DORM|QUARTERS|HEADQUARTERS|BUILDING|CORNER|ENTRANCE|LANDING)$")


@dataclass
class _Places:
    """What a document says about its places: the places of its INT./EXT. headings
    (each part of their names, without the time of day), and its speakers."""

    places: set
    names: set

    @classmethod
    def of(cls, lines: list[Line], cols: Columns, tol: float) -> "_Places":
        names: set[str] = set()
        for k, ln in enumerate(lines):
            if len(ln.segs) == 1 and ln.x0 > cols.action + 4:
                name = _cue_at(lines, k, cols, tol)
                if name is not None:
                    names.add(name.upper())
        places = heading_places(ln.text for ln in lines)
        return cls(places, names)


def _place_line(lines: list[Line], i: int, cols: Columns, tol: float, prev: Element | None, doc: _Places) -> bool:
    """:func:`bare_heading` for line ``i`` of a layout: one piece alone at the action
    margin (a blank line above and below), not the name of a speaker of the
    document ("DAVID" / "squints at her")."""
    ln = lines[i]
    t = ln.text.strip()
    if len(ln.segs) != 1 or abs(ln.x0 - cols.action) > tol or t.upper() != t:
        return False
    prev_line = lines[i - 1] if i else None
    if not (ln.gap > 0.5 or prev_line is None or prev_line.page != ln.page):
        return False
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if nxt is None or nxt.gap <= 0.5 and nxt.page == ln.page:
        return False  # capitals over text: a paragraph, or a name over its speech
    if cue_name(t)[0].upper() in doc.names:
        return False
    cue_next = _cue_at(lines, i + 1, cols, tol) is not None
    return bare_heading(t, prev, nxt.text.strip(), cue_next=cue_next,
                        action_next=not cue_next and abs(nxt.x0 - cols.action) <= tol, places=doc.places)


def bare_heading(text: str, prev: Element | None, next_text: str, *, cue_next: bool, action_next: bool,
                 places: set[str] | frozenset = frozenset()) -> bool:
    """A scene heading that is a bare place or a move on in time, not INT./EXT.
    (``BACK IN THE APARTMENT``, ``NAK'S BEDROOM``, ``LATER``), given the element
    before it, the text after it (a cue's, when ``cue_next``; action at the
    action margin, when ``action_next``) and the places of the document's
    INT./EXT. headings.

    Capitals, not a shot, a sound, a title or a sentence, followed by a new
    sentence or a cue, with evidence that a scene begins there: it comes right
    after a cut (``CUT TO:``); or, after a finished sentence, it goes back to a
    place or on in time (``BACK AT THE HOUSE``, ``LATER``), or names a place of
    the INT./EXT. headings (``THE KITCHEN`` where ``INT. KITCHEN - DAY`` is one)
    with action after it. A caps line that the next line goes on from ("A
    SPINNING PINWHEEL" / "held by a boy") is a shot inside the scene; so is a
    bare place without such evidence ("AT THE CAR"): scripts print those inside
    scenes as often as at their start.

    >>> cut = Element("transition", "CUT TO:", 1)
    >>> bare_heading("THE KITCHEN", cut, "Ann cooks.", cue_next=False, action_next=True)
    True
    >>> bare_heading("ANGLE ON THE DOOR", cut, "It opens.", cue_next=False, action_next=True)
    False
    """
    t = text.strip()
    if not t or t.upper() != t or len(t) > 60 or not any(c.isalpha() for c in t) or ":" in t:
        return False
    if _TRANSITION.search(t) or _NOT_PLACE.search(t) or is_heading(t):
        return False
    if t[-1] in "!?" or t.endswith(".") and (len(t.split()) <= 2 or ". " in t) or t.startswith(("(", "-", "\"", "'")):
        return False
    if prev is None or prev.kind == "heading":
        return False  # a heading's first line: a detail of its place
    if not (cue_next or next_text[:1].isupper()):
        return False  # the next line goes on from it: a shot
    if prev.kind in ("transition", "action") and _CUT.search(prev.text.strip().upper()):
        return True  # right after a cut
    if prev.kind in ("action", "dialogue") and _mid_sentence(prev.text, t):
        return False  # "He turns and is faced with" / "A LAND ROVER ..."
    if _MOVE_ON.match(t):
        return True
    place = t.rstrip(".,").strip()
    return action_next and _ARTICLE.sub("", place) in places and bool(_PLACE_WORD.search(place))


def heading_places(texts) -> set[str]:
    """The places named by the INT./EXT. headings among ``texts``: each part of a
    heading's place without INT./EXT., the time of day and a leading ``THE``
    (``INT. JOE'S HOUSE - KITCHEN - NIGHT`` -> ``JOE'S HOUSE``, ``KITCHEN``)."""
    places: set[str] = set()
    for t in texts:
        t = t.strip()
        if not is_heading(t):
            continue
        rest = _HEADING.sub("", t.lstrip(".* "), count=1).strip(" .:/-")
        m = _TIME_OF_DAY.search(rest)
        rest = rest[:m.start()] if m else rest
        for part in re.split(r"\s+[-–—]+\s+|\s*,\s*|\s*/\s*|--", rest):
            part = _ARTICLE.sub("", part.strip(" .")).strip()
            if len(part) >= 3:
                places.add(part.upper())
    return places


def slug_heading(text: str) -> bool:
    """A scene heading without INT./EXT.: capitals naming a place and ending in a
    time of day (``KITCHEN - CONTINUOUS``, ``JOE'S CAR -- NIGHT``, ``THE ROOF (DAWN)``),
    not a shot (``ANGLE ON THE DOOR - DAY``) and not a sentence.

    >>> slug_heading("BACK IN THE KITCHEN - MOMENTS LATER"), slug_heading("CLOSE ON HIS HAND - NIGHT")
    (True, False)
    """
    t = text.strip()
    if not t or len(t) > 80 or t.upper() != t or _SHOT.search(t) or ":" in t or is_heading(t):
        return False
    m = _TIME_OF_DAY.search(t)
    return m is not None and any(c.isalpha() for c in t[:m.start()])


def _speech(lines, i, cols: Columns, els, add, tol, continuing=False) -> int:
    """Dialogue and parentheticals from line ``i`` until a blank line or a line
    left of the dialogue column; returns the next line's index."""
    n = len(lines)
    first = True
    paren: Element | None = None
    while i < n:
        ln = lines[i]
        if not first and ln.page != lines[i - 1].page:
            break
        if not first and ln.gap > 0.5:
            # a blank line ends the speech, unless the text goes on at the dialogue column
            # (double-spaced dialogue of multi-camera scripts, a blank line inside a speech)
            if ln.gap > 1.5 or abs(ln.x0 - cols.dialogue) > 1 or len(ln.segs) > 1 or not els \
                    or els[-1].kind != "dialogue":
                break
        if ln.x0 < cols.dialogue - tol or (ln.x0 > cols.cue + 6 and not cols.cue_centred):
            break
        if len(ln.segs) > 1 and not first and ln.segs[1].x0 - ln.segs[0].x1 > 8:
            break  # two columns side by side: not this speech
        if not first and _cue_at(lines, i, cols, tol) is not None:
            break  # the next speaker's cue without a blank line above it (text copies of PDFs)
        t = ln.text.strip()
        if paren is not None and not paren.text.endswith(")"):
            paren.text = _join(paren.text, t)
        elif t.startswith("("):
            paren = add("parenthetical", t, ln)
        else:
            paren = None
            last = els[-1] if els else None
            if last is not None and last.kind == "dialogue" and (not first or continuing):
                last.text = _join(last.text, t)
            else:
                add("dialogue", t, ln)
        first = False
        i += 1
    return i


def _dual(lines, i, cols: Columns, els, add) -> int:
    """Two speeches side by side from line ``i`` (two cues on one line)."""
    ln = lines[i]
    left_cue, right_cue = ln.segs
    block = [ln]
    j = i + 1
    while j < len(lines) and lines[j].gap < 0.5 and lines[j].page == ln.page:
        block.append(lines[j])
        j += 1
    # the two columns: split where the x0 of the block's pieces jump the most
    xs = sorted({round(s.x0, 1) for b in block[1:] for s in b.segs})
    split = (left_cue.x1 + right_cue.x0) / 2
    if len(xs) >= 2:
        gaps = [(xs[k + 1] - xs[k], k) for k in range(len(xs) - 1)]
        g, k = max(gaps)
        if g > 4:
            split = (xs[k] + xs[k + 1]) / 2
    cols_text: list[list[tuple[Line, str]]] = [[], []]
    for b in block[1:]:
        for s in b.segs:
            cols_text[0 if s.x0 < split else 1].append((b, s.text.strip()))
    for side, cue in enumerate((left_cue, right_cue)):
        name = cue_like(cue.text) or cue.text
        add("character", cue.text.strip(), ln, name=name, extension=cue_name(cue.text)[1], dual=side == 1)
        paren = None
        for b, t in cols_text[side]:
            if paren is not None and not paren.text.endswith(")"):
                paren.text = _join(paren.text, t)
            elif t.startswith("("):
                paren = add("parenthetical", t, b)
            else:
                paren = None
                if els[-1].kind == "dialogue":
                    els[-1].text = _join(els[-1].text, t)
                else:
                    add("dialogue", t, b)
    return j
