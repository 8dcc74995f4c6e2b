"""The scene strip: scenes as blocks on a time axis, coloured by a scene attribute."""

from __future__ import annotations

from timeline.views import COLOUR_BY

from . import ids
from .charts import chart_update
from .components import chart_card, colour_select

LABELS = {"location": "Location", "time_of_day": "Time of day", "int_ext": "INT/EXT", "group": "Group"}


def layout(colour_by: str = "location"):
    colours = colour_select(ids.STRIP_COLOUR, {c: LABELS[c] for c in COLOUR_BY}, colour_by)
    return chart_card("strip", "Scene strip", ids.STRIP_GRAPH, controls=colours,
                      help_text="each block is a scene")


def update(query, upload, drawn=None):
    """The figure for the view; a style-only Patch when the page shows the same frame."""
    return chart_update("strip", query, upload, drawn)
