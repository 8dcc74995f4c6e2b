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

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..narrative import arc_cast, auto_windows, character_arcs
from ._theme import character_colours, esc

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


def build(view):
    story = view.story
    names = {c.id: c.name for c in story.characters}
    ccol = character_colours(story)
    order = view.state.order
    scenes = sorted(view.scenes, key=lambda s: s.index)
    wins = auto_windows(story, scenes=scenes, order=order)
    cast = arc_characters(view)
    rows = max(1, len(cast))
    by_id = {s.id: s for s in story.scenes}
    key = (lambda s: s.index + 1) if order == "telling" else (lambda s: s.chrono + 1)
    xs = [sum(key(by_id[sid]) for sid in w.scenes) / len(w.scenes) for w in wins]

    fig = make_subplots(rows=rows, cols=2, shared_xaxes=True, horizontal_spacing=0.05,
                        vertical_spacing=min(0.02, 0.3 / rows),
                        column_titles=["present in (share of each window's scenes)",
                                       "degree (others met in the window)"])
    if not cast:
        fig.add_annotation(text="No character is present in these scenes.", x=0.5, y=0.5, xref="paper",
                           yref="paper", showarrow=False, font=dict(size=14, color="#555555"), name="empty")
        return fig, {"default_height": 360}
    arcs = character_arcs(story, characters=cast, windows=wins)
    top_degree = max((max(v) for v in arcs.degree.values()), default=0) or 1
    custom = [[w.scenes[0], w.lo, w.hi, w.label] for w in wins]
    for r, cid in enumerate(cast, start=1):
        colour = ccol[cid]
        strong = view.is_highlighted(cid)
        opacity = 1.0 if strong else _FADED_ARC
        share = arcs.share(cid)
        name = esc(names[cid])
        pres_text = [f"<b>{name}</b><br>{esc(w.label)}<br>present in {p} of {n} scenes"
                     for w, p, n in zip(wins, arcs.presence[cid], arcs.sizes)]
        deg_text = [f"<b>{name}</b><br>{esc(w.label)}<br>meets {d} other{'s' if d != 1 else ''}"
                    for w, d in zip(wins, arcs.degree[cid])]
        fig.add_trace(go.Scatter(
            x=xs, y=list(share), mode="lines", fill="tozeroy", name=name, meta=cid,
            legendgroup="presence", showlegend=False, opacity=opacity,
            line=dict(color=colour if strong else _fill(colour, _FADED_ARC), width=1.8, shape="spline",
                      smoothing=0.6),
            fillcolor=_fill(colour, 0.35 if strong else 0.12), customdata=custom, hovertext=pres_text,
            hovertemplate="%{hovertext}<extra></extra>"), row=r, col=1)
        fig.add_trace(go.Scatter(
            x=xs, y=list(arcs.degree[cid]), mode="lines+markers", name=name, meta=cid,
            legendgroup="degree", showlegend=False, opacity=opacity,
            line=dict(color=colour, width=1.8), marker=dict(size=5, color=colour),
            customdata=custom, hovertext=deg_text, hovertemplate="%{hovertext}<extra></extra>"),
            row=r, col=2)
        fig.update_yaxes(range=[0, 1.08], row=r, col=1)
        fig.update_yaxes(range=[0, top_degree * 1.12], row=r, col=2)
        # the row's name, in the left margin
        yref = "y domain" if r == 1 else f"y{2 * r - 1} domain"
        fig.add_annotation(text=esc(_short(names[cid])), xref="paper", yref=yref, x=0, y=0.5,
                           xanchor="right", yanchor="middle", xshift=-8, showarrow=False,
                           font=dict(size=12, color="#222222" if strong else "#888888"),
                           name=f"row:{cid}")
    fig.update_yaxes(showticklabels=False, showgrid=False, zeroline=False, fixedrange=True,
                     showline=True, linecolor="#DDDDDD", mirror=True)
    axis = "scene (telling order" if order == "telling" else "story order (when it happens"
    word = "telling order" if order == "telling" else "story order"
    xtitle = f"{axis}; windows of {len(wins[0].scenes)} scenes)" if len({len(w.scenes) for w in wins}) == 1 \
        else f"{axis})"
    half = (xs[1] - xs[0]) / 2 if len(xs) > 1 else 0.5
    fig.update_xaxes(showline=True, linecolor="#DDDDDD", mirror=True, showgrid=False, ticks="",
                     tickfont=dict(size=11), tickformat="d", range=[xs[0] - half, xs[-1] + half])
    fig.update_xaxes(ticks="outside", row=rows)
    if len({w.label for w in wins}) == len(wins) and not wins[0].label.startswith(("scene", "story scene")):
        # acts: name them under their centres
        fig.update_xaxes(tickmode="array", tickvals=xs, ticktext=[esc(_short(w.label, 12)) for w in wins])
        xtitle = f"act ({word})"
    fig.update_xaxes(title=dict(text=xtitle, font=dict(size=12)), row=rows, col=1)
    fig.update_xaxes(title=dict(text=xtitle, font=dict(size=12)), row=rows, col=2)
    for a in fig.layout.annotations:
        if a.name is None and a.text in ("present in (share of each window's scenes)",
                                         "degree (others met in the window)"):
            a.font = dict(size=12, color="#444444")
    fig.update_layout(showlegend=False, hovermode="closest",
                      title=dict(yref="container", y=1.0, yanchor="top", pad=dict(t=12)),
                      meta={"windows": [{"label": w.label, "lo": w.lo, "hi": w.hi} for w in wins],
                            "characters": list(cast)})
    longest = max(len(_short(names[c])) for c in cast)
    return fig, {"default_height": int(150 + ROW_PX * rows),
                 "margin": dict(l=int(30 + 7.2 * longest), r=30, t=96, b=60)}
