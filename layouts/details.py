"""Details: click a scene in any chart (the storyline, the strip, the story curve) or a
character in the network to read about it."""

from __future__ import annotations

from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, ctx, dcc, html, no_update

from timeline.model import Scene, Story

from . import ids
from .state import current

PLACEHOLDER = html.Div(
    [html.P("Click a scene in the storyline, the strip or the story curve — or a character in the network — "
            "to see it here.",
            className="text-muted mb-0")],
    className="details-empty",
)


def layout() -> dbc.Card:
    return dbc.Card(
        [dbc.CardHeader(html.H2("Details", className="h6 mb-0"), className="bg-white"),
         dbc.CardBody(html.Div(PLACEHOLDER, id=ids.SCENE_DETAILS, className="details"), className="details-body"),
         dcc.Store(id=ids.DETAILS_FOR)],
        className="shadow-sm mb-3 details-card",
    )


def clicked_id(click: dict | None) -> str | None:
    """``customdata[0]`` of the first clicked point (a scene id or a character id)."""
    try:
        cd = click["points"][0]["customdata"]
    except (KeyError, IndexError, TypeError):
        return None
    if isinstance(cd, (list, tuple)):
        cd = cd[0] if cd else None
    return cd if isinstance(cd, str) else None


def _name(story: Story, cid: str) -> str:
    try:
        return story.character(cid).name
    except KeyError:
        return cid


def scene_details(story: Story, sc: Scene):
    loc = None
    if sc.location:
        try:
            loc = story.location(sc.location).name
        except KeyError:
            loc = sc.location
    facts = [f for f in (loc, sc.time_of_day and sc.time_of_day.lower(), sc.int_ext) if f]
    order = f"scene {sc.index + 1} of {len(story.scenes)}"
    if sc.chrono != sc.index:
        order += f" · happens {sc.chrono + 1}. in the story's own chronology"
    parts = [
        html.H3([html.Span(f"{sc.index + 1}. ", className="text-muted"), sc.title], className="h5 scene-title"),
        html.Div([dbc.Badge(f, color="light", text_color="dark", className="me-1 border") for f in facts]
                 + [html.Small(order, className="text-muted ms-1")], className="mb-2"),
    ]
    if sc.summary:
        parts.append(html.P(sc.summary, className="scene-summary"))
    if sc.characters:
        parts.append(html.Div([html.Span("Characters: ", className="fw-semibold small")]
                              + [dbc.Badge(_name(story, c), color="secondary", className="me-1 mb-1 fw-normal")
                                 for c in sc.characters], className="mb-2 scene-characters"))
    if sc.interactions:
        items = []
        for it in sc.interactions:
            text = f"{_name(story, it.source)} {it.type.replace('_', ' ')} {_name(story, it.target)}"
            if it.description:
                text += f" — {it.description}"
            items.append(html.Li(text + (" (inferred)" if it.inferred else "")))
        parts.append(html.Div([html.Span("Interactions", className="fw-semibold small"),
                               html.Ul(items, className="small mb-2 scene-interactions")]))
    if sc.sources:
        parts.append(html.Div([html.Span("From the source", className="fw-semibold small")]
                              + [html.Blockquote(q, className="source-quote small") for q in sc.sources],
                              className="scene-sources"))
    return html.Div(parts, **{"data-scene": sc.id})


def character_details(story: Story, cid: str):
    ch = story.character(cid)
    scenes = [s for s in story.scenes if cid in s.characters]
    facts = [f for f in (ch.actor and f"played by {ch.actor}", ch.group and f"group: {ch.group}") if f]
    parts = [html.H3(ch.name, className="h5"),
             html.Div([dbc.Badge(f, color="light", text_color="dark", className="me-1 border") for f in facts],
                      className="mb-2")]
    if ch.aliases:
        parts.append(html.P(["Also called ", html.Em(", ".join(ch.aliases))], className="small mb-1"))
    if ch.description:
        parts.append(html.P(ch.description))
    if ch.fate:
        parts.append(html.P(f"Fate: {ch.fate.how}.", className="small"))
    parts.append(html.Div([html.Span(f"In {len(scenes)} scene{'s' if len(scenes) != 1 else ''}: ",
                                     className="fw-semibold small"),
                           html.Span(", ".join(f"{s.index + 1}. {s.title}" for s in scenes[:12])
                                     + (" …" if len(scenes) > 12 else ""), className="small")]))
    return html.Div(parts, **{"data-character": cid})


def details_for(story: Story, item: str | None):
    if not item:
        return PLACEHOLDER
    try:
        return scene_details(story, story.scene(item))
    except KeyError:
        pass
    try:
        return character_details(story, item)
    except KeyError:
        return PLACEHOLDER


@callback(
    Output(ids.SCENE_DETAILS, "children"),
    Output(ids.DETAILS_FOR, "data"),
    Input(ids.STORYLINE_GRAPH, "clickData"),
    Input(ids.STRIP_GRAPH, "clickData"),
    Input(ids.NETWORK_GRAPH, "clickData"),
    Input(ids.STORYCURVE_GRAPH, "clickData"),
    Input(ids.STORY_PICKER, "value"),
    State(ids.STATE, "data"),
    State(ids.UPLOAD_STORE, "data"),
    State(ids.DETAILS_FOR, "data"),
    prevent_initial_call=True,
)
def update(c1, c2, c3, c4, story_id, query, upload, shown_for):
    """A click shows its scene or character; a new story empties the panel (a filter
    change costs no request here)."""
    trigger = ctx.triggered_id
    if trigger == ids.STORY_PICKER:
        cur = current("?" + urlencode({"story": story_id}) if story_id else "", upload)
        if shown_for and shown_for != cur.story_id:
            return PLACEHOLDER, cur.story_id
        return no_update, no_update
    cur = current(query, upload)
    click = {ids.STORYLINE_GRAPH: c1, ids.STRIP_GRAPH: c2, ids.NETWORK_GRAPH: c3,
             ids.STORYCURVE_GRAPH: c4}.get(trigger)
    return details_for(cur.story, clicked_id(click)), cur.story_id
