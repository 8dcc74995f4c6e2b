"""The editor in the app (layouts/editor.py), without a browser: edits made on the story on
screen, kept with it, downloaded as an edits file that gives the same story with load_story."""

from __future__ import annotations

import base64
import shutil

import pytest

from layouts import editor, ids, stories
from layouts.state import current
from timeline.errors import StoryError
from timeline.formats import load_story
from timeline.resources import default_story_path

from .conftest import corpus_path


@pytest.fixture()
def catalogue(tmp_path):
    """A catalogue of Desperado and the corpus screenplays Big Fish and Charade."""
    shutil.copy(default_story_path(), tmp_path / "desperado.yaml")
    for name in ("big_fish", "charade"):
        shutil.copy(corpus_path("fountain", "screenplays", f"{name}.fountain"), tmp_path / f"{name}.fountain")
    stories.configure(None, tmp_path)
    yield tmp_path
    stories.configure()


def _by_name(story, name):
    c = story.find_character(name)
    assert c is not None, name
    return c.id


def _edit(action, sid, upload, **fields):
    return editor.edit_story(action, sid, upload, {getattr(ids, k): v for k, v in fields.items()})


def _pick_three(story):
    """Three characters with scenes: two to merge, one to rename; a fourth to drop."""
    n = {c.id: sum(c.id in s.characters for s in story.scenes) for c in story.characters}
    ranked = sorted(n, key=lambda c: -n[c])
    return ranked[1], ranked[2], ranked[0], ranked[5]


@pytest.mark.parametrize("sid", ["desperado", "big_fish", "charade"])
def test_app_edits_round_trip_through_the_downloaded_file(catalogue, sid):
    story = stories.catalogue_story(sid)
    a, b, lead, gone = _pick_three(story)
    lead_colour_id = lead
    new_id, up, msg = _edit(ids.EDIT_MERGE, sid, None, EDIT_CHARACTER=a, EDIT_CHARACTER_INTO=b)
    assert "merged into" in msg and new_id.startswith("upload-") and up["base"] == sid
    new_id, up, _ = _edit(ids.EDIT_DROP, new_id, up, EDIT_CHARACTER=gone)
    new_id, up, _ = _edit(ids.EDIT_RENAME, new_id, up, EDIT_CHARACTER=lead, EDIT_CHARACTER_TEXT="The Lead")
    new_id, up, _ = _edit(ids.EDIT_GROUP, new_id, up, EDIT_CHARACTER=b, EDIT_CHARACTER_TEXT="crew")
    shown = stories.resolve(new_id, up)[1]
    assert up["edits"][0][:2] == ["characters", "merge"] and len(up["edits"]) == 4
    # what the page shows: merged, dropped, renamed (the id stays), scenes all there
    assert a not in {c.id for c in shown.characters} and gone not in {c.id for c in shown.characters}
    assert shown.character(lead_colour_id).name == "The Lead"
    assert len(shown.scenes) == len(story.scenes)
    assert current(f"?story={new_id}", up).story == shown  # the URL names the edited story
    # the downloaded edits file, applied to the same source, gives the same story
    name, text = editor.edits_text(new_id, up)
    assert name == f"{sid}.edits.yaml"
    src = next(catalogue.glob(f"{sid}.*"))
    (catalogue / "out").mkdir(exist_ok=True)
    (catalogue / "out" / name).write_text(text, encoding="utf-8")
    assert load_story(src, edits=catalogue / "out" / name) == shown
    # the corrected story downloads as YAML that loads as the same story
    yname, ytext = editor.story_yaml(new_id, up)
    (catalogue / "out" / yname).write_text(ytext, encoding="utf-8")
    assert load_story(catalogue / "out" / yname) == shown
    # undo, then reset
    back_id, back_up, _ = editor.edit_story(ids.EDIT_UNDO, new_id, up, {})
    assert len(back_up["edits"]) == 3 and stories.resolve(back_id, back_up)[1].character(b).group == story.character(b).group
    base_id, base_up, _ = editor.edit_story(ids.EDIT_RESET, new_id, up, {})
    assert (base_id, base_up) == (sid, None)


def test_rename_kind_group_and_places_keep_every_character_id(catalogue):
    story = stories.catalogue_story("big_fish")
    lead = _by_name(story, "Edward")
    sid, up, _ = _edit(ids.EDIT_RENAME, "big_fish", None, EDIT_CHARACTER=lead, EDIT_CHARACTER_TEXT="Ed Bloom")
    sid, up, _ = _edit(ids.EDIT_KIND, sid, up, EDIT_CHARACTER=_by_name(story, "Will"))
    loc = story.locations[0].id
    sid, up, _ = _edit(ids.EDIT_PLACE_RENAME, sid, up, EDIT_PLACE=loc, EDIT_PLACE_TEXT="Somewhere")
    shown = stories.resolve(sid, up)[1]
    # the storyline's layers (character ids per scene) are those of the story as read
    assert [s.characters for s in shown.scenes] == [s.characters for s in story.scenes]
    assert shown.character(lead).name == "Ed Bloom" and shown.location(loc).name == "Somewhere"
    assert shown.character(_by_name(story, "Will")).kind == "group"


def test_a_bad_edit_changes_nothing_and_says_why(catalogue):
    story = stories.catalogue_story("desperado")
    with pytest.raises(StoryError, match="merged into itself"):
        _edit(ids.EDIT_MERGE, "desperado", None, EDIT_CHARACTER="bucho", EDIT_CHARACTER_INTO="bucho")
    with pytest.raises(StoryError, match="choose"):
        _edit(ids.EDIT_DROP, "desperado", None)
    with pytest.raises(StoryError, match="names to split into"):
        _edit(ids.EDIT_SPLIT, "desperado", None, EDIT_CHARACTER="bucho", EDIT_CHARACTER_TEXT="Bucho")
    assert stories.catalogue_story("desperado") == story
    # the callback: a message, the store and the URL untouched
    out = editor.edit_logic(ids.EDIT_MERGE, None, None, {ids.EDIT_CHARACTER: "bucho", ids.EDIT_CHARACTER_INTO: "bucho"},
                            "?story=desperado", None)
    assert out[0] is editor.no_update and out[1] is editor.no_update and "itself" in str(out[2])
    # a good edit: the new store and the URL of the edited story, the filters kept
    store, query, _ = editor.edit_logic(ids.EDIT_DROP, None, None, {ids.EDIT_CHARACTER: "quino"},
                                        "?c=bucho&emphasis=only&ie=EXT", None)
    assert query == f"?story={store['key']}&c=bucho&emphasis=only&ie=EXT"


def test_uploading_an_edits_file_applies_it_to_the_story_on_screen(catalogue):
    text = "characters:\n  merge: {Navajas: Bucho}\n  drop: [Quino]\n"
    contents = "data:application/x-yaml;base64," + base64.b64encode(text.encode()).decode()
    store, new_id, alert = stories.on_upload(contents, "desperado.edits.yaml", None, "desperado")
    shown = stories.resolve(new_id, store)[1]
    assert shown.find_character("quino") is None and shown.find_character("Navajas").id == "bucho"
    assert [n.edit for n in shown.notes if n.kind == "edited"] == ["characters.merge", "characters.drop"]
    # a stale edits file: one file:line:col line, nothing changed
    bad = "data:;base64," + base64.b64encode(b"characters:\n  drop: [Quinoo]\n").decode()
    store2, new_id2, alert2 = stories.on_upload(bad, "desperado.edits.yaml", store, new_id)
    assert store2 is stories.no_update and "desperado.edits.yaml:2:10" in str(alert2)


def test_the_editor_lists_every_character_whatever_the_filter(catalogue):
    story = stories.catalogue_story("charade")
    chars, into, places, _, count, undo_disabled, _ = editor.editor_choices("charade", None)
    assert {o["value"] for o in chars} == {c.id for c in story.characters}
    assert {o["value"] for o in places} == {loc.id for loc in story.locations}
    assert count == "as read" and undo_disabled


def test_the_server_log_says_dash_is_running_once(tmp_path):
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "timeline.cli", "serve", "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.time() + 60
            while time.time() < deadline and b"Dash is running" not in log.read_bytes():
                time.sleep(0.2)
            time.sleep(1.0)  # a second copy would follow at once
        finally:
            proc.terminate()
            proc.wait(10)
    assert log.read_text().count("Dash is running") == 1, log.read_text()


def test_a_shipped_story_with_an_edits_file_beside_it(catalogue):
    # the sidecar's edits are the first edits of the story on screen: the downloaded file holds
    # them and the app's own, so it gives the same story from the source
    (catalogue / "desperado.edits.yaml").write_text("characters:\n  rename: {Bucho: Don Bucho}\n", encoding="utf-8")
    stories.configure(None, catalogue)
    assert "desperado" in stories.known_ids() and "desperado.edits" not in stories.known_ids()
    shown0 = stories.catalogue_story("desperado")
    assert shown0.character("bucho").name == "Don Bucho"
    *_, count, undo_disabled, _ = editor.editor_choices("desperado", None)
    assert count == "1 edit" and not undo_disabled
    sid, up, _ = _edit(ids.EDIT_DROP, "desperado", None, EDIT_CHARACTER="quino")
    assert up["edits"] == [["characters", "rename", "Bucho", "Don Bucho"], ["characters", "drop", "Quino", None]]
    name, text = editor.edits_text(sid, up)
    (catalogue / "out").mkdir()
    (catalogue / "out" / name).write_text(text, encoding="utf-8")
    assert load_story(catalogue / "desperado.yaml", edits=catalogue / "out" / name) == stories.resolve(sid, up)[1]
    assert editor.edit_story(ids.EDIT_UNDO, sid, up, {})[:2] == ("desperado", None)  # back to the shipped story


def test_serve_edits_apply_to_the_story_shown_first(monkeypatch, tmp_path):
    edits = tmp_path / "fix.edits.yaml"
    edits.write_text("characters:\n  rename: {Carolina: Caro}\n", encoding="utf-8")
    monkeypatch.setenv("SCENE_TIMELINE_EDITS", str(edits))
    try:
        stories.configure()
        assert stories.catalogue_story(stories.default_story_id()).character("carolina").name == "Caro"
        monkeypatch.setenv("SCENE_TIMELINE_EDITS", "none")
        stories.configure()
        assert stories.catalogue_story(stories.default_story_id()).character("carolina").name == "Carolina"
    finally:
        monkeypatch.delenv("SCENE_TIMELINE_EDITS")
        stories.configure()


@pytest.mark.parametrize("base", ["desperado", "upload"])
def test_an_edited_storys_link_opens_it_with_its_edits_in_a_fresh_page(base):
    """The edited story's URL opened by someone else (no page store, another worker):
    the same cast, the same edits count, Undo, and the same edits file to download."""
    from tests.test_app_callbacks import SMALL, data_url

    stories.configure()
    if base == "upload":
        store, _ = stories.parse_upload(data_url(SMALL.replace("Small", "Shared")), "shared.yaml")
        sid, up = store["key"], store
        merge, into, drop = "bob", "ann", "cy"
    else:
        sid, up = "desperado", None
        story = stories.catalogue_story(sid)
        merge, into, drop = _pick_three(story)[0], _pick_three(story)[1], _pick_three(story)[3]
    new_id, up, _ = _edit(ids.EDIT_MERGE, sid, up, EDIT_CHARACTER=merge, EDIT_CHARACTER_INTO=into)
    new_id, up, _ = _edit(ids.EDIT_DROP, new_id, up, EDIT_CHARACTER=drop)
    mine = stories.resolve(new_id, up)[1]
    edits_file = editor.edits_text(new_id, up)
    stories.STORIES.clear()
    stories.UPLOAD_META.clear()  # another worker answers, for another browser with only the link
    theirs = current(f"?story={new_id}", None)
    assert theirs.story_id == new_id and theirs.story == mine  # the same cast and scenes
    learned = stories.upload_on_screen(new_id, None)[0]  # the page fills its store from the server
    assert learned == up and len(learned["edits"]) == 2
    for page_store in (None, learned):
        *_, count, undo_off, reset_off = editor.editor_choices(new_id, page_store)
        assert count == "2 edits" and not undo_off and not reset_off
        assert editor.edits_text(new_id, page_store) == edits_file
    back_id, back, msg = editor.edit_story(ids.EDIT_UNDO, new_id, learned, {})
    assert msg.startswith("Undone") and len(back["edits"]) == 1 and stories.resolve(back_id)[1] != mine
