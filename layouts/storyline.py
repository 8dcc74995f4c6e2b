"""The storyline chart: one line per character across the scenes."""

from __future__ import annotations

from dash import Input, Output, State, callback, no_update

from . import ids
from .common import current, figure_update, graph_config
from .components import chart_card


def layout():
    return chart_card("storyline", "Storyline", ids.STORYLINE_GRAPH,
                      help_text="one line per character; lines meet when characters share a scene")


@callback(
    Output(ids.STORYLINE_GRAPH, "figure"),
    Output(ids.STORYLINE_GRAPH, "config"),
    Output(ids.DRAWN["storyline"], "data"),
    Input(ids.STATE, "data"),
    State(ids.UPLOAD_STORE, "data"),
    State(ids.DRAWN["storyline"], "data"),
)
def update(query, upload, drawn=None):
    """The figure for the view; a style-only Patch when the page shows the same frame."""
    cur = current(query, upload)
    fig, key = figure_update("storyline", cur, drawn)
    return fig, (graph_config("storyline", cur) if key != drawn else no_update), key
