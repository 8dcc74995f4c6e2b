"""Crossing minimisation for storyline layers (group-constrained layer orders).

The heuristic follows the layer-by-layer tradition of Sugiyama et al. (1981) and
Eades & Wormald (1994) as used for storylines by Tanahashi & Ma (2012) and Liu
et al. (2013, StoryFlow): each layer is re-ordered given its neighbours, groups
first (as blocks) then the members inside each group. Instead of barycenters we
solve each one-layer problem by *sifting* on exact pairwise costs: with the
neighbours fixed, the crossings a layer contributes are a sum over ordered
pairs, ``W[a, b]`` = number of neighbour layers in which ``b`` is above ``a``
(the cost of putting ``a`` above ``b``); moving one block to its best position is
then a prefix-sum scan. Forward and backward sweeps repeat until no gain;
several seeded restarts (naive first-appearance order, random orders) and
perturbations are kept only if they reduce the exact crossing count, so the
result is never worse than the naive order.

References
----------
.. [1] K. Sugiyama, S. Tagawa, M. Toda. IEEE SMC 11(2), 1981.
.. [2] P. Eades, N. Wormald. Algorithmica 11, 1994.
.. [3] Y. Tanahashi, K.-L. Ma. IEEE TVCG 18(12), 2012.
.. [4] S. Liu et al. "StoryFlow." IEEE TVCG 19(12), 2013.
.. [5] M. Matuszewski, R. Schönfeld, P. Molitor. "Using sifting for k-layer
   straightline crossing minimization." GD 1999.
"""

from __future__ import annotations

import math
import random

import numpy as np

from .layers import LayerSet, count_crossings, naive_orders

__all__ = ["order_layers", "heuristic_orders", "default_orders"]


class _Problem:
    """Merged layers as integers: groups per layer, active characters per layer."""

    def __init__(self, merged):
        chars: dict = {}
        for layer in merged:
            for g in layer:
                for c in g:
                    chars.setdefault(c, len(chars))
        self.ids = list(chars)
        self.index = chars
        self.n = len(chars)
        self.layers = [[[chars[c] for c in g] for g in layer] for layer in merged]
        self.L = len(self.layers)

    def to_ids(self, orders):
        return [[self.ids[c] for c in o] for o in orders]

    def from_ids(self, orders):
        return [[self.index[c] for c in o] for o in orders]


def _positions(order, n):
    p = np.full(n, -1, dtype=np.int64)
    p[np.asarray(order, dtype=np.int64)] = np.arange(len(order))
    return p


def _pair_cost(active: np.ndarray, neighbour_pos: list[np.ndarray]) -> np.ndarray:
    """W[i, j] = cost of placing active[i] above active[j] given neighbour positions."""
    k = len(active)
    W = np.zeros((k, k), dtype=np.int64)
    for pos in neighbour_pos:
        P = pos[active]
        m = P >= 0
        W += (P[:, None] > P[None, :]) & m[:, None] & m[None, :]
    return W


def _sift(seq: list[int], C: np.ndarray) -> tuple[list[int], bool]:
    """Sifting for a linear ordering with cost C[a, b] (a above b). Returns (seq, changed)."""
    changed = False
    improved = True
    rounds = 0
    Cl = C.tolist()
    while improved and rounds < 20:
        improved = False
        rounds += 1
        for item in list(seq):
            i = seq.index(item)
            rest = seq[:i] + seq[i + 1:]
            if not rest:
                continue
            row = Cl[item]
            # insert at p: rest[:p] above item (cost C[r, item]), rest[p:] below (C[item, r])
            cost = sum(row[r] for r in rest)
            best_c, best_p, cost_i = cost, 0, cost if i == 0 else None
            for p, r in enumerate(rest, 1):
                cost += Cl[r][item] - row[r]
                if cost < best_c:
                    best_c, best_p = cost, p
                if p == i:
                    cost_i = cost
            if best_c < cost_i:
                seq = rest[:best_p] + [item] + rest[best_p:]
                improved = changed = True
    return seq, changed


def _optimise_layer(groups, neighbours, n) -> list[int]:
    """Best order of one layer (sifting on groups then members) given neighbour orders."""
    # current order of groups/members is taken from `groups` as given (ordered lists)
    members = [c for g in groups for c in g]
    active = np.asarray(members, dtype=np.int64)
    loc = {c: i for i, c in enumerate(members)}
    W = _pair_cost(active, [_positions(o, n) for o in neighbours])
    G = len(groups)
    if G > 1:
        M = np.zeros((len(members), G), dtype=np.int64)
        for gi, g in enumerate(groups):
            for c in g:
                M[loc[c], gi] = 1
        C = M.T @ W @ M
        gseq, _ = _sift(list(range(G)), C)
        groups = [groups[gi] for gi in gseq]
    out = []
    for g in groups:
        if len(g) > 1:
            idx = [loc[c] for c in g]
            sub = W[np.ix_(idx, idx)]
            s, _ = _sift(list(range(len(g))), sub)
            g = [g[i] for i in s]
        out.append(list(g))
    return out


def _crossings_int(orders) -> int:
    return count_crossings(orders)


def _flat(grouped):
    return [[c for g in gs for c in g] for gs in grouped]


def _sweeps(prob: _Problem, grouped, n, max_rounds=30, one_sided=False, phase1=True):
    """Layer-by-layer sweeps until no gain; returns (best grouped, crossings).

    Phase 1 (Sugiyama-style): alternate one-sided sweeps, forward (each layer
    against the previous one) and backward (against the next one), keeping the
    best state. Phase 2 (unless ``one_sided``): two-sided sifting (each layer
    against both neighbours) until no gain.
    """
    L = prob.L
    best = _crossings_int(_flat(grouped))
    best_g = [[list(g) for g in gs] for gs in grouped]
    stale = 0
    for r in range(max_rounds if phase1 else 0):
        forward = r % 2 == 0
        rng_ = range(1, L) if forward else range(L - 2, -1, -1)
        for i in rng_:
            nb = [_flat([grouped[i - 1]])[0]] if forward else [_flat([grouped[i + 1]])[0]]
            grouped[i] = _optimise_layer(grouped[i], nb, n)
        cur = _crossings_int(_flat(grouped))
        if cur < best:
            best, best_g, stale = cur, [[list(g) for g in gs] for gs in grouped], 0
        else:
            stale += 1
            if stale >= 3:
                break
    grouped = best_g
    if one_sided:
        return grouped, best
    for _ in range(max_rounds):
        for direction in (range(L), range(L - 1, -1, -1)):
            for i in direction:
                nb = []
                if i > 0:
                    nb.append([c for g in grouped[i - 1] for c in g])
                if i + 1 < L:
                    nb.append([c for g in grouped[i + 1] for c in g])
                grouped[i] = _optimise_layer(grouped[i], nb, n)
        cur = _crossings_int(_flat(grouped))
        if cur >= best:
            best = min(best, cur)
            break
        best = cur
    return grouped, best


def _grouped_from_orders(prob: _Problem, orders):
    out = []
    for layer, order in zip(prob.layers, orders):
        pos = {c: i for i, c in enumerate(order)}
        gs = sorted((sorted(g, key=pos.__getitem__) for g in layer), key=lambda g: pos[g[0]])
        out.append(gs)
    return out


#: Above this many (character, layer) slots the heuristic uses barycenter sweeps only.
LARGE = 20000


def _barycenter_sweeps(grouped, rounds=6):
    """Plain barycenter sweeps (Sugiyama et al. 1981) with groups as blocks: fast for big inputs."""
    L = len(grouped)
    best = _crossings_int(_flat(grouped))
    best_g = [list(gs) for gs in grouped]
    for r in range(rounds):
        forward = r % 2 == 0
        for i in (range(1, L) if forward else range(L - 2, -1, -1)):
            ref = grouped[i - 1] if forward else grouped[i + 1]
            pos = {c: k for k, c in enumerate(c for g in ref for c in g)}
            cur = {c: k for k, c in enumerate(c for g in grouped[i] for c in g)}
            key = {c: pos.get(c, cur[c] - 0.5) for c in cur}
            gs = [sorted(g, key=key.__getitem__) for g in grouped[i]]
            gs.sort(key=lambda g: sum(key[c] for c in g) / len(g))
            grouped[i] = gs
        cost = _crossings_int(_flat(grouped))
        if cost < best:
            best, best_g = cost, [list(gs) for gs in grouped]
    return best_g, best


#: Annealing moves per (character, layer) slot, and their bounds (the total budget,
#: shared by the independent runs).
ANNEAL_PER_SLOT = 20
ANNEAL_MIN, ANNEAL_MAX = 200, 12000
#: Independent annealing runs (different starts and seeds; the best is kept).
ANNEAL_RUNS = 6
#: Annealing temperatures (start, end) per run, cycled; crossing deltas are integers.
#: Runs from this index on start from the best state so far (intensification).
FROM_BEST_AFTER = 4
#: Work bound of the final crossing-push polish (evaluated flips): the benchmark
#: instances need well under this; a 190-scene story would otherwise spend ~10 s here.
POLISH_FLIPS = 100_000
#: Longest crossing push (layers) tried by the annealing.
ANNEAL_REACH = 15
#: Annealing temperatures (start, end) per run, cycled; crossing deltas are integers.
ANNEAL_TEMPS = ((1.0, 0.05), (3.0, 0.1), (2.0, 0.1), (3.0, 0.1), (1.5, 0.05), (1.0, 0.05))


def default_orders(ls: LayerSet, seed: int = 0, restarts: int | None = None) -> list[list]:
    """Orders from the first-appearance start alone (the heuristic before the portfolio; its reference).

    Sugiyama-style sweeps with one-layer sifting from the first-appearance
    order, and plain barycenter sweeps as a second start; then
    ``ANNEAL_RUNS`` simulated-annealing runs over crossing pushes and block
    moves (:func:`timeline.storyline.local.anneal`) sharing one move budget
    proportional to the instance size (so the same seed gives the same
    layout): the first ``FROM_BEST_AFTER`` from the starts at mixed
    temperatures, the rest from the best state so far, each with its own
    seed derived from ``seed``. The best by exact crossing count is polished
    by crossing pushes and two-sided sifting. Never worse than the naive
    order. ``restarts`` adds further runs (default 0).
    """
    from .local import anneal, push_crossings

    prob = _Problem(ls.merged)
    if prob.L == 0:
        return []
    n = prob.n
    naive = prob.from_ids(naive_orders(ls))
    best_orders = [list(o) for o in naive]
    best = _crossings_int(best_orders)
    size = sum(len(o) for o in naive)
    if size > LARGE and restarts is None:
        grouped, cur = _barycenter_sweeps(_grouped_from_orders(prob, naive))
        if cur < best:
            best_orders = _flat(grouped)
        return prob.to_ids(best_orders)
    if best == 0:
        return prob.to_ids(best_orders)
    # starts: one-layer sifting sweeps (the better start for annealing) and plain
    # barycenter sweeps (cheap, different basin)
    starts = []
    grouped, cur = _sweeps(prob, _grouped_from_orders(prob, naive), n)
    starts.append((cur, _flat(grouped)))
    grouped, cur = _barycenter_sweeps(_grouped_from_orders(prob, naive))
    starts.append((cur, _flat(grouped)))
    for cur, orders in starts:
        if cur < best:
            best, best_orders = cur, [list(o) for o in orders]
    active = [set(c for g in layer for c in g) for layer in prob.layers]
    runs = ANNEAL_RUNS + (restarts or 0)
    budget = min(ANNEAL_MAX, max(ANNEAL_MIN, ANNEAL_PER_SLOT * size)) * (runs / ANNEAL_RUNS)
    iterations = max(1, int(budget / runs))
    for r in range(runs):
        if best == 0:
            break
        rng = random.Random(seed * 1_000_003 + r)
        start = starts[1 if r % 4 == 3 else 0][1] if r < FROM_BEST_AFTER else best_orders
        t0, t1 = ANNEAL_TEMPS[r % len(ANNEAL_TEMPS)]
        grouped, cur = anneal(_grouped_from_orders(prob, start), active, rng, iterations=iterations, t0=t0, t1=t1,
                              max_reach=ANNEAL_REACH)
        if cur < best:
            best, best_orders = cur, _flat(grouped)
    if best > 0:
        rng = random.Random(seed * 1_000_003 + runs)
        grouped, _ = push_crossings(_grouped_from_orders(prob, best_orders), active, rng,
                                    max_flips=POLISH_FLIPS)
        grouped, cur = _sweeps(prob, grouped, n, phase1=False)
        if cur < best:
            best, best_orders = cur, _flat(grouped)
    return prob.to_ids(best_orders)



#: Most seconds the exact method gives the heuristic for its start.
EXACT_START_LIMIT = 4.0
#: Safety cap (seconds) of the heuristic (``time_limit``): its budget is counted in
#: moves (so a story's layout is the same on every run, machine and load for a seed);
#: the clock only stops a search that runs far longer than usual (a 200-scene
#: screenplay takes ~2 s on a quiet machine, ~5 s with both cores busy). A search cut
#: here says so in ``stats["cut"]``.
TIME_LIMIT = 60.0
#: Below this many (character, layer) slots the default path alone is used (a
#: story like Desperado lays out in ~50 ms; loading the compiled kernel costs more).
KERNEL_MIN_SLOTS = 150
#: Random global orders screened (instances up to ``RANDOM_MAX_LAYERS`` layers;
#: on longer stories random starts are worse than the default start).
RANDOM_STARTS = 24
RANDOM_MAX_LAYERS = 250
#: Screening moves per start: ``SCREEN_PER_SLOT`` per slot, within bounds.
SCREEN_PER_SLOT, SCREEN_MIN, SCREEN_MAX = 20, 3_000, 20_000
#: Moves of a full annealing run, per slot and bounds.
RUN_PER_SLOT, RUN_MIN, RUN_MAX = 100, 30_000, 250_000
#: Work of a full run (moves x slots) past which a run makes fewer moves (a move costs
#: more on a bigger instance), never under ``RUN_FLOOR``: stories up to 15,000 slots
#: (anna: 13,790) are unchanged; 500 characters over 1,000 scenes (322,000 slots) get
#: ~12,000 moves a run, about a second, where 250,000 took ~9 s.
RUN_WORK, RUN_FLOOR = 250_000 * 15_000, 5_000
#: Starts annealed in full after screening (besides the default ones).
FINALISTS = 3
#: Temperatures (start, end) of screening and of full runs (cycled).
SCREEN_TEMPS = (2.0, 0.2)
RUN_TEMPS = ((2.0, 0.05), (3.0, 0.1), (1.0, 0.05))
#: Longest crossing push of the compiled annealing (layers).
KERNEL_REACH = 30
#: Full runs from the best state found (intensification).
INTENSIFY = 1
#: Most distinct orders with the best crossing count kept in ``stats["ties"]`` (the
#: layout scores them by vertical movement, a second key).
MAX_TIES = 8
#: Orders with a few more crossings than the best also count as ties (see :func:`tie_slack`):
#: at most TIE_SLACK more, and at most a fraction TIE_FRACTION of the best count.
TIE_SLACK, TIE_FRACTION = 2, 1 / 30


def tie_slack(best: int) -> int:
    """Crossings more than ``best`` an order may have to count as a tie (never over 3.4 %).

    >>> tie_slack(10), tie_slack(45), tie_slack(64), tie_slack(264)
    (0, 1, 2, 2)
    """
    return min(TIE_SLACK, int(best * TIE_FRACTION))


def _use_kernel(size: int, compiled) -> bool:
    if compiled is not None:
        return bool(compiled)
    if size < KERNEL_MIN_SLOTS:
        return False
    from . import kernel

    return kernel.have_numba()


def heuristic_orders(ls: LayerSet, seed: int = 0, restarts: int | None = None, *,
                     time_limit: float | None = TIME_LIMIT, compiled: bool | None = None,
                     stats: dict | None = None) -> list[list]:
    """Orders (one per merged layer, character ids top to bottom): a portfolio of annealed starts.

    The members: the default path (:func:`default_orders`: first-appearance
    order, one-layer sifting sweeps, barycenter sweeps, annealing in Python),
    whose result and starts are kept, and ``RANDOM_STARTS`` seeded random
    global orders (each layer takes the order's groups by mean rank; only on
    stories up to ``RANDOM_MAX_LAYERS`` layers), each *screened* by a short
    compiled annealing run; the ``FINALISTS`` best and the default starts are
    then annealed in full (:mod:`timeline.storyline.kernel`). Random global
    starts reach optima that the default start misses, because the missing
    improvement often moves a whole bundle across many layers at once; on long
    stories the default start is better, so it is always a member (Kirkpatrick
    et al. 1983 for the annealing; Tanahashi & Ma 2012 and Liu et al. 2013 for
    storyline local search).

    Parameters
    ----------
    ls : LayerSet
    seed : int
        Same seed, same orders: the work is counted in moves, not seconds, so the
        result does not depend on the machine or its load (unless the safety cap
        ``time_limit`` cuts the search short, which ``stats["cut"]`` reports).
    restarts : int, optional
        Extra full runs of the default path (default none).
    time_limit : float or None
        Safety cap: seconds after which no further run starts (default
        ``TIME_LIMIT``, far above a typical run); the default start is always
        computed; ``None``: no limit.
    compiled : bool, optional
        Force the compiled portfolio on (True) or off (False, the default path
        only); default: on for instances of ``KERNEL_MIN_SLOTS`` slots or more
        when numba is installed.
    stats : dict, optional
        Filled with ``runs``, ``moves``, ``cut`` (the time limit stopped it),
        ``winner`` (which member gave the result) and ``ties``: up to
        ``MAX_TIES`` distinct orders with the best crossings or at most
        :func:`tie_slack` more, the result first, then by crossings.
    """
    import time

    clock = time.perf_counter
    t_start = clock()
    deadline = math.inf if time_limit is None else t_start + float(time_limit)
    info = stats if stats is not None else {}
    info.update(runs=0, moves=0, cut=False, winner="default")
    prob = _Problem(ls.merged)
    if prob.L == 0:
        return []
    naive = prob.from_ids(naive_orders(ls))
    size = sum(len(o) for o in naive)
    if not _use_kernel(size, compiled):
        return default_orders(ls, seed=seed, restarts=restarts)
    from . import kernel

    best_orders = [list(o) for o in naive]
    best = _crossings_int(best_orders)
    if best == 0:
        return prob.to_ids(best_orders)
    # the default path's starts (cheap): sifting sweeps (skipped on large inputs) and barycenter sweeps
    starts = [("naive", best_orders)]
    grouped, cur = _barycenter_sweeps(_grouped_from_orders(prob, naive))
    starts.append(("barycenter", _flat(grouped)))
    if size <= LARGE and clock() < deadline:
        grouped, cur = _sweeps(prob, _grouped_from_orders(prob, naive), prob.n)
        starts.append(("sweeps", _flat(grouped)))
    A = kernel.Arrays(prob.layers, prob.n)
    screen = int(min(SCREEN_MAX, max(SCREEN_MIN, SCREEN_PER_SLOT * size)))
    full = int(min(RUN_MAX, max(RUN_MIN, RUN_PER_SLOT * size), max(RUN_FLOOR, RUN_WORK // size)))
    screen_table = kernel.acceptance_table(*SCREEN_TEMPS)
    run_tables = [kernel.acceptance_table(*t) for t in RUN_TEMPS]

    def run(name, orders, sub_seed, moves, table):
        nonlocal best, best_orders
        order, pos = A.state(orders)
        b, bo, it = kernel.anneal_compiled(order, A.size, pos, A.gid, sub_seed, moves, table, KERNEL_REACH)
        info["runs"] += 1
        info["moves"] += it
        got = A.orders(bo)
        results.append((b, got))
        if b < best:
            best, best_orders = b, got
            info["winner"] = name
        return b, got

    results: list = []  # (crossings, orders) of every run: the ties are scored by a second key
    base = (seed * 1_000_003) % (kernel.MOD - 2)
    for name, orders in starts:
        cur = _crossings_int(orders)
        if cur < best:
            best, best_orders = cur, [list(o) for o in orders]
            info["winner"] = name
    # screening: random global orders, a short run each
    screened = []
    if prob.L <= RANDOM_MAX_LAYERS:
        rng = np.random.default_rng(seed)
        for r in range(RANDOM_STARTS):
            rank = rng.permutation(prob.n)
            if clock() >= deadline:
                info["cut"] = True
                break
            b, got = run(f"random {r}", A.rank_orders(rank), base + 101 * r + 1, screen, screen_table)
            screened.append((b, r, got))
            if best == 0:
                break
    screened.sort(key=lambda t: (t[0], t[1]))
    finalists = [(f"random {r}", got) for _, r, got in screened[:FINALISTS]]
    default_starts = [(name, orders) for name, orders in starts if name != "naive"]
    members = default_starts[-1:] + finalists + default_starts[:-1]
    for i, (name, orders) in enumerate(members):
        if best == 0:
            break
        if clock() >= deadline:
            info["cut"] = True
            break
        run(name, orders, base + 7919 * (i + 1), full, run_tables[i % len(run_tables)])
    # intensification: restart from the best state while time is left (a bounded number of runs)
    for i in range(INTENSIFY):
        if best == 0:
            break
        if clock() >= deadline:
            info["cut"] = True
            break
        run(info["winner"], best_orders, base + 104729 * (i + 1), full, run_tables[(i + 1) % len(run_tables)])
    ties = [best_orders]
    for b, got in sorted(results, key=lambda t: t[0]):
        if b <= best + tie_slack(best) and got not in ties and len(ties) < MAX_TIES:
            ties.append(got)
    info["ties"] = [prob.to_ids(o) for o in ties]
    return prob.to_ids(best_orders)


def order_layers(ls: LayerSet, *, method: str = "heuristic", time_limit=None, seed: int = 0) -> dict:
    """Orders for the merged layers of ``ls``.

    ``time_limit`` bounds the heuristic's search (default ``TIME_LIMIT``) or the
    exact method as a whole (its heuristic start, the model building and HiGHS).

    Returns a dict with ``orders`` (character ids per merged layer), ``optimal``
    and ``lower_bound`` (None unless the exact method proves them) and ``cut``
    (True when a clock limit stopped the search: the result may differ on
    another run).
    """
    if method == "naive":
        return {"orders": naive_orders(ls), "optimal": None, "lower_bound": None}
    if method == "heuristic":
        limit = TIME_LIMIT if time_limit is None else time_limit
        stats: dict = {}
        orders = heuristic_orders(ls, seed=seed, time_limit=limit, stats=stats)
        return {"orders": orders, "optimal": None, "lower_bound": None, "cut": bool(stats.get("cut")),
                "ties": stats.get("ties") or [orders]}
    if method == "exact":
        import time

        from .exact import check_model_size, exact_orders

        t0 = time.perf_counter()
        check_model_size(ls)  # refuse before spending time on a model that cannot fit
        # load (or compile) the kernel before the heuristic's share of the time starts:
        # in a fresh process the loading ate that share (Star Wars: start 42, not 39,
        # with --time-limit 10); it still counts inside the exact method's limit
        if _use_kernel(sum(len(o) for o in naive_orders(ls)), None):  # as heuristic_orders decides
            from . import kernel

            kernel.warm_up()
        # the start's share: up to EXACT_START_LIMIT seconds (not the heuristic's 1 s):
        # HiGHS runs no primal heuristics when given a start, so an optimal start
        # leaves only the bound to close (Star Wars seed 0: 39 in 1.9 s, cut at 1 s
        # under load it gave 40-47); instances that finish sooner end sooner
        cap = EXACT_START_LIMIT if time_limit is None else min(EXACT_START_LIMIT, 0.25 * float(time_limit))
        limit = cap
        start = heuristic_orders(ls, seed=seed, time_limit=limit)
        rest = None if time_limit is None else max(0.0, float(time_limit) - (time.perf_counter() - t0))
        res = exact_orders(ls, time_limit=rest, start=start)
        res["cut"] = not res.get("optimal")  # an unproven result depends on the clock
        return res
    raise ValueError(f"unknown method {method!r}")
