"""Figures: pure functions from a StoryView to a plotly Figure.

CONTRACT agreed between the figures helper and the app helper (the lead wrote
this; implement it here, keep the names):

    from timeline.figures import (storyline_figure, strip_figure, network_figure,
                                  figure_for, character_colours, CHARTS)
    storyline_figure(view: StoryView, *, layout=None, width=None, height=None, title=None) -> go.Figure
    strip_figure(view: StoryView, *, colour_by=None, width=None, height=None, title=None) -> go.Figure
        # colour_by defaults to view.state.colour_by
    network_figure(view: StoryView, *, colour_by="community", width=None, height=None, title=None) -> go.Figure
        # or colour_by="group"
    figure_for(chart: str, view: StoryView, **options) -> go.Figure   # chart in CHARTS
    CHARTS = ("storyline", "strip", "network")
    character_colours(story) -> dict[str, str]   # depends only on the story, never on the filter

Every chart function also takes ``as_dict=True``: the same figure as the plain dict
``fig.to_plotly_json()`` gives, made without plotly's objects (no validation, no
copies), for a server that only sends it (the app). The tests validate every chart
whole (``go.Figure(fig.to_dict())``).

Conventions the app and the tests rely on:
- Every trace/point that stands for a scene carries ``customdata`` whose first
  element is the scene id (a click on any chart gives the scene id). Network
  nodes: ``customdata[0]`` is the character id.
- Character line traces: ``name`` = display name, ``meta`` = character id (when
  lines are merged into few traces for big stories, ``meta`` lists the ids);
  hover text on every point.
- ``layout.title.text`` contains the story title and the view name;
  ``layout.meta`` is a dict with at least {"chart", "story" (title),
  "state" (view.state.to_query())}.
- Faded (highlight mode, non-matching) elements get low opacity; hidden
  ("only" mode) elements are not in the view (make_view already drops them).
- An empty view (filter matches no scene) gives a figure with an annotation
  carrying ``view.empty_message()`` and no data traces.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import plotly.graph_objects as go

from ._core import CHARTS, make_figure
from ._theme import PALETTE, character_colours
from .storyline import full_layout, storyline_height

if TYPE_CHECKING:  # pragma: no cover
    from ..views import StoryView

__all__ = [
    "CHARTS",
    "PALETTE",
    "character_colours",
    "figure_for",
    "network_figure",
    "storyline_figure",
    "strip_figure",
    "storycurve_figure",
    "arcs_figure",
    "full_layout",
    "storyline_height",
]


def storyline_figure(view: "StoryView", *, layout=None, width: int | None = None,
                     height: int | None = None, title: str | None = None,
                     as_dict: bool = False) -> go.Figure:
    """The storyline chart of a view (one line per character, grouped per scene).

    Parameters
    ----------
    view : StoryView
        From :func:`timeline.views.make_view`.
    layout : StorylineLayout, optional
        The layout of the whole story in the view's order (:func:`full_layout`, cache it
        per story and order): a scene range is drawn as a slice of it, never laid out
        again. Any layout holding the view's scenes works; computed when left out.
    width, height : int, optional
        Pixels; names are placed for this size (width default 1400, the app's). The
        height defaults to :func:`storyline_height` (at most 1800).
    title : str, optional
        Replaces the default "<story> — storyline (<filter>)".
    as_dict : bool
        Return the plain dict of the figure's ``to_plotly_json()`` instead (made without
        plotly's objects; what the app sends). Every chart function takes it.
    """
    return make_figure("storyline", locals())


def strip_figure(view: "StoryView", *, colour_by: str | None = None, width: int | None = None,
                 height: int | None = None, title: str | None = None,
                     as_dict: bool = False) -> go.Figure:
    """The scene strip: scenes as coloured blocks over a character presence grid.

    ``colour_by`` is one of :data:`timeline.views.COLOUR_BY` and defaults to
    ``view.state.colour_by``.
    """
    return make_figure("strip", locals())


def network_figure(view: "StoryView", *, colour_by: Literal["community", "group"] = "community",
                   width: int | None = None, height: int | None = None,
                   title: str | None = None,
                     as_dict: bool = False) -> go.Figure:
    """The character network of a view (see :mod:`timeline.figures.network` for filtering)."""
    return make_figure("network", locals())


def storycurve_figure(view: "StoryView", *, colour_by: str | None = None, width: int | None = None,
                      height: int | None = None, title: str | None = None,
                     as_dict: bool = False) -> go.Figure:
    """The story curve: story order against telling order, one mark per scene (Kim et al. 2018).

    Marks are coloured like the scene strip (``colour_by`` defaults to
    ``view.state.colour_by``); selected characters get a line through their
    scenes; the nonlinearity is written above the plot. See
    :mod:`timeline.figures.storycurve` (and its ``brush_range`` for the app).
    """
    return make_figure("storycurve", locals())


def arcs_figure(view: "StoryView", *, width: int | None = None, height: int | None = None,
                title: str | None = None,
                     as_dict: bool = False) -> go.Figure:
    """Characters over time: presence and degree of the main cast per window of scenes.

    See :mod:`timeline.figures.arcs`.
    """
    return make_figure("arcs", locals())


_PUBLIC = {"storyline": storyline_figure, "strip": strip_figure, "network": network_figure,
           "storycurve": storycurve_figure, "arcs": arcs_figure}


def figure_for(chart: str, view: "StoryView", **options) -> go.Figure:
    """The figure of ``chart`` (one of :data:`CHARTS`) for a view; options go to its function.

    Options a chart does not take are ignored, so callers can pass e.g.
    ``width``/``height`` and ``colour_by`` uniformly.
    """
    import inspect

    if chart not in _PUBLIC:
        from ..errors import StoryError

        raise StoryError(f"unknown chart {chart!r}; one of {', '.join(CHARTS)}")
    fn = _PUBLIC[chart]
    accepted = inspect.signature(fn).parameters
    kw = {k: v for k, v in options.items() if k in accepted}
    if chart == "network" and kw.get("colour_by") not in (None, "community", "group"):
        kw.pop("colour_by")  # strip colourings do not apply to the network
    if kw.get("colour_by") is None:
        kw.pop("colour_by", None)
    return fn(view, **kw)
