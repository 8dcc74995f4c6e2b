"""timeline.graph: the story graph and its derived views, on a small hand-made story."""

from __future__ import annotations

import doctest
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

import timeline
from timeline import graph as tg
from timeline.errors import StoryError
from timeline.formats import load_story
from timeline.graph import (build_graph, character_stats, communities, interaction_graph, node_id,
                            presence_table)
from timeline.model import Story

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(FIXTURES / "graph_small.yaml")


def test_doctests_run():
    failed, attempted = doctest.testmod(tg, optionflags=doctest.ELLIPSIS)
    assert attempted >= 8
    assert failed == 0


def test_build_graph_is_exposed_lazily():
    assert timeline.build_graph is build_graph


# ---- build_graph ------------------------------------------------------------------


def test_node_counts_and_ids(story):
    G = build_graph(story)
    kinds = Counter(k for _, k in G.nodes(data="kind"))
    assert kinds == {"scene": 5, "character": 5, "location": 3}
    assert "scene:s1" in G and "character:kid" in G and "location:plaza" in G
    # an id shared by a location and a scene stays two nodes
    assert G.nodes["scene:bar"]["kind"] == "scene"
    assert G.nodes["location:bar"]["kind"] == "location"


def test_node_attributes_are_model_fields(story):
    G = build_graph(story)
    hero = G.nodes["character:hero"]
    assert hero["name"] == "The Hero"
    assert hero["aliases"] == ("Hero", "the stranger")
    assert hero["character_kind"] == "person"
    boss = G.nodes["character:boss"]
    assert boss["fate"] == {"how": "shot by the hero", "scene": "s5", "by": "hero", "inferred": False}
    s2 = G.nodes["scene:s2"]
    assert s2["index"] == 1 and s2["story_order"] == 0
    assert s2["characters"] == ("hero", "kid")
    assert s2["cues"] == {"hero": 3, "kid": 1}
    assert G.nodes["location:bar"]["parent"] == "town"
    assert G.graph["title"] == "Graph fixture"
    assert G.graph["metadata"]["year"] == 2001


def _edges(G, kind):
    return [(u, v) for u, v, k in G.edges(data="kind") if k == kind]


def test_edge_counts_per_kind(story):
    G = build_graph(story)
    kinds = Counter(k for _, _, k in G.edges(data="kind"))
    presences = sum(len(s.characters) for s in story.scenes)
    assert kinds == {"next": 4, "then": 4, "appears_in": presences, "mentioned_in": 1,
                     "at": 4, "inside": 2, "interaction": 4}


def test_next_follows_telling_order_and_then_story_order(story):
    G = build_graph(story)
    # telling order s1 s2 bar s4 s5; story order: s2 (0), s1 (1), bar (2), s4 (3), s5 (4)
    assert _edges(G, "next") == [("scene:s1", "scene:s2"), ("scene:s2", "scene:bar"),
                                 ("scene:bar", "scene:s4"), ("scene:s4", "scene:s5")]
    assert sorted(_edges(G, "then")) == sorted([("scene:s2", "scene:s1"), ("scene:s1", "scene:bar"),
                                                ("scene:bar", "scene:s4"), ("scene:s4", "scene:s5")])


def test_presence_location_and_interaction_edges(story):
    G = build_graph(story)
    assert ("character:hero", "scene:s1") in _edges(G, "appears_in")
    assert ("character:boss", "scene:s1") in _edges(G, "mentioned_in")
    assert not [v for u, v in _edges(G, "at") if u == "scene:s4"]
    assert ("scene:bar", "location:bar") in _edges(G, "at")
    assert ("location:bar", "location:town") in _edges(G, "inside")
    inter = sorted((u, v, d["type"], d["scene"]) for u, v, d in G.edges(data=True) if d["kind"] == "interaction")
    assert inter == [
        ("character:boss", "character:hero", "wounds", "bar"),
        ("character:hero", "character:boss", "kills", "s5"),
        ("character:hero", "character:kid", "helps", "s2"),
        ("character:kid", "character:hero", "talks_to", "s2"),
    ]
    cues = {u: c for u, v, c in G.in_edges("scene:s2", data="cues") if c is not None}
    assert cues == {"character:hero": 3, "character:kid": 1}


def test_node_id_rejects_unknown_kind():
    assert node_id("scene", "x") == "scene:x"
    with pytest.raises(StoryError):
        node_id("prop", "x")


# ---- interaction_graph ------------------------------------------------------------


def test_interaction_weights(story):
    G = interaction_graph(story)
    assert list(G.nodes) == ["hero", "kid", "boss", "girl"]  # 'ghost' is never present nor interacts
    hk = G["hero"]["kid"]
    assert hk["shared_scenes"] == ["s1", "s2", "s4"]
    assert sorted(hk["interactions"]) == [("helps", "hero", "kid", "s2"), ("talks_to", "kid", "hero", "s2")]
    assert hk["weight"] == 5
    hb = G["hero"]["boss"]
    assert hb["shared_scenes"] == ["bar", "s5"]
    assert len(hb["interactions"]) == 2 and hb["weight"] == 4
    assert G["boss"]["girl"]["weight"] == 1
    assert not G.has_edge("kid", "girl")
    assert G.nodes["hero"]["scenes"] == 5
    assert G.nodes["kid"]["lines"] == 1 + 2


def test_interaction_graph_restricted(story):
    G = interaction_graph(story, characters=["hero", "boss"], scenes=(2, 4))
    assert set(G.nodes) == {"hero", "boss"}
    assert G["hero"]["boss"]["shared_scenes"] == ["bar", "s5"]
    assert G["hero"]["boss"]["weight"] == 4
    G = interaction_graph(story, scenes=(0, 1))
    assert set(G.nodes) == {"hero", "kid"}
    assert G["hero"]["kid"]["weight"] == 2 + 2
    # a collection of scene ids works too (the figures pass the view's scenes)
    G = interaction_graph(story, scenes=["s2"])
    assert G["hero"]["kid"]["shared_scenes"] == ["s2"]


def test_interaction_graph_bad_arguments(story):
    with pytest.raises(StoryError, match="nobody"):
        interaction_graph(story, characters=["nobody"])
    with pytest.raises(StoryError, match="s99"):
        interaction_graph(story, scenes=["s99"])
    with pytest.raises(StoryError):
        interaction_graph(story, scenes=(3, 1))


# ---- presence_table -------------------------------------------------------------


def test_presence_matrix(story):
    rows, cols, m = presence_table(story)
    assert rows == ["s1", "s2", "bar", "s4", "s5"]
    assert cols == ["hero", "kid", "boss", "girl", "ghost"]
    assert m == [
        [1, 1, 0, 0, 0],
        [1, 1, 0, 0, 0],
        [1, 0, 1, 1, 0],
        [1, 1, 0, 0, 0],
        [1, 0, 1, 0, 0],
    ]
    for i, sid in enumerate(rows):
        sc = story.scene(sid)
        for j, cid in enumerate(cols):
            assert m[i][j] == int(cid in sc.characters)


def test_presence_mentions_and_restriction(story):
    rows, cols, m = presence_table(story, scenes=(0, 0), characters=["boss", "hero"], mentioned="m")
    assert (rows, cols, m) == (["s1"], ["hero", "boss"], [[1, "m"]])
    assert presence_table(story, scenes=(0, 0), characters=["boss"])[2] == [[0]]


# ---- character_stats --------------------------------------------------------------


def test_character_stats_by_hand(story):
    rows = {r["id"]: r for r in character_stats(story)}
    assert list(rows) == ["hero", "kid", "boss", "girl", "ghost"]
    hero = rows["hero"]
    assert (hero["scenes"], hero["first_scene"], hero["first_index"], hero["last_scene"], hero["last_index"]) == \
        (5, "s1", 0, "s5", 4)
    assert hero["lines"] == 2 + 3 + 4 + 0 + 1
    # hero: kid (5), boss (4), girl (1 shared scene) -> degree 3, weighted 10
    assert hero["degree"] == 3 and hero["weighted_degree"] == 10
    # betweenness on the interaction graph (hero, kid, boss, girl; ghost is not in it):
    # kid-boss and kid-girl go through hero, boss-girl are linked directly -> 2 of 3 pairs
    assert hero["betweenness"] == pytest.approx(2 / 3)
    assert rows["kid"]["betweenness"] == 0.0
    ghost = rows["ghost"]
    assert (ghost["scenes"], ghost["first_scene"], ghost["last_index"], ghost["degree"], ghost["lines"]) == \
        (0, None, None, 0, 0)
    assert rows["boss"]["mentions"] == 1


def test_weighted_betweenness_uses_inverse_weights():
    # a-b strong (3 shared scenes), b-c strong, a-c weak (1): with distance 1/weight
    # the path a-b-c (2/3) is shorter than a-c (1), so b lies between a and c.
    s = Story(title="W", characters=[{"id": x, "name": x.upper()} for x in "abc"],
              scenes=[{"id": f"ab{i}", "title": "t", "characters": ["a", "b"]} for i in range(3)]
              + [{"id": f"bc{i}", "title": "t", "characters": ["b", "c"]} for i in range(3)]
              + [{"id": "ac", "title": "t", "characters": ["a", "c"]}])
    rows = {r["id"]: r for r in character_stats(s)}
    assert rows["b"]["betweenness"] == 0.0
    assert rows["b"]["weighted_betweenness"] == pytest.approx(1.0)


def test_character_stats_scene_range(story):
    rows = {r["id"]: r for r in character_stats(story, scenes=(3, 4))}
    assert rows["hero"]["scenes"] == 2 and rows["hero"]["first_scene"] == "s4"
    assert rows["kid"]["degree"] == 1


# ---- communities ------------------------------------------------------------------


def test_communities_deterministic_and_ordered():
    # two triangles joined by one weak edge
    G = nx.Graph()
    for a, b in [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("w", "x")]:
        G.add_edge(a, b, weight=5)
    G.add_edge("c", "x", weight=1)
    first = communities(G, seed=3)
    assert first == communities(G, seed=3)
    assert first == [{"w", "x", "y", "z"}, {"a", "b", "c"}]
    assert communities(nx.Graph()) == []


def test_communities_of_story(story):
    comms = communities(story, seed=0)
    assert comms == communities(interaction_graph(story), seed=0)
    assert set().union(*comms) == {"hero", "kid", "boss", "girl"}
    sizes = [len(c) for c in comms]
    assert sizes == sorted(sizes, reverse=True)


# ---- the shipped story ----------------------------------------------------------------


def test_desperado_graph_and_stats():
    story = load_story(DATA / "desperado.yaml")
    G = build_graph(story)
    assert sum(1 for _, k in G.nodes(data="kind") if k == "scene") == len(story.scenes)
    assert sum(1 for _, _, k in G.edges(data="kind") if k == "next") == len(story.scenes) - 1
    assert sum(1 for _, _, k in G.edges(data="kind") if k == "interaction") == len(story.interactions)
    rows = {r["id"]: r for r in character_stats(story)}
    mariachi = rows["mariachi"]
    assert mariachi["scenes"] == sum(1 for s in story.scenes if "mariachi" in s.characters)
    assert mariachi["degree"] == max(r["degree"] for r in rows.values())


# ---- properties on random small stories ---------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@st.composite
def small_stories(draw):
    n_chars = draw(st.integers(1, 5))
    chars = [f"c{i}" for i in range(n_chars)]
    n_scenes = draw(st.integers(1, 6))
    order = draw(st.permutations(range(n_scenes)))
    scenes = []
    for i in range(n_scenes):
        present = draw(st.lists(st.sampled_from(chars), unique=True, max_size=n_chars))
        inters = draw(st.lists(st.tuples(st.sampled_from(chars), st.sampled_from(chars)), max_size=3))
        scenes.append({"id": f"s{i}", "title": f"scene {i}", "story_order": order[i], "characters": present,
                       "interactions": [{"type": "helps", "source": a, "target": b} for a, b in inters]})
    return Story(title="random", characters=[{"id": c, "name": c.upper()} for c in chars], scenes=scenes)


@settings(max_examples=40, deadline=None)
@given(small_stories())
def test_graph_properties(story):
    G = build_graph(story)
    n = len(story.scenes)
    kinds = Counter(k for *_, k in G.edges(data="kind"))
    assert kinds["next"] == kinds["then"] == n - 1
    assert kinds["appears_in"] == sum(len(s.characters) for s in story.scenes)
    assert kinds["interaction"] == len(story.interactions)
    # following 'then' edges from the earliest scene visits scenes in story order
    by_order = sorted(story.scenes, key=lambda s: s.story_order)
    cur, seen = f"scene:{by_order[0].id}", []
    while True:
        seen.append(cur)
        nxt = [v for _, v, k in G.out_edges(cur, data="kind") if k == "then"]
        if not nxt:
            break
        cur = nxt[0]
    assert seen == [f"scene:{s.id}" for s in by_order]
    # total weight = pairs sharing a scene + interactions between two different characters
    I = interaction_graph(story)
    pairs = sum(len(s.characters) * (len(s.characters) - 1) // 2 for s in story.scenes)
    inters = sum(1 for it in story.interactions if it.source != it.target)
    assert I.size(weight="weight") == pairs + inters
    rows, cols, m = presence_table(story)
    assert sum(map(sum, m)) == kinds["appears_in"]
    comms = communities(story, seed=1)
    assert sorted(c for cm in comms for c in cm) == sorted(I.nodes)
