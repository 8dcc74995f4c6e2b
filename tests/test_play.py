"""Stage plays and transcripts as plain text (timeline/formats/play.py): what a .txt of
"NAME: speech" lines is, and what is read from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.errors import StoryFormatError
from timeline.formats import load_story, loads_story
from timeline.formats.text import detect_text_format

PLAYS = Path(__file__).parent / "fixtures" / "plays"


def _read(name: str):
    return load_story(PLAYS / name, edits=False)


@pytest.mark.parametrize("name", ["last_train.txt", "laundromat_transcript.txt", "hamlet_excerpt.txt"])
def test_a_play_or_transcript_txt_is_read_as_one(name):
    fmt, reason = detect_text_format((PLAYS / name).read_bytes(), name)
    assert fmt == "play", reason
    story = _read(name)
    assert story.notes[0].kind == "read_as" and "play or transcript" in story.notes[0].message
    assert len(story.scenes) >= 2 and all(sc.characters for sc in story.scenes)


def test_colon_cues_a_cast_list_and_scene_descriptions():
    story = _read("last_train.txt")
    assert story.title == "THE LAST TRAIN"
    assert sorted(c.id for c in story.characters) == ["conductor", "margaret", "tomas"]  # the cast list is no speech
    first, second = story.scenes
    assert story.location(first.location).name == "Railway Platform" and first.time_of_day == "night"
    assert story.location(second.location).name == "Inside the Train"
    assert set(first.characters) == {"margaret", "tomas"}
    assert set(second.characters) == {"tomas", "conductor"}


def test_a_transcript_with_bracketed_scenes_mixed_case_names_and_entrances():
    story = _read("laundromat_transcript.txt")
    names = {c.name for c in story.characters}
    assert {"Priya", "Dev", "Marco", "Mrs. Okafor"} <= names  # Mrs. Okafor speaks once: still a speaker
    places = [story.location(sc.location).name for sc in story.scenes]
    assert places == ["Laundromat", "Priya's Apartment", "Laundromat"]
    assert [sc.time_of_day for sc in story.scenes] == ["night", "morning", "evening"]
    marco = next(c.id for c in story.characters if c.name == "Marco")
    assert marco in story.scenes[0].characters  # "(Marco comes in ...)" before he speaks
    assert not any("Scene" in n or "Transcript" in n for n in names)


def test_printed_plays_with_acts_numbered_scenes_and_name_cues():
    story = _read("hamlet_excerpt.txt")
    assert [sc.id for sc in story.scenes] == ["1.1", "1.2", "2.1"]  # numbered within their act
    assert [sc.act for sc in story.scenes] == ["ACT I", "ACT I", "ACT II"]
    assert {"Hamlet", "Horatio", "Claudius", "Marcellus", "Bernardo", "Francisco"} == {c.name for c in story.characters}
    castle = story.location(story.scenes[0].location)
    assert castle.name == "Platform Before the Castle" and story.location(castle.parent).name == "Elsinore"
    assert "hamlet" in story.scenes[2].characters and "horatio" in story.scenes[2].characters  # "HAMLET. words"


def test_a_play_without_scene_marks_is_one_scene():
    text = "THE VISIT\n\n" + "".join(f"ANN: Line {i}.\nBOB: Answer {i}.\n" for i in range(5))
    story = loads_story(text.encode(), "text", path="visit.txt")
    assert len(story.scenes) == 1 and {"ann", "bob"} == set(story.scenes[0].characters)


@pytest.mark.parametrize("text", [
    # a plot summary with a cast list: each name once before a colon is a list, not speeches
    "Casablanca (1942)\n\nCast:\nRick Blaine: Humphrey Bogart\nIlsa Lund: Ingrid Bergman\nVictor Laszlo: Paul "
    "Henreid\nCaptain Renault: Claude Rains\nMajor Strasser: Conrad Veidt\nSam: Dooley Wilson\n\nRick runs a cafe in "
    "Casablanca. Ilsa walks in with her husband Victor, and Rick refuses to help them until the end.\n",
    # labels before colons
    "Title: Notes\nNote: the film opens at night.\nSetting: a small town.\nTime: the present.\nNote: again.\n"
    "Setting: again.\nThe sheriff arrives and the town waits.\n",
])
def test_prose_with_colons_is_not_a_play(text):
    assert detect_text_format(text.encode(), "summary.txt")[0] != "play"


def test_screenplays_are_not_plays():
    fountain = b"INT. HOUSE - DAY\n\nBOB\nHi.\n\nANN\nHo.\n\nEXT. YARD - NIGHT\n\nANN\nBye.\n\nBOB\nBye: really.\n"
    assert detect_text_format(fountain, "a.txt")[0] == "fountain"


def test_a_text_without_speeches_read_as_a_play_names_the_file():
    with pytest.raises(StoryFormatError) as e:
        loads_story(b"Rick runs a bar. Ilsa walks in.\n", "play", path="summary.txt")
    assert "summary.txt" in str(e.value) and "speeches" in str(e.value)


def test_a_play_is_written_back_as_fountain_and_reads_the_same(tmp_path):
    from timeline.cli import main

    out = tmp_path / "hamlet.fountain"
    assert main(["convert", str(PLAYS / "hamlet_excerpt.txt"), "-o", str(out)]) == 0
    again, first = load_story(out, edits=False), _read("hamlet_excerpt.txt")
    assert [sc.characters for sc in again.scenes] == [sc.characters for sc in first.scenes]
    assert [sc.act for sc in again.scenes] == [sc.act for sc in first.scenes]


def test_a_play_uploaded_to_the_app_is_drawn_with_its_note():
    pytest.importorskip("dash")
    from layouts import stories
    from layouts.charts import build_figure
    from layouts.state import current
    from tests.test_app_callbacks import data_url

    store, err = stories.parse_upload(data_url((PLAYS / "laundromat_transcript.txt").read_bytes(), "text/plain"),
                                      "laundromat_transcript.txt")
    assert err is None
    cur = current(f"?story={store['key']}", store)
    assert cur.story.title.startswith("Spin Cycle") and len(cur.story.scenes) == 3
    assert "read as a play or transcript" in cur.story.notes[0].message
    fig = build_figure("storyline", cur).to_plotly_json()
    assert {"Priya", "Dev", "Marco"} <= {t.get("name") for t in fig["data"]}


def test_a_name_and_colon_alone_over_the_speech():
    text = ("ACT ONE\n\nSCENE 1. A kitchen.\n\n" + "".join(f"ANN:\nLine {i},\nand more.\n\nBOB:\nAnswer {i}.\n\n"
                                                       for i in range(4)) + "SCENE 2. The garden.\n\nANN:\nOut.\n")
    story = loads_story(text.encode(), "text", path="kitchen.txt")
    assert [story.location(sc.location).name for sc in story.scenes] == ["Kitchen", "Garden"]
    assert set(story.scenes[0].characters) == {"ann", "bob"} and story.scenes[1].characters == ("ann",)


def test_an_ebook_frame_a_table_of_contents_and_a_cast_list_are_not_scenes():
    """An ebook of a play: a licence header with "Key: value" lines, *** START/END ***
    marks, a table of contents listing every act and scene, then the cast."""
    text = """The eBook of The Garden Gate
Release date: May 1, 2001
Language: English
Credits: Volunteers

*** START OF THE PROJECT GUTENBERG EBOOK THE GARDEN GATE ***

THE GARDEN GATE

Contents

ACT I
Scene I. A garden
Scene II. The kitchen

ACT II
Scene I. The garden again

Dramatis Personæ

ROSE, a gardener
TOM, her neighbour

ACT I
SCENE I. A garden.

ROSE. The gate is open again.
TOM. I did not touch it.

ACT I. SCENE II. The kitchen.

ROSE. Then who did?
TOM. The wind, perhaps.

ACT II. SCENE I. The garden again.

ROSE. Close it, Tom.
TOM. Closed.

*** END OF THE PROJECT GUTENBERG EBOOK THE GARDEN GATE ***

Start: the full licence.
Section 1: General terms.
"""
    story = loads_story(text.encode(), "text", path="gate.txt")
    assert story.title == "THE GARDEN GATE"
    assert [sc.id for sc in story.scenes] == ["1.1", "1.2", "2.1"]
    assert {c.name for c in story.characters} == {"Rose", "Tom"}
    assert [sc.act for sc in story.scenes] == ["ACT I", "ACT I", "ACT II"]
    from timeline.formats.play import parse_play

    els, _ = parse_play(text, "gate.txt")  # lines count from the file's top, frame included
    assert els[1].kind == "heading" and els[1].line == text.splitlines().index("SCENE I. A garden.") + 1


def test_a_radio_play_sound_and_music_cues_are_directions_not_speakers():
    text = "NIGHT SHIFT\nA radio play\n\n" + "".join(
        f"SCENE {k}. The studio, night.\n\nSOUND: Rain on the window.\nMUSIC: The theme, low.\n"
        f"ANNOUNCER: Good evening, part {k}.\nLENA: Is the light still on?\nSFX: A door creaks.\n"
        f"ANNOUNCER: It is.\nLENA: Then he is still here.\n\n" for k in (1, 2, 3))
    story = loads_story(text.encode(), "text", path="night_shift.txt")
    assert {c.name for c in story.characters} == {"Announcer", "Lena"}
    assert len(story.scenes) == 3


def _play_pdf(text: str, path: Path, width_chars: int = 70) -> Path:
    """A play typed in a word processor and printed: lines flush left in a proportional
    font, long speeches wrapped, a blank line between paragraphs, several pages."""
    import textwrap

    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter)
    y = 720
    for para in text.split("\n"):
        for ln in textwrap.wrap(para, width_chars) or [""]:
            if y < 72:
                c.showPage()
                y = 720
            c.setFont("Helvetica", 11)
            c.drawString(72, y, ln)
            y -= 14
    c.save()
    return path


def test_a_play_printed_to_pdf_is_read_as_a_play_with_its_pages(tmp_path):
    pytest.importorskip("pypdfium2")
    text = (PLAYS / "laundromat_transcript.txt").read_text(encoding="utf-8")
    pdf = _play_pdf(text * 3, tmp_path / "laundromat.pdf")  # three episodes' worth: several pages
    story = load_story(pdf, edits=False)
    assert story.notes[0].kind == "read_as" and "play or transcript" in story.notes[0].message
    assert len(story.scenes) == 9
    assert {"Priya", "Dev", "Marco", "Mrs. Okafor"} <= {c.name for c in story.characters}
    from timeline.formats.layout_lines import PAGE_LINES
    from timeline.formats.pdf import parse_pdf

    els, _, info = parse_pdf(pdf.read_bytes(), str(pdf))
    pages = {e.line // PAGE_LINES for e in els if e.line}
    assert info["pages"] >= 2 and len(pages) >= 2  # elements keep their pages


def test_a_pdf_that_is_neither_screenplay_nor_play_says_both(tmp_path):
    pytest.importorskip("pypdfium2")
    pdf = _play_pdf("Rick runs a bar in Casablanca. Ilsa walks in with her husband.\n" * 20, tmp_path / "prose.pdf")
    with pytest.raises(StoryFormatError) as e:
        load_story(pdf, edits=False)
    assert "screenplay's layout" in str(e.value) and "play" in str(e.value) and "prose.pdf" in str(e.value)


def test_an_acting_edition_names_over_speeches_and_scene_marks():
    """A play as acting editions print it: the name alone, indented, over the speech at the
    margin; SCENE and ACT marks centred; directions indented."""
    story = _read("last_train_acting_edition.txt")
    assert "play or transcript" in story.notes[0].message
    assert [sc.id for sc in story.scenes] == ["1.1", "1.2"] and story.scenes[0].act == "ACT ONE"
    assert [story.location(sc.location).name for sc in story.scenes] == ["Railway Platform", "Inside the Train"]
    assert [dict(sc.cues) for sc in story.scenes] == [{"tomas": 2, "margaret": 2}, {"conductor": 3, "tomas": 2}]


def test_a_typed_screenplay_is_still_a_screenplay():
    """Names over speeches are a screenplay's shape too: without a play's scene marks (and
    with INT./EXT. headings) a typed script stays a typed script."""
    from tests.pdf_maker import render_text

    typed = render_text((Path(__file__).parent / "fixtures" / "fountain" / "cyber_bob_ep00001.fountain")
                        .read_text(encoding="utf-8"))
    assert detect_text_format(typed.encode(), "bob.txt")[0] == "text-script"


def test_an_acting_edition_printed_to_pdf(tmp_path):
    pytest.importorskip("pypdfium2")
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "train.pdf"
    c = canvas.Canvas(str(pdf), pagesize=letter)
    y = 720
    for line in (PLAYS / "last_train_acting_edition.txt").read_text(encoding="utf-8").splitlines():
        indent = len(line) - len(line.lstrip())
        c.setFont("Courier", 12)
        c.drawString(72 + 7.2 * indent, y, line.strip())
        y -= 14
    c.save()
    story = load_story(pdf, edits=False)
    assert "play or transcript" in story.notes[0].message
    assert [dict(sc.cues) for sc in story.scenes] == [{"tomas": 2, "margaret": 2}, {"conductor": 3, "tomas": 2}]
