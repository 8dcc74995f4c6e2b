"""The one styling core every chart shares: palette, template, hover text, frame.

Public chart functions (:mod:`timeline.figures.storyline`, ``strip``,
``network``) only build traces; :func:`finish` gives every figure the same
template, margins, title, size and ``layout.meta`` (see the contract in
:mod:`timeline.figures`).
"""

from __future__ import annotations

import copy
import html
import textwrap
from typing import Iterable

import plotly.graph_objects as go

from ..model import Scene, Story

__all__ = [
    "PALETTE",
    "FADED",
    "TEMPLATE",
    "character_colours",
    "CAST_PALETTE",
    "CAST_REST",
    "category_colours",
    "scene_hover",
    "scene_label",
    "esc",
    "finish",
    "merge",
    "template",
    "empty_figure",
]

#: Colour-blind-safe palette: Okabe–Ito (black and yellow moved to the end),
#: then Paul Tol's "muted" scheme for stories with more characters.
PALETTE: tuple[str, ...] = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",  # Okabe–Ito
    "#332288", "#882255", "#117733", "#AA4499", "#44AA99", "#999933",  # Tol muted
    "#CC6677", "#88CCEE", "#DDCC77",
    "#000000", "#B8A200",  # Okabe–Ito black; a darker Okabe–Ito yellow (#F0E442 vanishes on white)
)

#: Opacity of faded elements (highlight mode, not matching the filter).
FADED = 0.15
#: Colour of things that carry no category ("unknown location", ...).
NEUTRAL = "#BBBBBB"

FONT = "Helvetica Neue, Helvetica, Arial, sans-serif"

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT, size=13, color="#222222"),
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=list(PALETTE),
        hoverlabel=dict(font=dict(family=FONT, size=12), align="left"),
        hovermode="closest",
        legend=dict(bgcolor="rgba(255,255,255,0.8)", font=dict(size=12)),
        title=dict(x=0.01, xanchor="left", font=dict(size=18)),
        xaxis=dict(showgrid=False, zeroline=False, linecolor="#888888", ticks="outside"),
        yaxis=dict(showgrid=False, zeroline=False),
    )
)


#: The main cast's colours, most important character first: 15 hues told apart on white
#: (Okabe–Ito first, then Paul Tol's dark ones, black, brown), no two leads alike.
CAST_PALETTE: tuple[str, ...] = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",  # blue, vermillion, green, pink, orange
    "#332288", "#56B4E9", "#882255", "#999933", "#000000",  # indigo, sky, wine, olive, black
    "#8C510A", "#AA4499", "#CC6677", "#117733", "#B8A200",  # brown, purple, rose, forest, dark yellow
)
#: The colour of every character outside the main cast.
CAST_REST = "#8C8C8C"


def character_colours(story: Story) -> dict[str, str]:
    """A colour per character id, from the story alone (never from a filter).

    The main cast (:func:`timeline.graph.main_cast`, at most 15, most important
    first) gets :data:`CAST_PALETTE` in that order, so the leads have the most
    distinct hues and no two of them share one; everyone else is
    :data:`CAST_REST` grey. A character keeps its colour in every view and chart.
    """
    from ..graph import main_cast  # graph imports networkx

    cast = main_cast(story)
    colour = {c: CAST_PALETTE[i] for i, c in enumerate(cast[:len(CAST_PALETTE)])}
    return {c.id: colour.get(c.id, CAST_REST) for c in story.characters}


def category_colours(values: Iterable[str]) -> dict[str, str]:
    """A colour per category value, in first-seen order (``None`` is neutral)."""
    out: dict[str, str] = {}
    for v in values:
        if v is None or v in out:
            continue
        out[v] = PALETTE[len(out) % len(PALETTE)]
    return out


def esc(text) -> str:
    """Text made safe for plotly's hover/label HTML subset."""
    return html.escape(str(text), quote=False)


def scene_label(scene: Scene) -> str:
    """``"3. Title"``: scene numbers are 1-based for people."""
    return f"{scene.index + 1}. {scene.title}"


def _wrap(text: str, width: int = 60, max_lines: int = 6) -> str:
    lines = textwrap.wrap(text, width=width)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] += " …"
    return "<br>".join(esc(l) for l in lines)


def scene_hover(story: Story, scene: Scene, names: dict[str, str] | None = None,
                locations: dict[str, str] | None = None) -> str:
    """Hover text of a scene: title, location, characters, summary."""
    if names is None:
        names = {c.id: c.name for c in story.characters}
    if locations is None:
        locations = {l.id: l.name for l in story.locations}
    parts = [f"<b>{esc(scene_label(scene))}</b>"]
    where = locations.get(scene.location, "") if scene.location else ""
    extra = " · ".join(x for x in (scene.int_ext, scene.time_of_day) if x)
    if where or extra:
        parts.append(esc(" — ".join(x for x in (where, extra) if x)))
    if scene.story_order is not None and scene.story_order != scene.index:
        parts.append(f"story order {scene.story_order + 1}")
    if scene.characters:
        who = ", ".join(names.get(c, c) for c in scene.characters)
        parts.append(_wrap("With " + who, 60, 3))
    if scene.summary:
        parts.append(_wrap(scene.summary))
    return "<br>".join(parts)


def view_name(view) -> str:
    """A short description of the filter, for titles: 'Carolina and Bucho, scenes 3–12'."""
    bits = []
    if view.selected:
        names = [view.story.character(c).name for c in view.selected]
        joiner = " and " if view.state.mode == "all" else " or "
        bits.append(joiner.join(names) if len(names) <= 3 else f"{len(names)} characters ({view.state.mode})")
    if view.state.scenes is not None:
        bits.append(f"scenes {view.state.scenes[0] + 1}–{view.state.scenes[1] + 1}")
    if getattr(view, "scene_filtered", False):  # place, time of day, INT/EXT, act
        bits.append("scenes" + view.scene_filter_words())
    if view.state.order == "story":
        bits.append("story order")
    return ", ".join(bits)


CHART_NAMES = {"storyline": "storyline", "strip": "scene strip", "network": "character network",
               "storycurve": "story curve", "arcs": "characters over time"}


def summary(view, chart: str) -> str:
    """A one-line text alternative of a chart of ``view`` (what a screen reader says
    of it, after the title, which names the filter): the chart, the story, how many
    scenes and characters. It names the frame, not the highlight, so a highlight
    change stays a style-only update."""
    n, k = len(view.scenes), len(view.characters)
    if view.empty or not n:
        return f"{CHART_NAMES.get(chart, chart).capitalize()} of {view.story.title}: {view.empty_message()}"
    first, last = min(s.index for s in view.scenes) + 1, max(s.index for s in view.scenes) + 1
    text = (f"{CHART_NAMES.get(chart, chart).capitalize()} of {view.story.title}: {n} scene{'s' if n != 1 else ''}"
            f" (scenes {first}–{last}{', in story order' if view.state.order == 'story' else ''}), "
            f"{k} character{'s' if k != 1 else ''}")
    return text + "."


#: The chart titles' font size (the template's), and the room they leave at the sides.
TITLE_SIZE, TITLE_PAD = 18, 24


def _fitted_title(view, chart: str, width: int | None) -> str:
    """"<story> — <chart> (<filter>)", fitted to ``width`` px (None: as it is): the filter's
    name left out first (the filter bar shows it), then the story's title shortened."""
    from ._text import text_width

    chart_name = CHART_NAMES.get(chart, chart)
    story = view.story.title
    name = view_name(view)
    full = f"{story} — {chart_name}"
    extra = f" <span style='font-size:13px;color:#666'>({esc(name)})</span>" if name else ""
    if width is None:
        return full + extra
    room = int(width) - TITLE_PAD
    if text_width(f"{story} — {chart_name}", TITLE_SIZE) + (text_width(f" ({name})", 13) if name else 0) <= room:
        return full + extra
    if text_width(f"{story} — {chart_name}", TITLE_SIZE) <= room:
        return full
    keep = len(story)
    while keep > 4 and text_width(f"{story[:keep].rstrip()}… — {chart_name}", TITLE_SIZE) > room:
        keep -= 1
    return f"{story[:keep].rstrip()}… — {chart_name}"


def merge(target: dict, updates: dict) -> dict:
    """Merge ``updates`` into the plain dict ``target`` as plotly's ``update_layout`` does:
    a dict into a dict key by key, anything else replacing the value. Returns ``target``."""
    for k, v in updates.items():
        if isinstance(v, dict) and isinstance(target.get(k), dict):
            merge(target[k], v)
        else:
            target[k] = v
    return target


#: The theme as the plain dict plotly serialises :data:`TEMPLATE` to.
_TEMPLATE_JSON = TEMPLATE.to_plotly_json()


def template() -> dict:
    """A fresh copy of :data:`TEMPLATE` as a plain dict (a figure's ``layout.template``)."""
    return copy.deepcopy(_TEMPLATE_JSON)


def finish(fig: dict, view, *, chart: str, title: str | None, width: int | None,
           height: int | None, default_height: int | None = None, margin: dict | None = None) -> dict:
    """Give a chart (a plain figure dict) the shared frame: template, title, size, margins and meta."""
    if title is None:
        title = _fitted_title(view, chart, width)
    m = dict(l=40, r=30, t=60, b=50)
    m.update(margin or {})
    layout = fig.setdefault("layout", {})
    meta = dict(layout.get("meta") or {})
    meta.setdefault("summary", summary(view, chart))
    layout["template"] = template()  # replaced whole, as plotly's update_layout does with a template
    merge(layout, dict(title=dict(text=title), margin=m))
    layout["meta"] = {**meta, "chart": chart, "story": view.story.title,
                      "state": view.state.to_query(), "selected": list(view.selected)}
    if width is not None:
        layout["width"] = int(width)
    h = height if height is not None else default_height
    if h is not None:
        layout["height"] = int(h)
    return fig


def empty_figure(view, *, chart: str, title: str | None, width: int | None, height: int | None) -> dict:
    """A figure (plain dict) with no data traces and the view's empty message in the middle."""
    fig = {"data": [], "layout": {
        "annotations": [dict(text=esc(view.empty_message()), x=0.5, y=0.5, xref="paper", yref="paper",
                             showarrow=False, font=dict(size=16, color="#555555"), name="empty")],
        "xaxis": {"visible": False}, "yaxis": {"visible": False}}}
    return finish(fig, view, chart=chart, title=title, width=width, height=height, default_height=400)


#: At most this many colours for scene categories (the rest is "other").
MAX_CATEGORIES = 12
#: Colour of the "other" category (values past :data:`MAX_CATEGORIES`).
OTHER = "#8C8C8C"


def top_places(story: Story) -> dict[str, str]:
    """Location id -> id of its top-level place (``Location.parent`` followed to the root).

    A location without a parent is its own top; an unknown parent or a cycle
    stops the walk at the last location reached.
    """
    parent = {l.id: l.parent for l in story.locations}
    out: dict[str, str] = {}
    for lid in parent:
        seen = {lid}
        cur = lid
        while parent.get(cur) in parent and parent[cur] not in seen:
            cur = parent[cur]
            seen.add(cur)
        out[lid] = cur
    return out


def place_path(story: Story) -> dict[str, str]:
    """Location id -> its full name from the top-level place down: ``"Bloom House › Kitchen"``."""
    names = {l.id: l.name for l in story.locations}
    parent = {l.id: l.parent for l in story.locations}
    out: dict[str, str] = {}
    for lid in parent:
        chain, cur = [lid], lid
        while parent.get(cur) in parent and parent[cur] not in chain:
            cur = parent[cur]
            chain.append(cur)
        out[lid] = " › ".join(names[c] for c in reversed(chain))
    return out


def top_categories(values: Iterable, *, at_most: int = MAX_CATEGORIES) -> tuple:
    """The category values that get a colour of their own, most frequent first.

    All distinct values (``None`` left out) when there are at most ``at_most``;
    otherwise the ``at_most - 1`` most frequent (ties: first seen), the last
    colour going to "other".
    """
    counts: dict = {}
    for v in values:
        if v is not None:
            counts[v] = counts.get(v, 0) + 1
    first = {v: i for i, v in enumerate(counts)}
    ranked = sorted(counts, key=lambda v: (-counts[v], first[v]))
    return tuple(ranked if len(ranked) <= at_most else ranked[:at_most - 1])


def short(text: str, at_most: int = 28) -> str:
    """``text`` cut to ``at_most`` characters with an ellipsis (for labels; hover keeps the whole)."""
    text = str(text)
    return text if len(text) <= at_most else text[:at_most - 1].rstrip() + "…"
