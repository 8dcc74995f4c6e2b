"""The character network: characters linked by shared scenes and interactions."""

from __future__ import annotations

from . import ids
from .common import NETWORK_COLOURS, chart_update, follow_storyline
from .components import chart_card, colour_select


def layout(colour_by: str = "community"):
    colours = colour_select(ids.NETWORK_COLOUR, {c: c.capitalize() for c in NETWORK_COLOURS}, colour_by)
    return chart_card("network", "Character network", ids.NETWORK_GRAPH, controls=colours,
                      help_text="click a character for details")


follow_storyline("network")


def update(query, upload, drawn=None):
    """The figure for the view; a style-only Patch when the page shows the same frame."""
    return chart_update("network", query, upload, drawn)
