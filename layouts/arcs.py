"""Characters over time: presence and degree of the main cast per act or stretch of
scenes (:mod:`timeline.figures.arcs`), for the current view; who rises, who fades.

Drawn with the strip by the views callback (:func:`layouts.charts.register_views`).
Clicking a point shows the network over that point's window (the network's
window slider, :mod:`layouts.network`).
"""

from __future__ import annotations

from dash import Input, Output, callback, no_update

from . import ids
from .charts import chart_update
from .components import chart_card


def layout():
    return chart_card("arcs", "Characters over time", ids.ARCS_GRAPH,
                      help_text="presence and degree per stretch; click one for its network")


def update(query, upload, drawn=None):
    """The figure for the view; a style-only Patch when the page shows the same frame."""
    return chart_update("arcs", query, upload, drawn)


def clicked_window(click: dict | None):
    """The network window slider's value (1-based) for a click on an arcs point
    (``customdata = [first scene, lo, hi, label]``, 0-based ``lo, hi``), else no_update."""
    try:
        cd = click["points"][0]["customdata"]
        lo, hi = int(cd[1]), int(cd[2])
    except (KeyError, IndexError, TypeError, ValueError):
        return no_update
    return [lo + 1, hi + 1] if 0 <= lo <= hi else no_update


@callback(
    Output(ids.NETWORK_WINDOW, "value", allow_duplicate=True),
    Input(ids.ARCS_GRAPH, "clickData"),
    prevent_initial_call=True,
)
def on_click(click):
    return clicked_window(click)

