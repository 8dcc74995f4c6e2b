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

The network's window (``win`` in the query, :mod:`layouts.state`) is the network's
alone, so moving it costs one request for the network and nothing else: in the
page, a clientside callback (:func:`register_views`) sends a new view state to
:data:`~layouts.ids.VIEWS_FOR` (the storyline first, then the rest, as above)
unless only ``win`` changed, and then to :data:`~layouts.ids.WINDOW_FOR`, which
only the network's callback listens to. The story curve (brushing it sets the
scene range, :mod:`layouts.storycurve`) and the arcs come with the strip.

**Drawn for the window's width**: the page hands the views its width class
(:data:`WINDOW_WIDTHS`, the :data:`~layouts.ids.VIEWPORT` store, set by the same
clientside split and again after a resize, ``assets/viewport.js``); each figure is
built for the width its card has there (:func:`chart_width`), so the library chooses
the level of detail (ticks, names, legends, a window of scenes on a phone), and is
then drawn as wide as its card. Figures are cached per width class.
"""

from __future__ import annotations

import logging
import pickle
import time

from dash import Input, Output, Patch, State, callback, clientside_callback, no_update

# imported here, once, not lazily inside callbacks: the threaded server runs callbacks at
# the same time, and concurrent first imports of numpy/networkx can fail half-initialised
from timeline import figures as F
from timeline.figures import storyline as _storyline_figures
from timeline.figures.storycurve import note_parts
from timeline.narrative import nonlinearity
from timeline.storyline import layout_story

from . import characters, ids
from .cache import MB, ByteCache, json_size, layout_disk_cache
from .patching import prepare, update_patch
from .state import Current, current

__all__ = ["CHARTS", "CHART_HEIGHT", "MAX_HEIGHT", "build_figure", "figure", "figure_update", "storyline_layout",
           "warm_layouts", "graph_style", "graph_config", "chart_update", "register_views", "draw_rest", "draw_window", "network_width", "arcs_width",
           "nonlinearity_note", "REST"]

log = logging.getLogger(__name__)

CHARTS = ("storyline", "strip", "network", "storycurve", "arcs")
#: Drawn in the second request of a view change (the storyline is the first).
REST = ("strip", "network", "storycurve", "arcs")
CHART_HEIGHT = {"storyline": 520, "strip": 300, "network": 520, "storycurve": 560, "arcs": 560}
#: Charts as tall as their cast needs, up to MAX_HEIGHT px (the others: CHART_HEIGHT).
GROWS = ("storyline", "strip", "arcs", "network", "storycurve")
MAX_HEIGHT = 1800
#: The graphs' widths in the app at a 1400 px window (the story curve and the arcs share a row).
CHART_WIDTH = {"storyline": 1400, "strip": 1400, "network": 900, "storycurve": 800, "arcs": 560}
#: From this many characters drawn, the network gets the page's full width.
NETWORK_FULL_WIDTH_AT = 30
#: The page's widths the figures are drawn for (CSS px): the window's width is taken
#: down to one of these, so each figure places its texts for at most the room it gets
#: (a little more room only spreads them) and the cache holds a few sizes per view.
WINDOW_WIDTHS = (360, 390, 414, 480, 576, 640, 768, 900, 1024, 1200, 1400, 1600, 1920, 2560)
#: Bootstrap's ``lg`` breakpoint: from this window width the cards sit side by side.
LG = 992


def window_width(width) -> int | None:
    """The largest of :data:`WINDOW_WIDTHS` that fits a window ``width`` px wide (None: unknown)."""
    try:
        w = int(width)
    except (TypeError, ValueError):
        return None
    return max([v for v in WINDOW_WIDTHS if v <= w] or [WINDOW_WIDTHS[0]])


def chart_width(chart: str, window: int | None, cur: Current | None = None) -> int:
    """The width (CSS px) of a chart's plot in a window ``window`` px wide: the page's
    container (12 px each side, 8 below 576), the card's 4 px, and at ``lg`` and up the
    chart's share of its row (:func:`network_width`, :func:`arcs_width`)."""
    if not window:
        return CHART_WIDTH[chart]
    pad = 8 if window < 576 else 12
    inner = window - 2 * pad - 2 * 4
    if window < LG or chart in ("storyline", "strip"):
        return max(200, inner)
    cols = {"network": network_width(cur) if cur else 7, "storycurve": 7,
            "arcs": arcs_width(cur) if cur else 5}[chart]
    row = window - 2 * pad + 16  # the row's negative margins (gutter 1rem)
    return max(200, int(row * cols / 12) - 16 - 2 * 4)

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
        lay = layout_story(cur.story, scene_ids=list(scene_ids), cache=layout_disk_cache(),
                           order=cur.state.order)
        log.debug("storyline layout %s (%d scenes): %.0f ms", cur.story_id, len(scene_ids),
                  1000 * (time.perf_counter() - t0))
        return lay

    full = scene_ids == _ordered_ids(cur)
    key = (cur.story_id, cur.state.order) if full else (cur.story_id, cur.state.order, scene_ids)
    return LAYOUTS.get_or_make(key, make, _pickled_size)


def storyline_layout(cur: Current):
    """The storyline layout of the whole story in the view's order, cached per (story, order)."""
    return _layout(cur, _ordered_ids(cur))


def warm_layouts(story_path=None) -> None:
    """Lay out the default story (``story_path``; Desperado when None) in both orders, into
    the disk cache the workers share (:func:`~layouts.cache.layout_disk_cache`), so a
    server's first requests find its storyline made (``serve`` calls this before it serves)."""
    from . import stories

    stories.configure(story_path)
    for query in ("", "?order=story"):  # telling order, story order (the same layout when there is none)
        storyline_layout(current(query))


def _view_layout(cur: Current):
    """The layout the storyline figure is given for this view: the full story's, which
    the figure slices to the view's scenes (``timeline.figures.storyline.slice_layout``).
    (A figure module without slicing is given the view's own scenes' layout.)"""
    if hasattr(_storyline_figures, "slice_layout"):
        return storyline_layout(cur)
    return _layout(cur, tuple(s.id for s in cur.view.scenes))


def build_figure(chart: str, cur: Current, *, as_dict: bool = False, **size):
    """A plotly figure from :mod:`timeline.figures` (pure), or with ``as_dict`` the plain
    dict of its ``to_plotly_json()`` (made without plotly's objects: what the app sends).
    Without a height, the storyline and the strip are as tall as their cast needs (up to
    :data:`MAX_HEIGHT`)."""
    size["as_dict"] = as_dict
    if chart not in GROWS:
        size.setdefault("height", CHART_HEIGHT[chart])
    if chart == "storyline":
        if cur.view.empty:
            return F.storyline_figure(cur.view, **size)
        return _capped(F.storyline_figure(cur.view, layout=_view_layout(cur), **size), size)
    if chart == "strip":
        return _capped(F.strip_figure(cur.view, colour_by=cur.state.colour_by, **size), size)
    if chart == "network":
        return F.network_figure(cur.net_view, colour_by=cur.net, **size)
    if chart == "storycurve":
        return F.storycurve_figure(cur.view, colour_by=cur.state.colour_by, **size)
    if chart == "arcs":
        return _capped(F.arcs_figure(cur.view, **size), size)
    raise ValueError(f"unknown chart {chart!r}")


def _capped(fig, size: dict):
    if isinstance(fig, dict):
        if "height" not in size and (fig["layout"].get("height") or 0) > MAX_HEIGHT:
            fig["layout"]["height"] = MAX_HEIGHT
    elif "height" not in size and (fig.layout.height or 0) > MAX_HEIGHT:
        fig.update_layout(height=MAX_HEIGHT)
    return fig


def _cached(chart: str, cur: Current, window: int | None = None) -> tuple[dict, str]:
    """``(figure dict, frame key)`` of a chart for the view in a window ``window`` px
    wide (one of :data:`WINDOW_WIDTHS`; None: the app's 1400), from the cache. The
    figure places its texts for the chart's width there (:func:`chart_width`) and is
    then drawn as wide as its card (no fixed width)."""
    window = window_width(window) if window else None
    key = ((chart, cur.story_id, cur.net_state, cur.net, window) if chart == "network"
           else (chart, cur.story_id, cur.state, None, window))

    def make():
        t0 = time.perf_counter()
        size = {"width": chart_width(chart, window, cur)} if window else {}
        built = build_figure(chart, cur, as_dict=True, **size)  # a plain dict: no plotly objects, no copies
        built.get("layout", {}).pop("width", None)
        fig = prepare(built)
        log.debug("%s %s %s: %.0f ms", chart, cur.story_id, cur.query or "-", 1000 * (time.perf_counter() - t0))
        return fig

    return FIGURES.get_or_make(key, make, lambda entry: json_size(entry[0]) + len(entry[1]))


def figure(chart: str, cur: Current, window: int | None = None) -> dict:
    """The figure of ``chart`` for the current view, as a plain dict (cached)."""
    return _cached(chart, cur, window)[0]


def figure_update(chart: str, cur: Current, drawn: str | None, window: int | None = None):
    """``(figure or Patch, frame key)``: a style-only patch when the page already shows a
    figure of the same frame (``drawn`` is its frame key), else the whole figure."""
    fig, key = _cached(chart, cur, window)
    patch = update_patch(fig, key, drawn)
    return (fig if patch is None else patch), key


def graph_style(chart: str, fig) -> dict:
    """The graph's CSS height: the figure's (a chart that grows with its cast gets the
    room for every name), or the chart's fixed height."""
    height = fig.get("layout", {}).get("height") if isinstance(fig, dict) else None
    return {"height": f"{int(height or CHART_HEIGHT[chart])}px"}


#: The chart toolbar keeps what people use: zoom, pan, zoom in/out and back to the
#: whole chart. Images come from the card's Export menu (the server's exporter), and
#: nothing talks to an outside service (no "Edit in Chart Studio", no cloud upload).
MODEBAR_REMOVE = ("toImage", "lasso2d", "select2d", "autoScale2d", "hoverClosestCartesian", "hoverCompareCartesian",
                  "toggleSpikelines", "sendDataToCloud", "editInChartStudio", "toggleHover", "resetViews",
                  "hoverClosestGl2d", "resetViewMapbox")


def graph_config(chart: str) -> dict:
    """Modebar settings of a chart's graph (see :data:`MODEBAR_REMOVE`); the story curve
    keeps its box select (brushing it sets the scene range)."""
    remove = [b for b in MODEBAR_REMOVE if not (chart == "storycurve" and b == "select2d")]
    return {
        "displaylogo": False,
        "responsive": True,
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "showLink": False,
        "displayModeBar": True,
        "modeBarButtonsToRemove": remove,
        "doubleClick": "reset",
    }


def chart_update(chart: str, query, upload, drawn=None, window=None):
    """``(figure or style-only Patch, graph config or no_update, frame key)`` of a chart."""
    cur = current(query, upload)
    return _chart_outputs(chart, cur, drawn, window)[:3]


def _chart_outputs(chart: str, cur: Current, drawn, window=None):
    fig, key = figure_update(chart, cur, drawn, window)
    if isinstance(fig, Patch):
        return fig, no_update, key, no_update
    return fig, graph_config(chart), key, graph_style(chart, fig)


def arcs_width(cur: Current) -> int:
    """Bootstrap columns for the arcs: beside the story curve, or, when the network takes
    the whole row (the Details card then sits beside the story curve), a row of its own."""
    return 12 if network_width(cur) == 12 else 5


def network_width(cur: Current) -> int:
    """Bootstrap columns (of 12, at ``lg``) for the network: all of them for a big story."""
    return 12 if len(cur.view.characters) >= NETWORK_FULL_WIDTH_AT else 7


def nonlinearity_note(cur: Current) -> str:
    """The story curve card's summary of the view's scenes in telling order, e.g.
    ``"Nonlinearity 0.040 · 1 jump back · 3 of 98 scenes out of place"``
    (:func:`timeline.narrative.nonlinearity`)."""
    m = nonlinearity(sorted(cur.view.scenes, key=lambda s: s.index))
    if not m.scenes:
        return "Nonlinearity: no scene"
    parts = note_parts(m, cur.story.chronology)
    if m.linear and cur.story.chronology:
        return f"Nonlinearity 0 · told in story order · {m.scenes} scenes"
    return " · ".join(short for _, short in parts if short)


def filter_hint(cur: Current) -> str:
    """Why a filter control has no effect on this view, in a sentence ("" when all do):
    "all", "hide" and "chosen" act on chosen characters; "chronological" needs a story
    order of the script's own (:attr:`timeline.model.Story.chronology`)."""
    s = cur.state
    idle = [word for word, on in (("“all”", s.mode == "all"), ("“hide”", s.emphasis == "only"),
                                  ("“chosen”", getattr(s, "cast", "main") == "chosen")) if on]
    out = []
    if idle and not s.characters:
        out.append(f"{' and '.join(idle)} act on the characters you choose: choose one under Characters "
                   f"(or click a row of the table).")
    if s.order == "story" and not cur.story.chronology:
        out.append("This script has no story order of its own: “chronological” shows the order it is told in.")
    return " ".join(out)


#: In the page: a new view state goes to the views (VIEWS_FOR), or, when only the
#: network's window changed since the views were drawn, to the network alone (WINDOW_FOR).
SPLIT_STATE_JS = """function(query, resized, viewsFor, drawnWidth) {
    var base = function (q) {
        var p = new URLSearchParams((q || '').replace(/^\\?/, ''));
        p.delete('win');
        return p.toString();
    };
    var nu = window.dash_clientside.no_update;
    var widths = %(widths)s, w = document.documentElement.clientWidth || window.innerWidth || 1400;
    var width = widths.filter(function (v) { return v <= w; }).pop() || widths[0];
    var trig = ((window.dash_clientside.callback_context || {}).triggered || [])
        .map(function (t) { return t.prop_id.split('.')[0]; });
    if (query === null || query === undefined) { return [nu, nu, nu]; }
    if (width !== drawnWidth) { return [query, nu, width]; }  // a new width: every view anew
    if (trig.length === 1 && trig[0] === '%(resize)s') { return [nu, nu, nu]; }
    if (viewsFor !== null && viewsFor !== undefined && base(query) === base(viewsFor)) {
        return [nu, query, nu];  // only the window: the network alone (a window back to the views' one too)
    }
    return [query, nu, nu];
}""" % {"widths": list(WINDOW_WIDTHS), "resize": ids.RESIZE}


def register_views():
    """Register the callbacks that draw the views when the view state changes:
    in the page, :data:`SPLIT_STATE_JS` hands the state to the views or to the network
    alone; the storyline first (:data:`~layouts.ids.VIEWS_FOR` in), then, once it is
    drawn (its :data:`~layouts.ids.DRAWN` store), the strip, the network, the story
    curve, the arcs, the characters table and the network's width in one request; a
    new network window (:data:`~layouts.ids.WINDOW_FOR`) redraws the network only."""
    chart_outputs = {chart: [Output(ids.GRAPHS[chart], "figure"), Output(ids.GRAPHS[chart], "config"),
                             Output(ids.DRAWN[chart], "data"), Output(ids.GRAPHS[chart], "style")]
                     for chart in CHARTS}

    clientside_callback(
        SPLIT_STATE_JS,
        Output(ids.VIEWS_FOR, "data"),
        Output(ids.WINDOW_FOR, "data"),
        Output(ids.VIEWPORT, "data"),
        Input(ids.STATE, "data"),
        Input(ids.RESIZE, "data"),
        State(ids.VIEWS_FOR, "data"),
        State(ids.VIEWPORT, "data"),
    )

    @callback(
        *chart_outputs["storyline"],
        Input(ids.VIEWS_FOR, "data"),
        State(ids.UPLOAD_STORE, "data"),
        State(ids.DRAWN["storyline"], "data"),
        State(ids.VIEWPORT, "data"),
    )
    def draw_storyline(query, upload, drawn, window=None):
        return _chart_outputs("storyline", current(query, upload), drawn, window)

    @callback(
        *(o for chart in REST for o in chart_outputs[chart]),
        Output(ids.NONLINEARITY, "children"),
        Output(ids.CHARACTER_TABLE, "rowData"),
        Output(ids.NETWORK_COL, "lg"),
        Output(ids.ARCS_COL, "lg"),
        Output(ids.FILTER_HINT, "children"),
        Input(ids.DRAWN["storyline"], "data"),
        State(ids.STATE, "data"),
        State(ids.UPLOAD_STORE, "data"),
        *(State(ids.DRAWN[chart], "data") for chart in REST),
        State(ids.VIEWPORT, "data"),
    )
    def draw_others(_storyline_drawn, query, upload, *drawn):
        return draw_rest(query, upload, *drawn)

    @callback(
        *(Output(o.component_id, o.component_property, allow_duplicate=True) for o in chart_outputs["network"]),
        Input(ids.WINDOW_FOR, "data"),
        State(ids.UPLOAD_STORE, "data"),
        State(ids.DRAWN["network"], "data"),
        State(ids.VIEWPORT, "data"),
        prevent_initial_call=True,
    )
    def draw_network_window(query, upload, drawn, window=None):
        return draw_window(query, upload, drawn, window)

    return draw_storyline, draw_others, draw_network_window


def draw_rest(query, upload, strip_drawn=None, network_drawn=None, storycurve_drawn=None, arcs_drawn=None,
              window=None):
    """Every output of the second views callback (a plain function): strip, network,
    story curve, arcs (figure, config, frame key, style each), the nonlinearity note,
    the table's rows, the network's width, the arcs' width and the filter hint."""
    cur = current(query, upload)
    drawn = dict(zip(REST, (strip_drawn, network_drawn, storycurve_drawn, arcs_drawn)))
    return (*(o for chart in REST for o in _chart_outputs(chart, cur, drawn[chart], window)),
            nonlinearity_note(cur), characters.table_update(cur), network_width(cur), arcs_width(cur),
            filter_hint(cur))


def draw_window(query, upload, drawn=None, window=None):
    """The network's outputs (figure, config, frame key, style) for a new window: the
    only chart a window change redraws (a plain function; config and style unchanged)."""
    fig, _config, key, _style = _chart_outputs("network", current(query, upload), drawn, window)
    # the same story and the network's fixed height: its config and style stay (a new
    # config would make the page build the plot anew instead of reacting to the data)
    return fig, no_update, key, no_update
