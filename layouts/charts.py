"""The charts: building figures, caching them, and the callbacks that draw the views.

A filter change costs the page **two** requests, one after the other
(:func:`register_views`): the storyline, the chart people look at first, gets the
server to itself; once it is drawn, one request brings the strip, the network and
the characters table. Each chart comes as a whole figure, or as a style-only
:class:`dash.Patch` when the page already shows the same frame (see
:mod:`layouts.patching`). Highlighting other characters
is restyled by the page itself before that answer comes (``assets/view_state.js``
reads the rules from the storyline's ``layout.meta.restyle``).

Figures are pure functions of (story, state) from :mod:`timeline.figures`, so they
are cached read-only by key, in caches bounded by bytes (:mod:`layouts.cache`).
The storyline is drawn from the layout of the **full story** in the view's order,
cached per (story, order): a new scene range or filter never lays out anew.
"""

from __future__ import annotations

import logging
import pickle
import time

from dash import Input, Output, Patch, State, callback, no_update

# imported here, once, not lazily inside callbacks: the threaded server runs callbacks at
# the same time, and concurrent first imports of numpy/networkx can fail half-initialised
from timeline import figures as F
from timeline.figures import storyline as _storyline_figures
from timeline.storyline import layout_story

from . import characters, ids
from .cache import MB, ByteCache, json_size
from .patching import prepare, update_patch
from .state import Current, current

__all__ = ["CHARTS", "CHART_HEIGHT", "MAX_HEIGHT", "build_figure", "figure", "figure_update", "storyline_layout",
           "graph_style", "graph_config", "chart_update", "register_views", "draw_rest", "network_width"]

log = logging.getLogger(__name__)

CHARTS = ("storyline", "strip", "network")
CHART_HEIGHT = {"storyline": 520, "strip": 300, "network": 520}
#: Charts as tall as their cast needs, up to MAX_HEIGHT px (the others: CHART_HEIGHT).
GROWS = ("storyline", "strip")
MAX_HEIGHT = 1800
CHART_WIDTH = {"storyline": 1400, "strip": 1400, "network": 900}
#: From this many characters drawn, the network gets the page's full width.
NETWORK_FULL_WIDTH_AT = 30

#: (chart, story, state, net) -> (figure dict, frame key); sized by the figure's JSON.
FIGURES = ByteCache("figures", 160 * MB)
#: (story, order[, scene ids]) -> StorylineLayout; sized by its pickle.
LAYOUTS = ByteCache("storyline layouts", 48 * MB)


def _pickled_size(obj) -> int:
    try:
        return len(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # noqa: BLE001  (an unpicklable layout is still cached, at a guess)
        return 1 * MB


def _ordered_ids(cur: Current) -> tuple[str, ...]:
    scenes = list(cur.story.scenes)
    if cur.state.order == "story":
        scenes.sort(key=lambda s: (s.chrono, s.index))
    return tuple(s.id for s in scenes)


def _layout(cur: Current, scene_ids: tuple[str, ...]):
    def make():
        t0 = time.perf_counter()
        lay = layout_story(cur.story, scene_ids=list(scene_ids))
        log.debug("storyline layout %s (%d scenes): %.0f ms", cur.story_id, len(scene_ids),
                  1000 * (time.perf_counter() - t0))
        return lay

    full = scene_ids == _ordered_ids(cur)
    key = (cur.story_id, cur.state.order) if full else (cur.story_id, cur.state.order, scene_ids)
    return LAYOUTS.get_or_make(key, make, _pickled_size)


def storyline_layout(cur: Current):
    """The storyline layout of the whole story in the view's order, cached per (story, order)."""
    return _layout(cur, _ordered_ids(cur))


def _view_layout(cur: Current):
    """The layout the storyline figure is given for this view: the full story's, which
    the figure slices to the view's scenes (``timeline.figures.storyline.slice_layout``).
    (A figure module without slicing is given the view's own scenes' layout.)"""
    if hasattr(_storyline_figures, "slice_layout"):
        return storyline_layout(cur)
    return _layout(cur, tuple(s.id for s in cur.view.scenes))


def build_figure(chart: str, cur: Current, **size):
    """A plotly figure from :mod:`timeline.figures` (pure). Without a height, the storyline
    and the strip are as tall as their cast needs (up to :data:`MAX_HEIGHT`)."""
    if chart not in GROWS:
        size.setdefault("height", CHART_HEIGHT[chart])
    if chart == "storyline":
        if cur.view.empty:
            return F.storyline_figure(cur.view, **size)
        return _capped(F.storyline_figure(cur.view, layout=_view_layout(cur), **size), size)
    if chart == "strip":
        return _capped(F.strip_figure(cur.view, colour_by=cur.state.colour_by, **size), size)
    if chart == "network":
        return F.network_figure(cur.view, colour_by=cur.net, **size)
    raise ValueError(f"unknown chart {chart!r}")


def _capped(fig, size: dict):
    if "height" not in size and (fig.layout.height or 0) > MAX_HEIGHT:
        fig.update_layout(height=MAX_HEIGHT)
    return fig


def _cached(chart: str, cur: Current) -> tuple[dict, str]:
    """``(figure dict, frame key)`` of a chart for the view, from the cache."""
    key = (chart, cur.story_id, cur.state, cur.net if chart == "network" else None)

    def make():
        t0 = time.perf_counter()
        fig = prepare(build_figure(chart, cur).to_plotly_json())
        log.debug("%s %s %s: %.0f ms", chart, cur.story_id, cur.query or "-", 1000 * (time.perf_counter() - t0))
        return fig

    return FIGURES.get_or_make(key, make, lambda entry: json_size(entry[0]) + len(entry[1]))


def figure(chart: str, cur: Current) -> dict:
    """The figure of ``chart`` for the current view, as a plain dict (cached)."""
    return _cached(chart, cur)[0]


def figure_update(chart: str, cur: Current, drawn: str | None):
    """``(figure or Patch, frame key)``: a style-only patch when the page already shows a
    figure of the same frame (``drawn`` is its frame key), else the whole figure."""
    fig, key = _cached(chart, cur)
    patch = update_patch(fig, key, drawn)
    return (fig if patch is None else patch), key


def graph_style(chart: str, fig) -> dict:
    """The graph's CSS height: the figure's (a chart that grows with its cast gets the
    room for every name), or the chart's fixed height."""
    height = fig.get("layout", {}).get("height") if isinstance(fig, dict) else None
    return {"height": f"{int(height or CHART_HEIGHT[chart])}px"}


def graph_config(chart: str, cur: Current) -> dict:
    """Modebar settings: the camera button downloads ``<story>-<chart>.png`` at 2x."""
    return {
        "displaylogo": False,
        "responsive": True,
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
        "toImageButtonOptions": {
            "format": "png",
            "filename": f"{cur.story_id}-{chart}",
            "width": CHART_WIDTH[chart],
            "height": figure(chart, cur).get("layout", {}).get("height") or CHART_HEIGHT[chart],
            "scale": 2,
        },
    }


def chart_update(chart: str, query, upload, drawn=None):
    """``(figure or style-only Patch, graph config or no_update, frame key)`` of a chart."""
    cur = current(query, upload)
    return _chart_outputs(chart, cur, drawn)[:3]


def _chart_outputs(chart: str, cur: Current, drawn):
    fig, key = figure_update(chart, cur, drawn)
    if isinstance(fig, Patch):
        return fig, no_update, key, no_update
    return fig, graph_config(chart, cur), key, graph_style(chart, fig)


def network_width(cur: Current) -> int:
    """Bootstrap columns (of 12, at ``lg``) for the network: all of them for a big story."""
    return 12 if len(cur.view.characters) >= NETWORK_FULL_WIDTH_AT else 7


def register_views():
    """Register the two callbacks that draw the views when the view state changes:
    the storyline first (:data:`~layouts.ids.STATE` in), then, once it is drawn (its
    :data:`~layouts.ids.DRAWN` store), the strip, the network, the characters table and
    the network's width in one request."""
    chart_outputs = {chart: [Output(ids.GRAPHS[chart], "figure"), Output(ids.GRAPHS[chart], "config"),
                             Output(ids.DRAWN[chart], "data"), Output(ids.GRAPHS[chart], "style")]
                     for chart in CHARTS}

    @callback(
        *chart_outputs["storyline"],
        Input(ids.STATE, "data"),
        State(ids.UPLOAD_STORE, "data"),
        State(ids.DRAWN["storyline"], "data"),
    )
    def draw_storyline(query, upload, drawn):
        return _chart_outputs("storyline", current(query, upload), drawn)

    @callback(
        *chart_outputs["strip"],
        *chart_outputs["network"],
        Output(ids.CHARACTER_TABLE, "rowData"),
        Output(ids.NETWORK_COL, "lg"),
        Input(ids.DRAWN["storyline"], "data"),
        State(ids.STATE, "data"),
        State(ids.UPLOAD_STORE, "data"),
        State(ids.DRAWN["strip"], "data"),
        State(ids.DRAWN["network"], "data"),
    )
    def draw_others(_storyline_drawn, query, upload, strip_drawn, network_drawn):
        return draw_rest(query, upload, strip_drawn, network_drawn)

    return draw_storyline, draw_others


def draw_rest(query, upload, strip_drawn=None, network_drawn=None):
    """Every output of the second views callback (a plain function): strip, network
    (figure, config, frame key, style each), the table's rows and the network's width."""
    cur = current(query, upload)
    return (*_chart_outputs("strip", cur, strip_drawn), *_chart_outputs("network", cur, network_drawn),
            characters.table_update(cur), network_width(cur))
