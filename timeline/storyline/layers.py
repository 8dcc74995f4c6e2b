"""Storyline layers: which characters are grouped together at each x position.

The crossing convention of the published benchmark optima (Tanahashi & Ma 2012;
Gronemann, Jünger, Liers & Mambelli 2016) is implemented here:

* one layer per time step (a list of groups, the concurrent scenes of that step);
* a character's line runs from its first to its last appearance; in a layer
  where it is *active* but in no group it is a singleton (a 1-member group);
* consecutive identical layers (the same partition of the same active
  characters) are merged for counting crossings (this never changes the count
  of an optimal drawing, it only forbids pointless reshuffles);
* every group is contiguous in its layer's order;
* crossings = over consecutive layers, the pairs of characters present in both
  whose relative order flips.

A character listed in two groups of the same layer joins them (groups must be
contiguous and a character occupies one slot). Characters are identified by
any hashable id (strings in practice).

References
----------
.. [1] Y. Tanahashi, K.-L. Ma. "Design considerations for optimizing storyline
   visualizations." IEEE TVCG 18(12), 2012.
.. [2] C. Gronemann, M. Jünger, F. Liers, F. Mambelli. "Crossing minimization in
   storyline visualization." Graph Drawing 2016, LNCS 9801.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Iterable, Sequence

__all__ = ["LayerSet", "build_layers", "count_crossings", "naive_orders", "break_gap", "long_absences",
           "BREAK_MIN", "BREAK_FRACTION"]

#: A line breaks after an absence of more than max(BREAK_MIN, BREAK_FRACTION × layers) layers.
BREAK_MIN, BREAK_FRACTION = 8, 0.1

Group = tuple  # tuple of character ids


def _normalise_groups(groups: Iterable[Iterable[Hashable]]) -> list[list[Hashable]]:
    """Deduplicate members and join groups that share a character (keep listing order)."""
    out: list[list[Hashable]] = []
    where: dict[Hashable, int] = {}
    for g in groups:
        members: list[Hashable] = []
        seen = set()
        for c in g:
            if c not in seen:
                seen.add(c)
                members.append(c)
        if not members:
            continue
        hits = sorted({where[c] for c in members if c in where})
        if not hits:
            idx = len(out)
            out.append(members)
        else:
            idx = hits[0]
            for h in hits[1:]:  # join later groups into the first one
                for c in out[h]:
                    if c not in out[idx]:
                        out[idx].append(c)
                out[h] = []
            for c in members:
                if c not in out[idx]:
                    out[idx].append(c)
        for c in out[idx]:
            where[c] = idx
    return [g for g in out if g]


@dataclass(frozen=True)
class LayerSet:
    """Layers built per the convention.

    Attributes
    ----------
    raw : tuple of tuple of tuple
        One entry per input layer: its groups (listing order) including the
        singletons of active characters in no group (appended in first-appearance
        order).
    merged : tuple of tuple of tuple
        The distinct layers after merging consecutive identical ones.
    index : tuple of int
        ``index[i]`` is the merged layer that raw layer ``i`` belongs to.
    characters : tuple
        Every character, in first-appearance order (ties: listing order).
    first, last : dict
        Raw layer of each character's first / last appearance.
    """

    raw: tuple
    merged: tuple
    index: tuple
    characters: tuple
    first: dict
    last: dict

    @property
    def rank(self) -> dict:
        """Character -> position in first-appearance order."""
        return {c: i for i, c in enumerate(self.characters)}


def build_layers(layers: Sequence[Iterable[Iterable[Hashable]]]) -> LayerSet:
    """Build the convention's layers from plain group lists.

    Parameters
    ----------
    layers : sequence of sequences of iterables
        ``layers[i]`` is the list of groups at x position ``i``; each group an
        iterable of character ids. An empty layer is allowed (its active
        characters are all singletons).

    Returns
    -------
    LayerSet

    Examples
    --------
    >>> ls = build_layers([[["a", "b"]], [["a"], ["c"]], [["a"], ["c"]], [["b", "c"]]])
    >>> ls.merged
    ((('a', 'b'),), (('a',), ('c',), ('b',)), (('b', 'c'),))
    >>> ls.index
    (0, 1, 1, 2)
    """
    groups_per_layer = [_normalise_groups(gs) for gs in layers]
    first: dict = {}
    last: dict = {}
    chars: list = []
    for i, gs in enumerate(groups_per_layer):
        for g in gs:
            for c in g:
                if c not in first:
                    first[c] = i
                    chars.append(c)
                last[c] = i
    raw = []
    merged: list = []
    merged_keys: list = []
    index = []
    # sweep of active characters
    for i, gs in enumerate(groups_per_layer):
        inside = {c for g in gs for c in g}
        singles = [(c,) for c in chars if first[c] <= i <= last[c] and c not in inside]
        layer = tuple(tuple(g) for g in gs) + tuple(singles)
        raw.append(layer)
        key = frozenset(frozenset(g) for g in layer)
        if merged_keys and merged_keys[-1] == key:
            index.append(len(merged) - 1)
        else:
            merged.append(layer)
            merged_keys.append(key)
            index.append(len(merged) - 1)
    return LayerSet(tuple(raw), tuple(merged), tuple(index), tuple(chars), first, last)


def count_crossings(orders) -> int:
    """Crossings of a sequence of layer orders.

    Parameters
    ----------
    orders : sequence of sequences, or an object with ``layers`` whose items have ``order``
        Character ids top to bottom, one sequence per layer in x order.

    Returns
    -------
    int
        Over consecutive layers, the number of pairs of characters present in
        both whose relative order flips (Tanahashi & Ma 2012).

    Examples
    --------
    >>> count_crossings([["a", "b", "c"], ["c", "a", "b"], ["c", "a", "b"]])
    2
    """
    if hasattr(orders, "layers"):
        orders = [layer.order for layer in orders.layers]
    total = 0
    prev = None
    for order in orders:
        order = list(order)
        if prev is not None:
            pos = {c: i for i, c in enumerate(order)}
            seq = [pos[c] for c in prev if c in pos]
            total += _inversions(seq)
        prev = order
    return total


def _inversions(seq: list[int]) -> int:
    """Number of inversions (merge sort, O(n log n))."""
    n = len(seq)
    if n < 2:
        return 0
    if n < 32:
        return sum(1 for i in range(n) for j in range(i + 1, n) if seq[i] > seq[j])
    mid = n // 2
    left, right = seq[:mid], seq[mid:]
    inv = _inversions(left) + _inversions(right)
    left.sort()
    right.sort()
    j = 0
    for x in left:
        while j < len(right) and right[j] < x:
            j += 1
        inv += j
    return inv


def naive_orders(layerset: LayerSet, layers=None) -> list[list]:
    """First-appearance order: groups by their earliest member, members by first appearance.

    This is the "naive" column of the benchmark table.
    """
    rank = layerset.rank
    layers = layerset.merged if layers is None else layers
    out = []
    for layer in layers:
        gs = sorted(layer, key=lambda g: min(rank[c] for c in g))
        out.append([c for g in gs for c in sorted(g, key=rank.__getitem__)])
    return out


def break_gap(n_layers: int) -> int:
    """A line breaks where its character is absent for more than this many layers
    (a tenth of the chart, at least :data:`BREAK_MIN`), as in the hand-drawn charts
    and StoryFlow's lines that leave and re-enter.

    >>> break_gap(24), break_gap(190)
    (8, 19)
    """
    return max(BREAK_MIN, round(BREAK_FRACTION * n_layers))


def long_absences(layers: Sequence[Iterable[Iterable[Hashable]]], gap: int | None = None) -> list[set]:
    """Per layer, the characters inside a *long absence*: between two of their
    appearances more than ``gap`` layers apart (default :func:`break_gap`).

    Their lines are not drawn there (the chart breaks them), so they take no
    slot in the vertical layout; the crossing convention still counts them.

    Examples
    --------
    >>> [sorted(s) for s in long_absences([[["a", "b"]], [["b"]], [["b"]], [["a", "b"]]], gap=1)]
    [[], ['a'], ['a'], []]
    """
    seen: dict = {}
    n = len(layers)
    for i, gs in enumerate(layers):
        for g in gs:
            for c in g:
                xs = seen.setdefault(c, [])
                if not xs or xs[-1] != i:
                    xs.append(i)
    gap = break_gap(n) if gap is None else gap
    out: list[set] = [set() for _ in range(n)]
    for c, xs in seen.items():
        for a, b in zip(xs, xs[1:]):
            if b - a - 1 > gap:
                for i in range(a + 1, b):
                    out[i].add(c)
    return out
