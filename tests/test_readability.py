"""Readability measured in Chromium: the strip and the network of feature screenplays, in
their default view at the app's sizes, have no overlapping or clipped text, nothing under
10 px, at most 15 legend entries and every presence-grid row labelled (issue 10).

The first tests check the measuring helper itself on figures built to fail."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from tests.readability import Renderer, measure_page, summary
from timeline.figures import network_figure, strip_figure
from timeline.formats import load_story
from timeline.model import Story
from timeline.views import ViewState, make_view

pytestmark = pytest.mark.browser

SCRIPTS = ("big_fish", "charade")
STRIP_WIDTH, MAX_HEIGHT = 1400, 1800
NETWORK_SIZES = ((900, 520), (1400, 520))  # the app's network column, and the full width of a big story


@pytest.fixture(scope="module")
def renderer():
    with Renderer() as r:
        yield r


@pytest.fixture(scope="module", params=SCRIPTS)
def script(request, corpus) -> Story:
    return load_story(corpus / "fountain" / "screenplays" / f"{request.param}.fountain")


# ---- the helper can fail ---------------------------------------------------------------

def test_measure_finds_overlaps_clipping_small_fonts_and_legend(renderer):
    fig = go.Figure(go.Scatter(x=[0, 1], y=[0, 1], name="a"))
    fig.add_trace(go.Scatter(x=[0, 1], y=[1, 0], name="b"))
    fig.add_annotation(text="first label", x=0.5, y=0.5, showarrow=False)
    fig.add_annotation(text="second label", x=0.5, y=0.5, showarrow=False)
    fig.add_annotation(text="far away and cut off", x=1.3, y=0.5, xref="paper", yref="paper", showarrow=False)
    fig.add_annotation(text="tiny", x=0.1, y=0.9, showarrow=False, font=dict(size=7))
    fig.add_annotation(text="ghost", x=0.9, y=0.1, showarrow=False, opacity=0.1)
    fig.update_yaxes(tickmode="array", tickvals=[0, 1], ticktext=["low", "high"])
    m = renderer.measure(fig, 500, 400)
    assert ["first label", "second label"] in m["overlaps"] or ["second label", "first label"] in m["overlaps"]
    assert "far away and cut off" in m["clipped"]
    assert m["min_font_px"] == 7
    assert m["legend_entries"] == 2
    assert "high" in m["y_labels"] and "low" in m["y_labels"]
    assert m["y_labels"].index("high") < m["y_labels"].index("low")  # top to bottom
    # the faint annotation is not counted
    bare = go.Figure().update_xaxes(visible=False).update_yaxes(visible=False)
    m2 = renderer.measure(bare.add_annotation(text="ghost", opacity=0.1, showarrow=False), 300, 300)
    assert m2["texts"] == 0
    m3 = renderer.measure(bare.update_annotations(opacity=1.0), 300, 300)
    assert m3["texts"] == 1
    assert measure_page(renderer.page, "#graph") == m3  # the same numbers from a live page


def test_measure_finds_text_clipped_by_the_plot_area(renderer):
    fig = go.Figure(go.Scatter(x=[0, 1], y=[0, 1], mode="markers+text", text=["", "a label at the edge"],
                               textposition="middle right", cliponaxis=True))
    fig.update_xaxes(range=[0, 1.02])
    m = renderer.measure(fig, 400, 300)
    assert "a label at the edge" in m["clipped"]


# ---- the corpus scripts --------------------------------------------------------------

def _readable(m, what):
    assert not m["overlaps"], f"{what}: {summary(m)}"
    assert not m["clipped"], f"{what}: {summary(m)}"
    assert m["min_font_px"] is not None and m["min_font_px"] >= 10, f"{what}: {summary(m)}"
    assert m["legend_entries"] <= 15, f"{what}: {summary(m)}"


def test_strip_readable_at_feature_length(renderer, script):
    view = make_view(script, ViewState())
    fig = strip_figure(view)
    height = min(int(fig.layout.height), MAX_HEIGHT)
    m = renderer.measure(fig, STRIP_WIDTH, height)
    _readable(m, f"{script.title} strip")
    rows = fig.layout.meta["grid_rows"]
    assert len(rows) == len(view.shown) + (1 if view.folded else 0)
    assert m["y_labels"] == rows, "every grid row labelled, most important on top"
    assert m["legend_entries"] >= 2


@pytest.mark.parametrize("size", NETWORK_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_network_readable_at_feature_length(renderer, script, size):
    view = make_view(script, ViewState())
    fig = network_figure(view)
    m = renderer.measure(fig, *size)
    _readable(m, f"{script.title} network {size}")
    labelled = fig.layout.meta["labelled"]
    assert len(labelled) >= min(10, len(view.shown)), "the main cast is labelled"


def test_markup_in_story_text_is_shown_literally(renderer):
    nasty = ['<a href=x>y</a>', '<span style="font-size:80px">big</span>']
    story = Story(title="Markup", characters=[{"id": "a", "name": nasty[0]}, {"id": "b", "name": nasty[1]},
                                              {"id": "c", "name": "Plain"}],
                  locations=[{"id": "p", "name": "<b>Place</b>"}],
                  scenes=[{"id": f"s{i}", "title": "t", "location": "p", "characters": ["a", "b", "c"]}
                          for i in range(4)])
    view = make_view(story)
    strip = renderer.measure(strip_figure(view), 1000, 400)
    assert nasty[0] in strip["y_labels"]
    assert any(t.startswith("<span style") for t in strip["y_labels"])  # cut to fit, never parsed
    assert strip["min_font_px"] >= 10  # an 80 px font would have been applied as markup
    net = network_figure(view)
    m = renderer.measure(net, 900, 520)
    texts = renderer.page.evaluate("() => Array.from(document.querySelectorAll('#graph .textpoint text'))"
                                   ".map(t => t.textContent)")
    assert nasty[0] in texts
    assert any(t.startswith("<span style") for t in texts)
    assert m["min_font_px"] >= 10 and not renderer.page.query_selector("#graph a[href]")
