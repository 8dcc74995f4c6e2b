"""The filter bar: characters, match mode, emphasis, cast, scene range and x order
(and, for a new story or URL, the network's window controls, :mod:`layouts.network`).

Two callbacks keep the controls and the URL in step:

- in the page (``assets/view_state.js``), a changed control writes the canonical
  query string to the :data:`~layouts.ids.STATE` store that the views listen to,
  and pushes it to the address bar: one server round trip per change (the views).
  The page encodes it from :data:`layouts.state.FIELDS`, handed to it as data;
- on the server, the URL sets the controls on load and on back/forward, and a
  new story (or Reset) sets the controls for that story (its characters and
  scene range). When the URL already matches the controls it changes nothing.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, ctx, dcc, no_update

from timeline.model import Story
from timeline.views import ViewState

from . import ids, stories
from .state import FIELDS, Current, colour_by, compose_query, controls_query, current

#: The cast control (who is drawn in full): value -> label.
CAST_LABELS = {"main": "main cast", "all": "everyone", "chosen": "chosen"}


def character_options(story: Story) -> list[dict]:
    """Dropdown options, searchable by name, alias and id."""
    opts = []
    for c in story.characters:
        label = c.name if not c.aliases else f"{c.name} ({', '.join(c.aliases[:2])})"
        opts.append({"label": label, "value": c.id, "search": " ".join([c.name, *c.aliases, c.id])})
    return opts


def range_marks(story: Story) -> dict:
    """Marks in scene numbers (1-based, as people count); the slider's values are 1-based too.

    About five marks on round numbers (1, 50, 100, 150, 190), so three-digit numbers
    stay apart on the narrow slider.
    """
    n = len(story.scenes)
    if n == 0:
        return {1: "1"}
    rough = n / 5
    step = next(k * 10 ** e for e in range(0, 7) for k in (1, 2, 5) if k * 10 ** e >= rough)
    marks = {1: "1", **{i: str(i) for i in range(step, n + 1, step) if i > 1}}
    last = max(marks)
    if 1 < last < n and n - last < step / 2:
        marks.pop(last)  # keep the last two marks apart
    marks[n] = str(n)
    return marks


def _radio(id_, options, value):
    return dbc.RadioItems(id=id_, options=options, value=value, inline=True, className="btn-group btn-group-sm",
                          inputClassName="btn-check", labelClassName="btn btn-outline-secondary",
                          labelCheckedClassName="active")


def _group(label, control, **col):
    return dbc.Col([dbc.Label(label, className="small fw-semibold mb-1 d-block"), control], **(col or {"xs": "auto"}))


def layout(cur: Current) -> dbc.Card:
    story, state = cur.story, cur.state
    n = len(story.scenes)
    rng = [state.scenes[0] + 1, state.scenes[1] + 1] if state.scenes else [1, max(n, 1)]
    cast = getattr(state, "cast", "main")
    return dbc.Card(
        dbc.CardBody(
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label("Characters", html_for=ids.CHARACTER_FILTER, className="small fw-semibold mb-1"),
                            dcc.Dropdown(id=ids.CHARACTER_FILTER, options=character_options(story),
                                         value=list(state.characters), multi=True, searchable=True,
                                         placeholder="All characters — type a name or alias…"),
                        ],
                        lg=4, md=12,
                    ),
                    _group("Scenes with", _radio(ids.MODE, [{"label": "any", "value": "any"},
                                                            {"label": "all", "value": "all"}], state.mode)),
                    _group("Others", _radio(ids.EMPHASIS, [{"label": "fade", "value": "highlight"},
                                                           {"label": "hide", "value": "only"}], state.emphasis)),
                    _group("Show in full", _radio(ids.CAST, [{"label": v, "value": k} for k, v in CAST_LABELS.items()],
                                                  cast)),
                    _group("Order", _radio(ids.ORDER, [{"label": "as told", "value": "telling"},
                                                       {"label": "chronological", "value": "story"}], state.order)),
                    dbc.Col(
                        [
                            dbc.Label("Scene range", html_for=ids.SCENE_RANGE, className="small fw-semibold mb-1"),
                            dcc.RangeSlider(id=ids.SCENE_RANGE, min=1, max=max(n, 1), step=1, value=rng,
                                            marks=range_marks(story), allowCross=False, updatemode="mouseup",
                                            tooltip={"placement": "bottom"}),
                        ],
                        lg=3, md=8,
                    ),
                    dbc.Col(dbc.Button("Reset", id=ids.RESET, color="link", size="sm", className="mt-4"),
                            xs="auto"),
                ],
                className="g-3 align-items-start",
            )
        ),
        className="filters shadow-sm mb-3",
    )


def _controls(cur: Current) -> tuple:
    """Values for every control, from a state."""
    s, story = cur.state, cur.story
    n = len(story.scenes)
    rng = [s.scenes[0] + 1, s.scenes[1] + 1] if s.scenes else [1, max(n, 1)]
    marks = range_marks(story)
    win = [cur.win[0] + 1, cur.win[1] + 1] if cur.win else [1, max(n, 1)]
    return (cur.story_id, character_options(story), list(s.characters), s.mode, s.emphasis,
            getattr(s, "cast", "main"), 1, max(n, 1), marks, rng, s.order, s.colour_by, cur.net,
            max(n, 1), marks, win, _window_presets(story))


def _window_presets(story: Story) -> list[dict]:
    from .network import window_presets  # network imports this module

    return window_presets(story)


CONTROLS = (
    Output(ids.STORY_PICKER, "value"),
    Output(ids.CHARACTER_FILTER, "options"),
    Output(ids.CHARACTER_FILTER, "value"),
    Output(ids.MODE, "value"),
    Output(ids.EMPHASIS, "value"),
    Output(ids.CAST, "value"),
    Output(ids.SCENE_RANGE, "min"),
    Output(ids.SCENE_RANGE, "max"),
    Output(ids.SCENE_RANGE, "marks"),
    Output(ids.SCENE_RANGE, "value"),
    Output(ids.ORDER, "value"),
    Output(ids.STRIP_COLOUR, "value"),
    Output(ids.NETWORK_COLOUR, "value"),
    Output(ids.NETWORK_WINDOW, "max"),
    Output(ids.NETWORK_WINDOW, "marks"),
    Output(ids.NETWORK_WINDOW, "value"),
    Output(ids.NETWORK_WINDOW_PRESET, "options"),
)
#: The controls that make the view state, by query key (in :data:`layouts.state.FIELDS` order).
STATE_CONTROLS = {f.key: (f.control, f.prop) for f in FIELDS}


@callback(
    *CONTROLS,
    Output(ids.STORY_ALERT, "children", allow_duplicate=True),
    Input(ids.URL, "search"),
    Input(ids.NAV, "data"),
    Input(ids.STORY_PICKER, "value"),
    Input(ids.RESET, "n_clicks"),
    *(State(c, p) for k, (c, p) in STATE_CONTROLS.items() if k != "story"),
    State(ids.UPLOAD_STORE, "data"),
    prevent_initial_call="initial_duplicate",
)
def sync(search, nav, story_id, _reset, *rest):
    *values, upload = rest
    controls = {"story": story_id, **dict(zip([k for k in STATE_CONTROLS if k != "story"], values))}
    trigger = ctx.triggered_id
    if trigger == ids.NAV:  # back/forward: the address bar's query string, as on a page load
        trigger, search = ids.URL, (nav or {}).get("search", search)
    return sync_logic(trigger, search, controls, upload)


def _q(state: ViewState, net: str) -> str:
    return compose_query(state, net)


def sync_logic(trigger, search, controls: dict, upload=None):
    """The URL -> controls logic (plain function, testable without a server);
    ``controls``: the controls' values by query key."""
    keep = (no_update,) * len(CONTROLS)
    alert = no_update
    story_id = controls.get("story")
    if trigger in (None, ids.URL):
        cur = current(search, upload)
        wanted = ViewState.from_query(search).story
        if wanted and wanted != cur.story_id:
            alert = dbc.Alert(f"The story “{wanted}” is not available here; showing “{cur.story.title}”.",
                              color="warning", dismissable=True, className="mb-0")
        if trigger == ids.URL and alert is no_update and controls_query(controls, upload) == cur.query:
            return (*keep, alert)  # the page wrote this URL from the controls: nothing to do
        return (*_controls(cur), alert)
    if trigger == ids.STORY_PICKER:
        # a new story: its characters and scenes differ, keep only the ways of looking
        state = ViewState(story=story_id, order=controls.get("order") or "telling",
                          colour_by=colour_by(controls.get("colour_by")))
        cur = current(_q(state, controls.get("net") or "community"), upload)
        if not stories.is_known(story_id, upload):
            alert = dbc.Alert("That story is not available.", color="warning", dismissable=True, className="mb-0")
        return (*_controls(cur), alert)
    if trigger == ids.RESET:
        cur = current(_q(ViewState(story=story_id), "community"), upload)
        return (*_controls(cur), alert)
    return (*keep, alert)


# controls -> view state (and the address bar), in the page: see assets/view_state.js.
# The inputs follow layouts.state.FIELDS; the last two states are the story's scene
# count and the FIELDS table itself.
clientside_callback(
    ClientsideFunction(namespace="sceneTimeline", function_name="viewState"),
    Output(ids.STATE, "data"),
    *(Input(c, p) for c, p in STATE_CONTROLS.values()),
    State(ids.SCENE_RANGE, "max"),
    State(ids.QUERY_SPEC, "data"),
)
