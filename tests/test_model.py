"""The story model and the YAML/JSON story format: every validation error, with its message."""

from __future__ import annotations

import json

import pytest

from timeline import Story, StoryFormatError, load_story, loads_story

GOOD = """\
title: T
characters:
  - {id: a, name: A, aliases: [Ay]}
  - {id: b, name: B, fate: {how: shot, scene: s2, by: a}}
locations:
  - {id: town, name: Town}
  - {id: bar, name: Bar, parent: town}
scenes:
  - id: s1
    title: one
    location: bar
    characters: [a, b]
    interactions:
      - {type: kills, source: a, target: b}
  - id: s2
    title: two
    story_order: 0
    characters: [a]
"""


def load(text, name="story.yaml"):
    return loads_story(text, format=None, path=name)


def error(text, name="story.yaml") -> StoryFormatError:
    with pytest.raises(StoryFormatError) as ei:
        load(text, name)
    return ei.value


def test_good_story_loads_and_is_immutable():
    s = load(GOOD.replace("story_order: 0", "story_order: 1"))
    assert [sc.index for sc in s.scenes] == [0, 1]
    assert s.scenes[0].interactions[0].scene == "s1"
    assert s.find_character("ay").id == "a"
    with pytest.raises(Exception):
        s.title = "other"  # frozen
    assert isinstance(s.scenes, tuple)


def test_story_order_defaults_to_index():
    s = load(GOOD.replace("    story_order: 0\n", ""))
    assert [sc.story_order for sc in s.scenes] == [0, 1]


@pytest.mark.parametrize(
    "old,new,line,col,words",
    [
        ("characters: [a]\n", "characters: [a, zed]\n", 18, 21, "scenes[1].characters[1]: unknown character 'zed'"),
        ("location: bar", "location: pub", 11, 15, "unknown location 'pub'"),
        ("- {id: b, name: B", "- {id: a, name: B", 4, 10, "duplicate character id 'a'"),
        ("    title: two", "    title: two\n    colour: red", 17, 5, "unknown key 'colour' in scene"),
        ("  - {id: a, name: A, aliases: [Ay]}", "  - {id: a, name: A, aliases: [Ay], hair: dark}", 3, 37, "unknown key 'hair' in character"),
        ("story_order: 0", "story_order: five", 17, 18, "valid integer"),
        ("story_order: 0", "story_order: 1\n    step: x", 18, 11, "valid integer"),
        ("{type: kills, source: a, target: b}", "{type: kills, source: a, target: q}", 14, 42, "unknown character 'q'"),
        ("scene: s2, by: a", "scene: s9, by: a", 4, 47, "unknown scene 's9'"),
        ("parent: town", "parent: city", 7, 34, "unknown location 'city'"),
    ],
)
def test_validation_errors_name_line_and_column(old, new, line, col, words):
    assert old in GOOD
    e = error(GOOD.replace(old, new))
    assert words in e.message, e.message
    assert (e.line, e.column) == (line, col), str(e)
    assert str(e).startswith(f"story.yaml:{line}:{col}: ")


def test_story_order_must_be_a_permutation():
    e = error(GOOD)  # both scenes end up with story_order 0
    assert "permutation of 0..1" in e.message and "repeated" in e.message
    assert e.line == 17


def test_yaml_syntax_error():
    e = error("title: T\nscenes: [\n  - id: x\n")
    assert "YAML syntax error" in e.message and e.line >= 2


def test_duplicate_yaml_keys_are_errors_not_dropped():
    e = error("title: T\ntitle: U\nscenes: []\n")
    assert "duplicate key 'title'" in e.message and (e.line, e.column) == (2, 1)


def test_unsafe_yaml_is_refused():
    e = error("title: !!python/object/apply:os.system ['echo hi']\nscenes: []\n")
    assert "YAML" in e.message


def test_missing_title_and_wrong_root():
    assert "missing required key 'title'" in error("scenes: []\n").message
    assert "must be a mapping" in error("- a\n- b\n").message
    assert "empty" in error("").message


def test_json_same_structure_with_positions():
    import yaml

    data = yaml.safe_load(GOOD.replace("story_order: 0", "story_order: 1"))
    s = load(json.dumps(data, indent=2), "s.json")
    assert isinstance(s, Story) and len(s.scenes) == 2
    data["scenes"][1]["characters"] = ["a", "nobody"]
    e = error(json.dumps(data, indent=2), "s.json")
    assert "unknown character 'nobody'" in e.message and e.line > 1
    e = error('{"title": "T",\n "scenes": [}', "s.json")
    assert "JSON syntax error" in e.message and e.line == 2
    e = error('{"title": "T", "title": "U"}', "s.json")
    assert "duplicate key 'title'" in e.message


def test_load_story_file_errors(tmp_path):
    with pytest.raises(StoryFormatError, match="no such file"):
        load_story(tmp_path / "missing.yaml")
    (tmp_path / "x.key").write_text("hello")
    with pytest.raises(StoryFormatError, match="unknown story format"):
        load_story(tmp_path / "x.key")
    (tmp_path / "bin.yaml").write_bytes(b"title: \x00\x01")
    with pytest.raises(StoryFormatError, match="binary"):
        load_story(tmp_path / "bin.yaml")


def test_building_in_python_checks_references():
    with pytest.raises(ValueError, match="unknown character 'x'"):
        Story(title="T", scenes=[{"id": "s", "title": "t", "characters": ["x"]}])


def test_to_data_round_trips():
    s = load(GOOD.replace("story_order: 0", "story_order: 1"))
    again = Story.model_validate(s.to_data())
    assert again == s


def test_schema_file_is_up_to_date():
    from tests.conftest import ROOT

    on_disk = json.loads((ROOT / "docs" / "story.schema.json").read_text())
    assert on_disk == Story.model_json_schema(), "run `make schema`"
