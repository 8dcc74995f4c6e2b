"""Storyline figure build times: a range sliced from the full layout against a new layout.

For each story: the default view's figure from the cached full layout, a scene range
drawn as a slice of that layout (what the app does), and the same range laid out anew
(what it did before); medians over interleaved rounds (a busy machine slows all alike)
and the ratio of the re-layout to the slice in the same run. Also the shown / folded
cast, the default height and the labels placed. Prints a table; it is not a test.

Usage: .venv/bin/python benchmarks/storyline_figure.py [STORY ...] [--rounds N] [--smoke]

``--smoke``: Desperado, one round, in a few seconds.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from _corpus import SHORT, story_args  # noqa: E402

from timeline.figures import storyline_figure  # noqa: E402
from timeline.figures.storyline import full_layout  # noqa: E402
from timeline.formats import load_story  # noqa: E402
from timeline.storyline import layout_story  # noqa: E402
from timeline.views import ViewState, make_view  # noqa: E402


def _ms(f) -> float:
    t = time.perf_counter()
    f()
    return 1000 * (time.perf_counter() - t)


def main(argv=None) -> int:
    args = story_args(__doc__, argv, rounds=5)
    print(f"{'story':12s} {'scenes':>6s} {'shown':>5s} {'folded':>6s} {'height':>6s} {'names':>5s} "
          f"{'full ms':>8s} {'slice ms':>8s} {'relayout ms':>11s} {'ratio':>6s}")
    for name in args.stories:
        story = load_story(SHORT.get(name, name))
        full = full_layout(story)
        n = len(story.scenes)
        rng = (n // 4, n // 4 + max(1, n // 3))
        view, part = make_view(story), make_view(story, ViewState(scenes=rng))
        ids = [s.id for s in part.scenes]
        times = {"full": [], "slice": [], "relayout": []}
        for _ in range(args.rounds):
            times["full"].append(_ms(lambda: storyline_figure(view, layout=full)))
            times["slice"].append(_ms(lambda: storyline_figure(part, layout=full)))
            times["relayout"].append(_ms(lambda: storyline_figure(part, layout=layout_story(story, scene_ids=ids))))
        fig = storyline_figure(view, layout=full)
        names = sum(1 for t in fig.data if isinstance(t.meta, dict) and t.meta.get("part") == "dots"
                    for x in t.text if x)
        med = {k: statistics.median(v) for k, v in times.items()}
        print(f"{name:12s} {n:6d} {len(view.shown):5d} {len(view.folded):6d} {fig.layout.height:6d} {names:5d} "
              f"{med['full']:8.0f} {med['slice']:8.0f} {med['relayout']:11.0f} {med['relayout'] / med['slice']:6.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
