"""Storyline layout engine: convention, validity, crossings, exact solver, CLI."""

from __future__ import annotations

import json

import pytest

from timeline.cli import main as cli_main
from timeline.formats import load_story
from timeline.model import Story
from timeline.storyline import (
    build_layers,
    count_crossings,
    layout_groups,
    layout_story,
    naive_orders,
    story_layers,
)

from .conftest import CORPUS as _CORPUS  # noqa: E402  (SCENE_TIMELINE_SHARED or ../shared)
CORPUS = _CORPUS / "storyline"
needs_corpus = pytest.mark.usefixtures("corpus")  # a missing corpus fails loudly (conftest), never skips


def _story(scenes, chars=None):
    ids = chars or sorted({c for s in scenes for c in s[1]})
    return Story(
        title="t",
        characters=[{"id": c, "name": c} for c in ids],
        scenes=[{"id": sid, "title": sid, "characters": list(cs), **({"step": st} if st is not None else {})}
                for sid, cs, st in scenes],
    )


def _recount(orders):
    """Independent crossing count: pairs present in both layers whose order flips."""
    total = 0
    for a, b in zip(orders, orders[1:]):
        pa = {c: i for i, c in enumerate(a)}
        pb = {c: i for i, c in enumerate(b)}
        common = [c for c in a if c in pb]
        for i, x in enumerate(common):
            for y in common[i + 1:]:
                if (pa[x] < pa[y]) != (pb[x] < pb[y]):
                    total += 1
    return total


def _assert_valid(lay, story=None):
    hidden = None
    if story is not None:  # lines inside a long absence have no y (not drawn, no slot), the others have one
        from timeline.storyline.layers import long_absences

        hidden = long_absences([gs for _, gs in story_layers(story)])
    for k, layer in enumerate(lay.layers):
        assert tuple(c for g in layer.groups for c in g) == layer.order
        assert len(set(layer.order)) == len(layer.order)
        assert set(layer.y) <= set(layer.order)
        if hidden is not None:
            assert set(layer.order) - set(layer.y) == hidden[k] & set(layer.order)
        ys = [layer.y[c] for c in layer.order if c in layer.y]
        assert ys == sorted(ys) and len(set(ys)) == len(ys)
        for g in layer.groups:  # tight groups
            if g[0] in layer.y:
                assert [layer.y[c] for c in g] == [layer.y[g[0]] + k for k in range(len(g))]


# ---- counting and the convention -------------------------------------------

def test_count_crossings_hand_made():
    assert count_crossings([["a", "b", "c"], ["c", "b", "a"]]) == 3
    assert count_crossings([["a", "b"], ["b", "c"], ["c", "b"]]) == 1
    assert count_crossings([["a", "b"], ["c", "d"]]) == 0
    assert count_crossings([]) == 0
    big = [list(range(40)), list(reversed(range(40)))]
    assert count_crossings(big) == 40 * 39 // 2 == _recount(big)


def test_singletons_lifetimes_and_merging():
    ls = build_layers([[["a", "b"]], [["c"]], [["c"]], [["a", "c"]]])
    # b lives only in layer 0; a is a singleton in layers 1-2; layers 1 and 2 merge
    assert ls.raw[1] == (("c",), ("a",))
    assert ls.index == (0, 1, 1, 2)
    assert len(ls.merged) == 3
    assert ls.first == {"a": 0, "b": 0, "c": 1} and ls.last["a"] == 3 and ls.last["b"] == 0


def test_empty_layer_and_shared_member_join():
    ls = build_layers([[["a"]], [], [["a", "b"], ["b", "c"]]])
    assert ls.raw[1] == (("a",),)
    assert ls.raw[2] == (("a", "b", "c"),)


def test_story_layers_concurrent_steps():
    s = _story([("s1", ["a", "b"], 0), ("s2", ["c"], 0), ("s3", ["a", "c"], 1)])
    sl = story_layers(s)
    assert sl == [(("s1", "s2"), (("a", "b"), ("c",))), (("s3",), (("a", "c"),))]
    # a filtered view in another order: s3 then s1 (different steps -> separate layers)
    assert [ids for ids, _ in story_layers(s, scene_ids=["s3", "s1"])] == [("s3",), ("s1",)]


def test_forced_crossing():
    # a-c, b-c, a-b with all three lines alive: each pair must be adjacent once,
    # so the middle line has to change: one crossing is forced
    s = _story([("s0", ["b"], None), ("s1", ["a", "c"], None), ("s2", ["b", "c"], None),
                ("s3", ["a", "b"], None), ("s4", ["c"], None)])
    for method in ("heuristic", "exact"):
        lay = layout_story(s, method=method)
        assert lay.crossings == 1 == _recount([l.order for l in lay.layers])
        _assert_valid(lay)
    assert layout_story(s, method="exact").optimal is True


def test_three_meetings_without_the_third_line_need_no_crossing():
    s = _story([("s1", ["a", "c"], None), ("s2", ["b", "c"], None), ("s3", ["a", "b"], None)])
    assert layout_story(s).crossings == 0  # c's line ends before s3


def test_layout_story_shape_and_wiggles():
    s = _story([("s1", ["a", "b"], None), ("s2", ["a", "b"], None), ("s3", ["b", "c"], None)])
    lay = layout_story(s)
    assert len(lay.layers) == 3 and lay.layers[0].scene_ids == ("s1",)
    assert lay.crossings == 0 and lay.method == "heuristic" and lay.optimal is None
    assert lay.wiggles == 0 and lay.height >= 2
    assert lay.layers[0].order == lay.layers[1].order
    _assert_valid(lay)


def test_unknown_method():
    with pytest.raises(ValueError):
        layout_groups([[["a"]]], method="magic")


# ---- corpus -----------------------------------------------------------------

CASES = [
    ("tanahashi/StarWars_list.txt", None),
    ("tanahashi/TheMatrix_list.txt", None),
    ("tanahashi/Inception_list.txt", None),
    ("storyflow/StarWars.xml", None),
    ("storyflow/matrix.xml", None),
    ("storyflow/inception.xml", None),
    ("sgb/anna.dat", "3"),
    ("sgb/anna.dat", "8"),
    ("sgb/jean.dat", "1"),
    ("sgb/jean.dat", "2"),
]


@needs_corpus
@pytest.mark.parametrize("path,part", CASES)
def test_heuristic_valid_and_never_worse_than_naive(path, part):
    story = load_story(CORPUS / path, part=part) if part else load_story(CORPUS / path)
    lay = layout_story(story)
    naive = layout_story(story, method="naive")
    _assert_valid(lay, story)
    assert lay.crossings <= naive.crossings
    assert lay.crossings == _recount(lay.merged_orders()) == _recount([l.order for l in lay.layers])
    # every layer is a permutation of its active characters
    ls = build_layers([gs for _, gs in story_layers(story)])
    for raw, layer in zip(ls.raw, lay.layers):
        assert sorted(c for g in raw for c in g) == sorted(layer.order)


@needs_corpus
@pytest.mark.slow
def test_exact_matrix_reaches_12():
    story = load_story(CORPUS / "tanahashi/TheMatrix_list.txt")
    lay = layout_story(story, method="exact", time_limit=300)
    assert lay.crossings == 12 and lay.optimal is True and lay.lower_bound == 12
    assert _recount(lay.merged_orders()) == 12
    _assert_valid(lay)


@needs_corpus
def test_exact_anna3_reaches_0():
    story = load_story(CORPUS / "sgb/anna.dat", part="3")
    lay = layout_story(story, method="exact", time_limit=300)
    assert lay.crossings == 0 and lay.optimal is True


@needs_corpus
def test_cli_layout_json_recounted(capsys):
    rc = cli_main(["layout", str(CORPUS / "tanahashi/TheMatrix_list.txt"), "--json"])
    assert rc == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"crossings", "wiggles", "layers", "seconds", "optimal", "lower_bound"}
    assert len(out["layers"]) == 42
    assert _recount(out["layers"]) == out["crossings"] <= 174
    assert out["optimal"] is None


@needs_corpus
def test_cli_layout_part_and_summary(capsys):
    rc = cli_main(["layout", str(CORPUS / "sgb/anna.dat"), "--part", "3"])
    assert rc == 0
    assert "48 layers" in capsys.readouterr().out


def test_cli_layout_bad_file(tmp_path, capsys):
    p = tmp_path / "x_list.txt"
    p.write_text("A,B\nA,,B\n")
    assert cli_main(["layout", str(p), "--json"]) == 2
    assert ":2:" in capsys.readouterr().err


# ---- local search internals ---------------------------------------------------

def test_flip_moves_adjacent_member_past_its_neighbour():
    from timeline.storyline.local import flip

    assert flip([["a", "b", "c"]], "a", "b") == [["b", "a", "c"]]
    assert flip([["a", "b", "c"]], "c", "b") == [["a", "c", "b"]]
    assert flip([["a"], ["b", "c"], ["d"]], "a", "c") == [["b", "c"], ["a"], ["d"]]
    assert flip([["a"], ["b", "c"], ["d"]], "d", "b") == [["a"], ["d"], ["b", "c"]]


def test_anneal_incremental_counts_match_recount():
    import random

    import timeline.storyline.local as local

    rng = random.Random(3)
    chars = list("abcdefghij")
    layers = []
    for _ in range(12):
        cs = chars[:]
        rng.shuffle(cs)
        gs, i = [], 0
        while i < len(cs):
            k = rng.randint(1, 3)
            gs.append(cs[i:i + k])
            i += k
        layers.append(gs)
    active = [set(c for g in gs for c in g) for gs in layers]
    old = local.CHECK
    local.CHECK = True  # asserts the incremental gap counts after every accepted move
    try:
        best_g, best = local.anneal([list(gs) for gs in layers], active, random.Random(0), iterations=1500)
    finally:
        local.CHECK = old
    assert best == _recount([[c for g in gs for c in g] for gs in best_g])
    assert best <= _recount([[c for g in gs for c in g] for gs in layers])


@needs_corpus
def test_heuristic_deterministic_per_seed():
    story = load_story(CORPUS / "tanahashi/TheMatrix_list.txt")
    a, b = layout_story(story, seed=5), layout_story(story, seed=5)
    assert [l.order for l in a.layers] == [l.order for l in b.layers]
    assert a.crossings <= 16  # optimum 12; the naive order has 174


def test_push_polish_work_is_bounded_by_max_flips():
    import random

    from timeline.storyline.local import flat, gap_crossings, push_crossings

    # a and b swap between every pair of layers: pushes can remove crossings
    layers = [[["a"], ["b"]] if i % 2 == 0 else [["b"], ["a"]] for i in range(8)]
    active = [{"a", "b"} for _ in layers]

    def total(gs):
        return sum(gap_crossings(flat(gs[i]), flat(gs[i + 1])) for i in range(len(gs) - 1))

    before = total(layers)
    stopped, gain0 = push_crossings([list(g) for g in layers], active, random.Random(0), max_flips=0)
    assert gain0 == 0 and total(stopped) == before  # no work allowed: nothing changes
    polished, gain = push_crossings([list(g) for g in layers], active, random.Random(0))
    assert gain > 0 and total(polished) == before - gain
