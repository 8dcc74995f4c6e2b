"""The page's own restyle (``assets/view_state.js``, ``storylineStyle``) against the
server's storyline figures, run in Node (no browser, no server): the page restyles
only a chart of the same frame, and then gives the server's styles."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from timeline.model import Story
from timeline.views import ViewState, make_view
from timeline.figures import storyline_figure
from timeline.figures.storyline import frame_view, restyle_rules

from .conftest import ROOT

NODE = shutil.which("node") or shutil.which("nodejs")

# loads the page script with a window of its own, then answers each case:
# (figure name, query) -> storylineStyle(figure, query, spec) (null when it declines)
HARNESS = r"""
const fs = require('fs'), vm = require('vm');
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const window = {location: {search: '', pathname: '/', hash: ''}, addEventListener() {}, history: {pushState() {}}};
vm.runInNewContext(fs.readFileSync(input.script, 'utf8'), {window, URLSearchParams, encodeURIComponent});
const out = input.cases.map(([name, query]) =>
  window.sceneTimeline.storylineStyle(input.figures[name], query, input.spec));
process.stdout.write(JSON.stringify(out));
"""


def _story(n_chars: int = 24, n_scenes: int = 40) -> Story:
    """Character i is in the scenes whose index is a multiple of i + 1 (and c0, c1 in all):
    more characters than a main cast, so ``cast`` changes who is drawn in full."""
    chars = [{"id": f"c{i}", "name": f"Person {i}"} for i in range(n_chars)]
    scenes = [{"id": f"s{k}", "title": f"S{k}",
               "characters": sorted({"c0", "c1"} | {f"c{i}" for i in range(n_chars) if k % (i + 1) == 0})}
              for k in range(n_scenes)]
    return Story(title="T", characters=chars, scenes=scenes)


@pytest.fixture(scope="module")
def story() -> Story:
    return _story()


def _fig(story, **state) -> dict:
    return storyline_figure(make_view(story, ViewState(**state))).to_plotly_json()


def _page(figures: dict, cases: list) -> list:
    from layouts.state import page_spec

    data = json.dumps({"script": str(ROOT / "assets" / "view_state.js"), "figures": figures,
                       "spec": page_spec(None), "cases": cases}, default=str)
    run = subprocess.run([NODE, "-e", HARNESS], input=data, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


def test_the_frame_view_names_the_cast(story):
    views = {cast: restyle_rules(make_view(story, ViewState(cast=cast)))["view"] for cast in ("main", "all", "chosen")}
    assert len(set(views.values())) == 3
    assert views["all"] == frame_view(None, "telling", None, "highlight", "all") == "|telling||highlight|all"
    # a selection alone does not change it
    assert restyle_rules(make_view(story, ViewState(characters=("c3",))))["view"] == views["main"]


@pytest.mark.skipif(NODE is None, reason="needs node")  # the Debian image has it; the browser tests cover the rest
def test_the_page_restyles_only_a_chart_of_the_same_cast(story):
    main, everyone = _fig(story), _fig(story, cast="all")
    shown = make_view(story).shown
    assert "c23" not in shown  # folded in the main cast, drawn in full with cast=all
    cases = [
        ("main", ViewState(characters=(shown[2],)).to_query()),
        ("all", ViewState(characters=("c23",), cast="all").to_query()),
        ("all", ViewState(characters=(shown[0],)).to_query()),  # back to the main cast: a new frame
        ("main", ViewState(characters=(shown[0],), cast="all").to_query()),  # to everyone: a new frame
        ("main", ViewState(characters=(shown[0],), cast="chosen").to_query()),
        ("main", ViewState(cast="chosen").to_query()),
    ]
    got = _page({"main": main, "all": everyone}, cases)
    assert got[0] is not None and got[1] is not None
    assert got[2:] == [None] * 4, got[2:]
    # where it restyles, it gives the server's styles for that state
    for (name, query), style in zip(cases[:2], got[:2]):
        want = _fig(story, **_state(query))
        assert len(want["data"]) == len({"main": main, "all": everyone}[name]["data"])
        for n, i in enumerate(style["traces"]):
            t = want["data"][i]
            assert style["update"]["opacity"][n] == t.get("opacity", 1), (query, i)
            if style["update"]["line.width"][n] is not None:
                assert style["update"]["line.width"][n] == t["line"]["width"], (query, i)
            if style["update"]["marker.opacity"][n] is not None:
                assert style["update"]["marker.opacity"][n] == t["marker"]["opacity"], (query, i)


def _state(query: str) -> dict:
    st = ViewState.from_query(query)
    return {"characters": st.characters, "cast": st.cast}
