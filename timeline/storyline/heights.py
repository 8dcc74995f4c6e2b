"""Optimal vertical positions (y) for fixed layer orders: one linear program over all layers.

Given each layer's groups top to bottom (the orders are fixed), choose the y of
every line in every layer so that

* members of a group sit one slot apart (``y[b] = y[a] + 1`` for consecutive
  members),
* consecutive groups are at least ``gap`` empty slots apart
  (``y[b] >= y[a] + 1 + gap`` across a group boundary), lines stay at ``y >= 0``,

minimising the total vertical movement of the lines between consecutive
layers, each character's movement weighted by its importance (the main cast
runs straightest), plus a small weight on the chart's height. This is the
"align then compact" step of StoryFlow (Liu et al. 2013) solved at once for the
whole chart, in the linear wiggle-height model of Dobler et al. (GD 2025).

Writing each movement as ``y' - y = p - m`` with ``p, m >= 0`` leaves a
constraint matrix whose rows are differences of two variables (plus unit
columns): it is totally unimodular, so the simplex method's optimal vertex is
integral and lines stay on whole slots. HiGHS's dual simplex solves it
single-threaded with an iteration limit (never a clock limit, except a safety
cap far above any normal run), so the same orders always get the same y.

References
----------
.. [1] S. Liu, Y. Wu, E. Wei, M. Liu, Y. Liu. "StoryFlow: tracking the evolution of
   stories." IEEE TVCG 19(12), 2013.
.. [2] A. Dobler et al. The linear model of wiggles and height for storylines,
   Graph Drawing (GD) 2025.
.. [3] Y. Tanahashi, K.-L. Ma. "Design considerations for optimizing storyline
   visualizations." IEEE TVCG 18(12), 2012.
"""

from __future__ import annotations

import math
from typing import Hashable, Mapping, Sequence

import numpy as np

__all__ = ["optimal_heights", "importance_weights", "movement", "HEIGHT_WEIGHT", "MAIN_WEIGHT"]

#: Cost of one slot of chart height, in slots of (weight-1) vertical movement.
HEIGHT_WEIGHT = 2.0
#: Extra weight of the most present character's movement (others in proportion to
#: the square root of their share of scenes): the main cast moves least.
MAIN_WEIGHT = 2.0
#: Simplex iterations allowed per constraint row (and at least ``MIN_ITERATIONS``):
#: ten times what these problems need (about half a row each: Big Fish 1,192 rows in
#: ~560 iterations, jean 5,093 in ~2,420); when hit, the caller falls back to the
#: greedy alignment.
ITERATIONS_PER_ROW, MIN_ITERATIONS = 5, 20_000
#: Largest program solved (constraint rows). The dual simplex grows faster than the rows
#: (13,900 rows ~1.1 s, 34,800 ~6 s, 66,600 ~23 s here): a bigger story (hundreds of
#: characters over a thousand scenes) gets the greedy alignment at once.
MAX_ROWS = 15_000
#: Seconds: a safety cap only (an iteration limit decides in every normal run).
SAFETY_SECONDS = 60.0


def importance_weights(appearances: Mapping[Hashable, int], main_weight: float = MAIN_WEIGHT) -> dict:
    """Weight of each character's movement: ``1 + main_weight * sqrt(n / n_max)``.

    Parameters
    ----------
    appearances : mapping
        Character -> number of layers in which it is in a scene.

    Examples
    --------
    >>> importance_weights({"a": 100, "b": 25, "c": 0})
    {'a': 3.0, 'b': 2.0, 'c': 1.0}
    """
    top = max(appearances.values(), default=0)
    if top <= 0:
        return {c: 1.0 for c in appearances}
    return {c: 1.0 + main_weight * math.sqrt(max(0, n) / top) for c, n in appearances.items()}


def movement(ys: Sequence[Mapping[Hashable, float]]) -> tuple[float, int, int]:
    """``(total vertical movement, segments that move, segments)`` of per-layer y maps.

    A segment is a character's line between two consecutive layers where it is
    present in both.

    >>> movement([{"a": 0, "b": 2}, {"a": 0, "b": 1}, {"a": 3}])
    (4.0, 2, 3)
    """
    total, moving, segments = 0.0, 0, 0
    for a, b in zip(ys, ys[1:]):
        for c, v in b.items():
            u = a.get(c)
            if u is None:
                continue
            segments += 1
            if u != v:
                moving += 1
                total += abs(v - u)
    return float(total), moving, segments


def optimal_heights(
    layers: Sequence[Sequence[Sequence[Hashable]]],
    *,
    gap: float = 1.0,
    weights: Mapping[Hashable, float] | None = None,
    height_weight: float = HEIGHT_WEIGHT,
    max_iterations: int | None = None,
    stats: dict | None = None,
) -> list[dict] | None:
    """y of every character of every layer, optimal for the given orders.

    Parameters
    ----------
    layers : sequence of layers, each a sequence of groups top to bottom
        (each group a sequence of character ids top to bottom).
    gap : float
        Least number of empty slots between consecutive groups.
    weights : mapping, optional
        Character -> weight of its movement (default 1 for all; see
        :func:`importance_weights`).
    height_weight : float
        Cost of one slot of height (the largest y).
    max_iterations : int, optional
        Simplex iteration limit (default ``ITERATIONS_PER_ROW`` per row).
    stats : dict, optional
        Filled with ``status`` (``"optimal"`` or why not), ``iterations``,
        ``objective``, ``variables`` and ``rows``.

    Returns
    -------
    list of dict or None
        Per layer, character -> y (0 at the top); None when the solver stops
        without an optimum (an iteration limit): the caller falls back to
        :func:`timeline.storyline.align.align_layers`.

    Examples
    --------
    Two lines meet in the middle layer: one of them moves one slot each way,
    the other stays.

    >>> ys = optimal_heights([[["a"], ["b"]], [["a", "b"]], [["a"], ["b"]]], weights={"a": 2, "b": 1})
    >>> [[y[c] for c in "ab"] for y in ys]
    [[0.0, 2.0], [0.0, 1.0], [0.0, 2.0]]
    """
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix

    info = stats if stats is not None else {}
    layers = [[list(g) for g in groups if len(g)] for groups in layers]
    # consecutive layers with the same groups in the same order share their y
    uniq: list[list[list]] = []
    of_layer: list[int] = []
    for groups in layers:
        if not uniq or uniq[-1] != groups:
            uniq.append(groups)
        of_layer.append(len(uniq) - 1)
    w = weights or {}
    # variables: y per (unique layer, character), then p, m per segment, then H
    yvar: list[dict] = []
    n = 0
    for groups in uniq:
        d = {}
        for g in groups:
            for c in g:
                d[c] = n
                n += 1
        yvar.append(d)
    n_y = n
    segs = [(yvar[u][c], yvar[u + 1][c], float(w.get(c, 1.0)))
            for u in range(len(uniq) - 1) for c in yvar[u + 1] if c in yvar[u]]
    n_var = n_y + 2 * len(segs) + 1
    H = n_var - 1
    cost = np.zeros(n_var)
    for k, (_, _, wc) in enumerate(segs):
        cost[n_y + 2 * k] = cost[n_y + 2 * k + 1] = wc
    cost[H] = height_weight
    # equalities: y' - y - p + m = 0 per segment; y_b - y_a = 1 inside a group
    eq_r, eq_c, eq_v, eq_b = [], [], [], []
    ub_r, ub_c, ub_v, ub_b = [], [], [], []
    for k, (a, b, _) in enumerate(segs):
        r = len(eq_b)
        eq_r += [r, r, r, r]
        eq_c += [b, a, n_y + 2 * k, n_y + 2 * k + 1]
        eq_v += [1.0, -1.0, -1.0, 1.0]
        eq_b.append(0.0)
    for u, groups in enumerate(uniq):
        prev = None
        for gi, g in enumerate(groups):
            for i, c in enumerate(g):
                v = yvar[u][c]
                if prev is not None:
                    if i > 0:  # same group: one slot below
                        r = len(eq_b)
                        eq_r += [r, r]
                        eq_c += [v, prev]
                        eq_v += [1.0, -1.0]
                        eq_b.append(1.0)
                    else:  # next group: y_prev - y_v <= -(1 + gap)
                        r = len(ub_b)
                        ub_r += [r, r]
                        ub_c += [prev, v]
                        ub_v += [1.0, -1.0]
                        ub_b.append(-(1.0 + gap))
                prev = v
        if prev is not None:  # the bottom line of the layer: y <= H
            r = len(ub_b)
            ub_r += [r, r]
            ub_c += [prev, H]
            ub_v += [1.0, -1.0]
            ub_b.append(0.0)
    rows = len(eq_b) + len(ub_b)
    info.update(variables=n_var, rows=rows, iterations=0, objective=None)
    if rows > MAX_ROWS:
        info["status"] = "too large"
        return None
    if n_y == 0:
        info["status"] = "optimal"
        return [{} for _ in layers]
    A_eq = csr_matrix((eq_v, (eq_r, eq_c)), shape=(len(eq_b), n_var)) if eq_b else None
    A_ub = csr_matrix((ub_v, (ub_r, ub_c)), shape=(len(ub_b), n_var)) if ub_b else None
    limit = int(max_iterations if max_iterations is not None else max(MIN_ITERATIONS, ITERATIONS_PER_ROW * rows))
    res = linprog(cost, A_ub=A_ub, b_ub=ub_b or None, A_eq=A_eq, b_eq=eq_b or None, bounds=(0, None),
                  method="highs-ds", options={"maxiter": limit, "time_limit": SAFETY_SECONDS, "presolve": True})
    info["iterations"] = int(getattr(res, "nit", 0) or 0)
    if res.status != 0 or res.x is None:
        info["status"] = {1: "iteration limit"}.get(res.status, res.message)
        return None
    info["status"] = "optimal"
    info["objective"] = float(res.fun)
    x = np.rint(res.x[:n_y]) + 0.0  # (no -0.0)
    ys = [{c: float(x[v]) for c, v in d.items()} for d in yvar]
    top = min((v for y in ys for v in y.values()), default=0.0)
    if top:
        ys = [{c: v - top for c, v in y.items()} for y in ys]
    return [ys[u] for u in of_layer]
