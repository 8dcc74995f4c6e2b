"""The characters table (AG Grid): who is in how many scenes, when, and how connected.

The table follows the view: its counts are over the view's scenes (the scene range
and the filter), its rows the characters present there (and any chosen one), the
chosen ones marked. Sorted in the page (click a column). A click on a row chooses
that character, as the filter does (and a click on a chosen one lets it go).
Filled by the views callback (:func:`layouts.charts.register_views`). The table is
the accessible view of the data: its cells take the focus, the arrow keys move.
"""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, html, no_update

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


def layout() -> dbc.Row:
    """The table, with the editor (:mod:`layouts.editor`) beside it (below it on a phone)."""
    from . import editor  # its callbacks register with the page that shows it

    return dbc.Row([dbc.Col(_table_card(), lg=8, xs=12), dbc.Col(editor.layout(), lg=4, xs=12)], className="g-3")


def _table_card() -> dbc.Card:
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
                         html.Small(" in the scenes on screen; click a column to sort, a row to choose "
                                    "that character; scene numbers in telling order",
                                    className="text-muted ms-2")], className="bg-white"),
         dbc.CardBody(table, className="p-1")],
        className="shadow-sm mb-3 characters-card",
    )


def table_rows(story: Story, scenes=None) -> list[dict]:
    """One row per character (scene numbers 1-based, as on the charts); ``scenes``: count
    only these scene ids (:func:`timeline.graph.character_stats`)."""
    rows = []
    for r in character_stats(story, scenes=scenes):
        first, last = r.get("first_index"), r.get("last_index")
        rows.append({
            "id": r["id"], "name": r["name"], "group": r.get("group") or "", "scenes": r["scenes"],
            "first": None if first is None else first + 1, "last": None if last is None else last + 1,
            "degree": r["degree"], "weighted_degree": r["weighted_degree"],
            "betweenness": round(float(r["betweenness"]), 4),
        })
    return rows


def rows_for(story_id: str, story: Story, scenes: tuple[str, ...] | None = None) -> list[dict]:
    """The rows counted over ``scenes`` (None: every scene), cached per story and scenes."""
    key = (story_id, scenes) if scenes is not None and len(scenes) != len(story.scenes) else story_id
    return ROWS.get_or_make(key, lambda: table_rows(story, scenes if key != story_id else None), json_size)


def table_update(cur: Current) -> list[dict]:
    """The rows of the view: counts over the view's scenes, one row per character present
    there or chosen, the chosen ones marked ``selected``."""
    view = cur.view
    selected = set(view.selected)
    rows = rows_for(cur.story_id, cur.story, tuple(s.id for s in view.scenes))
    return [{**r, "selected": r["id"] in selected} for r in rows if r["scenes"] > 0 or r["id"] in selected]


def update(query, upload):
    """The table's rows for a query string (a plain function, for tests)."""
    from .state import current

    return table_update(current(query, upload))


def toggled(chosen: list | None, clicked: dict | None):
    """The character filter's value after a click on a row (``cellClicked``): the row's
    character added, or let go when it was chosen; ``no_update`` for no row."""
    cid = (clicked or {}).get("rowId")
    if not cid:
        return no_update
    chosen = list(chosen or [])
    return [c for c in chosen if c != cid] if cid in chosen else chosen + [cid]


@callback(
    Output(ids.CHARACTER_FILTER, "value", allow_duplicate=True),
    Input(ids.CHARACTER_TABLE, "cellClicked"),
    State(ids.CHARACTER_FILTER, "value"),
    prevent_initial_call=True,
)
def on_row_click(clicked, chosen):
    return toggled(chosen, clicked)
