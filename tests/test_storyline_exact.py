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
    # behaviour, not speed: a 2 s limit on a ~100 s proof stops well before the proof
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
    assert ordering.EXACT_START_LIMIT > ordering.TIME_LIMIT
