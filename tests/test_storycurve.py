"""Story-curve data (``*_simple.json``): the reader, against the corpus films and small inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline.errors import StoryFormatError
from timeline.formats import format_for, load_story, loads_story

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "storycurve"
FILMS = {  # file stem: (title, scenes, characters) from the corpus README
    "pulp_fiction": ("Pulp Fiction", 98, 45),
    "memento": ("Memento", 185, 16),
    "fight_club": ("Fight Club", 241, 69),
    "12_monkeys": ("12 Monkeys", 173, 127),
}


def _film(stem):
    path = CORPUS / f"{stem}_simple.json"
    if not path.exists():
        pytest.skip(f"corpus file {path.name} not present")
    return path


@pytest.mark.parametrize("stem", FILMS)
def test_corpus_films_match_their_data(stem):
    path = _film(stem)
    story = load_story(path)
    title, n_scenes, n_chars = FILMS[stem]
    assert story.title == title
    assert len(story.scenes) == n_scenes and len(story.characters) == n_chars
    assert story.metadata["format"] == "storycurve"

    # the JSON, read independently: scenes sorted by narrative order
    raw = sorted(json.loads(path.read_text(encoding="utf-8"))["script_info"]["scenes"],
                 key=lambda s: s["narrative_order"])
    names = {c.id: c.name for c in story.characters}
    for scene, src in zip(story.scenes, raw):
        # telling order = narrative order, story order as given (these films give 0..n-1)
        assert scene.story_order == src["story_order"]
        want = [n.strip() or "(unnamed)" for n in src["characters"]]
        assert [names[c] for c in scene.characters] == want
        meta = src["scene_metadata"]
        if meta.get("size") is not None:
            assert scene.length_lines == -(-meta["size"] // 60)
        if meta.get("time"):
            assert scene.time_of_day == meta["time"].strip()
        setting = (meta.get("setting") or "").replace(" ", "").lower()
        assert scene.int_ext == {"int.": "INT", "ext.": "EXT", "ext./int.": "INT/EXT"}.get(setting)
    assert [s.index for s in story.scenes] == list(range(n_scenes))
    assert sorted(s.story_order for s in story.scenes) == list(range(n_scenes))
    # every listed character name is a character, in the file's order
    listed = [c["name"].strip() or "(unnamed)"
              for c in json.loads(path.read_text(encoding="utf-8"))["script_info"]["characters"]]
    assert [c.name for c in story.characters] == listed


def test_nonlinear_films_are_not_in_story_order():
    for stem in FILMS:
        story = load_story(_film(stem))
        chrono = [s.story_order for s in story.scenes]
        assert chrono != sorted(chrono), stem


def test_picked_by_suffix_and_by_name(tmp_path):
    assert format_for("x/memento_simple.json") == "storycurve"
    assert format_for("x/story.json") == "json"
    doc = _doc([_sc(0, 0, ["A"])])
    p = tmp_path / "odd.json"
    p.write_text(doc)
    assert load_story(p, format="storycurve").scenes[0].characters == ("a",)
    # uploads: bytes with a file name
    assert len(loads_story(doc.encode(), None, path="up_simple.json").scenes) == 1


def _sc(no, so, chars, **meta):
    return {"narrative_order": no, "story_order": so, "characters": chars, "scene_metadata": meta}


def _doc(scenes, chars=None, title="T"):
    chars = chars if chars is not None else sorted({c for s in scenes for c in s["characters"]})
    return json.dumps({"script_info": {"title": title, "characters": [{"name": c} for c in chars],
                                       "scenes": scenes}}, indent=1)


def test_small_file_orders_ties_locations():
    doc = _doc([
        _sc(2, 5, ["B"], setting="Ext.", location="' Street", time="Night", size=130),
        _sc(0, 5, ["A", "B"], setting="Int.", location="Bar", time="Day", size=60),
        _sc(1, 1, [], setting="Butch'S Pov", location=None, time=None, size=0),
    ], chars=["A", "B"])
    story = loads_story(doc, "storycurve", path="t_simple.json")
    assert [s.id for s in story.scenes] == ["s1", "s2", "s3"]
    # given story orders 5, 1, 5 (telling order) -> ranks 1, 0, 2: ties keep telling order
    assert [s.story_order for s in story.scenes] == [1, 0, 2]
    assert story.metadata["storycurve"]["story_order_reranked"] is True
    assert story.metadata["storycurve"]["story_order_given"] == [5, 1, 5]
    s1, s2, s3 = story.scenes
    assert (s1.int_ext, s1.time_of_day, s1.characters) == ("INT", "Day", ("a", "b"))
    assert story.location(s3.location).name == "Street" and s3.int_ext == "EXT"
    assert s2.location is None and s2.int_ext is None and s2.title == "Butch'S Pov"
    assert (s1.length_lines, s3.length_lines, s2.length_lines) == (1, 3, 0)


def test_names_missing_from_the_list_and_empty_names_are_noted():
    doc = _doc([_sc(0, 0, ["A", ""]), _sc(1, 1, ["Zed"])], chars=["A"])
    story = loads_story(doc, "storycurve", path="t_simple.json")
    assert [c.name for c in story.characters] == ["A", "(unnamed)", "Zed"]
    notes = story.metadata["import_notes"]
    assert len(notes) == 2 and "empty name" in notes[0] and "'Zed'" in notes[1]
    assert notes[1].startswith("line ")


@pytest.mark.parametrize("doc, where, words", [
    ('{"script_info": {"scenes": [\n  {"narrative_order": 0,, }]}}', (2, 25), "JSON syntax error"),
    ('[1, 2]', (1, 1), "mapping"),
    ('{"title": "x"}', (1, 1), "script_info"),
    ('{"script_info": {"scenes": []}}', (1, 28), "no scenes"),
    ('{"script_info": {"scenes": [\n {"story_order": 0}]}}', (2, 2), "missing 'narrative_order'"),
    ('{"script_info": {"scenes": [\n {"narrative_order": "1", "story_order": 0}]}}', (2, 22), "whole number"),
    ('{"script_info": {"scenes": [\n {"narrative_order": 0, "story_order": 0},\n'
     ' {"narrative_order": 0, "story_order": 1}]}}', (3, 22), "repeated"),
    ('{"script_info": {"scenes": [\n {"narrative_order": 0, "story_order": 0,\n'
     '  "characters": ["A", 7]}]}}', (3, 23), "must be text"),
    ('{"script_info": {"scenes": [\n {"narrative_order": 0, "story_order": 0,\n'
     '  "scene_metadata": {"size": -4}}]}}', (3, 30), "size"),
])
def test_errors_name_line_and_column(doc, where, words):
    with pytest.raises(StoryFormatError) as e:
        loads_story(doc, "storycurve", path="bad_simple.json")
    err = e.value
    assert (err.line, err.column) == where, str(err)
    assert words in str(err) and str(err).startswith("bad_simple.json:")
