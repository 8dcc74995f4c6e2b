"""The story curve: each scene's story order against its telling order.

After Kim et al. [1]_: x is the film's telling order (scene numbers, 1-based),
y is when the scene happens in the story's chronology (story order, 1-based).
A story told in order lies on the dotted diagonal; a flashback drops below the
curve before it. Each scene is one mark, coloured like the scene strip (same
``colour_by``, same categories and colours, folded to at most
:data:`MAX_CATEGORIES` plus "other"); a grey line joins the scenes in telling
order and the jumps back in time are drawn dashed. Selected characters get a
line of their own through their scenes, in their colour. The nonlinearity of
the scenes shown (:func:`timeline.narrative.nonlinearity`) is written above the
plot and kept in ``layout.meta["nonlinearity"]``.

For the app: every scene mark has ``customdata[0]`` = scene id (a click opens
the scene); the chart opens in horizontal box-select mode, and
:func:`brush_range` turns a brushed x range into the 0-based inclusive scene
range of :class:`timeline.views.ViewState`. The x axis is always telling
order, whatever the view's ``order``.

References
----------
.. [1] Kim, N. W., Bach, B., Im, H., Schriber, S., Gross, M. and Pfister, H.,
   "Visualizing Nonlinear Narratives with Story Curves", IEEE Transactions on
   Visualization and Computer Graphics 24(1):595-604, 2018.
"""

from __future__ import annotations

import math
from collections import Counter

from ..narrative import nonlinearity
from ._core import Traces, scatter
from ._text import text_width
from ._theme import FADED, NEUTRAL, category_colours, character_colours, esc, scene_hover
from .strip import LEGEND_TITLES, _UNKNOWN, scene_category

__all__ = ["build", "brush_range", "fold_categories", "MAX_CATEGORIES", "OTHER"]

#: At most this many categories get a colour of their own; the rest are "other".
MAX_CATEGORIES = 12
#: Label of the folded categories.
OTHER = "other"
OTHER_COLOUR = "#8C8C8C"
CURVE_COLOUR = "#9A9A9A"
JUMP_COLOUR = "#444444"
#: Legend entries at most (categories + other + unknown + jumps + character lines).
MAX_LEGEND = 15


def brush_range(x0: float, x1: float, n_scenes: int) -> tuple[int, int] | None:
    """The scenes inside a brushed x range, as a 0-based inclusive ``(lo, hi)``.

    x values are 1-based scene numbers in telling order; a scene is inside
    when its number lies in ``[x0, x1]``. None when no scene is inside.

    Examples
    --------
    >>> brush_range(2.6, 7.2, 10)
    (2, 6)
    >>> brush_range(7.2, 2.6, 10)
    (2, 6)
    >>> brush_range(3.2, 3.8, 10) is None
    True
    """
    a, b = sorted((x0, x1))
    lo, hi = max(1, math.ceil(a)), min(n_scenes, math.floor(b))
    return (lo - 1, hi - 1) if lo <= hi else None


def _ranked(values) -> list:
    """Distinct values (``None`` left out), most frequent first (ties: first seen)."""
    counts: dict = {}
    for v in values:
        if v is not None:
            counts[v] = counts.get(v, 0) + 1
    first = {v: i for i, v in enumerate(counts)}
    return sorted(counts, key=lambda v: (-counts[v], first[v]))


def _top(values, *, at_most: int) -> tuple:
    """The strip's rule: every value when there are at most ``at_most``, else the
    ``at_most - 1`` most frequent (ties: first seen), the last colour for "other"."""
    ranked = _ranked(values)
    return tuple(ranked if len(ranked) <= at_most else ranked[:max(1, at_most - 1)])


def fold_categories(story, colour_by: str, *, at_most: int = MAX_CATEGORIES):
    """Per scene id its legend label, and per label its colour, as the strip has them.

    The values come from :func:`timeline.figures.strip.scene_category` over
    the whole story (so a filter never changes them; for ``"location"``, the
    strip's place categories), folded and coloured as the strip does it: the
    :data:`MAX_CATEGORIES` most frequent values (or all, when that is few
    enough) keep their colour, in first-seen order; the rest are
    :data:`OTHER`. A smaller ``at_most`` folds further values into "other"
    (least frequent first) without changing the colours of those kept.
    Scenes without a value get the strip's "unknown" label in neutral grey.

    Returns
    -------
    (dict of str to str, dict of str to str)
        ``label_of[scene_id]`` and ``colour_of[label]``, labels in legend order.
    """
    from . import _theme, strip

    groups = {c.id: c.group for c in story.characters}
    catnames = None
    place_categories = getattr(strip, "place_categories", None)
    if colour_by == "location":
        lname = {l.id: l.name for l in story.locations}
        catnames = ({lid: lname[t] for lid, t in place_categories(story).items()}
                    if place_categories is not None else lname)
    values = [scene_category(story, s, colour_by, groups, catnames) for s in story.scenes]
    top = getattr(_theme, "top_categories", None) or (lambda v: _top(v, at_most=MAX_CATEGORIES))
    chosen = set(top(values))
    kept = tuple(dict.fromkeys(v for v in values if v in chosen))  # first-seen order, as the strip
    strip_colours = category_colours(kept)
    folded = any(v is not None and v not in chosen for v in values)
    if len(kept) + folded > at_most:
        # room for at_most - 1 colours and "other": drop the least frequent
        fewer = set(_ranked([v for v in values if v in chosen])[:max(1, at_most - 1)])
        kept = tuple(v for v in kept if v in fewer)
    colour_of = {v: strip_colours[v] for v in kept}
    unknown = _UNKNOWN.get(colour_by, "unknown")
    label_of = {s.id: unknown if v is None else (v if v in colour_of else OTHER)
                for s, v in zip(story.scenes, values)}
    labels = set(label_of.values())
    if OTHER in labels:
        colour_of[OTHER] = getattr(_theme, "OTHER", OTHER_COLOUR)
    if unknown in labels:
        colour_of[unknown] = NEUTRAL
    return label_of, colour_of


#: Below this figure width (px) the legend goes under the plot.
NARROW = 640


def _short(text: str, at: int = 28) -> str:
    return text if len(text) <= at else text[: at - 1].rstrip() + "…"


def _marker_size(n: int) -> int:
    return 11 if n <= 40 else 8 if n <= 120 else 6


def build(view, *, colour_by=None, width: int | None = None):
    """The story curve of ``view`` and its frame defaults. ``width`` (px, default 800)
    sets the level of detail: the nonlinearity note is shortened, then wrapped, to fit,
    and below :data:`NARROW` px the legend goes under the plot."""
    story = view.story
    colour_by = colour_by or view.state.colour_by
    names = {c.id: c.name for c in story.characters}
    locnames = {l.id: l.name for l in story.locations}
    ccol = character_colours(story)
    scenes = sorted(view.scenes, key=lambda s: s.index)  # x is always telling order
    n = len(scenes)
    lines_for = list(view.selected)
    legend_chars = min(len(lines_for), 4)
    # legend budget: the jump entry, the character lines and "unknown"; the rest for colours
    label_of, colour_of = fold_categories(story, colour_by)
    unknown_entry = int(_UNKNOWN.get(colour_by, "unknown") in colour_of)
    budget = MAX_LEGEND - 1 - legend_chars - unknown_entry
    if len(colour_of) - unknown_entry > budget:
        label_of, colour_of = fold_categories(story, colour_by, at_most=max(2, budget))
    hover = {s.id: scene_hover(story, s, names, locnames) for s in scenes}
    xs = {s.id: s.index + 1 for s in scenes}
    ys = {s.id: s.chrono + 1 for s in scenes}
    fig = Traces()

    # the linear telling, for reference
    lo_xy = min(min(xs.values()), min(ys.values()))
    hi_xy = max(max(xs.values()), max(ys.values()))
    shapes = [dict(type="line", x0=lo_xy, y0=lo_xy, x1=hi_xy, y1=hi_xy, layer="below",
                   line=dict(color="#CCCCCC", width=1, dash="dot"), name="told in order")]

    # the curve joining the scenes in telling order; jumps back dashed
    fig.add_trace(scatter(
        x=[xs[s.id] for s in scenes], y=[ys[s.id] for s in scenes], mode="lines",
        line=dict(color=CURVE_COLOUR, width=1.2), hoverinfo="skip", showlegend=False,
        name="story curve", meta="curve"))
    jx: list = []
    jy: list = []
    for a, b in zip(scenes, scenes[1:]):
        if b.chrono < a.chrono:
            jx += [xs[a.id], xs[b.id], None]
            jy += [ys[a.id], ys[b.id], None]
    if jx:
        fig.add_trace(scatter(
            x=jx, y=jy, mode="lines", line=dict(color=JUMP_COLOUR, width=1.6, dash="dash"),
            hoverinfo="skip", name="jump back in time", meta="jumps", legendrank=900))

    # one mark per scene, a trace per category (legend order as the strip)
    by_label: dict[str, list] = {}
    for s in scenes:
        by_label.setdefault(label_of[s.id], []).append(s)
    size = _marker_size(n)
    for label, colour in colour_of.items():
        group = by_label.get(label)
        if not group:
            continue
        # matching and faded marks apart, so the legend shows the colour at full strength
        parts = [[s for s in group if not view.is_faded(s.id)], [s for s in group if view.is_faded(s.id)]]
        for part, opacity in zip(parts, (1.0, FADED)):
            if not part:
                continue
            fig.add_trace(scatter(
                x=[xs[s.id] for s in part], y=[ys[s.id] for s in part], mode="markers",
                name=esc(_short(label)), legendgroup=f"cat:{label}", showlegend=part is next(p for p in parts if p),
                meta={"colour_by": colour_by, "value": label, "faded": opacity < 1},
                marker=dict(color=colour, size=size, opacity=opacity, line=dict(width=0.6, color="white")),
                customdata=[[s.id] for s in part], hovertext=[hover[s.id] for s in part],
                hovertemplate="%{hovertext}<extra>" + esc(label) + "</extra>"))

    # the selected characters' lines, over the curve
    for k, cid in enumerate(lines_for):
        mine = [s for s in scenes if cid in s.characters]
        if not mine:
            continue
        fig.add_trace(scatter(
            x=[xs[s.id] for s in mine], y=[ys[s.id] for s in mine], mode="lines+markers",
            name=esc(_short(names[cid])), meta=cid, legendgroup=f"char:{cid}", showlegend=k < legend_chars,
            line=dict(color=ccol[cid], width=2.2),
            marker=dict(symbol="circle-open", size=size + 6, color=ccol[cid], line=dict(width=2)),
            customdata=[[s.id, cid] for s in mine],
            hovertext=[f"<b>{esc(names[cid])}</b><br>" + hover[s.id] for s in mine],
            hovertemplate="%{hovertext}<extra></extra>"))

    m = nonlinearity(scenes)
    W = int(width) if width else 800
    below = W < NARROW
    widest = max([text_width(_short(l), 11) for l in colour_of]
                 + [text_width(_short(names[c]), 11) for c in lines_for[:legend_chars]] + [110])
    right = 24 if below else int(60 + widest)
    room = W - 70 - right  # the plot area's width: the note starts at its left edge
    lines = _note_lines(m, story.chronology, room)
    note = dict(text="<br>".join(esc(t) for t in lines), xref="paper", yref="paper", x=0, y=1.0,
                xanchor="left", yanchor="bottom", yshift=6, showarrow=False, align="left",
                font=dict(size=12, color="#444444"), name="nonlinearity")

    pad = 0.5 if n > 1 else 1
    xlo, xhi = min(xs.values()), max(xs.values())
    ylo, yhi = min(ys.values()), max(ys.values())
    xaxis = dict(title=dict(text="scene, in telling order (the film's)", font=dict(size=12)),
                 range=[xlo - pad, xhi + pad], tickformat="d", showline=True,
                 showgrid=True, gridcolor="#F0F0F0", tickfont=dict(size=11))
    yaxis = dict(title=dict(text="story order (when it happens)", font=dict(size=12)),
                 range=[ylo - pad, yhi + pad], tickformat="d", showline=True, linecolor="#888888",
                 showgrid=True, gridcolor="#F0F0F0", tickfont=dict(size=11), ticks="outside")
    entries = sum(1 for t in fig if t.get("showlegend") is not False and t.get("name"))
    bottom, height = 60, 640
    if below:  # in rows under the plot, in columns
        entry_w = int(widest) + 10
        cols = max(1, int((W - 20) // (entry_w + 80)))
        extra = (-(-entries // cols) + 1) * 19 + 30
        bottom, height = bottom + extra, height + extra
        legend = dict(title=dict(text=LEGEND_TITLES.get(colour_by, colour_by), side="top"), orientation="h",
                      yref="container", yanchor="bottom", y=0, xref="container", x=0.01, xanchor="left", itemsizing="constant",
                      font=dict(size=11), tracegroupgap=0, entrywidth=entry_w, entrywidthmode="pixels")
    else:
        legend = dict(title=dict(text=LEGEND_TITLES.get(colour_by, colour_by)), orientation="v",
                      x=1.01, xanchor="left", y=1.0, yanchor="top", itemsizing="constant",
                      font=dict(size=11), tracegroupgap=0)  # no gap per legend group: 15 entries fit
    top = 96 + 17 * (len(lines) - 1)
    fig = fig.figure(dict(
        shapes=shapes, annotations=[note], xaxis=xaxis, yaxis=yaxis,
        # a drag zooms, as in every chart (double-click: back); the toolbar's box select chooses scenes
        dragmode="zoom", selectdirection="h", hovermode="closest", showlegend=True, legend=legend,
        title=dict(yref="container", y=1.0, yanchor="top", pad=dict(t=12)),
        meta={"nonlinearity": {k: v for k, v in m.to_dict().items() if k != "jumps"},
              "x": "telling order, 1-based", "y": "story order, 1-based"},
    ))
    return fig, {"default_height": height + top - 96, "margin": dict(l=70, r=right, t=top, b=bottom)}


def note_parts(m, chronology: bool = True) -> list[tuple[str, str]]:
    """The nonlinearity note of :func:`timeline.narrative.nonlinearity`'s ``m`` as
    ``(long, short)`` parts, most important first. A story without a chronology of its
    own (:attr:`timeline.model.Story.chronology`) has no story order to depart from:
    the note says so instead of "told in story order"."""
    if not chronology:
        return [("No story order in this script", "No story order in this script"),
                (f"{m.scenes} scenes in telling order", f"{m.scenes} scenes")]
    if m.linear:
        return [("Told in story order (nonlinearity 0)", "Told in story order"), (f"{m.scenes} scenes", "")]
    jumps = f"{m.jumps_back} jump{'s' if m.jumps_back != 1 else ''} back"
    return [(f"Nonlinearity {m.score:.3f} (share of scene pairs told out of story order)",
             f"Nonlinearity {m.score:.3f}"),
            (f"{jumps} in time", jumps),
            (f"{m.out_of_place} of {m.scenes} scenes out of place", f"{m.out_of_place} of {m.scenes} out of place")]


def _note_lines(m, chronology: bool, room: float, size: int = 12) -> list[str]:
    """The note as lines that fit ``room`` px: in full on one line, else short, else one
    part per line."""
    parts = note_parts(m, chronology)
    for pick in (0, 1):
        line = " · ".join(p[pick] for p in parts if p[pick])
        if text_width(line, size) <= room:
            return [line]
    return [p[1] for p in parts if p[1]]
