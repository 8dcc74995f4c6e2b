"""The view state: URL query string ↔ :class:`~timeline.views.ViewState` ↔ the controls.

The canonical query string (``?c=carolina&emphasis=only&net=group``) is the
whole view state; :data:`~layouts.ids.STATE` holds it in the page and the
address bar shows it. There is **one** encoding, :data:`FIELDS`: each entry
names a query key, the control that sets it, its default and its kind. The
server encodes with :func:`encode`; the page (``assets/view_state.js``) gets the
same table as data (:func:`page_spec`, in the :data:`~layouts.ids.QUERY_SPEC`
store) and runs the same generic loop, so it holds no copy of the keys or the
defaults. Parsing is the library's :meth:`ViewState.from_query` plus the app's
own keys (``net``, ``win``).

The network's window (``win=lo-hi``, 0-based inclusive telling indices like
``scenes``) is the network's alone: the network is drawn over the scenes of the
view that lie in the window (:attr:`Current.net_view`), the other views keep the
scene range. A window that leaves the scene range is clipped to it; one outside
it is ignored (the network shows the range). It is left out of the query when it
covers every scene, as the range is.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cached_property
from typing import NamedTuple
from urllib.parse import parse_qs, urlencode

from timeline.errors import StoryError
from timeline.model import Story
from timeline.views import COLOUR_BY, StoryView, ViewState, make_view, parse_range

from . import ids, stories

__all__ = ["FIELDS", "NETWORK_COLOURS", "Current", "current", "encode", "compose_query", "parse_query",
           "parse_window", "page_spec", "controls_query"]

#: How the network can be coloured (an app-only key: the network figure's option).
NETWORK_COLOURS = ("community", "group")

_DEFAULT = ViewState()
_HAS = {f.name for f in fields(ViewState)}
#: The scene filters' query keys -> ViewState attributes.
_SCENE_FILTERS = {"loc": "locations", "tod": "times", "ie": "int_ext", "act": "acts"}


class Field(NamedTuple):
    """One query key: ``kind`` is ``"value"`` (left out at its default), ``"list"``
    (repeated, e.g. ``c=a&c=b``) or ``"range"`` (the slider's 1-based ``[lo, hi]``,
    written 0-based as ``lo-hi`` and left out when it covers every scene)."""

    key: str
    control: str
    prop: str
    default: str | None
    kind: str = "value"


#: The query keys in canonical order (that of :meth:`ViewState.to_query`, then the app's).
FIELDS: tuple[Field, ...] = tuple(f for f in (
    Field("story", ids.STORY_PICKER, "value", None),  # default: the default story (page_spec)
    Field("c", ids.CHARACTER_FILTER, "value", None, "list"),
    Field("mode", ids.MODE, "value", _DEFAULT.mode),
    Field("emphasis", ids.EMPHASIS, "value", _DEFAULT.emphasis),
    Field("order", ids.ORDER, "value", _DEFAULT.order),
    Field("colour_by", ids.STRIP_COLOUR, "value", _DEFAULT.colour_by),
    Field("cast", ids.CAST, "value", getattr(_DEFAULT, "cast", "main")),
    Field("scenes", ids.SCENE_RANGE, "value", None, "range"),
    Field("loc", ids.LOCATION_FILTER, "value", None, "list"),
    Field("tod", ids.TIME_FILTER, "value", None, "list"),
    Field("ie", ids.INT_EXT_FILTER, "value", ""),
    Field("act", ids.ACT_FILTER, "value", None, "list"),
    Field("net", ids.NETWORK_COLOUR, "value", NETWORK_COLOURS[0]),
    Field("win", ids.NETWORK_WINDOW, "value", None, "range"),
) if f.key in ("c", "scenes", "net", "win", *_SCENE_FILTERS) or f.key in _HAS)


def encode(values: dict, *, n_scenes: int, default_story: str | None) -> str:
    """The canonical query string of control values (``{key: value}``, keys of :data:`FIELDS`).

    ``assets/view_state.js`` runs this same loop over :func:`page_spec`."""
    q: list[tuple[str, str]] = []
    for f in FIELDS:
        v = values.get(f.key)
        if f.kind == "list":
            q += [(f.key, c) for c in dict.fromkeys(v or ())]
        elif f.kind == "range":
            if v and len(v) == 2:
                last = max(n_scenes - 1, 0)
                lo, hi = (min(max(int(x) - 1, 0), last) for x in v)
                if lo <= hi and (lo, hi) != (0, last):
                    q.append((f.key, f"{lo}-{hi}"))
        else:
            default = default_story if f.key == "story" else f.default
            if v is not None and v != "" and v != default:
                q.append((f.key, str(v)))
    return "?" + urlencode(q) if q else ""


def page_spec(default_story: str | None) -> dict:
    """:data:`FIELDS` as data for the page: ``{"fields": [{key, kind, default}, …]}``."""
    return {"fields": [{"key": f.key, "kind": f.kind,
                        "default": default_story if f.key == "story" else f.default} for f in FIELDS]}


def _values(state: ViewState, net: str, win: tuple[int, int] | None = None) -> dict:
    """Control values of a state (the sliders' ranges 1-based, as the controls hold them)."""
    out = {"story": state.story, "c": list(state.characters), "net": net,
           "scenes": [state.scenes[0] + 1, state.scenes[1] + 1] if state.scenes else None,
           "win": [win[0] + 1, win[1] + 1] if win else None,
           **{k: (getattr(state, a) or "") if k == "ie" else list(getattr(state, a)) for k, a in _SCENE_FILTERS.items()}}
    out.update({f.key: getattr(state, f.key) for f in FIELDS if f.key in _HAS and f.key not in out
                and f.key != "characters"})
    return out


def compose_query(state: ViewState, net: str = "community", default_story: str | None = None,
                  n_scenes: int | None = None, win: tuple[int, int] | None = None) -> str:
    """The canonical query string of a state (``n_scenes``: the story's, to leave a
    range over every scene out; unknown, the range is kept; ``win``: the network's
    window, 0-based)."""
    n = n_scenes if n_scenes is not None else 1 << 30
    return encode(_values(state, net, win), n_scenes=n, default_story=default_story)


def parse_query(query: str | None) -> tuple[ViewState, str]:
    """``(ViewState, network colouring)`` of a query string (bad values: the defaults)."""
    state = ViewState.from_query(query)
    net = parse_qs((query or "").lstrip("?")).get("net", [NETWORK_COLOURS[0]])[0]
    return state, (net if net in NETWORK_COLOURS else NETWORK_COLOURS[0])


def parse_window(query: str | None) -> tuple[int, int] | None:
    """The network's window ``win=lo-hi`` of a query string (0-based), None when absent or bad."""
    text = parse_qs((query or "").lstrip("?")).get("win", [None])[0]
    if not text:
        return None
    try:
        return parse_range(text)
    except StoryError:
        return None


@dataclass(frozen=True)
class Current:
    """What a request is about: the story (resolved), its id, the state, the network
    colouring and the network's window (0-based, clipped to the story; None: every scene)."""

    story_id: str
    story: Story
    state: ViewState
    net: str
    win: tuple[int, int] | None = None

    @cached_property
    def view(self) -> StoryView:
        return make_view(self.story, self.state)

    @property
    def net_scenes(self) -> tuple[int, int] | None:
        """The scenes the network is drawn over: the window within the scene range
        (None: the range itself; a window outside the range is ignored)."""
        if self.win is None:
            return self.state.scenes
        lo, hi = self.win
        if self.state.scenes is not None:
            lo, hi = max(lo, self.state.scenes[0]), min(hi, self.state.scenes[1])
            if lo > hi:
                return self.state.scenes
        return (lo, hi)

    @cached_property
    def net_state(self) -> ViewState:
        """The view state of the network: the state with :attr:`net_scenes` as its range."""
        return self.state.replace(scenes=self.net_scenes)

    @cached_property
    def net_view(self) -> StoryView:
        """The network's view: the scenes of :attr:`view` inside the window."""
        if self.net_state == self.state:
            return self.view
        return make_view(self.story, self.net_state)

    @property
    def query(self) -> str:
        return compose_query(self.state, self.net, default_story=stories.default_story_id(),
                             n_scenes=len(self.story.scenes), win=self.win)


def current(query: str | None, upload: dict | None = None) -> Current:
    """The story and state a query string names (unknown stories fall back to the
    default; the range is clipped to the story, and a range over every scene is none)."""
    state, net = parse_query(query)
    sid, story = stories.resolve(state.story, upload)
    state = state.replace(story=sid)
    last = max(len(story.scenes) - 1, 0)
    state = state.replace(scenes=_within(state.scenes, last))
    return Current(sid, story, state, net, _within(parse_window(query), last))


def _within(rng: tuple[int, int] | None, last: int) -> tuple[int, int] | None:
    """A 0-based range clipped to the story's scenes ``0..last``; None for every scene."""
    if rng is None:
        return None
    lo, hi = (min(v, last) for v in rng)
    return None if (lo, hi) == (0, last) else (lo, hi)


def controls_query(values: dict, upload: dict | None = None) -> str:
    """The canonical query string the controls stand for (``{key: value}`` as in
    :data:`FIELDS`): what the page's view-state callback writes."""
    story_id = values.get("story")
    sid, story = stories.resolve(story_id, upload)
    return encode({**values, "story": sid}, n_scenes=len(story.scenes), default_story=stories.default_story_id())


def colour_by(value) -> str:
    """A strip colouring, or the default for anything else."""
    return value if value in COLOUR_BY else _DEFAULT.colour_by
