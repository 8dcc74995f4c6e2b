"""Vertical positions (y) for a storyline with fixed orders: straight lines, tight groups.

Given each layer's order (groups contiguous), members of a group sit at
consecutive slots and groups are separated by at least ``gap`` slots. Within
these constraints each layer is *aligned* to the previous one so that as many
lines as possible keep their y (fewer "wiggles", Tanahashi & Ma 2012; Liu et
al. 2013, StoryFlow, align then compact).

The alignment of one layer is a small dynamic program over its groups: each
group chooses an offset (its top slot); the score counts members whose y equals
their y in the previous layer; offsets must keep groups in order with the gap.
Candidate offsets are those that straighten at least one member, plus the
tightest position.

References
----------
.. [1] Y. Tanahashi, K.-L. Ma. "Design considerations for optimizing storyline
   visualizations." IEEE TVCG 18(12), 2012.
.. [2] S. Liu, Y. Wu, E. Wei, M. Liu, Y. Liu. "StoryFlow: tracking the evolution of
   stories." IEEE TVCG 19(12), 2013.
"""

from __future__ import annotations

from typing import Hashable, Sequence

__all__ = ["align_layers"]


def align_layers(layers: Sequence[Sequence[Sequence[Hashable]]], gap: float = 1.0) -> list[dict]:
    """Assign y to every character of every layer.

    Parameters
    ----------
    layers : sequence of layers, each a sequence of groups top to bottom
        (each group a sequence of character ids top to bottom).
    gap : float
        Empty slots between consecutive groups.

    Returns
    -------
    list of dict
        Per layer, character -> y (0 at the top of the tightest layout of the
        whole chart; lines may sit lower to stay straight).
    """
    out: list[dict] = []
    prev: dict = {}
    step = 1.0 + gap
    for groups in layers:
        groups = [list(g) for g in groups]
        if not groups:
            out.append({})
            prev = {}
            continue
        # dp over groups: states = (top offset of group k, best score, back pointer)
        # group k of size s occupies [t, t+s-1]; next group's top >= t + s + gap
        states: list[list[tuple[float, int, int]]] = []  # per group: (top, score, parent index)
        for k, g in enumerate(groups):
            cands = set()
            for i, c in enumerate(g):
                if c in prev:
                    cands.add(prev[c] - i)
            if k == 0:
                lows = [0.0]
            else:
                lows = [t + len(groups[k - 1]) - 1 + step for t, _, _ in states[-1]]
            cands.update(lows)
            row = []
            for t in sorted(cands):
                # best parent whose constraint allows t
                best = None
                if k == 0:
                    if t < 0:
                        continue
                    best = (0, -1)
                else:
                    for pi, (pt, psc, _) in enumerate(states[-1]):
                        if pt + len(groups[k - 1]) - 1 + step <= t + 1e-9:
                            if best is None or psc > best[0]:
                                best = (psc, pi)
                    if best is None:
                        continue
                score = best[0] + sum(1 for i, c in enumerate(g) if prev.get(c) == t + i)
                row.append((t, score, best[1]))
            # prune dominated states: keep, in increasing t, only strictly better scores
            row.sort()
            pruned = []
            for st in row:
                if not pruned or st[1] > pruned[-1][1]:
                    pruned.append(st)
            states.append(pruned)
        # back track from the best final state (ties: the smallest top)
        k = len(groups) - 1
        bi = max(range(len(states[k])), key=lambda i: (states[k][i][1], -states[k][i][0]))
        tops = [0.0] * len(groups)
        while k >= 0:
            t, _, parent = states[k][bi]
            tops[k] = t
            bi = parent
            k -= 1
        y = {}
        for t, g in zip(tops, groups):
            for i, c in enumerate(g):
                y[c] = float(t + i)
        out.append(y)
        prev = y
    return out
