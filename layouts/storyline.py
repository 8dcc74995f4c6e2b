"""The storyline chart: one line per character across the scenes.

It is the first view to follow the view state: the strip, the network and the
characters table listen to its :data:`~layouts.ids.DRAWN` store (written with
every update, changed or not), so a filter change redraws the storyline before
the page spends its time on the others.
"""

from __future__ import annotations

from dash import Input

from . import ids
from .common import chart_update, register_chart
from .components import chart_card


def layout():
    return chart_card("storyline", "Storyline", ids.STORYLINE_GRAPH,
                      help_text="one line per character; lines meet when characters share a scene")


def update(query, upload, drawn=None):
    """The figure for the view; a style-only Patch when the page shows the same frame."""
    return chart_update("storyline", query, upload, drawn)


register_chart("storyline", Input(ids.STATE, "data"))
