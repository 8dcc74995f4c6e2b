"""Image export latency: the first export (starts Chromium) and the ones after it.

Run: ``.venv/bin/python benchmarks/export.py [STORY] [--n 20]``. Prints a table;
the target is <= 0.3 s per export after the first (kaleido server reused).
Figures are built before timing, so only rendering is measured.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _corpus import DESPERADO, add_smoke  # noqa: E402

from timeline.export.images import render  # noqa: E402
from timeline.figures import CHARTS, figure_for  # noqa: E402
from timeline.formats import load_story  # noqa: E402
from timeline.views import make_view  # noqa: E402

TARGET = 0.3


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("story", nargs="?", default=str(Path(__file__).resolve().parent.parent / "data" / "desperado.yaml"))
    ap.add_argument("--n", type=int, default=20, help="exports in the batch after the first")
    ap.add_argument("--width", type=int, default=1200)
    ap.add_argument("--height", type=int, default=700)
    add_smoke(ap)
    args = ap.parse_args(argv)
    if args.smoke:
        args.n, args.story = 2, str(DESPERADO)

    story = load_story(args.story)
    view = make_view(story)
    figs = {chart: figure_for(chart, view) for chart in CHARTS}
    t0 = time.perf_counter()
    render(figs["storyline"], "png", width=args.width, height=args.height)
    first = time.perf_counter() - t0

    # baseline in the same process: kaleido + Chromium's own cost for a two-point figure
    import plotly.graph_objects as go

    figs["baseline"] = go.Figure(go.Scatter(x=[0, 1], y=[0, 1]))
    jobs = []
    for i in range(args.n):
        fmt = ("png", "svg")[i % 2]
        jobs.append((CHARTS[i % len(CHARTS)], fmt))
        if i % 4 < 2:  # interleaved, so the baseline sees the same machine load
            jobs.append(("baseline", fmt))
    times: dict[tuple[str, str], list[float]] = {}
    for chart, fmt in jobs:
        t = time.perf_counter()
        render(figs[chart], fmt, width=args.width, height=args.height)
        times.setdefault((chart, fmt), []).append(time.perf_counter() - t)
    base = {fmt: statistics.median(times.pop(("baseline", fmt))) for fmt in ("png", "svg") if ("baseline", fmt) in times}
    every = [x for v in times.values() for x in v]
    med = statistics.median(every)

    print(f"story: {story.title} ({len(story.scenes)} scenes, {len(story.characters)} characters), "
          f"{args.width}x{args.height}")
    print(f"{'export':<22}{'n':>4}{'median s':>11}{'max s':>9}{'x baseline':>12}")
    print(f"{'first (starts Chromium)':<22}{1:>4}{first:>11.3f}{first:>9.3f}")
    for (chart, fmt), v in sorted(times.items()):
        ratio = statistics.median(v) / base[fmt] if base.get(fmt) else float("nan")
        print(f"{chart + ' ' + fmt:<22}{len(v):>4}{statistics.median(v):>11.3f}{max(v):>9.3f}{ratio:>12.2f}")
    for fmt, b in sorted(base.items()):
        print(f"{'baseline ' + fmt + ' (2 points)':<22}{'':>4}{b:>11.3f}")
    print(f"{'all after the first':<22}{len(every):>4}{med:>11.3f}{max(every):>9.3f}")
    print(f"target <= {TARGET:.2f} s per export after the first: {'met' if med <= TARGET else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
