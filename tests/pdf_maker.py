"""Render Fountain screenplays to PDF (and to typed plain text) for the reader tests.

:func:`render_pdf` lays out the elements of :func:`timeline.formats.fountain.parse_fountain`
the way screenwriting programs do, with every choice a program makes given as a
:class:`Layout` option: page size, the action, cue, parenthetical and dialogue
columns (or centred cues), scene numbers at both ends of headings, a running
header with the page number, ``(MORE)`` and ``NAME (CONT'D)`` where a speech
breaks across pages, ``CONTINUED:``/``(CONTINUED)``, revision marks in the right
margin, bold headings, a title page. Renderings of copyrighted corpus scripts
are only ever written to a test's temporary folder.

Needs reportlab (the ``test`` extra).
"""

from __future__ import annotations

import difflib
import random
import re
from dataclasses import dataclass, field

from timeline.formats.fountain import parse_fountain
from timeline.formats.layout_lines import bare_heading, heading_places, is_heading, slug_heading
from timeline.formats.screenplay import name_key

INCH = 72.0
LETTER = (612.0, 792.0)
A4 = (595.28, 841.89)


@dataclass
class Layout:
    """Where a program puts things (points from the left edge, unless noted)."""

    page: tuple[float, float] = LETTER
    action: float = 1.5 * INCH
    cue: float = 3.7 * INCH
    paren: float = 3.1 * INCH
    dialogue: float = 2.5 * INCH
    action_chars: int = 61
    dialogue_chars: int = 35
    paren_chars: int = 25
    centred_cues: bool = False
    font: str = "Courier"  # a proportional font (Times-Roman, Helvetica) for scripts typed in Word
    font_size: float = 12.0
    line: float = 12.0
    top: float = 1.0 * INCH
    bottom: float = 1.0 * INCH
    scene_numbers: bool = False
    numbers_right_only: bool = False  # scene numbers in the right margin only
    header: str | None = None  # running header text; the page number goes to the top right
    more: bool = True  # (MORE) / NAME (CONT'D) when a speech breaks across pages
    continued: bool = False  # (CONTINUED) at the foot, CONTINUED: at the head of the next page
    revisions: float = 0.0  # share of lines with a revision mark '*' in the right margin
    bold_headings: bool = False
    underline_headings: bool = False
    watermark: str | None = None  # drawn diagonally across every page
    watermark_size: float = 60.0
    title_page: bool = True
    seed: int = 1
    hyphenate: bool = False  # break words at a line's end with a hyphen (a word processor's hyphenation)


@dataclass
class _Printed:
    x: float
    text: str
    bold: bool = False
    underline: bool = False
    right: bool = False  # x is the right edge
    mark: bool = False


@dataclass
class _Block:
    """Lines that go together: a blank line before, kept on one page unless a speech."""

    kind: str
    lines: list[list[_Printed]] = field(default_factory=list)
    speaker: str = ""
    cue_width: int = 0
    number: str = ""  # a heading's scene number


def _wrap(text: str, width: int, hyphenate: bool = False) -> list[str]:
    """Lines of at most ``width`` characters. With ``hyphenate``, as a word
    processor with hyphenation on: a word that does not fit is broken with a
    hyphen at the line's end ("hun-" "dred"), a compound at its own hyphen
    ("self-" "esteem") when its first part fits."""
    out: list[str] = []
    for para in text.split("\n"):
        words = para.split()
        cur = ""
        for w in words:
            if cur and len(cur) + 1 + len(w) > width:
                room = width - len(cur) - 1
                joints = [k + 1 for k in range(1, min(len(w) - 1, room)) if w[k] == "-"
                          and w[k - 1].isalpha() and w[k + 1].isalpha()]
                if hyphenate and joints:
                    cut = joints[-1]
                    out.append(f"{cur} {w[:cut]}")
                    w = w[cut:]
                elif hyphenate and w.isalpha() and len(w) >= 6 and room - 1 >= 3:
                    cut = min(room - 1, len(w) - 3)
                    out.append(f"{cur} {w[:cut]}-")
                    w = w[cut:]
                else:
                    out.append(cur)
                cur = w
            else:
                cur = f"{cur} {w}" if cur else w
        out.append(cur)
    return out


def _blocks(elements, lay: Layout) -> list[_Block]:
    cw = lay.font_size * 0.6
    page_w = lay.page[0]
    right = lay.action + lay.action_chars * cw
    blocks: list[_Block] = []
    n_scene = 0
    i = 0
    els = [e for e in elements if e.kind not in ("title", "note", "section", "synopsis", "page_break")]

    def cue_x(text: str) -> float:
        if lay.centred_cues:
            return (lay.dialogue + lay.dialogue_chars * cw / 2) - _width(text, lay) / 2
        return lay.cue

    while i < len(els):
        e = els[i]
        if e.kind == "heading":
            n_scene += 1
            b = _Block("heading", number=e.number or str(n_scene))
            for k, t in enumerate(_wrap(e.text.upper(), lay.action_chars)):
                row = [_Printed(lay.action, t, bold=lay.bold_headings, underline=lay.underline_headings)]
                if lay.scene_numbers and k == 0:
                    num = e.number or str(n_scene)
                    if not lay.numbers_right_only:
                        row.insert(0, _Printed(lay.action - 0.75 * INCH, num))
                    row.append(_Printed(right + 0.5 * INCH, num))
                b.lines.append(row)
            blocks.append(b)
        elif e.kind == "character":
            # a speech (and, for dual dialogue, the second speech beside it)
            speech = [e]
            j = i + 1
            while j < len(els) and els[j].kind in ("dialogue", "parenthetical", "lyrics"):
                speech.append(els[j])
                j += 1
            if j < len(els) and els[j].kind == "character" and els[j].dual:
                second = [els[j]]
                k = j + 1
                while k < len(els) and els[k].kind in ("dialogue", "parenthetical", "lyrics"):
                    second.append(els[k])
                    k += 1
                blocks.append(_dual_block(speech, second, lay))
                i = k
                continue
            b = _Block("speech", speaker=e.text.strip())
            b.lines.append([_Printed(cue_x(e.text.strip()), e.text.strip())])
            for d in speech[1:]:
                if d.kind == "parenthetical":
                    for t in _wrap(d.text, lay.paren_chars, lay.hyphenate):
                        b.lines.append([_Printed(lay.paren, t)])
                else:
                    for t in _wrap(d.text, lay.dialogue_chars, lay.hyphenate):
                        if t:
                            b.lines.append([_Printed(lay.dialogue, t)])
            blocks.append(b)
            i = j
            continue
        elif e.kind == "transition":
            blocks.append(_Block("transition", [[_Printed(right, e.text.strip(), right=True)]]))
        elif e.kind == "centered":
            b = _Block("centered")
            for t in _wrap(e.text, lay.action_chars):
                b.lines.append([_Printed((lay.action + right) / 2 - _width(t, lay) / 2, t)])
            blocks.append(b)
        elif e.kind in ("action", "lyrics", "dialogue", "parenthetical"):
            b = _Block("action")
            for t in _wrap(e.text, lay.action_chars, lay.hyphenate):
                b.lines.append([_Printed(lay.action, t)] if t else [])
            while b.lines and not b.lines[-1]:
                b.lines.pop()
            if b.lines:
                blocks.append(b)
        i += 1
    del page_w
    return blocks


def _dual_block(first, second, lay: Layout) -> _Block:
    cw = lay.font_size * 0.6
    half = (lay.action_chars * cw) / 2
    cols = []
    for side, speech in enumerate((first, second)):
        x = lay.action + side * half
        rows = [_Printed(x + 8 * cw, speech[0].text.strip().rstrip("^").strip())]
        out = [rows]
        for d in speech[1:]:
            width = lay.paren_chars - 6 if d.kind == "parenthetical" else lay.dialogue_chars - 8
            for t in _wrap(d.text, max(10, width)):
                if t:
                    out.append([_Printed(x + (3 * cw if d.kind == "parenthetical" else 0), t)])
        cols.append(out)
    b = _Block("dual")
    for k in range(max(len(c) for c in cols)):
        row = []
        for c in cols:
            if k < len(c):
                row.extend(c[k])
        b.lines.append(row)
    return b


def _width(text: str, lay: Layout) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, lay.font, lay.font_size)


def _bold(font: str) -> str:
    return {"Times-Roman": "Times-Bold"}.get(font, font + "-Bold")


def render_pdf(fountain_text: str, path, layout: Layout | None = None) -> dict:
    """Write ``fountain_text`` as a screenplay PDF at ``path``; returns facts
    about the rendering (pages, speeches broken across pages)."""
    from reportlab.pdfgen import canvas

    lay = layout or Layout()
    elements = parse_fountain(fountain_text)
    rng = random.Random(lay.seed)
    cw = lay.font_size * 0.6
    right = lay.action + lay.action_chars * cw
    c = canvas.Canvas(str(path), pagesize=lay.page)
    c.setTitle("test script")
    pw, ph = lay.page
    facts = {"pages": 0, "broken_speeches": 0}
    lines_per_page = int((ph - lay.top - lay.bottom) // lay.line)
    head_y = max(ph - 0.5 * INCH, ph - lay.top + 2 * lay.line)  # the running header, above the text

    def draw(row: list[_Printed], y: float) -> None:
        for p in row:
            c.setFont(_bold(lay.font) if p.bold else lay.font, lay.font_size)
            if p.right:
                c.drawRightString(p.x, y, p.text)
            else:
                c.drawString(p.x, y, p.text)
            if p.underline:
                c.setLineWidth(0.6)
                c.line(p.x, y - 1.8, p.x + _width(p.text, lay), y - 1.8)
        if row and lay.revisions and rng.random() < lay.revisions:
            c.setFont(lay.font, lay.font_size)
            c.drawString(right + 0.25 * INCH + 4 * cw, y, "*")

    page_no = 0

    def new_page(first: bool = False) -> None:
        nonlocal page_no
        if not first:
            c.showPage()
        page_no += 1
        facts["pages"] += 1
        if lay.watermark:
            c.saveState()
            c.setFont(lay.font, lay.watermark_size)
            c.setFillGray(0.85)
            c.translate(pw / 2, ph / 2)
            c.rotate(35)
            c.drawCentredString(0, 0, lay.watermark)
            c.restoreState()
        c.setFont(lay.font, lay.font_size)
        if page_no > 1 or not lay.title_page:
            if lay.header:
                c.drawString(lay.action, head_y, lay.header)
            if page_no > 1:
                c.drawRightString(right + 0.5 * INCH, head_y, f"{page_no - (1 if lay.title_page else 0)}.")

    title = next((e.text for e in elements if e.kind == "title" and (e.key or "").lower() == "title"), None)
    new_page(first=True)
    if lay.title_page:
        y = ph - 3.5 * INCH
        for t in (title or "UNTITLED").split("\n"):
            t = t.strip().strip("*_")
            c.drawCentredString(pw / 2, y, t)
            y -= lay.line
        c.drawCentredString(pw / 2, y - 2 * lay.line, "written by")
        c.drawCentredString(pw / 2, y - 4 * lay.line, "A. Writer")
        new_page()
    used = 0  # lines used on this page
    top_y = ph - lay.top
    if lay.continued and page_no > 1:
        pass
    scene_no = ""

    def continued_row() -> list[_Printed]:
        """CONTINUED: at the top of a page, with the scene's number at both ends when headings have them."""
        row = [_Printed(lay.action, "CONTINUED:")]
        if lay.scene_numbers and scene_no:
            row = [_Printed(lay.action - 0.75 * INCH, scene_no), *row, _Printed(right + 0.5 * INCH, scene_no)]
        return row

    for b in _blocks(elements, lay):
        if b.kind == "heading":
            scene_no = b.number
        need = len(b.lines) + (1 if used else 0)
        if used + need > lines_per_page:
            if b.kind == "speech" and lay.more and len(b.lines) >= 4 and lines_per_page - used - 1 >= 3:
                # break the speech: (MORE), then NAME (CONT'D) on the next page
                room = lines_per_page - used - 2  # blank line + (MORE)
                used += 1
                for row in b.lines[:room]:
                    draw(row, top_y - used * lay.line)
                    used += 1
                draw([_Printed(lay.cue, "(MORE)")], top_y - used * lay.line)
                if lay.continued:
                    c.drawRightString(right + 0.5 * INCH, lay.bottom - lay.line, "(CONTINUED)")
                new_page()
                used = 0
                if lay.continued:
                    draw(continued_row(), top_y)
                    used = 2
                cont = f"{b.speaker} (CONT'D)"
                x = b.lines[0][0].x
                if lay.centred_cues:
                    x = x + _width(b.speaker, lay) / 2 - _width(cont, lay) / 2
                draw([_Printed(x, cont)], top_y - used * lay.line)
                used += 1
                for row in b.lines[room:]:
                    draw(row, top_y - used * lay.line)
                    used += 1
                facts["broken_speeches"] += 1
                continue
            if lay.continued:
                c.drawRightString(right + 0.5 * INCH, lay.bottom - lay.line, "(CONTINUED)")
            new_page()
            used = 0
            if lay.continued:
                draw(continued_row(), top_y)
                used = 2
            need = len(b.lines)
        if used:
            used += 1
        for row in b.lines:
            draw(row, top_y - used * lay.line)
            used += 1
    c.showPage()
    c.save()
    return facts


def render_text(fountain_text: str, *, cue_col: int = 30, dialogue_col: int = 15, paren_col: int = 22,
                action_col: int = 5, scene_numbers: bool = True, tabs: bool = False, centred_cues: bool = False,
                hyphenate: bool = False) -> str:
    """The screenplay typed as plain text (spaces or tabs), as script archives keep them."""
    out: list[str] = []
    n = 0
    for e in parse_fountain(fountain_text):
        k = e.kind
        if k == "heading":
            n += 1
            head = " " * action_col + e.text.upper()
            if scene_numbers:
                num = str(n)
                head = num.ljust(action_col) + e.text.upper() + "    " + num
            out += ["", head]
        elif k == "character":
            name = e.text.strip().rstrip("^").strip()
            col = cue_col - len(name) // 2 if centred_cues else cue_col
            out += ["", " " * col + name]
        elif k == "parenthetical":
            out += [" " * paren_col + t for t in _wrap(e.text, 25, hyphenate)]
        elif k == "dialogue":
            out += [" " * dialogue_col + t for t in _wrap(e.text, 35, hyphenate) if t]
        elif k == "transition":
            out += ["", " " * 55 + e.text.strip()]
        elif k in ("action", "centered", "lyrics"):
            out.append("")
            out += [" " * action_col + t if t else "" for t in _wrap(e.text, 60, hyphenate)]
    text = "\n".join(out) + "\n"
    if tabs:
        text = "\n".join(_tabbed(ln) for ln in text.split("\n"))
    return text


def _tabbed(line: str) -> str:
    lead = len(line) - len(line.lstrip(" "))
    return "\t" * (lead // 8) + " " * (lead % 8) + line.lstrip(" ")


# ---- comparing a reading with the Fountain reading ---------------------------------------

_PAREN = re.compile(r"\([^)]*\)?")


def speeches(elements) -> list[tuple[str, str]]:
    """(speaker, the start of what they say) of every speech, parentheticals left out."""
    out: list[list[str]] = []
    cur = None
    for e in elements:
        if e.kind == "character":
            cur = [name_key(e.name), ""]
            out.append(cur)
        elif e.kind == "dialogue" and cur is not None:
            cur[1] += " " + e.text
        elif e.kind != "parenthetical":
            cur = None
    # emphasis markers (*, _) are Fountain's, not the page's
    return [(s, " ".join(_PAREN.sub(" ", d).replace("*", "").replace("_", "").split())[:40].lower())
            for s, d in out]


def reader_headings(elements, *, forced: bool) -> int:
    """Scene headings as the PDF shows them: with INT./EXT., or a place and a time of
    day (``KITCHEN - NIGHT``), or a forced Fountain heading that a reader can tell
    from a shot (:func:`~timeline.formats.layout_lines.bare_heading`: after a cut,
    ``BACK IN THE APARTMENT``, ``LATER``); another forced heading such as
    ``.THE FINGER`` (over "clicks off the speakerphone.") prints like action
    unless headings are bold."""
    def shows(text: str) -> bool:
        return is_heading(text) or slug_heading(text)

    els = [e for e in elements if e.kind not in ("title", "note", "section", "synopsis", "page_break", "boneyard")]
    places = heading_places(e.text for e in els if e.kind == "heading")
    names = {name_key(e.name) for e in els if e.kind == "character"}
    n = 0
    for k, e in enumerate(els):
        if e.kind == "heading" and (forced or shows(e.text)):
            n += 1
        elif e.kind == "heading" and name_key(e.text) not in names and k + 1 < len(els):
            nxt = els[k + 1]
            n += bare_heading(e.text, els[k - 1] if k else None, nxt.text, cue_next=nxt.kind == "character",
                              action_next=nxt.kind == "action", places=places)
        elif e.kind == "action" and "\n" not in e.text and shows(e.text) and e.text.upper() == e.text:
            n += 1
    return n


def round_trip(fountain_els, pdf_els, *, forced_headings: bool = False) -> dict:
    fs, ps = speeches(fountain_els), speeches(pdf_els)
    sm = difflib.SequenceMatcher(None, [d for _, d in fs], [d for _, d in ps], autojunk=False)
    right = sum(1 for a, b, n in sm.get_matching_blocks() for k in range(n) if fs[a + k][0] == ps[b + k][0])
    return {
        "headings": (reader_headings(fountain_els, forced=forced_headings),
                     sum(1 for e in pdf_els if e.kind == "heading")),
        "cues": (len(fs), len(ps)),
        "missing": {s for s, _ in fs} - {s for s, _ in ps},
        "right": right / max(1, len(fs)),
    }


def assert_round_trip(r: dict) -> None:
    assert r["headings"][1] == r["headings"][0], r
    assert not r["missing"], r
    assert abs(r["cues"][1] - r["cues"][0]) <= 0.02 * r["cues"][0], r
    assert r["right"] >= 0.98, r


_HYPHENED = re.compile(r"[^\W\d_]-(?:[^\W\d_]|$)")


def _plain_words(elements) -> list[str]:
    return [w for e in elements if e.kind in ("action", "dialogue") for w in re.sub(r"[*_]", "", e.text).split()]


def hyphen_errors(fountain_text: str, elements) -> list[tuple[list[str], list[str]]]:
    """The words of action and dialogue, around a hyphen, that a reading gives otherwise
    than the Fountain reading (a broken word left broken, a compound joined)."""
    fw, pw = _plain_words(parse_fountain(fountain_text)), _plain_words(elements)
    sm = difflib.SequenceMatcher(None, fw, pw, autojunk=False)
    return [(fw[a1:a2], pw[b1:b2]) for op, a1, a2, b1, b2 in sm.get_opcodes()
            if op != "equal" and any(_HYPHENED.search(w) for w in pw[b1:b2] + fw[a1:a2])]


def line_end_breaks(lines: list[str]) -> int:
    """Lines that end in a hyphen after a letter (words broken or compounds wrapped)."""
    return sum(1 for ln in lines if re.search(r"[^\W\d_][-\x02]$", ln.rstrip()))
