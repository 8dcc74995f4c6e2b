"""What every view callback needs: the view state from the query string, the
story it names, and figures (cached read-only by story and state).

The canonical query string (``?story=…&c=carolina&net=group``) is the whole
view state; :data:`~layouts.ids.STATE` holds it in the page.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock
from urllib.parse import parse_qs, urlencode

# imported here, once, not lazily inside callbacks: the threaded server runs
# the three figure callbacks at the same time, and concurrent first imports of
# numpy/networkx can fail half-initialised
from timeline import figures as F  # noqa: E402
from timeline.model import Story
from timeline.views import StoryView, ViewState, make_view

from . import stories

NETWORK_COLOURS = ("community", "group")
CHART_HEIGHT = {"storyline": 520, "strip": 300, "network": 520}
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
_CACHE: "OrderedDict[tuple, dict]" = OrderedDict()
_LOCK = Lock()
_CACHE_SIZE = 96


def figure(chart: str, cur: Current) -> dict:
    """The figure of ``chart`` for the current view, as a plain dict (cached)."""
    key = (chart, cur.story_id, cur.state, cur.net if chart == "network" else None)
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            return hit
    fig = build_figure(chart, cur).to_plotly_json()
    with _LOCK:
        _CACHE[key] = fig
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return fig


try:
    from timeline.storyline import layout_story as _layout_story
except ImportError:  # the layout package is optional; the figures then lay out themselves
    _layout_story = None

_LAYOUTS: "OrderedDict[tuple, object]" = OrderedDict()


def storyline_layout(cur: Current):
    """The storyline layout of the view's scenes, cached by (story, scene ids).

    Fading characters in and out (highlight mode) keeps the same scenes, so a
    filter change reuses the layout and only restyles the lines.
    """
    if _layout_story is None:
        return None
    key = (cur.story_id, tuple(s.id for s in cur.view.scenes))
    with _LOCK:
        hit = _LAYOUTS.get(key)
        if hit is not None:
            _LAYOUTS.move_to_end(key)
            return hit
    lay = _layout_story(cur.story, scene_ids=list(key[1]))
    with _LOCK:
        _LAYOUTS[key] = lay
        while len(_LAYOUTS) > 32:
            _LAYOUTS.popitem(last=False)
    return lay


def build_figure(chart: str, cur: Current, **size):
    """A plotly figure from :mod:`timeline.figures` (pure)."""
    size.setdefault("height", CHART_HEIGHT[chart])
    if chart == "storyline":
        if cur.view.empty:
            return F.storyline_figure(cur.view, **size)
        return F.storyline_figure(cur.view, layout=storyline_layout(cur), **size)
    if chart == "strip":
        return F.strip_figure(cur.view, colour_by=cur.state.colour_by, **size)
    if chart == "network":
        return F.network_figure(cur.view, colour_by=cur.net, **size)
    raise ValueError(f"unknown chart {chart!r}")


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
            "height": CHART_HEIGHT[chart],
            "scale": 2,
        },
    }
