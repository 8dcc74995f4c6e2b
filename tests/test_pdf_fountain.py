"""``convert script.pdf -o script.fountain``: a screenplay's lines written back as Fountain."""

from __future__ import annotations

import glob

import pytest

from timeline.cli import main
from timeline.errors import StoryFormatError
from timeline.export.fountain import fountain_text
from timeline.formats.fountain import parse_fountain
from timeline.formats.screenplay import Element, script_counts
from timeline.formats.script_source import load_script

from .conftest import CORPUS, corpus_path


def _key(els):
    return [(e.kind, " ".join(e.text.split()), e.name if e.kind == "character" else None, e.dual, e.number)
            for e in els if e.kind != "title"]


def test_fountain_round_trips_through_the_writer(corpus):
    """Every corpus Fountain file (screenplays and the parser suites): read, written,
    read again, the same elements."""
    files = sorted(glob.glob(str(CORPUS / "fountain" / "**" / "*.fountain"), recursive=True))
    assert len(files) > 20
    for f in files:
        s = load_script(f)
        again = parse_fountain(fountain_text(s.elements, title=s.title, metadata=s.metadata))
        assert _key(again) == _key(s.elements), f


def test_marks_force_what_fountain_would_read_otherwise():
    els = [
        Element("heading", "BACK IN THE APARTMENT", forced=True),
        Element("action", "INT. is what the sign says."),
        Element("action", "BOOM"),
        Element("action", "!Bang! goes the door."),  # a leading '!' is Fountain's own mark: doubled
        Element("character", "McCABE", name="McCABE"),
        Element("dialogue", "Hi."),
        Element("character", "ANN", name="ANN", dual=True),
        Element("dialogue", "Ho."),
        Element("transition", "FADE OUT."),
        Element("centered", "THE END"),
    ]
    text = fountain_text(els)
    assert ".BACK IN THE APARTMENT" in text and "@McCABE" in text and "ANN ^" in text and "> FADE OUT." in text
    assert _key(parse_fountain(text)) == _key(els)


@pytest.mark.parametrize("rel", ["pdf/screenplain/Big-Fish.pdf", "pdf/featherweight/normalization-gauntlet-artifacts.pdf",
                                 "pdf/studio/the_terror_1x01.pdf", "text/willow.txt"])
def test_convert_to_fountain_cli(rel, tmp_path, capsys):
    src = corpus_path(*rel.split("/"))
    out = tmp_path / "script.fountain"
    assert main(["convert", str(src), "-o", str(out)]) == 0
    assert "wrote the screenplay as Fountain" in capsys.readouterr().out
    script = load_script(src)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("Title: ")
    assert script_counts(parse_fountain(text)) == script_counts(script.elements)
    # the Fountain reads back as the same story's scenes and cast
    from timeline.formats import load_story

    a, b = load_story(out), load_story(src)
    assert len(a.scenes) == len(b.scenes) and [c.name for c in a.characters] == [c.name for c in b.characters]
    # kept unless --force
    assert main(["convert", str(src), "-o", str(out)]) == 2
    assert "exists" in capsys.readouterr().err


def test_convert_refuses_a_story_that_is_not_a_screenplay(tmp_path, capsys):
    src = tmp_path / "s.yaml"
    src.write_text("title: X\nscenes: []\n")
    assert main(["convert", str(src), "-o", str(tmp_path / "x.fountain")]) == 2
    err = capsys.readouterr().err
    assert "only a screenplay" in err and "Traceback" not in err
    with pytest.raises(StoryFormatError, match="not a screenplay"):
        load_script(corpus_path("synopsis", "heat.txt"))
