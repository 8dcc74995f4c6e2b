"""Browser latency of the app: from a filter change to the re-rendered storyline.

Serves the app on 127.0.0.1 (werkzeug, in a thread), opens it in headless
Debian Chromium (Playwright) and, for each story, sets the character filter
from the page (``dash_clientside.set_props``, as the dropdown does) and waits
for the storyline's ``plotly_afterplot`` with a changed data signature.

- cold: a filter state the server has not drawn before (figure built now);
- warm: the same states again (figures come from the read-only cache);
- a new character filter in highlight mode is restyled by the page itself
  (``assets/view_state.js``; the server's update, with the title and the other
  views, follows); "hide others" changes the chart's frame and waits for the
  server's figure: both are measured;
- each change starts from a page at rest (no callback pending, main thread
  idle), as a person's next click would;
- baseline: the page re-plotting the same figure (``Plotly.react`` on a deep
  copy), no server involved — the floor of any update.

Targets: Desperado <= 150 ms, synthetic 190 scenes / 50 characters <= 300 ms
(median, warm or cold alike). Prints a table; it is not a test.

Server-side build times of each figure (and of the storyline layout) go to
stderr as ``[timing]`` lines; the page-load limit is 120 s.

Usage: .venv/bin/python benchmarks/latency.py [--repeats N] [--only desperado|synthetic] [--quiet]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: A page that has not drawn its three charts by then is reported as "did not finish".
LOAD_TIMEOUT_MS = 120_000

CHANGE_JS = """([id, value]) => new Promise((resolve) => {
  const gd = document.querySelector('#storyline-graph .js-plotly-plot');
  const sig = () => JSON.stringify(gd._fullData.map(t => [t.name, t.opacity, t.line && t.line.color,
                                                          (t.x || []).length]));
  const before = sig();
  const t0 = performance.now();
  const timer = setTimeout(() => resolve(-1), 120000);
  const done = () => { if (sig() !== before) { gd.removeListener('plotly_afterplot', done); clearTimeout(timer);
                                               resolve(performance.now() - t0); } };
  gd.on('plotly_afterplot', done);
  window.dash_clientside.set_props(id, {value: value});
})"""

# the page at rest: no callback pending (Dash marks loading components) and the main
# thread idle, so one change is not timed together with the tail of the previous one
SETTLE_JS = """() => new Promise((resolve) => {
  const t0 = performance.now();
  const idle = () => new Promise((r) => (window.requestIdleCallback || setTimeout)(r, {timeout: 1000}));
  const check = async () => {
    await idle(); await idle();
    if (!document.querySelector('[data-dash-is-loading="true"]') || performance.now() - t0 > 60000) resolve();
    else setTimeout(check, 25);
  };
  check();
})"""

REPLOT_JS = """() => new Promise((resolve) => {
  const gd = document.querySelector('#storyline-graph .js-plotly-plot');
  const data = JSON.parse(JSON.stringify(gd.data)), layout = JSON.parse(JSON.stringify(gd.layout));
  const t0 = performance.now();
  gd.once('plotly_afterplot', () => resolve(performance.now() - t0));
  window.Plotly.react(gd, data, layout);
})"""


def synthetic_story_yaml(n_scenes: int = 190, n_chars: int = 50, seed: int = 7) -> str:
    """A deterministic story: casts drift along the cast list, as in a long serial."""
    import yaml

    rnd = random.Random(seed)
    chars = [{"id": f"c{i}", "name": f"Character {i}", "group": f"G{i % 6}"} for i in range(n_chars)]
    locs = [{"id": f"l{i}", "name": f"Place {i}"} for i in range(12)]
    scenes = []
    for s in range(n_scenes):
        centre = int(n_chars * s / n_scenes)
        cast = {min(n_chars - 1, max(0, centre + rnd.randint(-8, 8))) for _ in range(rnd.randint(2, 6))}
        cast.add(rnd.randrange(5))  # a few leads run through the whole story
        scenes.append({"id": f"s{s}", "title": f"Scene {s + 1}", "location": f"l{rnd.randrange(12)}",
                       "time_of_day": rnd.choice(["DAY", "NIGHT"]), "int_ext": rnd.choice(["INT", "EXT"]),
                       "characters": [f"c{c}" for c in sorted(cast)]})
    return yaml.safe_dump({"title": f"Synthetic {n_scenes} scenes", "characters": chars, "locations": locs,
                           "scenes": scenes}, sort_keys=False)


def measure(page, url: str, changes: list[tuple[str, object]], repeats: int, setup=()) -> dict[str, list[float]]:
    """Load ``url``, make the ``setup`` changes (not timed), then time each change of
    ``changes`` (component id, new value) in order, ``1 + repeats`` rounds."""
    from tests.browser_support import wait_for_graphs

    t = time.perf_counter()
    page.goto(url)
    wait_for_graphs(page, timeout=LOAD_TIMEOUT_MS)
    load = (time.perf_counter() - t) * 1000
    for cid, value in setup:
        page.evaluate(SETTLE_JS)
        page.evaluate(CHANGE_JS, [cid, value])
    out = {"cold": [], "warm": [], "baseline": [], "load": [load]}
    for rnd in range(1 + repeats):
        for cid, value in changes:
            page.evaluate(SETTLE_JS)
            ms = page.evaluate(CHANGE_JS, [cid, value])
            if ms >= 0:
                out["cold" if rnd == 0 else "warm"].append(ms)
    page.evaluate(SETTLE_JS)
    for _ in range(max(5, len(changes))):
        out["baseline"].append(page.evaluate(REPLOT_JS))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=2, help="warm rounds over the same filter states")
    ap.add_argument("--only", choices=("desperado", "synthetic"), help="measure one story")
    ap.add_argument("--quiet", action="store_true", help="no per-figure server timings on stderr")
    args = ap.parse_args(argv)
    if not args.quiet:  # layouts.common prints how long each figure and layout took to build
        os.environ.setdefault("SCENE_TIMELINE_TIMING", "1")

    from layouts import create_app, stories
    from tests.browser_support import chromium, serve

    tmp = Path(tempfile.mkdtemp(prefix="latency-"))
    synth = tmp / "synthetic190.yaml"
    synth.write_text(synthetic_story_yaml())
    app = create_app(synth)  # the synthetic story joins the catalogue next to data/
    desperado = stories.catalogue_story("desperado")
    synthetic = stories.catalogue_story("synthetic190")
    synth_label = f"synthetic {len(synthetic.scenes)} scenes / {len(synthetic.characters)} characters"
    filt = "character-filter"
    # (story label, story id, what changes, timed changes, untimed setup, target ms or None)
    cases = [
        ("Desperado", "desperado", "character filter",
         [(filt, [c.id]) for c in desperado.characters[:10]] + [(filt, [])], (), 150),
        (synth_label, "synthetic190", "character filter",
         [(filt, [c.id]) for c in synthetic.characters[:10]] + [(filt, [])], (), 300),
        # no target: showing only a character's scenes changes the chart's frame, so the
        # server draws it (the page restyles only fades of the same frame)
        ("Desperado", "desperado", "hide others (server)",
         [("emphasis", "only"), ("emphasis", "highlight")] * 3, [(filt, ["carolina"])], None),
        (synth_label, "synthetic190", "hide others (server)",
         [("emphasis", "only"), ("emphasis", "highlight")] * 3, [(filt, ["c3"])], None),
    ]
    rows = []
    with serve(app) as base, chromium() as browser:
        for label, sid, what, changes, setup, target in cases:
            if args.only and not sid.startswith(args.only):
                continue
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            try:
                res = measure(page, f"{base}/?story={sid}", changes, args.repeats, setup)
            except Exception as e:  # a timeout is a result too
                print(f"{label}: {type(e).__name__}: {str(e).splitlines()[0]}", file=sys.stderr)
                res = {}
            page.close()
            med = {k: statistics.median(res[k]) if res.get(k) else float("nan")
                   for k in ("cold", "warm", "baseline", "load")}
            rows.append((label, what, med, target))

    print("A change in the page -> storyline re-rendered in headless Chromium (median ms)")
    print(f"{'story':<38} {'change':<21} {'cold':>6} {'warm':>6} {'baseline':>9} {'load':>7} {'target':>7}  verdict")
    for label, what, med, target in rows:
        worst = max(med["cold"], med["warm"])
        verdict = "-" if target is None else (
            "ok" if worst <= target else ("did not finish" if worst != worst else "over target"))
        print(f"{label:<38} {what:<21} {med['cold']:>6.0f} {med['warm']:>6.0f} "
              f"{med['baseline']:>9.0f} {med['load']:>7.0f} {target or '-':>7}  {verdict}")
    print("cold: state new to the server; warm: seen before (figure cache); baseline: Plotly.react of the same "
          "figure, no server; load: page load to all three charts drawn")
    return 0


if __name__ == "__main__":
    sys.exit(main())
