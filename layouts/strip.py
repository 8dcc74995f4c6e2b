"""The scene strip: scenes as blocks on a time axis, coloured by a scene attribute."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, Patch, State, callback, no_update

from timeline.views import COLOUR_BY

from . import ids
from .common import current, figure_update, graph_config
from .components import chart_card

LABELS = {"location": "Location", "time_of_day": "Time of day", "int_ext": "INT/EXT", "group": "Group"}


def colour_switch(value: str = "location"):
    return dbc.InputGroup(
        [dbc.InputGroupText("Colour by"),
         dbc.Select(id=ids.STRIP_COLOUR, options=[{"label": LABELS[c], "value": c} for c in COLOUR_BY],
                    value=value)],
        size="sm",
    )


def layout(colour_by: str = "location"):
    return chart_card("strip", "Scene strip", ids.STRIP_GRAPH, controls=colour_switch(colour_by),
                      help_text="each block is a scene")


@callback(
    Output(ids.STRIP_GRAPH, "figure"),
    Output(ids.STRIP_GRAPH, "config"),
    Output(ids.DRAWN["strip"], "data"),
    Input(ids.DRAWN["storyline"], "data"),
    State(ids.STATE, "data"),
    State(ids.UPLOAD_STORE, "data"),
    State(ids.DRAWN["strip"], "data"),
)
def follow_storyline(_storyline_drawn, query, upload, drawn):
    """Redrawn once the storyline is (see :mod:`layouts.storyline`): the chart people
    look at first is updated first, this one a round trip later."""
    return update(query, upload, drawn)


def update(query, upload, drawn=None):
    """The figure for the view; a style-only Patch when the page shows the same frame."""
    cur = current(query, upload)
    fig, key = figure_update("strip", cur, drawn)
    return fig, (no_update if isinstance(fig, Patch) else graph_config("strip", cur)), key
