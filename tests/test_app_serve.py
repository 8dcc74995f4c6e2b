"""The app as people run it: ``scene-timeline serve --workers 2`` (gunicorn, real
processes, real HTTP), and stories uploaded in the screenplay formats."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("dash")

from layouts import ids  # noqa: E402
from tests.conftest import CORPUS  # noqa: E402
from tests.test_app_callbacks import _outputs, data_url, scene_ids  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 10):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.read()


def _post_json(url: str, payload: dict, timeout: float = 120):
    req = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return r.status, json.loads(r.read())


def _stop(proc: subprocess.Popen) -> None:
    """End the server and its workers (its own process group), politely first."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@pytest.mark.slow
def test_gunicorn_with_two_workers_serves_the_page_and_figures(tmp_path):
    pytest.importorskip("gunicorn")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = (tmp_path / "serve.log").open("w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "timeline.cli", "serve", str(ROOT / "data" / "desperado.yaml"),
         "--workers", "2", "--port", str(port)],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, "the server exited:\n" + (tmp_path / "serve.log").read_text()[-3000:]
            try:
                status, body = _get(base + "/", timeout=5)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert time.monotonic() < deadline, "the server did not answer within 120 s"
                time.sleep(0.5)
        assert status == 200 and b"<title>scene-timeline</title>" in body

        _, deps = _get(base + "/_dash-dependencies")
        dep = next(d for d in json.loads(deps) if d["output"].startswith(f"..{ids.STORYLINE_GRAPH}.figure"))
        query = "?c=carolina&emphasis=only"
        payload = {
            "output": dep["output"],
            "outputs": _outputs(dep["output"]),
            "inputs": [{"id": i["id"], "property": i["property"], "value": query if i["id"] == ids.VIEWS_FOR else None}
                       for i in dep["inputs"]],
            "state": [{"id": s["id"], "property": s["property"], "value": None} for s in dep["state"]],
            "changedPropIds": [f"{ids.VIEWS_FOR}.data"],
        }
        from layouts import stories

        with_carolina = {s.id for s in stories.catalogue_story("desperado").scenes if "carolina" in s.characters}
        for _ in range(2):  # two requests: with two workers, likely both answer one
            status, res = _post_json(base + "/_dash-update-component", payload)
            assert status == 200
            fig = res["response"][ids.STORYLINE_GRAPH]["figure"]
            assert fig["data"] and scene_ids(fig) and scene_ids(fig) <= with_carolina
    finally:
        _stop(proc)
        log.close()
    assert proc.returncode is not None


# ---------------------------------------------------------------- screenplay uploads
def _upload_and_draw(path: Path, mime: str):
    """The upload callback, then the storyline callback with the store it wrote (as the page chains them).

    The callbacks are called as plain functions: Dash registers module-level callbacks
    with the first app a process builds, so a second app here would have none."""
    from layouts import storyline, stories

    store, picked, alert = stories.on_upload(data_url(path.read_bytes(), mime), path.name, None)
    assert isinstance(store, dict), json.dumps(alert.to_plotly_json(), default=str)[:500]
    assert picked == store["key"]
    fig, _, _ = storyline.update(f"?story={store['key']}", store)
    return store, fig


@pytest.mark.parametrize("rel, mime", [
    ("fountain/screenplays/brick_and_steel.fountain", "text/plain"),
    ("fdx/rsdoiel_sample-01.fdx", "application/xml"),
])
def test_an_uploaded_screenplay_is_drawn_with_its_characters(corpus, rel, mime):
    from timeline.formats import load_story

    path = CORPUS / rel
    story = load_story(path)
    assert story.characters and story.scenes
    store, fig = _upload_and_draw(path, mime)
    assert store["name"] == path.name and store["title"] == story.title
    drawn = {t["meta"] for t in fig["data"] if t.get("mode") == "lines" and isinstance(t.get("meta"), str)}
    labels = {x for t in fig["data"] if isinstance(t.get("meta"), dict) and t["meta"].get("part") == "dots"
              for x in t["text"] if x}
    shown = [c for c in story.characters if any(c.id in s.characters for s in story.scenes)]
    assert shown and drawn == {c.id for c in shown}
    from timeline.figures._theme import esc

    assert labels == {esc(c.name) for c in shown}
    assert scene_ids(fig) == {s.id for s in story.scenes}
    assert fig["layout"]["title"]["text"].startswith(story.title)


def test_serve_lays_out_the_first_story_before_it_serves(tmp_path, monkeypatch):
    """``serve --workers`` lays out the story shown first in a child process, into the disk
    cache its workers share: their first requests find the storyline made (the layout
    is read from that cache, never made again)."""
    import diskcache

    from layouts.server import _warm_in_child
    from timeline.formats import load_story
    from timeline.storyline import layout_story

    monkeypatch.setenv("SCENE_TIMELINE_CACHE_DIR", str(tmp_path))
    story_path = ROOT / "data" / "desperado.yaml"
    _warm_in_child(str(story_path))
    disk = diskcache.Cache(str(tmp_path / "layouts"))
    story = load_story(story_path)
    for order in ("telling", "story"):
        scenes = sorted(story.scenes, key=(lambda s: s.index) if order == "telling" else (lambda s: (s.chrono, s.index)))
        lay = layout_story(story, scene_ids=[s.id for s in scenes], cache=disk, order=order)
        assert lay.cached, f"the {order} layout was not on disk: serve did not lay it out first"
