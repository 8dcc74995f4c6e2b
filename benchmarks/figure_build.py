"""Figure build times in the app: what a filter change costs the server per chart.

For each story and chart: the median time of making one chart's figure as the app
makes a figure it has not cached (``layouts.charts._cached``: build the figure for the
view, serialise it, :func:`layouts.patching.prepare`), over a fixed set of views (no
filter, one or two characters, hide, story order, a scene range, ``cast=chosen``, a
time of day) drawn for the app's widths (a desk's window and a phone's), interleaved
over rounds. The storyline layouts are made first (cached per story and order, as in
the app). Prints a table (ms); it is not a test.

Usage: .venv/bin/python benchmarks/figure_build.py [STORY ...] [--rounds N] [--smoke]

``--smoke``: Desperado, one round, three views, in a few seconds. To time another
checkout's code (a baseline), run this script with ``PYTHONPATH`` set to it: the
checkout found first is the one timed (its path is printed).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if not os.environ.get("PYTHONPATH"):  # else time the code PYTHONPATH names (a baseline)
    sys.path.insert(0, str(ROOT))
from _corpus import SHORT, story_args  # noqa: E402

#: The window widths the views are drawn for: none given (the app's 1400 px layout) and a phone.
WINDOWS = (None, 390)


def views(story, smoke: bool = False) -> list[str]:
    """The query strings timed: filter changes a person makes, from the story's main cast."""
    from timeline.graph import main_cast

    cast = main_cast(story)
    a, b = cast[0], cast[min(1, len(cast) - 1)]
    n = len(story.scenes)
    out = ["", f"?c={a}", f"?c={a}&c={b}&emphasis=only"]
    if smoke:
        return out
    times = sorted({s.time_of_day for s in story.scenes if s.time_of_day})
    out += [f"?c={a}&c={b}", "?order=story", f"?scenes={n // 4}-{n // 2}", f"?c={b}&cast=chosen",
            f"?c={a}&c={b}&mode=all"]
    if times:
        out.append(f"?tod={times[0].lower()}")
    return out


class _Timed:
    """Stands in for the app's figure cache: makes every figure asked for, and times it."""

    def __init__(self):
        self.ms = 0.0

    def get_or_make(self, key, make, size):
        t = time.perf_counter()
        value = make()
        self.ms = 1000 * (time.perf_counter() - t)
        return value


def main(argv=None) -> int:
    args = story_args(__doc__, argv, rounds=3)

    import timeline
    from layouts import charts, stories
    from layouts.state import current

    timer = _Timed()
    charts.FIGURES = timer  # every figure made anew, its making timed
    print(f"code: {Path(timeline.__file__).resolve().parent.parent}")
    medians: dict[str, dict[str, float]] = {}
    counts: dict[str, int] = {}
    for name in args.stories:
        path = Path(SHORT.get(name, name))
        if not path.exists():
            print(f"{name}: {path} not found (set SCENE_TIMELINE_SHARED), skipped")
            continue
        stories.configure(path)
        story = current("").story
        queries = views(story, args.smoke)
        for q in ("", "?order=story"):
            charts.storyline_layout(current(q))
        for window in WINDOWS:  # untimed: first imports, plotly's validators
            for chart in charts.CHARTS:
                charts.figure(chart, current(""), window)
        times: dict[str, list[float]] = {c: [] for c in charts.CHARTS}
        for _ in range(args.rounds):
            for q in queries:
                cur = current(q)
                for window in WINDOWS:
                    for chart in charts.CHARTS:
                        charts.figure(chart, cur, window)
                        times[chart].append(timer.ms)
        medians[name] = {c: statistics.median(v) for c, v in times.items()}
        counts[name] = len(queries) * len(WINDOWS)
    if not medians:
        return 0
    names = list(medians)
    print("median ms to build and serialise one figure (as the app makes a figure it has not cached)")
    print(f"{'chart':11s}" + "".join(f"{n:>12s}" for n in names))
    for chart in charts.CHARTS:
        print(f"{chart:11s}" + "".join(f"{medians[n][chart]:12.1f}" for n in names))
    print(f"{'all five':11s}" + "".join(f"{sum(medians[n].values()):12.1f}" for n in names))
    print(f"{'views':11s}" + "".join(f"{counts[n]:12d}" for n in names))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
