"""Parser speed: median time to read Charade (230 KB of Fountain).

Run ``python benchmarks/parsers.py [--runs 30] [--file PATH]``. Times our
``parse_fountain`` (parse only) and ``read_fountain`` (parse + build the
Story), ``read_fdx`` on an FDX script, and screenplain's parser when it is
installed (the ``dev`` extra). The runs are interleaved, one of each per
round, so that a busy machine slows all of them alike; a ratio to screenplain
is the median over the rounds of (ours / screenplain in the same round).

Target (issue 6): parse + Story in 20 ms where screenplain takes 58 ms, i.e.
at most 0.345 × screenplain measured in the same run; this ratio is the test
on any machine. Prints a table; not a test.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from _corpus import CORPUS, SMALL_SCRIPT, add_smoke  # noqa: E402

from timeline.formats.fdx import read_fdx  # noqa: E402
from timeline.formats.fountain import parse_fountain, read_fountain  # noqa: E402

DEFAULT = CORPUS / "fountain" / "screenplays" / "charade.fountain"
FDX = CORPUS / "fdx" / "screenplain_Big-Fish.fdx"
TARGET_MS, TARGET_SCREENPLAIN_MS = 20.0, 58.0
TARGET_RATIO = round(TARGET_MS / TARGET_SCREENPLAIN_MS, 3)  # 0.345
SCREENPLAIN = "screenplain: fountain.parse"


def _timed_rounds(fns: dict[str, Callable[[], object]], runs: int) -> dict[str, list[float]]:
    """Milliseconds of each function in each of ``runs`` rounds (after one
    warm-up round); the order within a round rotates."""
    names = list(fns)
    for name in names:
        fns[name]()
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(runs):
        for name in names[r % len(names):] + names[:r % len(names)]:
            t0 = time.perf_counter()
            fns[name]()
            times[name].append((time.perf_counter() - t0) * 1000)
    return times


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--file", type=Path, default=DEFAULT)
    add_smoke(ap)
    args = ap.parse_args(argv)
    if args.smoke:
        args.runs, args.file = 2, SMALL_SCRIPT
    data = args.file.read_bytes()
    text = data.decode("utf-8-sig")
    fns = {
        "ours: parse_fountain (parse only)": lambda: parse_fountain(text),
        "ours: read_fountain (parse + Story)": lambda: read_fountain(data, str(args.file)),
    }
    if FDX.exists():
        fdx_data = FDX.read_bytes()
        fns[f"ours: read_fdx {FDX.name} ({len(fdx_data) // 1024} KB)"] = lambda: read_fdx(fdx_data, str(FDX))
    try:
        from screenplain.parsers import fountain as sp_fountain
    except ImportError:
        sp_fountain = None
    else:
        fns[SCREENPLAIN] = lambda: sp_fountain.parse(io.StringIO(text))
    times = _timed_rounds(fns, args.runs)

    screen = times.get(SCREENPLAIN)
    print(f"{args.file.name}: {len(data) / 1024:.0f} KB, median of {args.runs} interleaved runs")
    print(f"{'what':<48} {'ms':>8} {'vs screenplain':>15}")
    print("-" * 73)
    ratios = {}
    for name, ms in times.items():
        if screen and name != SCREENPLAIN:
            ratios[name] = statistics.median(a / b for a, b in zip(ms, screen))
        ratio = f"{ratios[name]:.2f}x" if name in ratios else ""
        print(f"{name:<48} {statistics.median(ms):>8.1f} {ratio:>15}")
    if sp_fountain is None:
        print(f"{'screenplain: not installed (dev extra)':<48} {float('nan'):>8.1f}")
    total_name = "ours: read_fountain (parse + Story)"
    total = statistics.median(times[total_name])
    print(f"target: parse + Story <= {TARGET_RATIO} × screenplain "
          f"({TARGET_MS:.0f} ms where screenplain takes {TARGET_SCREENPLAIN_MS:.0f} ms)", end=": ")
    if total_name in ratios:
        print(f"{'met' if ratios[total_name] <= TARGET_RATIO else 'NOT met'} ({ratios[total_name]:.3f} ×)")
    else:
        print("cannot tell without screenplain")
    print(f"(absolute, this machine: {total:.1f} ms; the 20 ms were measured where screenplain took 58 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
