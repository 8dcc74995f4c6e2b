"""The characters table: who is in how many scenes, when, and how connected (sortable)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dash_table, html

from timeline.model import Story

from . import ids
from .common import current

COLUMNS = [
    {"name": "Character", "id": "name"},
    {"name": "Group", "id": "group"},
    {"name": "Scenes", "id": "scenes", "type": "numeric"},
    {"name": "First", "id": "first", "type": "numeric"},
    {"name": "Last", "id": "last", "type": "numeric"},
    {"name": "Degree", "id": "degree", "type": "numeric"},
    {"name": "Weighted", "id": "weighted_degree", "type": "numeric"},
    {"name": "Betweenness", "id": "betweenness", "type": "numeric", "format": {"specifier": ".3f"}},
]


def layout() -> dbc.Card:
    table = dash_table.DataTable(
        id=ids.CHARACTER_TABLE,
        columns=COLUMNS,
        data=[],
        sort_action="native",
        sort_by=[{"column_id": "scenes", "direction": "desc"}],
        page_action="none",
        fixed_rows={"headers": True},
        style_table={"height": "420px", "overflowY": "auto"},
        style_cell={"fontFamily": "Lato, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif", "fontSize": "0.85rem", "padding": "4px 8px", "textAlign": "left",
                    "border": "none", "borderBottom": "1px solid #eee", "minWidth": "60px"},
        style_header={"fontWeight": "600", "backgroundColor": "#f8f9fa", "borderBottom": "2px solid #dee2e6"},
        style_cell_conditional=[{"if": {"column_id": c["id"]}, "textAlign": "right"}
                                for c in COLUMNS if c.get("type") == "numeric"],
    )
    return dbc.Card(
        [dbc.CardHeader([html.H2("Characters", className="h6 mb-0 d-inline"),
                         html.Small(" click a column to sort; scene numbers in telling order",
                                    className="text-muted ms-2")], className="bg-white"),
         dbc.CardBody(table, className="p-1")],
        className="shadow-sm mb-3 characters-card",
    )


def _stats_fallback(story: Story) -> list[dict]:
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(c.id for c in story.characters)
    for s in story.scenes:
        cs = list(s.characters)
        for i, a in enumerate(cs):
            for b in cs[i + 1:]:
                w = g.get_edge_data(a, b, {}).get("weight", 0)
                g.add_edge(a, b, weight=w + 1)
    bc = nx.betweenness_centrality(g)
    rows = []
    for c in story.characters:
        idx = [s.index for s in story.scenes if c.id in s.characters]
        rows.append({"id": c.id, "name": c.name, "scenes": len(idx), "first_scene": min(idx) if idx else None,
                     "last_scene": max(idx) if idx else None, "degree": g.degree(c.id),
                     "weighted_degree": g.degree(c.id, weight="weight"), "betweenness": bc.get(c.id, 0.0)})
    return rows


def _scene_number(story: Story, value):
    """1-based telling-order number of a scene given by id or 0-based index."""
    if value is None:
        return None
    if isinstance(value, int):
        return value + 1
    try:
        return story.scene(value).index + 1
    except KeyError:
        return None


def table_rows(story: Story) -> list[dict]:
    try:
        from timeline.graph import character_stats
    except ImportError:
        character_stats = _stats_fallback
    rows = []
    for r in character_stats(story):
        cid = r.get("id")
        try:
            group = story.character(cid).group or ""
        except KeyError:
            group = ""
        first = r.get("first_scene", r.get("first"))
        last = r.get("last_scene", r.get("last"))
        rows.append({
            "id": cid, "name": r.get("name", cid), "group": group, "scenes": r.get("scenes", 0),
            "first": _scene_number(story, first), "last": _scene_number(story, last),
            "degree": r.get("degree", 0), "weighted_degree": r.get("weighted_degree", r.get("weighted", 0)),
            "betweenness": round(float(r.get("betweenness", 0.0)), 4),
        })
    return rows


_ROWS: dict = {}


def rows_for(story_id: str, story: Story) -> list[dict]:
    key = story_id  # catalogue ids name one file; upload ids are content hashes
    rows = _ROWS.get(key)
    if rows is None:
        rows = table_rows(story)
        if len(_ROWS) > 32:
            _ROWS.clear()
        _ROWS[key] = rows
    return rows


@callback(
    Output(ids.CHARACTER_TABLE, "data"),
    Output(ids.CHARACTER_TABLE, "style_data_conditional"),
    Input(ids.DRAWN["storyline"], "data"),
    State(ids.STATE, "data"),
    State(ids.UPLOAD_STORE, "data"),
)
def follow_storyline(_storyline_drawn, query, upload):
    """Updated once the storyline is drawn (see :mod:`layouts.storyline`)."""
    return update(query, upload)


def update(query, upload):
    cur = current(query, upload)
    view = cur.view
    shown = set(view.characters)
    rows = [r for r in rows_for(cur.story_id, cur.story) if r["id"] in shown or not view.filtered]
    style = [{"if": {"filter_query": f'{{id}} = "{cid}"'}, "fontWeight": "700", "backgroundColor": "#fff8e1"}
             for cid in view.selected]
    return rows, style
