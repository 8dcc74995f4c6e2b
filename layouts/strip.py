"""The scene strip: scenes as blocks on a time axis, coloured by a scene attribute."""

from __future__ import annotations

import dash_bootstrap_components as dbc

from timeline.views import COLOUR_BY

from . import ids
from .common import chart_update, follow_storyline
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


follow_storyline("strip")


def update(query, upload, drawn=None):
    """The figure for the view; a style-only Patch when the page shows the same frame."""
    return chart_update("strip", query, upload, drawn)
