"""The one engine behind every public chart (the plotly-express pattern).

Each public function (:func:`~timeline.figures.storyline_figure`, ...) is a
typed, keyword-only signature that hands ``locals()`` to :func:`make_figure`.
The engine handles what every chart shares: the empty view, the theme, the
title, the size and ``layout.meta``. A chart module only contributes a
*builder*: ``build(view, **options) -> (figure, frame)`` where ``frame`` is a
dict of :func:`~timeline.figures._theme.finish` defaults (``default_height``,
``margin``).
"""

from __future__ import annotations

import importlib
import inspect

import plotly.graph_objects as go

from ._theme import empty_figure, finish

__all__ = ["CHARTS", "make_figure", "Traces", "scatter", "bar"]

#: The charts, in menu order; each has a module ``timeline.figures.<chart>`` with ``build``.
CHARTS = ("storyline", "strip", "network", "storycurve", "arcs")

_FRAME_KEYS = ("width", "height", "title")


def _unset_none(kw: dict) -> dict:
    return {k: v for k, v in kw.items() if v is not None}


def scatter(**kw) -> go.Scatter:
    """A scatter trace without plotly's per-value validation (the builders hand it plain
    lists of floats and strings; validating a feature film's traces took most of a
    build). ``go.Figure(fig.to_dict())`` still validates a whole figure (see the tests).
    A ``None`` keyword is left unset, as plotly's own constructor does."""
    return go.Scatter(**_unset_none(kw), _validate=False)


def bar(**kw) -> go.Bar:
    """A bar trace without per-value validation (see :func:`scatter`)."""
    return go.Bar(**_unset_none(kw), _validate=False)


class Traces(list):
    """Traces collected for one :class:`go.Figure` made at the end: adding them one by
    one to a figure deep-copies and re-validates each (most of the build time)."""

    def add_trace(self, trace):
        self.append(trace)

    def add_traces(self, traces):
        self.extend(traces)

    def figure(self) -> go.Figure:
        fig = go.Figure(data=list(self), _validate=False)
        fig._validate = True  # layout updates are checked as usual
        return fig


def make_figure(chart: str, args: dict) -> go.Figure:
    """Build ``chart`` from the public function's ``locals()``."""
    if chart not in CHARTS:
        raise ValueError(f"unknown chart {chart!r}; one of {', '.join(CHARTS)}")
    args = dict(args)
    view = args.pop("view")
    frame_args = {k: args.pop(k, None) for k in _FRAME_KEYS}
    if view.empty or not view.scenes:
        return empty_figure(view, chart=chart, **frame_args)
    build = importlib.import_module(f"timeline.figures.{chart}").build
    accepted = inspect.signature(build).parameters
    for k in ("width", "height"):  # a builder that places texts in pixels is told the size
        if k in accepted:
            args[k] = frame_args[k]
    fig, frame = build(view, **args)
    return finish(fig, view, chart=chart, **frame_args, **frame)
