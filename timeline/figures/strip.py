"""The scene strip: scenes as coloured blocks, a presence grid underneath.

The top row has one block per scene in x order (telling or story order),
coloured by top-level place, time of day, INT/EXT or the main character group
of the scene. At most :data:`~timeline.figures._theme.MAX_CATEGORIES` colours
are used: past that, the least frequent values share one hatched "other"
colour, and every block's hover names its full place (``Bloom House ›
Kitchen``). Colours are chosen from the whole story, so a filter never changes
them.

The grid below has one row per character drawn in full (``view.shown``, most
important first), every row labelled: a filled square where the character is
present, an open one where it is only mentioned. The folded characters
(``view.folded``) share one last row, "others (n)", with a square wherever
any of them is present. Both parts share the x axis, whose ticks fall on round
scene numbers (every 1, 2, 5, 10, 20, 50 ... scenes) so it stays legible at
hundreds of scenes.
"""

from __future__ import annotations

import copy
from collections import Counter
from functools import lru_cache

from plotly.subplots import make_subplots

from ..errors import StoryError
from ..views import COLOUR_BY
from ._core import Traces, bar, scatter
from ._text import text_width
from ._window import scene_window, show_window
from ._theme import (FADED, MAX_CATEGORIES, NEUTRAL, OTHER, category_colours, character_colours, esc, merge, place_path,
                     scene_hover, short, top_categories, top_places)

__all__ = ["build", "scene_category", "place_categories", "x_ticks", "OTHERS_ROW", "grid_rows"]

LEGEND_TITLES = {"location": "Location", "time_of_day": "Time of day", "int_ext": "INT / EXT", "group": "Main group"}
_UNKNOWN = {"location": "no location", "time_of_day": "unknown", "int_ext": "unknown", "group": "no group"}
#: Label of the category that gathers the values past the colour limit.
OTHER_LABEL = "other"
#: Label of the grid row of the folded characters: ``"others (n)"``.
OTHERS_ROW = "others ({n})"

_STRIP_PX = 56      # height of the block row
_GAP_PX = 14        # between the blocks and the grid
_MARGIN = dict(t=64, b=56, r=24)
_LEGEND_ROW_PX = 21  # one vertical legend entry
_NAME_CHARS = 26    # grid labels and legend entries are cut to this many characters
_TICK_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
_MAX_TICKS = 24     # x tick labels on the axis (1400 px wide: > 45 px apart)
_TICK_PX = 42       # at least this many px per x tick label (three digits at 11 px, and a gap)
_NARROW_NAME_CHARS = 16  # grid labels are cut shorter below 640 px
_LEGEND_SWATCH_PX = 46   # a legend entry's symbol and gaps beside its text


def scene_category(story, scene, colour_by: str, groups: dict[str, str | None] | None = None,
                   locnames: dict[str, str] | None = None) -> str | None:
    """The value a scene is coloured by (``None`` when unknown).

    For ``"location"`` it is the name of the scene's top-level place (the
    root of its ``Location.parent`` chain, or a sub-place, see
    :func:`place_categories`) unless ``locnames`` maps location
    ids to the names to use.
    """
    if colour_by == "location":
        if scene.location is None:
            return None
        if locnames is None:
            names = {l.id: l.name for l in story.locations}
            locnames = {lid: names[t] for lid, t in place_categories(story).items()}
        return locnames.get(scene.location, scene.location)
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


def place_categories(story, *, at_most: int = MAX_CATEGORIES) -> dict[str, str]:
    """Location id -> the place it is coloured as: its top-level place, or a
    sub-place when the top level is too coarse.

    Starts from the top-level places (roots of ``Location.parent``); while
    there are fewer than ``at_most`` places with scenes, the place with the
    most scenes that has sub-places is split into them (scenes set in the place
    itself keep it), unless that makes more than 1.5 × ``at_most``. A story set
    in one town thus gets the town's places; a feature screenplay with a
    hundred top-level places keeps them. Either way the strip then folds the
    least frequent into "other".
    """
    parent = {l.id: l.parent for l in story.locations}
    children: dict[str, list[str]] = {}
    for lid, p in parent.items():
        if p in parent and p != lid:
            children.setdefault(p, []).append(lid)
    top = top_places(story)
    cat = dict(top)
    uses = Counter(s.location for s in story.scenes if s.location in parent)

    def subtree(lid):
        out, todo = [], [lid]
        while todo:
            x = todo.pop()
            if x in out:
                continue
            out.append(x)
            todo.extend(children.get(x, ()))
        return out

    def scenes_in(c):
        return sum(uses[x] for x in parent if cat[x] == c)

    split: set[str] = set()
    while True:
        live = {cat[x] for x in uses}
        candidates = sorted((c for c in live if c not in split and children.get(c)),
                            key=lambda c: (-scenes_in(c), c))
        done = True
        for c in candidates:
            trial = dict(cat)
            for child in children[c]:
                for x in subtree(child):
                    if trial[x] == c:
                        trial[x] = child
            if len(live) < at_most and len({trial[x] for x in uses}) <= at_most + at_most // 2:
                cat = trial
                split.add(c)
                done = False
                break
            split.add(c)
        if done:
            return cat


def x_ticks(scenes, order: str = "telling", *, at_most: int = _MAX_TICKS) -> tuple[list[int], list[str]]:
    """Tick positions and labels (1-based scene numbers) for ``scenes`` in x order.

    The step is the smallest of 1, 2, 5, 10, 20, 25, 50 ... that gives at most
    ``at_most`` ticks. In telling order the ticks fall on scene numbers that are
    multiples of the step (and the first scene); in story order, where the
    numbers jump, on every step-th position.
    """
    n = len(scenes)
    if n == 0:
        return [], []
    step = next((s for s in _TICK_STEPS if n / s <= at_most), _TICK_STEPS[-1])
    if order == "story":
        pos = list(range(0, n, step))
    else:
        pos = [i for i, s in enumerate(scenes) if (s.index + 1) % step == 0]
        if not pos or pos[0] != 0:
            # the first scene too, unless it would crowd the next tick
            if not pos or pos[0] >= step / 2:
                pos.insert(0, 0)
    return pos, [str(scenes[i].index + 1) for i in pos]


def grid_rows(view) -> list[tuple[str, str | None]]:
    """The presence grid's rows from the top: ``(label, character id)``, the
    folded characters as one last ``("others (n)", None)`` row."""
    names = {c.id: c.name for c in view.story.characters}
    from ..graph import importance

    # by importance alone, so selecting a character (shown first by the view) keeps the rows
    score = importance(view.story)
    place = {c: i for i, c in enumerate(view.shown)}
    ranked = sorted(view.shown, key=lambda c: (-score.get(c, 0.0), place[c]))
    rows, seen = [], set()
    for c in ranked:
        label = short(names[c], _NAME_CHARS)
        if label in seen:  # two characters of one name: the id tells them apart
            label = f"{label} ({c})"
        seen.add(label)
        rows.append((label, c))
    if view.folded:
        rows.append((OTHERS_ROW.format(n=len(view.folded)), None))
    return rows


@lru_cache(maxsize=64)
def _grid_json(gap_frac: float, strip_frac: float) -> dict:
    layout = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=gap_frac,
                           row_heights=[strip_frac, 1 - strip_frac - gap_frac]).layout.to_plotly_json()
    layout.pop("template", None)  # the charts' own replaces it (:func:`._theme.finish`)
    return layout


def _grid_layout(gap_frac: float, strip_frac: float) -> dict:
    """The layout of the two rows (blocks on x/y, grid on x2/y2 sharing x), as a plain
    dict: plotly's ``make_subplots``, made once per size."""
    return copy.deepcopy(_grid_json(gap_frac, strip_frac))


def build(view, *, colour_by=None, width: int | None = None):
    """The strip of ``view`` and its frame defaults. ``width`` (px, default 1400) sets the
    level of detail: how many x ticks, how long the row names, and whether the legend
    sits beside the plot or, when it would squeeze it (a phone), in rows under it."""
    story = view.story
    colour_by = colour_by or view.state.colour_by
    names = {c.id: c.name for c in story.characters}
    paths = place_path(story)
    groups = {c.id: c.group for c in story.characters}
    ccol = character_colours(story)
    unknown = _UNKNOWN.get(colour_by, "unknown")

    # colours from the whole story, so a filter never changes them
    if colour_by == "location":
        lname = {l.id: l.name for l in story.locations}
        catnames = {lid: lname[t] for lid, t in place_categories(story).items()}
    else:
        catnames = None
    all_values = [scene_category(story, s, colour_by, groups, catnames) for s in story.scenes]
    chosen = set(top_categories(all_values))  # the most frequent, listed in first-seen order
    kept = tuple(dict.fromkeys(v for v in all_values if v in chosen))
    colours = category_colours(kept)
    keep = set(kept)
    value_of = {s.id: (v if v is None or v in keep else OTHER_LABEL) for s, v in zip(story.scenes, all_values)}

    scenes = view.scenes
    n = len(scenes)
    rows = grid_rows(view)
    nrows = max(1, len(rows))
    pitch = 20 if nrows <= 30 else (16 if nrows <= 60 else 13)
    grid_px = nrows * pitch
    legend_n = len(kept) + (OTHER_LABEL in value_of.values()) + (None in value_of.values())
    # ---- level of detail for the width -----------------------------------------------
    W = int(width) if width else 1400
    name_chars = _NAME_CHARS if W >= 640 else _NARROW_NAME_CHARS
    cut = [(short(label, name_chars), cid) for label, cid in rows]
    if len({label for label, _ in cut}) == len(cut):  # rows are told apart by their labels
        rows = cut
    longest = max((len(label) for label, _ in rows), default=4)
    left = int(min(200, 16 + 6.6 * longest))
    present = [v for v in list(colours) + [OTHER_LABEL, None] if v in set(value_of.values())]
    entries = [short(unknown if v is None else v, _NAME_CHARS) for v in present]
    title_text = LEGEND_TITLES.get(colour_by, colour_by)
    legend_w = max([text_width(e, 12) + _LEGEND_SWATCH_PX for e in entries] + [text_width(title_text, 12)]) + 10
    below = W - left - _MARGIN["r"] - legend_w < W / 2  # beside the plot it would take half of it
    entry_w = max(text_width(e, 12) for e in entries) + 10 if entries else 60
    cols = max(1, int((W - 20) // (entry_w + _LEGEND_SWATCH_PX + 20)))
    legend_rows = -(-len(entries) // cols) + 1 if below else 0  # in columns, + the title's row
    plot_px = _STRIP_PX + _GAP_PX + grid_px
    if not below:
        plot_px = max(plot_px, (legend_n + 2) * _LEGEND_ROW_PX)
    bottom = _MARGIN["b"] + legend_rows * _LEGEND_ROW_PX + (8 if below else 0)
    default_height = int(_MARGIN["t"] + bottom + plot_px)
    plot_w = W - left - _MARGIN["r"] - (0 if below else legend_w)
    strip_frac = _STRIP_PX / plot_px
    gap_frac = _GAP_PX / plot_px
    # traces collected as plain dicts (block row on x/y, grid on x2/y2), the figure made once
    fig = Traces()

    # ---- the block row -----------------------------------------------------------
    hover = {s.id: scene_hover(story, s, names, paths) for s in scenes}
    by_value: dict[str | None, list] = {}
    for s in scenes:
        by_value.setdefault(value_of[s.id], []).append(s)
    order = list(colours) + [OTHER_LABEL, None]
    for value in order:
        group = by_value.get(value)
        if not group:
            continue
        label = unknown if value is None else value
        other = value == OTHER_LABEL
        colour = OTHER if other else colours.get(value, NEUTRAL)
        fig.add_trace(bar(xaxis="x", yaxis="y",
            x=[view.x_of(s.id) for s in group], y=[1] * len(group), base=0, width=0.92,
            name=esc(short(label, _NAME_CHARS)), legendgroup=f"cat:{label}",
            meta={"colour_by": colour_by, "value": value},
            marker=dict(color=colour, opacity=[FADED if view.is_faded(s.id) else 1.0 for s in group],
                        line=dict(width=0),
                        **(dict(pattern=dict(shape="/", fillmode="overlay", fgcolor="white", size=6, solidity=0.3))
                           if other else {})),
            customdata=[[s.id] for s in group], hovertext=[hover[s.id] for s in group],
            hovertemplate="%{hovertext}<extra>" + esc(short(label, 40)) + "</extra>",
        ))

    # ---- presence grid -------------------------------------------------------------
    y_of = {c: label for label, c in rows if c is not None}
    others_y = rows[-1][0] if view.folded else None
    size = max(6, min(12, pitch - 6))
    for kind, symbol in (("present", "square"), ("mentioned", "square-open")):
        px, py, pcd, pcol, pop, ptext = [], [], [], [], [], []
        for s in scenes:
            x = view.x_of(s.id)
            who = s.characters if kind == "present" else s.mentioned
            for c in dict.fromkeys(who):
                if c not in y_of:
                    continue
                px.append(x)
                py.append(y_of[c])
                pcd.append([s.id, c])
                pcol.append(ccol[c])
                pop.append(FADED if (view.is_faded(s.id) or not view.is_highlighted(c)) else 1.0)
                ptext.append(f"<b>{esc(names[c])}</b> {'in' if kind == 'present' else 'mentioned in'} "
                             f"{esc(s.index + 1)}. {esc(s.title)}")
        if px:
            fig.add_trace(scatter(xaxis="x2", yaxis="y2",
                x=px, y=py, mode="markers", name=kind, customdata=pcd, hovertext=ptext,
                hovertemplate="%{hovertext}<extra></extra>", showlegend=False, meta=kind,
                marker=dict(symbol=symbol, size=size, color=pcol, opacity=pop,
                            line=dict(width=1.5 if kind == "mentioned" else 0, color=pcol)),
            ))
    if others_y is not None:
        folded = set(view.folded)
        ox, ocd, otext, oop = [], [], [], []
        for s in scenes:
            who = [c for c in dict.fromkeys(s.characters) if c in folded]
            if not who:
                continue
            ox.append(view.x_of(s.id))
            ocd.append([s.id, None])
            listed = ", ".join(esc(names[c]) for c in who[:8]) + (f" and {len(who) - 8} more" if len(who) > 8 else "")
            otext.append(f"<b>{esc(s.index + 1)}. {esc(s.title)}</b><br>also: {listed}")
            oop.append(FADED if view.is_faded(s.id) else 1.0)
        if ox:
            fig.add_trace(scatter(xaxis="x2", yaxis="y2",
                x=ox, y=[others_y] * len(ox), mode="markers", name="others", customdata=ocd, hovertext=otext,
                hovertemplate="%{hovertext}<extra></extra>", showlegend=False, meta="others",
                marker=dict(symbol="square", size=size, color=NEUTRAL, opacity=oop, line=dict(width=0)),
            ))

    layout = _grid_layout(gap_frac, strip_frac)

    # ---- axes -------------------------------------------------------------------------
    # a phone: a window of scenes, a drag moves along (see _window)
    window = scene_window(n, plot_w) if width else None
    room = plot_w * n / window if window else plot_w
    tickvals, ticktext = x_ticks(scenes, view.state.order,
                                 at_most=max(2, min(_MAX_TICKS * (n // window if window else 1), int(room / _TICK_PX))))
    order_word = "story order" if view.state.order == "story" else "telling order"
    for axis in ("xaxis", "xaxis2"):
        merge(layout[axis], dict(tickmode="array", tickvals=tickvals, ticktext=ticktext, range=[-0.6, n - 0.4],
                                 showline=True, tickfont=dict(size=11)))
    # the x title as a note under the ticks (an axis title moves up into the ticks when a
    # legend sits under the plot)
    layout.setdefault("annotations", []).append(dict(
        text=f"scene ({order_word})", xref="paper", yref="paper", x=0.5, y=0, xanchor="center", yanchor="top",
        yshift=-24, showarrow=False, font=dict(size=12, color="#444444"), name="xtitle"))
    merge(layout["xaxis"], dict(showticklabels=False, ticks=""))  # row 1: the blocks
    merge(layout["yaxis"], dict(visible=False, range=[0, 1], fixedrange=True))
    labels = [esc(label) for label, _ in rows]
    font_px = 12 if nrows <= 30 else (11 if nrows <= 60 else 10)
    # a category axis with every category ticked: plotly would thin out automatic labels
    cats = [label for label, _ in rows]
    merge(layout["yaxis2"], dict(type="category", categoryorder="array", categoryarray=list(reversed(cats)),
                                 tickmode="array", tickvals=cats, ticktext=labels, range=[-0.6, nrows - 0.4],
                                 tickfont=dict(size=font_px), automargin=True, showgrid=True, gridcolor="#EEEEEE",
                                 zeroline=False, fixedrange=True))
    if below:  # in rows under the x axis's title
        legend = dict(title=dict(text=title_text, side="top"), orientation="h", yref="container",
                      yanchor="bottom", y=0, xref="container", xanchor="left", x=0.01, font=dict(size=12), tracegroupgap=0,
                      entrywidth=entry_w, entrywidthmode="pixels")
    else:
        legend = dict(title=dict(text=title_text), orientation="v", yanchor="top", y=1.0, xanchor="left",
                      x=1.01, font=dict(size=12), tracegroupgap=0)
    merge(layout, dict(bargap=0, barmode="overlay", showlegend=True, legend=legend,
                       meta={"grid_rows": [label for label, _ in rows], "others": list(view.folded)}))
    fig = fig.figure(layout)
    if window:
        show_window(fig, lo=-0.6, hi=n - 0.4, columns=n, window=window, plot_px=plot_w)
    return fig, {"default_height": default_height, "margin": dict(l=left, **{**_MARGIN, "b": bottom})}
