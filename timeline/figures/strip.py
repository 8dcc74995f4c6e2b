"""The scene strip: scenes as coloured blocks, a presence grid underneath.

The top row has one block per scene in x order (telling or story order),
coloured by location, time of day, INT/EXT or the main character group of the
scene. The grid below has one row per character: a filled square where the
character is present, an open one where it is only mentioned. Both rows share
the x axis.
"""

from __future__ import annotations

from collections import Counter

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..errors import StoryError
from ..views import COLOUR_BY
from ._theme import FADED, NEUTRAL, category_colours, character_colours, esc, scene_hover

__all__ = ["build", "scene_category"]

LEGEND_TITLES = {"location": "Location", "time_of_day": "Time of day", "int_ext": "INT / EXT", "group": "Main group"}
_UNKNOWN = {"location": "no location", "time_of_day": "unknown", "int_ext": "unknown", "group": "no group"}


def scene_category(story, scene, colour_by: str, groups: dict[str, str | None] | None = None,
                   locnames: dict[str, str] | None = None) -> str | None:
    """The value a scene is coloured by (``None`` when unknown)."""
    if colour_by == "location":
        if scene.location is None:
            return None
        return (locnames or {l.id: l.name for l in story.locations}).get(scene.location, scene.location)
    if colour_by == "time_of_day":
        return scene.time_of_day
    if colour_by == "int_ext":
        return scene.int_ext
    if colour_by == "group":
        if groups is None:
            groups = {c.id: c.group for c in story.characters}
        counts = Counter(groups[c] for c in scene.characters if groups.get(c))
        if not counts:
            return None
        best = max(counts.values())
        # ties: the group of the first-listed character among the most common
        return next(groups[c] for c in scene.characters if groups.get(c) and counts[groups[c]] == best)
    raise StoryError(f"colour_by must be one of {', '.join(COLOUR_BY)}, not {colour_by!r}")


def build(view, *, colour_by=None):
    story = view.story
    colour_by = colour_by or view.state.colour_by
    names = {c.id: c.name for c in story.characters}
    locnames = {l.id: l.name for l in story.locations}
    groups = {c.id: c.group for c in story.characters}
    ccol = character_colours(story)
    unknown = _UNKNOWN.get(colour_by, "unknown")

    # colours from the whole story, so a filter never changes them
    all_values = [scene_category(story, s, colour_by, groups, locnames) for s in story.scenes]
    colours = category_colours(all_values)
    value_of = {s.id: v for s, v in zip(story.scenes, all_values)}

    scenes = view.scenes
    n = len(scenes)
    chars = [c for c in view.characters]
    rows = max(1, len(chars))
    grid_px = rows * (18 if rows <= 60 else 6)
    strip_px = 70
    default_height = int(min(3200, max(360, 140 + strip_px + grid_px)))
    plot_px = default_height - 140
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.03,
                        row_heights=[strip_px / plot_px, 1 - strip_px / plot_px])

    hover = {s.id: scene_hover(story, s, names, locnames) for s in scenes}
    by_value: dict[str | None, list] = {}
    for s in scenes:
        by_value.setdefault(value_of[s.id], []).append(s)
    order = list(colours) + ([None] if None in by_value else [])
    for value in order:
        group = by_value.get(value)
        if not group:
            continue
        label = value if value is not None else unknown
        fig.add_trace(go.Bar(
            x=[view.x_of(s.id) for s in group], y=[1] * len(group), base=0, width=0.92,
            name=esc(label), legendgroup=f"cat:{label}", meta={"colour_by": colour_by, "value": value},
            marker=dict(color=colours.get(value, NEUTRAL),
                        opacity=[FADED if view.is_faded(s.id) else 1.0 for s in group],
                        line=dict(width=0)),
            customdata=[[s.id] for s in group], hovertext=[hover[s.id] for s in group],
            hovertemplate="%{hovertext}<extra>" + esc(label) + "</extra>",
        ), row=1, col=1)

    # ---- presence grid ---------------------------------------------------------
    size = 11 if rows <= 60 else 4
    for kind, symbol in (("present", "square"), ("mentioned", "square-open")):
        px, py, pcd, pcol, pop, ptext = [], [], [], [], [], []
        for s in scenes:
            x = view.x_of(s.id)
            who = s.characters if kind == "present" else s.mentioned
            for c in who:
                if c not in names or c not in chars and kind == "present":
                    continue
                if c not in chars:
                    continue
                px.append(x)
                py.append(names[c])
                pcd.append([s.id, c])
                pcol.append(ccol[c])
                pop.append(FADED if (view.is_faded(s.id) or not view.is_highlighted(c)) else 1.0)
                ptext.append(f"<b>{esc(names[c])}</b> {'in' if kind == 'present' else 'mentioned in'} "
                             f"{esc(s.index + 1)}. {esc(s.title)}")
        if px:
            fig.add_trace(go.Scatter(
                x=px, y=py, mode="markers", name=kind, customdata=pcd, hovertext=ptext,
                hovertemplate="%{hovertext}<extra></extra>", showlegend=False, meta=kind,
                marker=dict(symbol=symbol, size=size, color=pcol, opacity=pop,
                            line=dict(width=1.5 if kind == "mentioned" else 0, color=pcol)),
            ), row=2, col=1)

    step = max(1, n // 40)
    tickvals = list(range(0, n, step))
    ticktext = [str(scenes[i].index + 1) for i in tickvals]
    order_word = "story order" if view.state.order == "story" else "telling order"
    fig.update_xaxes(tickmode="array", tickvals=tickvals, ticktext=ticktext, range=[-0.6, n - 0.4],
                     showline=True)
    fig.update_xaxes(title=dict(text=f"scene ({order_word})", font=dict(size=12)), row=2, col=1)
    fig.update_xaxes(showticklabels=False, ticks="", row=1, col=1)
    fig.update_yaxes(visible=False, range=[0, 1], fixedrange=True, row=1, col=1)
    display = [names[c] for c in chars]
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=list(reversed(display)),
                     range=[-0.6, len(display) - 0.4], tickfont=dict(size=11 if rows <= 60 else 7),
                     showgrid=True, gridcolor="#EEEEEE", row=2, col=1)
    fig.update_layout(bargap=0, barmode="overlay", showlegend=True,
                      legend=dict(title=dict(text=LEGEND_TITLES.get(colour_by, colour_by)),
                                  # a row (or two) just above the chart, under the title: the
                                  # title sits at the very top, the legend pushes the top margin
                                  orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0.0),
                      title=dict(yref="container", y=1.0, yanchor="top", pad=dict(t=12)))
    longest = max((len(names[c]) for c in chars), default=4)
    return fig, {"default_height": default_height,
                 "margin": dict(l=int(min(220, 20 + 6.8 * longest)), r=30, t=100, b=50)}
