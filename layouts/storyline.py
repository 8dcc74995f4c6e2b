"""The storyline chart: one line per character across the scenes."""

from __future__ import annotations

from dash import Input, Output, State, callback

from . import ids
from .common import current, figure, graph_config
from .components import chart_card


def layout():
    return chart_card("storyline", "Storyline", ids.STORYLINE_GRAPH,
                      help_text="one line per character; lines meet when characters share a scene")


@callback(
    Output(ids.STORYLINE_GRAPH, "figure"),
    Output(ids.STORYLINE_GRAPH, "config"),
    Input(ids.STATE, "data"),
    State(ids.UPLOAD_STORE, "data"),
)
def update(query, upload):
    cur = current(query, upload)
    return figure("storyline", cur), graph_config("storyline", cur)
