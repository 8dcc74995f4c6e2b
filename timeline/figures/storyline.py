"""The storyline chart (XKCD's "movie narrative charts").

One line per character from its first to its last appearance; characters who
share a scene are drawn together. The x axis has one position per *layer*
(concurrent scenes, those with the same ``step``, share one), the y positions
come from :func:`timeline.storyline.layout_story`. Location bands sit behind
the lines, a cross marks a character's death.

References
----------
R. Munroe, "Movie Narrative Charts", xkcd 657 (2009).
Y. Tanahashi and K.-L. Ma, "Design Considerations for Optimizing Storyline
Visualizations", IEEE TVCG 18(12), 2012.
"""

from __future__ import annotations

import plotly.graph_objects as go

from ..storyline import layout_story

from ._theme import FADED, NEUTRAL, category_colours, character_colours, esc, scene_hover

__all__ = ["build", "MERGE_LINES_AT"]

#: With more characters than this, lines are merged into one trace per colour.
MERGE_LINES_AT = 60
#: Above this many line points, lines are drawn straight (no easing curves).
SMOOTH_POINTS_MAX = 40_000
#: At most this many location labels.
MAX_BAND_LABELS = 80

#: Line widths of a character: unfiltered or faded, and selected by the filter.
LINE_WIDTH, SELECTED_WIDTH = 2.2, 3.0
#: Opacity of the dot of a scene without characters (unfiltered).
EMPTY_SCENE_OPACITY = 0.8

_HALF = 0.16  # half width of the flat part of a line at a layer
_STEPS = 7  # easing points between two layers


def _scatter(**kw) -> go.Scatter:
    """A scatter trace without plotly's per-value validation (the values here are plain
    lists of floats and strings; validating a 190-scene storyline took seconds).
    ``go.Figure(fig.to_dict())`` still validates the whole figure (see the tests)."""
    return go.Scatter(**kw, _validate=False)


def _ease(t: float) -> float:
    return t * t * (3 - 2 * t)  # smoothstep


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
    return f"rgba({r},{g},{b},{alpha})"


def _line_points(points, smooth: bool):
    """(x, y) points of one character, one per layer -> the drawn x, y, the layer of
    each point and the index of each layer's centre point (where its scene marker sits).

    Smooth lines run flat through a layer (``x ± _HALF``) and ease into the next y."""
    xs, ys, ls, centres = [], [], [], []
    for k, (x, y) in enumerate(points):
        if smooth:
            xs += [x - _HALF, x, x + _HALF]
            ys += [y, y, y]
            ls += [x, x, x]
            centres.append(len(xs) - 2)
        else:
            xs.append(x)
            ys.append(y)
            ls.append(x)
            centres.append(len(xs) - 1)
        if smooth and k + 1 < len(points):
            x1, y1 = points[k + 1]
            if y1 != y:
                a, b = x + _HALF, x1 - _HALF
                for i in range(1, _STEPS):
                    t = i / _STEPS
                    xs.append(round(a + (b - a) * t, 4))
                    ys.append(round(y + (y1 - y) * _ease(t), 4))
                    ls.append(x if t < 0.5 else x1)
    return xs, ys, ls, centres


def _uniform(values: list):
    """One value when all are equal (a scalar style keeps a plotly restyle cheap), else the list."""
    return values[0] if values and all(v == values[0] for v in values) else values


def _character_traces(c, view, points, smooth, name, colour, scene_of, layer_first_scene, hover, death, label_pos):
    """Two traces per character: its line, and its *dots* (a marker in each of its
    scenes, the cross of its death, its name at the start of the line).

    Everything a filter change in highlight mode alters is a *scalar* (trace opacity,
    line width; marker opacity where the character's scenes do not differ): plotly.js
    then restyles the chart instead of recomputing it, which keeps the app's filter
    changes fast. The per-point arrays depend on the story and the layout only. Dots
    are a trace of their own because markers on every point of a smooth line (even of
    size 0) cost plotly.js more than all the rest of the chart.
    """
    xs, ys, ls, centres = _line_points(points, smooth)
    hl = view.is_highlighted(c)
    label = esc(name)
    opacity = 1.0 if hl else FADED
    line = _scatter(
        x=xs, y=ys, mode="lines", name=name, meta=c,
        customdata=[[scene_of.get((c, l), layer_first_scene[l]), c] for l in ls],
        hovertemplate=f"{label}<extra></extra>",
        line=dict(color=colour, width=SELECTED_WIDTH if (hl and view.filtered) else LINE_WIDTH),
        opacity=opacity, showlegend=False, legendgroup=c,
    )
    # the name first (a point without a marker), then a dot per scene, then the cross
    dx, dy, cd, text, htext = [xs[0]], [ys[0]], [line.customdata[0]], [label], [label]
    size, symbol, edge_w, edge_c, faded = [0], ["circle"], [0], [colour], [False]
    for i in centres:
        sid = scene_of.get((c, ls[i]))
        if sid is None:  # the line goes on through a layer where c is in no scene
            continue
        dx.append(xs[i]), dy.append(ys[i]), cd.append([sid, c]), text.append(""), htext.append(hover(sid))
        size.append(7), symbol.append("circle"), edge_w.append(1), edge_c.append("white")
        # in "all" mode a selected character may have scenes that do not match: those dots fade
        faded.append(hl and view.is_faded(sid))
    if death is not None:
        layer, sid, dtext = death
        j = next(i for i in centres if ls[i] == layer)
        dx.append(xs[j] + _HALF if smooth else xs[j]), dy.append(ys[j])
        cd.append([sid, c]), text.append(""), htext.append(dtext)
        size.append(13), symbol.append("x-thin"), edge_w.append(3), edge_c.append(colour), faded.append(False)
    dots = _scatter(
        x=dx, y=dy, mode="markers+text", name=name, meta={"character": c, "part": "dots"}, customdata=cd,
        hovertext=htext, hovertemplate="%{hovertext}<extra></extra>",
        marker=dict(color=colour, size=size, symbol=symbol, line=dict(color=edge_c, width=edge_w),
                    opacity=_uniform([FADED if f else 1.0 for f in faded])),
        text=text, textposition=label_pos, textfont=dict(color=colour, size=12), cliponaxis=False,
        opacity=opacity, showlegend=False, legendgroup=c,
    )
    return line, dots


def _label_positions(drawn, pts, names, n_layers) -> dict[str, str]:
    """Where each name goes at its line's start: left of it, or where that would run over
    another line or name, above the start point, else below it (text widths are estimated
    from a typical plot width and the name's length)."""
    per_layer = (1200 - 160) / max(1, n_layers + 1)
    occupied: dict[float, list[float]] = {}
    for c in drawn:
        for px, py in pts[c]:
            occupied.setdefault(py, []).append(px)
    placed: list[tuple[float, float, float, float]] = []  # (x0, x1, y0, y1) of written names
    spots = (("middle left", -1, -0.22, 0.22), ("top right", 1, -0.6, -0.12), ("bottom right", 1, 0.12, 0.6))
    where: dict[str, str] = {}
    for c in sorted(drawn, key=lambda c: (pts[c][0][0], pts[c][0][1])):
        x, y = pts[c][0]
        span = (len(names[c]) * 7.0 + 12) / per_layer
        for pos, side, dy0, dy1 in spots:
            x0, x1 = (x - span, x) if side < 0 else (x, x + span)
            y0, y1 = y + dy0, y + dy1
            if side < 0 and any(x0 <= px < x for px in occupied.get(y, ())):
                continue
            if any(x0 < b1 and a0 < x1 and y0 < d1 and c0 < y1 for a0, b1, c0, d1 in placed):
                continue
            break
        else:
            pos, x0, x1, y0, y1 = "middle left", x - span, x, y - 0.22, y + 0.22
        placed.append((x0, x1, y0, y1))
        where[c] = pos
    return where


def _empty_scene_markers(fig, view, layers, by_id, in_view, top, hover):
    """A neutral dot above the lines for each scene with no character in view."""
    x, cd, text, faded = [], [], [], []
    for lx, L in enumerate(layers):
        for sid in L.scene_ids:
            if not any(c in in_view and c in L.y for c in by_id[sid].characters):
                x.append(lx)
                cd.append([sid, None])
                text.append(hover(sid))
                faded.append(view.is_faded(sid))
    if x:
        fig.add_trace(_scatter(
            x=x, y=[top + 0.4] * len(x), mode="markers", name="scenes", customdata=cd, hovertext=text,
            hovertemplate="%{hovertext}<extra></extra>", showlegend=False, meta="scenes",
            marker=dict(color=NEUTRAL, opacity=_uniform([FADED if f else EMPTY_SCENE_OPACITY for f in faded]), size=7,
                        line=dict(color="white", width=1)),
        ))


def _merged_lines(fig, view, drawn, pts, smooth, names, colours, scene_of, layer_first_scene):
    """Big casts: the lines of one colour and emphasis in one trace (None-separated)."""
    merged: dict[tuple[str, bool], tuple[list, list, list, list, list]] = {}
    for c in drawn:
        xs, ys, ls, _ = _line_points(pts[c], smooth)
        key = (colours[c], view.is_highlighted(c))
        mx, my, mcd, mt, ids = merged.setdefault(key, ([], [], [], [], []))
        mx += xs + [None]
        my += ys + [None]
        mcd += [[scene_of.get((c, l), layer_first_scene[l]), c] for l in ls] + [[None, c]]
        mt += [esc(names[c])] * len(xs) + [""]
        ids.append(c)
    for (colour, hl), (mx, my, mcd, mt, ids) in merged.items():
        fig.add_trace(_scatter(
            x=mx, y=my, mode="lines", name=f"{len(ids)} characters", meta=ids, customdata=mcd,
            line=dict(color=colour, width=1.4), opacity=1.0 if hl else FADED, text=mt,
            hovertemplate="%{text}<extra></extra>", showlegend=False, connectgaps=False,
        ))


def _scene_markers(fig, view, layers, by_id, in_view, top, colours, hover):
    """Big casts: one trace with a dot where each character is in each scene."""
    sx, sy, scd, stext, scol, sop = [], [], [], [], [], []
    for x, L in enumerate(layers):
        for sid in L.scene_ids:
            here = [c for c in by_id[sid].characters if c in in_view and c in L.y]
            faded = view.is_faded(sid)
            if not here:
                sx.append(x)
                sy.append(top + 0.4)
                scd.append([sid, None])
                scol.append(NEUTRAL)
                sop.append(FADED if faded else EMPTY_SCENE_OPACITY)
                stext.append(hover(sid))
            for c in here:
                sx.append(x)
                sy.append(float(L.y[c]))
                scd.append([sid, c])
                scol.append(colours[c])
                sop.append(FADED if (faded or not view.is_highlighted(c)) else 1.0)
                stext.append(hover(sid))
    fig.add_trace(_scatter(
        x=sx, y=sy, mode="markers", name="scenes", customdata=scd, hovertext=stext,
        hovertemplate="%{hovertext}<extra></extra>",
        marker=dict(color=scol, opacity=sop, size=7, line=dict(color="white", width=1)),
        showlegend=False, meta="scenes",
    ))


def _death_markers(fig, view, deaths, layers, smooth, colours):
    """Big casts: one trace with a cross where each character dies."""
    dx, dy, dcd, dtext, dcol, dop = [], [], [], [], [], []
    for c, (x, sid, text) in deaths.items():
        dx.append(x + (_HALF if smooth else 0))
        dy.append(float(layers[x].y[c]))
        dcd.append([sid, c])
        dcol.append(colours[c])
        dop.append(1.0 if view.is_highlighted(c) else FADED)
        dtext.append(text)
    if dx:
        fig.add_trace(_scatter(
            x=dx, y=dy, mode="markers", name="deaths", customdata=dcd, hovertext=dtext,
            hovertemplate="%{hovertext}<extra></extra>", meta="deaths",
            marker=dict(symbol="x-thin", size=13, color=dcol, opacity=dop, line=dict(width=3, color=dcol)),
            showlegend=False,
        ))


def _name_labels(fig, view, drawn, pts, smooth, names, colours, scene_of, layer_first_scene):
    """Big casts: one text trace with every name left of its line's start (faded by alpha)."""
    lx, ly, lt, lc, lcd = [], [], [], [], []
    for c in drawn:
        x, y = pts[c][0]
        lx.append(x - (_HALF if smooth else 0) - 0.08)
        ly.append(y)
        lt.append(esc(names[c]))
        lc.append(colours[c] if view.is_highlighted(c) else _rgba(colours[c], 0.35))
        lcd.append([scene_of.get((c, x), layer_first_scene[x]), c])
    if lx:
        fig.add_trace(_scatter(
            x=lx, y=ly, mode="text", text=lt, textposition="middle left", customdata=lcd,
            textfont=dict(color=lc, size=8), hoverinfo="skip", showlegend=False, cliponaxis=False,
            name="labels", meta="labels",
        ))


def restyle_rules(view) -> dict:
    """What a page needs to fade and highlight the characters of this chart without
    asking the server (``assets/view_state.js``): the rules of :func:`_character_traces`
    as numbers, and the view the chart's frame belongs to. A page may restyle the chart
    for another character filter (``c``, ``mode``) of the same view, in highlight mode."""
    st = view.state
    return {"faded": FADED, "width": LINE_WIDTH, "selected_width": SELECTED_WIDTH,
            "empty_scene": EMPTY_SCENE_OPACITY, "view": frame_view(st.story, st.order, st.scenes, st.emphasis)}


def frame_view(story, order, scenes, emphasis) -> str:
    """``"story|order|lo-hi|emphasis"``: the part of a view state a storyline's frame depends
    on (besides the story's content); ``assets/view_state.js`` writes the same string."""
    rng = f"{scenes[0]}-{scenes[1]}" if scenes else ""
    return f"{story or ''}|{order}|{rng}|{emphasis}"


def build(view, *, layout=None):
    story = view.story
    if layout is None:
        layout = layout_story(story, scene_ids=[s.id for s in view.scenes])
    colours = character_colours(story)
    names = {c.id: c.name for c in story.characters}
    locnames = {l.id: l.name for l in story.locations}
    by_id = {s.id: s for s in story.scenes}
    in_view = set(view.characters)
    layers = [L for L in layout.layers if any(sid in by_id for sid in L.scene_ids)]

    # ---- where each character is, layer by layer -------------------------
    pts: dict[str, list[tuple[int, float]]] = {c: [] for c in view.characters}
    scene_of: dict[tuple[str, int], str] = {}  # (character, layer) -> scene id for clicks
    ymax = 0.0
    for x, L in enumerate(layers):
        for c, y in L.y.items():
            if c in pts:
                pts[c].append((x, float(y)))
                ymax = max(ymax, float(y))
        for sid in L.scene_ids:
            for c in by_id[sid].characters:
                scene_of[(c, x)] = sid
    layer_first_scene = [L.scene_ids[0] for L in layers]
    drawn = [c for c in view.characters if pts[c]]
    total = sum(len(p) for p in pts.values())
    smooth = total * 2 <= SMOOTH_POINTS_MAX

    fig = go.Figure()

    # ---- location bands (behind everything) ------------------------------
    loc_colour = category_colours(l.id for l in story.locations)
    top, bottom = -1.4, ymax + 1.0
    rects: dict[str, list[tuple[float, float, float, float]]] = {}
    labels: list[tuple[float, float, float, str]] = []  # (width, x, y, text)
    run_loc, run_start = None, None

    def close_run(end):
        if run_loc is not None:
            rects.setdefault(run_loc, []).append((run_start - 0.5, end + 0.5, top, bottom))
            labels.append((end - run_start + 1, (run_start + end) / 2, top, locnames.get(run_loc, run_loc)))

    for x, L in enumerate(layers):
        locs = {by_id[sid].location for sid in L.scene_ids}
        single = next(iter(locs)) if len(locs) == 1 else None
        if single != run_loc:
            close_run(x - 1)
            run_loc, run_start = single, x
        if single is None and len(locs) > 1:
            # concurrent scenes in different places: a band around each group
            for sid in L.scene_ids:
                sc = by_id[sid]
                ys = [L.y[c] for c in sc.characters if c in L.y]
                if sc.location and ys:
                    y0, y1 = min(ys) - 0.6, max(ys) + 0.6
                    rects.setdefault(sc.location, []).append((x - 0.45, x + 0.45, y0, y1))
                    labels.append((0.5, x, y0, locnames.get(sc.location, sc.location)))
    close_run(len(layers) - 1)
    for lid in loc_colour:
        if lid not in rects:
            continue
        bx, by = [], []
        for x0, x1, y0, y1 in rects[lid]:
            bx += [x0, x1, x1, x0, x0, None]
            by += [y0, y0, y1, y1, y0, None]
        name = locnames.get(lid, lid)
        fig.add_trace(_scatter(
            x=bx, y=by, mode="lines", fill="toself", fillcolor=_rgba(loc_colour[lid], 0.10),
            line=dict(width=0), hoveron="fills", hoverinfo="text", text=esc(name),
            name=name, meta={"location": lid}, legendgroup="locations", showlegend=False,
        ))
    labels.sort(key=lambda t: -t[0])
    annotations = []
    for k, (_, x, y, text) in enumerate(sorted(labels[:MAX_BAND_LABELS], key=lambda t: (t[1], t[2]))):
        # alternate above / below so the names of narrow neighbouring bands do not collide
        low = k % 2 == 1 and y == top
        annotations.append(dict(x=x, y=bottom if low else y, text=esc(text), showarrow=False,
                                yanchor="top" if low else "bottom",
                                font=dict(size=10, color="#777777"), name="location"))
    fig.update_layout(annotations=annotations)  # at once: add_annotation one by one is quadratic

    # ---- character lines, scene markers, deaths and name labels -------------
    layer_of = {sid: x for x, L in enumerate(layers) for sid in L.scene_ids}
    hover_cache: dict[str, str] = {}

    def hover(sid: str) -> str:
        if sid not in hover_cache:
            hover_cache[sid] = scene_hover(story, by_id[sid], names, locnames)
        return hover_cache[sid]

    deaths: dict[str, tuple[int, str, str]] = {}  # character -> (layer, scene id, hover text)
    for c in drawn:
        fate = story.character(c).fate
        if fate is None or fate.scene not in layer_of or c not in layers[layer_of[fate.scene]].y:
            continue
        killer = f" by {names.get(fate.by, fate.by)}" if fate.by else ""
        deaths[c] = (layer_of[fate.scene], fate.scene, f"<b>{esc(names[c])}</b> dies{esc(killer)}<br>{esc(fate.how)}"
                                                       f"<br>{esc(by_id[fate.scene].title)}")
    if len(drawn) <= MERGE_LINES_AT:
        where = _label_positions(drawn, pts, names, len(layers))
        for c in drawn:
            fig.add_traces(_character_traces(c, view, pts[c], smooth, names[c], colours[c], scene_of,
                                             layer_first_scene, hover, deaths.get(c), where[c]))
        _empty_scene_markers(fig, view, layers, by_id, in_view, top, hover)
    else:
        _merged_lines(fig, view, drawn, pts, smooth, names, colours, scene_of, layer_first_scene)
        _scene_markers(fig, view, layers, by_id, in_view, top, colours, hover)
        _death_markers(fig, view, deaths, layers, smooth, colours)
        _name_labels(fig, view, drawn, pts, smooth, names, colours, scene_of, layer_first_scene)
    longest_left = max((len(names[c]) for c in drawn if pts[c][0][0] == 0), default=0)

    # ---- axes ---------------------------------------------------------------
    n = len(layers)
    step = max(1, n // 40)
    tickvals = list(range(0, n, step))
    ticktext = ["/".join(str(by_id[s].index + 1) for s in layers[i].scene_ids) for i in tickvals]
    order = "story order" if view.state.order == "story" else "telling order"
    fig.update_xaxes(tickmode="array", tickvals=tickvals, ticktext=ticktext,
                     range=[-0.7, n - 0.3], title=dict(text=f"scene ({order})", font=dict(size=12)),
                     showline=True)
    fig.update_yaxes(visible=False, autorange=False, range=[bottom + 0.5, top - 0.6])
    fig.update_layout(showlegend=False, dragmode="pan" if n > 60 else "zoom",
                      meta={"restyle": restyle_rules(view)})
    default_height = int(min(3000, max(420, 130 + 24 * (ymax + 3)))) if len(drawn) <= MERGE_LINES_AT else 1400
    left = int(min(240, 20 + 7.2 * longest_left))
    return fig, {"default_height": default_height, "margin": dict(l=left, r=30, t=70, b=50)}
