"""Uploads: kept on the server under a content hash, refused with a reason, never a 500."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("dash")

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
    res = _upload(client, deps, "INT. HOUSE - DAY\n\nANN\nHello.\n", "script.docx")
    assert ids.UPLOAD_STORE not in res
    text = json.dumps(res[ids.STORY_ALERT]["children"])
    assert "script.docx:0:0: .docx is not a story format" in text and ".fountain" in text


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
