"""The story as a networkx graph, and the views derived from it.

:func:`build_graph` turns a :class:`~timeline.model.Story` into a
:class:`networkx.MultiDiGraph` whose nodes are the scenes, characters and
locations and whose edges say how they connect (telling order, story order,
presence, setting, typed interactions). The other functions are the derived
views the figures, the app and the command line use:

- :func:`interaction_graph` -- characters linked by shared scenes and interactions;
- :func:`presence_table` -- the scene x character presence matrix;
- :func:`character_stats` -- per character counts and centralities;
- :func:`communities` -- Louvain communities of the interaction graph;
- :func:`importance` and :func:`main_cast` -- who matters most, the level of
  detail every view starts from on a big story.

Every function is pure: a story (plain, immutable data) in, new plain data out.

Node ids are strings ``"scene:<id>"``, ``"character:<id>"`` and
``"location:<id>"`` (see :func:`node_id`), so ids that repeat across kinds
(a scene and a location both called ``bar``) stay distinct.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import networkx as nx

from .errors import StoryError
from .model import Story

__all__ = [
    "build_graph",
    "node_id",
    "interaction_graph",
    "presence_table",
    "character_stats",
    "communities",
    "importance",
    "main_cast",
    "MAIN_CAST_MAX",
    "EDGE_KINDS",
    "NODE_KINDS",
]

#: The ``kind`` of every node of :func:`build_graph`.
NODE_KINDS = ("scene", "character", "location")

#: The ``kind`` of every edge of :func:`build_graph`, with its direction.
EDGE_KINDS = {
    "next": "scene -> next scene in telling order",
    "then": "scene -> next scene in story order (chronology)",
    "appears_in": "character -> scene where the character is present",
    "mentioned_in": "character -> scene where the character is mentioned but absent",
    "at": "scene -> its location",
    "inside": "location -> its parent location",
    "interaction": "character -> character (attributes type, scene, description, inferred)",
}


def node_id(kind: str, id: str) -> str:
    """The node id of a story item in :func:`build_graph`.

    Parameters
    ----------
    kind : {"scene", "character", "location"}
    id : str
        The item's id in the story.

    Returns
    -------
    str
        ``"<kind>:<id>"``.

    Examples
    --------
    >>> node_id("character", "mariachi")
    'character:mariachi'
    """
    if kind not in NODE_KINDS:
        raise StoryError(f"node kind must be one of {', '.join(NODE_KINDS)}, not {kind!r}")
    return f"{kind}:{id}"


def _tiny_story() -> Story:
    """The three-scene story of the doctests (told out of order: s3 happens first)."""
    return Story(
        title="Tiny",
        characters=[
            {"id": "a", "name": "Ana", "group": "g1"},
            {"id": "b", "name": "Bo", "group": "g1"},
            {"id": "c", "name": "Cy"},
        ],
        locations=[{"id": "town", "name": "Town"}, {"id": "bar", "name": "Bar", "parent": "town"}],
        scenes=[
            {"id": "s1", "title": "Meet", "location": "bar", "characters": ["a", "b"],
             "cues": {"a": 2, "b": 1}, "story_order": 1},
            {"id": "s2", "title": "Fight", "location": "town", "characters": ["a", "b", "c"],
             "cues": {"c": 3}, "mentioned": [], "story_order": 2,
             "interactions": [{"type": "kills", "source": "a", "target": "c"}]},
            {"id": "s3", "title": "Past", "characters": ["b"], "mentioned": ["a"], "story_order": 0},
        ],
    )


# ---- the story graph ------------------------------------------------------------


def _plain(value: Any) -> Any:
    """Model dumps hold only dicts, lists/tuples and scalars already; copy the containers."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return tuple(_plain(v) for v in value)
    return value


def _attrs(model, kind: str) -> dict[str, Any]:
    data = {k: _plain(v) for k, v in model.model_dump(mode="python").items()}
    if "kind" in data:  # Character.kind (person/group) must not hide the node kind
        data["character_kind"] = data.pop("kind")
    data["kind"] = kind
    return data


def build_graph(story: Story) -> nx.MultiDiGraph:
    """The story as a directed multigraph of scenes, characters and locations.

    Parameters
    ----------
    story : Story
        A loaded story.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes ``"scene:<id>"``, ``"character:<id>"`` and ``"location:<id>"``
        (see :func:`node_id`), each with ``kind`` (one of :data:`NODE_KINDS`)
        and the model's fields as attributes (tuples, dicts and scalars; a
        character's own ``kind`` -- person or group -- is ``character_kind``).
        Edges, each with a ``kind`` from :data:`EDGE_KINDS`:

        - ``next``: scene -> following scene in telling order;
        - ``then``: scene -> following scene in story order;
        - ``appears_in``: character -> scene (with ``cues``, the spoken cue count);
        - ``mentioned_in``: character -> scene where it is only mentioned;
        - ``at``: scene -> location; ``inside``: location -> parent location;
        - ``interaction``: source character -> target character, with
          ``type``, ``scene``, ``description`` and ``inferred``.

        Graph attributes: ``title`` and ``metadata``.

    Examples
    --------
    >>> G = build_graph(_tiny_story())
    >>> G.graph["title"]
    'Tiny'
    >>> sorted(n for n, k in G.nodes(data="kind") if k == "scene")
    ['scene:s1', 'scene:s2', 'scene:s3']
    >>> [(u, v) for u, v, k in G.edges(data="kind") if k == "then"]
    [('scene:s1', 'scene:s2'), ('scene:s3', 'scene:s1')]
    >>> [(u, v, d["type"], d["scene"]) for u, v, d in G.edges(data=True) if d["kind"] == "interaction"]
    [('character:a', 'character:c', 'kills', 's2')]
    """
    G = nx.MultiDiGraph(title=story.title, metadata=_plain(dict(story.metadata)))
    for loc in story.locations:
        G.add_node(node_id("location", loc.id), **_attrs(loc, "location"))
    for ch in story.characters:
        G.add_node(node_id("character", ch.id), **_attrs(ch, "character"))
    for sc in story.scenes:
        G.add_node(node_id("scene", sc.id), **_attrs(sc, "scene"))

    for loc in story.locations:
        if loc.parent is not None:
            G.add_edge(node_id("location", loc.id), node_id("location", loc.parent), kind="inside")

    scenes = list(story.scenes)
    for a, b in zip(scenes, scenes[1:]):
        G.add_edge(node_id("scene", a.id), node_id("scene", b.id), kind="next")
    chrono = sorted(scenes, key=lambda s: (s.chrono, s.index))
    for a, b in zip(chrono, chrono[1:]):
        G.add_edge(node_id("scene", a.id), node_id("scene", b.id), kind="then")

    for sc in scenes:
        s = node_id("scene", sc.id)
        if sc.location is not None:
            G.add_edge(s, node_id("location", sc.location), kind="at")
        for cid in sc.characters:
            G.add_edge(node_id("character", cid), s, kind="appears_in", cues=sc.cues.get(cid, 0))
        for cid in sc.mentioned:
            if cid not in sc.characters:
                G.add_edge(node_id("character", cid), s, kind="mentioned_in")
        for it in sc.interactions:
            G.add_edge(node_id("character", it.source), node_id("character", it.target),
                       kind="interaction", type=it.type, scene=sc.id,
                       description=it.description, inferred=it.inferred)
    return G


# ---- selections -----------------------------------------------------------------


def _select_scenes(story: Story, scenes) -> list:
    """Scenes in telling order, restricted to an index range or a collection of ids."""
    if scenes is None:
        return list(story.scenes)
    if (isinstance(scenes, tuple) and len(scenes) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in scenes)):
        lo, hi = scenes
        if lo > hi:
            raise StoryError(f"scene range {lo}-{hi} is empty")
        return [s for s in story.scenes if lo <= s.index <= hi]
    if isinstance(scenes, str):
        raise StoryError(f"scenes must be a (lo, hi) index range or a collection of scene ids, not {scenes!r}")
    want = set(scenes)
    known = {s.id for s in story.scenes}
    unknown = sorted(str(x) for x in want - known)
    if unknown:
        raise StoryError(f"unknown scene {unknown[0]!r}")
    return [s for s in story.scenes if s.id in want]


def _select_characters(story: Story, characters) -> list[str]:
    """Character ids in story order, restricted to ``characters`` if given."""
    if characters is None:
        return [c.id for c in story.characters]
    if isinstance(characters, str):
        characters = [characters]
    want = set(characters)
    known = {c.id for c in story.characters}
    unknown = sorted(str(x) for x in want - known)
    if unknown:
        raise StoryError(f"unknown character {unknown[0]!r}")
    return [c.id for c in story.characters if c.id in want]


# ---- derived views --------------------------------------------------------------


def interaction_graph(story: Story, *, characters: Iterable[str] | None = None,
                      scenes: tuple[int, int] | Iterable[str] | None = None) -> nx.Graph:
    """Characters linked by the scenes they share and the interactions between them.

    Parameters
    ----------
    story : Story
    characters : iterable of str, optional
        Keep only these character ids (default: every character).
    scenes : (int, int) or iterable of str, optional
        Keep only the scenes whose telling-order ``index`` lies in the
        inclusive range ``(lo, hi)``, or whose id is in the given collection
        (default: every scene).

    Returns
    -------
    networkx.Graph
        One node per kept character that is present in, or takes part in an
        interaction of, at least one kept scene; nodes are added in story
        order. Node attributes: ``name``, ``group``, ``actor``,
        ``character_kind``, ``scenes`` (number of kept scenes the character
        is present in) and ``lines`` (spoken cues in them).

        An edge joins two characters that share a scene or interact. Edge
        attributes: ``shared_scenes`` (list of scene ids, telling order),
        ``interactions`` (list of ``(type, source, target, scene)`` tuples,
        either direction) and ``weight = len(shared_scenes) + len(interactions)``.
        Interactions of a character with itself are left out.

    Raises
    ------
    StoryError
        If a character or scene id is unknown, or the range is empty.

    Examples
    --------
    >>> G = interaction_graph(_tiny_story())
    >>> list(G.nodes)
    ['a', 'b', 'c']
    >>> G["a"]["c"]["shared_scenes"], G["a"]["c"]["interactions"], G["a"]["c"]["weight"]
    (['s2'], [('kills', 'a', 'c', 's2')], 2)
    >>> G["a"]["b"]["weight"]
    2
    >>> H = interaction_graph(_tiny_story(), characters=["a", "b"], scenes=(0, 0))
    >>> list(H.edges(data="weight"))
    [('a', 'b', 1)]
    """
    chosen = _select_characters(story, characters)
    keep = set(chosen)
    used = _select_scenes(story, scenes)

    count = {c: 0 for c in chosen}
    lines = {c: 0 for c in chosen}
    involved: set[str] = set()
    for s in used:
        for c, n in s.cues.items():
            if c in keep:
                lines[c] += n
        for c in s.characters:
            if c in keep:
                count[c] += 1
                involved.add(c)
        for it in s.interactions:
            if it.source in keep and it.target in keep and it.source != it.target:
                involved.update((it.source, it.target))

    G = nx.Graph()
    for cid in chosen:
        if cid in involved:
            ch = story.character(cid)
            G.add_node(cid, name=ch.name, group=ch.group, actor=ch.actor, character_kind=ch.kind,
                       scenes=count[cid], lines=lines[cid])

    def edge(a, b):
        if not G.has_edge(a, b):
            G.add_edge(a, b, weight=0, shared_scenes=[], interactions=[])
        return G[a][b]

    for s in used:
        present = [c for c in dict.fromkeys(s.characters) if c in keep]
        for i, a in enumerate(present):
            for b in present[i + 1:]:
                d = edge(a, b)
                d["shared_scenes"].append(s.id)
                d["weight"] += 1
        for it in s.interactions:
            if it.source in keep and it.target in keep and it.source != it.target:
                d = edge(it.source, it.target)
                d["interactions"].append((it.type, it.source, it.target, s.id))
                d["weight"] += 1
    return G


def presence_table(story: Story, *, scenes: tuple[int, int] | Iterable[str] | None = None,
                   characters: Iterable[str] | None = None, mentioned: Any = None
                   ) -> tuple[list[str], list[str], list[list[Any]]]:
    """The scene x character presence matrix.

    Parameters
    ----------
    story : Story
    scenes : (int, int) or iterable of str, optional
        Rows: an inclusive telling-order index range or scene ids (default all).
    characters : iterable of str, optional
        Columns: character ids (default: every character, in story order).
    mentioned : optional
        The cell value for a character mentioned in a scene but not present.
        ``None`` (the default) writes 0, keeping the matrix numeric; pass e.g.
        ``"m"`` or ``0.5`` to mark mentions.

    Returns
    -------
    (scene_ids, character_ids, matrix)
        ``matrix[i][j]`` is 1 if character ``character_ids[j]`` is present in
        scene ``scene_ids[i]``, the ``mentioned`` value if only mentioned,
        else 0. Scenes are in telling order, characters in story order.

    Examples
    --------
    >>> rows, cols, m = presence_table(_tiny_story())
    >>> rows, cols
    (['s1', 's2', 's3'], ['a', 'b', 'c'])
    >>> m
    [[1, 1, 0], [1, 1, 1], [0, 1, 0]]
    >>> presence_table(_tiny_story(), scenes=(2, 2), mentioned="m")[2]
    [['m', 1, 0]]
    """
    used = _select_scenes(story, scenes)
    cols = _select_characters(story, characters)
    absent_mark = 0 if mentioned is None else mentioned
    matrix = []
    for s in used:
        here, named = set(s.characters), set(s.mentioned)
        matrix.append([1 if c in here else (absent_mark if c in named else 0) for c in cols])
    return [s.id for s in used], cols, matrix


def character_stats(story: Story, *, scenes: tuple[int, int] | Iterable[str] | None = None
                    ) -> list[dict[str, Any]]:
    """Per character counts and centralities, in story order.

    Parameters
    ----------
    story : Story
    scenes : (int, int) or iterable of str, optional
        Count only these scenes (inclusive telling-order index range or ids).

    Returns
    -------
    list of dict
        One dict per character of the story, with keys

        - ``id``, ``name``, ``actor``, ``group``;
        - ``scenes``: number of scenes the character is present in;
        - ``mentions``: number of scenes where it is mentioned but absent;
        - ``first_scene``, ``first_index``, ``last_scene``, ``last_index``:
          id and telling-order index of its first and last scene (None if none);
        - ``lines``: its spoken cues (``Scene.cues``), summed over the scenes;
        - ``degree``, ``weighted_degree``: in :func:`interaction_graph`;
        - ``betweenness``: normalized betweenness centrality [1]_ in the
          interaction graph, every edge of length 1 (0 for a character not
          in that graph);
        - ``weighted_betweenness``: the same with edge length ``1 / weight``,
          so that strongly linked characters are close.

    References
    ----------
    .. [1] Ulrik Brandes, "A Faster Algorithm for Betweenness Centrality",
       Journal of Mathematical Sociology 25(2):163-177, 2001.

    Examples
    --------
    >>> rows = character_stats(_tiny_story())
    >>> [(r["id"], r["scenes"], r["lines"], r["first_scene"], r["last_scene"]) for r in rows]
    [('a', 2, 2, 's1', 's2'), ('b', 3, 1, 's1', 's3'), ('c', 1, 3, 's2', 's2')]
    >>> [(r["degree"], r["weighted_degree"], r["betweenness"]) for r in rows]
    [(2, 4, 0.0), (2, 3, 0.0), (2, 3, 0.0)]
    """
    used = _select_scenes(story, scenes)
    G = interaction_graph(story, scenes=[s.id for s in used])
    H = nx.Graph()
    H.add_nodes_from(G)
    for a, b, w in G.edges(data="weight"):
        H.add_edge(a, b, weight=w, distance=1.0 / w)
    between = nx.betweenness_centrality(H, normalized=True)
    wbetween = nx.betweenness_centrality(H, normalized=True, weight="distance")

    rows = []
    for ch in story.characters:
        present = [s for s in used if ch.id in s.characters]
        mentions = sum(1 for s in used if ch.id in s.mentioned and ch.id not in s.characters)
        rows.append({
            "id": ch.id,
            "name": ch.name,
            "actor": ch.actor,
            "group": ch.group,
            "scenes": len(present),
            "mentions": mentions,
            "first_scene": present[0].id if present else None,
            "first_index": present[0].index if present else None,
            "last_scene": present[-1].id if present else None,
            "last_index": present[-1].index if present else None,
            "lines": sum(s.cues.get(ch.id, 0) for s in used),
            "degree": H.degree(ch.id) if ch.id in H else 0,
            "weighted_degree": H.degree(ch.id, weight="weight") if ch.id in H else 0,
            "betweenness": between.get(ch.id, 0.0),
            "weighted_betweenness": wbetween.get(ch.id, 0.0),
        })
    return rows


def communities(story_or_graph: Story | nx.Graph, *, seed: int = 0, weight: str | None = "weight",
                resolution: float = 1.0) -> list[set[str]]:
    """Louvain communities [1]_ of the interaction graph, in a deterministic order.

    Parameters
    ----------
    story_or_graph : Story or networkx.Graph
        A story (its :func:`interaction_graph` is used) or an undirected graph.
    seed : int, default 0
        Random seed of the Louvain method: the same seed gives the same result.
    weight : str or None, default "weight"
        Edge attribute used as weight (None: every edge weighs 1).
    resolution : float, default 1.0
        Below 1 favours larger communities, above 1 smaller ones.

    Returns
    -------
    list of set of str
        The communities, largest first, ties broken by the smallest id.
        Empty for an empty graph.

    References
    ----------
    .. [1] Blondel, V.D., Guillaume, J.-L., Lambiotte, R. and Lefebvre, E.,
       "Fast unfolding of communities in large networks", J. Stat. Mech. 10008, 2008.

    Examples
    --------
    >>> [sorted(c) for c in communities(_tiny_story())]
    [['a', 'b', 'c']]
    >>> import networkx as nx
    >>> [sorted(c) for c in communities(nx.Graph([("x", "y"), ("p", "q"), ("q", "r")]))]
    [['p', 'q', 'r'], ['x', 'y']]
    """
    G = interaction_graph(story_or_graph) if isinstance(story_or_graph, Story) else story_or_graph
    if G.number_of_nodes() == 0:
        return []
    if G.is_directed():
        G = G.to_undirected()
    found = nx.community.louvain_communities(G, weight=weight, resolution=resolution, seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(map(str, c))))


# ---- level of detail: who matters ---------------------------------------------------

#: A story with at most this many present characters is shown in full.
MAIN_CAST_MAX = 15
#: The main cast of a bigger story has at least this many characters.
MAIN_CAST_MIN = 10

#: Weights of the importance score: scenes present, spoken lines, centrality.
IMPORTANCE_WEIGHTS = {"scenes": 0.5, "lines": 0.3, "centrality": 0.2}


class _ByIdentity:
    """A cache key that is a story itself, compared by identity (stories hold dicts,
    so they have no value hash; a loaded story is never changed)."""

    __slots__ = ("story",)

    def __init__(self, story):
        self.story = story

    def __hash__(self):
        return id(self.story)

    def __eq__(self, other):
        return isinstance(other, _ByIdentity) and other.story is self.story


def importance(story: Story) -> dict[str, float]:
    """An importance score in [0, 1] per character present in the story.

    The score mixes three signals a script reader uses, each divided by its
    largest value in the story: the number of scenes a character is present
    in, the number of spoken cues, and PageRank [1]_ in the weighted
    :func:`interaction_graph` (who is linked with many, and with the
    important). Weights: :data:`IMPORTANCE_WEIGHTS`; a story without cues
    (a plot summary) gives the lines' weight to scenes. Characters present in
    no scene are left out.

    Parameters
    ----------
    story : Story

    Returns
    -------
    dict of str to float
        Character id to score, in story order; the most important has 1.0
        when it leads on every signal.

    References
    ----------
    .. [1] Brin, S. and Page, L., "The anatomy of a large-scale hypertextual
       Web search engine", Computer Networks and ISDN Systems 30:107-117, 1998.

    Examples
    --------
    >>> {c: round(v, 2) for c, v in importance(_tiny_story()).items()}
    {'a': 0.73, 'b': 0.75, 'c': 0.62}
    """
    return dict(_importance(_ByIdentity(story)))


@lru_cache(maxsize=16)
def _importance(key: _ByIdentity) -> tuple[tuple[str, float], ...]:
    story = key.story
    scenes: dict[str, int] = {}
    lines: dict[str, int] = {}
    for s in story.scenes:
        for c in dict.fromkeys(s.characters):
            scenes[c] = scenes.get(c, 0) + 1
        for c, n in s.cues.items():
            lines[c] = lines.get(c, 0) + n
    present = [c.id for c in story.characters if scenes.get(c.id)]
    if not present:
        return ()
    G = interaction_graph(story, characters=present)
    rank = nx.pagerank(G, weight="weight") if G.number_of_edges() else {}
    w = dict(IMPORTANCE_WEIGHTS)
    top_lines = max((lines.get(c, 0) for c in present), default=0)
    if not top_lines:
        w["scenes"] += w.pop("lines")
    if not rank:
        w["scenes"] += w.pop("centrality")
    top_scenes = max(scenes[c] for c in present)
    top_rank = max(rank.values(), default=0.0) or 1.0
    out = []
    for c in present:
        v = w["scenes"] * scenes[c] / top_scenes
        if "lines" in w:
            v += w["lines"] * lines.get(c, 0) / top_lines
        if "centrality" in w:
            v += w["centrality"] * rank.get(c, 0.0) / top_rank
        out.append((c, v))
    return tuple(out)


def main_cast(story: Story, *, at_most: int = MAIN_CAST_MAX, at_least: int = MAIN_CAST_MIN
              ) -> tuple[str, ...]:
    """The characters that matter most, most important first.

    A story with at most ``at_most`` present characters is its own main cast.
    In a bigger one, the characters are ranked by :func:`importance` and the
    cast is cut at the widest gap in score between ranks ``at_least`` and
    ``at_most`` (a natural break, not a fixed count): leads and supporting
    parts stay together, walk-ons fall out.

    Parameters
    ----------
    story : Story
    at_most, at_least : int
        Bounds of the main cast's size in a big story.

    Returns
    -------
    tuple of str
        Character ids, by decreasing importance (ties: story order).

    Examples
    --------
    >>> main_cast(_tiny_story())
    ('b', 'a', 'c')
    >>> main_cast(_tiny_story(), at_most=2, at_least=1)
    ('b', 'a')
    """
    return _main_cast(_ByIdentity(story), at_most, at_least)


@lru_cache(maxsize=16)
def _main_cast(key: _ByIdentity, at_most: int, at_least: int) -> tuple[str, ...]:
    score = _importance(key)
    order = {c: i for i, (c, _) in enumerate(score)}
    ranked = sorted(score, key=lambda cv: (-cv[1], order[cv[0]]))
    ids = tuple(c for c, _ in ranked)
    if len(ids) <= at_most:
        return ids
    values = [v for _, v in ranked]
    lo = max(1, min(at_least, at_most))
    # the cut after rank k (k characters kept): the widest relative gap wins, ties keep more
    best = max(range(lo, at_most + 1),
               key=lambda k: ((values[k - 1] - values[k]) / (values[k - 1] or 1.0), k))
    return ids[:best]
