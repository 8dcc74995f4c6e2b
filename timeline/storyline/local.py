"""Multi-layer local search for storyline orders: pushing crossings along lines.

Layer-by-layer optimisation (sweeps, one-layer sifting) gets stuck when two
lines swap at one gap and swap back many layers later: removing that pair of
crossings needs the relative order of the two lines flipped in *every* layer in
between at once. This module searches that neighbourhood directly: for every
crossing of lines ``x`` and ``y`` at gap ``l`` (between layers ``l`` and
``l + 1``) it tries flipping ``x`` to the other side of ``y`` in the layers
``l + 1 .. r`` (pushing the crossing to the right) and ``a .. l`` (to the left)
for every reach, moving ``x`` inside its group when both share a group and
``x``'s whole group otherwise (groups stay contiguous). The change in crossings
is counted on the touched gaps only; the best improving push is applied.
Applied in turn with one-layer sifting this is an iterated local search in the
spirit of the storyline heuristics of Tanahashi & Ma (2012) and Liu et al.
(2013), with moves that follow lines rather than layers.

References
----------
.. [1] Y. Tanahashi, K.-L. Ma. IEEE TVCG 18(12), 2012.
.. [2] S. Liu et al. "StoryFlow." IEEE TVCG 19(12), 2013.
"""

from __future__ import annotations

from bisect import bisect_right

__all__ = ["gap_crossings", "push_crossings", "flip", "anneal"]

CHECK = False  # debug: verify incremental crossing counts


def gap_crossings(o1, o2, pos2=None) -> int:
    """Crossings between two consecutive flat orders (pairs in both whose order flips)."""
    if pos2 is None:
        pos2 = {c: i for i, c in enumerate(o2)}
    seen: list[int] = []
    inv = 0
    for c in o1:
        p = pos2.get(c)
        if p is None:
            continue
        j = bisect_right(seen, p)
        inv += len(seen) - j
        seen.insert(j, p)
    return inv


def flat(gs):
    return [c for g in gs for c in g]


def flip(gs, x, y):
    """``gs`` (groups top to bottom) with ``x`` moved just past ``y`` (its group when the groups differ).

    None when ``x`` or ``y`` is not in the layer.
    """
    if not any(x in g for g in gs) or not any(y in g for g in gs):
        return None
    return _flip_info(gs, x, y)[0]


def _crossing_pairs(o1, o2, pos2=None):
    if pos2 is None:
        pos2 = {c: i for i, c in enumerate(o2)}
    common = [c for c in o1 if c in pos2]
    out = []
    for i, a in enumerate(common):
        pa = pos2[a]
        for b in common[i + 1:]:
            if pos2[b] < pa:
                out.append((a, b))
    return out


def push_crossings(grouped, active, rng, max_reach: int | None = None, deadline=None, clock=None,
                   max_flips: int | None = None):
    """Apply improving crossing pushes until none is left; returns (grouped, total gain).

    ``max_flips`` bounds the work (evaluated one-layer flips), so a large story
    stops polishing after a fixed amount of work; the same input gives the same
    result, whatever the machine's speed.

    ``grouped``: per layer, list of groups (lists); ``active``: per layer, set of characters.
    """
    L = len(grouped)
    flats = [flat(gs) for gs in grouped]
    poss = [{c: i for i, c in enumerate(o)} for o in flats]
    gaps = [gap_crossings(flats[l], flats[l + 1], poss[l + 1]) for l in range(L - 1)]
    gain_total = 0
    flips = 0
    improved = True
    while improved:
        improved = False
        gap_order = [l for l in range(L - 1) if gaps[l]]
        rng.shuffle(gap_order)
        for l in gap_order:
            if deadline is not None and clock() > deadline:
                return grouped, gain_total
            if max_flips is not None and flips >= max_flips:
                return grouped, gain_total
            if not gaps[l]:
                continue
            pairs = _crossing_pairs(flats[l], flats[l + 1])
            rng.shuffle(pairs)
            for a, b in pairs:
                best = None
                for x, y in ((a, b), (b, a)):
                    # push right: flip layers l+1 .. r
                    for direction in (1, -1):
                        start = l + 1 if direction == 1 else l
                        delta = 0
                        new_layers = {}
                        k = start
                        steps = 0
                        while 0 <= k < L and x in active[k] and y in active[k]:
                            if max_reach is not None and steps >= max_reach:
                                break
                            ng, moved, passed, up = _flip_info(grouped[k], x, y)
                            flips += 1
                            pk = poss[k]
                            pairs_k = {(u, w) if u < w else (w, u) for u in moved for w in passed}
                            new_layers[k] = (ng, pairs_k)
                            # the gap between k and its predecessor in push direction
                            prev = k - direction
                            if prev in new_layers:
                                pp = poss[prev]
                                d = 0
                                for u, w in pairs_k.symmetric_difference(new_layers[prev][1]):
                                    pu, pw = pp.get(u), pp.get(w)
                                    if pu is None or pw is None or u not in pk or w not in pk:
                                        continue
                                    d += -1 if (pu < pw) != (pk[u] < pk[w]) else 1
                                delta += d
                            else:
                                delta += _move_delta(moved, passed, up, poss[prev])
                            # the open gap beyond k
                            nxt = k + direction
                            d_open = _move_delta(moved, passed, up, poss[nxt]) if 0 <= nxt < L else 0
                            total = delta + d_open
                            if total < 0 and (best is None or total < best[0]):
                                best = (total, {kk: v[0] for kk, v in new_layers.items()})
                            k += direction
                            steps += 1
                if best is not None:
                    total, layers = best
                    before = sum(gaps) if CHECK else 0
                    for k, ng in layers.items():
                        grouped[k] = ng
                        flats[k] = nf = flat(ng)
                        poss[k] = {c: i for i, c in enumerate(nf)}
                    ks = set(layers)
                    for k in ks | {k - 1 for k in ks}:
                        if 0 <= k < L - 1:
                            gaps[k] = gap_crossings(flats[k], flats[k + 1], poss[k + 1])
                    if CHECK:
                        assert sum(gaps) == before + total, "push_crossings delta"
                    gain_total -= total
                    improved = True
                    break  # pairs of gap l changed
    return grouped, gain_total


def _flip_info(gs, x, y):
    """Like :func:`flip`, also returning the moved characters, the passed ones and whether the moved were above."""
    gx = gy = -1
    for k, g in enumerate(gs):
        if x in g:
            gx = k
        if y in g:
            gy = k
    if gx == gy:
        g = list(gs[gx])
        ix, iy = g.index(x), g.index(y)
        if ix < iy:
            passed = g[ix + 1:iy + 1]
        else:
            passed = g[iy:ix]
        g.remove(x)
        iy2 = g.index(y)
        g.insert(iy2 + 1 if ix < iy else iy2, x)
        out = list(gs)
        out[gx] = g
        return out, (x,), passed, ix < iy
    out = list(gs)
    if gx < gy:
        passed = [c for g in gs[gx + 1:gy + 1] for c in g]
    else:
        passed = [c for g in gs[gy:gx] for c in g]
    grp = out.pop(gx)
    iy = gy - 1 if gx < gy else gy
    out.insert(iy + 1 if gx < gy else iy, grp)
    return out, grp, passed, gx < gy


def _move_delta(moved, passed, up, pos) -> int:
    """Change in crossings against a fixed neighbour (positions ``pos``) when ``moved`` jumps over ``passed``."""
    d = 0
    for u in moved:
        pu = pos.get(u)
        if pu is None:
            continue
        for v in passed:
            pv = pos.get(v)
            if pv is None:
                continue
            d += 1 if up == (pu < pv) else -1
    return d


def anneal(grouped, active, rng, *, iterations: int, deadline=None, clock=None, t0: float = 1.0, t1: float = 0.05, max_reach: int = 30):
    """Simulated annealing over crossing pushes and one-layer block moves; returns (best grouped, best count).

    Moves: (1) push a random crossing left or right over its best reach (as in
    :func:`push_crossings`), (2) move a random group, or a member inside its
    group, of a random layer to a random position. Worse states are accepted
    with probability ``exp(-delta / T)``, ``T`` cooling geometrically from
    ``t0`` to ``t1`` over ``iterations`` moves (deterministic for a given
    ``rng``); equal-cost moves are always accepted (plateau walks);
    ``deadline`` (with ``clock``) is only a safety stop. The best state seen
    is returned.
    """
    import math

    L = len(grouped)
    grouped = [list(gs) for gs in grouped]
    flats = [flat(gs) for gs in grouped]
    poss = [{c: i for i, c in enumerate(o)} for o in flats]
    gaps = [gap_crossings(flats[l], flats[l + 1], poss[l + 1]) for l in range(L - 1)]
    cur = sum(gaps)
    best, best_g = cur, [list(gs) for gs in grouped]
    T = t0
    it = 0
    iterations = max(1, int(iterations))
    rand = rng.random
    exp = math.exp
    while cur > 0 and it < iterations:
        it += 1
        if it % 64 == 0:
            if deadline is not None and clock() >= deadline:
                break
            T = t0 * (t1 / t0) ** (it / iterations)
        if rand() < 0.5:
            cross_gaps = [l for l in range(L - 1) if gaps[l]]
            l = rng.choice(cross_gaps)
            pairs = _crossing_pairs(flats[l], flats[l + 1], poss[l + 1])
            a, b = rng.choice(pairs)
            x, y = (a, b) if rand() < 0.5 else (b, a)
            direction = 1 if rand() < 0.5 else -1
            k = l + 1 if direction == 1 else l
            new_layers = {}
            delta = 0
            cands = []
            vals = {}  # gap index -> new value (gaps between flipped layers and the one before the first)
            open_vals = {}
            while 0 <= k < L and x in active[k] and y in active[k] and len(new_layers) < max_reach:
                ng, moved, passed, up = _flip_info(grouped[k], x, y)
                pk = poss[k]
                pairs_k = {(u, w) if u < w else (w, u) for u in moved for w in passed}
                new_layers[k] = (ng, pairs_k)
                prev = k - direction
                gprev = min(prev, k)
                if prev in new_layers:
                    pp = poss[prev]
                    v = gaps[gprev]
                    for u, w in pairs_k.symmetric_difference(new_layers[prev][1]):
                        pu, pw = pp.get(u), pp.get(w)
                        if pu is None or pw is None or u not in pk or w not in pk:
                            continue
                        v += -1 if (pu < pw) != (pk[u] < pk[w]) else 1
                else:
                    v = gaps[gprev] + _move_delta(moved, passed, up, poss[prev])
                vals[gprev] = v
                delta += v - gaps[gprev]
                nxt = k + direction
                d_open = 0
                if 0 <= nxt < L:
                    gi = min(nxt, k)
                    d_open = _move_delta(moved, passed, up, poss[nxt])
                    open_vals[k] = (gi, gaps[gi] + d_open)
                cands.append((delta + d_open, k))
                k += direction
            if not cands:
                continue
            dbest = min(d for d, _ in cands)
            ks = [kk for d, kk in cands if d == dbest]
            kend = rng.choice(ks)
            if dbest > 0 and rand() >= exp(-dbest / T):
                continue
            chosen = [kk for kk in new_layers if (kk <= kend if direction == 1 else kk >= kend)]
            for kk in chosen:
                ng = new_layers[kk][0]
                grouped[kk] = ng
                flats[kk] = nf = flat(ng)
                poss[kk] = {c: i for i, c in enumerate(nf)}
                gi = min(kk, kk - direction)
                gaps[gi] = vals[gi]
            if kend in open_vals:
                gi, v = open_vals[kend]
                gaps[gi] = v
            cur += dbest
            if CHECK:
                assert gaps == [gap_crossings(flats[q], flats[q + 1]) for q in range(L - 1)], "push"
                assert cur == sum(gaps)
        else:
            k = rng.randrange(L)
            gs = grouped[k]
            if rand() < 0.7 and len(gs) > 1:
                i = rng.randrange(len(gs))
                j = rng.randrange(len(gs) - 1)
                ng = list(gs)
                g = ng.pop(i)
                j = j if j < i else j + 1
                ng.insert(j, g)
                moved, up = g, i < j
                passed = [c for h in (gs[i + 1:j + 1] if up else gs[j:i]) for c in h]
            else:
                big = [i for i, g in enumerate(gs) if len(g) > 1]
                if not big:
                    continue
                i = rng.choice(big)
                g0 = gs[i]
                g = list(g0)
                a = rng.randrange(len(g))
                b = rng.randrange(len(g) - 1)
                m = g.pop(a)
                b = b if b < a else b + 1
                g.insert(b, m)
                ng = list(gs)
                ng[i] = g
                moved, up = (m,), a < b
                passed = g0[a + 1:b + 1] if up else g0[b:a]
            d1 = _move_delta(moved, passed, up, poss[k - 1]) if k > 0 else 0
            d2 = _move_delta(moved, passed, up, poss[k + 1]) if k < L - 1 else 0
            d = d1 + d2
            if d > 0 and rand() >= exp(-d / T):
                continue
            nf = flat(ng)
            grouped[k], flats[k] = ng, nf
            poss[k] = {c: i for i, c in enumerate(nf)}
            if k > 0:
                gaps[k - 1] += d1
            if k < L - 1:
                gaps[k] += d2
            cur += d
            if CHECK:
                assert gaps == [gap_crossings(flats[q], flats[q + 1]) for q in range(L - 1)]
                assert cur == sum(gaps)
        if cur < best:
            best, best_g = cur, [list(gs) for gs in grouped]
    anneal.last_iterations = it
    return best_g, best
