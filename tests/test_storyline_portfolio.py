"""Storyline portfolio, compiled kernel and the exact method's limits."""

from __future__ import annotations

import random

import pytest

from timeline.cli import main as cli_main
from timeline.errors import StoryError
from timeline.formats import load_story
from timeline.storyline import build_layers, count_crossings, layout_groups, layout_story, naive_orders, story_layers
from timeline.storyline import kernel
from timeline.storyline.ordering import _Problem, default_orders, heuristic_orders

from .conftest import CORPUS as _CORPUS  # noqa: E402  (SCENE_TIMELINE_SHARED or ../shared)
CORPUS = _CORPUS / "storyline"
needs_corpus = pytest.mark.usefixtures("corpus")  # a missing corpus fails loudly (conftest), never skips


def _random_layers(seed, n=9, L=14, k=3):
    rng = random.Random(seed)
    layers = []
    for _ in range(L):
        cs = list(range(n))
        rng.shuffle(cs)
        cs = cs[: rng.randint(2, n)]
        gs, i = [], 0
        while i < len(cs):
            j = rng.randint(1, k)
            gs.append(cs[i:i + j])
            i += j
        layers.append(gs)
    return layers


def _check_orders(ls, orders):
    """Every merged layer: a permutation of its active characters with contiguous groups."""
    assert len(orders) == len(ls.merged)
    for layer, order in zip(ls.merged, orders):
        assert sorted(map(str, order)) == sorted(str(c) for g in layer for c in g)
        pos = {c: i for i, c in enumerate(order)}
        for g in layer:
            ps = sorted(pos[c] for c in g)
            assert ps == list(range(ps[0], ps[0] + len(g)))


def _corpus_ls(path, part=None):
    story = load_story(CORPUS / path, part=part) if part else load_story(CORPUS / path)
    return build_layers([gs for _, gs in story_layers(story)])


# ---- the kernel: compiled against the interpreted reference -------------------

@pytest.mark.parametrize("seed", [0, 1, 2])
def test_compiled_kernel_matches_the_interpreted_reference(seed):
    layers = _random_layers(seed)
    A = kernel.Arrays(layers, 9)
    orders = [[c for g in gs for c in g] for gs in layers]
    table = kernel.acceptance_table(2.0, 0.1)
    o1, p1 = A.state(orders)
    o2, p2 = A.state(orders)
    b1, best1, it1 = kernel.anneal_reference(o1, A.size, p1, A.gid, seed, 1500, table, 10)
    b2, best2, it2 = kernel.anneal_compiled(o2, A.size, p2, A.gid, seed, 1500, table, 10)
    assert (b1, it1) == (b2, it2)
    assert (best1 == best2).all() and (o1 == o2).all()  # the same moves, the same final state
    # the incremental count agrees with an independent recount, both ways
    got = A.orders(best2)
    assert b2 == count_crossings(got) == kernel.count_compiled(*A.state(got)[:1], A.size, A.state(got)[1])
    assert b2 <= count_crossings(orders)
    for gs, order in zip(layers, got):  # groups stay contiguous
        pos = {c: i for i, c in enumerate(order)}
        for g in gs:
            ps = sorted(pos[c] for c in g)
            assert ps == list(range(ps[0], ps[0] + len(g)))


def test_kernel_count_matches_count_crossings():
    layers = _random_layers(7, n=12, L=20)
    A = kernel.Arrays(layers, 12)
    rng = random.Random(1)
    orders = []
    for gs in layers:
        gs = [list(g) for g in gs]
        rng.shuffle(gs)
        orders.append([c for g in gs for c in g])
    order, pos = A.state(orders)
    assert kernel.count_compiled(order, A.size, pos) == kernel.count_reference(order, A.size, pos) == count_crossings(orders)


# ---- the portfolio ---------------------------------------------------------

def test_portfolio_deterministic_per_seed_and_valid():
    ls = build_layers(_random_layers(3, n=14, L=40))
    a = heuristic_orders(ls, seed=4, time_limit=None, compiled=True)
    b = heuristic_orders(ls, seed=4, time_limit=None, compiled=True)
    assert a == b
    _check_orders(ls, a)
    assert count_crossings(a) <= count_crossings(naive_orders(ls))


def test_tiny_time_limit_still_gives_a_valid_layout():
    ls = build_layers(_random_layers(5, n=14, L=40))
    stats = {}
    orders = heuristic_orders(ls, seed=0, time_limit=0.0, compiled=True, stats=stats)
    _check_orders(ls, orders)
    assert stats["cut"] is True and stats["runs"] == 0  # no annealing run started
    assert count_crossings(orders) <= count_crossings(naive_orders(ls))


@needs_corpus
@pytest.mark.parametrize("path,part", [
    ("tanahashi/StarWars_list.txt", None),
    ("tanahashi/Inception_list.txt", None),
    ("sgb/jean.dat", "1"),
    ("sgb/anna.dat", "6"),
])
def test_portfolio_never_worse_than_the_default_start(path, part):
    ls = _corpus_ls(path, part)
    ours = heuristic_orders(ls, seed=0, time_limit=None, compiled=True)
    _check_orders(ls, ours)
    assert count_crossings(ours) <= count_crossings(default_orders(ls, seed=0))


@needs_corpus
def test_portfolio_reaches_the_matrix_optimum():
    ls = _corpus_ls("tanahashi/TheMatrix_list.txt")
    assert count_crossings(heuristic_orders(ls, seed=0, time_limit=None)) == 12  # proven optimum (GD 2016)


def test_small_stories_keep_the_default_path():
    ls = build_layers(_random_layers(2, n=5, L=6))
    assert heuristic_orders(ls, seed=1) == default_orders(ls, seed=1)


# ---- the exact method's limits ------------------------------------------------

def test_exact_reductions_keep_the_optimum():
    from timeline.storyline.exact import exact_orders

    for seed in range(6):
        layers = [[[f"c{c}" for c in g] for g in gs] for gs in _random_layers(seed, n=6, L=7)]
        for gs in layers:  # a twin of c0 and a character seen once
            for g in gs:
                if "c0" in g:
                    g.append("twin")
        layers[3].append(["once"])
        ls = build_layers(layers)
        red, full = exact_orders(ls, reduce=True), exact_orders(ls, reduce=False)
        assert red["optimal"] and full["optimal"]
        _check_orders(ls, red["orders"])
        assert count_crossings(red["orders"]) == count_crossings(full["orders"]) == red["lower_bound"]


def test_triple_windows_find_the_forced_crossing():
    from timeline.storyline.exact import triple_bounds, triple_windows

    # a-c, b-c, a-b with all three alive: one crossing is forced
    layers = [[[1]], [[0, 2], [1]], [[1, 2], [0]], [[0, 1], [2]], [[2]]]
    ls = build_layers(layers)
    prob = _Problem(ls.merged)
    bounds = triple_bounds(prob.layers, prob.n)
    assert [b[-1] for b in bounds] == [1]
    assert len(triple_windows(prob.layers, prob.n, bounds)) == 1
    assert layout_groups(layers, method="exact")["crossings"] == 1


def test_exact_model_size_cap_refuses_with_a_clear_message():
    from timeline.storyline.exact import check_model_size, model_size

    ls = build_layers(_random_layers(1, n=30, L=30, k=2))
    cols, rows, nnz = model_size(ls)
    assert nnz == 3 * rows and cols > 0
    with pytest.raises(StoryError, match="too big for the exact method"):
        check_model_size(ls, max_nonzeros=nnz - 1)
    check_model_size(ls, max_nonzeros=nnz)  # at the cap: accepted


def test_cli_exact_too_big_exits_2(tmp_path, capsys, monkeypatch):
    import timeline.storyline.exact as exact

    monkeypatch.setattr(exact, "MAX_NONZEROS", 10)
    p = tmp_path / "s_list.txt"
    lines = ["A,B\tC", "A,C\tB", "B,C\tA", "A,B,C"]
    p.write_text("\n".join(lines) + "\n")
    assert cli_main(["layout", str(p), "--method", "exact", "--time-limit", "5"]) == 2
    err = capsys.readouterr().err
    assert "too big for the exact method" in err and "heuristic" in err


def test_exact_time_limit_counts_model_building():
    from timeline.storyline.exact import exact_orders

    ls = build_layers(_random_layers(4, n=10, L=20))
    start = naive_orders(ls)
    r = exact_orders(ls, time_limit=0.0, start=start)
    assert r["optimal"] is False and r["stopped"] == "model" and r["orders"] == start
    with pytest.raises(StoryError, match="ran out of time"):
        exact_orders(ls, time_limit=0.0)


def test_exact_without_highspy_says_to_install_it(monkeypatch):
    import builtins

    real = builtins.__import__

    def fake(name, *args, **kwargs):
        if name == "highspy":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)
    from timeline.storyline.exact import exact_orders

    with pytest.raises(StoryError, match="pip install highspy"):
        exact_orders(build_layers([[["a", "b"]], [["b"], ["a"]]]))


def test_layout_story_heuristic_time_limit_keyword():
    from timeline.model import Story

    s = Story(title="t", characters=[{"id": c, "name": c} for c in "abc"],
              scenes=[{"id": "s1", "title": "1", "characters": ["a", "c"]},
                      {"id": "s2", "title": "2", "characters": ["b", "c"]},
                      {"id": "s3", "title": "3", "characters": ["a", "b"]}])
    lay = layout_story(s, time_limit=0.0)
    assert lay.crossings == count_crossings([l.order for l in lay.layers])
