"""Exact crossing minimisation: a pairwise-order integer program solved with HiGHS.

Following Gronemann, Jünger, Liers & Mambelli (GD 2016), the order of every
layer is encoded by binary *pair-order* variables and transitivity
constraints; crossings between consecutive layers are binaries that must be 1
when a pair's order differs. Group contiguity is built into the encoding rather
than added as constraints: in each layer there is one variable per pair of
*groups* (all cross-group character pairs share it) and one per pair of members
inside a group, with transitivity on group triples and on member triples.
Before the model is built, layers dominated by a neighbour are left out
(:class:`_Reduction`), and forced crossings of character triples are added as
inequalities (:func:`triple_windows`).
Symmetry is broken by fixing one variable of the first layer (mirroring every
layer keeps the crossing count). The heuristic solution is given to HiGHS as a
start; the time limit, the dual bound and optimality come from HiGHS.

References
----------
.. [1] C. Gronemann, M. Jünger, F. Liers, F. Mambelli. "Crossing minimization in
   storyline visualization." GD 2016, LNCS 9801, pp. 367-381.
.. [2] Q. Huangfu, J. A. J. Hall. "Parallelizing the dual revised simplex method."
   Math. Prog. Comp. 10, 2018 (HiGHS).
"""

from __future__ import annotations

import math
import time
from array import array
from itertools import combinations
from math import comb

import numpy as np

from ..errors import StoryError
from .layers import LayerSet, count_crossings

__all__ = ["exact_orders", "model_size", "check_model_size", "MAX_NONZEROS"]

#: Largest model (constraint-matrix nonzeros) the exact method builds; HiGHS
#: needs some hundred bytes per nonzero once its presolve and cuts run.
MAX_NONZEROS = 2_000_000
#: Longest forced-crossing window (layers) added as an inequality.
WINDOW_MAX = 8


def model_size(ls: LayerSet) -> tuple[int, int, int]:
    """(columns, rows, nonzeros) of the integer program for ``ls``, counted without building it."""
    cols = rows = nnz = 0
    prev = None
    for layer in ls.merged:
        G = len(layer)
        cols += comb(G, 2)
        rows += comb(G, 3)
        for g in layer:
            cols += comb(len(g), 2)
            rows += comb(len(g), 3)
        act = {c for g in layer for c in g}
        if prev is not None:
            k = len(act & prev)
            cols += comb(k, 2)
            rows += 2 * comb(k, 2)
        prev = act
    nnz = 3 * rows
    return cols, rows, nnz


def check_model_size(ls: LayerSet, max_nonzeros: int | None = None) -> None:
    """Raise :class:`~timeline.errors.StoryError` when the model would be too big to build.

    The limit is ``max_nonzeros`` (default :data:`MAX_NONZEROS`).
    """
    limit = MAX_NONZEROS if max_nonzeros is None else max_nonzeros
    cols, rows, nnz = model_size(ls)
    if nnz > limit:
        raise StoryError(
            f"this story is too big for the exact method: its model would have {cols:,} variables, "
            f"{rows:,} constraints and {nnz:,} nonzeros (limit {limit:,}); "
            "use the heuristic method, or lay out fewer scenes")


class _Model:
    """Columns and rows of the integer program, stored flat (row-wise, 3 nonzeros a row)."""

    def __init__(self):
        self.ncols = 0
        self.cost = array("d")
        self.rows_lo = array("d")
        self.rows_hi = array("d")
        self.r_start = array("q", [0])
        self.r_idx = array("i")
        self.r_val = array("d")
        self.fixed_one: list[int] = []

    def var(self, cost=0.0) -> int:
        self.cost.append(cost)
        self.ncols += 1
        return self.ncols - 1

    def row(self, idx, val, lo, hi):
        self.r_idx.extend(idx)
        self.r_val.extend(val)
        self.r_start.append(len(self.r_idx))
        self.rows_lo.append(lo)
        self.rows_hi.append(hi)


def _encode_layer(model: _Model, groups: list[list[int]]):
    """Variables of one layer; returns pair(a, b) -> (col, positive) meaning a above b."""
    gof = {}
    pos_in = {}
    for gi, g in enumerate(groups):
        for k, c in enumerate(g):
            gof[c] = gi
            pos_in[c] = k
    gvar = {}
    for i, j in combinations(range(len(groups)), 2):
        gvar[i, j] = model.var()
    for i, j, k in combinations(range(len(groups)), 3):
        model.row([gvar[i, j], gvar[j, k], gvar[i, k]], [1.0, 1.0, -1.0], 0.0, 1.0)
    mvar = {}
    for gi, g in enumerate(groups):
        for i, j in combinations(range(len(g)), 2):
            mvar[gi, i, j] = model.var()
        for i, j, k in combinations(range(len(g)), 3):
            model.row([mvar[gi, i, j], mvar[gi, j, k], mvar[gi, i, k]], [1.0, 1.0, -1.0], 0.0, 1.0)

    def pair(a, b):
        ga, gb = gof[a], gof[b]
        if ga == gb:
            i, j = pos_in[a], pos_in[b]
            return (mvar[ga, i, j], True) if i < j else (mvar[ga, j, i], False)
        return (gvar[ga, gb], True) if ga < gb else (gvar[gb, ga], False)

    return pair, gvar, mvar


class _Reduction:
    """An equivalent smaller instance: same optimum, fewer characters and layers.

    Exact reductions, each keeping the optimum (a drawing of the reduced
    instance extends to one of the whole with as many crossings, and every
    drawing of the whole gives one of the reduced with at most as many):

    * (``merge``) a character active in one layer only has no crossings; it
      is left out and put back inside its group (or, alone, below the others);
    * (``merge``) *twins*, characters with the same lifetime that share a
      group in every layer, are one line of weight ``k`` (a crossing of lines
      of weights ``u`` and ``v`` costs ``u * v``): drawing every twin along the
      one with the fewest crossings never adds any (the exchange argument for
      parallel edges of multi-layer crossing minimisation);
    * (``dominance``) a layer is left out when a neighbouring layer
      *dominates* it: every character of the layer is in the neighbour, and
      every group of two or more is a group of the neighbour (less the
      characters the layer lacks). The neighbour's order, less those
      characters, is then a valid order of the layer at no cost across their
      gap; and leaving a layer out never adds crossings, because a pair alive
      on both sides of it is alive in it (lifetimes are intervals) and counts
      at most once where it counted in one of the two gaps (Kendall distance
      is a metric). Layers where a scene breaks up into lone characters, or
      lone characters wait for the next scene, are such layers; equal
      consecutive layers dominate each other. Repeated until no layer is
      dominated (Star Wars 50 -> 39 layers, jean 1 80 -> 61).

    These are problem-specific reductions in the spirit of those Dobler et al.
    (GD 2024) use to shrink the ILP before solving, in our own form.
    """

    def __init__(self, layers: list[list[list[int]]], n: int, merge: bool = True, dominance: bool = True):
        self.full = layers
        L = len(layers)
        first = [L] * n
        last = [-1] * n
        where = [dict() for _ in range(L)]
        for l, gs in enumerate(layers):
            for gi, g in enumerate(gs):
                for c in g:
                    first[c] = min(first[c], l)
                    last[c] = max(last[c], l)
                    where[l][c] = gi
        self.where = where
        drop = set()
        rep = list(range(n))
        if merge:
            drop = {c for c in range(n) if first[c] == last[c]}
            seen: dict = {}
            for c in range(n):
                if c in drop or last[c] < 0:
                    continue
                sig = (first[c], last[c], tuple(where[l][c] for l in range(first[c], last[c] + 1)))
                rep[c] = seen.setdefault(sig, c)
        self.drop = drop
        members: dict = {}
        for c in range(n):
            if c not in drop and last[c] >= 0:
                members.setdefault(rep[c], []).append(c)
        self.members = members
        self.weight = [len(members.get(c, ())) for c in range(n)]
        reduced = []
        for gs in layers:
            rg = [[c for c in g if c not in drop and rep[c] == c] for g in gs]
            reduced.append([g for g in rg if g])
        self.alive = [{c for g in gs for c in g} for gs in reduced]
        # runs of original layers drawn with one reduced layer: [its own layer, the layers it stands for]
        runs = [[l, [l]] for l in range(L)]
        changed = dominance
        while changed:
            changed = False
            i = 0
            while i < len(runs):
                own = runs[i][0]
                into = None
                for j in (i - 1, i + 1):
                    if 0 <= j < len(runs) and self._dominated(reduced[own], self.alive[own], reduced[runs[j][0]]):
                        into = j
                        break
                if into is None:
                    i += 1
                    continue
                runs[into][1].extend(runs[i][1])
                del runs[i]
                changed = True
        self.keep = [own for own, _ in runs]
        self.layers = [reduced[own] for own in self.keep]
        self.index = [0] * L
        for k, (_, covered) in enumerate(runs):
            for l in covered:
                self.index[l] = k

    @staticmethod
    def _dominated(groups, alive, other) -> bool:
        """True when layer ``other`` dominates the layer of ``groups`` (see the class)."""
        other_alive = {c for g in other for c in g}
        if not alive <= other_alive:
            return False
        big = [frozenset(g) for g in other]
        return all(len(g) < 2 or any(frozenset(g) == (h & alive) for h in big) for g in groups)

    def reduce_orders(self, orders: list[list[int]]) -> list[list[int]]:
        """Full orders (one per original layer) -> orders of the reduced layers (each its own layer's)."""
        return [[c for c in orders[own] if c in self.alive[own]] for own in self.keep]

    def expand(self, orders: list[list[int]]) -> list[list[int]]:
        """Orders of the reduced layers -> full orders (twins beside their line, one-layer characters in their group)."""
        out = []
        for l, gs in enumerate(self.full):
            where = self.where[l]
            alive = self.alive[l]
            base = []
            for c in orders[self.index[l]]:
                if c in alive:
                    base.extend(self.members.get(c, (c,)))
            extra: dict = {}
            for g in gs:
                for c in g:
                    if c in self.drop:
                        extra.setdefault(where[c], []).append(c)
            if extra:
                last_of = {}
                for i, c in enumerate(base):
                    last_of[where[c]] = i
                res = []
                for i, c in enumerate(base):
                    res.append(c)
                    gi = where[c]
                    if last_of.get(gi) == i and gi in extra:
                        res.extend(extra.pop(gi))
                for gi in sorted(extra):
                    res.extend(extra[gi])
                base = res
            out.append(base)
        return out


def exact_orders(ls: LayerSet, *, time_limit: float | None = None, start=None, threads: int | None = None,
                 max_nonzeros: int | None = None, options: dict | None = None, triples: bool = True,
                 reduce: bool = False, dominance: bool = True, symmetry: bool | str = True) -> dict:
    """Solve the crossing-minimisation ILP for the merged layers of ``ls``.

    Parameters
    ----------
    ls : LayerSet
    time_limit : float, optional
        Seconds for building the model *and* solving it: building stops at
        the limit (the start is returned, unproven) and HiGHS gets what is left.
    start : list of orders, optional
        A feasible solution (character ids per merged layer) used as MIP start
        and returned when HiGHS finds nothing better.
    options : dict, optional
        Further HiGHS options (name -> value).
    triples : bool
        Add the forced-crossing inequalities of character triples
        (:func:`triple_windows`). They raise the LP bound at the root (The
        Matrix 0.5 -> 7.5, Star Wars 1 -> 16, Inception 0.5 -> 20). On the
        whole model they slowed the proof (Inception 8 s -> 48 s); on the
        model left by ``dominance`` they pay (median of three HiGHS seeds,
        quiet machine, with / without: Star Wars 29 / 52 s, Inception 7 / 30 s,
        jean 1 4.7 / 6.5 s, The Matrix 5.0 / 2.8 s), so the default is on.
    dominance : bool
        Leave out the layers a neighbouring layer dominates
        (:class:`_Reduction`). Default True (one HiGHS seed, quiet machine,
        with / without: Star Wars 27 / 91 s, jean 1 5.2 / 11 s, The Matrix
        2.8 / 4.8 s).
    reduce : bool
        Also leave out characters seen in one layer only and merge twins into
        one weighted line (:class:`_Reduction`). Default False: the reduced
        model is smaller but HiGHS proves it with more work (jean 1: 20 nodes,
        36,232 LP iterations vs 16 and 33,090; The Matrix and Inception: the
        same model), and the size cap counts the unreduced model anyway.
    symmetry : bool or "parts"
        True (default): fix one order variable of the first layer that has
        one (the whole drawing mirrored); ``"parts"``: one in each part of
        :func:`_mirror_parts` (valid, fewer nodes on jean 1, 12 vs 16, but
        slower there: 29.4 s vs 22.9 s, so not the default); False: none.
    max_nonzeros : int, optional
        Model-size cap (default :data:`MAX_NONZEROS`): a bigger model is refused
        with a :class:`~timeline.errors.StoryError` before anything is built.

    Returns
    -------
    dict
        ``orders``, ``optimal`` (True when HiGHS proves optimality),
        ``lower_bound`` (dual bound rounded up, or None), ``stopped``
        (``"model"`` when the time ran out while building the model, else None).
    """
    t0 = time.perf_counter()
    deadline = math.inf if time_limit is None else t0 + float(time_limit)
    try:
        import highspy
    except ImportError:
        raise StoryError("the exact method needs the HiGHS solver: pip install highspy") from None

    merged = ls.merged
    L = len(merged)
    if L == 0:
        return {"orders": [], "optimal": True, "lower_bound": 0, "stopped": None}
    check_model_size(ls, max_nonzeros)

    def out_of_time():
        if start is None:
            raise StoryError("the exact method ran out of time while building its model; "
                             "give it more time (--time-limit) or use the heuristic method")
        return {"orders": [list(o) for o in start], "optimal": False, "lower_bound": None, "stopped": "model"}

    chars = {}
    for layer in merged:
        for g in layer:
            for c in g:
                chars.setdefault(c, len(chars))
    ids = list(chars)
    full_layers = [[[chars[c] for c in g] for g in layer] for layer in merged]
    red = _Reduction(full_layers, len(ids), merge=reduce, dominance=dominance)
    layers = red.layers
    L = len(layers)
    weight = red.weight
    model = _Model()
    enc = []
    for gs in layers:
        enc.append(_encode_layer(model, gs))
        if time.perf_counter() > deadline:
            return out_of_time()
    actives = [sorted(c for g in gs for c in g) for gs in layers]
    cross = []  # (col, a, b, l)
    for l in range(L - 1):
        both = sorted(set(actives[l]) & set(actives[l + 1]))
        p0, p1 = enc[l][0], enc[l + 1][0]
        for a, b in combinations(both, 2):
            (u, su), (v, sv) = p0(a, b), p1(a, b)
            if u == v:  # cannot happen across layers; kept for safety
                continue
            c = model.var(cost=float(weight[a] * weight[b]))
            cross.append((c, l, a, b))
            # value_u = u if su else 1-u ; c >= val_u - val_v  and  c >= val_v - val_u
            cu = 1.0 if su else -1.0
            cv = 1.0 if sv else -1.0
            const = (0.0 if su else 1.0) - (0.0 if sv else 1.0)
            model.row([c, u, v], [1.0, -cu, cv], const, math.inf)
            model.row([c, u, v], [1.0, cu, -cv], -const, math.inf)
        if time.perf_counter() > deadline:
            return out_of_time()
    if triples and L > 1:
        where = {(l, a, b): col for col, l, a, b in cross}
        for a, b, c, first, last in triple_windows(layers, len(ids)):
            if last - first > WINDOW_MAX:
                continue
            cols = [where[l, x, y] for l in range(first, last) for x, y in ((a, b), (a, c), (b, c))]
            vals = [float(weight[x] * weight[y]) for l in range(first, last) for x, y in ((a, b), (a, c), (b, c))]
            model.row(cols, vals, float(min(weight[a] * weight[b], weight[a] * weight[c], weight[b] * weight[c])),
                      math.inf)
        if time.perf_counter() > deadline:
            return out_of_time()
    # symmetry: mirroring every layer of a part keeps the crossings; fix one order
    # variable in the first layer of each part that has one (one part unless "parts")
    fixed = []  # (first layer, last layer, column) per part with a variable
    if symmetry:
        for lo_l, hi_l in (_mirror_parts(actives) if symmetry == "parts" else [(0, L - 1)]):
            for l in range(lo_l, hi_l + 1):
                cols = list(enc[l][1].values()) + list(enc[l][2].values())
                if cols:
                    fixed.append((lo_l, hi_l, cols[0]))
                    break
    n = model.ncols
    lower = np.zeros(n)
    for _, _, col in fixed:
        lower[col] = 1.0

    h = _quiet_highs(highspy)
    if threads is not None:
        h.setOptionValue("threads", int(threads))
    h.setOptionValue("mip_rel_gap", 0.0)
    if start is not None:
        # the start is the portfolio's result, usually optimal already: HiGHS's
        # primal heuristics find nothing better and only slow the proof (measured:
        # The Matrix 5.6 s -> 3.3 s, jean 1 12.6 s -> 10 s)
        h.setOptionValue("mip_heuristic_effort", 0.0)
        # the root sub-MIP heuristics (RINS, RENS, feasibility jump, reduced-cost
        # fixing) still run at effort 0 and find nothing better either (measured,
        # same nodes: The Matrix 10.6 s -> 7.2 s, Inception 11.7 s -> 8.6 s)
        for name in ("mip_heuristic_run_rins", "mip_heuristic_run_rens",
                     "mip_heuristic_run_feasibility_jump", "mip_heuristic_run_root_reduced_cost"):
            h.setOptionValue(name, False)
    for key, value in (options or {}).items():
        h.setOptionValue(key, value)
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = len(model.rows_lo)
    lp.col_cost_ = np.frombuffer(model.cost, dtype=float).copy()
    lp.col_lower_ = lower
    lp.col_upper_ = np.ones(n)
    lp.row_lower_ = np.frombuffer(model.rows_lo, dtype=float).copy()
    hi = np.frombuffer(model.rows_hi, dtype=float).copy()
    hi[np.isinf(hi)] = highspy.kHighsInf
    lp.row_upper_ = hi
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.frombuffer(model.r_start, dtype=np.int64).astype(np.int32)
    lp.a_matrix_.index_ = np.frombuffer(model.r_idx, dtype=np.int32).copy()
    lp.a_matrix_.value_ = np.frombuffer(model.r_val, dtype=float).copy()
    lp.a_matrix_.num_col_ = n
    lp.a_matrix_.num_row_ = lp.num_row_
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n
    h.passModel(lp)

    start_ints = None
    if start is not None:
        start_ints = red.reduce_orders([[chars[c] for c in o] for o in start])
        vals = _values_from_orders(model, enc, layers, cross, start_ints)
        flip = [(lo_l, hi_l) for lo_l, hi_l, col in fixed if vals[col] < 0.5]
        if flip:  # mirror those parts to satisfy the symmetry fix
            for lo_l, hi_l in flip:
                for l in range(lo_l, hi_l + 1):
                    start_ints[l] = list(reversed(start_ints[l]))
            vals = _values_from_orders(model, enc, layers, cross, start_ints)
        sol = highspy.HighsSolution()
        sol.col_value = list(vals)
        sol.value_valid = True
        h.setSolution(sol)
    left = deadline - time.perf_counter()
    if left <= 0:
        return out_of_time()
    if math.isfinite(left):
        h.setOptionValue("time_limit", float(left))
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    orders = None
    try:
        x = np.asarray(h.getSolution().col_value)
        if len(x) == n and info.primal_solution_status >= 2:
            orders = red.expand(_orders_from_values(enc, layers, x))
    except Exception:  # pragma: no cover
        orders = None
    if n == 0:  # nothing left to decide (the reduction removed every choice)
        orders = red.expand(_orders_from_values(enc, layers, np.zeros(0)))
        status = highspy.HighsModelStatus.kOptimal
    best = None
    if orders is not None:
        best = [[ids[c] for c in o] for o in orders]
    if start is not None:
        if best is None or count_crossings(start) < count_crossings(best):
            best = [list(o) for o in start]
    if best is None:
        raise StoryError("the exact method found no solution within its time limit; "
                         "give it more time (--time-limit) or use the heuristic method")
    optimal = status == highspy.HighsModelStatus.kOptimal
    lb = info.mip_dual_bound
    lower_b = None
    if lb is not None and math.isfinite(lb):
        lower_b = max(0, int(math.ceil(lb - 1e-6)))
    if optimal:
        lower_b = count_crossings(best)
    return {"orders": best, "optimal": bool(optimal), "lower_bound": lower_b, "stopped": None}


def _mirror_parts(actives: list[list[int]]) -> list[tuple[int, int]]:
    """Runs of layers ``(first, last)`` that can be mirrored independently.

    Mirroring every layer of a drawing keeps its crossings (each pair flips on
    both sides of every gap), so fixing one pair's order breaks that symmetry
    (Gronemann et al., GD 2016; Dobler et al., GD 2024 fix one pair's order in
    the first layer they share). Where two consecutive layers share at most
    one character no pair can cross in that gap, so the layers after it can
    be mirrored on their own: each such part gets its own fixed pair.
    """
    parts = []
    lo = 0
    for l in range(len(actives) - 1):
        if len(set(actives[l]) & set(actives[l + 1])) <= 1:
            parts.append((lo, l))
            lo = l + 1
    if actives:
        parts.append((lo, len(actives) - 1))
    return parts


def _quiet_highs(highspy):
    """A Highs instance with logging off before HiGHS prints anything.

    ``highspy.Highs()`` enables callbacks in its constructor, which writes the
    start-up banner before any option can be set (HiGHS issue #1702: options must
    be set before the first method call). The core class ``highspy._Highs``
    (exported by highspy) takes ``output_flag``/``log_to_console`` first, so the
    CLI's ``--json`` output stays clean without redirecting file descriptors.
    """
    core = getattr(highspy, "_Highs", None)
    h = core() if core is not None else highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("log_to_console", False)
    return h


def _values_from_orders(model, enc, layers, cross, orders):
    vals = np.zeros(model.ncols)
    pos_l = []
    for (pair, gvar, mvar), gs, order in zip(enc, layers, orders):
        pos = {c: i for i, c in enumerate(order)}
        pos_l.append(pos)
        for (i, j), col in gvar.items():
            vals[col] = 1.0 if pos[gs[i][0]] < pos[gs[j][0]] else 0.0
        for (gi, i, j), col in mvar.items():
            g = gs[gi]
            vals[col] = 1.0 if pos[g[i]] < pos[g[j]] else 0.0
    for col, l, a, b in cross:
        p, q = pos_l[l], pos_l[l + 1]
        vals[col] = 1.0 if (p[a] < p[b]) != (q[a] < q[b]) else 0.0
    return vals


def _orders_from_values(enc, layers, x):
    out = []
    for (pair, gvar, mvar), gs in zip(enc, layers):
        G = len(gs)
        above = [0] * G  # number of groups this one is above
        for (i, j), col in gvar.items():
            if x[col] > 0.5:
                above[i] += 1
            else:
                above[j] += 1
        gorder = sorted(range(G), key=lambda g: -above[g])
        order = []
        for gi in gorder:
            g = gs[gi]
            ab = [0] * len(g)
            for i, j in combinations(range(len(g)), 2):
                if x[mvar[gi, i, j]] > 0.5:
                    ab[i] += 1
                else:
                    ab[j] += 1
            order.extend(g[k] for k in sorted(range(len(g)), key=lambda k: -ab[k]))
        out.append(order)
    return out


#: Permutations of a triple (0, 1, 2) and the pairs each one flips against each other one.
_PERMS = ((0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0))


def _perm_flips() -> np.ndarray:
    out = np.zeros((6, 6), dtype=np.int64)
    for i, p in enumerate(_PERMS):
        for j, q in enumerate(_PERMS):
            pp = {c: k for k, c in enumerate(p)}
            qq = {c: k for k, c in enumerate(q)}
            out[i, j] = sum((pp[a] < pp[b]) != (qq[a] < qq[b]) for a, b in ((0, 1), (0, 2), (1, 2)))
    return out


def triple_bounds(layers: list[list[list[int]]], n: int) -> list[tuple[int, int, int, int, int, int]]:
    """Forced crossings of character triples: ``(a, b, c, first, last, bound)`` with ``bound >= 1``.

    For three characters alive together in layers ``first .. last``, the
    least number of crossings among them in any drawing, found by dynamic
    programming over the six orders of the triple per layer (an order is
    allowed when two of them sharing a group that the third is not in are
    adjacent). Every drawing has at least ``bound`` crossings among these
    three pairs in those gaps, so ``sum of their crossing variables >= bound``
    is a valid inequality; the LP relaxation of the pairwise model has a bound
    of zero without them (every order variable at 1/2). Lower bounds from
    small sub-instances are the "forced crossings" argument of Kostitsyna et
    al. (GD 2015) and, as ILP enrichments, of Dobler et al. (GD 2024).
    """
    L = len(layers)
    if L < 2 or n < 3:
        return []
    gid = np.full((L, n), -1, dtype=np.int64)
    for l, gs in enumerate(layers):
        for gi, g in enumerate(gs):
            gid[l, g] = gi
    act = gid >= 0
    first = np.where(act.any(0), act.argmax(0), L)
    last = np.where(act.any(0), L - 1 - act[::-1].argmax(0), -1)
    tri = np.array([t for t in combinations(range(n), 3)], dtype=np.int64)
    if len(tri) == 0:
        return []
    s = first[tri].max(1)
    t = last[tri].min(1)
    keep = t > s
    tri, s, t = tri[keep], s[keep], t[keep]
    if len(tri) == 0:
        return []
    flips = _perm_flips()
    big = 10 ** 6
    V = np.zeros((len(tri), 6), dtype=np.int64)
    lb = np.zeros(len(tri), dtype=np.int64)
    # adjacency demanded by each state: permutation p keeps pair (i, j) adjacent unless the third is between
    middle = np.array([p[1] for p in _PERMS])  # the element in the middle of each order
    for l in range(L):
        on = (s <= l) & (l <= t)
        if not on.any():
            continue
        g = gid[l][tri[on]]  # (T, 3) groups of the members
        # pair (i, j) grouped without k -> k may not be in the middle
        bad = np.zeros((len(g), 6), dtype=bool)
        for k, (i, j) in ((2, (0, 1)), (1, (0, 2)), (0, (1, 2))):
            forced = (g[:, i] == g[:, j]) & (g[:, k] != g[:, i])
            bad |= forced[:, None] & (middle[None, :] == k)
        pen = np.where(bad, big, 0)
        idx = np.nonzero(on)[0]
        starting = s[idx] == l
        Vl = V[idx]
        trans = (Vl[:, :, None] + flips[None, :, :]).min(1)
        newV = np.where(starting[:, None], 0, trans) + pen
        V[idx] = np.minimum(newV, big)
        ending = t[idx] == l
        if ending.any():
            lb[idx[ending]] = V[idx[ending]].min(1)
    hit = np.nonzero(lb >= 1)[0]
    return [(int(tri[i, 0]), int(tri[i, 1]), int(tri[i, 2]), int(s[i]), int(t[i]), int(lb[i])) for i in hit]


def _allowed(groups_of_members) -> list[int]:
    """Orders (indices into ``_PERMS``) of a triple allowed by its members' groups in one layer."""
    g = groups_of_members
    out = []
    for i, p in enumerate(_PERMS):
        mid = p[1]
        ok = True
        for k, (a, b) in ((2, (0, 1)), (1, (0, 2)), (0, (1, 2))):
            if g[a] == g[b] and g[k] != g[a] and mid == k:
                ok = False
        if ok:
            out.append(i)
    return out


def triple_windows(layers, n, bounds=None) -> list[tuple[int, int, int, int, int]]:
    """Short forced-crossing windows ``(a, b, c, first, last)``: each forces one crossing among the triple.

    The interval of every triple of :func:`triple_bounds` is cut greedily
    into consecutive windows, each the shortest from its start in which the
    triple cannot be drawn without a crossing; windows share no gap, so a
    drawing has at least one crossing among the three pairs in each.
    """
    if bounds is None:
        bounds = triple_bounds(layers, n)
    gof = []
    for gs in layers:
        d = {}
        for gi, g in enumerate(gs):
            for c in g:
                d[c] = gi
        gof.append(d)
    flips = _perm_flips()
    out = []
    for a, b, c, first, last, _ in bounds:
        start = first
        V = {i: 0 for i in _allowed((gof[first][a], gof[first][b], gof[first][c]))}
        for l in range(first + 1, last + 1):
            ok = _allowed((gof[l][a], gof[l][b], gof[l][c]))
            V = {j: min(v + int(flips[i, j]) for i, v in V.items()) for j in ok}
            if min(V.values()) >= 1:
                out.append((a, b, c, start, l))
                start = l
                V = {j: 0 for j in ok}
    return out
