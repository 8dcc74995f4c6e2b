"""The page shell: a header (the name as the page's one ``h1``, story picker, upload,
export all), then ``main`` (import notes, filters, the views, the characters table),
then the footer (how links share a view, and what happens to an upload); while an upload is
on screen a bar under the header says who can open it and offers to delete it.

The page is in English (``<html lang="en">``, :data:`INDEX_STRING`); its landmarks are
the header's navigation, ``main`` and the footer.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, clientside_callback, dcc, html

from . import arcs, characters, charts, details, draft, filters, ids, network, stories, storycurve, storyline, strip
from .components import register_summaries
from .export import export_all_button
from .state import current, page_spec

#: Dash's page template with the page's language, and without Dash's own ``<footer>``
#: around its scripts (a second "contentinfo" landmark beside the page's footer).
INDEX_STRING = """<!DOCTYPE html>
<html lang="en">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <div class="dash-scripts">
            {%config%}
            {%scripts%}
            {%renderer%}
        </div>
    </body>
</html>"""

#: What the footer says about links and uploads (the README says the same).
SHARE_NOTE = ("The view is in the address bar: copy it to share exactly what you see, for a story that ships "
              "with the app and for an uploaded or corrected one alike.")
UPLOAD_NOTE = (f"Uploads: anyone with an upload's link can open it (its key cannot be guessed) and delete it. "
               f"This server keeps it for {stories.keep_phrase()} after its last use, in its own cache folder "
               "(SCENE_TIMELINE_CACHE_DIR, else the temp folder; one store for all its workers), readable by the server's user only, and never "
               "sends it to another service. “Delete this upload from the server” removes it at once. "
               "An unproduced script is confidential: share its link only with people who may read it, or run "
               "the app on your own machine.")


def layout():
    """Built per page load, on the default story; the URL then sets the view."""
    cur = current(None)
    navbar = dbc.Navbar(
        dbc.Container(
            [
                html.H1(html.A([html.Img(src="/assets/favicon.svg", height="26", className="me-2", alt=""),
                                "scene-timeline"],
                               href="/", className="navbar-brand fw-semibold d-flex align-items-center"),
                        className="h5 m-0 app-title"),
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
            html.A("Skip to the charts", href="#main", className="visually-hidden-focusable skip-link", id="top"),
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.NAV),
            dcc.Store(id=ids.STATE),
            dcc.Store(id=ids.QUERY_SPEC, data=page_spec(stories.default_story_id())),
            dcc.Store(id=ids.UPLOAD_STORE, storage_type="session"),
            dcc.Store(id=ids.TITLE_SINK),
            dcc.Store(id=ids.VIEWS_FOR),
            dcc.Store(id=ids.WINDOW_FOR),
            dcc.Store(id=ids.VIEWPORT),
            dcc.Store(id=ids.RESIZE),
            html.Header(navbar),
            html.Main(dbc.Container(
                [
                    stories.alert(),
                    stories.upload_bar(),
                    draft.layout(),
                    filters.layout(cur),
                    html.Div(id=ids.FILTER_HINT, className="small filter-hint mb-2", role="status",
                             **{"aria-live": "polite"}),
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
                ],
                fluid=True,
                className="pb-2",
            ), id="main", tabIndex="-1"),
            html.Footer(
                dbc.Container([html.P(["scene-timeline · ", SHARE_NOTE], className="small mb-1 share-note"),
                               html.P(UPLOAD_NOTE, className="small mb-1 upload-note"),
                               html.A("Back to the top", href="#top", className="small")], fluid=True),
                className="py-3 app-footer",
            ),
        ],
        className="app-shell",
    )


charts.register_views()
register_summaries()

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

