"""The exact storyline method: optimum against brute force (with and without reductions), symmetry fix, time limit."""

from __future__ import annotations

import itertools
import time

import pytest

from timeline.formats import load_story
from timeline.storyline import build_layers, count_crossings, layout_groups, story_layers

from .conftest import CORPUS as _CORPUS  # noqa: E402  (SCENE_TIMELINE_SHARED or ../shared)
from .test_storyline_portfolio import _random_layers

CORPUS = _CORPUS / "storyline"
needs_corpus = pytest.mark.usefixtures("corpus")  # a missing corpus fails loudly (conftest), never skips
pytest.importorskip("highspy")


def _tiny_layers(seed, n=5, L=4, k=2):
    return _random_layers(seed, n=n, L=L, k=k)


def _layer_orders(groups):
    """Every order of one layer with contiguous groups."""
    for gperm in itertools.permutations(groups):
        for inner in itertools.product(*(itertools.permutations(g) for g in gperm)):
            yield [c for g in inner for c in g]


def _brute_force(ls) -> int:
    best = None
    for orders in itertools.product(*(list(_layer_orders(layer)) for layer in ls.merged)):
        x = count_crossings([list(o) for o in orders])
        best = x if best is None or x < best else best
    return best


@pytest.mark.parametrize("seed", range(8))
def test_exact_equals_brute_force_with_and_without_reductions(seed):
    from timeline.storyline.exact import exact_orders

    ls = build_layers(_tiny_layers(seed, n=4, L=4))
    want = _brute_force(ls)
    for kw in ({}, {"reduce": True}, {"options": {"mip_abs_gap": 0.0}}):
        r = exact_orders(ls, **kw)
        assert r["optimal"], kw
        assert count_crossings(r["orders"]) == want == r["lower_bound"], kw


def test_mirrored_start_is_accepted_under_the_symmetry_fix():
    """The symmetry fix orders one pair of the first layer; a start drawn the other way up is mirrored, not lost."""
    from timeline.storyline.exact import exact_orders

    for seed in range(8):
        ls = build_layers(_tiny_layers(seed, n=5, L=5))
        opt = exact_orders(ls)
        mirrored = [list(reversed(o)) for o in opt["orders"]]
        assert count_crossings(mirrored) == count_crossings(opt["orders"])
        r = exact_orders(ls, start=mirrored)
        assert r["optimal"] and count_crossings(r["orders"]) == count_crossings(opt["orders"])


@needs_corpus
def test_exact_time_limit_ends_unproven_with_a_bound():
    ls_layers = [gs for _, gs in story_layers(load_story(CORPUS / "tanahashi" / "StarWars_list.txt"))]
    t0 = time.perf_counter()
    r = layout_groups(ls_layers, method="exact", time_limit=2.0)
    took = time.perf_counter() - t0
    # behaviour, not speed: a 2 s limit on a 15-60 s proof stops well before the proof
    assert took < 30
    assert r["optimal"] is False
    assert r["lower_bound"] is None or r["lower_bound"] <= r["crossings"]
    assert r["crossings"] >= 39  # the proven optimum


@pytest.mark.parametrize("limit, share", [(None, None), (8.0, 2.0), (100.0, None)])
def test_exact_start_gets_a_quarter_of_the_limit_at_most_the_cap(monkeypatch, limit, share):
    """The heuristic start of the exact method: a quarter of its limit, at most EXACT_START_LIMIT seconds."""
    from timeline.storyline import ordering

    seen = []
    real = ordering.heuristic_orders

    def spy(ls, **kw):
        seen.append(kw.get("time_limit"))
        return real(ls, **kw)

    monkeypatch.setattr(ordering, "heuristic_orders", spy)
    ls = build_layers(_tiny_layers(3, n=5, L=5))
    r = ordering.order_layers(ls, method="exact", time_limit=limit)
    assert r["optimal"]
    want = ordering.EXACT_START_LIMIT if share is None else share
    assert seen == [pytest.approx(want)]
    assert ordering.TIME_LIMIT > 10 * ordering.EXACT_START_LIMIT  # the heuristic's clock is a safety cap only


def _two_parts(seed):
    """Two random stories one after the other, sharing one character (c0) across the gap between them."""
    a = _random_layers(seed, n=3, L=3, k=2)
    b = _random_layers(seed + 100, n=3, L=3, k=2)
    first = [[[f"a{c}" if c else "c0" for c in g] for g in gs] for gs in a]
    second = [[[f"b{c}" if c else "c0" for c in g] for g in gs] for gs in b]
    return first + second


@pytest.mark.parametrize("seed", range(6))
def test_symmetry_fix_per_mirror_part_keeps_the_optimum(seed):
    """One fixed pair per independently mirrorable part: the optimum equals brute force and the unbroken model."""
    from timeline.storyline.exact import _mirror_parts, exact_orders

    ls = build_layers(_two_parts(seed))
    acts = [sorted(c for g in gs for c in g) for gs in ls.merged]
    assert len(_mirror_parts(acts)) >= 2 or any(len(gs) < 2 for gs in ls.merged)
    want = _brute_force(ls)
    broken, unbroken = exact_orders(ls, symmetry="parts"), exact_orders(ls, symmetry=False)
    default = exact_orders(ls)
    assert broken["optimal"] and unbroken["optimal"] and default["optimal"]
    assert count_crossings(broken["orders"]) == count_crossings(unbroken["orders"]) == want
    assert count_crossings(default["orders"]) == want
    # a start with only the second part mirrored is mirrored back, not lost
    parts = _mirror_parts(acts)
    lo, hi = parts[-1]
    start = [list(reversed(o)) if lo <= l <= hi else list(o) for l, o in enumerate(broken["orders"])]
    assert count_crossings(start) == want
    for sym in ("parts", True):
        r = exact_orders(ls, start=start, symmetry=sym)
        assert r["optimal"] and count_crossings(r["orders"]) == want, sym


def test_mirror_parts_split_where_at_most_one_character_is_shared():
    from timeline.storyline.exact import _mirror_parts

    assert _mirror_parts([[0, 1], [0, 1], [1, 2], [2, 3], [2, 3]]) == [(0, 1), (2, 2), (3, 4)]
    assert _mirror_parts([[0, 1, 2], [0, 1, 2]]) == [(0, 1)]
    assert _mirror_parts([]) == []


def _optimum_by_dp(ls) -> int:
    """The optimum by dynamic programming over every order of each layer (exact; faster than the product)."""
    best = None
    for layer in ls.merged:
        orders = [list(o) for o in _layer_orders(layer)]
        if best is None:
            best = [(0, o) for o in orders]
            continue
        best = [(min(v + count_crossings([p, o]) for v, p in best), o) for o in orders]
    return min(v for v, _ in best)


def _with_break_ups(seed, n=5, L=4):
    """Random layers, each followed by a layer where one of its scenes breaks up into lone characters."""
    out = []
    for gs in _tiny_layers(seed, n=n, L=L):
        out.append(gs)
        big = [g for g in gs if len(g) > 1]
        if big:
            out.append([g for g in gs if g is not big[0]] + [[c] for c in big[0]])
    return out


@pytest.mark.parametrize("seed", range(8))
def test_dominated_layers_are_left_out_and_the_optimum_kept(seed):
    """A layer a neighbour dominates is left out of the model; the optimum (by dynamic programming) is kept, with and without."""
    from timeline.storyline.exact import _Reduction, exact_orders
    from .test_storyline_portfolio import _check_orders

    ls = build_layers(_with_break_ups(seed))
    ids = {c: i for i, c in enumerate(sorted({c for gs in ls.merged for g in gs for c in g}))}
    layers = [[[ids[c] for c in g] for g in gs] for gs in ls.merged]
    red = _Reduction(layers, len(ids), merge=False, dominance=True)
    assert len(red.layers) < len(layers)  # the break-up layers at least
    assert len(_Reduction(layers, len(ids), merge=False, dominance=False).layers) == len(layers)
    want = _optimum_by_dp(ls)
    for kw in ({}, {"dominance": False}, {"triples": False}, {"reduce": True}):
        r = exact_orders(ls, **kw)
        assert r["optimal"], kw
        _check_orders(ls, r["orders"])
        assert count_crossings(r["orders"]) == want == r["lower_bound"], kw


def test_a_layer_with_a_newcomer_or_a_new_scene_is_not_dominated():
    from timeline.storyline.exact import _Reduction

    dom = _Reduction._dominated
    # lone 0, 1 after the scene {0, 1}: dominated; the scene {0, 1} after lone 0, 1: not
    assert dom([[0], [1], [2]], {0, 1, 2}, [[0, 1], [2]])
    assert not dom([[0, 1], [2]], {0, 1, 2}, [[0], [1], [2]])
    # a character who is not in the neighbour (born here) stops it
    assert not dom([[0], [3]], {0, 3}, [[0, 1]])
    # a scene that is the neighbour's less a character who died there: dominated
    assert dom([[0, 1], [2]], {0, 1, 2}, [[0, 1, 4], [2]])
