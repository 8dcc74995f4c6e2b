"""Global-rank search for storyline crossing minimisation.

Storyline lines are long-lived, so good layouts keep the relative order of two
lines for long stretches. Following that observation (Tanahashi & Ma 2012;
Liu et al. 2013, StoryFlow, whose ordering starts from a global line order), we
search over one *global rank* of the characters (a permutation) and derive
every layer's order from it under the group constraints: groups are sorted by
their best-ranked member, members by rank.

With the "best-ranked member" key, moving one character ``c`` in the rank only
changes the layers in which ``c`` is active, so all insertion positions of
``c`` are evaluated at once (one numpy batch over the layer pairs touching
``c``'s lifetime). Local search moves one character at a time to its best
position (sifting, Matuszewski et al. 1999) until no move gains.

References
----------
.. [1] Y. Tanahashi, K.-L. Ma. IEEE TVCG 18(12), 2012.
.. [2] S. Liu et al. "StoryFlow." IEEE TVCG 19(12), 2013.
.. [3] C. Matuszewski, R. Schönfeld, P. Molitor. "Using sifting for k-layer
   straightline crossing minimization." GD 1999.
"""

from __future__ import annotations

import numpy as np

__all__ = ["RankModel"]


class RankModel:
    """Merged layers (lists of groups of character ints ``0..n-1``) prepared for rank search."""

    def __init__(self, layers: list[list[list[int]]], n: int):
        self.n = n
        self.L = L = len(layers)
        gm: list[int] = []
        gstart: list[int] = []
        GI = np.zeros((L, n), dtype=np.int64)
        act = np.zeros((L, n), dtype=bool)
        g = 0
        for l, layer in enumerate(layers):
            for grp in layer:
                gstart.append(len(gm))
                gm.extend(grp)
                for c in grp:
                    GI[l, c] = g
                    act[l, c] = True
                g += 1
        self.gm = np.asarray(gm, dtype=np.int64)
        self.gstart = np.asarray(gstart, dtype=np.int64)
        self.GI = GI
        self.act = act
        # layer pairs: the characters active in both
        P = max(L - 1, 0)
        commons = [np.flatnonzero(act[l] & act[l + 1]) for l in range(P)]
        K = max((len(x) for x in commons), default=0)
        K = max(K, 1)
        PI = np.zeros((P, K), dtype=np.int64)
        PM = np.zeros((P, K), dtype=bool)
        for l, cm in enumerate(commons):
            PI[l, : len(cm)] = cm
            PM[l, : len(cm)] = True
        tri = np.triu(np.ones((K, K), dtype=bool), 1)
        self.PI, self.PM = PI, PM
        self.pairmask = PM[:, :, None] & PM[:, None, :] & tri[None]
        # layer pairs touched by each character (active in l or l + 1)
        touch = act[:-1] | act[1:] if P else np.zeros((0, n), dtype=bool)
        self.touch = [np.flatnonzero(touch[:, c]) for c in range(n)]

    # -- evaluation ------------------------------------------------------------
    def _values(self, R: np.ndarray) -> np.ndarray:
        """(B, L, n) comparison keys: best-ranked member of the group, then own rank."""
        gmin = np.minimum.reduceat(R[:, self.gm], self.gstart, axis=1) if len(self.gm) else np.zeros((R.shape[0], 0), dtype=R.dtype)
        return gmin[:, self.GI] * (self.n + 1) + R[:, None, :]

    def crossings(self, R: np.ndarray, pairs: np.ndarray | None = None) -> np.ndarray:
        """Crossings (over the layer pairs ``pairs``, default all) for a batch of ranks ``R`` (B, n)."""
        R = np.atleast_2d(R)
        if pairs is None:
            pairs = np.arange(self.PI.shape[0])
        if len(pairs) == 0:
            return np.zeros(R.shape[0], dtype=np.int64)
        V = self._values(R)
        PI = self.PI[pairs]
        A = V[:, pairs[:, None], PI]
        B = V[:, pairs[:, None] + 1, PI]
        dA = A[..., :, None] - A[..., None, :]
        dB = B[..., :, None] - B[..., None, :]
        flip = ((dA > 0) != (dB > 0)) & self.pairmask[pairs][None]
        return flip.sum(axis=(1, 2, 3))

    def orders(self, rank: np.ndarray, layers) -> list[list[list[int]]]:
        """Grouped orders (per layer: groups top to bottom, members top to bottom) from a rank."""
        out = []
        for layer in layers:
            gs = [sorted(g, key=rank.__getitem__) for g in layer]
            gs.sort(key=lambda g: rank[g[0]])
            out.append(gs)
        return out

    # -- search ----------------------------------------------------------------
    def sift(self, perm: list[int], rng, max_passes: int = 50, deadline: float | None = None, clock=None) -> tuple[list[int], int]:
        """Move characters one at a time to their best rank position until no gain."""
        n = self.n
        perm = list(perm)
        best_total = int(self.crossings(_rank_of(perm, n))[0])
        for _ in range(max_passes):
            improved = False
            order = list(range(n))
            rng.shuffle(order)
            for c in order:
                pairs = self.touch[c]
                if len(pairs) == 0:
                    continue
                base = [x for x in perm if x != c]
                cur = perm.index(c)
                pos = np.arange(n)
                j = np.arange(n - 1)
                R = np.empty((n, n), dtype=np.int64)
                R[:, base] = j[None, :] + (j[None, :] >= pos[:, None])
                R[:, c] = pos
                cost = self.crossings(R, pairs)
                p = int(np.argmin(cost))
                if cost[p] < cost[cur]:
                    best_total -= int(cost[cur] - cost[p])
                    perm = base[:p] + [c] + base[p:]
                    improved = True
                if deadline is not None and clock() > deadline:
                    return perm, best_total
            if not improved:
                break
        return perm, best_total


def _rank_of(perm, n) -> np.ndarray:
    R = np.empty(n, dtype=np.int64)
    R[np.asarray(perm, dtype=np.int64)] = np.arange(n)
    return R
