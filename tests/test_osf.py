"""Fade In (.fadein) and Open Screenplay Format (.osf) scripts (timeline/formats/osf.py)."""

from __future__ import annotations

import html
import zipfile
from pathlib import Path

import pytest

from tests.conftest import corpus_path
from timeline.errors import StoryFormatError
from timeline.formats import load_story, loads_story
from timeline.formats.fountain import parse_fountain

CYBER_BOB = Path(__file__).parent / "fixtures" / "fountain" / "cyber_bob_ep00001.fountain"
_STYLE = {"heading": "Scene Heading", "action": "Action", "character": "Character", "dialogue": "Dialogue",
          "parenthetical": "Parenthetical", "transition": "Transition", "lyrics": "Lyrics", "centered": "Action",
          "section": "New Act"}


def _osf(fountain_text: str, *, title: str = "Untitled Screenplay", as_typed: bool = True) -> bytes:
    """An OSF document as Fade In writes one: headings, cues and transitions as typed
    (capitals are the style's), the title in <info>, scene numbers as attributes."""
    paras = []
    for e in parse_fountain(fountain_text):
        if e.kind not in _STYLE:
            continue
        text = e.text
        if as_typed and e.kind in ("heading", "character", "transition"):
            text = text.title()
        number = f' number="{html.escape(e.number)}"' if e.kind == "heading" and e.number else ""
        runs = "<text>" + html.escape(text).replace("\n", "&#xA;") + "</text>"  # Fade In keeps line breaks as &#xA;
        paras.append(f'<para{number}><style basestylename="{_STYLE[e.kind]}"/>{runs}</para>')
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<document type="Open Screenplay Format document" version="20">\n'
            f'<info title="{html.escape(title)}"/>\n<paragraphs>\n' + "\n".join(paras) + "\n</paragraphs>\n</document>\n"
            ).encode()


def _fadein(xml: bytes, path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("document.xml", xml)
    return path


def _cues(story) -> int:
    return sum(sum(sc.cues.values()) for sc in story.scenes)


def _same(got, ref):
    assert [len(sc.characters) for sc in got.scenes] == [len(sc.characters) for sc in ref.scenes]
    assert _cues(got) == _cues(ref)
    assert {c.name for c in got.characters} == {c.name for c in ref.characters}


def test_a_fade_in_file_reads_as_its_fountain(tmp_path):
    text = CYBER_BOB.read_text(encoding="utf-8")
    story = load_story(_fadein(_osf(text, title="Bob the Cyber Pawn"), tmp_path / "bob.fadein"), edits=False)
    _same(story, load_story(CYBER_BOB, edits=False))
    assert story.title == "Bob the Cyber Pawn" and story.metadata["format"] == "fadein"


@pytest.mark.parametrize("name", ["big_fish", "charade"])
def test_feature_screenplays_from_fade_in(tmp_path, name):
    src = corpus_path("fountain", "screenplays", f"{name}.fountain")
    xml = _osf(src.read_text(encoding="utf-8"))
    ref = load_story(src, edits=False)
    _same(load_story(_fadein(xml, tmp_path / f"{name}.fadein"), edits=False), ref)
    osf = tmp_path / f"{name}.osf"
    osf.write_bytes(xml)
    _same(load_story(osf, edits=False), ref)  # the XML alone


def test_scene_numbers_and_the_title_page_title(tmp_path):
    xml = _osf("INT. HOUSE - DAY #12#\n\nANN\nHi.\n\n.EXT. YARD - NIGHT #13A#\n\nBOB\nHo.\n")
    xml = xml.replace(b"<paragraphs>", b"<titlepage><para><text>The Yard</text></para></titlepage><paragraphs>")
    story = loads_story(xml, "osf", path="yard.osf")
    assert [sc.id for sc in story.scenes] == ["12", "13A"] and story.title == "The Yard"


@pytest.mark.parametrize("raw, says", [
    (b'<?xml version="1.0"?><FinalDraft><Content/></FinalDraft>', "not an Open Screenplay Format document"),
    (b'<document><paragraphs><para><text>oops</para></paragraphs></document>', "not well-formed XML"),
    (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><document><paragraphs>'
     b'<para><text>&b;</text></para></paragraphs></document>', "refused"),
])
def test_what_is_not_a_fade_in_script_is_refused_with_where(raw, says):
    with pytest.raises(StoryFormatError) as e:
        loads_story(raw, "osf", path="x.osf")
    assert says in str(e.value) and "x.osf" in str(e.value)


def test_a_fade_in_archive_without_its_document_or_too_big_inside(tmp_path):
    from timeline.formats import docx

    with zipfile.ZipFile(tmp_path / "empty.fadein", "w") as z:
        z.writestr("other.xml", "<x/>")
    with pytest.raises(StoryFormatError, match="no document.xml"):
        load_story(tmp_path / "empty.fadein", edits=False)
    with zipfile.ZipFile(tmp_path / "bomb.fadein", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("document.xml", b" " * (docx.MAX_PART_BYTES + 1))
    with pytest.raises(StoryFormatError, match="unpacks to"):
        load_story(tmp_path / "bomb.fadein", edits=False)


def test_convert_writes_a_fade_in_script_as_fountain(tmp_path):
    from timeline.cli import main

    src = _fadein(_osf(CYBER_BOB.read_text(encoding="utf-8")), tmp_path / "bob.fadein")
    out = tmp_path / "bob.fountain"
    assert main(["convert", str(src), "-o", str(out)]) == 0
    _same(load_story(out, edits=False), load_story(CYBER_BOB, edits=False))
