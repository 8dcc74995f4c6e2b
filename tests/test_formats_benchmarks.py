"""Benchmark readers against the corpus README's convention table."""

from __future__ import annotations

import pytest

from timeline.errors import StoryFormatError
from timeline.formats import load_story, loads_story
from timeline.storyline import build_layers, count_crossings, naive_orders, story_layers

from tests.conftest import CORPUS as _SHARED_CORPUS

CORPUS = _SHARED_CORPUS / "storyline"
# the corpus fixture fails (never skips) when the corpus is missing
needs_corpus = pytest.mark.usefixtures("corpus")

# (file, part, layers, naive crossings) from the corpus README
TABLE = [
    ("tanahashi/StarWars_list.txt", None, 50, 190),
    ("tanahashi/TheMatrix_list.txt", None, 42, 174),
    ("tanahashi/Inception_list.txt", None, 71, 153),
    ("sgb/anna.dat", "3", 48, 40),
    ("sgb/jean.dat", "1", 80, 64),
    ("sgb/anna.dat", "1", 55, 130),
    ("sgb/anna.dat", "2", 57, 131),
    ("sgb/anna.dat", "4", 47, 167),
    ("sgb/anna.dat", "7", 62, 202),
    ("sgb/anna.dat", "8", 27, 90),
    ("sgb/jean.dat", "2", 42, 30),
    ("sgb/jean.dat", "3", 86, 140),
    ("sgb/jean.dat", "5", 61, 147),
]


@needs_corpus
@pytest.mark.parametrize("path,part,layers,naive", TABLE)
def test_layers_and_naive_crossings_match_readme(path, part, layers, naive):
    story = load_story(CORPUS / path, part=part) if part else load_story(CORPUS / path)
    ls = build_layers([gs for _, gs in story_layers(story)])
    assert len(ls.merged) == layers
    assert count_crossings(naive_orders(ls)) == naive


@needs_corpus
def test_tanahashi_reader_shape():
    s = load_story(CORPUS / "tanahashi/StarWars_list.txt")
    assert len(s.characters) == 14
    assert max(sc.step for sc in s.scenes) == 199
    names = {c.id: c.name for c in s.characters}
    assert names["HAN"] == "HAN" and names["BOBA_FETT"] == "BOBA FETT"  # ids sanitised only when needed


@needs_corpus
def test_sgb_reader_names_and_parts():
    s = load_story(CORPUS / "sgb/anna.dat", part="3")
    assert all(sc.id.startswith("3.") for sc in s.scenes)
    assert s.character("LE").name.startswith("Konstantin") or s.character("LE").name
    whole = load_story(CORPUS / "sgb/jean.dat")
    assert len(whole.scenes) > len(load_story(CORPUS / "sgb/jean.dat", part="1").scenes)


@needs_corpus
def test_storyflow_reader():
    s = load_story(CORPUS / "storyflow/matrix.xml")
    assert len(s.characters) == 14
    steps = {}
    for sc in s.scenes:
        steps.setdefault(sc.step, set()).update(sc.characters)
    # groups within a step are disjoint
    for st in steps:
        members = [c for sc in s.scenes if sc.step == st for c in sc.characters]
        assert len(members) == len(set(members))


def test_tanahashi_empty_line_is_an_empty_step():
    s = loads_story(b"A,B\n\nA\tB\n", "tanahashi", path="x_list.txt")
    assert [sc.step for sc in s.scenes] == [0, 1, 2, 2]
    ls = build_layers([gs for _, gs in story_layers(s)])
    assert ls.raw[1] == (("A",), ("B",))


@pytest.mark.parametrize("text,line,col", [
    (b"A,B\nA,,B\n", 2, 3),
    (b"A,B\nC\tD,D\n", 2, 5),
])
def test_tanahashi_errors(text, line, col):
    with pytest.raises(StoryFormatError) as e:
        loads_story(text, "tanahashi", path="x_list.txt")
    assert (e.value.line, e.value.column) == (line, col)


def test_sgb_errors():
    head = b"* comment\nAA Alpha, someone\nBB Beta, another\n\n"
    with pytest.raises(StoryFormatError) as e:
        loads_story(head + b"1.1:AA,BB\n1.2:AA,ZZ\n", "sgb", path="x.dat")
    assert (e.value.line, e.value.column) == (6, 8)
    with pytest.raises(StoryFormatError) as e:
        loads_story(b"AA Alpha\nnot a character line\n", "sgb", path="x.dat")
    assert e.value.line == 2
    with pytest.raises(StoryFormatError):
        loads_story(head + b"1.1:AA\n", "sgb", path="x.dat", part="9")
    s = loads_story(head + b"1.1:AA,BB\n&:BB\n1.2\n", "sgb", path="x.dat")
    assert [sc.characters for sc in s.scenes] == [("AA", "BB"), ("BB",)]


def test_storyflow_errors():
    with pytest.raises(StoryFormatError) as e:
        loads_story(b"<Story>\n<Characters>\n<Character Name='a'>\n<Span Start='x' End='2' Session='1'/>\n</Character></Characters></Story>",
                    "storyflow", path="x.xml")
    assert e.value.line == 4
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
            b"<Story><Characters/></Story>")
    with pytest.raises(StoryFormatError):
        loads_story(bomb, "storyflow", path="x.xml")
    with pytest.raises(StoryFormatError) as e:
        loads_story(b"<Story><Characters>", "storyflow", path="x.xml")
    assert e.value.line == 1
