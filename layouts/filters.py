"""The filter bar: characters, match mode, emphasis, cast, scene range and x order;
the scene filters (place with its sub-places, time of day, INT/EXT, act)
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
from timeline.timeofday import TIMES_OF_DAY, normalise_time_of_day
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


def location_options(story: Story) -> list[dict]:
    """Places as a tree (a sub-place under its place, indented), searchable by name and id.
    Choosing a place keeps its sub-places' scenes too."""
    children: dict[str | None, list] = {}
    known = {loc.id for loc in story.locations}
    for loc in story.locations:
        children.setdefault(loc.parent if loc.parent in known else None, []).append(loc)
    count: dict[str, int] = {}
    for s in story.scenes:
        if s.location is not None:
            count[s.location] = count.get(s.location, 0) + 1
    out, seen = [], set()

    def walk(parent, depth):
        for loc in children.get(parent, ()):
            if loc.id in seen:
                continue
            seen.add(loc.id)
            n = count.get(loc.id, 0)
            out.append({"label": ("\u2003" * depth) + (("\u203a " if depth else "") + loc.name)
                        + (f" ({n})" if n else ""), "value": loc.id, "search": f"{loc.name} {loc.id}"})
            walk(loc.id, depth + 1)

    walk(None, 0)
    return out


def time_options(story: Story) -> list[dict]:
    """The story's times of day (normalised), in the order of a day, with their scene counts."""
    count: dict[str, int] = {}
    for s in story.scenes:
        t = normalise_time_of_day(s.time_of_day)
        if t:
            count[t] = count.get(t, 0) + 1
    order = {t: i for i, t in enumerate(TIMES_OF_DAY)}
    times = sorted(count, key=lambda t: (order.get(t, len(order)), t))
    return [{"label": f"{t} ({count[t]})", "value": t} for t in times]


def act_options(story: Story) -> list[dict]:
    """The story's acts, in telling order (none: the act filter is hidden)."""
    return [{"label": a, "value": a} for a in dict.fromkeys(s.act for s in story.scenes if s.act)]


INT_EXT_OPTIONS = [{"label": "all", "value": ""}, {"label": "INT", "value": "INT"}, {"label": "EXT", "value": "EXT"}]


def _act_style(story: Story) -> dict:
    return {} if any(s.act for s in story.scenes) else {"display": "none"}


def scene_filters(cur: Current) -> list:
    """The scene filter controls (columns of the filter bar's row)."""
    story, state = cur.story, cur.state
    return [
        dbc.Col([dbc.Label("Places", html_for=ids.LOCATION_FILTER, className="small fw-semibold mb-1"),
                 dcc.Dropdown(id=ids.LOCATION_FILTER, options=location_options(story), value=list(state.locations),
                              multi=True, searchable=True, placeholder="All places (a place keeps its sub-places)")],
                lg=3, md=6, xs=12),
        dbc.Col([dbc.Label("Time of day", html_for=ids.TIME_FILTER, className="small fw-semibold mb-1"),
                 dcc.Dropdown(id=ids.TIME_FILTER, options=time_options(story), value=list(state.times),
                              multi=True, searchable=True, placeholder="Any time")],
                lg=2, md=6, xs=12),
        _group("INT / EXT", _radio(ids.INT_EXT_FILTER, INT_EXT_OPTIONS, state.int_ext or "")),
        dbc.Col([dbc.Label("Acts", html_for=ids.ACT_FILTER, className="small fw-semibold mb-1"),
                 dcc.Dropdown(id=ids.ACT_FILTER, options=act_options(story), value=list(state.acts),
                              multi=True, searchable=True, placeholder="All acts")],
                lg=2, md=6, xs=12, id=ids.ACT_FILTER_COL, style=_act_style(story)),
    ]


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
                    *scene_filters(cur),
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
            max(n, 1), marks, win, _window_presets(story),
            location_options(story), list(s.locations), time_options(story), list(s.times), s.int_ext or "",
            act_options(story), list(s.acts), _act_style(story))


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
    Output(ids.LOCATION_FILTER, "options"),
    Output(ids.LOCATION_FILTER, "value"),
    Output(ids.TIME_FILTER, "options"),
    Output(ids.TIME_FILTER, "value"),
    Output(ids.INT_EXT_FILTER, "value"),
    Output(ids.ACT_FILTER, "options"),
    Output(ids.ACT_FILTER, "value"),
    Output(ids.ACT_FILTER_COL, "style"),
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
            where = (f"not available on this server (uploads are kept {stories.keep_phrase()} after their last "
                     "use, or until someone deletes them)") if wanted.startswith(stories.UPLOAD_PREFIX) \
                else "not available here"
            alert = dbc.Alert(f"The story “{wanted}” is {where}; showing “{cur.story.title}”.",
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
