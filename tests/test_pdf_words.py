"""Words broken at a line's end and scene headings without INT./EXT., in PDFs and typed scripts.

A word processor with hyphenation on breaks a word at a line's end ("hun-" "dred");
a program also wraps a compound at its own hyphen ("self-" "esteem"). The readers
join the first and keep the second on the evidence of the whole document
(``layout_lines.dehyphenate``). A bare place line ("BACK IN THE APARTMENT") is a
heading only with evidence that a scene begins there (``layout_lines.bare_heading``);
a caps line the next one goes on from ("DAVID" / "squints at her") stays a shot.
"""

from __future__ import annotations

import pytest

from timeline.formats.fountain import parse_fountain
from timeline.formats.layout_lines import dehyphenate
from timeline.formats.screenplay import script_counts
from timeline.formats.text import parse_text_script

from .conftest import FIXTURES, corpus_path

reportlab = pytest.importorskip("reportlab", reason="the PDF generator needs reportlab (the test extra)")

from timeline.formats.pdf import _extract, parse_pdf, pdf_lines  # noqa: E402

from .pdf_maker import (Layout, _wrap, hyphen_errors, line_end_breaks, reader_headings, render_pdf,  # noqa: E402
                        render_text, round_trip)

CYBER_BOB = FIXTURES / "fountain" / "cyber_bob_ep00001.fountain"


def _pdf_line_texts(path) -> list[str]:
    return [ln.text for ln in pdf_lines(_extract(path.read_bytes(), str(path)))[0]]


def test_the_maker_breaks_words_and_compounds():
    lines = _wrap("They counted a hundred and twenty-four self-esteem issues", 20, hyphenate=True)
    assert lines[0].endswith("-") and lines[0].split()[-1][:-1] + lines[1].split()[0] == "hundred"
    assert _wrap("I said twenty-four", 15, hyphenate=True) == ["I said twenty-", "four"]
    assert " ".join(_wrap("They counted a hundred", 20)) == "They counted a hundred"


def test_dehyphenate_on_the_documents_evidence():
    texts = ["A hun\x02dred men.", "A hundred more.", "Her self\x02esteem.", "Her self-esteem again.",
             "The reason\x02able man.", "Twenty\x02four.", "twenty and four", "main\x02tain", "Paris\x02Bordeaux",
             "the owner-and\x02ringmaster", "win\x02dow", "a tug\x02of-war"]
    assert dehyphenate(texts) == ["A hundred men.", "A hundred more.", "Her self-esteem.", "Her self-esteem again.",
                                  "The reasonable man.", "Twenty-four.", "twenty and four", "maintain",
                                  "Paris-Bordeaux", "the owner-and-ringmaster", "window", "a tug-of-war"]
    # the hyphenated form more common than the joined one: the hyphen stays
    assert dehyphenate(["e\x02mail", "e-mail", "e-mail", "email"])[0] == "e-mail"


def test_typed_script_joins_a_broken_word_and_keeps_a_compound():
    text = ("     INT. HOUSE - DAY\n\n"
            "     Ann counts a hun-\n     dred coins, then twenty-\n     four more. She is self-\n"
            "     assured, a hundred times over and self-assured.\n\n"
            "                              ANN\n"
            "               I can't re-\n               member the num-\n               ber.\n")
    els, _, _ = parse_text_script(text, "a.txt")
    action = next(e.text for e in els if e.kind == "action")
    assert "a hundred coins" in action and "twenty-four more" in action and "self-assured, a hundred" in action
    dialogue = next(e.text for e in els if e.kind == "dialogue")
    assert dialogue == "I can't remember the number."


def _read_hyphenated(src: str, how: str, tmp_path, layout: Layout) -> tuple[list, int]:
    """The elements of ``src`` set with hyphenation (as a PDF or typed), and how many lines
    of the rendering end in a broken word or a wrapped compound."""
    if how == "pdf":
        out = tmp_path / "h.pdf"
        render_pdf(src, out, layout)
        return parse_pdf(out.read_bytes(), str(out))[0], line_end_breaks(_pdf_line_texts(out))
    rendered = render_text(src, hyphenate=True)
    return parse_text_script(rendered, "h.txt")[0], line_end_breaks(rendered.splitlines())


@pytest.mark.parametrize("how", ["pdf", "text"])
def test_hyphenated_fixture_reads_its_words(how, tmp_path):
    """Cyber Bob (public domain, in the project) set with hyphenation: every word as the Fountain has it."""
    src = CYBER_BOB.read_text(encoding="utf-8-sig")
    els, breaks = _read_hyphenated(src, how, tmp_path, Layout(hyphenate=True, action_chars=40, dialogue_chars=22))
    assert breaks >= (5 if how == "pdf" else 2)
    assert hyphen_errors(src, els) == []


@pytest.mark.parametrize("how", ["pdf", "text"])
def test_hyphenated_big_fish_reads_its_words(how, tmp_path):
    """Big Fish set with hyphenation breaks ~170 words and compounds at line ends; at most
    three are read otherwise than the Fountain writes them (the old reader: ~170)."""
    src = corpus_path("fountain", "screenplays", "big_fish.fountain").read_text(encoding="utf-8-sig")
    els, breaks = _read_hyphenated(src, how, tmp_path, Layout(hyphenate=True))
    assert breaks >= 100
    wrong = hyphen_errors(src, els)
    assert len(wrong) <= 3, wrong
    h, c, _ = script_counts(els)
    assert (h, c) == (reader_headings(parse_fountain(src), forced=False), 768)


# ---- scene headings without INT./EXT. -------------------------------------------------------

_BARE = """Title: Bare

INT. KITCHEN - DAY

Ann cooks.

ANN
Where is everyone?

CUT TO:

.THE GARDEN

Bob digs a hole.

.BACK IN THE KITCHEN

Ann sets the table.

.LATER

The plates are empty.

BOB
Full.

Ann rises and looks out at

.THE GARDEN

where the hole is gone.

.BOB

stares at the ground.

ANGLE ON THE HOLE

It is gone.

EXT. GARDEN - NIGHT

Bob sleeps.

THE KITCHEN

Ann washes up.
"""


def _headings(els):
    return [e.text for e in els if e.kind == "heading"]


@pytest.mark.parametrize("how", ["pdf", "text"])
def test_bare_place_lines_with_evidence_are_headings(how, tmp_path):
    if how == "pdf":
        out = tmp_path / "b.pdf"
        render_pdf(_BARE, out, Layout())
        els = parse_pdf(out.read_bytes(), str(out))[0]
    else:
        els = parse_text_script(render_text(_BARE, scene_numbers=False), "b.txt")[0]
    # after a cut, back in a place, on in time, a place the INT./EXT. headings name
    assert _headings(els) == ["INT. KITCHEN - DAY", "THE GARDEN", "BACK IN THE KITCHEN", "LATER",
                              "EXT. GARDEN - NIGHT", "THE KITCHEN"]
    # the place the sentence runs into, a speaker's name over what he does, a shot: action
    assert {"THE GARDEN", "BOB", "ANGLE ON THE HOLE"} <= {e.text for e in els if e.kind == "action"}
    assert len(_headings(els)) == reader_headings(parse_fountain(_BARE), forced=False) + 1  # + "THE KITCHEN"


@pytest.mark.parametrize("rel,scenes,cues", [
    ("pdf/studio/legion_1x01.pdf", 58, 371),  # many "DAVID" / "squints ..." and "ANGLE ON ..." lines
    ("pdf/studio/attack_the_block.pdf", 138, 756),
    ("pdf/studio/the_terror_1x01.pdf", 78, 339),
    ("pdf/studio/eternal_sunshine_word.pdf", 165, 1108),
    ("pdf/screenplain/Big-Fish.pdf", 192, 768),  # "AT THE CAR", "FURTHER ALONG": action in its Fountain
    ("text/xmen.txt", 215, 493),  # "UNDER ICE", "KENYA - 1978", "A THICK PLASTIC CELL"
    ("text/willow.txt", 140, 765),
])
def test_real_scripts_keep_their_scenes(rel, scenes, cues):
    """No shot, sound or caps action of the corpus scripts becomes a scene (counts as before)."""
    path = corpus_path(*rel.split("/"))
    data = path.read_bytes()
    els = parse_pdf(data, str(path))[0] if path.suffix == ".pdf" else parse_text_script(data, str(path))[0]
    assert script_counts(els)[:2] == (scenes, cues)


def test_last_birthday_card_finds_the_headings_a_reader_can_tell():
    """Of its 48 scenes, 23 are forced Fountain headings; the 4 with evidence (after a cut,
    "BACK IN ...") are found now (25 before); the others are shots ("THE FINGER" /
    "clicks off the speakerphone.") that print like Legion's in-scene lines."""
    path = corpus_path("pdf", "screenplain", "The-Last-Birthday-Card.pdf")
    els = parse_pdf(path.read_bytes(), str(path))[0]
    heads = _headings(els)
    assert len(heads) == 29
    assert {"BACK IN THE APARTMENT", "NAK'S BEDROOM", "SCOTT, IN BAXTER'S KITCHEN"} <= set(heads)
    assert "THE FINGER" not in heads and "SCOTT" not in heads


def _lbc_round_trip(els) -> dict:
    src = corpus_path("fountain", "screenplays", "the_last_birthday_card.fountain").read_text(encoding="utf-8-sig")
    return round_trip(parse_fountain(src), els, forced_headings=True)


@pytest.mark.parametrize("layout", [Layout(underline_headings=True), Layout(underline_headings=True, font="Times-Roman"),
                                    Layout(scene_numbers=True, numbers_right_only=True)],
                         ids=["underlined", "underlined-times", "numbers-right"])
def test_set_apart_headings_show_every_scene(layout, tmp_path):
    """Headings underlined (a drawn line under the text, not bold) or numbered in the right
    margin only: every forced heading of The Last Birthday Card is a scene, as where
    headings are bold (25 of 48 before)."""
    src = corpus_path("fountain", "screenplays", "the_last_birthday_card.fountain").read_text(encoding="utf-8-sig")
    out = tmp_path / "u.pdf"
    render_pdf(src, out, layout)
    r = _lbc_round_trip(parse_pdf(out.read_bytes(), str(out))[0])
    assert r["headings"] == (48, 48) and r["cues"] == (134, 134) and r["right"] == 1.0, r


def test_underlined_headings_from_chromium(tmp_path):
    from .pdf_producers import _chromium, missing, screenplay_html

    if missing("chromium-proportional"):
        pytest.skip(missing("chromium-proportional"))
    src = corpus_path("fountain", "screenplays", "the_last_birthday_card.fountain").read_text(encoding="utf-8-sig")
    page = tmp_path / "s.html"
    page.write_text(screenplay_html(src, proportional=True, plain_underline=True), encoding="utf-8")
    out = tmp_path / "s.pdf"
    _chromium(page, out, header_footer=True)
    r = _lbc_round_trip(parse_pdf(out.read_bytes(), str(out))[0])
    assert r["headings"] == (48, 48) and not r["missing"] and r["right"] >= 0.98, r


@pytest.mark.parametrize("speeches", [True, False])
def test_continued_lines_with_lettered_scene_numbers_are_furniture(speeches, tmp_path):
    """``8A  CONTINUED:  8A`` at the top of a page: the CONTINUED: goes as a running header
    (it repeats), and its scene numbers, whose letters keep them from repeating, go too
    (they read as action "8A 8A" before; in a script without speeches, they hid every heading)."""
    parts = ["Title: Numbers\n"]
    for k, n in enumerate(["1", "2", "3", "4", "5", "6", "7", "8", "8A", "9", "10", "11"]):
        parts.append(f"INT. ROOM {k} - DAY #{n}#\n")
        for j in range(12):
            parts.append(f"Paragraph {j} of scene {k} goes on for a while so that the page fills up with it.\n")
            if speeches:
                parts.append(f"ANN\nLine {j} of scene {k}.\n")
    out = tmp_path / "c.pdf"
    facts = render_pdf("\n".join(parts), out, Layout(scene_numbers=True, continued=True))
    assert facts["pages"] >= 8
    els = parse_pdf(out.read_bytes(), str(out))[0]
    assert [e.number for e in els if e.kind == "heading"] == ["1", "2", "3", "4", "5", "6", "7", "8", "8A", "9",
                                                              "10", "11"]
    assert not [e.text for e in els if e.kind == "action" and not any(c.islower() for c in e.text)]


def test_final_draft_hyphenation_is_undone():
    """The Terror (Final Draft) hyphenates its action: ~130 words broken at line ends
    ("val-" "ley", "uni-" "forms") read whole; its compounds keep their hyphens."""
    path = corpus_path("pdf", "studio", "the_terror_1x01.pdf")
    text = " ".join(e.text for e in parse_pdf(path.read_bytes(), str(path))[0])
    for word in ("valley", "uniforms", "spectacle", "dinner", "platform", "accommodation", "immediately"):
        assert word in text, word
    for broken in ("val-ley", "uni-forms", "spec-tacle", "din-ner", "plat-form", "accom-modation"):
        assert broken not in text, broken


def test_scripts_without_hyphenation_keep_their_compounds():
    """Attack the Block wraps lines only at the hyphens its writers typed: they stay."""
    path = corpus_path("pdf", "studio", "attack_the_block.pdf")
    text = " ".join(e.text for e in parse_pdf(path.read_bytes(), str(path))[0])
    for word in ("blacked-out", "bright-eyed", "non-terrestrial", "low-rises"):
        assert word in text, word


def test_libreoffice_hyphenation(tmp_path):
    """A Word document with automatic hyphenation, converted by LibreOffice: ~240 words broken
    at line ends (PDFium marks the hyphens), paragraphs and speeches that go on over a page
    break; every scene, cue and speaker as in the Fountain, at most three words otherwise."""
    from .pdf_producers import make_pdf, missing

    if missing("libreoffice-docx-hyphenated"):
        pytest.skip(missing("libreoffice-docx-hyphenated"))
    src = corpus_path("fountain", "screenplays", "big_fish.fountain").read_text(encoding="utf-8-sig")
    out = make_pdf("libreoffice-docx-hyphenated", src, tmp_path / "h.pdf")
    assert line_end_breaks(_pdf_line_texts(out)) >= 150
    els = parse_pdf(out.read_bytes(), str(out))[0]
    wrong = hyphen_errors(src, els)
    assert len(wrong) <= 3, wrong
    r = round_trip(parse_fountain(src), els, forced_headings=True)
    assert r["headings"] == (192, 192) and r["cues"] == (768, 768) and r["right"] >= 0.99, r


def test_a_paragraph_cut_by_a_page_break_goes_on():
    """A word processor splits paragraphs across pages: the lines before and after the break
    are one paragraph when it stopped in a broken word or mid-sentence, not after a sentence
    or a line of capitals."""
    from timeline.formats.layout_lines import Line, Seg, label_lines, learn_columns

    def ln(text, page, line, x=10.0, gap=0.0):
        return Line([Seg(x, x + len(text), text)], page=page, line=line, gap=gap)

    lines = [ln("INT. HALL - DAY", 1, 1, gap=1), ln("Will carries the bags. San-", 1, 3, gap=1),
             ln("dra follows him and she", 2, 1, gap=1), ln("smiles.", 2, 2),
             ln("She sits down.", 2, 4, gap=1), ln("A MAN'S SILHOUETTE", 2, 6, gap=1),
             ln("on the sheet.", 3, 1, gap=1),
             ln("ANN", 3, 3, x=30, gap=1), ln("Hello there.", 3, 4, x=20)]
    els = label_lines(lines, learn_columns(lines))
    assert [(e.kind, e.text) for e in els] == [
        ("heading", "INT. HALL - DAY"), ("action", "Will carries the bags. Sandra follows him and she smiles."),
        ("action", "She sits down."), ("action", "A MAN'S SILHOUETTE"), ("action", "on the sheet."),
        ("character", "ANN"), ("dialogue", "Hello there.")]
