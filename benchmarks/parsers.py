"""Parser speed: median time to read Charade (230 KB of Fountain).

Run ``python benchmarks/parsers.py [--runs 30] [--file PATH]``. Times our
``parse_fountain`` (parse only) and ``read_fountain`` (parse + build the Story),
and screenplain's parser in the same run when it is installed (ratio ours /
screenplain). Target: parse + build <= 20 ms. Prints a table; not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.formats.fdx import read_fdx  # noqa: E402
from timeline.formats.fountain import parse_fountain, read_fountain  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT = CORPUS / "fountain" / "screenplays" / "charade.fountain"
TARGET_MS = 20.0


def _median_ms(fn, runs: int) -> float:
    fn()  # warm up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--file", type=Path, default=DEFAULT)
    args = ap.parse_args(argv)
    data = args.file.read_bytes()
    text = data.decode("utf-8-sig")
    rows = [
        ("ours: parse_fountain (parse only)", _median_ms(lambda: parse_fountain(text), args.runs)),
        ("ours: read_fountain (parse + Story)", _median_ms(lambda: read_fountain(data, str(args.file)), args.runs)),
    ]
    fdx = CORPUS / "fdx" / "screenplain_Big-Fish.fdx"
    if fdx.exists():
        fdx_data = fdx.read_bytes()
        rows.append((f"ours: read_fdx {fdx.name} ({len(fdx_data) // 1024} KB)", _median_ms(lambda: read_fdx(fdx_data, str(fdx)), args.runs)))
    screen = None
    try:
        from screenplain.parsers import fountain as sp_fountain

        import io

        screen = _median_ms(lambda: sp_fountain.parse(io.StringIO(text)), args.runs)
        rows.append(("screenplain: fountain.parse", screen))
    except ImportError:
        rows.append(("screenplain: not installed", float("nan")))

    print(f"{args.file.name}: {len(data) / 1024:.0f} KB, median of {args.runs} runs")
    print(f"{'what':<48} {'ms':>8} {'vs screenplain':>15}")
    print("-" * 73)
    for name, ms in rows:
        ratio = f"{ms / screen:.2f}x" if screen and ms == ms and not name.startswith("screenplain") else ""
        print(f"{name:<48} {ms:>8.1f} {ratio:>15}")
    total = rows[1][1]
    print(f"target parse + Story <= {TARGET_MS:.0f} ms: {'met' if total <= TARGET_MS else 'NOT met'} ({total:.1f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
