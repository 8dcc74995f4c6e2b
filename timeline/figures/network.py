"""The character network: who shares scenes with whom, and who does what to whom.

Nodes are characters, their *area* proportional to the number of scenes they
are in (within the view); an edge joins two characters who share at least
:func:`default_min_shared` scenes (line width: shared scenes); typed
interactions are drawn as arrows, styled by family (:data:`FAMILIES`:
violence, help, talk, kinship and love, other). Nodes are coloured by Louvain
community (fixed seed) or by group, at most :data:`MAX_NODE_COLOURS` colours.

Level of detail
---------------
Only the characters the view draws in full (``view.shown``: the main cast by
default) are nodes; the folded ones are left out (``cast="all"`` shows
everyone). The most important nodes are labelled, placed around their node by
collision in pixels (a label that fits nowhere is dropped); every node has a
hover with its name and counts.

Layout
------
Positions are computed once per story, on the whole story, and cached
(:func:`story_positions`), so a node stays in place whatever the filter,
scene range or window: a view only chooses which nodes to draw and zooms to
them. Within the component holding the main cast, the main cast is laid out
first with ForceAtlas2 [1]_ (gravity keeps it compact, log-weights keep the
strongest pairs close without collapsing them), then spread so no two are
closer than a label's width; the others of the component are placed by a
spring layout [2]_ with the main cast fixed. Smaller components are laid out
on their own and packed in columns to the right. Everything is seeded, so the
same story always gives the same picture.

Filtering
---------
- *highlight*: the graph is built from every scene in the view; nodes other
  than the selected characters and their neighbours are faded, as are edges and
  arrows that do not touch a selected character.
- *only*: the graph is built from the matching scenes alone, so it holds the
  selected characters and the characters they share a matching scene with.

References
----------
.. [1] Jacomy, M., Venturini, T., Heymann, S. and Bastian, M., "ForceAtlas2, a
   continuous graph layout algorithm for handy network visualization designed
   for the Gephi software", PLoS ONE 9(6): e98679, 2014.
.. [2] Fruchterman, T. M. J. and Reingold, E. M., "Graph drawing by
   force-directed placement", Software: Practice and Experience 21(11),
   1129-1164, 1991.
"""

from __future__ import annotations

import math
import random
from collections import OrderedDict
from threading import Lock

import networkx as nx

from ..errors import StoryError
from ..graph import communities, interaction_graph, main_cast
from ._core import Traces, scatter
from ._theme import FADED, NEUTRAL, PALETTE, category_colours, character_colours, esc, short

__all__ = ["build", "story_positions", "default_min_shared", "interaction_family", "place_labels",
           "FAMILIES", "FAMILY_STYLES", "INTERACTION_STYLES", "LAYOUT_SEED", "MAX_NODE_COLOURS"]

LAYOUT_SEED = 7
COMMUNITY_SEED = 42
#: At most this many node colours (communities or groups); the rest share a neutral grey.
MAX_NODE_COLOURS = 8

#: Interaction families: the types of each (anything else is "other").
FAMILIES: dict[str, frozenset[str]] = {
    "violence": frozenset({
        "kills", "wounds", "attacks", "shoots", "shoots_at", "threatens", "aims_at", "betrays", "fights",
        "hits", "beats", "stabs", "strangles", "tortures", "captures", "kidnaps", "chases", "robs",
        "ambushes", "poisons", "executes", "tails", "hunts", "punches", "slaps", "strikes", "assaults"}),
    "help": frozenset({
        "helps", "rescues", "tends", "spares", "befriends", "warns", "protects", "saves", "heals", "frees",
        "hides", "shelters", "advises", "defends", "supports", "comforts", "feeds", "hires", "invites"}),
    "talk": frozenset({
        "talks_to", "tells", "calls", "asks", "questions", "meets", "confesses_to", "lies_to", "informs",
        "answers", "writes_to", "visits", "sends", "recognizes", "witnesses", "interrogates", "greets",
        "phones", "argues_with", "persuades", "negotiates_with"}),
    "kinship": frozenset({
        "loves", "kisses", "marries", "married_to", "brother_of", "sister_of", "father_of", "mother_of",
        "son_of", "daughter_of", "parent_of", "child_of", "sibling_of", "cousin_of", "uncle_of", "aunt_of",
        "wife_of", "husband_of", "partner_of", "dates", "seduces", "sleeps_with", "lover_of", "embraces"}),
}
#: Family -> (legend label, colour, dash).
FAMILY_STYLES: dict[str, tuple[str, str, str]] = {
    "violence": ("violence", "#D62728", "solid"),
    "help": ("help", "#009E73", "dash"),
    "talk": ("talk", "#0072B2", "dot"),
    "kinship": ("kinship, love", "#CC79A7", "longdash"),
    "other": ("other", "#7F7F7F", "dashdot"),
}
_FAMILY_ORDER = ("violence", "help", "talk", "kinship", "other")
_KIN_SUFFIXES = ("_of", "_with")


def interaction_family(itype: str) -> str:
    """The family of an interaction type: ``"violence"``, ``"help"``, ``"talk"``, ``"kinship"`` or ``"other"``.

    >>> interaction_family("kills"), interaction_family("talks to"), interaction_family("grandson_of")
    ('violence', 'talk', 'kinship')
    """
    t = itype.strip().lower().replace(" ", "_")
    for fam in _FAMILY_ORDER[:-1]:
        if t in FAMILIES[fam]:
            return fam
    if t.endswith(_KIN_SUFFIXES[0]):
        return "kinship"  # brother_of, grandson_of, ...
    return "other"


#: Interaction type -> (colour, dash), from its family (kept for callers of the old per-type table).
INTERACTION_STYLES: dict[str, tuple[str, str]] = {
    t: FAMILY_STYLES[fam][1:] for fam, types in FAMILIES.items() for t in sorted(types)}

_NODE_MAX_PX = 46  # diameter of the node with the most scenes
_NODE_MIN_RADIUS = 4
#: The plot area the labels are placed for (px): the app's network (900 × 520) less its
#: margins and the legend. A bigger canvas only spreads the nodes further apart.
REF_PLOT = (680.0, 420.0)
#: Room left around the nodes (px of :data:`REF_PLOT`) for the labels of the outermost ones.
_PAD = dict(l=70.0, r=70.0, t=34.0, b=26.0)
_LABEL_FONT = 12
_CHAR_EM = 0.6        # average character width (em) of a label, generous for DejaVu/Liberation
_MAX_LABELS = 24
#: Below this figure width (px) the legend goes under the plot, which gets the whole width.
NARROW = 640
_LEGEND_W = 170        # the legend beside the plot (px)
_LEGEND_ENTRY_W = 140  # one legend entry's text under the plot (px)


# ---- positions, once per story ---------------------------------------------------

_CACHE: "OrderedDict[int, tuple[object, dict]]" = OrderedDict()
_CACHE_LOCK = Lock()
_CACHE_SIZE = 16


def story_positions(story) -> dict[str, tuple[float, float]]:
    """Node positions of every character present in the story, computed once and cached.

    The layout (see the module docstring) uses the whole story, never a view,
    so every view and every window of scenes places a character at the same
    point. Coordinates are plain floats; the main cast spans about
    ``[-1, 1] × [-1, 1]``.

    Parameters
    ----------
    story : Story

    Returns
    -------
    dict of str to (float, float)
        Character id to ``(x, y)``.
    """
    key = id(story)
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] is story:
            _CACHE.move_to_end(key)
            return hit[1]
    pos = _story_layout(story)
    with _CACHE_LOCK:
        _CACHE[key] = (story, pos)  # the story is kept, so its id is not reused while cached
        _CACHE.move_to_end(key)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return pos


def _log_weights(G: nx.Graph) -> nx.Graph:
    H = nx.Graph()
    H.add_nodes_from(G.nodes)
    for a, b, d in G.edges(data=True):
        H.add_edge(a, b, lw=1.0 + math.log(max(1, d.get("weight", 1))))
    return H


def _induced(H: nx.Graph, nodes) -> nx.Graph:
    """The subgraph of ``nodes`` as a new graph whose nodes and edges follow the order of
    ``nodes`` (networkx's subgraph views may iterate a set, in hash order, which would make
    the seeded layouts differ from one process to the next)."""
    keep = list(dict.fromkeys(nodes))
    inside = set(keep)
    S = nx.Graph()
    S.add_nodes_from(keep)
    for a in keep:
        for b, d in H[a].items():
            if b in inside:
                S.add_edge(a, b, **d)
    return S


def _normalise(pos: dict, ids) -> dict:
    """Scale ``pos`` so the points ``ids`` span [-1, 1] on each axis (kept centred)."""
    ids = [c for c in ids if c in pos]
    if not ids:
        return pos
    xs = [pos[c][0] for c in ids]
    ys = [pos[c][1] for c in ids]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    sx = (max(xs) - min(xs)) / 2 or 1.0
    sy = (max(ys) - min(ys)) / 2 or 1.0
    return {c: ((p[0] - cx) / sx, (p[1] - cy) / sy) for c, p in pos.items()}


def _fa2(G: nx.Graph) -> dict:
    n = G.number_of_nodes()
    if n == 1:
        return {next(iter(G)): (0.0, 0.0)}
    if n == 2:
        a, b = list(G)
        return {a: (-1.0, 0.0), b: (1.0, 0.0)}
    if hasattr(nx, "forceatlas2_layout"):
        pos = nx.forceatlas2_layout(G, max_iter=300, gravity=1.0, scaling_ratio=2.0, weight="lw",
                                    seed=LAYOUT_SEED, distributed_action=True)
    else:  # pragma: no cover - networkx < 3.4
        pos = nx.spring_layout(G, seed=LAYOUT_SEED, weight="lw", iterations=200)
    return {c: (float(p[0]), float(p[1])) for c, p in pos.items()}


def _spread(pos: dict, ids, min_dist: float, aspect: float, rounds: int = 200) -> dict:
    """Push the points ``ids`` apart until no two are closer than ``min_dist`` (in a box
    ``aspect`` wide for 1 tall, where they span [0, aspect] × [0, 1]); deterministic."""
    ids = sorted(ids)
    if len(ids) < 2:
        return pos
    pts = _normalise(pos, ids)
    p = {c: [(pts[c][0] + 1) / 2 * aspect, (pts[c][1] + 1) / 2] for c in ids}
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                dx, dy = p[b][0] - p[a][0], p[b][1] - p[a][1]
                d = math.hypot(dx, dy)
                if d >= min_dist:
                    continue
                if d < 1e-9:
                    dx, dy, d = 1e-3, 1e-3 * (1 + i), 1.4e-3
                push = (min_dist - d) / 2 * 1.01
                ux, uy = dx / d, dy / d
                p[a][0] -= ux * push
                p[a][1] -= uy * push
                p[b][0] += ux * push
                p[b][1] += uy * push
                moved = True
        if not moved:
            break
    out = dict(pts)
    for c in ids:
        out[c] = (p[c][0] / aspect * 2 - 1, p[c][1] * 2 - 1)
    return _normalise(out, ids)


def _story_layout(story) -> dict[str, tuple[float, float]]:
    G = interaction_graph(story)
    if G.number_of_nodes() == 0:
        return {}
    H = _log_weights(G)
    rank = {c: i for i, c in enumerate(G.nodes)}
    main = [c for c in main_cast(story) if c in H]
    mainset = set(main)
    comps = [sorted(cm, key=rank.get) for cm in nx.connected_components(H)]
    comps.sort(key=lambda cm: (-sum(c in mainset for c in cm), -len(cm), rank[cm[0]]))
    aspect = REF_PLOT[0] / REF_PLOT[1]
    rng = random.Random(LAYOUT_SEED)

    out: dict[str, tuple[float, float]] = {}
    head = comps[0]
    core = [c for c in head if c in mainset] or head
    pos = _fa2(_induced(H, core))
    # the main cast spread: at least a label's width apart in the reference plot area
    gap = 96.0 / (REF_PLOT[1] - _PAD["t"] - _PAD["b"])
    pos = _spread(pos, core, min_dist=gap, aspect=aspect)
    pos = {c: (x * aspect, y) for c, (x, y) in pos.items()}  # the core fills a canvas-shaped box
    rest = [c for c in head if c not in pos]
    if rest:
        init = dict(pos)
        for c in rest:
            nbs = [init[n] for n in H.neighbors(c) if n in init]
            if nbs:
                x = sum(p[0] for p in nbs) / len(nbs)
                y = sum(p[1] for p in nbs) / len(nbs)
            else:
                x, y = 0.0, 0.0
            init[c] = (x + rng.uniform(-0.3, 0.3), y + rng.uniform(-0.3, 0.3))
        sub = _induced(H, head)
        k = 2.2 / math.sqrt(max(len(core), 1))
        full = nx.spring_layout(sub, pos=init, fixed=list(pos), weight="lw", k=k, iterations=100,
                                seed=LAYOUT_SEED)
        pos = {c: (float(p[0]), float(p[1])) for c, p in full.items()}
    out.update(pos)

    # the other components, each on its own, packed in columns to the right
    xs = [p[0] for p in out.values()]
    ys = [p[1] for p in out.values()]
    top, bottom = max(ys), min(ys)
    height = max(top - bottom, 2.0)
    x0 = max(xs) + 0.5
    cx, cy, col_w = x0, top, 0.0
    for cm in comps[1:]:
        size = 0.35 * math.sqrt(len(cm)) if len(cm) > 1 else 0.0
        sub = _normalise(_fa2(_induced(H, cm)), cm)
        if cy - 2 * size < bottom - 1e-9 and cy < top:
            cx += col_w + 0.5
            cy, col_w = top, 0.0
        for c in cm:
            out[c] = (cx + size + sub[c][0] * size, cy - size + sub[c][1] * size)
        cy -= 2 * size + 0.5
        col_w = max(col_w, 2 * size)
    return {c: (round(x, 5), round(y, 5)) for c, (x, y) in out.items()}


# ---- edges ------------------------------------------------------------------------

def default_min_shared(story) -> int:
    """The fewest shared scenes an edge needs by default: 1 up to 60 scenes, 2 up to
    150, 3 beyond (a feature film's walk-ons share a scene or two with everyone)."""
    n = len(story.scenes)
    return 1 if n <= 60 else (2 if n <= 150 else 3)


# ---- labels -----------------------------------------------------------------------

_CANDIDATES = ("top center", "bottom center", "middle right", "middle left",
               "top right", "top left", "bottom right", "bottom left")


def _label_box(x, y, r, w, h, where):
    """Box (x0, y0, x1, y1) in px (y down) of a label placed at ``where`` around a node
    at (x, y) with radius r, following plotly's text offsets (radius / 0.8 + 1)."""
    off = r / 0.8 + 1 if r else 0
    v, hpos = where.split()
    if hpos == "center":
        x0 = x - w / 2
    elif hpos == "right":
        x0 = x + off
    else:
        x0 = x - off - w
    if v == "top":
        y1 = y - off + 0.15 * h
        y0 = y1 - h
    elif v == "bottom":
        y0 = y + off - 0.15 * h
        y1 = y0 + h
    else:
        y0 = y - h / 2
        y1 = y0 + h
    return x0, y0, x0 + w, y1


def _hit(a, b, pad=2.0):
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def _crosses(seg, box) -> bool:
    """Whether the segment ``((x0, y0), (x1, y1))`` passes through ``box`` (Liang–Barsky)."""
    (x0, y0), (x1, y1) = seg
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            if t > t1:
                return False
            t0 = max(t0, t)
        else:
            if t < t0:
                return False
            t1 = min(t1, t)
    return t0 <= t1


def place_labels(points: dict, radii: dict, texts: dict, order, *, area: tuple[float, float],
                 font: dict | None = None, at_most: int = _MAX_LABELS,
                 segments: list | None = None) -> dict[str, str]:
    """Positions (plotly ``textposition``) for the labels that fit, greedily in ``order``.

    Parameters
    ----------
    points : dict of id to (x, y)
        Node centres in px (y down) within a plot area of size ``area``.
    radii : dict of id to float
        Node radii in px.
    texts : dict of id to str
        Label texts.
    order : iterable of id
        Most important first; each label takes the first candidate position
        (above, below, right, left, then the diagonals) that overlaps no label
        placed before it and stays inside the area, preferring positions that
        cover no node. A label that fits nowhere is left out (hover only).
    font : dict of id to float, optional
        Font size per label (default :data:`_LABEL_FONT`).
    at_most : int
        Labels placed at most.
    segments : list of ((x0, y0), (x1, y1), weight), optional
        Lines in px (edges, arrows): a position they cross costs ``weight``
        each, a node it covers 1.

    Returns
    -------
    dict of id to str
        ``textposition`` per labelled id.
    """
    W, H = area
    placed: list[tuple] = []
    out: dict[str, str] = {}
    circles = {c: (p[0] - radii[c], p[1] - radii[c], p[0] + radii[c], p[1] + radii[c]) for c, p in points.items()}
    for c in order:
        if len(out) >= at_most:
            break
        fs = (font or {}).get(c, _LABEL_FONT)
        w = _CHAR_EM * fs * len(texts[c]) + 4
        h = 1.25 * fs
        x, y = points[c]
        best = None
        for where in _CANDIDATES:
            box = _label_box(x, y, radii[c], w, h, where)
            if box[0] < 0 or box[1] < 0 or box[2] > W or box[3] > H:
                continue
            if any(_hit(box, b) for b in placed):
                continue
            covers = sum(1 for o, cb in circles.items() if o != c and _hit(box, cb, pad=0.0))
            covers += sum(w for a, b, w in segments or () if _crosses((a, b), box))
            if best is None or covers < best[0]:
                best = (covers, where, box)
                if covers == 0:
                    break
        if best is not None:
            out[c] = best[1]
            placed.append(best[2])
            placed.append(circles[c])  # no later label over this labelled node
    return out


# ---- the figure ---------------------------------------------------------------------

def _shorten(x0, y0, x1, y1, frac0, frac1):
    dx, dy = x1 - x0, y1 - y0
    return x0 + dx * frac0, y0 + dy * frac0, x1 - dx * frac1, y1 - dy * frac1


def build(view, *, colour_by="community", min_shared: int | None = None, width: int | None = None):
    """The network of ``view`` and its frame defaults. ``width`` (px; default: the app's
    900) sets the level of detail: labels are placed for the plot area the figure gets
    (fewer fit on a phone), and below :data:`NARROW` px the legend goes under the plot."""
    if colour_by not in ("community", "group"):
        raise StoryError(f"network colour_by must be 'community' or 'group', not {colour_by!r}")
    story = view.story
    names = {c.id: c.name for c in story.characters}
    scene_ids = [s.id for s in view.scenes]
    every = story_positions(story)
    drawn = [c for c in view.shown if c in every] or [c for c in view.characters if c in every]
    graph = interaction_graph(story, characters=drawn, scenes=scene_ids)
    k_min = default_min_shared(story) if min_shared is None else max(1, int(min_shared))
    rank = {c.id: i for i, c in enumerate(story.characters)}
    importance_order = [c for c in view.shown if c in graph]
    importance_order += [c for c in graph if c not in set(importance_order)]
    # a graph with nodes in story order, so nothing depends on insertion order
    g = nx.Graph()
    for c in sorted(graph.nodes, key=lambda c: rank.get(c, 1 << 30)):
        g.add_node(c)
    hidden_edges = 0
    for a, b in sorted(graph.edges, key=lambda e: tuple(sorted((rank.get(e[0], 0), rank.get(e[1], 0))))):
        d = graph[a][b]
        if len(d.get("shared_scenes", ())) >= k_min:
            g.add_edge(a, b, weight=max(1, d.get("weight", 1)))
        elif d.get("shared_scenes"):
            hidden_edges += 1
    nodes = list(g.nodes)

    # ---- per-character stats within the view -------------------------------
    count: dict[str, int] = {c: 0 for c in nodes}
    first: dict[str, object] = {}
    last: dict[str, object] = {}
    for s in view.scenes:
        for c in dict.fromkeys(s.characters):
            if c in count:
                count[c] += 1
                first.setdefault(c, s)
                last[c] = s
    betweenness = nx.betweenness_centrality(g, normalized=True) if len(nodes) <= 400 else \
        nx.betweenness_centrality(g, k=min(200, len(nodes)), normalized=True, seed=LAYOUT_SEED)

    pos = {c: every[c] for c in nodes}
    sel = set(view.selected)
    lit = (set(sel) | {nb for c in sel if c in g for nb in g.neighbors(c)}) if sel else set(nodes)

    # ---- colours ----------------------------------------------------------------
    if colour_by == "community":
        comms = communities(g, seed=COMMUNITY_SEED) if nodes else []
        comms = sorted((sorted(cm, key=lambda c: rank.get(c, 0)) for cm in comms),
                       key=lambda cm: (-len(cm), rank.get(cm[0], 0)))
        label = {c: f"community {i + 1}" for i, cm in enumerate(comms) for c in cm}
        values = [f"community {i + 1}" for i, cm in enumerate(comms) if len(cm) > 1]
        for cm in comms:
            if len(cm) == 1:
                label[cm[0]] = "alone"
        if any(len(cm) == 1 for cm in comms):
            values.append("alone")
    else:
        label = {c: (story.character(c).group or "no group") for c in nodes}
        counts: dict[str, int] = {}
        for c in nodes:
            counts[label[c]] = counts.get(label[c], 0) + 1
        values = [gname for gname in dict.fromkeys(ch.group for ch in story.characters if ch.group)]
        values = sorted(values, key=lambda v: -counts.get(v, 0)) + ["no group"]
    named = [v for v in values if v not in ("alone", "no group")]
    palette = category_colours(named[:MAX_NODE_COLOURS])
    if len(named) > MAX_NODE_COLOURS:
        for v in named[MAX_NODE_COLOURS:]:
            palette[v] = NEUTRAL
    for v in ("alone", "no group"):
        if v in values:
            palette[v] = NEUTRAL
    if colour_by == "community" and not view.filtered and nodes and all(len(cm) == 1 for cm in comms):
        palette = {}  # every node alone: fall back to character colours
    ccol = character_colours(story)

    fig = Traces()
    arrows: list[dict] = []  # set at once: add_annotation one by one is quadratic

    # ---- pixel geometry of the reference plot area --------------------------------
    frame = [c for c in dict.fromkeys((*main_cast(story), *nodes)) if c in every] or nodes
    fx = [every[c][0] for c in frame] or [0.0]
    fy = [every[c][1] for c in frame] or [0.0]
    x0, x1 = min(fx), max(fx)
    y0, y1 = min(fy), max(fy)
    if x1 - x0 < 1e-9:
        x0, x1 = x0 - 1, x1 + 1
    if y1 - y0 < 1e-9:
        y0, y1 = y0 - 1, y1 + 1
    base_h = 520 if len(nodes) <= 40 else 700
    fig_w = int(width) if width else 900
    below = fig_w < NARROW
    plot_w = fig_w - 32 - (0 if below else _LEGEND_W)
    W, H = (min(REF_PLOT[0], float(plot_w)), min(REF_PLOT[1], float(base_h - 76)))
    iw, ih = W - _PAD["l"] - _PAD["r"], H - _PAD["t"] - _PAD["b"]
    xr = [x0 - _PAD["l"] / iw * (x1 - x0), x1 + _PAD["r"] / iw * (x1 - x0)]
    yr = [y0 - _PAD["b"] / ih * (y1 - y0), y1 + _PAD["t"] / ih * (y1 - y0)]

    def to_px(p):
        return ((p[0] - xr[0]) / (xr[1] - xr[0]) * W, (yr[1] - p[1]) / (yr[1] - yr[0]) * H)

    maxc = max(count.values(), default=1) or 1
    radius = {c: max(_NODE_MIN_RADIUS, 0.5 * _NODE_MAX_PX * math.sqrt(count[c] / maxc)) for c in nodes}

    # ---- edges: one trace per width -------------------------------------------
    maxw = max((d["weight"] for _, _, d in g.edges(data=True)), default=1)
    buckets: dict[tuple[float, bool], tuple[list, list]] = {}
    mx, my, mtext, mcd = [], [], [], []
    for a, b, d in g.edges(data=True):
        w = d["weight"]
        width = round(0.8 + 5.2 * (w / maxw), 1)
        bright = not sel or a in sel or b in sel
        ex, ey = buckets.setdefault((width, bright), ([], []))
        (ax_, ay_), (bx_, by_) = pos[a], pos[b]
        ex += [ax_, bx_, None]
        ey += [ay_, by_, None]
        mx.append((ax_ + bx_) / 2)
        my.append((ay_ + by_) / 2)
        shared = graph[a][b].get("shared_scenes", ())
        mtext.append(f"{esc(names[a])} — {esc(names[b])}: {len(shared)} shared scene{'s' if len(shared) != 1 else ''}")
        mcd.append([shared[0] if shared else None, a, b])
    for width in {w for w, _ in buckets}:  # both strengths of every width, even if empty: a filter
        for bright in (False, True):          # change then keeps the traces (and only restyles/refills)
            buckets.setdefault((width, bright), ([], []))
    for (width, bright), (ex, ey) in sorted(buckets.items()):
        fig.add_trace(scatter(x=ex, y=ey, mode="lines", hoverinfo="skip", showlegend=False,
                                 line=dict(width=width, color="#9A9A9A"), opacity=0.7 if bright else FADED,
                                 name=f"edges {width}", meta="edges"))
    if g.number_of_edges():
        # one legend entry says what a grey line means
        fig.add_trace(scatter(x=[None], y=[None], mode="lines", line=dict(width=2, color="#9A9A9A"),
                                 name=f"{k_min}+ shared scene{'s' if k_min > 1 else ''}", hoverinfo="skip",
                                 legendgroup="edges", meta="edges-legend"))
    if mx:
        fig.add_trace(scatter(x=mx, y=my, mode="markers", hovertext=mtext, customdata=mcd,
                                 hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
                                 marker=dict(size=8, color="rgba(0,0,0,0)", opacity=0), name="edge info",
                                 meta="edge-info"))

    # ---- typed interactions: dashed/coloured lines + arrowheads, by family ----------
    span = max(x1 - x0, y1 - y0, 1e-6)
    px_per_unit = min(W / (xr[1] - xr[0]), H / (yr[1] - yr[0]))
    seen: set[tuple] = set()
    by_type: dict[str, list] = {}
    for s in view.scenes:
        for it in s.interactions:
            if it.source not in pos or it.target not in pos or it.source == it.target:
                continue
            key = (it.type, it.source, it.target)
            if key in seen:
                continue
            seen.add(key)
            by_type.setdefault(it.type, []).append((it, s))
    types = sorted(by_type, key=lambda t: (_FAMILY_ORDER.index(interaction_family(t)), t != "kills", t))
    pair_total: dict[frozenset, int] = {}
    for itype in types:
        for it, _ in by_type[itype]:
            key = frozenset((it.source, it.target))
            pair_total[key] = pair_total.get(key, 0) + 1
    pair_seen: dict[frozenset, int] = {}
    in_legend: set[str] = set()
    for itype in types:
        fam = interaction_family(itype)
        fam_label, colour, dash = FAMILY_STYLES[fam]
        lw = 2.5 if itype == "kills" else 1.6
        lx, ly = [], []
        for it, s in by_type[itype]:
            (ax_, ay_), (bx_, by_) = pos[it.source], pos[it.target]
            pair = frozenset((it.source, it.target))
            k = pair_seen.get(pair, 0)
            pair_seen[pair] = k + 1
            off = 0.018 * span * (k - (pair_total[pair] - 1) / 2)
            if it.source > it.target:
                off = -off  # the normal flips with the direction
            length = math.hypot(bx_ - ax_, by_ - ay_) or 1.0
            nx_, ny_ = -(by_ - ay_) / length * off, (bx_ - ax_) / length * off
            f0 = min(0.4, (radius[it.source] + 2) / px_per_unit / length)
            f1 = min(0.4, (radius[it.target] + 3) / px_per_unit / length)
            a0, b0, a1, b1 = _shorten(ax_ + nx_, ay_ + ny_, bx_ + nx_, by_ + ny_, f0, f1)
            lx += [a0, a1, None]
            ly += [b0, b1, None]
            bright = not sel or it.source in sel or it.target in sel
            arrows.append(dict(
                x=a1, y=b1, ax=a0, ay=b0, xref="x", yref="y", axref="x", ayref="y", text="",
                showarrow=True, arrowhead=2, arrowsize=1.3, arrowwidth=lw,
                arrowcolor=colour, opacity=1.0 if bright else FADED, standoff=0,
                name=f"{itype}:{it.source}->{it.target}",
                hovertext=esc(f"{names[it.source]} {itype.replace('_', ' ')} {names[it.target]} "
                              f"({s.index + 1}. {s.title})"),
            ))
        first_of_family = fam not in in_legend
        in_legend.add(fam)
        fig.add_trace(scatter(x=lx, y=ly, mode="lines", name=fam_label if first_of_family else itype.replace("_", " "),
                                 line=dict(color=colour, dash=dash, width=lw), hoverinfo="skip",
                                 legendgroup=f"family:{fam}", showlegend=first_of_family,
                                 legendgrouptitle=dict(text="Interactions") if len(in_legend) == 1 and first_of_family else None,
                                 meta={"interaction": itype, "family": fam}))

    # ---- nodes ----------------------------------------------------------------------
    def stats(c):
        f, l = first.get(c), last.get(c)
        return (f"<b>{esc(names[c])}</b><br>{esc(label[c])}<br>scenes: {count[c]}"
                + (f"<br>first: {esc(f.index + 1)}. {esc(f.title)}<br>last: {esc(l.index + 1)}. {esc(l.title)}" if f else "")
                + f"<br>degree: {g.degree(c)}<br>betweenness: {betweenness.get(c, 0.0):.3f}")

    order = sorted(nodes, key=lambda c: (-count[c], rank.get(c, 0)))
    shown_texts = {c: short(names[c], 22) for c in nodes}
    label_order = [c for c in view.selected if c in g] + [c for c in importance_order if c not in sel]
    fonts = {c: (13 if i < 3 else _LABEL_FONT) for i, c in enumerate(label_order)}
    segments = [(to_px(pos[a]), to_px(pos[b]), 0.3) for a, b in g.edges]
    segments += [(to_px(pos[it.source]), to_px(pos[it.target]), 0.6) for itype in types for it, _ in by_type[itype]]
    where = place_labels({c: to_px(pos[c]) for c in nodes}, radius, shown_texts, label_order,
                         area=(W, H), font=fonts, segments=segments)
    cols = [palette.get(label[c], ccol[c]) if palette else ccol[c] for c in order]
    fig.add_trace(scatter(
        x=[pos[c][0] for c in order], y=[pos[c][1] for c in order], mode="markers+text",
        text=[esc(shown_texts[c]) if c in where else "" for c in order],
        textposition=[where.get(c, "top center") for c in order],
        textfont=dict(size=[fonts.get(c, _LABEL_FONT) for c in order], color="#222222",
                      shadow="0px 0px 2px white, 0px 0px 3px white"),  # a halo over edges and arrows
        customdata=[[c, count[c], g.degree(c), round(betweenness.get(c, 0.0), 6)] for c in order],
        hovertext=[stats(c) for c in order], hovertemplate="%{hovertext}<extra></extra>",
        marker=dict(size=[count[c] for c in order], sizemode="area",
                    sizeref=2.0 * maxc / (_NODE_MAX_PX ** 2), sizemin=_NODE_MIN_RADIUS, color=cols,
                    opacity=[1.0 if c in lit else FADED for c in order],
                    line=dict(width=[3 if c in sel else 1 for c in order], color="white")),
        name="characters", meta=order, showlegend=False, cliponaxis=False,
    ))
    # legend entries for the node colours: the named values, then one grey entry
    if palette:
        greys = [v for v in values if palette.get(v) == NEUTRAL and any(label[c] == v for c in nodes)]
        for value in values:
            if value in palette and palette[value] != NEUTRAL and any(label[c] == value for c in nodes):
                fig.add_trace(scatter(x=[None], y=[None], mode="markers", name=esc(short(value, 24)),
                                         marker=dict(size=10, color=palette[value]), legendgroup="nodes",
                                         hoverinfo="skip", meta={"colour_by": colour_by, "value": value}))
        if greys:
            grey_label = greys[0] if len(greys) == 1 and greys[0] in ("alone", "no group") else "other"
            fig.add_trace(scatter(x=[None], y=[None], mode="markers", name=grey_label,
                                     marker=dict(size=10, color=NEUTRAL), legendgroup="nodes",
                                     hoverinfo="skip", meta={"colour_by": colour_by, "value": grey_label}))

    layout = dict(xaxis=dict(visible=False, range=xr, fixedrange=False), yaxis=dict(visible=False, range=yr))
    if arrows:
        layout["annotations"] = arrows
    bottom = 16
    if below:  # in rows under the plot, in columns
        entries = sum(1 for t in fig if t.get("showlegend") is not False and t.get("name"))
        cols = max(1, int((fig_w - 20) // (_LEGEND_ENTRY_W + 46)))
        bottom += (-(-entries // cols)) * 21 + 24
        legend = dict(orientation="h", yref="container", yanchor="bottom", y=0, xref="container", xanchor="left", x=0.01,
                      font=dict(size=12), tracegroupgap=0, entrywidth=_LEGEND_ENTRY_W, entrywidthmode="pixels")
    else:
        legend = dict(x=1.02, xanchor="left", y=1.0, yanchor="top", font=dict(size=12), tracegroupgap=6)
    layout.update(showlegend=True, legend=legend,
                  meta={"min_shared": k_min, "hidden_edges": hidden_edges, "labelled": list(where),
                        "folded": list(view.folded)})
    fig = fig.figure(layout)
    return fig, {"default_height": base_h + bottom - 16, "margin": dict(l=16, r=16, t=60, b=bottom)}
