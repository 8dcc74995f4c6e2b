"""Storyline layout: order and place the character lines of an XKCD-style storyline chart.

One line per character from its first to its last scene; characters sharing a
scene run together as a group. The layout chooses, per layer (x position), a
top-to-bottom order of the characters with every group contiguous, minimising
*crossings* (pairs of lines that swap between consecutive layers), then assigns
y positions that keep groups tight and lines straight (few *wiggles*).

Public API
----------
:func:`layout_story` -- a :class:`StorylineLayout` for a story (or some of its scenes).
:func:`layout_groups` -- the same over plain data (a list of layers, each a list of groups).
:func:`story_layers` -- the layers (scene ids and groups) of a story.
:func:`count_crossings` -- crossings of a sequence of orders.

Methods: ``"heuristic"`` (barycenter sweeps, Sugiyama et al. 1981 / Eades &
Wormald 1994, then sifting local search with restarts) and ``"exact"`` (a
pairwise-order integer program after Gronemann, Jünger, Liers & Mambelli 2016,
solved with HiGHS).

References
----------
.. [1] Y. Tanahashi, K.-L. Ma. "Design considerations for optimizing storyline
   visualizations." IEEE TVCG 18(12), 2012.
.. [2] S. Liu, Y. Wu, E. Wei, M. Liu, Y. Liu. "StoryFlow: tracking the evolution of
   stories." IEEE TVCG 19(12), 2013.
.. [3] C. Gronemann, M. Jünger, F. Liers, F. Mambelli. "Crossing minimization in
   storyline visualization." GD 2016.
.. [4] I. Kostitsyna, M. Nöllenburg, V. Polishchuk, A. Schulz, D. Strash. "On
   minimizing crossings in storyline visualizations." GD 2015.
.. [5] T. C. van Dijk, M. Fink, N. Fischer, F. Lipp, P. Markfelder, A. Ravsky,
   S. Suri, A. Wolff. "Block crossings in storyline visualizations." GD 2016.
.. [6] K. Sugiyama, S. Tagawa, M. Toda. "Methods for visual understanding of
   hierarchical system structures." IEEE SMC 11(2), 1981; P. Eades, N. Wormald.
   "Edge crossings in drawings of bipartite graphs." Algorithmica 11, 1994.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Hashable, Mapping, Sequence

from .align import align_layers
from .layers import LayerSet, build_layers, count_crossings, long_absences, naive_orders
from .ordering import order_layers, tie_slack

__all__ = [
    "Layer",
    "StorylineLayout",
    "layout_story",
    "layout_groups",
    "story_layers",
    "count_crossings",
    "layout_key",
    "ALGORITHM_VERSION",
    "build_layers",
    "naive_orders",
]

METHODS = ("heuristic", "exact", "naive")

#: Part of every layout's cache key (:func:`layout_key`): change it whenever a change
#: of the algorithm (orders, y positions) changes a layout.
ALGORITHM_VERSION = "flow-3"
#: Slots of (weighted) vertical movement one more crossing must save (ties of the heuristic).
CROSSING_PRICE = 10.0


@dataclass(frozen=True)
class Layer:
    """One x position of the chart.

    Attributes
    ----------
    scene_ids : tuple of str
        The scenes of this layer (concurrent scenes share a layer).
    groups : tuple of tuple of str
        Top to bottom; active characters in no scene are 1-tuples.
    order : tuple of str
        All active characters top to bottom (``groups`` flattened).
    y : Mapping[str, float]
        Character -> y (0 at the top, growing downward; unit = one line slot) of
        the lines drawn here: a character inside a long absence
        (:func:`~timeline.storyline.layers.long_absences`) is in ``order`` (the
        crossing convention counts it) but has no y (its line is broken there
        and takes no slot).
    """

    scene_ids: tuple[str, ...]
    groups: tuple[tuple[str, ...], ...]
    order: tuple[str, ...]
    y: Mapping[str, float] = field(hash=False, compare=True)


@dataclass(frozen=True)
class StorylineLayout:
    """The result of :func:`layout_story`.

    ``wiggles`` counts the segments that move (a line between two consecutive
    layers whose y changes), ``movement`` their total vertical movement (slots),
    ``segments`` all segments, ``height`` the slots from the top line to the
    bottom one; ``y_method`` says how y was found ("lp" or "greedy"),
    ``cached`` whether the layout came from the cache.

    ``layers`` has one entry per layer in x order (identical consecutive layers
    are *not* merged here; they get identical orders, so counting crossings over
    them gives the convention's count).
    """

    layers: tuple[Layer, ...]
    crossings: int
    wiggles: int  # segments (a line between consecutive layers) that move
    height: float
    seconds: float
    method: str
    optimal: bool | None
    lower_bound: int | None
    movement: float = 0.0
    segments: int = 0
    y_method: str = "greedy"
    cached: bool = False

    def merged_orders(self) -> list[tuple[str, ...]]:
        """Orders of the convention's layers (consecutive identical layers merged)."""
        out: list[tuple[str, ...]] = []
        prev_key = None
        for layer in self.layers:
            key = frozenset(frozenset(g) for g in layer.groups)
            if key != prev_key:
                out.append(layer.order)
            prev_key = key
        return out


def story_layers(story, *, scene_ids: Sequence[str] | None = None) -> list[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]]:
    """The layers of a story: ``[(scene ids, groups), ...]`` in x order.

    Parameters
    ----------
    story : timeline.model.Story
    scene_ids : sequence of str, optional
        The scenes to use, in x order; default all scenes in telling order.
        Consecutive scenes (in this sequence) with equal ``step`` share a layer.

    Returns
    -------
    list of (tuple of scene ids, tuple of groups)
        Groups are the scenes' characters (scenes with nobody give no group).
        Singletons are not added here (see :func:`build_layers`).
    """
    by_id = {s.id: s for s in story.scenes}
    if scene_ids is None:
        scenes = sorted(story.scenes, key=lambda s: s.index)
    else:
        scenes = []
        for sid in scene_ids:
            if sid not in by_id:
                raise KeyError(f"unknown scene id {sid!r}")
            scenes.append(by_id[sid])
    out: list[tuple[list[str], list[tuple[str, ...]]]] = []
    prev_step = object()
    for s in scenes:
        step = s.step if s.step is not None else s.index
        if out and step == prev_step:
            out[-1][0].append(s.id)
            if s.characters:
                out[-1][1].append(tuple(s.characters))
        else:
            out.append(([s.id], [tuple(s.characters)] if s.characters else []))
        prev_step = step
    return [(tuple(ids), tuple(gs)) for ids, gs in out]


def layout_groups(
    layers: Sequence[Sequence[Sequence[Hashable]]],
    *,
    method: str = "heuristic",
    time_limit: float | None = None,
    seed: int = 0,
) -> dict:
    """Order plain layers (each a list of groups) per the convention.

    Returns
    -------
    dict
        ``layerset`` (:class:`LayerSet`), ``orders`` (one order per *merged*
        layer), ``crossings``, ``optimal``, ``lower_bound``, ``seconds``.
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r} (known: {', '.join(METHODS)})")
    t0 = time.perf_counter()
    ls = build_layers(layers)
    res = order_layers(ls, method=method, time_limit=time_limit, seed=seed)
    res["layerset"] = ls
    res["crossings"] = count_crossings(res["orders"])
    res["seconds"] = time.perf_counter() - t0
    return res


def layout_key(layers: Sequence[Sequence[Sequence[Hashable]]], order: str = "", method: str = "heuristic",
               seed: int = 0) -> str:
    """The cache key of a layout: a hash of its layers of character ids, the order
    option, the method, the seed and :data:`ALGORITHM_VERSION`.

    A layout is a pure function of these (the heuristic's budget is counted in
    work, not seconds), so a layout stored under this key serves every later
    request: a reload, another worker, or an edit that changes no layer (a
    rename, a kind, a group or a place keeps every character id).

    Parameters
    ----------
    layers : sequence of layers, each a sequence of groups (character ids)
        In x order, as :func:`story_layers` gives them (the groups only).
    order : str
        The view's order option ("telling", "story"), a label kept in the key.

    Examples
    --------
    >>> k = layout_key([[["a", "b"]], [["b"], ["c"]]], "telling")
    >>> k == layout_key([[("a", "b")], [("b",), ("c",)]], "telling"), len(k)
    (True, 64)
    >>> k == layout_key([[["a", "b"]], [["b", "c"]]], "telling")
    False
    """
    import hashlib
    import json

    payload = json.dumps([ALGORITHM_VERSION, str(order), str(method), int(seed),
                          [[[str(c) for c in g] for g in gs] for gs in layers]],
                         separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _appearances(groups_per_layer) -> dict:
    """Character -> number of layers in which it is in a scene."""
    out: dict = {}
    for gs in groups_per_layer:
        for c in {c for g in gs for c in g}:
            out[c] = out.get(c, 0) + 1
    return out


def _heights(layers_groups, appearances, hidden) -> tuple[list[dict], str]:
    """y per layer of the drawn lines (not those in a long absence): the linear
    program (:mod:`.heights`), else the greedy alignment."""
    from .heights import importance_weights, optimal_heights

    drawn = [[g for g in gs if not (len(g) == 1 and g[0] in hide)] for gs, hide in zip(layers_groups, hidden)]
    ys = optimal_heights(drawn, weights=importance_weights(appearances))
    if ys is not None:
        return ys, "lp"
    return align_layers(drawn), "greedy"


def _too_large(grouped, hide) -> bool:
    """True when the heights program of these layers has more rows than it solves."""
    from .heights import MAX_ROWS

    # each drawn line gives at least one row per layer: a cheap lower bound
    slots = sum(len(g) for gs, h in zip(grouped, hide) for g in gs if not (len(g) == 1 and g[0] in h))
    return slots > MAX_ROWS


def _straighter(ls: LayerSet, orders, appearances, hidden, stats: dict | None = None, ties=()):
    """Orders with the same crossings (or fewer) and straighter lines.

    The second key after the crossings: of ``orders`` and its ``ties`` (other orders
    with as many crossings, from the heuristic's runs) the one whose linear program
    (:mod:`.heights`) has the lowest optimum, then crossing-neutral moves
    (:mod:`.straighten`), kept only when that optimum drops again."""
    from .heights import importance_weights, optimal_heights
    from .straighten import straighten

    info = stats if stats is not None else {}
    first: dict = {}
    for i, m in enumerate(ls.index):
        first.setdefault(m, i)
    hide = [hidden[first[m]] for m in range(len(ls.merged))]
    weights = importance_weights(appearances)

    def grouped_of(ords):
        out = []
        for layer, order in zip(ls.merged, ords):
            pos = {c: i for i, c in enumerate(order)}
            out.append([sorted(g, key=pos.__getitem__) for g in sorted(layer, key=lambda g: min(pos[c] for c in g))])
        return out

    def solve(gr):
        st: dict = {}
        drawn = [[g for g in gs if not (len(g) == 1 and g[0] in h)] for gs, h in zip(gr, hide)]
        return optimal_heights(drawn, weights=weights, stats=st), st.get("objective")

    best = None
    least = count_crossings(orders)
    cands = [orders] + [t for t in ties if t != orders]
    for k, cand in enumerate(cands):
        grouped = grouped_of(cand)
        ys, objective = solve(grouped)
        if ys is None:
            if k == 0 and _too_large(grouped, hide):
                return orders  # the greedy alignment will place it: nothing to score
            continue
        score = objective + CROSSING_PRICE * (count_crossings(cand) - least)
        if best is None or score < best[0]:
            best = (score, k, cand, grouped, ys, objective)
    if best is None:
        return orders
    _, k, orders, grouped, ys, before = best
    better = straighten(grouped, ys, weights, hidden=hide)
    _, after = solve(better)
    info.update(tie=k, ties=len(cands), before=before, after=after)
    if after is None or after >= before:
        return orders
    return [[c for g in gs for c in g] for gs in better]


def _compute(groups_per_layer, method, time_limit, seed, y_method):
    """The layout's plain data (what the cache keeps)."""
    res = layout_groups(groups_per_layer, method=method, time_limit=time_limit, seed=seed)
    ls: LayerSet = res["layerset"]
    merged_orders = res["orders"]
    hidden = long_absences(groups_per_layer)
    if y_method == "lp" and method != "naive" and res["crossings"] > 0:
        merged_orders = _straighter(ls, merged_orders, _appearances(groups_per_layer), hidden,
                                    ties=res.get("ties") or ())
        crossings = count_crossings(merged_orders)
        assert crossings <= res["crossings"] + tie_slack(res["crossings"]), "straightening added crossings"
        res["crossings"] = crossings
    layers_groups = []
    for i, raw in enumerate(ls.raw):
        order = merged_orders[ls.index[i]]
        pos = {c: k for k, c in enumerate(order)}
        groups = sorted((tuple(sorted(g, key=pos.__getitem__)) for g in raw), key=lambda g: pos[g[0]])
        layers_groups.append(tuple(groups))
    if y_method == "greedy":  # the baseline: every active line aligned layer by layer
        ys, how = align_layers(layers_groups), "greedy"
    else:
        ys, how = _heights(layers_groups, _appearances(groups_per_layer), hidden)
    top = min((v for y in ys for v in y.values()), default=0.0)
    ys = [{c: v - top for c, v in y.items()} for y in ys]
    return {
        "groups": layers_groups,
        "y": [[y.get(c) for g in gs for c in g] for gs, y in zip(layers_groups, ys)],  # None: not drawn
        "crossings": res["crossings"],
        "optimal": res.get("optimal"),
        "lower_bound": res.get("lower_bound"),
        "y_method": how,
        "cut": bool(res.get("cut")),
    }


def layout_story(
    story,
    *,
    scene_ids: Sequence[str] | None = None,
    method: str = "heuristic",
    time_limit: float | None = None,
    seed: int = 0,
    cache=None,
    order: str = "",
    y_method: str = "lp",
) -> StorylineLayout:
    """Lay out a story's storyline chart.

    Parameters
    ----------
    story : timeline.model.Story
    scene_ids : sequence of str, optional
        The scenes to lay out, in x order (e.g. a filtered view's scenes,
        possibly in story order); default all scenes in telling order.
        Consecutive scenes with equal ``step`` share one layer.
    method : {"heuristic", "exact", "naive"}
        ``heuristic`` is fast (barycenter sweeps + annealing portfolio, its
        work counted in moves); ``exact`` solves an integer program with HiGHS
        (``time_limit`` seconds) and reports ``optimal`` and ``lower_bound``;
        ``naive`` keeps first-appearance order.
    time_limit : float, optional
        Seconds: the exact solver's limit; for the heuristic a safety cap only
        (default ``ordering.TIME_LIMIT``, far above a normal run).
    seed : int
        Seed of the heuristic's restarts (same seed, same layout, on any machine).
    cache : object with ``get(key)`` and ``set(key, value)``, optional
        A store of layouts (e.g. a ``diskcache.Cache``) under :func:`layout_key`;
        a hit costs no layout work. Layouts the safety cap cut short are not stored.
    order : str
        The view's order option, a label of the cache key.
    y_method : {"lp", "greedy"}
        Vertical positions by the linear program (:mod:`.heights`; the greedy
        alignment when its iteration limit is hit) or the greedy alignment
        (:mod:`.align`, the baseline).

    Returns
    -------
    StorylineLayout

    Examples
    --------
    >>> from timeline.model import Story
    >>> s = Story(title="t", characters=[{"id": c, "name": c} for c in "abc"],
    ...           scenes=[{"id": "s1", "title": "1", "characters": ["a", "c"]},
    ...                   {"id": "s2", "title": "2", "characters": ["b", "c"]},
    ...                   {"id": "s3", "title": "3", "characters": ["a", "b"]}])
    >>> lay = layout_story(s)
    >>> lay.crossings, len(lay.layers)
    (0, 3)
    """
    from .heights import movement

    t0 = time.perf_counter()
    sl = story_layers(story, scene_ids=scene_ids)
    groups_per_layer = [gs for _, gs in sl]
    data = None
    key = None
    if cache is not None:
        key = layout_key(groups_per_layer, order, method + ("" if y_method == "lp" else f"/{y_method}"), seed)
        try:
            data = cache.get(key)
        except Exception:  # noqa: BLE001  (a broken cache is a miss)
            data = None
    hit = data is not None
    if not hit:
        data = _compute(groups_per_layer, method, time_limit, seed, y_method)
        if cache is not None and not data["cut"]:
            try:
                cache.set(key, data)
            except Exception:  # noqa: BLE001  (a full or read-only cache only costs time)
                pass
    ys = [{c: v for c, v in zip((c for g in gs for c in g), yv) if v is not None}
          for gs, yv in zip(data["groups"], data["y"])]
    out_layers = tuple(
        Layer(
            scene_ids=sl[i][0],
            groups=tuple(data["groups"][i]),
            order=tuple(c for g in data["groups"][i] for c in g),
            y=ys[i],
        )
        for i in range(len(sl))
    )
    total, moving, segments = movement(ys)
    wiggles = moving
    bottom = max((v for y in ys for v in y.values()), default=-1.0)
    return StorylineLayout(
        layers=out_layers,
        crossings=data["crossings"],
        wiggles=wiggles,
        height=(bottom + 1.0) if out_layers and any(ys) else 0.0,
        seconds=time.perf_counter() - t0,
        method=method,
        optimal=data["optimal"],
        lower_bound=data["lower_bound"],
        movement=total,
        segments=segments,
        y_method=data["y_method"],
        cached=hit,
    )
