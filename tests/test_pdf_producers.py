"""Screenplay PDFs made by other programs than ReportLab read as their Fountain does.

Chromium printing HTML (Skia's text layer, a proportional font, its own running
header and footer), LibreOffice converting a typed text and a Word document
(fonts without ascent or descent, speeches broken across pages without
``(MORE)``), afterwriting (PDFKit) when it is installed: each renders the
public-domain fixture and corpus scripts at test time into ``tmp_path``
(tests/pdf_producers.py); a producer that is not installed skips with the reason.
The checks are the issue's round trip: the scenes the page shows, every speaking
character, cues within 2 %, speeches given to the right speaker for >= 98 %.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from timeline.export.fountain import fountain_text
from timeline.formats.fountain import parse_fountain
from timeline.formats.pdf import parse_pdf
from timeline.formats.screenplay import script_counts

from .conftest import corpus_path
from .pdf_maker import assert_round_trip, round_trip
from .pdf_producers import PRODUCERS, SHOWN_HEADINGS, make_pdf, missing, screenplay_docx, screenplay_html

FIXTURE = Path(__file__).parent / "fixtures" / "fountain" / "cyber_bob_ep00001.fountain"

# (producer, script): the fixture with each producer, two corpus scripts with the
# producers whose layout differs most from ReportLab's
CASES = [(p, "cyber_bob_ep00001") for p in PRODUCERS] + [(p, "stress") for p in PRODUCERS] + [
    ("chromium-courier", "big_fish"),
    ("chromium-proportional", "the_last_birthday_card"),
    ("chromium-proportional", "brick_and_steel"),
    ("chromium-pre", "charade"),
    ("libreoffice-text", "big_fish"),
    ("libreoffice-text", "the_last_birthday_card"),
    ("libreoffice-docx", "big_fish"),
    ("afterwriting", "brick_and_steel"),
]



# What programs lay out differently, in one short script of our own: a heading that
# wraps, headings without INT./EXT. (a place and a time of day), scene numbers with
# letters, extensions, (CONT'D), dual dialogue, transitions, centred text, a speech
# that wraps over many lines; repeated to run over many pages.
STRESS = """\
Title: The Long Night
Author: A. Tester
Draft date: 3/14/2025

FADE IN:

EXT. HARBOUR ROAD, A VERY LONG STRETCH OF COASTAL HIGHWAY NEAR THE OLD LIGHTHOUSE AND THE CANNERY - NIGHT #1#

Rain hammers the road. A van idles with its lights off.

MARA (V.O.)
I told myself it would be the last job.

.MARA'S KITCHEN - CONTINUOUS #2#

Mara, 40s, pours coffee that has gone cold hours ago.

MARA
(to herself)
Again.
(beat)
And again.

DEV (O.S.)
You up?

MARA
Always.

BRIGHTON ^
Always?

CUT TO:

INT. WAREHOUSE - LATER #3#

DEV
We go at midnight. Nobody talks to the guards, nobody touches the crates, nobody so much as looks at the foreman, and if anything goes wrong we walk away and we meet at the diner on Ninth, the one with the broken sign that says EAT in red letters.

MARA
And if it doesn't go wrong?

DEV (CONT'D)
Then we are rich and we never see each other again.

> INTERMISSION <

.BACK AT THE HARBOUR - DAWN #3A#

The van is gone. Only tyre marks remain.

O'MALLEY
Who was here?

MCKENZIE
Nobody.


DISSOLVE TO:

EXT. DINER ON NINTH - DAY #4#

The broken sign flickers: EAT.

DEV
(whispering)
Told you.

MARA
You did.

SMASH CUT TO:

INT. POLICE STATION - INTERROGATION ROOM - NIGHT #5#

DETECTIVE RUIZ
Start at the beginning.

MARA
It was raining.

FADE OUT.
"""


def _stress() -> str:
    body = STRESS.split("FADE IN:")[1]
    return STRESS + "\n".join([body] * 6)


def _source(name: str) -> str:
    if name == "stress":
        return _stress()
    if name == "cyber_bob_ep00001":
        return FIXTURE.read_text(encoding="utf-8-sig")
    return corpus_path("fountain", "screenplays", f"{name}.fountain").read_text(encoding="utf-8-sig")


# a feature-length script through a program takes a few seconds: marked slow
PARAMS = [pytest.param(p, n, id=f"{p}-{n}", marks=[pytest.mark.slow] if n in ("big_fish", "charade") else [])
          for p, n in CASES]


@pytest.mark.parametrize("producer,name", PARAMS)
def test_producer_round_trip(producer, name, tmp_path):
    reason = missing(producer)
    if reason:
        pytest.skip(reason)
    text = _source(name)
    pdf = make_pdf(producer, text, tmp_path / f"{name}.pdf")
    els, title, info = parse_pdf(pdf.read_bytes(), str(pdf))
    assert_round_trip(round_trip(parse_fountain(text), els, forced_headings=producer in SHOWN_HEADINGS))
    if producer not in ("libreoffice-text", "chromium-pre"):  # a typed text has no title page
        assert title and title.split()[0].upper() in {"BOB", "BIG", "THE", "BRICK"}
    if name == "stress":  # every heading, the wrapped one whole, and the scene numbers
        heads = [e for e in els if e.kind == "heading"]
        assert heads[0].text.endswith("THE CANNERY - NIGHT") and heads[1].text == "MARA'S KITCHEN - CONTINUOUS"
        typed = ["1", "2", "3", "4", "5"]  # typed: counted, at both ends
        numbers = {"chromium-courier": ["1", "2", "3", "3A", "4"],  # the script's own, in both margins
                   "libreoffice-text": typed, "chromium-pre": typed}
        if producer in numbers:
            assert [h.number for h in heads[:5]] == numbers[producer]
        if producer in ("chromium-courier", "chromium-proportional", "afterwriting"):  # side by side
            assert sum(e.dual for e in els) == 7
        # written back as Fountain ("melted"), it reads the same
        again = parse_fountain(fountain_text(els, title=title))
        assert script_counts(again) == script_counts(els)
        assert [e.text for e in again if e.kind == "heading"] == [e.text for e in heads]
    words = " ".join(e.text for e in els)
    if producer in ("chromium-proportional", "chromium-pre"):  # Chromium's header and footer: date, URL, "n/N"
        assert "file://" not in words and info["furniture"].counts["running header or footer"] >= info["pages"] - 2
    if producer == "libreoffice-docx":  # the Word header: title, draft date, page number
        assert "Revised draft" not in words
        assert info["furniture"].counts["running header or footer"] >= info["pages"] - 2


def test_stress_script_with_reportlab(tmp_path):
    """The same script through ReportLab with scene numbers in both margins."""
    from .pdf_maker import Layout, render_pdf

    text = _stress()
    pdf = tmp_path / "stress.pdf"
    render_pdf(text, pdf, Layout(scene_numbers=True, header="BLUE REVISION"))
    els, _, _ = parse_pdf(pdf.read_bytes(), str(pdf))
    assert_round_trip(round_trip(parse_fountain(text), els, forced_headings=True))
    assert [e.number for e in els if e.kind == "heading"][:6] == ["1", "2", "3", "3A", "4", "5"]


def test_word_processor_page_breaks_keep_the_speech(tmp_path):
    """A long speech that a word processor breaks across pages (no (MORE), no cue
    overleaf) stays one speech of one speaker."""
    if missing("libreoffice-docx"):
        pytest.skip(missing("libreoffice-docx"))
    long = " ".join(f"word{k}" for k in range(300))
    text = "Title: Breaks\n\nINT. ROOM - DAY\n\n" + "A line of action.\n\n" * 36 + f"BOB\n{long}\n\nALICE\nYes.\n"
    pdf = make_pdf("libreoffice-docx", text, tmp_path / "breaks.pdf")
    els, _, info = parse_pdf(pdf.read_bytes(), str(pdf))
    assert info["pages"] >= 3
    assert [e.name for e in els if e.kind == "character"] == ["BOB", "ALICE"]
    bob = next(e for e in els if e.kind == "dialogue")
    assert bob.text.startswith("word0 ") and bob.text.endswith(" word299")


def test_generators_write_what_the_programs_read():
    """The HTML and the .docx themselves (no program needed): every cue and heading is there."""
    text = FIXTURE.read_text(encoding="utf-8-sig")
    els = parse_fountain(text)
    page = screenplay_html(text)
    assert page.count('class="cue"') == sum(e.kind == "character" for e in els)
    assert page.count('class="scene"') == sum(e.kind == "heading" for e in els)
    assert "<b>" in page and "**" not in page  # Fountain emphasis as HTML


def test_docx_is_a_word_document(tmp_path):
    path = screenplay_docx(FIXTURE.read_text(encoding="utf-8-sig"), tmp_path / "s.docx")
    with zipfile.ZipFile(path) as z:
        doc = z.read("word/document.xml").decode()
        assert "word/header1.xml" in z.namelist()
    assert doc.count("<w:p>") > 100 and 'w:left="3168"' in doc  # cues indented 2.2 in from the margin
