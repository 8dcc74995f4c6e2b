"""The character network: characters linked by shared scenes and interactions.

It takes the page's full width when the story is big (:func:`layouts.charts.network_width`).
"""

from __future__ import annotations

from . import ids
from .charts import chart_update
from .components import chart_card, colour_select
from .state import NETWORK_COLOURS


def layout(colour_by: str = "community"):
    colours = colour_select(ids.NETWORK_COLOUR, {c: c.capitalize() for c in NETWORK_COLOURS}, colour_by)
    return chart_card("network", "Character network", ids.NETWORK_GRAPH, controls=colours,
                      help_text="click a character for details")


def update(query, upload, drawn=None):
    """The figure for the view; a style-only Patch when the page shows the same frame."""
    return chart_update("network", query, upload, drawn)
