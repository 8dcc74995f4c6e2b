"""The edits file (timeline/edits.py): parsing, checks, applying, the sidecar, the CLI."""

from __future__ import annotations

import shutil

import pytest
import yaml

from timeline.cli import main
from timeline.edits import Edits, apply_edits, dump_edits, load_edits, parse_edits, sidecar_for
from timeline.errors import StoryFormatError
from timeline.figures._theme import character_colours
from timeline.formats import load_story, loads_story
from timeline.model import Story
from timeline.resources import default_story_path

from .conftest import corpus_path


@pytest.fixture(scope="module")
def desperado() -> Story:
    return load_story(default_story_path(), edits=False)


@pytest.fixture(scope="module")
def big_fish() -> Story:
    return load_story(corpus_path("fountain", "screenplays", "big_fish.fountain"), edits=False)


def _scenes_of(story: Story, cid: str) -> set[str]:
    return {s.id for s in story.scenes if cid in s.characters}


def _cues_of(story: Story, cid: str) -> int:
    return sum(s.cues.get(cid, 0) for s in story.scenes)


# ---------------------------------------------------------------- applying
def test_merge_adds_cues_and_scenes(big_fish):
    # "Adult Edward" is Edward: their scenes and cues add up, the spelling stays an alias
    a, b = big_fish.find_character("Adult Edward"), big_fish.find_character("edward")
    want_scenes = _scenes_of(big_fish, a.id) | _scenes_of(big_fish, b.id)
    want_cues = _cues_of(big_fish, a.id) + _cues_of(big_fish, b.id)
    out = apply_edits(big_fish, "characters:\n  merge: {adult edward: EDWARD}\n", source="big_fish.edits.yaml")
    assert out.find_character("Adult Edward").id == b.id  # found by its old name, now an alias
    assert a.id not in {c.id for c in out.characters}
    assert _scenes_of(out, b.id) == want_scenes and _cues_of(out, b.id) == want_cues
    assert "Adult Edward" in out.character(b.id).aliases
    assert len(out.scenes) == len(big_fish.scenes)
    note = out.notes[-1]
    assert (note.kind, note.edit, note.source, note.line, note.column) == (
        "edited", "characters.merge", "big_fish.edits.yaml", 2, 11)
    assert note.targets == (b.id,)


def test_merge_repoints_interactions_and_fates(desperado):
    # Desperado: merge Navajas into Bucho: every interaction and fate naming navajas now names bucho
    before = [it for it in desperado.interactions if "navajas" in (it.source, it.target)]
    assert before
    out = apply_edits(desperado, {"characters": {"merge": {"Navajas": "bucho"}}})
    assert all("navajas" not in (it.source, it.target) for it in out.interactions)
    assert len(out.interactions) == len(desperado.interactions)
    assert all(c.fate is None or c.fate.by != "navajas" for c in out.characters)


def test_drop_removes_the_character_and_no_scene(desperado):
    cid = "quino"
    assert _scenes_of(desperado, cid)
    out = apply_edits(desperado, {"characters": {"drop": ["QUINO"]}})
    assert cid not in {c.id for c in out.characters}
    assert [s.id for s in out.scenes] == [s.id for s in desperado.scenes]
    assert all(cid not in s.characters and cid not in s.cues for s in out.scenes)
    assert all(cid not in (it.source, it.target) for it in out.interactions)


def test_rename_keeps_id_colour_and_links(desperado):
    out = apply_edits(desperado, {"characters": {"rename": {"El Mariachi": "The Musician"}, "group": {"Bucho": "cartel"},
                                                 "kind": {"Quino": "group"}}})
    m = out.character("mariachi")
    assert m.name == "The Musician" and "El Mariachi" in m.aliases
    assert character_colours(out) == character_colours(desperado)
    assert [s.characters for s in out.scenes] == [s.characters for s in desperado.scenes]  # same layers
    assert out.character("bucho").group == "cartel" and out.character("quino").kind == "group"


def test_split_makes_each_speaker(desperado):
    joint = desperado.find_character("Quino")
    out = apply_edits(desperado, {"characters": {"split": {"Quino": ["Carolina", "Quino Junior"]}}})
    junior = out.find_character("Quino Junior")
    assert junior is not None and joint.id not in {c.id for c in out.characters}
    for s in desperado.scenes:
        if joint.id in s.characters:
            t = out.scene(s.id)
            assert {"carolina", junior.id} <= set(t.characters)


def test_places_and_presence(desperado):
    loc = desperado.locations
    a, b = loc[0], loc[1]
    out = apply_edits(desperado, {"places": {"merge": {a.name: b.id}, "rename": {b.name: "Somewhere"}},
                                  "scenes": {"add": {desperado.scenes[0].id: ["Bucho"]}}})
    assert all(s.location != a.id for s in out.scenes)
    assert out.location(b.id).name == "Somewhere"
    assert "bucho" in out.scenes[0].characters


def test_parent_nests_and_refuses_a_cycle():
    story = Story(title="T", locations=[{"id": "town", "name": "Town"}, {"id": "bar", "name": "Bar"},
                                        {"id": "back", "name": "Back room", "parent": "bar"}],
                  scenes=[{"id": "s1", "title": "x", "location": "back"}])
    out = apply_edits(story, {"places": {"parent": {"BAR": "town"}}})
    assert out.location("bar").parent == "town" and out.location("back").parent == "bar"
    with pytest.raises(StoryFormatError, match="cannot be inside itself"):
        apply_edits(out, {"places": {"parent": {"town": "back room"}}})
    merged = apply_edits(story, {"places": {"merge": {"Bar": "Town"}}})
    assert merged.location("back").parent == "town" and [loc.id for loc in merged.locations] == ["town", "back"]


def test_stale_edit_names_the_closest_names(desperado):
    with pytest.raises(StoryFormatError) as e:
        apply_edits(desperado, "characters:\n  rename: {Carolinna: Caro}\n", source="d.edits.yaml")
    msg = str(e.value)
    assert msg.startswith("d.edits.yaml:2:12: characters.rename: no character 'Carolinna'")
    assert "closest: 'Carolina'" in msg


def test_names_mean_the_story_as_read(desperado):
    # a merge and a presence edit name a character by its old name; a merge the reader made is no error
    out = apply_edits(desperado, {"characters": {"merge": {"Quino": "Bucho"}},
                                  "scenes": {"add": {desperado.scenes[0].id: ["Quino"]}}})
    assert "bucho" in out.scenes[0].characters
    again = apply_edits(out, {"characters": {"merge": {"Quino": "Bucho"}}})  # Quino is now Bucho's alias
    assert [c.id for c in again.characters] == [c.id for c in out.characters]


# ---------------------------------------------------------------- bad edits files
BAD = {
    "unknown key": ("characters:\n  merge: {a: b}\n  rename_all: {x: y}\n", 3, 3, "unknown edit characters.rename_all"),
    "unknown section": ("people:\n  drop: [a]\n", 1, 1, "unknown section 'people'"),
    "self merge": ("characters:\n  merge: {Bucho: bucho}\n", 2, 11, "merged into itself"),
    "cycle": ("characters:\n  merge:\n    A: B\n    B: A\n", 3, 5, "cycle"),
    "merge into merged": ("characters:\n  merge:\n    A: B\n    B: C\n", 3, 5, "itself merged into 'C'"),
    "drop and rename": ("characters:\n  drop: [Quino]\n  rename: {quino: Q}\n", 3, 12, "both dropped and renamed"),
    "bad kind": ("characters:\n  kind: {Quino: crowd}\n", 2, 17, "person or group"),
    "bad type": ("characters:\n  split: {Quino: {a: b}}\n", 2, 18, "needs a list of names"),
    "list not mapping": ("characters:\n  merge: [a, b]\n", 2, 10, "must be a mapping"),
    "duplicate": ("characters:\n  rename: {A: B, a: C}\n", 2, 18, "written twice"),
    "yaml syntax": ("characters:\n  merge: {a: b\n", 3, 1, "YAML"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_edits_file_is_one_line_and_changes_nothing(case, tmp_path, capsys):
    text, line, col, words = BAD[case]
    story_file = tmp_path / "d.yaml"
    shutil.copy(default_story_path(), story_file)
    edits = tmp_path / "d.edits.yaml"
    edits.write_text(text, encoding="utf-8")
    with pytest.raises(StoryFormatError) as e:
        load_story(story_file, edits=edits)
    assert (e.value.path, e.value.line, e.value.column) == (str(edits), line, col), str(e.value)
    assert words in e.value.message
    # the CLI: one line, exit 2; the sidecar is the same edits file, found by name
    assert main(["stats", str(story_file)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [str(e.value)]
    assert main(["stats", str(story_file), "--no-edits"]) == 0  # the story itself is untouched


def test_a_5_mb_edits_file_is_refused(tmp_path, desperado):
    big = tmp_path / "big.edits.yaml"
    big.write_text("characters:\n  drop:\n" + "    - nobody at all here\n" * (5 * 1024 * 1024 // 24), encoding="utf-8")
    with pytest.raises(StoryFormatError) as e:
        load_edits(big)
    assert str(e.value).startswith(f"{big}:0:0: the edits file is")
    assert "1 MB" in str(e.value)
    with pytest.raises(StoryFormatError, match="limit is 1 MB"):
        apply_edits(desperado, big.read_bytes())


# ---------------------------------------------------------------- building, writing, reading again
def test_built_edits_round_trip_through_the_file(tmp_path, big_fish):
    doc = (Edits(source="big_fish.edits.yaml")
           .add("characters", "merge", "Adult Edward", "Edward")
           .add("characters", "drop", "Will's Date")
           .add("characters", "rename", "Will", "William Bloom")
           .add("characters", "kind", "Little Brave", "group")
           .add("places", "rename", big_fish.locations[0].name, "The Start"))
    text = dump_edits(doc)
    assert yaml.safe_load(text)["characters"]["merge"] == {"Adult Edward": "Edward"}
    shown = apply_edits(big_fish, parse_edits(text, source="big_fish.edits.yaml"))
    src = tmp_path / "big_fish.fountain"
    shutil.copy(corpus_path("fountain", "screenplays", "big_fish.fountain"), src)
    (tmp_path / "big_fish.edits.yaml").write_text(text, encoding="utf-8")
    assert load_story(src) == shown  # the sidecar, found by name
    assert load_story(src, edits=tmp_path / "big_fish.edits.yaml") == shown
    assert load_story(src, edits=False) == big_fish
    # the corrected story, written as YAML, reads back as the same story
    out = tmp_path / "corrected.yaml"
    out.write_text(yaml.safe_dump(shown.to_data(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert load_story(out) == shown


def test_add_follows_the_story_on_screen():
    doc = Edits().add("characters", "merge", "A", "B").add("characters", "merge", "B", "C")
    assert doc.to_data() == {"characters": {"merge": {"A": "C", "B": "C"}}}
    doc = doc.add("characters", "drop", "C")
    assert doc.to_data() == {"characters": {"drop": ["A", "B", "C"]}}
    doc = Edits().add("characters", "rename", "A", "X").add("characters", "rename", "A", "Y")
    assert doc.to_data() == {"characters": {"rename": {"A": "Y"}}}
    assert len(doc.without_last()) == 0
    with pytest.raises(StoryFormatError, match="itself"):
        Edits().add("characters", "merge", "A", "a")


def test_loads_story_applies_only_what_it_is_given(tmp_path):
    text = default_story_path().read_bytes()
    assert loads_story(text, "yaml", "desperado.yaml") == load_story(default_story_path(), edits=False)
    out = loads_story(text, "yaml", "desperado.yaml", edits="characters:\n  drop: [Quino]\n")
    assert out.find_character("quino") is None


def test_sidecar_is_not_a_story_in_the_catalogue(tmp_path):
    from layouts import stories

    shutil.copy(default_story_path(), tmp_path / "desperado.yaml")
    (tmp_path / "desperado.edits.yaml").write_text("characters:\n  rename: {Bucho: Don Bucho}\n", encoding="utf-8")
    assert sidecar_for(tmp_path / "desperado.yaml") == tmp_path / "desperado.edits.yaml"
    try:
        stories.configure(None, tmp_path)
        assert stories.known_ids() == ["desperado"]
        assert stories.catalogue_story("desperado").character("bucho").name == "Don Bucho"
    finally:
        stories.configure()


@pytest.mark.parametrize("command", ["stats", "validate", "convert", "layout", "export"])
def test_every_command_takes_edits(command, tmp_path, capsys):
    edits = tmp_path / "x.edits.yaml"
    edits.write_text("characters:\n  rename: {Bucho: Don Bucho}\n  drop: [Quino]\n", encoding="utf-8")
    story = str(default_story_path())
    extra = {"convert": ["-o", str(tmp_path / "out.yaml")], "export": ["-o", str(tmp_path / "out.html")],
             "stats": ["--json"], "validate": [], "layout": ["--json"]}[command]
    assert main([command, story, "--edits", str(edits), *extra]) == 0
    out = capsys.readouterr().out
    if command == "stats":
        assert '"name": "Don Bucho"' in out and '"name": "Quino"' not in out
    if command == "convert":
        assert load_story(tmp_path / "out.yaml").character("bucho").name == "Don Bucho"
    if command == "layout":
        assert "quino" not in out
    bad = tmp_path / "bad.edits.yaml"
    bad.write_text("characters:\n  drop: [Nobody]\n", encoding="utf-8")
    assert main([command, story, "--edits", str(bad), *extra, "--force"] if command in ("convert", "export")
                else [command, story, "--edits", str(bad), *extra]) == 2
    assert capsys.readouterr().err.startswith(f"{bad}:2:10: characters.drop: no character 'Nobody'")


def test_conflicts_found_only_in_the_story_say_what_they_are(desperado):
    # two spellings of one character (a name and its alias) each changed away
    alias = desperado.character("mariachi").aliases[0]
    with pytest.raises(StoryFormatError, match="already dropped"):
        apply_edits(desperado, {"characters": {"drop": ["El Mariachi", alias]}})
    with pytest.raises(StoryFormatError, match="both split and dropped"):
        parse_edits({"characters": {"split": {"Quino": ["A", "B"]}, "drop": ["quino"]}})
    with pytest.raises(StoryFormatError, match="is dropped; it cannot be renamed too"):
        apply_edits(desperado, {"characters": {"drop": ["El Mariachi"], "rename": {alias: "X"}}})
