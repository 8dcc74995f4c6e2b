"""The storyline chart: one line per character across the scenes.

Drawn by the views callback (:func:`layouts.charts.register_views`); highlighting
other characters is restyled in the page first (``assets/view_state.js``).
"""

from __future__ import annotations

from . import ids
from .charts import chart_update
from .components import chart_card


def layout():
    return chart_card("storyline", "Storyline", ids.STORYLINE_GRAPH,
                      help_text="one line per character; lines meet when characters share a scene")


def update(query, upload, drawn=None):
    """The figure for the view; a style-only Patch when the page shows the same frame."""
    return chart_update("storyline", query, upload, drawn)
