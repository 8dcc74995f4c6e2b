"""Every chart is built as a plain dict, unvalidated (``timeline.figures._core``): here
every chart is validated whole by plotly (``go.Figure(fig.to_dict())``) for many views,
and the app's plain dict (``as_dict=True``) is checked to be the same figure as the
public ``go.Figure``'s ``to_plotly_json()``."""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go
import pytest

from timeline.figures import CHARTS, figure_for
from timeline.figures.storyline import full_layout
from timeline.formats import load_story
from timeline.views import ViewState, make_view

from tests.test_figures_strip_network import _feature

ROOT = Path(__file__).resolve().parent.parent


def _validated(fig: dict) -> go.Figure:
    """The figure made again with plotly's validation on (ValueError on a bad property)."""
    return go.Figure(fig)


def _views(story):
    ids = [c.id for c in story.characters if any(c.id in s.characters for s in story.scenes)]
    a, b = ids[0], ids[1]
    n = len(story.scenes)
    times = sorted({s.time_of_day for s in story.scenes if s.time_of_day})
    states = [ViewState(), ViewState(characters=(a,)), ViewState(characters=(a, b), emphasis="only"),
              ViewState(characters=(a, b), mode="all"), ViewState(order="story", colour_by="time_of_day"),
              ViewState(scenes=(n // 4, n // 2), characters=(b,)), ViewState(characters=(b,), cast="chosen"),
              ViewState(cast="all", colour_by="group"), ViewState(characters=("nobody-at-all",), emphasis="only")]
    if times:
        states.append(ViewState(times=(times[0],)))
    return [make_view(story, s) for s in states]


@pytest.fixture(scope="module")
def stories():
    # Desperado, and a made-up feature whose cast=all view draws more than 60 lines (merged traces)
    return {"desperado": load_story(ROOT / "data" / "desperado.yaml"),
            "feature": _feature(n_scenes=120, n_chars=80, seed=5)}


@pytest.fixture(scope="module")
def layouts(stories):
    """The storyline layouts, made once per story and order (as the app caches them)."""
    return {(name, order): full_layout(story, order) for name, story in stories.items()
            for order in ("telling", "story")}


@pytest.mark.parametrize("story_name", ["desperado", "feature"])
@pytest.mark.parametrize("chart", CHARTS)
def test_every_chart_is_valid_plotly_and_its_dict_is_the_figure(stories, layouts, story_name, chart):
    story = stories[story_name]
    for view in _views(story):
        layout = layouts[story_name, view.state.order]
        for width in (None, 390, 768):
            fig = figure_for(chart, view, width=width, layout=layout)
            plain = figure_for(chart, view, width=width, layout=layout, as_dict=True)
            assert isinstance(plain, dict) and set(plain) == {"data", "layout"}
            # the same figure, property for property
            assert (json.dumps(plain, sort_keys=True, default=str)
                    == json.dumps(fig.to_plotly_json(), sort_keys=True, default=str)), (chart, view.state, width)
            # and plotly accepts every property of it
            again = _validated(fig.to_dict())
            assert len(again.data) == len(plain["data"])
            assert again.layout.meta["chart"] == chart
    if story_name == "feature" and chart == "storyline":  # the merged traces were drawn
        plain = figure_for(chart, _views(story)[7], layout=layouts[story_name, "telling"], as_dict=True)
        assert any(t.get("name", "").endswith(" characters") for t in plain["data"])


def test_the_validation_catches_a_misspelt_property(stories, layouts):
    """The check above can fail: a property plotly does not know stops the figure."""
    view = make_view(stories["desperado"])
    for chart in CHARTS:
        plain = figure_for(chart, view, layout=layouts["desperado", "telling"], as_dict=True)
        _validated(json.loads(json.dumps(plain)))
        bad = json.loads(json.dumps(plain))
        bad["layout"]["xaxis"]["tickfnt"] = {"size": 11}
        with pytest.raises(ValueError, match="tickfnt"):
            _validated(bad)
        bad = json.loads(json.dumps(plain))
        bad["data"][0]["hovertemplat"] = "x"
        with pytest.raises(ValueError, match="hovertemplat"):
            _validated(bad)


def test_a_plain_figure_shares_nothing_with_another(stories, layouts):
    """The app caches the dicts and the page patches them: one figure's layout must not
    be another's (a shared template or axis dict changed in one would change both)."""
    view = make_view(stories["desperado"])
    for chart in CHARTS:
        one = figure_for(chart, view, width=390, layout=layouts["desperado", "telling"], as_dict=True)
        two = figure_for(chart, view, width=390, layout=layouts["desperado", "telling"], as_dict=True)
        one["layout"]["template"]["layout"]["font"]["size"] = 99
        one["layout"]["xaxis"]["range"][0] = -99
        assert two["layout"]["template"]["layout"]["font"]["size"] != 99
        assert two["layout"]["xaxis"].get("range", [0])[0] != -99
