"""The character network: characters linked by shared scenes and interactions."""

from __future__ import annotations

import dash_bootstrap_components as dbc

from . import ids
from .common import NETWORK_COLOURS, chart_update, follow_storyline
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


follow_storyline("network")


def update(query, upload, drawn=None):
    """The figure for the view; a style-only Patch when the page shows the same frame."""
    return chart_update("network", query, upload, drawn)
