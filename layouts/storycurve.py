"""The story curve: each scene's story order against its telling order (Kim et al. 2018).

Coloured like the strip (the strip's "Colour by"), the selected characters' lines
over it. Drawn with the strip by the views callback (:func:`layouts.charts.register_views`),
with the nonlinearity note in the card's header (:func:`layouts.charts.nonlinearity_note`).

Linked: brushing a span of the curve (the toolbar's box select, along x; a plain drag
zooms, as in every chart, and a double-click zooms back out)
sets the scene range of every view (the range slider, hence the URL's ``scenes``),
through :func:`timeline.figures.storycurve.brush_range`; clicking a scene opens it
in the Details card (:mod:`layouts.details`).
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, html, no_update

from timeline.figures.storycurve import brush_range

from . import ids
from .charts import chart_update
from .components import chart_card

#: The tooltip of the nonlinearity note: what it measures, and where it comes from.
NONLINEARITY_HELP = (
    "Nonlinearity: the share of scene pairs the film tells in the opposite order to the one they happen in "
    "(the normalised Kendall tau distance between telling and story order: 0 told in order, 1 told backwards; "
    "Kendall, Biometrika 1938). Jumps back: scenes told right after a scene that happens later (a flashback, "
    "or the return after a flash-forward). Scenes out of place: the fewest scenes to move to tell the story in "
    "order. After the story curves of Kim, Bach, Im, Schriber, Gross and Pfister, \"Visualizing Nonlinear "
    "Narratives with Story Curves\", IEEE TVCG 24(1), 2018."
)


def layout():
    note = html.Span("Nonlinearity …", id=ids.NONLINEARITY, className="nonlinearity small",
                     title=NONLINEARITY_HELP, tabIndex="0")
    help_ = html.Span("?", id=ids.NONLINEARITY_HELP, className="nonlinearity-help ms-1", tabIndex="0")
    controls = html.Div([note, help_, dbc.Tooltip(NONLINEARITY_HELP, target=ids.NONLINEARITY_HELP,
                                                  placement="bottom", className="nonlinearity-tooltip")],
                        className="d-flex align-items-center")
    return chart_card("storycurve", "Story curve", ids.STORYCURVE_GRAPH, controls=controls,
                      help_text="telling order across, story order up; drag to zoom, the toolbar's box select chooses scenes")


def update(query, upload, drawn=None):
    """The figure for the view; a style-only Patch when the page shows the same frame."""
    return chart_update("storycurve", query, upload, drawn)


def brushed_range(selected: dict | None, n_scenes: int | None):
    """The scene range slider's value (1-based ``[lo, hi]``) for a brushed span of the
    curve (``selectedData`` of a box select), or ``no_update`` when nothing was brushed
    or no scene lies inside (a plain function)."""
    try:
        x0, x1 = selected["range"]["x"][:2]
    except (KeyError, TypeError, ValueError, IndexError):
        return no_update
    if not n_scenes:
        return no_update
    rng = brush_range(float(x0), float(x1), int(n_scenes))
    return no_update if rng is None else [rng[0] + 1, rng[1] + 1]


@callback(
    Output(ids.SCENE_RANGE, "value", allow_duplicate=True),
    Input(ids.STORYCURVE_GRAPH, "selectedData"),
    State(ids.SCENE_RANGE, "max"),
    prevent_initial_call=True,
)
def on_brush(selected, n_scenes):
    return brushed_range(selected, n_scenes)

