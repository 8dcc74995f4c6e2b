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

__all__ = ["CHARTS", "make_figure"]

#: The charts, in menu order; each has a module ``timeline.figures.<chart>`` with ``build``.
CHARTS = ("storyline", "strip", "network", "storycurve", "arcs")

_FRAME_KEYS = ("width", "height", "title")


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
