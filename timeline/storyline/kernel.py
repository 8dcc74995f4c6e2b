"""Compiled annealing kernel for storyline orders (crossing pushes and block moves over arrays).

The moves are those of :func:`timeline.storyline.local.anneal`: (1) *push* a
crossing of lines ``x`` and ``y`` at gap ``l`` to the left or right by flipping
``x`` past ``y`` in a run of consecutive layers (``x`` alone when both share a
group, ``x``'s whole group otherwise, so groups stay contiguous), over the best
reach; (2) a one-layer move of a group past another group, or of a member
past another member of its group. Both are one primitive: "flip ``x`` past
``y`` in layers ``k .. k ± r``". The change in crossings is counted on the
touched gaps only: a flip reverses the relative order of the pairs
``moved × passed`` of its layer, and a gap's crossing count changes by one for
each pair whose order is reversed in exactly one of its two layers.

The state is plain ``int64`` arrays (orders, positions, group ids) and the
random numbers come from a small Lehmer generator (Park & Miller's "minimal
standard", multiplier 48271) in integer arithmetic, and acceptance
probabilities from a precomputed integer table, so the very same function run
by the Python interpreter (:func:`anneal_reference`) and compiled by numba
(:func:`anneal_compiled`, ``@njit(cache=True)``) makes the same moves and
returns the same orders for the same seed. The interpreted path is the
reference the tests compare against; it is ~100x slower.

References
----------
.. [1] S. Kirkpatrick, C. D. Gelatt, M. P. Vecchi. "Optimization by simulated
   annealing." Science 220, 1983.
.. [2] S. K. Park, K. W. Miller. "Random number generators: good ones are hard to
   find." CACM 31(10), 1988 (and the 48271 multiplier of their 1993 note).
.. [3] Y. Tanahashi, K.-L. Ma. "Design considerations for optimizing storyline
   visualizations." IEEE TVCG 18(12), 2012.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["Arrays", "to_arrays", "acceptance_table", "anneal_reference", "anneal_compiled",
           "count_reference", "count_compiled", "have_numba", "warm_up"]

MOD = 2147483647  # 2**31 - 1
#: Temperature steps of the acceptance table (the temperature is constant within a step).
TEMP_STEPS = 64
#: Largest crossing increase that can be accepted (bigger ones never are).
MAX_UPHILL = 24


def acceptance_table(t0: float, t1: float, steps: int = TEMP_STEPS, max_uphill: int = MAX_UPHILL) -> np.ndarray:
    """``table[s, d]``: acceptance threshold (out of ``2**31 - 1``) of a ``+d`` move at step ``s``.

    The temperature cools geometrically from ``t0`` to ``t1`` (Kirkpatrick et al.
    1983); ``d = 0`` (plateau moves) is always accepted.
    """
    out = np.zeros((steps, max_uphill + 1), dtype=np.int64)
    for s in range(steps):
        T = t0 * (t1 / t0) ** (s / max(1, steps - 1))
        for d in range(max_uphill + 1):
            out[s, d] = int(math.exp(-d / T) * MOD)
    return out


class Arrays:
    """Merged layers as integer arrays: the kernel's state.

    Attributes
    ----------
    order : int64 array (L, W)
        Characters top to bottom per layer (``size[l]`` entries used).
    size : int64 array (L,)
    pos : int64 array (L, n)
        Position of each character per layer, -1 when inactive.
    gid : int64 array (L, n)
        Group (index within the layer) of each character, -1 when inactive.
    """

    def __init__(self, layers: list[list[list[int]]], n: int):
        L = len(layers)
        W = max((sum(len(g) for g in gs) for gs in layers), default=1) or 1
        self.L, self.n, self.W = L, n, W
        self.size = np.zeros(L, dtype=np.int64)
        self.gid = np.full((L, n), -1, dtype=np.int64)
        for l, gs in enumerate(layers):
            self.size[l] = sum(len(g) for g in gs)
            for gi, g in enumerate(gs):
                for c in g:
                    self.gid[l, c] = gi
        self.layers = layers

    def state(self, orders: list[list[int]]):
        """(order, pos) arrays for flat per-layer orders."""
        order = np.zeros((self.L, self.W), dtype=np.int64)
        pos = np.full((self.L, self.n), -1, dtype=np.int64)
        for l, o in enumerate(orders):
            k = len(o)
            order[l, :k] = o
            pos[l, np.asarray(o, dtype=np.int64)] = np.arange(k)
        return order, pos

    def orders(self, order: np.ndarray) -> list[list[int]]:
        return [order[l, : self.size[l]].tolist() for l in range(self.L)]

    def rank_orders(self, rank: np.ndarray) -> list[list[int]]:
        """Per layer: groups by their members' mean rank, members by rank (a global order's layers)."""
        out = []
        for gs in self.layers:
            keyed = sorted(gs, key=lambda g: (sum(rank[c] for c in g) / len(g)))
            out.append([c for g in keyed for c in sorted(g, key=rank.__getitem__)])
        return out


def to_arrays(layers, n) -> Arrays:
    return Arrays(layers, n)


def _count(order, size, pos):
    """Crossings of the whole state (pairs whose order flips between consecutive layers)."""
    L = order.shape[0]
    total = 0
    for a in range(L - 1):
        b = a + 1
        for i in range(size[a]):
            pu = pos[b, order[a, i]]
            if pu < 0:
                continue
            for j in range(i + 1, size[a]):
                pv = pos[b, order[a, j]]
                if pv >= 0 and pv < pu:
                    total += 1
    return total


def _anneal(order, size, pos, gid, seed, iterations, table, max_reach, push_share):
    """Simulated annealing in place on ``order``/``pos``; returns (best count, best order, moves made).

    ``table`` is :func:`acceptance_table`; ``push_share`` (out of 1000) is the share
    of crossing pushes among the moves (the rest are one-layer moves).
    """
    L = order.shape[0]
    W = order.shape[1]
    n = pos.shape[1]
    steps_t = table.shape[0]
    max_up = table.shape[1] - 1
    s = (seed % (MOD - 1)) + 1  # Lehmer state in [1, MOD - 1]
    # gap counts
    gaps = np.zeros(max(L - 1, 1), dtype=np.int64)
    cur = 0
    for a in range(L - 1):
        b = a + 1
        g = 0
        for i in range(size[a]):
            pu = pos[b, order[a, i]]
            if pu < 0:
                continue
            for j in range(i + 1, size[a]):
                pv = pos[b, order[a, j]]
                if pv >= 0 and pv < pu:
                    g += 1
        gaps[a] = g
        cur += g
    best = cur
    best_order = order.copy()
    R = max(1, max_reach)
    s_order = np.zeros((R, W), dtype=np.int64)
    s_m = np.zeros((R, W), dtype=np.int64)
    s_p = np.zeros((R, W), dtype=np.int64)
    s_ml = np.zeros(R, dtype=np.int64)
    s_pl = np.zeros(R, dtype=np.int64)
    s_up = np.zeros(R, dtype=np.int64)
    s_layer = np.zeros(R, dtype=np.int64)
    s_gi = np.zeros(R, dtype=np.int64)      # gap between this layer and the previous one of the run
    s_gval = np.zeros(R, dtype=np.int64)    # its new value
    s_ogi = np.zeros(R, dtype=np.int64)     # the open gap beyond this layer (-1: none)
    s_oval = np.zeros(R, dtype=np.int64)
    s_cand = np.zeros(R, dtype=np.int64)
    mark_m = np.full(n, -1, dtype=np.int64)
    mark_p = np.full(n, -1, dtype=np.int64)
    stamp = 0
    it = 0
    while cur > 0 and it < iterations:
        temp = (it * steps_t) // iterations
        it += 1
        # ---- choose the move: layer k, lines x and y, direction, longest run
        s = s * 48271 % MOD
        if s % 1000 < push_share:
            nz = 0
            for a in range(L - 1):
                if gaps[a] > 0:
                    nz += 1
            s = s * 48271 % MOD
            t = (s * nz) // MOD
            l = -1
            for a in range(L - 1):
                if gaps[a] > 0:
                    if t == 0:
                        l = a
                        break
                    t -= 1
            s = s * 48271 % MOD
            t = (s * gaps[l]) // MOD
            x = -1
            y = -1
            for i in range(size[l]):
                u = order[l, i]
                pu = pos[l + 1, u]
                if pu < 0:
                    continue
                for j in range(i + 1, size[l]):
                    v = order[l, j]
                    pv = pos[l + 1, v]
                    if pv >= 0 and pv < pu:
                        if t == 0:
                            x = u
                            y = v
                        t -= 1
                if x >= 0:
                    break
            s = s * 48271 % MOD
            if s & 1024:
                u = x
                x = y
                y = u
            s = s * 48271 % MOD
            direction = 1 if s & 1024 else -1
            k0 = l + 1 if direction == 1 else l
            run = max_reach
        else:
            s = s * 48271 % MOD
            k0 = (s * L) // MOD
            m = size[k0]
            if m < 2:
                continue
            s = s * 48271 % MOD
            ix = (s * m) // MOD
            s = s * 48271 % MOD
            iy = (s * (m - 1)) // MOD
            if iy >= ix:
                iy += 1
            x = order[k0, ix]
            y = order[k0, iy]
            direction = 1
            run = 1
        # ---- evaluate the runs k0, k0 + direction, ...
        k = k0
        steps = 0
        delta = 0
        while 0 <= k < L and steps < run and gid[k, x] >= 0 and gid[k, y] >= 0:
            m = size[k]
            px = pos[k, x]
            py = pos[k, y]
            gx = gid[k, x]
            gy = gid[k, y]
            for i in range(m):
                s_order[steps, i] = order[k, i]
            if gx == gy:
                s_m[steps, 0] = x
                ml = 1
                pl = 0
                if px < py:
                    up = 1
                    for i in range(px + 1, py + 1):
                        s_p[steps, pl] = order[k, i]
                        pl += 1
                        s_order[steps, i - 1] = order[k, i]
                else:
                    up = 0
                    for i in range(py, px):
                        s_p[steps, pl] = order[k, i]
                        pl += 1
                        s_order[steps, i + 1] = order[k, i]
                s_order[steps, py] = x
            else:
                a1 = px
                while a1 > 0 and gid[k, order[k, a1 - 1]] == gx:
                    a1 -= 1
                b1 = px
                while b1 < m - 1 and gid[k, order[k, b1 + 1]] == gx:
                    b1 += 1
                a2 = py
                while a2 > 0 and gid[k, order[k, a2 - 1]] == gy:
                    a2 -= 1
                b2 = py
                while b2 < m - 1 and gid[k, order[k, b2 + 1]] == gy:
                    b2 += 1
                ml = b1 - a1 + 1
                for i in range(ml):
                    s_m[steps, i] = order[k, a1 + i]
                if a1 < a2:
                    up = 1
                    pl = b2 - b1
                    for i in range(pl):
                        s_p[steps, i] = order[k, b1 + 1 + i]
                        s_order[steps, a1 + i] = order[k, b1 + 1 + i]
                    for i in range(ml):
                        s_order[steps, a1 + pl + i] = s_m[steps, i]
                else:
                    up = 0
                    pl = a1 - a2
                    for i in range(pl):
                        s_p[steps, i] = order[k, a2 + i]
                    for i in range(ml):
                        s_order[steps, a2 + i] = s_m[steps, i]
                    for i in range(pl):
                        s_order[steps, a2 + ml + i] = s_p[steps, i]
            s_ml[steps] = ml
            s_pl[steps] = pl
            s_up[steps] = up
            s_layer[steps] = k
            # gap towards the previous layer of the run (or the fixed layer before the run)
            prev = k - direction
            d = 0
            if 0 <= prev < L:
                for i in range(ml):
                    u = s_m[steps, i]
                    pu = pos[prev, u]
                    if pu < 0:
                        continue
                    for j in range(pl):
                        v = s_p[steps, j]
                        pv = pos[prev, v]
                        if pv < 0:
                            continue
                        t = 1 if (up == 1) == (pu < pv) else -1
                        if steps > 0 and ((mark_m[u] == stamp and mark_p[v] == stamp)
                                          or (mark_p[u] == stamp and mark_m[v] == stamp)):
                            d -= t  # reversed in both layers: no change (the other side adds t back)
                        else:
                            d += t
                if steps > 0:
                    pml = s_ml[steps - 1]
                    ppl = s_pl[steps - 1]
                    pup = s_up[steps - 1]
                    for i in range(pml):
                        u = s_m[steps - 1, i]
                        pu = pos[k, u]
                        if pu < 0:
                            continue
                        for j in range(ppl):
                            v = s_p[steps - 1, j]
                            pv = pos[k, v]
                            if pv < 0:
                                continue
                            d += 1 if (pup == 1) == (pu < pv) else -1
                gi = prev if prev < k else k
                s_gi[steps] = gi
                s_gval[steps] = gaps[gi] + d
            else:
                s_gi[steps] = -1
            delta += d
            # the open gap beyond k
            nxt = k + direction
            d_open = 0
            if 0 <= nxt < L:
                for i in range(ml):
                    pu = pos[nxt, s_m[steps, i]]
                    if pu < 0:
                        continue
                    for j in range(pl):
                        pv = pos[nxt, s_p[steps, j]]
                        if pv < 0:
                            continue
                        d_open += 1 if (up == 1) == (pu < pv) else -1
                gi = nxt if nxt < k else k
                s_ogi[steps] = gi
                s_oval[steps] = gaps[gi] + d_open
            else:
                s_ogi[steps] = -1
            s_cand[steps] = delta + d_open
            # mark this layer's reversed pairs for the next step
            stamp += 1
            for i in range(ml):
                mark_m[s_m[steps, i]] = stamp
            for i in range(pl):
                mark_p[s_p[steps, i]] = stamp
            k += direction
            steps += 1
        if steps == 0:
            continue
        # ---- best run length (ties: random), Metropolis acceptance
        dbest = s_cand[0]
        for i in range(1, steps):
            if s_cand[i] < dbest:
                dbest = s_cand[i]
        ties = 0
        for i in range(steps):
            if s_cand[i] == dbest:
                ties += 1
        end = 0
        if ties > 1:
            s = s * 48271 % MOD
            t = (s * ties) // MOD
        else:
            t = 0
        for i in range(steps):
            if s_cand[i] == dbest:
                if t == 0:
                    end = i
                    break
                t -= 1
        if dbest > 0:
            if dbest > max_up:
                continue
            s = s * 48271 % MOD
            if s >= table[temp, dbest]:
                continue
        for i in range(end + 1):
            kk = s_layer[i]
            for j in range(size[kk]):
                c = s_order[i, j]
                order[kk, j] = c
                pos[kk, c] = j
            if s_gi[i] >= 0:
                gaps[s_gi[i]] = s_gval[i]
        if s_ogi[end] >= 0:
            gaps[s_ogi[end]] = s_oval[end]
        cur += dbest
        if cur < best:
            best = cur
            for a in range(L):
                for j in range(size[a]):
                    best_order[a, j] = order[a, j]
    return best, best_order, it


def anneal_reference(order, size, pos, gid, seed, iterations, table, max_reach=15, push_share=500):
    """The annealing interpreted by Python (the reference); arguments as :func:`anneal_compiled`."""
    return _anneal(order, size, pos, gid, int(seed), int(iterations), table, int(max_reach), int(push_share))


def count_reference(order, size, pos) -> int:
    return int(_count(order, size, pos))


try:  # numba compiles from wheels; without it everything runs interpreted
    import numba as _numba

    _anneal_jit = _numba.njit(cache=True, nogil=True)(_anneal)
    _count_jit = _numba.njit(cache=True, nogil=True)(_count)
except ImportError:  # pragma: no cover - numba is a dependency
    _numba = None
    _anneal_jit = _count_jit = None


def have_numba() -> bool:
    return _anneal_jit is not None


def anneal_compiled(order, size, pos, gid, seed, iterations, table, max_reach=15, push_share=500):
    """Simulated annealing (compiled by numba when available; otherwise the reference).

    Parameters
    ----------
    order, size, pos, gid : int64 arrays
        See :class:`Arrays`; ``order`` and ``pos`` are updated in place (final state).
    seed : int
    iterations : int
        Moves to try (the temperature follows the move count, so the result
        depends only on the inputs).
    table : int64 array
        :func:`acceptance_table`.
    max_reach : int
        Longest crossing push (layers).
    push_share : int
        Per mille of the moves that are crossing pushes.

    Returns
    -------
    (int, int64 array, int)
        The best crossing count seen, its orders, the moves made.
    """
    fn = _anneal_jit if _anneal_jit is not None else _anneal
    b, bo, it = fn(order, size, pos, gid, int(seed), int(iterations), table, int(max_reach), int(push_share))
    return int(b), bo, int(it)


def count_compiled(order, size, pos) -> int:
    fn = _count_jit if _count_jit is not None else _count
    return int(fn(order, size, pos))


def warm_up() -> None:
    """Compile (or load from numba's cache) the kernels on a tiny instance."""
    a = Arrays([[[0, 1]], [[1], [0]]], 2)
    order, pos = a.state([[0, 1], [1, 0]])
    anneal_compiled(order, a.size, pos, a.gid, 0, 10, acceptance_table(1.0, 0.1))
    count_compiled(order, a.size, pos)
