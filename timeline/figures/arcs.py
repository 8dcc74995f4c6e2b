"""Characters over time: presence and degree of the main cast through the story.

Small multiples, one row per character of the main cast
(:func:`timeline.narrative.arc_cast`, at most 15, plus selected characters
outside it): the left column is the share of each window's scenes the
character is present in (a filled area, full row height = every scene), the
right column its degree in the window's network (how many others it shares a
scene or an interaction with; full row height = the largest degree in the
chart). Windows come from :func:`timeline.narrative.auto_windows` over the
view's scenes: the acts where the story has them, else about ten
half-overlapping sliding windows, along the view's order (telling or story).

Every point carries ``customdata = [first scene id, lo, hi, label]`` where
``(lo, hi)`` is the window's 0-based inclusive telling range (what
``ViewState(scenes=...)`` takes). Traces: ``name`` = character name,
``meta`` = character id, ``legendgroup`` = ``"presence"`` or ``"degree"``.
With a filter, the selected characters are drawn in full and the others faded.
"""

from __future__ import annotations

from ..narrative import arc_cast, auto_windows, character_arcs
from ._core import Traces, scatter
from ._theme import character_colours, esc
from ._text import text_width

__all__ = ["build", "arc_characters", "ROW_PX"]

#: Height of one character's row, in pixels.
ROW_PX = 46
_FADED_ARC = 0.3
_MAX_ROWS = 15


def arc_characters(view) -> tuple[str, ...]:
    """The characters a view's arcs chart has a row for, top row first.

    The main cast present in the view, with the selected characters added
    (first, when they are not in it); at most 15.
    """
    present = set(view.characters)
    cast = [c for c in arc_cast(view.story) if c in present]
    extra = [c for c in view.selected if c in present and c not in cast]
    return tuple((extra + cast)[:_MAX_ROWS])


def _fill(colour: str, alpha: float) -> str:
    h = colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _short(text: str, at: int = 22) -> str:
    return text if len(text) <= at else text[: at - 1].rstrip() + "…"


#: Column titles, short enough for the app's narrow card (560 px): the hovers say it in full.
_COLUMNS = ("presence (share of scenes)", "degree (others met)")
_X_DOMAINS = ((0.0, 0.475), (0.525, 1.0))


#: The column titles when the full ones do not fit their column.
_SHORT_COLUMNS = ("presence", "degree")


def build(view, *, width: int | None = None):
    """Characters over time for ``view`` and its frame defaults. ``width`` (px, default
    560) sets the level of detail: column and axis titles are shortened to fit."""
    # built as plain dicts: plotly's per-call updates (and validation) over 2 x 15 subplots
    # cost ten times more than the chart itself
    story = view.story
    names = {c.id: c.name for c in story.characters}
    ccol = character_colours(story)
    order = view.state.order
    scenes = sorted(view.scenes, key=lambda s: s.index)
    wins = auto_windows(story, scenes=scenes, order=order)
    cast = arc_characters(view)
    if not cast:
        note = dict(text="No character is present in these scenes.", x=0.5, y=0.5, xref="paper",
                    yref="paper", showarrow=False, font=dict(size=14, color="#555555"), name="empty")
        return Traces().figure(dict(annotations=[note], xaxis=dict(visible=False), yaxis=dict(visible=False))), \
            {"default_height": 360}
    rows = len(cast)
    by_id = {s.id: s for s in story.scenes}
    key = (lambda s: s.index + 1) if order == "telling" else (lambda s: s.chrono + 1)
    xs = [sum(key(by_id[sid]) for sid in w.scenes) / len(w.scenes) for w in wins]
    arcs = character_arcs(story, characters=cast, windows=wins)
    top_degree = max((max(v) for v in arcs.degree.values()), default=0) or 1
    custom = [[w.scenes[0], w.lo, w.hi, w.label] for w in wins]

    # axes: subplot (row r, column c) uses axis number 2 (r - 1) + c, rows from the top
    gap = min(0.02, 0.3 / rows)
    height = (1 - gap * (rows - 1)) / rows
    half = (xs[1] - xs[0]) / 2 if len(xs) > 1 else 0.5
    xrange = [xs[0] - half, xs[-1] + half]
    axis = "scene (telling order" if order == "telling" else "story order (when it happens"
    sizes = {len(w.scenes) for w in wins}
    xtitle = f"{axis}; windows of {len(wins[0].scenes)} scenes)" if len(sizes) == 1 else f"{axis})"
    acts = len({w.label for w in wins}) == len(wins) and not wins[0].label.startswith(("scene", "story scene"))
    if acts:
        xtitle = f"act ({'telling order' if order == 'telling' else 'story order'})"
    frame = dict(showline=True, linecolor="#DDDDDD", mirror=True, showgrid=False, zeroline=False)
    layout: dict = {}
    data = Traces()
    annotations: list[dict] = []
    for r, cid in enumerate(cast, start=1):
        top = 1 - (r - 1) * (height + gap)
        bottom = max(0.0, top - height)
        colour = ccol[cid]
        strong = view.is_highlighted(cid)
        opacity = 1.0 if strong else _FADED_ARC
        name = esc(names[cid])
        share = arcs.share(cid)
        for c in (1, 2):
            k = 2 * (r - 1) + c
            suffix = "" if k == 1 else str(k)
            last = r == rows
            xaxis = dict(frame, anchor=f"y{suffix}", domain=list(_X_DOMAINS[c - 1]), range=xrange,
                         showticklabels=last, ticks="outside" if last else "", tickfont=dict(size=11),
                         tickformat="d")
            if k > 2:
                xaxis["matches"] = "x" if c == 1 else "x2"
            if acts:
                xaxis.update(tickmode="array", tickvals=xs, ticktext=[esc(_short(w.label, 12)) for w in wins])
            elif xrange[1] - xrange[0] <= 12:
                xaxis.update(dtick=1)  # whole scene numbers, never "19 19 20"
            layout[f"xaxis{suffix}"] = xaxis
            layout[f"yaxis{suffix}"] = dict(frame, anchor=f"x{suffix}", domain=[bottom, top],
                                            range=[0, 1.08] if c == 1 else [0, top_degree * 1.12],
                                            showticklabels=False, fixedrange=True)
        data.append(scatter(
            x=xs, y=list(share), xaxis="x" if r == 1 else f"x{2 * r - 1}",
            yaxis="y" if r == 1 else f"y{2 * r - 1}", mode="lines" if len(xs) > 1 else "markers",
            fill="tozeroy" if len(xs) > 1 else None, name=name, meta=cid,
            legendgroup="presence", showlegend=False, opacity=opacity,
            line=dict(color=colour if strong else _fill(colour, _FADED_ARC), width=1.8, shape="spline",
                      smoothing=0.6),
            fillcolor=_fill(colour, 0.35 if strong else 0.12), customdata=custom,
            hovertext=[f"<b>{name}</b><br>{esc(w.label)}<br>present in {p} of {n} scenes"
                       for w, p, n in zip(wins, arcs.presence[cid], arcs.sizes)],
            hovertemplate="%{hovertext}<extra></extra>"))
        data.append(scatter(
            x=xs, y=list(arcs.degree[cid]), xaxis=f"x{2 * r}", yaxis=f"y{2 * r}",
            mode="lines+markers", name=name, meta=cid, legendgroup="degree", showlegend=False,
            opacity=opacity, line=dict(color=colour, width=1.8), marker=dict(size=5, color=colour),
            customdata=custom,
            hovertext=[f"<b>{name}</b><br>{esc(w.label)}<br>meets {d} other{'s' if d != 1 else ''}"
                       for w, d in zip(wins, arcs.degree[cid])],
            hovertemplate="%{hovertext}<extra></extra>"))
        # the row's name, in the left margin
        annotations.append(dict(text=esc(_short(names[cid])), xref="paper", yref="paper", x=0,
                                y=(top + bottom) / 2, xanchor="right", yanchor="middle", xshift=-8,
                                showarrow=False, name=f"row:{cid}",
                                font=dict(size=12, color="#222222" if strong else "#888888")))
    # one x title under both columns (two would meet in a narrow chart)
    annotations.append(dict(text=esc(xtitle), xref="paper", yref="paper", x=0.5, y=0, xanchor="center",
                            yanchor="top", yshift=-26, showarrow=False, name="xtitle",
                            font=dict(size=12, color="#444444")))
    longest = max(len(_short(names[c])) for c in cast)
    left = int(30 + 7.2 * longest)
    plot_w = (int(width) if width else 560) - left - 30
    if text_width(xtitle, 12) > plot_w:
        xtitle = f"{axis})" if not acts else xtitle
    columns = _COLUMNS
    if any(text_width(t, 12) > (x1 - x0) * plot_w - 6 for (x0, x1), t in zip(_X_DOMAINS, _COLUMNS)):
        columns = _SHORT_COLUMNS
    annotations[-1]["text"] = esc(xtitle)
    for (x0, x1), text in zip(_X_DOMAINS, columns):
        annotations.append(dict(text=text, xref="paper", yref="paper", x=(x0 + x1) / 2, y=1,
                                xanchor="center", yanchor="bottom", yshift=4, showarrow=False,
                                name="column", font=dict(size=12, color="#444444")))
    layout.update(showlegend=False, hovermode="closest", annotations=annotations,
                  title=dict(yref="container", y=1.0, yanchor="top", pad=dict(t=12)),
                  meta={"windows": [{"label": w.label, "lo": w.lo, "hi": w.hi} for w in wins],
                        "characters": list(cast)})
    fig = data.figure(layout)
    return fig, {"default_height": int(150 + ROW_PX * rows), "margin": dict(l=left, r=30, t=96, b=60)}
