"""The page shell: navbar (story picker, upload, export all), import notes, filters, then the views."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, clientside_callback, dcc, html

from . import arcs, characters, charts, details, draft, filters, ids, network, stories, storycurve, storyline, strip
from .export import export_all_button
from .state import current, page_spec


def layout():
    """Built per page load, on the default story; the URL then sets the view."""
    cur = current(None)
    navbar = dbc.Navbar(
        dbc.Container(
            [
                html.A([html.Img(src="/assets/favicon.svg", height="26", className="me-2"),
                        dbc.NavbarBrand("scene-timeline", className="fw-semibold")],
                       href="/", className="d-flex align-items-center text-decoration-none"),
                html.Div([stories.layout(), draft.open_button(), export_all_button()],
                         className="d-flex align-items-center flex-wrap gap-2 ms-auto"),
            ],
            fluid=True,
        ),
        color="primary",
        dark=True,
        className="mb-3 py-2",
    )
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.NAV),
            dcc.Store(id=ids.STATE),
            dcc.Store(id=ids.QUERY_SPEC, data=page_spec(stories.default_story_id())),
            dcc.Store(id=ids.UPLOAD_STORE, storage_type="session"),
            dcc.Store(id=ids.TITLE_SINK),
            dcc.Store(id=ids.VIEWS_FOR),
            dcc.Store(id=ids.WINDOW_FOR),
            navbar,
            dbc.Container(
                [
                    stories.alert(),
                    draft.layout(),
                    filters.layout(cur),
                    storyline.layout(),
                    strip.layout(cur.state.colour_by),
                    # one row that wraps: network | details, story curve | arcs; with a
                    # full-width network: network, details | story curve, arcs
                    dbc.Row(
                        [dbc.Col(network.layout(cur), id=ids.NETWORK_COL, lg=charts.network_width(cur)),
                         dbc.Col(details.layout(), lg=5),
                         dbc.Col(storycurve.layout(), lg=7),
                         dbc.Col(arcs.layout(), id=ids.ARCS_COL, lg=charts.arcs_width(cur))],
                        className="g-3",
                    ),
                    characters.layout(),
                    html.Footer(
                        html.Small("scene-timeline · the view is in the address bar: copy it to share exactly "
                                   "what you see.", className="text-muted"),
                        className="py-3",
                    ),
                ],
                fluid=True,
                className="pb-4",
            ),
        ],
        className="app-shell",
    )


charts.register_views()

# page title follows the story: "scene-timeline — Desperado"
clientside_callback(
    """function(query, options, value) {
        var title = 'scene-timeline';
        (options || []).forEach(function (o) { if (o.value === value) { title += ' — ' + o.label.replace(/ \\(.*\\)$/, ''); } });
        if (document.title !== title) { document.title = title; }
        return title;
    }""",
    Output(ids.TITLE_SINK, "data"),
    Input(ids.STATE, "data"),
    Input(ids.STORY_PICKER, "options"),
    Input(ids.STORY_PICKER, "value"),
)
