"""The character network: characters linked by shared scenes and interactions.

It takes the page's full width when the story is big (:func:`layouts.charts.network_width`).

**The network through the story**: a window of scenes for the network alone
(query key ``win=lo-hi``, 0-based inclusive telling indices like ``scenes``; see
:mod:`layouts.state`): a slider, presets ("whole story", then each act, or even
sections where the story has no acts: :func:`timeline.narrative.sections`) and
◀ ▶, which move the window by its width within the scene range (from the whole
story they go to the first or last part). The network figure keeps each
character where it is in the whole story (``timeline.figures.network`` caches
the positions per story), so nodes stay in place as the window moves. Moving the
window redraws the network only (:func:`layouts.charts.register_views`). The
presets, the steps and the slider are handled in the page (a clientside
callback): no server round trip until the network itself.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, clientside_callback, dcc, html

from timeline.model import Story
from timeline.narrative import sections

from . import ids
from .charts import chart_update
from .components import chart_card, colour_select
from .filters import range_marks
from .state import NETWORK_COLOURS, Current

WHOLE = "all"
CUSTOM = "custom"


def window_presets(story: Story) -> list[dict]:
    """Options of the window preset: the whole story, its acts or even sections, and a
    disabled "custom" entry the page shows for a window that is none of them.
    Values are the 0-based ``lo-hi`` of the query (``"all"``: every scene)."""
    opts = [{"label": "Whole story", "value": WHOLE}]
    for w in sections(story):
        label = w.label if w.label.startswith("scene") else f"{w.label} (scenes {w.lo + 1}–{w.hi + 1})"
        opts.append({"label": label, "value": f"{w.lo}-{w.hi}"})
    opts.append({"label": "Custom window", "value": CUSTOM, "disabled": True})
    return opts


def window_value(cur: Current) -> list[int]:
    """The window slider's value (1-based, as the slider holds it)."""
    n = max(len(cur.story.scenes), 1)
    return [cur.win[0] + 1, cur.win[1] + 1] if cur.win else [1, n]


def preset_value(cur: Current) -> str:
    if cur.win is None:
        return WHOLE
    key = f"{cur.win[0]}-{cur.win[1]}"
    return key if any(o["value"] == key for o in window_presets(cur.story)) else CUSTOM


def window_controls(cur: Current):
    """The window bar under the network card's header: preset, ◀ ▶ and the slider."""
    n = max(len(cur.story.scenes), 1)
    return html.Div(
        [
            dbc.InputGroup(
                [html.Label("Window", htmlFor=ids.NETWORK_WINDOW_PRESET, className="input-group-text"),
                 dbc.Select(id=ids.NETWORK_WINDOW_PRESET, options=window_presets(cur.story), value=preset_value(cur),
                            className="window-preset"),
                 html.Button("◀", id=ids.NETWORK_WINDOW_PREV, className="btn btn-outline-secondary", type="button",
                             title="move the window back by its width", n_clicks=0,
                             **{"aria-label": "Move the network's window back by its width"}),
                 html.Button("▶", id=ids.NETWORK_WINDOW_NEXT, className="btn btn-outline-secondary", type="button",
                             title="move the window on by its width", n_clicks=0,
                             **{"aria-label": "Move the network's window on by its width"})],
                size="sm", className="window-group",
            ),
            html.Label("Network window", htmlFor=ids.NETWORK_WINDOW, className="visually-hidden"),
            html.Div(dcc.RangeSlider(id=ids.NETWORK_WINDOW, min=1, max=n, step=1, value=window_value(cur),
                                     marks=range_marks(cur.story), allowCross=False, updatemode="mouseup",
                                     tooltip={"placement": "bottom"}),
                     className="window-slider"),
        ],
        className="network-window d-flex align-items-center flex-wrap gap-2 px-3 pt-2",
    )


def layout(cur: Current):
    colours = colour_select(ids.NETWORK_COLOUR, {c: c.capitalize() for c in NETWORK_COLOURS}, cur.net)
    card = chart_card("network", "Character network", ids.NETWORK_GRAPH, controls=colours,
                      help_text="click a character for details; the window shows a stretch of the story")
    card.children.insert(1, window_controls(cur))
    return card


def update(query, upload, drawn=None):
    """The figure for the view; a style-only Patch when the page shows the same frame."""
    return chart_update("network", query, upload, drawn)


# preset, ◀ ▶ and the slider, in the page. One callback, as the preset shows the
# window the slider holds (a callback may take its own output as input). Everything
# stays inside the scene range: presets outside it are disabled, one across its edge
# is cut to it, and ◀ ▶ are disabled at its ends.
WINDOW_JS = """function(preset, prev, next, win, range, options, max) {
    var nu = window.dash_clientside.no_update;
    var trig = ((window.dash_clientside.callback_context || {}).triggered || [])
        .map(function (t) { return t.prop_id.split('.')[0]; });
    max = max || 1;
    var whole = [1, max];
    var bounds = (range && range.length === 2) ? [range[0], range[1]] : whole;
    win = (win && win.length === 2) ? win : whole;
    var partOf = function (v) {
        if (!/^[0-9]+-[0-9]+$/.test(v)) { return null; }
        var p = v.split('-'); return [parseInt(p[0], 10) + 1, parseInt(p[1], 10) + 1];
    };
    var parts = (options || []).map(function (o) { return partOf(o.value); }).filter(Boolean);
    var clip = function (w) { return [Math.max(w[0], bounds[0]), Math.min(w[1], bounds[1])]; };
    var presetOf = function (w) {
        if (w[0] <= bounds[0] && w[1] >= bounds[1]) { return '%(whole)s'; }
        var key = (w[0] - 1) + '-' + (w[1] - 1);
        return (options || []).some(function (o) { return o.value === key; }) ? key : '%(custom)s';
    };
    var opts = (options || []).map(function (o) {
        var p = partOf(o.value);
        var out = Object.assign({}, o);
        if (p) { out.disabled = p[1] < bounds[0] || p[0] > bounds[1]; }
        return out;
    });
    var ends = function (w) {
        var c = clip(w), all = c[0] <= bounds[0] && c[1] >= bounds[1];
        var inside = parts.filter(function (p) { return p[1] >= bounds[0] && p[0] <= bounds[1]; });
        if (all) { return [inside.length === 0, inside.length === 0]; }  // from the whole range: to a part
        return [c[0] <= bounds[0], c[1] >= bounds[1]];
    };
    var answer = function (w, p) { var e = ends(w || win); return [w || nu, p === undefined ? nu : p, e[0], e[1], opts]; };
    if (trig.indexOf('%(preset)s') >= 0) {
        if (preset === '%(custom)s') { return answer(null); }
        var w = preset === '%(whole)s' ? bounds : parts.filter(function (p) { return (p[0] - 1) + '-' + (p[1] - 1) === preset; })[0];
        if (!w) { return answer(null); }
        w = clip(w);
        if (w[0] > w[1]) { return answer(null, presetOf(win)); }  // outside the range: stay
        return answer(w, presetOf(w));
    }
    var step = trig.indexOf('%(next)s') >= 0 ? 1 : (trig.indexOf('%(prev)s') >= 0 ? -1 : 0);
    if (step === 0) { return answer(null, presetOf(clip(win))); }  // the slider, the range or the URL moved
    var lo = Math.max(win[0], bounds[0]), hi = Math.min(win[1], bounds[1]);
    if (lo > hi) { lo = bounds[0]; hi = bounds[1]; }
    var out;
    if (lo <= bounds[0] && hi >= bounds[1]) {
        // the whole range: go to the first (or last) part inside it
        var inside = parts.filter(function (p) { return p[1] >= bounds[0] && p[0] <= bounds[1]; });
        if (!inside.length) { return answer(null); }
        out = clip(step > 0 ? inside[0] : inside[inside.length - 1]);
    } else {
        var width = hi - lo + 1;
        if (step > 0) {
            if (hi >= bounds[1]) { return answer(null); }
            hi = Math.min(hi + width, bounds[1]); lo = Math.max(bounds[0], hi - width + 1);
        } else {
            if (lo <= bounds[0]) { return answer(null); }
            lo = Math.max(lo - width, bounds[0]); hi = Math.min(bounds[1], lo + width - 1);
        }
        out = [lo, hi];
    }
    return answer(out, presetOf(out));
}""" % {"whole": WHOLE, "custom": CUSTOM, "preset": ids.NETWORK_WINDOW_PRESET, "next": ids.NETWORK_WINDOW_NEXT,
        "prev": ids.NETWORK_WINDOW_PREV}

clientside_callback(
    WINDOW_JS,
    Output(ids.NETWORK_WINDOW, "value", allow_duplicate=True),
    Output(ids.NETWORK_WINDOW_PRESET, "value"),
    Output(ids.NETWORK_WINDOW_PREV, "disabled"),
    Output(ids.NETWORK_WINDOW_NEXT, "disabled"),
    Output(ids.NETWORK_WINDOW_PRESET, "options", allow_duplicate=True),
    Input(ids.NETWORK_WINDOW_PRESET, "value"),
    Input(ids.NETWORK_WINDOW_PREV, "n_clicks"),
    Input(ids.NETWORK_WINDOW_NEXT, "n_clicks"),
    Input(ids.NETWORK_WINDOW, "value"),
    Input(ids.SCENE_RANGE, "value"),
    State(ids.NETWORK_WINDOW_PRESET, "options"),
    State(ids.NETWORK_WINDOW, "max"),
    prevent_initial_call=True,
)
