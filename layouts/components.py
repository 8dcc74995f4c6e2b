"""Small building blocks shared by the view modules."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from . import ids
from .charts import CHART_HEIGHT, GROWS, figure, graph_style
from .export import export_menu
from .state import current


def chart_card(chart: str, title: str, graph_id: str, *, controls=None, help_text: str = "") -> dbc.Card:
    """A card with a title, optional controls, the export menu and the graph."""
    header = dbc.CardHeader(
        html.Div(
            [
                html.Div([html.H2(title, className="h6 mb-0"),
                          html.Small(help_text, className="text-muted d-none d-md-inline ms-2")],
                         className="d-flex align-items-baseline me-auto"),
                html.Div(controls, className="me-2") if controls is not None else None,
                export_menu(chart),
            ],
            className="d-flex align-items-center flex-wrap gap-2",
        ),
        className="bg-white",
    )
    height = CHART_HEIGHT[chart]
    # as tall as the default story's chart will be, so the page does not jump when it comes
    style = graph_style(chart, figure(chart, current(None))) if chart in GROWS else {"height": f"{height}px"}
    graph = dcc.Graph(id=graph_id, style=style, config={"displaylogo": False}, className="chart")
    return dbc.Card(
        [header, dcc.Store(id=ids.DRAWN[chart]),
         dbc.CardBody(dcc.Loading(graph, type="dot", delay_show=400, parent_style={"minHeight": f"{height}px"}),
                      className="p-1")],
        className=f"chart-card chart-{chart} shadow-sm mb-3",
    )


def colour_select(select_id: str, labels: dict[str, str], value: str) -> dbc.InputGroup:
    """A small "Colour by" select for a chart card's header (``labels``: value -> label)."""
    return dbc.InputGroup(
        [dbc.InputGroupText("Colour by"),
         dbc.Select(id=select_id, options=[{"label": v, "value": k} for k, v in labels.items()], value=value)],
        size="sm",
    )
