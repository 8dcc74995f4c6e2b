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

__all__ = ["gap_crossings", "push_crossings", "flip"]


def gap_crossings(o1, o2, pos2=None) -> int:
    """Crossings between two consecutive flat orders (pairs in both whose order flips)."""
    if pos2 is None:
        pos2 = {c: i for i, c in enumerate(o2)}
    seq = [pos2[c] for c in o1 if c in pos2]
    n = len(seq)
    inv = 0
    for i in range(n - 1):
        a = seq[i]
        for b in seq[i + 1:]:
            if b < a:
                inv += 1
    return inv


def flat(gs):
    return [c for g in gs for c in g]


def flip(gs, x, y):
    """``gs`` (groups top to bottom) with ``x`` moved just past ``y`` (its group when the groups differ)."""
    gx = gy = -1
    for k, g in enumerate(gs):
        if x in g:
            gx = k
        if y in g:
            gy = k
    if gx < 0 or gy < 0:
        return None
    if gx == gy:
        g = list(gs[gx])
        ix, iy = g.index(x), g.index(y)
        g.remove(x)
        iy = g.index(y)
        g.insert(iy + 1 if ix < iy else iy, x)
        out = list(gs)
        out[gx] = g
        return out
    out = list(gs)
    grp = out.pop(gx)
    iy = gy - 1 if gx < gy else gy
    out.insert(iy + 1 if gx < gy else iy, grp)
    return out


def _crossing_pairs(o1, o2):
    pos2 = {c: i for i, c in enumerate(o2)}
    common = [c for c in o1 if c in pos2]
    out = []
    for i, a in enumerate(common):
        pa = pos2[a]
        for b in common[i + 1:]:
            if pos2[b] < pa:
                out.append((a, b))
    return out


def push_crossings(grouped, active, rng, max_reach: int | None = None, deadline=None, clock=None):
    """Apply improving crossing pushes until none is left; returns (grouped, total gain).

    ``grouped``: per layer, list of groups (lists); ``active``: per layer, set of characters.
    """
    L = len(grouped)
    flats = [flat(gs) for gs in grouped]
    poss = [{c: i for i, c in enumerate(o)} for o in flats]
    gaps = [gap_crossings(flats[l], flats[l + 1], poss[l + 1]) for l in range(L - 1)]
    gain_total = 0
    improved = True
    while improved:
        improved = False
        gap_order = [l for l in range(L - 1) if gaps[l]]
        rng.shuffle(gap_order)
        for l in gap_order:
            if deadline is not None and clock() > deadline:
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
                            ng = flip(grouped[k], x, y)
                            if ng is None:
                                break
                            nf = flat(ng)
                            new_layers[k] = (ng, nf)
                            # gaps touched by layer k: (k-1, k) and (k, k+1); count each once
                            # recompute the gap between k and its predecessor in push direction
                            prev = k - direction  # already decided layer (modified or not)
                            lo, hi = (prev, k) if direction == 1 else (k, prev)
                            fl = new_layers[lo][1] if lo in new_layers else flats[lo]
                            fh = new_layers[hi][1] if hi in new_layers else flats[hi]
                            g_old = gaps[min(lo, hi)]
                            delta += gap_crossings(fl, fh) - g_old
                            # the open gap beyond k
                            nxt = k + direction
                            if 0 <= nxt < L:
                                lo2, hi2 = (k, nxt) if direction == 1 else (nxt, k)
                                fl2 = nf if lo2 == k else flats[lo2]
                                fh2 = nf if hi2 == k else flats[hi2]
                                d_open = gap_crossings(fl2, fh2) - gaps[min(lo2, hi2)]
                            else:
                                d_open = 0
                            total = delta + d_open
                            if total < 0 and (best is None or total < best[0]):
                                best = (total, dict(new_layers))
                            k += direction
                            steps += 1
                if best is not None:
                    total, layers = best
                    for k, (ng, nf) in layers.items():
                        grouped[k] = ng
                        flats[k] = nf
                        poss[k] = {c: i for i, c in enumerate(nf)}
                    ks = set(layers)
                    for k in ks | {k - 1 for k in ks}:
                        if 0 <= k < L - 1:
                            gaps[k] = gap_crossings(flats[k], flats[k + 1], poss[k + 1])
                    gain_total -= total
                    improved = True
                    break  # pairs of gap l changed
    return grouped, gain_total


def anneal(grouped, active, rng, *, iterations: int, deadline=None, clock=None, t0: float = 1.0, t1: float = 0.05, max_reach: int = 30):
    """Simulated annealing over crossing pushes and one-layer block moves; returns (best grouped, best count).

    Moves: (1) push a random crossing left or right over its best reach (as in
    :func:`push_crossings`), (2) move a random group, or a member inside its
    group, of a random layer to a random position. Worse states are accepted
    with probability ``exp(-delta / T)``, ``T`` cooling geometrically from
    ``t0`` to ``t1`` over ``iterations`` moves (deterministic for a given
    ``rng``); ``deadline`` (with ``clock``) is only a safety stop. The best
    state seen is returned.
    """
    import math

    L = len(grouped)
    grouped = [list(gs) for gs in grouped]
    flats = [flat(gs) for gs in grouped]
    gaps = [gap_crossings(flats[l], flats[l + 1]) for l in range(L - 1)]
    cur = sum(gaps)
    best, best_g = cur, [list(gs) for gs in grouped]
    T = t0
    it = 0
    iterations = max(1, int(iterations))
    while cur > 0 and it < iterations:
        it += 1
        if it % 64 == 0:
            if deadline is not None and clock() >= deadline:
                break
            T = t0 * (t1 / t0) ** (it / iterations)
        cross_gaps = [l for l in range(L - 1) if gaps[l]]
        if cross_gaps and rng.random() < 0.5:
            l = rng.choice(cross_gaps)
            pairs = _crossing_pairs(flats[l], flats[l + 1])
            a, b = rng.choice(pairs)
            x, y = (a, b) if rng.random() < 0.5 else (b, a)
            direction = 1 if rng.random() < 0.5 else -1
            k = l + 1 if direction == 1 else l
            new_layers = {}
            delta = 0
            cands = []
            while 0 <= k < L and x in active[k] and y in active[k] and len(new_layers) < max_reach:
                ng = flip(grouped[k], x, y)
                nf = flat(ng)
                new_layers[k] = (ng, nf)
                prev = k - direction
                lo, hi = (prev, k) if direction == 1 else (k, prev)
                fl = new_layers[lo][1] if lo in new_layers else flats[lo]
                fh = new_layers[hi][1] if hi in new_layers else flats[hi]
                delta += gap_crossings(fl, fh) - gaps[min(lo, hi)]
                nxt = k + direction
                d_open = 0
                if 0 <= nxt < L:
                    lo2, hi2 = (k, nxt) if direction == 1 else (nxt, k)
                    d_open = gap_crossings(nf if lo2 == k else flats[lo2], nf if hi2 == k else flats[hi2]) - gaps[min(lo2, hi2)]
                cands.append((delta + d_open, k))
                k += direction
            if not cands:
                continue
            dbest = min(d for d, _ in cands)
            ks = [kk for d, kk in cands if d == dbest]
            kend = rng.choice(ks)
            if dbest > 0 and rng.random() >= math.exp(-dbest / T):
                continue
            chosen = [kk for kk in new_layers if (kk <= kend if direction == 1 else kk >= kend)]
            for kk in chosen:
                grouped[kk], flats[kk] = new_layers[kk]
            touched = set(chosen) | {kk - 1 for kk in chosen}
        else:
            k = rng.randrange(L)
            gs = grouped[k]
            if rng.random() < 0.7 and len(gs) > 1:
                i = rng.randrange(len(gs))
                j = rng.randrange(len(gs) - 1)
                ng = list(gs)
                g = ng.pop(i)
                ng.insert(j if j < i else j + 1, g)
            else:
                big = [i for i, g in enumerate(gs) if len(g) > 1]
                if not big:
                    continue
                i = rng.choice(big)
                g = list(gs[i])
                a = rng.randrange(len(g))
                b = rng.randrange(len(g) - 1)
                m = g.pop(a)
                g.insert(b if b < a else b + 1, m)
                ng = list(gs)
                ng[i] = g
            nf = flat(ng)
            d = 0
            if k > 0:
                d += gap_crossings(flats[k - 1], nf) - gaps[k - 1]
            if k < L - 1:
                d += gap_crossings(nf, flats[k + 1]) - gaps[k]
            if d > 0 and rng.random() >= math.exp(-d / T):
                continue
            grouped[k], flats[k] = ng, nf
            touched = {k, k - 1}
        for kk in touched:
            if 0 <= kk < L - 1:
                gaps[kk] = gap_crossings(flats[kk], flats[kk + 1])
        cur = sum(gaps)
        if cur < best:
            best, best_g = cur, [list(gs) for gs in grouped]
    anneal.last_iterations = it
    return best_g, best
