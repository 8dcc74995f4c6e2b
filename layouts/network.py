"""The character network: characters linked by shared scenes and interactions."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback

from . import ids
from .common import NETWORK_COLOURS, current, figure, graph_config
from .components import chart_card


def colour_switch(value: str = "community"):
    return dbc.InputGroup(
        [dbc.InputGroupText("Colour by"),
         dbc.Select(id=ids.NETWORK_COLOUR, options=[{"label": c.capitalize(), "value": c} for c in NETWORK_COLOURS],
                    value=value)],
        size="sm",
    )


def layout(colour_by: str = "community"):
    return chart_card("network", "Character network", ids.NETWORK_GRAPH, controls=colour_switch(colour_by),
                      help_text="click a character for details")


@callback(
    Output(ids.NETWORK_GRAPH, "figure"),
    Output(ids.NETWORK_GRAPH, "config"),
    Input(ids.STATE, "data"),
    State(ids.UPLOAD_STORE, "data"),
)
def update(query, upload):
    cur = current(query, upload)
    return figure("network", cur), graph_config("network", cur)
