"""Browser latency of the app: from a change in the page to the re-rendered storyline.

Serves the app on 127.0.0.1 (werkzeug, in a thread), opens it in headless
Debian Chromium (Playwright) and, for each story (Desperado, and the feature
screenplays Big Fish and Charade from the shared corpus), changes a control
from the page (``dash_clientside.set_props``, as the control does) and waits for
the storyline's ``plotly_afterplot`` with a changed data signature:

- page load: from navigation to all three charts drawn;
- highlight: a new character filter in highlight mode, restyled by the page
  itself (``assets/view_state.js``; the server's answer follows);
- hide others: "hide" on and off with a character chosen (a new frame, drawn by
  the server);
- range: a new scene range (a slice of the full story's layout);
- place, time of day, int/ext: the scene filters (issue 21) set and cleared, as a
  person picks them beside the character filter, with "hide" on (each a new frame,
  drawn by the server: compare with "hide others");
- window: the network's window moved on by its width (as ▶ does: the window
  slider set to the next stretch of scenes), timed to the **network's**
  ``plotly_afterplot`` with changed data (only the network is redrawn).

cold: a state the server has not drawn before; warm: the same states again
(figure cache). Each change starts from a page at rest. Medians; the ratio
column compares a story's warm median (load: its load) with Desperado's in the
same run. Targets (issue 10): highlight <= 150 ms, range <= 500 ms, page load
<= 2x Desperado's; (issue 12) window <= 300 ms. Prints a table; it is not a test.

Server build times go to stderr (``layouts`` debug log) unless ``--quiet``.

Usage: .venv/bin/python benchmarks/latency.py [--repeats N] [--only desperado|big_fish|charade|synthetic] [--quiet]
       [--changes highlight,range,window,place,time,int/ext] [--smoke]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from _corpus import CORPUS as _CORPUS, add_smoke  # noqa: E402

#: A page that has not drawn its three charts by then is reported as "did not finish".
LOAD_TIMEOUT_MS = 120_000

CHANGE_JS = """([id, value, graph]) => new Promise((resolve) => {
  const gd = document.querySelector('#' + (graph || 'storyline-graph') + ' .js-plotly-plot');
  const sig = () => JSON.stringify(gd._fullData.map(t => [t.name, t.opacity, t.line && t.line.color,
                                                          (t.x || []).length, String(t.x || [])]));
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


def measure(page, url: str, changes: list[tuple[str, object]], repeats: int, setup=(),
            graph: str = "storyline-graph") -> dict[str, list[float]]:
    """Load ``url``, make the ``setup`` changes (not timed), then time each change of
    ``changes`` (component id, new value) in order, ``1 + repeats`` rounds, to the
    redraw of ``graph``."""
    from tests.browser_support import wait_for_graphs

    t = time.perf_counter()
    page.goto(url)
    wait_for_graphs(page, timeout=LOAD_TIMEOUT_MS)
    load = (time.perf_counter() - t) * 1000
    for cid, value in setup:  # not timed, and a setup change may redraw nothing ("hide" with no filter)
        page.evaluate(SETTLE_JS)
        page.evaluate("([id, value]) => window.dash_clientside.set_props(id, {value: value})", [cid, value])
        page.wait_for_timeout(300)
    out = {"cold": [], "warm": [], "baseline": [], "load": [load]}
    for rnd in range(1 + repeats):
        for cid, value in changes:
            page.evaluate(SETTLE_JS)
            ms = page.evaluate(CHANGE_JS, [cid, value, graph])
            if ms >= 0:
                out["cold" if rnd == 0 else "warm"].append(ms)
    page.evaluate(SETTLE_JS)
    for _ in range(max(5, len(changes))):
        out["baseline"].append(page.evaluate(REPLOT_JS))
    return out


CORPUS = _CORPUS / "fountain" / "screenplays"
FEATURES = ("big_fish", "charade")
TARGETS = {"highlight": 150, "range": 500, "window": 300}
#: The graph each change is timed to (default: the storyline).
TIMED_GRAPH = {"window": "network-graph"}


def _leads(story, k: int) -> list[str]:
    """The ``k`` characters in most scenes."""
    count = {c.id: sum(c.id in s.characters for s in story.scenes) for c in story.characters}
    return sorted(count, key=lambda c: -count[c])[:k]


def _cases(story) -> list[tuple[str, list, list]]:
    """(change, timed changes, untimed setup) for a story."""
    filt, n = "character-filter", len(story.scenes)
    leads = _leads(story, 8)
    only = [("emphasis", "only")]
    return [
        ("highlight", [(filt, [c]) for c in leads[:6]] + [(filt, [])], []),
        ("hide others", [("emphasis", "only"), ("emphasis", "highlight")] * 3, [(filt, leads[:1])]),
        ("range", [("scene-range", [1, max(1, n // 2)]), ("scene-range", [max(1, n // 4), max(1, 3 * n // 4)]),
                   ("scene-range", [max(1, n // 2), n]), ("scene-range", [1, n])], []),
        ("window", _window_steps(n), []),
        # the scene filters, beside the character filter: set, changed, cleared
        # ("hide" on, so that each change redraws the storyline with other scenes: timed to that)
        ("place", [("location-filter", [p]) for p in _places(story, 3)] + [("location-filter", [])], only),
        ("time", [("time-of-day-filter", [t]) for t in _times(story, 3)] + [("time-of-day-filter", [])], only),
        ("int/ext", [("int-ext-filter", "INT"), ("int-ext-filter", "EXT"), ("int-ext-filter", "")], only),
    ]


def _places(story, k: int) -> list[str]:
    """The ``k`` places with most scenes (a place with sub-places first)."""
    count: dict[str, int] = {}
    for s in story.scenes:
        if s.location:
            count[s.location] = count.get(s.location, 0) + 1
    return sorted(count, key=lambda p: -count[p])[:k]


def _times(story, k: int) -> list[str]:
    from timeline.timeofday import normalise_time_of_day

    count: dict[str, int] = {}
    for s in story.scenes:
        t = normalise_time_of_day(s.time_of_day)
        if t:
            count[t] = count.get(t, 0) + 1
    return sorted(count, key=lambda t: -count[t])[:k] or ["night"]


def _window_steps(n: int, parts: int = 8) -> list[tuple[str, list[int]]]:
    """The network's window moved on by its width, as ▶ does, from the first eighth of
    the story to the last (1-based slider values)."""
    width = max(1, -(-n // parts))
    return [("network-window", [lo, min(n, lo + width - 1)]) for lo in range(1, n + 1, width)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=2, help="warm rounds over the same states")
    ap.add_argument("--only", choices=("desperado", *FEATURES, "synthetic"), help="measure one story")
    ap.add_argument("--synthetic", action="store_true", help="also a synthetic 190-scene story")
    ap.add_argument("--quiet", action="store_true", help="no server build times on stderr")
    ap.add_argument("--changes", help="comma-separated: measure only these changes (e.g. window)")
    add_smoke(ap)
    args = ap.parse_args(argv)
    if args.smoke:  # Desperado, no warm rounds, highlight and the scene filters
        args.only, args.repeats, args.quiet = "desperado", 0, True
        args.changes = args.changes or "highlight,place,int/ext"
    import logging

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="[timing] %(name)s: %(message)s")
    if not args.quiet:
        logging.getLogger("layouts").setLevel(logging.DEBUG)

    from layouts import create_app, stories
    from tests.browser_support import chromium, serve

    tmp = Path(tempfile.mkdtemp(prefix="latency-"))
    (tmp / "desperado.yaml").symlink_to(ROOT / "data" / "desperado.yaml")
    names = ["desperado"]
    for f in FEATURES:
        if (CORPUS / f"{f}.fountain").is_file():
            (tmp / f"{f}.fountain").symlink_to(CORPUS / f"{f}.fountain")
            names.append(f)
        else:
            print(f"{CORPUS / f}.fountain is missing: not measured", file=sys.stderr)
    if args.synthetic or args.only == "synthetic":
        (tmp / "synthetic.yaml").write_text(synthetic_story_yaml())
        names.append("synthetic")
    app = create_app(tmp / "desperado.yaml", data_dir=tmp)
    names = [n for n in names if not args.only or n == args.only]
    rows, loads = [], {}
    with serve(app) as base, chromium() as browser:
        for sid in names:
            story = stories.catalogue_story(sid)
            label = f"{story.title[:22]} ({len(story.scenes)} sc, {len(story.characters)} ch)"
            for what, changes, setup in _cases(story):
                if args.changes and what not in args.changes.split(","):
                    continue
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                try:
                    res = measure(page, f"{base}/?story={sid}", changes, args.repeats, setup,
                                  graph=TIMED_GRAPH.get(what, "storyline-graph"))
                except Exception as e:  # a timeout is a result too
                    print(f"{label} {what}: {type(e).__name__}: {str(e).splitlines()[0]}", file=sys.stderr)
                    res = {}
                page.close()
                med = {k: statistics.median(res[k]) if res.get(k) else float("nan") for k in ("cold", "warm", "load")}
                loads.setdefault(sid, []).extend(res.get("load", []))
                rows.append((sid, label, what, med))

    nan = float("nan")
    load = {sid: statistics.median(v) if v else nan for sid, v in loads.items()}
    base_warm = {what: med["warm"] for sid, _, what, med in rows if sid == "desperado"}
    print("A change in the page -> storyline (window: network) re-rendered in headless Chromium (median ms)")
    print(f"{'story':<34} {'change':<12} {'cold':>7} {'warm':>7} {'x Desp.':>8} {'target':>7}  verdict")
    for sid, label, what, med in rows:
        ratio = med["warm"] / base_warm[what] if base_warm.get(what) else nan
        target = TARGETS.get(what)
        worst = max(med["cold"], med["warm"])
        verdict = "-" if target is None else ("ok" if worst <= target else
                                              ("did not finish" if worst != worst else "over target"))
        print(f"{label:<34} {what:<12} {med['cold']:>7.0f} {med['warm']:>7.0f} {ratio:>8.2f} "
              f"{target or '-':>7}  {verdict}")
    for sid, label, *_ in list({r[0]: r for r in rows}.values()):
        ratio = load[sid] / load["desperado"] if load.get("desperado") else nan
        verdict = "ok" if ratio <= 2 else ("did not finish" if ratio != ratio else "over target")
        print(f"{label:<34} {'page load':<12} {load[sid]:>7.0f} {'':>7} {ratio:>8.2f} {'2x':>7}  {verdict}")
    print("cold: a state new to the server; warm: seen before (figure cache); x Desp.: warm median "
          "(page load: load) over Desperado's in this run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
