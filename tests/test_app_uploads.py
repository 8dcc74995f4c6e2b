"""Uploads: kept on the server under a content hash, refused with a reason, never a 500."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("dash")

from dash import no_update  # noqa: E402

from layouts import ids, stories  # noqa: E402
from tests.test_app_callbacks import SMALL, _dep, app, client, data_url, deps, post  # noqa: E402,F401


def _upload(client, deps, raw, name):
    dep = _dep(deps, ids.UPLOAD)
    return post(client, dep, {f"{ids.UPLOAD}.contents": data_url(raw)}, {f"{ids.UPLOAD}.filename": name},
                changed=[f"{ids.UPLOAD}.contents"])


def test_the_same_file_gets_the_same_key_and_another_file_another(client, deps):
    a = _upload(client, deps, SMALL, "small.yaml")[ids.UPLOAD_STORE]["data"]
    b = _upload(client, deps, SMALL, "renamed.yaml")[ids.UPLOAD_STORE]["data"]
    c = _upload(client, deps, SMALL.replace("Small Story", "Other Story"), "small.yaml")[ids.UPLOAD_STORE]["data"]
    assert a["key"] == b["key"] != c["key"]
    assert c["title"] == "Other Story"


def test_an_upload_is_found_again_after_the_memory_cache_forgets_it(client, deps):
    store = _upload(client, deps, SMALL, "small.yaml")[ids.UPLOAD_STORE]["data"]
    stories.STORIES.clear()  # as if another worker answered: the disk store has it
    sid, story = stories.resolve(store["key"], store)
    assert sid == store["key"] and story.title == "Small Story"


def test_a_wrong_extension_says_why(client, deps):
    res = _upload(client, deps, "INT. HOUSE - DAY\n\nANN\nHello.\n", "script.xyz")
    assert ids.UPLOAD_STORE not in res
    text = json.dumps(res[ids.STORY_ALERT]["children"])
    assert "script.xyz:0:0: .xyz is not a story format" in text and ".fountain" in text and ".docx" in text
    res = _upload(client, deps, "INT. HOUSE - DAY\n\nANN\nHello.\n", "script.odt")  # a program's own format
    assert "script.odt:0:0: .odt is not a story format this app reads (save it as .docx or PDF" in json.dumps(
        res[ids.STORY_ALERT]["children"])


def test_a_reader_crash_is_a_message_not_a_500(client, deps, monkeypatch):
    def boom(*a, **k):
        raise ValueError("a bug in a reader")

    monkeypatch.setattr(stories, "loads_story", boom)
    res = _upload(client, deps, SMALL.replace("Small", "Crashing"), "crash.yaml")  # post() asserts 200
    text = json.dumps(res[ids.STORY_ALERT]["children"])
    assert "crash.yaml:0:0: could not read the story (ValueError)" in text
    monkeypatch.undo()
    assert client.get("/").status_code == 200  # and the app keeps serving


def test_a_story_that_expands_beyond_the_stored_limit_is_refused(monkeypatch):
    monkeypatch.setattr(stories, "STORED_LIMIT", 200)
    store, err = stories.parse_upload(data_url(SMALL.replace("Small", "Expanding")), "big.yaml")
    assert store is None and "once read" in err


def test_oversized_uploads_are_refused_before_decoding():
    store, err = stories.parse_upload("data:text/plain;base64," + "A" * (8 * stories.UPLOAD_LIMIT // 6 + 100),
                                      "huge.fountain")
    assert store is None and "the limit is 5 MB" in err


# ---------------------------------------------------------------- links that work for whoever has them
@pytest.fixture()
def own_store(tmp_path, monkeypatch):
    """A server with its own cache folder (its own secret and disk store)."""
    monkeypatch.setenv("SCENE_TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_upload_keys_are_unguessable_and_stable_for_one_server(own_store, tmp_path, monkeypatch):
    import os
    import stat

    raw = SMALL.encode()
    key = stories.upload_key_for(raw, "yaml")
    assert key.startswith("upload-") and len(key) - len("upload-") >= 24
    int(key[len("upload-"):], 16)  # hex
    assert stories.upload_key_for(raw, "yaml") == key  # the same upload, the same key
    # the secret was made once, in the cache folder, for the server's user only
    secret_file = own_store / "secret" / "upload-key"
    assert secret_file.is_file() and stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    stories._SECRETS.clear()  # another worker of the same server reads the same secret
    assert stories.upload_key_for(raw, "yaml") == key
    # a key is not the plain hash of the file: with another secret, another key
    assert stories.upload_key_for(raw, "yaml", secret=os.urandom(32)) != key
    monkeypatch.setenv("SCENE_TIMELINE_CACHE_DIR", str(tmp_path / "other-server"))
    assert stories.upload_key_for(raw, "yaml") != key
    monkeypatch.setenv("SCENE_TIMELINE_CACHE_DIR", str(own_store))
    stories.parse_upload(data_url(SMALL), "small.yaml")
    assert stat.S_IMODE((own_store / "uploads").stat().st_mode) == 0o700  # the stories: the server's user only


def test_an_upload_is_kept_for_the_stated_time_after_its_last_use(own_store, monkeypatch):
    import time as real_time
    import types

    import diskcache.core

    day = 24 * 3600
    offset = [0.0]
    monkeypatch.setattr(diskcache.core, "time", types.SimpleNamespace(
        time=lambda: real_time.time() + offset[0], sleep=real_time.sleep))
    monkeypatch.setattr(stories, "TOUCH_EVERY", 0)  # every read refreshes the time
    store, err = stories.parse_upload(data_url(SMALL.replace("Small", "Kept")), "kept.yaml")
    assert err is None and stories.UPLOAD_KEEP_DAYS == 7
    key = store["key"]
    offset[0] = 6 * day
    assert stories.resolve(key)[1].title == "Kept Story"  # a use, 6 days on: kept 7 more days
    offset[0] = 12 * day
    assert stories.resolve(key)[1].title == "Kept Story"
    offset[0] = 20 * day  # 8 days without a use: gone, from memory too
    sid, story = stories.resolve(key)
    assert sid == "desperado" and story.title == "Desperado"
    assert stories.upload_meta(key) is None and key not in stories.STORIES


def test_an_expired_upload_is_not_served_from_memory(own_store, monkeypatch):
    monkeypatch.setattr(stories, "UPLOAD_KEEP_DAYS", 0.5 / 86400)  # half a second
    store, err = stories.parse_upload(data_url(SMALL.replace("Small", "Brief")), "brief.yaml")
    assert stories.resolve(store["key"])[0] == store["key"]
    import time

    time.sleep(0.8)
    assert stories.resolve(store["key"])[0] == "desperado"


def test_the_page_learns_an_upload_from_its_link(own_store):
    store, _ = stories.parse_upload(data_url(SMALL.replace("Small", "Linked")), "linked.yaml")
    key = store["key"]
    stories.STORIES.clear()
    stories.UPLOAD_META.clear()  # another worker, another browser: only the link
    learned, style, text = stories.upload_on_screen(key, None)
    assert learned == store and style != stories.BAR_HIDDEN and "7 days" in text and "Anyone with" in text
    # the picker offers it, by its title
    assert any(o["value"] == key and "Linked Story" in o["label"] for o in stories.story_options(learned))
    # the store already names it: nothing to learn; a shipped story: no bar
    assert stories.upload_on_screen(key, store)[0] is no_update
    assert stories.upload_on_screen("desperado", None)[1:] == (stories.BAR_HIDDEN, "")
    assert stories.upload_on_screen("upload-" + "f" * 32, None)[1] == stories.BAR_HIDDEN


def test_delete_removes_the_upload_and_its_edited_stories(own_store):
    from layouts import editor

    store, _ = stories.parse_upload(data_url(SMALL.replace("Small", "Doomed")), "doomed.yaml")
    key = store["key"]
    edited_id, edited, _ = editor.edit_story(ids.EDIT_RENAME, key, store,
                                             {ids.EDIT_CHARACTER: "bob", ids.EDIT_CHARACTER_TEXT: "Robert"})
    assert edited_id != key and stories.resolve(edited_id)[1].character("bob").name == "Robert"
    page_store, picked, alert = stories.delete_logic(edited_id)  # the button, with the edited story on screen
    assert page_store is None and picked == "desperado"
    assert "Deleted “Doomed Story” from this server" in json.dumps(alert.to_plotly_json(), ensure_ascii=False, default=str)
    for k in (key, edited_id):  # gone from disk and memory, for every worker
        assert stories.resolve(k)[0] == "desperado"
        assert k not in stories._uploads() and k not in stories.STORIES
    # the same file uploaded again is kept again
    again, err = stories.parse_upload(data_url(SMALL.replace("Small", "Doomed")), "doomed.yaml")
    assert err is None and again["key"] == key and stories.resolve(key)[0] == key
    # a shipped story cannot be deleted
    assert stories.delete_logic("desperado")[0] is no_update


def test_delete_through_the_page_callback(client, deps, own_store):
    dep = _dep(deps, ids.UPLOAD_DELETE)
    store, _ = stories.parse_upload(data_url(SMALL.replace("Small", "Clicked")), "clicked.yaml")
    res = post(client, dep, {f"{ids.UPLOAD_DELETE}.n_clicks": 1}, {f"{ids.STORY_PICKER}.value": store["key"]},
               changed=[f"{ids.UPLOAD_DELETE}.n_clicks"])
    assert res[ids.UPLOAD_STORE]["data"] is None and res[ids.STORY_PICKER]["value"] == "desperado"
    assert stories.uploaded_story(store["key"]) is None


def test_the_readme_and_the_footer_state_the_policy():
    from pathlib import Path

    from layouts import shell

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    days = f"{stories.UPLOAD_KEEP_DAYS} days after its last use"
    assert days in readme and days in shell.UPLOAD_NOTE
    for text in (readme, shell.UPLOAD_NOTE):
        assert "Delete this upload from the server" in text and "never" in text and "SCENE_TIMELINE_CACHE_DIR" in text
    assert "anyone with" in readme.lower() and "anyone with" in shell.UPLOAD_NOTE.lower()
    assert "--workers N" in readme and "shared `SCENE_TIMELINE_CACHE_DIR`" in readme


def test_one_decoder_for_every_upload_names_the_file_and_the_limit():
    """The story upload, the draft box and the editor's edits file decode through one
    function: a file over its limit or not a data URL is one ``name:0:0:`` line."""
    import base64

    from layouts.stories import decode_upload
    from timeline.edits import MAX_EDITS_BYTES
    from timeline.errors import StoryError

    ok = "data:text/plain;base64," + base64.b64encode(b"hello").decode()
    assert decode_upload(ok, "a.txt", 10) == b"hello"
    big = "data:text/plain;base64," + base64.b64encode(b"x" * (MAX_EDITS_BYTES + 10)).decode()
    with pytest.raises(StoryError, match=r"^x\.edits\.yaml:0:0: the file is .*; the limit is 1 MB$"):
        decode_upload(big, "x.edits.yaml", MAX_EDITS_BYTES)
    with pytest.raises(StoryError, match=r"^a\.txt:0:0: the upload could not be decoded$"):
        decode_upload("no comma here", "a.txt", 10)


def test_a_story_in_use_from_memory_is_not_the_first_upload_culled(own_store, monkeypatch):
    """A full store culls the least recently used upload: one a worker keeps serving from
    its memory counts as used (a touch alone moves only its expiry)."""
    monkeypatch.setattr(stories, "TOUCH_EVERY", 0)
    scenes = "".join(f"\nINT. ROOM {i} - DAY\n\nAnn waits by the window for a long while.\n\nBOB\nHello {i}.\n"
                     for i in range(900))
    keys = {}
    for name in ("first", "second"):
        store, err = stories.parse_upload(data_url(f"Title: {name}\n{scenes}{name}".encode()), f"{name}.fountain")
        assert err is None
        keys[name] = store["key"]
    disk = stories._uploads()
    disk.reset("cull_limit", 1)
    disk.reset("size_limit", disk.volume() + 1)  # full: the next upload culls one
    assert stories.resolve(keys["first"])[0] == keys["first"]  # in use (this worker has it in memory)
    store, err = stories.parse_upload(data_url(f"Title: third\n{scenes}third".encode()), "third.fountain")
    assert err is None
    assert keys["first"] in disk and keys["second"] not in disk
