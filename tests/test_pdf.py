"""The screenplay PDF reader: round trips against the Fountain reading, corpus PDFs, clear refusals.

Generated PDFs are rendered at test time (tests/pdf_maker.py, reportlab) from corpus
Fountain files into ``tmp_path`` and never kept. The round-trip checks are the
issue's: scene count equal to the Fountain reading, every speaking character found,
cues within 2 %, dialogue attributed to the right speaker for >= 98 % of speeches.
"""

from __future__ import annotations

import pytest

from timeline.errors import StoryFormatError
from timeline.formats import load_story
from timeline.formats.fountain import parse_fountain
from timeline.formats.pdf import parse_pdf
from timeline.formats.screenplay import script_counts

from .conftest import corpus_path

reportlab = pytest.importorskip("reportlab", reason="the PDF generator needs reportlab (the test extra)")

from .pdf_maker import A4, INCH, Layout, assert_round_trip, render_pdf, round_trip, speeches  # noqa: E402

LAYOUTS = {
    "letter": Layout(),
    "a4-numbers-revisions": Layout(page=A4, scene_numbers=True, header="BLUE REVISION 1/2/24", revisions=0.05,
                                   continued=True, seed=3),
    "centred-cues-bold-headings": Layout(centred_cues=True, cue=3.5 * INCH, action=1.25 * INCH, dialogue=2.25 * INCH,
                                         paren=2.8 * INCH, bold_headings=True),
    "wide-cue": Layout(cue=4.2 * INCH, dialogue=2.9 * INCH, paren=3.6 * INCH, header="The Script - Draft"),
    "a4-narrow": Layout(page=A4, action=1.0 * INCH, cue=3.0 * INCH, dialogue=2.0 * INCH, paren=2.5 * INCH, action_chars=58,
           dialogue_chars=33, more=False),
    # typed in a word processor: proportional fonts, other line spacing, small margins
    "times-centred-cues": Layout(font="Times-Roman", centred_cues=True, bold_headings=True),
    "helvetica-1.15-spacing": Layout(font="Helvetica", line=14),
    "watermarks": Layout(watermark="CONFIDENTIAL - DO NOT COPY", watermark_size=14, header="SHOOTING DRAFT"),
    "big-watermark": Layout(watermark="REVIEW COPY", watermark_size=90),
    "a4-small-margins": Layout(page=A4, top=0.5 * INCH, bottom=0.5 * INCH, header="Page header", scene_numbers=True),
}

CASES = [
    ("big_fish", "letter"),
    ("big_fish", "a4-numbers-revisions"),
    ("charade", "centred-cues-bold-headings"),
    ("charade", "wide-cue"),
    ("the_last_birthday_card", "centred-cues-bold-headings"),
    ("the_last_birthday_card", "a4-narrow"),
    ("brick_and_steel", "a4-numbers-revisions"),
    ("cyber_bob_ep00001", "letter"),
    ("big_fish", "times-centred-cues"),
    ("charade", "helvetica-1.15-spacing"),
    ("charade", "a4-small-margins"),
    ("the_last_birthday_card", "watermarks"),
    ("brick_and_steel", "big-watermark"),
]


@pytest.mark.parametrize("name,layout", CASES, ids=[f"{n}-{lay}" for n, lay in CASES])
def test_generated_pdf_round_trip(name, layout, tmp_path):
    text = corpus_path("fountain", "screenplays", f"{name}.fountain").read_text(encoding="utf-8-sig")
    lay = LAYOUTS[layout]
    pdf = tmp_path / f"{name}.pdf"
    facts = render_pdf(text, pdf, lay)
    els, title, info = parse_pdf(pdf.read_bytes(), str(pdf))
    # a heading without INT./EXT. shows as one when headings are bold or numbered
    assert_round_trip(round_trip(parse_fountain(text), els, forced_headings=lay.bold_headings or lay.scene_numbers))
    assert title and title.upper() != "UNTITLED"
    fur = info["furniture"].counts
    if lay.header:
        assert fur["running header or footer"] >= facts["pages"] - 2
    if lay.revisions:
        assert fur["revision mark"] > 0
    if lay.watermark:  # not a word of it in the script
        words = " ".join(e.text for e in els)
        assert "CONFIDENTIAL" not in words and "REVIEW" not in words
    if lay.more and facts["broken_speeches"]:
        assert fur["(MORE) and (CONTINUED)"] >= facts["broken_speeches"]


def test_a_broken_speech_stays_one_speech(tmp_path):
    """(MORE) at the foot, NAME (CONT'D) at the head of the next page: one speech, one cue."""
    long = " ".join(f"word{k}" for k in range(400))
    text = "INT. ROOM - DAY\n\n" + "Filler line of action.\n\n" * 20 + f"BOB\n{long}\n\nALICE\nYes.\n"
    pdf = tmp_path / "broken.pdf"
    facts = render_pdf(text, pdf, Layout(title_page=False))
    assert facts["broken_speeches"] == 1
    els, _, _ = parse_pdf(pdf.read_bytes(), str(pdf))
    assert [e.name for e in els if e.kind == "character"] == ["BOB", "ALICE"]
    bob = next(e for e in els if e.kind == "dialogue")
    assert bob.text.startswith("word0 ") and bob.text.endswith(" word399")
    assert "(MORE)" not in bob.text and "CONT'D" not in bob.text


def test_story_notes_carry_pages(tmp_path):
    text = "INT. ROOM - DAY\n\nBOB\nHi.\n\nBOB'S VOICE\nHo.\n\n" + "Action.\n\n" * 60 + \
        "EXT. YARD - NIGHT\n\nMARY'S POV\nLook.\n\nBOB\nThere.\n"
    pdf = tmp_path / "notes.pdf"
    render_pdf(text, pdf, Layout(header="DRAFT"))
    story = load_story(pdf)
    assert story.metadata["format"] == "pdf"
    assert [c.name for c in story.characters] == ["Bob"]
    voice = next(n for n in story.notes if n.text == "BOB'S VOICE")
    assert voice.page == 2 and voice.line > 0  # page 1 is the title page
    pov = next(n for n in story.notes if n.text == "MARY'S POV")
    assert pov.page >= 3 and pov.kind == "dropped"
    left = next(n for n in story.notes if n.kind == "left_out")
    assert "running header" in left.message and left.page >= 1
    assert "p. " in voice.where


# ---- corpus PDFs -----------------------------------------------------------------------


@pytest.mark.parametrize("pdf,fountain,forced", [
    ("Big-Fish.pdf", "big_fish.fountain", False),
    ("Brick-and-Steel.pdf", "brick_and_steel.fountain", False),
    ("The-Last-Birthday-Card.pdf", "the_last_birthday_card.fountain", False),
])
def test_screenplain_pdfs_round_trip(pdf, fountain, forced):
    p = corpus_path("pdf", "screenplain", pdf)
    text = corpus_path("fountain", "screenplays", fountain).read_text(encoding="utf-8-sig")
    els, title, _ = parse_pdf(p.read_bytes(), str(p))
    assert_round_trip(round_trip(parse_fountain(text), els, forced_headings=forced))
    assert title


@pytest.mark.parametrize("pdf", ["brick-and-steel.pdf", "normalization-gauntlet-clean.pdf",
                                 "normalization-gauntlet-artifacts.pdf"])
def test_featherweight_pdfs_give_their_expected_fountain(pdf):
    """Headers, footers, a REVIEW COPY watermark, (MORE)/(CONT'D), CONTINUED: -- the
    expected Fountain's scenes (bold forced headings included) and cues, speaker by speaker."""
    p = corpus_path("pdf", "featherweight", pdf)
    stem = pdf.replace("-clean", "").replace("-artifacts", "").replace(".pdf", "")
    expected = parse_fountain(corpus_path("pdf", "featherweight", f"{stem}.expected.fountain")
                              .read_text(encoding="utf-8-sig"))
    els, title, info = parse_pdf(p.read_bytes(), str(p))
    assert script_counts(els) == script_counts(expected)
    assert [e.text for e in els if e.kind == "heading"] == [e.text for e in expected if e.kind == "heading"]
    assert [s for s, _ in speeches(els)] == [s for s, _ in speeches(expected)]
    assert round_trip(expected, els, forced_headings=True)["right"] == 1.0
    assert title and title.upper().startswith(("BRICK", "NORMALIZATION"))
    if "artifacts" in pdf:
        words = " ".join(e.text for e in els)
        assert "REVIEW COPY across" in words  # the scene's own words stay
        assert "FEATHERWEIGHT TEST on" in words
        assert info["furniture"].counts["running header or footer"] >= 6


def test_screenplain_small_cases():
    dual = corpus_path("pdf", "screenplain", "dual-dialogue.pdf")
    els, _, _ = parse_pdf(dual.read_bytes(), str(dual))
    cues = [(e.name, e.dual) for e in els if e.kind == "character"]
    assert cues == [("GIRL", False), ("GUY", True)]
    assert [e.text for e in els if e.kind == "dialogue"] == ["Hey!", "Hello!"]
    nums = corpus_path("pdf", "screenplain", "scene-numbers.pdf")
    els, _, _ = parse_pdf(nums.read_bytes(), str(nums))
    heads = [(e.text, e.number) for e in els if e.kind == "heading"]
    assert heads[0] == ("INT. THE FIRST PLACE - DAY", "1")
    assert heads[-1] == ("INT. A FIFTH PLACE - DAY", "2-B")
    assert len(heads) == 5 and heads[2][1] is None


def test_afterwriting_pdfs():
    client = corpus_path("pdf", "afterwriting", "client.pdf")
    expected = parse_fountain(corpus_path("pdf", "afterwriting", "client.fountain").read_text(encoding="utf-8-sig"))
    els, _, _ = parse_pdf(client.read_bytes(), str(client))
    assert script_counts(els)[1] == script_counts(expected)[1]
    cyr = corpus_path("pdf", "afterwriting", "cyrillic.pdf")
    els, title, _ = parse_pdf(cyr.read_bytes(), str(cyr))
    assert title == "ЛОРЕМ ИПСУМ" and [e.name for e in els if e.kind == "character"] == ["МАШA"]
    assert [e.text for e in els if e.kind == "heading"] == ["ИНТ. КВАРТИРА МАШИ – СТОЛОВАЯ – ДЕНЬ",
                                                             "ИНТ. КВАРТИРА МАШИ – КУХНЯ – ДЕНЬ"]
    for name in ("jp.pdf", "sc.pdf"):  # fonts without a Unicode map: glyph ids, not letters
        p = corpus_path("pdf", "afterwriting", name)
        with pytest.raises(StoryFormatError, match="no Unicode map"):
            parse_pdf(p.read_bytes(), str(p))


# The four studio PDFs have no twin: these counts were checked by eye against the
# pages (cast lists, a sample of scenes); they pin the reading, within a few percent.
# Eternal Sunshine (Word, bold headings): 163 lines with INT./EXT. and two bold MONTAGE slugs.
# Legion's title page says "UNT. NOAH HAWLEY PROJECT" (untitled), and that is its title.
# Attack the Block: 135 with INT./EXT. and "104B A INT. RON'S FLAT. FRONT ROOM - MOMENTS LATER
# 104B" (a typo, numbered in both margins).
STUDIO = {
    "attack_the_block.pdf": ("ATTACK THE BLOCK", 136, 756, ["PEST", "MOSES", "SAM", "DENNIS", "HI-HATZ"]),
    "legion_1x01.pdf": ("UNT. NOAH HAWLEY PROJECT", 58, 371,
                        ["DAVID", "THE INTERROGATOR", "SYD", "DR. KISSINGER", "LENNY"]),
    "the_terror_1x01.pdf": ("THE TERROR", 78, 339, ["CROZIER", "FRANKLIN", "FITZJAMES", "GOODSIR", "SOPHIA"]),
    "eternal_sunshine_word.pdf": ("Eternal Sunshine of the Spotless Mind (2003)", 165, 1108,
                                  ["JOEL", "CLEMENTINE", "MARY", "STAN", "MIERZWIAK"]),
}


@pytest.mark.parametrize("pdf", sorted(STUDIO))
def test_studio_pdfs(pdf):
    title, scenes, cues, main = STUDIO[pdf]
    p = corpus_path("pdf", "studio", pdf)
    els, got_title, _ = parse_pdf(p.read_bytes(), str(p))
    h, c, _ = script_counts(els)
    assert abs(h - scenes) <= 0.03 * scenes and abs(c - cues) <= 0.03 * cues, (h, c)
    counts: dict[str, int] = {}
    for e in els:
        if e.kind == "character":
            counts[e.name] = counts.get(e.name, 0) + 1
    assert sorted(counts, key=counts.get, reverse=True)[:5] == main
    if title:
        assert got_title == title


# ---- refusals ------------------------------------------------------------------------------


def test_no_text_layer_is_refused(tmp_path):
    from reportlab.pdfgen import canvas

    p = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(p))
    for _ in range(3):
        c.rect(50, 50, 400, 600, fill=1)
        c.showPage()
    c.save()
    with pytest.raises(StoryFormatError, match="no text layer"):
        load_story(p)


def test_prose_pdf_is_not_a_screenplay(tmp_path):
    from reportlab.pdfgen import canvas

    p = tmp_path / "essay.pdf"
    c = canvas.Canvas(str(p))
    for page in range(2):
        for k in range(40):
            c.drawString(72, 720 - 15 * k, f"This is line {k} of an essay about films, written in prose on page {page}.")
        c.showPage()
    c.save()
    with pytest.raises(StoryFormatError, match="screenplay's layout"):
        load_story(p)


def test_not_a_pdf(tmp_path):
    p = tmp_path / "x.pdf"
    p.write_bytes(b"INT. HOUSE - DAY\n")
    with pytest.raises(StoryFormatError, match="not a PDF"):
        load_story(p)


def _encrypted(tmp_path, user: str, owner: str):
    from reportlab.lib import pdfencrypt

    text = corpus_path("fountain", "screenplays", "brick_and_steel.fountain").read_text(encoding="utf-8-sig")
    p = tmp_path / f"enc-{bool(user)}.pdf"
    plain = tmp_path / "plain.pdf"
    render_pdf(text, plain, Layout())
    # render again, encrypted: the maker's canvas takes no options, so patch its Canvas
    import reportlab.pdfgen.canvas as rc

    orig = rc.Canvas

    class Enc(orig):
        def __init__(self, *a, **kw):
            kw["encrypt"] = pdfencrypt.StandardEncryption(user, owner, canPrint=0, canCopy=0, canModify=0)
            super().__init__(*a, **kw)

    rc.Canvas = Enc
    try:
        render_pdf(text, p, Layout())
    finally:
        rc.Canvas = orig
    return p, plain


def test_owner_password_is_read_user_password_is_refused(tmp_path):
    owner_only, plain = _encrypted(tmp_path, "", "owner-secret")
    assert b"/Encrypt" in owner_only.read_bytes()
    a, _, _ = parse_pdf(owner_only.read_bytes(), "x.pdf")
    b, _, _ = parse_pdf(plain.read_bytes(), "y.pdf")
    assert script_counts(a) == script_counts(b) == (6, 20, 7)
    user, _ = _encrypted(tmp_path, "user-secret", "owner-secret")
    with pytest.raises(StoryFormatError, match="user password"):
        load_story(user)


def test_pdf_and_text_uploads(tmp_path):
    import base64

    from layouts import stories

    text = corpus_path("fountain", "screenplays", "brick_and_steel.fountain").read_text(encoding="utf-8-sig")
    pdf = tmp_path / "brick.pdf"
    render_pdf(text, pdf, Layout())
    url = "data:application/pdf;base64," + base64.b64encode(pdf.read_bytes()).decode()
    store, err = stories.parse_upload(url, "brick.pdf")
    assert err is None and store["format"] == "pdf" and store["title"].startswith("BRICK")
    willow = corpus_path("text", "willow.txt").read_bytes()
    store, err = stories.parse_upload("data:text/plain;base64," + base64.b64encode(willow).decode(), "willow.txt")
    assert err is None and store["format"] == "text" and store["title"] == "WILLOW"
