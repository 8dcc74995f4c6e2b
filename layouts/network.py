"""The character network: characters linked by shared scenes and interactions."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, Patch, State, callback, no_update

from . import ids
from .common import NETWORK_COLOURS, current, figure_update, graph_config
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
    Output(ids.DRAWN["network"], "data"),
    Input(ids.DRAWN["storyline"], "data"),
    State(ids.STATE, "data"),
    State(ids.UPLOAD_STORE, "data"),
    State(ids.DRAWN["network"], "data"),
)
def follow_storyline(_storyline_drawn, query, upload, drawn):
    """Redrawn once the storyline is (see :mod:`layouts.storyline`): the chart people
    look at first is updated first, this one a round trip later."""
    return update(query, upload, drawn)


def update(query, upload, drawn=None):
    """The figure for the view; a style-only Patch when the page shows the same frame."""
    cur = current(query, upload)
    fig, key = figure_update("network", cur, drawn)
    return fig, (no_update if isinstance(fig, Patch) else graph_config("network", cur)), key
