"""The storyline chart (XKCD's "movie narrative charts"), readable at feature length.

One line per character; characters who share a scene are drawn together. The x
axis has one position per *layer* (concurrent scenes, those with the same
``step``, share one); the y positions come from the layout of the **whole
story** (:func:`timeline.storyline.layout_story` in the view's order), of which
a scene range is a slice (:func:`slice_layout`): a range never lays out again,
and a line keeps its height in every range.

Level of detail (decided in :mod:`timeline.views`, drawn here):

* the *shown* characters (``view.shown``, the main cast by default) have a line
  of their own colour (:func:`~timeline.figures._theme.character_colours`), a dot
  in each of their scenes, a cross at their death and their name at every
  entrance;
* the *folded* ones are thin grey lines merged into one trace, unlabelled, with
  the name and scene on hover.

Lines break during long absences (more than :func:`break_gap` layers), as in the
hand-drawn charts, and a name stands at every entrance after a break. Every text
(names, place names) is placed by a greedy collision check in pixels computed from
the figure's size and font size (:mod:`timeline.figures._text`): candidate spots
around the entrance, the one crossing fewest lines wins, a name that fits nowhere
is dropped (the line's hover still names it). Place names label only the top
places of the story (:func:`place_units`), once per run of scenes there.

The x axis numbers scenes as everywhere else (1-based), a tick every *k* scenes
with *k* in 1, 2, 5, 10, 20, 25, 50, … chosen so that the numbers never touch;
drag zooms into a range of scenes (the y axis is fixed), a double click zooms
out. Ticks were chosen over columns of sequences because screenplays rarely mark
acts (``Scene.act`` is empty in every corpus script) and a number is what the
strip, the scene list and the range control use.

References
----------
R. Munroe, "Movie Narrative Charts", xkcd 657 (2009).
Y. Tanahashi and K.-L. Ma, "Design Considerations for Optimizing Storyline
Visualizations", IEEE TVCG 18(12), 2012.
S. Liu, Y. Wu, E. Wei, M. Liu and Y. Liu, "StoryFlow: Tracking the Evolution of
Stories", IEEE TVCG 19(12), 2013 (lines that leave and re-enter, level of detail).
M. Christensen, J. Marks and S. Shieber, "An Empirical Study of Algorithms for
Point-Feature Label Placement", ACM TOG 14(3), 1995 (greedy placement over
candidate positions).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Sequence

from ..graph import main_cast
from ..storyline import layout_story
from ..storyline.layers import BREAK_FRACTION, BREAK_MIN, break_gap  # noqa: F401  (the rule lives with the layout)
from ._core import Traces, bar, scatter
from ._text import DESCENT, text_box, text_width
from ._window import scene_window, show_window, virtual_width
from ._theme import FADED, NEUTRAL, category_colours, character_colours, esc, scene_hover

__all__ = [
    "build",
    "storyline_height",
    "full_layout",
    "slice_layout",
    "break_gap",
    "place_units",
    "restyle_rules",
    "frame_view",
    "MERGE_LINES_AT",
    "MAX_HEIGHT",
    "LABEL_SIZE",
]

#: With more *shown* characters than this, their lines are merged into one trace per colour.
MERGE_LINES_AT = 60
#: Above this many line points, lines are drawn straight (no easing curves).
SMOOTH_POINTS_MAX = 40_000

#: Line widths of a character: unfiltered or faded, and selected by the filter.
LINE_WIDTH, SELECTED_WIDTH = 2.2, 3.0
#: Opacity of the dot of a scene without characters (unfiltered).
EMPTY_SCENE_OPACITY = 0.8
#: Folded characters: colour and width of their lines, size of their dots.
FOLDED_COLOUR, FOLDED_WIDTH, FOLDED_DOT = "rgba(120,120,120,0.45)", 1.0, 4

#: The width the app draws the chart at, used for label placement when none is given.
DEFAULT_WIDTH = 1400
#: Height bounds (px); the app caps its graphs at the same MAX_HEIGHT.
MIN_HEIGHT, MAX_HEIGHT = 420, 1800
#: Pixels per line slot the default height aims at.
SLOT_PX = 26
#: Font sizes (px): names (smaller when slots are tight, never under MIN_TEXT), places, ticks.
LABEL_SIZE, PLACE_SIZE, TICK_SIZE, MIN_TEXT = 12, 11, 12, 10
#: Margins (px); the left one grows to fit the names at the first scene.
TOP, BOTTOM, RIGHT, MIN_LEFT, MAX_LEFT = 74, 56, 30, 40, 220
#: The drawn plot area starts this far from the top, above the lines' area (TOP): the place
#: names stand in between, as points of a text trace (plotly hides those outside the axes).
PLOT_TOP = 34

#: A white halo around names (CSS text-shadow): a name stays legible where a line runs under it.
HALO = "0 0 2px white, 0 0 2px white, 0 0 3px white"

_HALF = 0.16  # half width of the flat part of a line at a layer
_STEPS = 7  # easing points between two layers
_TICK_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000)


def _location_bands(fig, unit_colour: dict, rects: dict, locnames: dict):
    """The location bands, behind everything: one bar trace, a bar per rectangle
    ``(x0, x1, y0, y1)`` of each place, in its colour, the place's name on hover.

    One trace, not one per place: a restyle or a redraw in the page costs about the
    same per trace whatever its size, and a feature script has a hundred places."""
    x, w, base, h, colour, text, where = [], [], [], [], [], [], []
    for u in unit_colour:
        name = esc(locnames.get(u, u))
        for x0, x1, y0, y1 in rects.get(u, ()):
            x.append((x0 + x1) / 2), w.append(x1 - x0), base.append(y0), h.append(y1 - y0)
            colour.append(_rgba(unit_colour[u], 0.10)), text.append(name), where.append(u)
    if not x:
        return
    fig.add_trace(bar(
        x=x, y=h, base=base, width=w, marker=dict(color=colour, line=dict(width=0)), hovertext=text,
        hoverinfo="skip", name="places", meta={"part": "locations", "locations": where},
        legendgroup="locations", showlegend=False,
    ))


def _scene_columns(kept, ytop: float, ybot: float, hover) -> object:
    """One invisible bar per scene column, under everything, the height of the chart: a
    click or a tap anywhere in a column (its location band too, which takes no hover)
    opens that column's scene (``customdata[0]``), and its hover names the scene."""
    sids = [layer_sids[0] for _, layer_sids in kept]
    return bar(
        x=list(range(len(kept))), y=[ybot - ytop] * len(kept), base=ytop, width=1.0,
        marker=dict(color="rgba(0,0,0,0)", line=dict(width=0)), customdata=[[sid] for sid in sids],
        hovertext=[hover(sid) for sid in sids], hovertemplate="%{hovertext}<extra></extra>",
        name="columns", meta={"part": "columns"}, showlegend=False,
    )


def _ease(t: float) -> float:
    return t * t * (3 - 2 * t)  # smoothstep


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
    return f"rgba({r},{g},{b},{alpha})"


def _uniform(values: list):
    """One value when all are equal (a scalar style keeps a plotly restyle cheap), else the list."""
    return values[0] if values and all(v == values[0] for v in values) else values


# ---- the layout of the whole story, and its slices ---------------------------------

def _ordered_ids(story, order: str) -> list[str]:
    scenes = sorted(story.scenes, key=lambda s: s.index)
    if order == "story":
        scenes.sort(key=lambda s: (s.chrono, s.index))
    return [s.id for s in scenes]


def full_layout(story, order: str = "telling"):
    """The layout of every scene of ``story`` in telling or story ``order``: the one a
    view's range is sliced from (:func:`slice_layout`). The app may cache it per
    (story, order) and pass it to :func:`build` for every range and filter."""
    return layout_story(story, scene_ids=_ordered_ids(story, order))


def slice_layout(layout, scene_ids: Sequence[str]) -> list[tuple[object, tuple[str, ...]]]:
    """The layers of ``layout`` holding any of ``scene_ids``, in the layout's order, each
    with the kept scene ids: ``[(layer, kept ids), ...]``. Positions are not changed."""
    keep = set(scene_ids)
    out = []
    for L in layout.layers:
        kept = tuple(s for s in L.scene_ids if s in keep)
        if kept:
            out.append((L, kept))
    return out


def _usable_layout(view, layout):
    """The given layout when it holds every scene of the view, else the full layout."""
    if layout is not None:
        have = {s for L in layout.layers for s in L.scene_ids}
        if all(s.id in have for s in view.scenes):
            return layout
    return full_layout(view.story, view.state.order)


def _runs(appearances: list[int], gap: int) -> list[tuple[int, int]]:
    """``[(first, last), ...]`` layers of the runs of appearances split by absences > gap."""
    runs = []
    start = prev = appearances[0]
    for x in appearances[1:]:
        if x - prev - 1 > gap:
            runs.append((start, prev))
            start = x
        prev = x
    runs.append((start, prev))
    return runs


def place_units(story, scene_ids: Sequence[str]) -> dict[str, str]:
    """Location id -> the place it is labelled and banded as: its top-level place.

    "Top level" is relative to the scenes drawn: starting at a location's root, a place
    holding more than half of the located scenes (the town the whole film is set in)
    is split into its sub-places; the first place that is not is the unit.
    """
    parent = {l.id: l.parent for l in story.locations}
    by_id = {s.id: s for s in story.scenes}
    chains: dict[str, list[str]] = {}

    def chain(lid):
        if lid not in chains:
            out, seen = [lid], {lid}
            while parent.get(out[-1]) and parent[out[-1]] not in seen:
                out.append(parent[out[-1]])
                seen.add(out[-1])
            chains[lid] = out[::-1]
        return chains[lid]

    counts: dict[str, int] = {}
    located = 0
    for sid in scene_ids:
        loc = by_id[sid].location
        if loc:
            located += 1
            for node in chain(loc):
                counts[node] = counts.get(node, 0) + 1
    units = {}
    for lid in {by_id[s].location for s in scene_ids if by_id[s].location}:
        path = chain(lid)
        unit = path[-1]
        for node in path[:-1]:
            if counts.get(node, 0) * 2 <= located:
                unit = node
                break
        units[lid] = unit
    return units


# ---- pixels ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Frame:
    """Data <-> pixel mapping of the plot area (pixels from the figure's top left)."""

    width: int
    height: int
    left: int
    xlo: float
    xhi: float
    ytop: float  # the smallest data y (drawn at the top)
    ybot: float

    @property
    def x0(self):
        return self.left

    @property
    def x1(self):
        return self.width - RIGHT

    @property
    def y0(self):
        return TOP

    @property
    def y1(self):
        return self.height - BOTTOM

    @cached_property  # px and py are called for every point of every line
    def sx(self):
        return (self.x1 - self.x0) / (self.xhi - self.xlo)

    @cached_property
    def sy(self):
        return (self.y1 - self.y0) / (self.ybot - self.ytop)

    def px(self, x):
        return self.x0 + (x - self.xlo) * self.sx

    def py(self, y):
        return self.y0 + (y - self.ytop) * self.sy


def _appearances(view, kept, by_id):
    """``(scene_of, appear)``: the scene of each (character, layer) where the character is
    in a kept scene, and each view character's layers of appearance in x order."""
    scene_of: dict[tuple[str, int], str] = {}
    appear: dict[str, list[int]] = {c: [] for c in view.characters}
    for x, (L, sids) in enumerate(kept):
        for sid in sids:
            for c in by_id[sid].characters:
                if c in appear and c in L.y:
                    if (c, x) not in scene_of:
                        appear[c].append(x)
                    scene_of[(c, x)] = sid
    return scene_of, appear


def _run_points(kept, appear) -> dict[str, list[list[tuple[int, float]]]]:
    """Each drawn character's runs (split at long absences), as (layer, y) points."""
    gap = break_gap(len(kept))
    out = {}
    for c, xs in appear.items():
        if xs:
            out[c] = [[(x, float(kept[x][0].y[c])) for x in range(a, b + 1) if c in kept[x][0].y]
                      for a, b in _runs(xs, gap)]
    return out


def _extent(runs_pts) -> tuple[float, float]:
    """Smallest and largest y of the drawn lines (breaks leave no trace)."""
    ys = [y for runs in runs_pts.values() for pts in runs for _, y in pts]
    return (min(ys), max(ys)) if ys else (0.0, 0.0)


def storyline_height(view, layout=None) -> int:
    """The height (px) the storyline of ``view`` is drawn at by default: about
    :data:`SLOT_PX` per line slot of the drawn range, between :data:`MIN_HEIGHT` and
    :data:`MAX_HEIGHT`. The app should size the graph to the figure's ``layout.height``
    (which is this when no height is asked for).

    Parameters
    ----------
    view : StoryView
    layout : StorylineLayout, optional
        The full layout (:func:`full_layout`) or one holding the view's scenes.
    """
    kept = slice_layout(_usable_layout(view, layout), [s.id for s in view.scenes])
    by_id = {s.id: s for s in view.story.scenes}
    return _height(*_extent(_run_points(kept, _appearances(view, kept, by_id)[1])))


def _height(ymin: float, ymax: float) -> int:
    return int(min(MAX_HEIGHT, max(MIN_HEIGHT, TOP + BOTTOM + SLOT_PX * (ymax - ymin + 2.0))))


class _Spots:
    """Pixel boxes of the written texts and a coarse grid of what lies under them."""

    CELL = 4.0

    def __init__(self, frame: _Frame):
        self.frame = frame
        self.boxes: list[tuple[float, float, float, float]] = []
        self.grid: dict[tuple[int, int], float] = {}

    def ink(self, px: float, py: float, weight: float):
        k = (int(px // self.CELL), int(py // self.CELL))
        self.grid[k] = self.grid.get(k, 0.0) + weight

    def polyline(self, xs, ys, weight: float):
        """Sample a drawn line every few pixels into the grid (:meth:`_Frame.px`,
        :meth:`_Frame.py` and :meth:`ink` inlined: this loop is most of a build)."""
        f = self.frame
        x0, xlo, sx, y0, ytop, sy = f.x0, f.xlo, f.sx, f.y0, f.ytop, f.sy
        grid, cell = self.grid, self.CELL
        get = grid.get
        prev = None
        for x, y in zip(xs, ys):
            if x is None:
                prev = None
                continue
            px, py = x0 + (x - xlo) * sx, y0 + (y - ytop) * sy
            if prev is None:
                k = (int(px // cell), int(py // cell))
                grid[k] = get(k, 0.0) + weight
            else:
                ax, ay = prev
                dx, dy = px - ax, py - ay
                n = max(1, int(max(abs(dx), abs(dy)) // 4))
                for i in range(1, n + 1):
                    k = (int((ax + dx * i / n) // cell), int((ay + dy * i / n) // cell))
                    grid[k] = get(k, 0.0) + weight
            prev = (px, py)

    def cost(self, box) -> float:
        """The ink under a box (shrunk by 2 px: a line touching a name's edge does not count)."""
        x0, y0, x1, y1 = box[0] + 2, box[1] + 2, box[2] - 2, box[3] - 2
        c = self.CELL
        get = self.grid.get
        return sum(get((i, j), 0.0)
                   for i in range(int(x0 // c), int(x1 // c) + 1)
                   for j in range(int(y0 // c), int(y1 // c) + 1))

    def free(self, box, bounds) -> bool:
        x0, y0, x1, y1 = box
        bx0, by0, bx1, by1 = bounds
        if x0 < bx0 or y0 < by0 or x1 > bx1 or y1 > by1:
            return False
        return not any(x0 < b2 + 1 and b0 < x1 + 1 and y0 < b3 + 1 and b1 < y1 + 1
                       for b0, b1, b2, b3 in self.boxes)


#: Name spots around an entrance: (textposition, dx, dy in px from the line's start, penalty).
_NAME_SPOTS = (
    ("middle left", -4, 0, 0.0),
    ("top right", 1, -2, 0.6),
    ("bottom right", 1, 2, 0.6),
    ("top left", -4, -2, 1.0),
    ("bottom left", -4, 2, 1.0),
    ("top center", 0, -3, 1.4),
    ("bottom center", 0, 3, 1.4),
)


def _place_names(spots: _Spots, tasks, size: float) -> list[tuple]:
    """Greedy placement: each task ``(character, x, y, text, scene id)`` in order gets the
    cheapest free spot, or none. Returns ``(character, ax, ay, text, position, scene id,
    box)`` with the anchor in data coordinates."""
    f = spots.frame
    bounds = (1.0, float(f.y0), f.width - 1.0, float(f.y1))
    placed = []
    for c, x, y, text, sid in tasks:
        px, py = f.px(x), f.py(y)
        lo, hi = f.px(f.xlo) + 0.5, f.px(f.xhi) - 0.5  # plotly drops points outside the x range
        best = None
        for pos, dx, dy, penalty in _NAME_SPOTS:
            dx = min(max(px + dx, lo), hi) - px
            box = text_box(text, size, px + dx, py + dy, pos)
            if not spots.free(box, bounds):
                continue
            cost = penalty + spots.cost(box)
            if best is None or cost < best[0]:
                best = (cost, pos, dx, dy, box)
        if best is None:
            continue
        _, pos, dx, dy, box = best
        spots.boxes.append(box)
        placed.append((c, x + dx / f.sx, y + dy / f.sy, text, pos, sid, box))
    return placed


# ---- traces ---------------------------------------------------------------------------

def _spans(points, idle, free, need) -> list[tuple[int, int]]:
    """The transitions of one run as ``(s, e)`` point indices: the line eases from the flat
    end of point ``s`` to the flat start of point ``e``. A transition between two
    consecutive points widens over the neighbouring points where the line is level, in
    no scene (``idle(k)``) and no other line lies between its two heights (``free(k, y0,
    y1)``), until it spans ``need(dy)`` layer gaps: a long move becomes a curve, not a
    vertical step, where the x gap allows it."""
    out: list[tuple[int, int]] = []
    floor = 0
    for i in range(len(points) - 1):
        y0, y1 = points[i][1], points[i + 1][1]
        if y0 == y1:
            continue
        s, e = i, i + 1
        want = need(abs(y1 - y0))
        grew = True
        while e - s < want and grew:
            grew = False
            if (e + 1 < len(points) and points[e + 1][1] == y1 and idle(e)
                    and free(points[e][0], points[e][1], y0)):
                e += 1
                grew = True
            if (e - s < want and s - 1 >= floor and points[s - 1][1] == y0 and idle(s)
                    and free(points[s][0], points[s][1], y1)):
                s -= 1
                grew = True
        out.append((s, e))
        floor = e
    return out


def _line_points(points, smooth: bool, spans=None):
    """(x, y) points of one run of a character, one per layer -> the drawn x, y, the
    layer of each point and the index of each layer's centre point (its scene marker).

    Smooth lines run flat through a layer (``x ± _HALF``) and ease into the next y;
    ``spans`` (:func:`_spans`) widen an easing over idle layers on either side (those
    layers get no centre point: the line passes through them)."""
    xs, ys, ls, centres = [], [], [], []
    if not smooth:
        for x, y in points:
            xs.append(x)
            ys.append(y)
            ls.append(x)
            centres.append(len(xs) - 1)
        return xs, ys, ls, centres
    if spans is None:
        spans = [(k, k + 1) for k in range(len(points) - 1) if points[k][1] != points[k + 1][1]]
    start = {s: e for s, e in spans}
    inside = {k for s, e in spans for k in range(s + 1, e)}
    for k, (x, y) in enumerate(points):
        if k not in inside:
            xs += [x - _HALF, x, x + _HALF]
            ys += [y, y, y]
            ls += [x, x, x]
            centres.append(len(xs) - 2)
        if k in start:
            e = start[k]
            x1, y1 = points[e]
            a, b = x + _HALF, x1 - _HALF
            steps = _STEPS * (e - k)
            for i in range(1, steps):
                t = i / steps
                xi = a + (b - a) * t
                xs.append(round(xi, 4))
                ys.append(round(y + (y1 - y) * _ease(t), 4))
                ls.append(min(max(round(xi), x), x1))  # the nearest layer (hover names its scene)
    return xs, ys, ls, centres


def _broken_line(runs_points, smooth, spans_of=None):
    """The points of all runs of a character, None between runs (``spans_of(run)``: the
    transitions of a run, :func:`_spans`)."""
    xs, ys, ls, centres = [], [], [], []
    for pts in runs_points:
        if xs:
            xs.append(None), ys.append(None), ls.append(None)
        a, b, l, c = _line_points(pts, smooth, spans_of(pts) if spans_of and smooth else None)
        centres += [len(xs) + i for i in c]
        xs += a
        ys += b
        ls += l
    return xs, ys, ls, centres


#: Steepest mean slope (px down per px across) of a transition before it widens over idle
#: layers; it spans at most MAX_SPAN layer gaps, or MAX_SPAN_PX pixels where gaps are narrow.
MAX_SLOPE, MAX_SPAN, MAX_SPAN_PX = 1.5, 4, 28


def _lines(drawn, runs_pts, scene_of, smooth, frame):
    """Each drawn character's line (:func:`_broken_line`), transitions widened where the
    x gap allows (:func:`_spans`): in pixels, a move of ``dy`` slots wants
    ``dy * sy / MAX_SLOPE`` px across, at most :data:`MAX_SPAN` layer gaps (more on a
    narrow chart, up to :data:`MAX_SPAN_PX` px)."""
    occupied: dict[int, list[tuple[float, str]]] = {}
    for c in drawn:
        for pts in runs_pts[c]:
            for x, y in pts:
                occupied.setdefault(x, []).append((y, c))
    sx, sy = frame.sx, frame.sy
    most = max(MAX_SPAN, int(MAX_SPAN_PX // max(sx, 1e-9)))

    def need(dy):
        return max(1, min(most, -int(-(dy * sy) // (MAX_SLOPE * sx))))

    out = {}
    for c in drawn:
        def idle(k, pts=None):
            return (c, current[k][0]) not in scene_of

        def free(x, y0, y1):
            lo, hi = min(y0, y1), max(y0, y1)
            return not any(lo <= y <= hi and d != c for y, d in occupied.get(x, ()))

        def spans_of(pts):
            nonlocal current
            current = pts
            return _spans(pts, idle, free, need)

        current = None
        out[c] = _broken_line(runs_pts[c], smooth, spans_of)
    return out


def _character_traces(c, view, line, smooth, name, colour, scene_of, layer_first_scene, hover, death,
                      labels, size):
    """Two traces per shown character: its (broken) line, and its *dots*: its name at
    each placed entrance (points without a marker), a marker in each of its scenes,
    the cross of its death.

    Everything a filter change in highlight mode alters is a *scalar* (trace opacity,
    line width; marker opacity where the character's scenes do not differ): plotly.js
    then restyles the chart instead of recomputing it, which keeps the app's filter
    changes fast. The per-point arrays depend on the story and the layout only.
    """
    xs, ys, ls, centres = line
    hl = view.is_highlighted(c)
    label = esc(name)
    opacity = 1.0 if hl else FADED
    line_trace = scatter(
        x=xs, y=ys, mode="lines", name=name, meta=c,
        customdata=[[None, c] if l is None else [scene_of.get((c, l), layer_first_scene[l]), c] for l in ls],
        hovertemplate=f"{label}<extra></extra>",
        line=dict(color=colour, width=SELECTED_WIDTH if (hl and view.filtered) else LINE_WIDTH),
        opacity=opacity, showlegend=False, legendgroup=c,
    )
    dx, dy, cd, text, htext, tpos = [], [], [], [], [], []
    size_, symbol, edge_w, edge_c, faded = [], [], [], [], []
    for _, ax, ay, t, pos, sid, _box in labels:
        dx.append(ax), dy.append(ay), cd.append([sid, c]), text.append(esc(t)), htext.append(label)
        tpos.append(pos), size_.append(0), symbol.append("circle"), edge_w.append(0), edge_c.append(colour)
        faded.append(False)
    for i in centres:
        sid = scene_of.get((c, ls[i]))
        if sid is None:  # the line goes on through a layer where c is in no scene
            continue
        dx.append(xs[i]), dy.append(ys[i]), cd.append([sid, c]), text.append("")
        htext.append(f"<b>{label}</b><br>{hover(sid)}"), tpos.append("middle left")
        size_.append(7), symbol.append("circle"), edge_w.append(1), edge_c.append("white")
        # in "all" mode a selected character may have scenes that do not match: those dots fade
        faded.append(hl and view.is_faded(sid))
    if death is not None:
        x, y, sid, dtext = death
        dx.append(x + _HALF if smooth else x), dy.append(y)
        cd.append([sid, c]), text.append(""), htext.append(dtext), tpos.append("middle left")
        size_.append(13), symbol.append("x-thin"), edge_w.append(3), edge_c.append(colour), faded.append(False)
    dots = scatter(
        x=dx, y=dy, mode="markers+text", name=name, meta={"character": c, "part": "dots"}, customdata=cd,
        hovertext=htext, hovertemplate="%{hovertext}<extra></extra>",
        marker=dict(color=colour, size=size_, symbol=symbol, line=dict(color=edge_c, width=edge_w),
                    opacity=_uniform([FADED if f else 1.0 for f in faded])),
        text=text, textposition=_uniform(tpos), textfont=dict(color=colour, size=size, shadow=HALO), cliponaxis=False,
        opacity=opacity, showlegend=False, legendgroup=c,
    )
    return line_trace, dots


def _folded_traces(fig, folded, lines, names, scene_of, layer_first_scene, hover):
    """The folded characters: one trace of thin grey lines (None-separated), one of small
    dots in their scenes; both carry the name and scene on hover and never follow the
    filter (folded characters are never selected: a selected character is shown)."""
    mx, my, mcd, mt = [], [], [], []
    dx, dy, dcd, dt = [], [], [], []
    for c in folded:
        xs, ys, ls, centres = lines[c]
        name = esc(names[c])
        mx += xs + [None]
        my += ys + [None]
        mcd += [[None, c] if l is None else [scene_of.get((c, l), layer_first_scene[l]), c] for l in ls] + [[None, c]]
        mt += [name] * len(xs) + [""]
        for i in centres:
            sid = scene_of.get((c, ls[i]))
            if sid is not None:
                dx.append(xs[i]), dy.append(ys[i]), dcd.append([sid, c])
                dt.append(f"<b>{name}</b><br>{hover(sid)}")
    if not mx:
        return
    ids = list(folded)
    fig.add_trace(scatter(
        x=mx, y=my, mode="lines", name=f"{len(ids)} others", meta={"part": "folded", "characters": ids},
        customdata=mcd, text=mt, hovertemplate="%{text}<extra></extra>", connectgaps=False,
        line=dict(color=FOLDED_COLOUR, width=FOLDED_WIDTH), showlegend=False,
    ))
    fig.add_trace(scatter(
        x=dx, y=dy, mode="markers", name=f"{len(ids)} others", meta={"part": "folded-dots", "characters": ids},
        customdata=dcd, hovertext=dt, hovertemplate="%{hovertext}<extra></extra>",
        marker=dict(color=FOLDED_COLOUR, size=FOLDED_DOT), showlegend=False,
    ))


def _empty_scene_markers(fig, view, kept, by_id, in_view, y, hover):
    """A neutral dot above the lines for each scene with no character in view."""
    x, cd, text, faded = [], [], [], []
    for lx, (L, sids) in enumerate(kept):
        for sid in sids:
            if not any(c in in_view for c in by_id[sid].characters):
                x.append(lx)
                cd.append([sid, None])
                text.append(hover(sid))
                faded.append(view.is_faded(sid))
    if x:
        fig.add_trace(scatter(
            x=x, y=[y] * len(x), mode="markers", name="scenes", customdata=cd, hovertext=text,
            hovertemplate="%{hovertext}<extra></extra>", showlegend=False, meta="scenes",
            marker=dict(color=NEUTRAL, opacity=_uniform([FADED if f else EMPTY_SCENE_OPACITY for f in faded]),
                        size=7, line=dict(color="white", width=1)),
        ))
    return list(zip(x, [y] * len(x)))


def _merged_shown(fig, view, shown, lines, names, colours, scene_of, layer_first_scene, hover, deaths,
                  labels, size, smooth):
    """Very big shown casts (``cast=all``): lines of one colour and emphasis in one trace,
    one trace of scene dots, one of deaths, one of names."""
    merged: dict[tuple[str, bool], tuple[list, list, list, list, list]] = {}
    sx, sy, scd, stext, scol, sop = [], [], [], [], [], []
    for c in shown:
        xs, ys, ls, centres = lines[c]
        key = (colours[c], view.is_highlighted(c))
        mx, my, mcd, mt, ids = merged.setdefault(key, ([], [], [], [], []))
        mx += xs + [None]
        my += ys + [None]
        mcd += [[None, c] if l is None else [scene_of.get((c, l), layer_first_scene[l]), c] for l in ls] + [[None, c]]
        mt += [esc(names[c])] * len(xs) + [""]
        ids.append(c)
        for i in centres:
            sid = scene_of.get((c, ls[i]))
            if sid is None:
                continue
            sx.append(xs[i]), sy.append(ys[i]), scd.append([sid, c]), scol.append(colours[c])
            sop.append(FADED if (view.is_faded(sid) or not view.is_highlighted(c)) else 1.0)
            stext.append(f"<b>{esc(names[c])}</b><br>{hover(sid)}")
    for (colour, hl), (mx, my, mcd, mt, ids) in merged.items():
        fig.add_trace(scatter(
            x=mx, y=my, mode="lines", name=f"{len(ids)} characters", meta=ids, customdata=mcd,
            line=dict(color=colour, width=1.6), opacity=1.0 if hl else FADED, text=mt,
            hovertemplate="%{text}<extra></extra>", showlegend=False, connectgaps=False,
        ))
    fig.add_trace(scatter(
        x=sx, y=sy, mode="markers", name="scene dots", customdata=scd, hovertext=stext,
        hovertemplate="%{hovertext}<extra></extra>", meta={"part": "merged-dots"},
        marker=dict(color=scol, opacity=sop, size=6, line=dict(color="white", width=1)), showlegend=False,
    ))
    if deaths:
        dx, dy, dcd, dtext, dcol, dop = [], [], [], [], [], []
        for c, (x, y, sid, text) in deaths.items():
            dx.append(x + (_HALF if smooth else 0)), dy.append(y), dcd.append([sid, c]), dcol.append(colours[c])
            dop.append(1.0 if view.is_highlighted(c) else FADED), dtext.append(text)
        fig.add_trace(scatter(
            x=dx, y=dy, mode="markers", name="deaths", customdata=dcd, hovertext=dtext,
            hovertemplate="%{hovertext}<extra></extra>", meta="deaths", showlegend=False,
            marker=dict(symbol="x-thin", size=13, color=dcol, opacity=dop, line=dict(width=3, color=dcol)),
        ))
    if labels:
        fig.add_trace(scatter(
            x=[l[1] for l in labels], y=[l[2] for l in labels], mode="text", text=[esc(l[3]) for l in labels],
            textposition=[l[4] for l in labels], customdata=[[l[5], l[0]] for l in labels],
            textfont=dict(color=[colours[l[0]] if view.is_highlighted(l[0]) else _rgba(colours[l[0]], 0.35)
                                 for l in labels], size=size, shadow=HALO),
            hoverinfo="skip", showlegend=False, cliponaxis=False, name="labels", meta="labels",
        ))


def restyle_rules(view) -> dict:
    """What a page needs to fade and highlight the characters of this chart without
    asking the server (``assets/view_state.js``): the rules of :func:`_character_traces`
    as numbers, and the view the chart's frame belongs to. A page may restyle the chart
    for another character filter (``c``, ``mode``) of the same view, in highlight mode.

    Folded characters are drawn in traces whose ``meta`` is a dict with ``part``
    ``"folded"`` / ``"folded-dots"``; they never follow the filter, so a page leaves them.
    With ``cast=chosen`` the selection decides who is drawn in full (the frame), so a
    page leaves every selection change to the server."""
    st = view.state
    return {"faded": FADED, "width": LINE_WIDTH, "selected_width": SELECTED_WIDTH,
            "empty_scene": EMPTY_SCENE_OPACITY,
            "view": frame_view(st.story, st.order, st.scenes, st.emphasis, st.cast)}


def frame_view(story, order, scenes, emphasis, cast="main") -> str:
    """``"story|order|lo-hi|emphasis|cast"``: the part of a view state a storyline's frame
    depends on (besides the story's content and, with ``cast=chosen``, the selection);
    ``assets/view_state.js`` writes the same string.

    >>> frame_view("desperado", "telling", (2, 9), "highlight", "all")
    'desperado|telling|2-9|highlight|all'
    """
    rng = f"{scenes[0]}-{scenes[1]}" if scenes else ""
    return f"{story or ''}|{order}|{rng}|{emphasis}|{cast}"


# ---- the axis -----------------------------------------------------------------------------

def _ticks(kept, by_id, frame: _Frame) -> tuple[list[int], list[str]]:
    """Ticks every k scenes (k from :data:`_TICK_STEPS`), the smallest k whose numbers do not touch."""
    text = ["/".join(str(by_id[s].index + 1) for s in sids) for _, sids in kept]
    n = len(kept)
    single = all(len(sids) == 1 for _, sids in kept)
    num = [by_id[sids[0]].index + 1 for _, sids in kept]
    consecutive = single and all(b == a + 1 for a, b in zip(num, num[1:]))
    for k in _TICK_STEPS:
        if consecutive:
            vals = [x for x in range(n) if num[x] % k == 0]
            if not vals or vals[0] * frame.sx >= 0.6 * k * frame.sx or k == 1:
                vals = sorted(set([0] + vals))
        else:
            vals = list(range(0, n, k))
        widest = max(text_width(text[x], TICK_SIZE) for x in vals)
        gaps = [b - a for a, b in zip(vals, vals[1:])]
        if not gaps or min(gaps) * frame.sx >= widest + 8:
            return vals, [text[x] for x in vals]
    return [0], [text[0]]


# ---- the chart ------------------------------------------------------------------------------

def build(view, *, layout=None, width: int | None = None, height: int | None = None):
    """The storyline figure of ``view`` and its frame defaults (see :mod:`._core`).

    Parameters
    ----------
    view : StoryView
    layout : StorylineLayout, optional
        The layout of the whole story in the view's order (:func:`full_layout`), or any
        layout holding the view's scenes; only the layers of the view's scenes are
        drawn, at the layout's positions. Computed when left out (or when it lacks a
        scene of the view).
    width, height : int, optional
        The size the figure will be drawn at (default :data:`DEFAULT_WIDTH` and
        :func:`storyline_height`): labels are placed in these pixels.
    """
    story = view.story
    layout = _usable_layout(view, layout)
    kept = slice_layout(layout, [s.id for s in view.scenes])
    colours = character_colours(story)
    names = {c.id: c.name for c in story.characters}
    locnames = {l.id: l.name for l in story.locations}
    by_id = {s.id: s for s in story.scenes}
    in_view = set(view.characters)

    # ---- where each character is, layer by layer -------------------------
    scene_of, appear = _appearances(view, kept, by_id)
    runs_pts = _run_points(kept, appear)
    drawn = [c for c in view.characters if c in runs_pts]
    drawn_set = set(drawn)
    shown = [c for c in view.shown if c in drawn_set]
    shown += [c for c in drawn if c not in set(shown) and c not in set(view.folded)]
    shown_set = set(shown)
    folded = [c for c in drawn if c not in shown_set]
    # traces and name placement in an order of the story alone (importance, then story
    # order), never of the filter: a new selection then changes styles only, not the frame
    ranking = {c: i for i, c in enumerate(main_cast(story, at_most=len(story.characters)))}
    story_pos = {c: i for i, c in enumerate(view.characters)}
    shown.sort(key=lambda c: (ranking.get(c, len(ranking)), story_pos[c]))
    layer_first_scene = [sids[0] for _, sids in kept]
    n = len(kept)
    total = sum(len(p) for runs in runs_pts.values() for p in runs)
    smooth = total * 2 <= SMOOTH_POINTS_MAX

    # ---- the frame in pixels ------------------------------------------------
    ymin, ymax = _extent(runs_pts)
    H = int(height) if height else _height(ymin, ymax)
    W = int(width) if width else DEFAULT_WIDTH
    ytop, ybot = ymin - 1.3, ymax + 0.7
    slot = (H - TOP - BOTTOM) / max(1e-9, ybot - ytop)
    size = LABEL_SIZE if slot >= 15 else (11 if slot >= 13 else MIN_TEXT)
    first_names = [names[c] for c in shown if runs_pts[c][0][0][0] == 0]
    left = int(min(MAX_LEFT, max([MIN_LEFT] + [text_width(t, size) + 14 for t in first_names])))
    # level of detail on a phone: a window of scenes, laid out at its scale (see _window)
    window = scene_window(n, W - left - RIGHT) if width else None
    plot_px = W - left - RIGHT
    if window:
        W = virtual_width(W, plot_px, n, window)
    frame = _Frame(W, H, left, -0.7, n - 0.3, ytop, ybot)
    lines = _lines(drawn, runs_pts, scene_of, smooth, frame)
    spots = _Spots(frame)
    for c in drawn:
        spots.polyline(lines[c][0], lines[c][1], 2.0 if c in shown_set else 0.5)
    for c in shown:
        for pts in runs_pts[c]:
            for x, y in pts:
                if (c, x) in scene_of:
                    spots.ink(frame.px(x), frame.py(y), 3.0)

    fig = Traces()

    # ---- location bands (behind everything) ------------------------------
    units = place_units(story, [s for _, sids in kept for s in sids])
    unit_colour = category_colours(units[by_id[s].location] for _, sids in kept for s in sids
                                   if by_id[s].location)
    rects: dict[str, list[tuple[float, float, float, float]]] = {}
    place_runs: list[tuple[int, int, str]] = []  # (first layer, last layer, unit)
    run_unit, run_start = None, None
    for x, (L, sids) in enumerate(kept):
        here = {units.get(by_id[s].location) for s in sids}
        single = next(iter(here)) if len(here) == 1 else None
        if single != run_unit:
            if run_unit is not None:
                place_runs.append((run_start, x - 1, run_unit))
            run_unit, run_start = single, x
        if single is None and len(here) > 1:
            # concurrent scenes in different places: a band around each group
            for sid in sids:
                sc = by_id[sid]
                ys = [L.y[c] for c in sc.characters if c in L.y and c in in_view]
                if sc.location and ys:
                    rects.setdefault(units[sc.location], []).append(
                        (x - 0.45, x + 0.45, min(ys) - 0.6, max(ys) + 0.6))
    if run_unit is not None:
        place_runs.append((run_start, n - 1, run_unit))
    for a, b, u in place_runs:
        rects.setdefault(u, []).append((a - 0.5, b + 0.5, ytop + 0.3, ybot))
    _location_bands(fig, unit_colour, rects, locnames)

    # ---- names: every entrance of a shown character, leads first ------------
    rank = {c: i for i, c in enumerate(shown)}
    tasks = []
    for c in shown:
        for k, pts in enumerate(runs_pts[c]):
            x, y = pts[0]
            tasks.append(((k > 0, rank[c], x), (c, x - (_HALF if smooth else 0), y, names[c], scene_of[(c, x)])))
    tasks.sort(key=lambda t: t[0])
    placed = _place_names(spots, [t for _, t in tasks], size)
    labels_of: dict[str, list] = {}
    for p in placed:
        labels_of.setdefault(p[0], []).append(p)

    # ---- place names, once per run, above the plot ------------------------------
    places = []  # (x, y in data, text): one text trace, not annotations (each costs the page a redraw)
    row_h = (1.117 * PLACE_SIZE) + 2
    bounds = (1.0, 0.0, W - 1.0, float(TOP))
    label_runs: list[list] = []  # neighbouring runs of places with one name get one label
    for a, b, u in place_runs:
        if label_runs and label_runs[-1][1] == a - 1 and locnames.get(label_runs[-1][2]) == locnames.get(u):
            label_runs[-1][1] = b
        else:
            label_runs.append([a, b, u])
    for a, b, u in sorted(label_runs, key=lambda r: (-(r[1] - r[0]), r[0])):
        text = locnames.get(u, u)
        w = text_width(text, PLACE_SIZE)
        cx = frame.px((a + b) / 2)
        if w > (b - a + 1) * frame.sx + 60:
            continue
        for row in (0, 1):
            base = TOP - 3 - row * row_h
            box = (cx - w / 2, base - 1.117 * PLACE_SIZE, cx + w / 2, base)
            if spots.free(box, bounds) and box[1] > PLOT_TOP:  # under the title
                spots.boxes.append(box)
                # the text's box bottom 2 px + the row above the plot ("top center": the
                # baseline a quarter of the size above the point, see _text.text_box)
                py = TOP - 2 - row * row_h - (DESCENT - 0.25) * PLACE_SIZE
                places.append(((a + b) / 2, frame.ytop + (py - TOP) / frame.sy, esc(text)))
                break

    # ---- character lines, scene markers, deaths ------------------------------
    hover_cache: dict[str, str] = {}

    def hover(sid: str) -> str:
        if sid not in hover_cache:
            hover_cache[sid] = scene_hover(story, by_id[sid], names, locnames)
        return hover_cache[sid]

    layer_of = {sid: x for x, (_, sids) in enumerate(kept) for sid in sids}
    deaths: dict[str, tuple[float, float, str, str]] = {}  # character -> (x, y, scene id, hover)
    for c in shown:
        fate = story.character(c).fate
        if fate is None or fate.scene not in layer_of or c not in kept[layer_of[fate.scene]][0].y:
            continue
        x = layer_of[fate.scene]
        killer = f" by {names.get(fate.by, fate.by)}" if fate.by else ""
        deaths[c] = (x, float(kept[x][0].y[c]), fate.scene,
                     f"<b>{esc(names[c])}</b> dies{esc(killer)}<br>{esc(fate.how)}<br>{esc(by_id[fate.scene].title)}")

    fig.insert(0, _scene_columns(kept, ytop, ybot, hover))
    _folded_traces(fig, folded, lines, names, scene_of, layer_first_scene, hover)
    if len(shown) <= MERGE_LINES_AT:
        for c in shown:
            fig.add_traces(_character_traces(c, view, lines[c], smooth, names[c], colours[c], scene_of,
                                             layer_first_scene, hover, deaths.get(c), labels_of.get(c, []),
                                             size))
    else:
        _merged_shown(fig, view, shown, lines, names, colours, scene_of, layer_first_scene, hover, deaths,
                      placed, size, smooth)
    _empty_scene_markers(fig, view, kept, by_id, in_view, ymin - 0.8, hover)
    if places:
        fig.add_trace(scatter(
            x=[p[0] for p in places], y=[p[1] for p in places], text=[p[2] for p in places], mode="text",
            textposition="top center", textfont=dict(size=PLACE_SIZE, color="#777777"), cliponaxis=False,
            hoverinfo="skip", showlegend=False, name="places", meta={"part": "places"},
        ))

    # ---- axes ---------------------------------------------------------------
    tickvals, ticktext = _ticks(kept, by_id, frame)
    order = "story order" if view.state.order == "story" else "telling order"
    # the y range reaches up to PLOT_TOP px at the lines' scale: the lines are drawn where
    # they were placed (between TOP and the bottom), the place names above them
    fig = fig.figure(dict(
        xaxis=dict(tickmode="array", tickvals=tickvals, ticktext=ticktext, tickfont=dict(size=TICK_SIZE),
                   range=[frame.xlo, frame.xhi], title=dict(text=f"scene ({order})", font=dict(size=12)),
                   showline=True),
        yaxis=dict(visible=False, autorange=False, range=[ybot, ytop - (TOP - PLOT_TOP) / frame.sy],
                   fixedrange=True),
        showlegend=False, dragmode="zoom", barmode="overlay", meta={"restyle": restyle_rules(view)},
        title=dict(y=1 - 8 / H, yanchor="top", yref="container"),
    ))
    if window:  # the names' margin goes inside the plot, which opens on the window
        show_window(fig, lo=frame.xlo, hi=frame.xhi, columns=n, window=window, plot_px=plot_px, left_px=left)
        left = 0
    return fig, {"default_height": H, "margin": dict(l=left, r=RIGHT, t=PLOT_TOP, b=BOTTOM)}
