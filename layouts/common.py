"""What every view callback needs: the view state from the query string, the
story it names, and figures (cached read-only by story and state).

The canonical query string (``?story=…&c=carolina&net=group``) is the whole
view state; :data:`~layouts.ids.STATE` holds it in the page.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock
from urllib.parse import parse_qs, urlencode

from dash import Input, Output, Patch, State, callback, no_update

# imported here, once, not lazily inside callbacks: the threaded server runs
# the three figure callbacks at the same time, and concurrent first imports of
# numpy/networkx can fail half-initialised
from timeline import figures as F  # noqa: E402
from timeline.model import Story
from timeline.storyline import layout_story
from timeline.views import StoryView, ViewState, make_view

from . import ids, stories

#: Print how long each figure and layout takes to build (SCENE_TIMELINE_TIMING=1).
TIMING = bool(os.environ.get("SCENE_TIMELINE_TIMING"))

NETWORK_COLOURS = ("community", "group")
CHART_HEIGHT = {"storyline": 520, "strip": 300, "network": 520}
#: Charts as tall as their cast needs, up to MAX_HEIGHT px (the others: CHART_HEIGHT).
GROWS = ("storyline", "strip")
MAX_HEIGHT = 1800
CHART_WIDTH = {"storyline": 1400, "strip": 1400, "network": 900}


@dataclass(frozen=True)
class Current:
    story_id: str
    story: Story
    state: ViewState
    net: str

    @property
    def view(self) -> StoryView:
        v = self.__dict__.get("_view")
        if v is None:
            v = make_view(self.story, self.state)
            object.__setattr__(self, "_view", v)
        return v

    @property
    def query(self) -> str:
        return compose_query(self.state, self.net, default_story=stories.default_story_id())


def parse_query(query: str | None) -> tuple[ViewState, str]:
    state = ViewState.from_query(query)
    net = parse_qs((query or "").lstrip("?")).get("net", ["community"])[0]
    return state, (net if net in NETWORK_COLOURS else "community")


def compose_query(state: ViewState, net: str = "community", default_story: str | None = None) -> str:
    if state.story == default_story:
        state = state.replace(story=None)
    q = state.to_query()
    if net != "community":
        q += ("&" if q else "?") + urlencode({"net": net})
    return q


def current(query: str | None, upload: dict | None = None) -> Current:
    """The story and state a query string names (unknown stories fall back to the default)."""
    state, net = parse_query(query)
    sid, story = stories.resolve(state.story, upload)
    state = state.replace(story=sid)
    n = len(story.scenes)
    if state.scenes is not None:
        lo, hi = state.scenes
        lo, hi = min(lo, max(n - 1, 0)), min(hi, max(n - 1, 0))
        state = state.replace(scenes=None if (lo, hi) == (0, max(n - 1, 0)) else (lo, hi))
    return Current(sid, story, state, net)


# ---------------------------------------------------------------- figures
class _Lru:
    """A small thread-safe LRU map (Dash runs callbacks in threads). Values are pure
    functions of their keys, so a cache holds no per-user state."""

    def __init__(self, size: int):
        self.size, self._items, self._lock = size, OrderedDict(), Lock()

    def get(self, key):
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
            return hit

    def put(self, key, value):
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


_FIGURES = _Lru(96)  # (chart, story, state, net) -> (figure dict, frame key)
_LAYOUTS = _Lru(32)  # (story, scene ids) -> StorylineLayout

#: Trace properties a filter change in highlight mode may restyle (opacities,
#: colours, widths). Their *scalar* values are a trace's style; everything else,
#: arrays inside them included, is the trace's *frame*.
STYLE_KEYS = ("opacity", "line", "marker", "textfont", "fillcolor")
#: Layout properties that follow the filter (the title names it, annotations may
#: fade); the rest of the layout is the frame.
LAYOUT_STYLE_KEYS = ("title", "annotations")  # (and datarevision, which follows the frame)
_SCALAR = "\x00"  # stands for a style value in a frame digest


def _digest(obj) -> str:
    text = json.dumps(obj, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _frame_of(value):
    """``value`` with its scalar leaves blanked out: what a style patch cannot change."""
    if isinstance(value, dict):
        return {k: _frame_of(v) for k, v in value.items()}
    return value if isinstance(value, (list, tuple)) else _SCALAR


def _style_leaves(value, path=()):
    """``(path, scalar)`` of every scalar leaf (the style a patch sets)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _style_leaves(v, (*path, k))
    elif not isinstance(value, (list, tuple)):
        yield path, value


def frame_key(fig: dict) -> str:
    """``"<layout frame>:<trace frame>,<trace frame>,…"``: digests of everything in a
    figure but its style (the scalars under :data:`STYLE_KEYS`, and
    :data:`LAYOUT_STYLE_KEYS`). Where two figures share the layout frame and the number
    of traces, one becomes the other by :func:`update_patch`: set the style scalars of
    the traces whose frame is the same, replace the others."""
    layout = fig.get("layout", {})
    head = _digest([{k: v for k, v in layout.items() if k not in LAYOUT_STYLE_KEYS},
                    sorted(k for k in LAYOUT_STYLE_KEYS if k in layout)])
    traces = [_digest({k: (_frame_of(v) if k in STYLE_KEYS else v) for k, v in t.items()})
              for t in fig.get("data", ())]
    return head + ":" + ",".join(traces)


def update_patch(fig: dict, key: str, drawn: str | None) -> Patch | None:
    """A :class:`dash.Patch` turning the figure whose frame key is ``drawn`` into ``fig``
    (frame key ``key``), or None when only the whole figure will do.

    A trace of the same frame gets only its style scalars (``marker.opacity``, not the
    ``marker`` with its arrays): plotly.js compares arrays by identity, so a new array,
    even an equal one, makes it recompute the whole chart instead of restyling it."""
    if not drawn or ":" not in drawn:
        return None
    head, _, rest = key.partition(":")
    old_head, _, old_rest = drawn.partition(":")
    new_traces, old_traces = rest.split(",") if rest else [], old_rest.split(",") if old_rest else []
    if head != old_head or len(new_traces) != len(old_traces):
        return None
    p = Patch()
    for i, (t, a, b) in enumerate(zip(fig.get("data", ()), new_traces, old_traces)):
        if a != b:
            p["data"][i] = t
            continue
        for k in STYLE_KEYS:
            for path, value in _style_leaves(t.get(k), (k,)) if k in t else ():
                target = p["data"][i]
                for part in path[:-1]:
                    target = target[part]
                target[path[-1]] = value
    for k in (*LAYOUT_STYLE_KEYS, "datarevision"):
        if k in fig.get("layout", {}):
            p["layout"][k] = fig["layout"][k]
    return p


def _merged(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merged(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _inline_template(layout: dict) -> dict:
    """The layout with its template's layout values written in (the figure's own win).

    plotly.js compares ``layout.template`` by identity and recomputes the whole chart
    when it differs, and the page hands it a new copy with every update."""
    template = layout.get("template")
    if not isinstance(template, dict) or set(template) - {"layout"}:
        return layout  # trace defaults too: keep the template as it is
    return _merged(template.get("layout", {}), {k: v for k, v in layout.items() if k != "template"})


def _cached(chart: str, cur: Current) -> tuple[dict, str]:
    key = (chart, cur.story_id, cur.state, cur.net if chart == "network" else None)
    hit = _FIGURES.get(key)
    if hit is not None:
        return hit
    t0 = time.perf_counter()
    fig = build_figure(chart, cur).to_plotly_json()
    meta = fig.get("layout", {}).get("meta")
    if isinstance(meta, dict):
        # the page keeps the view state in the URL, not in layout.meta: plotly.js redraws the
        # whole chart when layout.meta changes (editType "plot"), a restyle would cost a replot
        fig["layout"]["meta"] = {k: v for k, v in meta.items() if k in ("chart", "story", "restyle")}
    fig["layout"] = _inline_template(fig.get("layout", {}))
    t1 = time.perf_counter()
    frame = frame_key(fig)
    # plotly.js takes arrays as unchanged while datarevision stays the same; without it
    # every array of a new identity counts as new data, and the page's copies of the
    # layout's arrays (tick values, ...) always have a new identity: a recompute each time
    fig["layout"]["datarevision"] = _digest(frame)
    entry = (fig, frame)
    if TIMING:
        print(f"[timing] {chart} {cur.story_id} {cur.query or '-'}: build {1000 * (t1 - t0):.0f} ms, "
              f"frame key {1000 * (time.perf_counter() - t1):.0f} ms", file=sys.stderr, flush=True)
    return _FIGURES.put(key, entry)


def figure(chart: str, cur: Current) -> dict:
    """The figure of ``chart`` for the current view, as a plain dict (cached)."""
    return _cached(chart, cur)[0]


def figure_update(chart: str, cur: Current, drawn: str | None):
    """``(figure or Patch, frame key)``: an :func:`update_patch` when the page already
    shows a figure of the same frame (``drawn`` is its frame key), else the whole figure."""
    fig, key = _cached(chart, cur)
    patch = update_patch(fig, key, drawn)
    return (fig if patch is None else patch), key



def storyline_layout(cur: Current):
    """The storyline layout of the view's scenes, cached by (story, scene ids).

    Fading characters in and out (highlight mode) keeps the same scenes, so a
    filter change reuses the layout and only restyles the lines.
    """
    key = (cur.story_id, tuple(s.id for s in cur.view.scenes))
    hit = _LAYOUTS.get(key)
    if hit is not None:
        return hit
    t0 = time.perf_counter()
    lay = layout_story(cur.story, scene_ids=list(key[1]))
    if TIMING:
        print(f"[timing] storyline layout {cur.story_id} ({len(key[1])} scenes): "
              f"{1000 * (time.perf_counter() - t0):.0f} ms", file=sys.stderr, flush=True)
    return _LAYOUTS.put(key, lay)


def build_figure(chart: str, cur: Current, **size):
    """A plotly figure from :mod:`timeline.figures` (pure). Without a height, the storyline
    and the strip are as tall as their cast needs (up to :data:`MAX_HEIGHT`)."""
    if chart not in GROWS:
        size.setdefault("height", CHART_HEIGHT[chart])
    if chart == "storyline":
        if cur.view.empty:
            return F.storyline_figure(cur.view, **size)
        return _capped(F.storyline_figure(cur.view, layout=storyline_layout(cur), **size), size)
    if chart == "strip":
        return _capped(F.strip_figure(cur.view, colour_by=cur.state.colour_by, **size), size)
    if chart == "network":
        return F.network_figure(cur.view, colour_by=cur.net, **size)
    raise ValueError(f"unknown chart {chart!r}")


def _capped(fig, size: dict):
    if "height" not in size and (fig.layout.height or 0) > MAX_HEIGHT:
        fig.update_layout(height=MAX_HEIGHT)
    return fig


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
    fig, key = figure_update(chart, cur, drawn)
    return fig, (no_update if isinstance(fig, Patch) else graph_config(chart, cur)), key


def register_chart(chart: str, trigger: Input):
    """Register the callback that draws ``chart`` when ``trigger`` fires: figure (or a
    style-only Patch), config, the frame key drawn, and the graph's height."""
    graph_id = ids.GRAPHS[chart]

    @callback(
        Output(graph_id, "figure"),
        Output(graph_id, "config"),
        Output(ids.DRAWN[chart], "data"),
        Output(graph_id, "style"),
        trigger,
        State(ids.UPLOAD_STORE, "data"),
        State(ids.DRAWN[chart], "data"),
        State(ids.STATE, "data"),
    )
    def _draw(trigger_value, upload, drawn, state):
        query = trigger_value if trigger.component_id == ids.STATE else state
        fig, config, key = chart_update(chart, query, upload, drawn)
        return fig, config, key, (no_update if isinstance(fig, Patch) else graph_style(chart, fig))

    return _draw


def follow_storyline(chart: str):
    """Register the callback that redraws ``chart`` once the storyline is drawn: the
    chart people look at first is updated first, the others a round trip later."""
    return register_chart(chart, Input(ids.DRAWN["storyline"], "data"))
