"""The one engine behind every public chart (the plotly-express pattern).

Each public function (:func:`~timeline.figures.storyline_figure`, ...) is a
typed, keyword-only signature that hands ``locals()`` to :func:`make_figure`.
The engine handles what every chart shares: the empty view, the theme, the
title, the size and ``layout.meta``. A chart module only contributes a
*builder*: ``build(view, **options) -> (figure, frame)`` where ``figure`` is a plain
dict ``{"data": [trace dicts], "layout": {...}}`` (:func:`scatter`, :func:`bar`,
:class:`Traces`) and ``frame`` a dict of :func:`~timeline.figures._theme.finish`
defaults (``default_height``, ``margin``).

Figures are made as plain dicts, never through plotly's objects: plotly validates
every value it is given and deep-copies a figure when it is made and again when it is
serialised, which took most of a chart's time in the app (a filter change rebuilds five
charts). The public functions wrap the dict in a :class:`go.Figure` without validating
it again (:func:`to_figure`); ``as_dict=True`` hands the dict itself to a server. The
tests validate every chart whole (``tests/test_figure_dicts.py``).
"""

from __future__ import annotations

import importlib
import inspect

import plotly.graph_objects as go

from ._theme import empty_figure, finish

__all__ = ["CHARTS", "make_figure", "Traces", "scatter", "bar", "to_figure"]

#: The charts, in menu order; each has a module ``timeline.figures.<chart>`` with ``build``.
CHARTS = ("storyline", "strip", "network", "storycurve", "arcs")

_FRAME_KEYS = ("width", "height", "title")


def _unset_none(kw: dict) -> dict:
    return {k: v for k, v in kw.items() if v is not None}


def scatter(**kw) -> dict:
    """A scatter trace as a plain dict, as plotly would serialise it, without its per-value
    validation (the builders hand it plain lists of floats and strings; validating a
    feature film's traces took most of a build). ``go.Figure(fig.to_dict())`` still
    validates a whole figure (see the tests). A ``None`` keyword is left unset, as
    plotly's own constructor does."""
    return {"type": "scatter", **_unset_none(kw)}


def bar(**kw) -> dict:
    """A bar trace as a plain dict (see :func:`scatter`)."""
    return {"type": "bar", **_unset_none(kw)}


class Traces(list):
    """Traces (plain dicts) collected for one figure made at the end."""

    def add_trace(self, trace):
        self.append(trace)

    def add_traces(self, traces):
        self.extend(traces)

    def figure(self, layout: dict | None = None) -> dict:
        """The figure as a plain dict ``{"data": [...], "layout": {...}}`` (see :func:`make_figure`)."""
        return {"data": list(self), "layout": layout if layout is not None else {}}


def to_figure(spec: dict) -> go.Figure:
    """A :class:`go.Figure` of a plain figure dict, made without validating it again
    (``go.Figure(spec)`` validates; the tests do that for every chart); updates made
    to it afterwards are validated as usual."""
    fig = go.Figure(spec, _validate=False)
    fig._validate = True
    return fig


def make_figure(chart: str, args: dict) -> go.Figure | dict:
    """Build ``chart`` from the public function's ``locals()``: a :class:`go.Figure`, or
    with ``as_dict`` the same figure as the plain dict its ``to_plotly_json()`` gives
    (what a server sends; made without plotly's objects, their validation and copies)."""
    if chart not in CHARTS:
        raise ValueError(f"unknown chart {chart!r}; one of {', '.join(CHARTS)}")
    args = dict(args)
    as_dict = args.pop("as_dict", False)
    view = args.pop("view")
    frame_args = {k: args.pop(k, None) for k in _FRAME_KEYS}
    spec = _spec(chart, view, args, frame_args)
    return spec if as_dict else to_figure(spec)


def _spec(chart: str, view, args: dict, frame_args: dict) -> dict:
    if view.empty or not view.scenes:
        return empty_figure(view, chart=chart, **frame_args)
    build = importlib.import_module(f"timeline.figures.{chart}").build
    accepted = inspect.signature(build).parameters
    for k in ("width", "height"):  # a builder that places texts in pixels is told the size
        if k in accepted:
            args[k] = frame_args[k]
    fig, frame = build(view, **args)
    return finish(fig, view, chart=chart, **frame_args, **frame)
