"""Small building blocks shared by the view modules."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, clientside_callback, dcc, html

from . import ids
from .charts import CHART_HEIGHT, GROWS, figure, graph_config, graph_style
from .export import export_menu
from .state import current


def chart_card(chart: str, title: str, graph_id: str, *, controls=None, help_text: str = "") -> html.Section:
    """A card with a title, optional controls, the export menu and the graph.

    The card is a ``section`` named by its title; under the title, a one-line text
    alternative of the chart (``layout.meta.summary`` of the figure, from
    :func:`timeline.figures._theme.summary`) is kept for screen readers
    (:func:`register_summaries` fills it in the page)."""
    title_id = f"{chart}-title"
    header = dbc.CardHeader(
        html.Div(
            [
                html.Div([html.H2(title, className="h6 mb-0", id=title_id),
                          html.Small(help_text, className="text-muted d-none d-md-inline ms-2 chart-help")],
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
    fig = figure(chart, current(None))
    style = graph_style(chart, fig) if chart in GROWS else {"height": f"{height}px"}
    graph = dcc.Graph(id=graph_id, style=style, config=graph_config(chart), className="chart")
    alt = html.P(fig.get("layout", {}).get("meta", {}).get("summary", title), id=ids.SUMMARY[chart],
                 className="visually-hidden chart-summary")
    return html.Section(
        [header, dcc.Store(id=ids.DRAWN[chart]), alt,
         dbc.CardBody(dcc.Loading(graph, type="dot", delay_show=400, parent_style={"minHeight": f"{height}px"}),
                      className="p-1")],
        className=f"card chart-card chart-{chart} shadow-sm mb-3", **{"aria-labelledby": title_id},
    )


def labelled_select(label: str, select_id: str, options: list[dict], value, *, size: str = "sm") -> dbc.InputGroup:
    """A select with its visible label in front (a ``<label for>``, so it names the select)."""
    return dbc.InputGroup(
        [html.Label(label, htmlFor=select_id, className="input-group-text"),
         dbc.Select(id=select_id, options=options, value=value)],
        size=size,
    )


def colour_select(select_id: str, labels: dict[str, str], value: str) -> dbc.InputGroup:
    """A small "Colour by" select for a chart card's header (``labels``: value -> label)."""
    return labelled_select("Colour by", select_id, [{"label": v, "value": k} for k, v in labels.items()], value)


#: In the page: a chart's text alternative follows its figure (``layout.meta.summary``).
SUMMARY_JS = """function(fig) {
    var layout = (fig && fig.layout) || {}, meta = layout.meta || {};
    var title = ((layout.title && layout.title.text) || '').replace(/<[^>]*>/g, '').replace(/\\s+/g, ' ').trim();
    if (!meta.summary) { return window.dash_clientside.no_update; }
    return title ? title + '. ' + meta.summary : meta.summary;
}"""


def register_summaries():
    """One clientside callback per chart: the figure's summary into its text alternative."""
    for chart, graph in ids.GRAPHS.items():
        clientside_callback(SUMMARY_JS, Output(ids.SUMMARY[chart], "children"), Input(graph, "figure"))
