"""Stand-ins for ``timeline.storyline`` and ``timeline.graph`` while they are missing.

The figures use :func:`timeline.storyline.layout_story` and
:func:`timeline.graph.interaction_graph` / :func:`timeline.graph.communities`
when those modules exist; these minimal versions keep the figures working
(and testable) otherwise. They follow the same interfaces.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

import networkx as nx

from ..model import Story

__all__ = ["layout_story", "interaction_graph", "communities", "get_layout_story", "get_graph_functions"]


@dataclass(frozen=True)
class Layer:
    scene_ids: tuple[str, ...]
    groups: tuple[tuple[str, ...], ...]
    order: tuple[str, ...]
    y: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class StorylineLayout:
    layers: tuple[Layer, ...]
    crossings: int = 0
    wiggles: int = 0
    height: float = 0.0


def layout_story(story: Story, *, scene_ids: Iterable[str] | None = None, method: str = "heuristic") -> StorylineLayout:
    """A simple greedy storyline layout: groups kept together, ordered by previous position."""
    by_id = {s.id: s for s in story.scenes}
    scenes = [by_id[i] for i in scene_ids] if scene_ids is not None else list(story.scenes)
    # consecutive scenes with the same step share a layer
    raw: list[list] = []
    for s in scenes:
        if raw and raw[-1][0].step == s.step:
            raw[-1].append(s)
        else:
            raw.append([s])
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for i, layer in enumerate(raw):
        for s in layer:
            for c in s.characters:
                first.setdefault(c, i)
                last[c] = i
    rank = {c.id: i for i, c in enumerate(story.characters)}
    prev: dict[str, float] = {}
    layers = []
    height = 0.0
    for i, layer in enumerate(raw):
        placed: set[str] = set()
        blocks = []
        for s in layer:
            g = tuple(c for c in s.characters if c not in placed)
            placed.update(g)
            if g:
                blocks.append(g)
        for c in sorted(first, key=lambda c: rank.get(c, 0)):
            if c not in placed and first[c] <= i <= last[c]:
                blocks.append((c,))

        def key(block):
            ys = [prev[c] for c in block if c in prev]
            return (sum(ys) / len(ys) if ys else float("inf"), min(rank.get(c, 0) for c in block))

        blocks.sort(key=key)
        y: dict[str, float] = {}
        cursor = 0.0
        groups = []
        for b in blocks:
            b = tuple(sorted(b, key=lambda c: (prev.get(c, float("inf")), rank.get(c, 0))))
            for c in b:
                y[c] = cursor
                cursor += 1
            cursor += 1  # gap between groups
            groups.append(b)
        height = max(height, cursor - 2)
        prev = dict(y)
        order = tuple(c for g in groups for c in g)
        layers.append(Layer(tuple(s.id for s in layer), tuple(groups), order, y))
    return StorylineLayout(tuple(layers), 0, 0, max(height, 0.0))


def interaction_graph(story: Story, characters: Iterable[str] | None = None,
                      scenes: Iterable[str] | None = None) -> nx.Graph:
    """Characters linked by shared scenes (weight) and typed interactions."""
    want_scenes = set(scenes) if scenes is not None else None
    want_chars = set(characters) if characters is not None else None
    g = nx.Graph()
    used = [s for s in story.scenes if want_scenes is None or s.id in want_scenes]
    present = {c for s in used for c in s.characters}
    for c in story.characters:
        if c.id in present and (want_chars is None or c.id in want_chars):
            g.add_node(c.id, name=c.name, group=c.group)
    for s in used:
        cs = [c for c in s.characters if c in g]
        for i, a in enumerate(cs):
            for b in cs[i + 1:]:
                if g.has_edge(a, b):
                    g[a][b]["weight"] += 1
                    g[a][b]["shared_scenes"].append(s.id)
                else:
                    g.add_edge(a, b, weight=1, shared_scenes=[s.id], interactions=[])
        for it in s.interactions:
            if it.source in g and it.target in g and it.source != it.target:
                if not g.has_edge(it.source, it.target):
                    g.add_edge(it.source, it.target, weight=0, shared_scenes=[], interactions=[])
                g[it.source][it.target]["interactions"].append(it)
    return g


def communities(graph: nx.Graph, *, seed: int = 42) -> list[set[str]]:
    """Louvain communities with a fixed seed, largest first."""
    if graph.number_of_nodes() == 0:
        return []
    comms = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    return sorted((set(c) for c in comms), key=lambda c: (-len(c), sorted(c)))


def get_layout_story():
    """The real ``layout_story`` if ``timeline.storyline`` provides it, else the stand-in."""
    try:
        from ..storyline import layout_story as real
        return real
    except ImportError:
        return layout_story


def get_graph_functions():
    """``(interaction_graph, communities)`` from ``timeline.graph`` if present, else the stand-ins."""
    try:
        from ..graph import communities as comm
        from ..graph import interaction_graph as ig
        return ig, comm
    except ImportError:
        return interaction_graph, communities
