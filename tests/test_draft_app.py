"""The "New story from text" box, through the Dash callbacks as the page calls them:
draft pasted text, select it in the picker, show its notes, download its YAML;
bad text gets a message and the app keeps serving."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

pytest.importorskip("dash")

from layouts import ids, stories  # noqa: E402
from tests.test_app_callbacks import _dep, app, client, data_url, deps, post  # noqa: E402,F401
from tests.test_draft import SCREENPLAY, SEED  # noqa: E402
from timeline.formats import loads_story  # noqa: E402


def post1(client, dep, inputs: dict, state: dict, changed: list[str]) -> dict:
    """Call a one-output callback as the renderer does (its output is not a list)."""
    cid, prop = dep["output"].rsplit(".", 1)
    payload = {
        "output": dep["output"], "outputs": {"id": cid, "property": prop},
        "inputs": [{"id": i["id"], "property": i["property"], "value": inputs.get(f"{i['id']}.{i['property']}")}
                   for i in dep["inputs"]],
        "state": [{"id": s["id"], "property": s["property"], "value": state.get(f"{s['id']}.{s['property']}")}
                  for s in dep["state"]],
        "changedPropIds": changed,
    }
    r = client.post("/_dash-update-component", json=payload)
    assert r.status_code == 200, r.data[:500]
    return r.json["response"]


def _draft(client, deps, text, filename=None):
    dep = _dep(deps, ids.DRAFT_BUTTON)
    return post(client, dep, {f"{ids.DRAFT_BUTTON}.n_clicks": 1},
                {f"{ids.DRAFT_TEXT}.value": text, f"{ids.DRAFT_FILE}.data": filename},
                changed=[f"{ids.DRAFT_BUTTON}.n_clicks"])


def test_drafting_pasted_text_selects_it_shows_notes_and_downloads_yaml(client, deps):
    text = SEED.read_text(encoding="utf-8")
    res = _draft(client, deps, text)
    store = res[ids.UPLOAD_STORE]["data"]
    assert store["format"] == "draft" and store["title"] == "Desperado"
    assert res[ids.STORY_PICKER]["value"] == store["key"]
    assert res[ids.DRAFT_YAML_BUTTON]["disabled"] is False
    notes = json.dumps(res[ids.DRAFT_NOTES]["children"])
    assert "left out" in notes and "line 1:1" in notes
    # the picker offers it, every view resolves it
    sid, story = stories.resolve(store["key"], store)
    assert sid == store["key"] and len(story.scenes) >= 15
    # the YAML downloads and reads back as the same story
    dep = _dep(deps, ids.DRAFT_YAML_BUTTON)
    out = post1(client, dep, {f"{ids.DRAFT_YAML_BUTTON}.n_clicks": 1},
               {f"{ids.DRAFT_KEY}.data": res[ids.DRAFT_KEY]["data"]}, changed=[f"{ids.DRAFT_YAML_BUTTON}.n_clicks"])
    sent = out[ids.DRAFT_YAML]["data"]
    assert sent["filename"] == "pasted-summary.yaml"
    yaml_text = base64.b64decode(sent["content"]).decode() if sent.get("base64") else sent["content"]
    assert yaml_text.startswith("# A DRAFT")
    assert loads_story(yaml_text, "yaml").to_data() == story.to_data()


@pytest.mark.parametrize("kind", ["screenplay", "play"])
def test_a_pasted_screenplay_or_play_is_read_as_one_not_drafted(client, deps, kind):
    text = SCREENPLAY if kind == "screenplay" else (
        Path(__file__).parent / "fixtures" / "plays" / "laundromat_transcript.txt").read_text(encoding="utf-8")
    res = _draft(client, deps, text)
    store = res[ids.UPLOAD_STORE]["data"]
    status = json.dumps(res[ids.DRAFT_STATUS]["children"])
    assert "Read " in status and "not guessed" in status and "Drafted" not in status
    story = stories.uploaded_story(store["key"])
    assert story.metadata["format"] == ("play" if kind == "play" else "fountain")
    assert story.notes[0].kind == "read_as"
    assert {c.name for c in story.characters} >= ({"Anna"} if kind == "screenplay" else {"Priya", "Dev", "Marco"})
    sent = post1(client, _dep(deps, ids.DRAFT_YAML_BUTTON), {f"{ids.DRAFT_YAML_BUTTON}.n_clicks": 1},
                 {f"{ids.DRAFT_KEY}.data": res[ids.DRAFT_KEY]["data"]},
                 changed=[f"{ids.DRAFT_YAML_BUTTON}.n_clicks"])[ids.DRAFT_YAML]["data"]
    yaml_text = base64.b64decode(sent["content"]).decode() if sent.get("base64") else sent["content"]
    assert not yaml_text.startswith("# A DRAFT")  # read as written, not a draft
    assert loads_story(yaml_text, "yaml").to_data() == story.to_data()


def test_empty_or_wordless_text_gets_a_message_not_a_story(client, deps):
    res = _draft(client, deps, "   ")
    assert ids.UPLOAD_STORE not in res
    assert "Paste a plot summary" in json.dumps(res[ids.DRAFT_STATUS]["children"])
    res = _draft(client, deps, "12 34 56 78")
    assert ids.UPLOAD_STORE not in res and "draft-error" in json.dumps(res[ids.DRAFT_STATUS]["children"])


def test_an_opened_txt_fills_the_text_box(client, deps):
    dep = _dep(deps, ids.DRAFT_UPLOAD)
    res = post(client, dep, {f"{ids.DRAFT_UPLOAD}.contents": data_url("Anna meets Bo.", "text/plain")},
               {f"{ids.DRAFT_UPLOAD}.filename": "../plot.txt"}, changed=[f"{ids.DRAFT_UPLOAD}.contents"])
    assert res[ids.DRAFT_TEXT]["value"] == "Anna meets Bo."
    assert res[ids.DRAFT_FILE]["data"] == "plot.txt"


def test_the_box_opens_and_closes(client, deps):
    dep = _dep(deps, ids.DRAFT_OPEN)
    res = post1(client, dep, {f"{ids.DRAFT_OPEN}.n_clicks": 1}, {f"{ids.DRAFT_COLLAPSE}.is_open": False},
               changed=[f"{ids.DRAFT_OPEN}.n_clicks"])
    assert res[ids.DRAFT_COLLAPSE]["is_open"] is True
