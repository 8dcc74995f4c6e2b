"""Storyline layout quality: crossings against the published optima.

Usage::

    python benchmarks/storyline.py [--no-exact] [--time-limit 120] [--only NAME] [--seeds N]

Prints one row per instance: characters, layers (crossing convention), naive
(first-appearance order), ours (heuristic, median seconds of 3 runs), ours
(exact, HiGHS, with its lower bound when not proven), the published optimum;
then a scale row (a synthetic story laid out with the heuristic). ``--seeds N``
adds a column with the heuristic's min-max crossings over seeds 0..N-1 (its
spread; the ``heur`` column is seed 0).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.formats import load_story  # noqa: E402
from timeline.storyline import build_layers, count_crossings, layout_groups, naive_orders, story_layers  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "storyline"

#: name -> (file, part, published optimum or None)
INSTANCES = {
    "starwars": ("tanahashi/StarWars_list.txt", None, 39),
    "matrix": ("tanahashi/TheMatrix_list.txt", None, 12),
    "inception": ("tanahashi/Inception_list.txt", None, 35),
    "starwars.xml": ("storyflow/StarWars.xml", None, None),
    "matrix.xml": ("storyflow/matrix.xml", None, None),
    "inception.xml": ("storyflow/inception.xml", None, None),
    **{f"anna{p}": ("sgb/anna.dat", str(p), {1: 20, 2: 12, 3: 0, 4: 20, 7: 9, 8: 6}.get(p)) for p in range(1, 9)},
    **{f"jean{v}": ("sgb/jean.dat", str(v), {1: 10, 2: 6, 3: 13, 5: 17}.get(v)) for v in range(1, 6)},
    "jean": ("sgb/jean.dat", None, None),
}


def groups_of(name: str):
    path, part, _ = INSTANCES[name]
    story = load_story(CORPUS / path, part=part) if part else load_story(CORPUS / path)
    return [gs for _, gs in story_layers(story)]


def synthetic(n_chars: int = 520, n_layers: int = 1100, seed: int = 1):
    """A synthetic story: characters live in overlapping windows; each layer has a few scenes."""
    rng = random.Random(seed)
    life = {}
    for c in range(n_chars):
        a = rng.randrange(0, n_layers - 20)
        life[f"c{c}"] = (a, min(n_layers - 1, a + rng.randrange(20, 200)))
    layers = []
    for t in range(n_layers):
        alive = [c for c, (a, b) in life.items() if a <= t <= b]
        rng.shuffle(alive)
        k = rng.randint(1, 3)
        groups = [alive[i * 3:(i + 1) * 3] for i in range(k) if alive[i * 3:(i + 1) * 3]]
        # make sure every character appears at its birth and death
        for c, (a, b) in life.items():
            if t in (a, b) and not any(c in g for g in groups):
                groups.append([c])
        layers.append(groups)
    return layers


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-exact", action="store_true")
    ap.add_argument("--time-limit", type=float, default=120.0)
    ap.add_argument("--only", action="append", help="instance name (repeatable)")
    ap.add_argument("--no-scale", action="store_true")
    ap.add_argument("--seeds", type=int, default=0, help="also report min-max heuristic crossings over N seeds")
    args = ap.parse_args(argv)
    names = args.only or list(INSTANCES)
    head = f"{'instance':<14}{'chars':>6}{'layers':>7}{'naive':>7}{'heur':>6}{'heur s':>8}{'exact':>7}{'bound':>7}{'proved':>7}{'exact s':>9}{'optimum':>8}{'gap%':>6}" + (f"{'seeds':>9}" if args.seeds else "")
    print(head)
    print("-" * len(head))
    for name in names:
        layers = groups_of(name)
        ls = build_layers(layers)
        naive = count_crossings(naive_orders(ls))
        times, heur = [], None
        for _ in range(3):
            t0 = time.perf_counter()
            r = layout_groups(layers, method="heuristic")
            times.append(time.perf_counter() - t0)
            heur = r["crossings"]
        ex = bound = proved = ex_s = "-"
        if not args.no_exact:
            t0 = time.perf_counter()
            r = layout_groups(layers, method="exact", time_limit=args.time_limit)
            ex_s = f"{time.perf_counter() - t0:.1f}"
            ex, bound, proved = r["crossings"], r["lower_bound"], "yes" if r["optimal"] else "no"
        opt = INSTANCES[name][2]
        spread = ""
        if args.seeds:
            xs = [layout_groups(layers, method="heuristic", seed=sd)["crossings"] for sd in range(args.seeds)]
            spread = f"{f'{min(xs)}-{max(xs)}':>9}"
        gap = f"{100 * (heur - opt) / opt:.0f}" if opt else ("0" if opt == 0 and heur == 0 else "-")
        print(f"{name:<14}{len(ls.characters):>6}{len(ls.merged):>7}{naive:>7}{heur:>6}{statistics.median(times):>8.2f}"
              f"{ex!s:>7}{bound!s:>7}{proved:>7}{ex_s:>9}{opt if opt is not None else '-'!s:>8}{gap:>6}{spread}", flush=True)
    if not args.no_scale and not args.only:
        layers = synthetic()
        ls = build_layers(layers)
        t0 = time.perf_counter()
        r = layout_groups(layers, method="heuristic")
        s = time.perf_counter() - t0
        print(f"{'synthetic':<14}{len(ls.characters):>6}{len(ls.merged):>7}{count_crossings(naive_orders(ls)):>7}"
              f"{r['crossings']:>6}{s:>8.2f}{'-':>7}{'-':>7}{'-':>7}{'-':>9}{'-':>8}{'-':>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
