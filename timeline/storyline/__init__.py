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
from .layers import LayerSet, build_layers, count_crossings, naive_orders
from .ordering import order_layers

__all__ = [
    "Layer",
    "StorylineLayout",
    "layout_story",
    "layout_groups",
    "story_layers",
    "count_crossings",
    "build_layers",
    "naive_orders",
]

METHODS = ("heuristic", "exact", "naive")


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
        Character -> y (0 at the top, growing downward; unit = one line slot).
    """

    scene_ids: tuple[str, ...]
    groups: tuple[tuple[str, ...], ...]
    order: tuple[str, ...]
    y: Mapping[str, float] = field(hash=False, compare=True)


@dataclass(frozen=True)
class StorylineLayout:
    """The result of :func:`layout_story`.

    ``layers`` has one entry per layer in x order (identical consecutive layers
    are *not* merged here; they get identical orders, so counting crossings over
    them gives the convention's count).
    """

    layers: tuple[Layer, ...]
    crossings: int
    wiggles: int
    height: float
    seconds: float
    method: str
    optimal: bool | None
    lower_bound: int | None

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


def layout_story(
    story,
    *,
    scene_ids: Sequence[str] | None = None,
    method: str = "heuristic",
    time_limit: float | None = None,
    seed: int = 0,
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
        ``heuristic`` is fast (barycenter sweeps + sifting with restarts);
        ``exact`` solves an integer program with HiGHS (``time_limit`` seconds)
        and reports ``optimal`` and ``lower_bound``; ``naive`` keeps
        first-appearance order.
    time_limit : float, optional
        Seconds for the exact solver (default: none).
    seed : int
        Seed of the heuristic's restarts (same seed, same layout).

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
    t0 = time.perf_counter()
    sl = story_layers(story, scene_ids=scene_ids)
    res = layout_groups([gs for _, gs in sl], method=method, time_limit=time_limit, seed=seed)
    ls: LayerSet = res["layerset"]
    merged_orders = res["orders"]
    layers_groups = []
    for i, raw in enumerate(ls.raw):
        order = merged_orders[ls.index[i]]
        pos = {c: k for k, c in enumerate(order)}
        groups = sorted((tuple(sorted(g, key=pos.__getitem__)) for g in raw), key=lambda g: pos[g[0]])
        layers_groups.append(groups)
    ys = align_layers(layers_groups)
    top = min((v for y in ys for v in y.values()), default=0.0)
    bottom = max((v for y in ys for v in y.values()), default=-1.0)
    wiggles = 0
    for a, b in zip(ys, ys[1:]):
        wiggles += sum(1 for c, v in b.items() if c in a and a[c] != v)
    out_layers = tuple(
        Layer(
            scene_ids=sl[i][0],
            groups=tuple(layers_groups[i]),
            order=tuple(c for g in layers_groups[i] for c in g),
            y={c: v - top for c, v in ys[i].items()},
        )
        for i in range(len(sl))
    )
    return StorylineLayout(
        layers=out_layers,
        crossings=res["crossings"],
        wiggles=wiggles,
        height=(bottom - top + 1.0) if out_layers and ys and any(ys) else 0.0,
        seconds=time.perf_counter() - t0,
        method=method,
        optimal=res.get("optimal"),
        lower_bound=res.get("lower_bound"),
    )
