"""The characters table (AG Grid): who is in how many scenes, when, and how connected.

Sorted in the page (click a column); rows are the characters drawn in the view, the
selected ones marked. Filled by the views callback (:func:`layouts.charts.register_views`).
"""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import html

from timeline.graph import character_stats
from timeline.model import Story

from . import ids
from .cache import MB, ByteCache, json_size
from .state import Current

_NUM = {"type": "numericColumn", "filter": False}
COLUMNS = [
    {"headerName": "Character", "field": "name", "flex": 2, "minWidth": 140},
    {"headerName": "Group", "field": "group", "flex": 1},
    {"headerName": "Scenes", "field": "scenes", "sort": "desc", **_NUM},
    {"headerName": "First", "field": "first", **_NUM},
    {"headerName": "Last", "field": "last", **_NUM},
    {"headerName": "Degree", "field": "degree", **_NUM},
    {"headerName": "Weighted", "field": "weighted_degree", **_NUM},
    {"headerName": "Betweenness", "field": "betweenness", **_NUM,
     "valueFormatter": {"function": "d3.format('.3f')(params.value)"}},
]

#: story id -> rows (story ids name one file, upload ids a content hash)
ROWS = ByteCache("character rows", 16 * MB)


def layout() -> dbc.Card:
    table = dag.AgGrid(
        id=ids.CHARACTER_TABLE,
        columnDefs=COLUMNS,
        rowData=[],
        defaultColDef={"sortable": True, "resizable": True, "minWidth": 80, "flex": 1},
        getRowId="params.data.id",
        rowClassRules={"selected-row": "params.data.selected"},
        # cells take the focus (the arrow keys read the table); Tab leaves the grid (assets/a11y.js)
        dashGridOptions={"animateRows": False, "ensureDomOrder": True, "suppressColumnVirtualisation": True},
        style={"height": "420px"},
        className="ag-theme-alpine characters-grid",
    )
    return dbc.Card(
        [dbc.CardHeader([html.H2("Characters", className="h6 mb-0 d-inline"),
                         html.Small(" click a column to sort; scene numbers in telling order",
                                    className="text-muted ms-2")], className="bg-white"),
         dbc.CardBody(table, className="p-1")],
        className="shadow-sm mb-3 characters-card",
    )


def table_rows(story: Story) -> list[dict]:
    """One row per character (scene numbers 1-based, as on the charts)."""
    rows = []
    for r in character_stats(story):
        first, last = r.get("first_index"), r.get("last_index")
        rows.append({
            "id": r["id"], "name": r["name"], "group": r.get("group") or "", "scenes": r["scenes"],
            "first": None if first is None else first + 1, "last": None if last is None else last + 1,
            "degree": r["degree"], "weighted_degree": r["weighted_degree"],
            "betweenness": round(float(r["betweenness"]), 4),
        })
    return rows


def rows_for(story_id: str, story: Story) -> list[dict]:
    return ROWS.get_or_make(story_id, lambda: table_rows(story), json_size)


def table_update(cur: Current) -> list[dict]:
    """The rows of the view: the characters drawn (all when nothing is filtered), the
    selected ones marked ``selected``."""
    view = cur.view
    shown, selected = set(view.characters), set(view.selected)
    return [{**r, "selected": r["id"] in selected}
            for r in rows_for(cur.story_id, cur.story) if r["id"] in shown or not view.filtered]


def update(query, upload):
    """The table's rows for a query string (a plain function, for tests)."""
    from .state import current

    return table_update(current(query, upload))
