"""Orders that help straightness: crossing-neutral moves scored by vertical movement.

Crossing minimisation leaves many orders with the same number of crossings: a
crossing of two lines may happen at one gap between layers or at the next, an
idle line may wait above or below a group, the members of a group may be
stacked in several ways at no cost. They differ in how far lines must move
vertically. This pass is a second key after the crossings (the tie-breaking
refinement suggested by Tanahashi & Ma 2012 and Liu et al. 2013, whose
alignment steps follow the ordering): layer by layer, it moves one block (a
group among the groups, or a member inside its group) to the position that
does not add a crossing with the neighbouring layers and needs the least
movement, measured by the best placement of that layer given its neighbours'
y (:func:`place_layer`). The crossing count never grows, so published optima
stay optimal. The work is bounded by rounds, never by the clock.

:func:`place_layer` solves the one-layer problem exactly: with the group tops
``t_k`` written as ``u_k + offset_k`` (``offset_k`` the tightest packing), the
constraints become ``0 <= u_0 <= u_1 <= ...`` and the cost, a sum of weighted
absolute deviations from the neighbours' y, is separable and convex in the
``u_k``: an isotonic regression under L1 loss, solved by pooling adjacent
violators with weighted medians (Robertson, Wright & Dykstra 1988).

References
----------
.. [1] Y. Tanahashi, K.-L. Ma. IEEE TVCG 18(12), 2012.
.. [2] S. Liu et al. "StoryFlow." IEEE TVCG 19(12), 2013.
.. [3] T. Robertson, F. T. Wright, R. L. Dykstra. *Order Restricted Statistical
   Inference.* Wiley, 1988.
"""

from __future__ import annotations

from typing import Hashable, Mapping, Sequence

import numpy as np

__all__ = ["place_layer", "straighten", "ROUNDS"]

#: Sweeps over the layers (forward and back count one each).
ROUNDS = 4


def _wmedian(points: list[tuple[float, float]]) -> float:
    """The lowest weighted median of ``(point, weight)`` pairs."""
    points = sorted(points)
    half = 0.5 * sum(w for _, w in points)
    acc = 0.0
    for p, w in points:
        acc += w
        if acc >= half - 1e-12:
            return p
    return points[-1][0]


def place_layer(groups: Sequence[Sequence[Hashable]], targets: Sequence[Mapping[Hashable, float]],
                weights: Mapping[Hashable, float] | None = None, gap: float = 1.0) -> tuple[dict, float]:
    """Best y of one layer's lines given target y (the neighbouring layers') for some of them.

    Parameters
    ----------
    groups : groups top to bottom (members top to bottom)
    targets : the y of the lines in the neighbouring layers (each a mapping)
    weights : character -> weight of its movement (default 1)

    Returns
    -------
    (dict, float)
        Character -> y, and the cost: the sum of weighted distances to the targets.

    Examples
    --------
    >>> y, cost = place_layer([["a"], ["b", "c"]], [{"a": 0, "b": 2, "c": 6}])
    >>> y, cost
    ({'a': 0.0, 'b': 2.0, 'c': 3.0}, 3.0)
    """
    w = weights or {}
    blocks: list[list] = []  # [points, value, first group index, last group index]
    offsets = []
    off = 0.0
    for k, g in enumerate(groups):
        offsets.append(off)
        pts = []
        for i, c in enumerate(g):
            wc = float(w.get(c, 1.0))
            for t in targets:
                v = t.get(c)
                if v is not None:
                    pts.append((v - off - i, wc))
        off += len(g) + gap
        val = _wmedian(pts) if pts else -np.inf
        blocks.append([pts, val, k, k])
        while len(blocks) > 1 and blocks[-2][1] > blocks[-1][1]:
            b = blocks.pop()
            a = blocks[-1]
            a[0] = a[0] + b[0]
            a[1] = _wmedian(a[0]) if a[0] else -np.inf
            a[3] = b[3]
    y: dict = {}
    cost = 0.0
    prev = 0.0
    for pts, val, k0, k1 in blocks:
        u = max(prev, val, 0.0)
        prev = u
        for k in range(k0, k1 + 1):
            for i, c in enumerate(groups[k]):
                yc = u + offsets[k] + i
                y[c] = float(yc)
                wc = float(w.get(c, 1.0))
                for t in targets:
                    v = t.get(c)
                    if v is not None:
                        cost += wc * abs(yc - v)
    return y, cost



def _pair_cost(members: list, neighbours: list[dict]) -> np.ndarray:
    """W[i, j]: crossings with the neighbouring layers of putting member i above member j."""
    k = len(members)
    W = np.zeros((k, k), dtype=np.int64)
    for pos in neighbours:
        P = np.array([pos.get(c, -1) for c in members], dtype=np.int64)
        m = P >= 0
        W += (P[:, None] > P[None, :]) & m[:, None] & m[None, :]
    return W


def _insertions(seq: list[int], item: int, C) -> list[tuple[int, int]]:
    """``(crossing cost, position)`` of every insertion of ``item`` into ``seq`` without it."""
    rest = [x for x in seq if x != item]
    cost = sum(C[item][r] for r in rest)
    out = [(cost, 0)]
    for p, r in enumerate(rest, 1):
        cost += C[r][item] - C[item][r]
        out.append((cost, p))
    return out


def _drawn(groups, hidden):
    """The groups that are drawn: without the lines in ``hidden`` (each a 1-member group)."""
    return [g for g in groups if not (len(g) == 1 and g[0] in hidden)] if hidden else groups


def _move_blocks(seq: list[int], C, arrange, cost_of, cur: float) -> tuple[list[int], float, bool]:
    """Each block of ``seq`` in turn moved to the position that adds no crossing (``C``:
    crossings of putting block a above b) and lowers ``cost_of(arrange(seq))`` most."""
    changed = False
    for item in list(seq):
        ins = _insertions(seq, item, C)
        here = seq.index(item)
        base = ins[here][0]
        rest = [x for x in seq if x != item]
        best = None
        for cost, p in ins:
            if cost > base or p == here:
                continue
            cand = rest[:p] + [item] + rest[p:]
            mv = cost_of(arrange(cand))
            if mv < cur - 1e-9 and (best is None or mv < best[0]):
                best = (mv, cand)
        if best is not None:
            cur, seq, changed = best[0], best[1], True
    return seq, cur, changed


def _improve_layer(groups: list[list], targets: list[dict], neighbours: list[dict], weights,
                   hidden=frozenset()) -> tuple[list[list], bool]:
    """One pass over the blocks of one layer (the groups, then the members inside each
    group), each moved to its best position that adds no crossing with the neighbouring
    layers. Lines in ``hidden`` (not drawn here) count for crossings but take no slot."""

    def cost_of(gs):
        return place_layer(_drawn(gs, hidden), targets, weights)[1]

    members = [c for g in groups for c in g]
    loc = {c: i for i, c in enumerate(members)}
    W = _pair_cost(members, neighbours)
    cur = cost_of(groups)
    changed = False
    if len(groups) > 1:  # groups as blocks
        M = np.zeros((len(members), len(groups)), dtype=np.int64)
        for gi, g in enumerate(groups):
            for c in g:
                M[loc[c], gi] = 1
        orig = [list(g) for g in groups]
        ids, cur, moved = _move_blocks(list(range(len(groups))), (M.T @ W @ M).tolist(),
                                       lambda cand: [orig[x] for x in cand], cost_of, cur)
        groups = [orig[x] for x in ids]
        changed |= moved
    for gi, g in enumerate(groups):  # members inside their groups
        if len(g) < 2:
            continue
        idx = [loc[c] for c in g]

        def arrange(cand, gi=gi, g=g):
            return groups[:gi] + [[g[x] for x in cand]] + groups[gi + 1:]

        seq, cur, moved = _move_blocks(list(range(len(g))), W[np.ix_(idx, idx)].tolist(), arrange, cost_of, cur)
        groups = arrange(seq)
        changed |= moved
    return groups, changed


def straighten(grouped: Sequence[Sequence[Sequence[Hashable]]], ys: Sequence[Mapping[Hashable, float]],
               weights: Mapping[Hashable, float] | None = None, rounds: int = ROUNDS, *,
               hidden: Sequence[set] | None = None) -> list[list[list]]:
    """Crossing-neutral reorders of the layers that reduce vertical movement.

    Parameters
    ----------
    grouped : per layer, its groups top to bottom (the crossing convention's
        merged layers: consecutive layers differ)
    ys : per layer, character -> y (e.g. :func:`timeline.storyline.heights.optimal_heights`)
    weights : character -> weight of its movement
    rounds : sweeps over the layers (alternately forward and backward)
    hidden : per layer, lines not drawn there (they take no slot)

    Returns
    -------
    list of layers (groups top to bottom), with the same crossings as ``grouped``
    or fewer.
    """
    grouped = [[list(g) for g in gs] for gs in grouped]
    ys = [dict(y) for y in ys]
    L = len(grouped)
    for r in range(rounds):
        any_change = False
        for l in (range(L) if r % 2 == 0 else range(L - 1, -1, -1)):
            nbs = [k for k in (l - 1, l + 1) if 0 <= k < L]
            targets = [ys[k] for k in nbs]
            neighbours = [{c: i for i, c in enumerate(c for g in grouped[k] for c in g)} for k in nbs]
            hide = hidden[l] if hidden is not None else frozenset()
            new, changed = _improve_layer(grouped[l], targets, neighbours, weights, hide)
            if changed:
                grouped[l] = new
                ys[l], _ = place_layer(_drawn(new, hide), targets, weights)
                any_change = True
        if not any_change:
            break
    return grouped
