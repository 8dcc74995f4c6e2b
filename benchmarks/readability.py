"""Readability of every chart's default view, as headless Chromium draws it.

For each story and each registered chart (:data:`timeline.figures.CHARTS`),
builds the default view's figure at the app's size (1400 × 1000 window: the
storyline and the strip 1400 px wide and as tall as their cast needs up to
1800 px, the network at the app's network size) and counts, with
:func:`tests.readability.measure`: visible texts, overlapping text pairs,
clipped texts, the smallest font, legend entries and the labelled y rows
(labels / category rows of the chart's category y axes).

Targets (issue 10): 0 overlaps, 0 clipped, smallest font >= 10 px, <= 15
legend entries, every grid row labelled. Prints a table; it is not a test.

Usage: .venv/bin/python benchmarks/readability.py [STORY ...] [--charts strip,network] [--show N]
       .venv/bin/python benchmarks/readability.py [STORY ...] --windows 390x844,1400x1000
       .venv/bin/python benchmarks/readability.py --smoke

With ``--windows`` it measures the app itself: for each story it serves the app on
127.0.0.1 with that story first, opens it in headless Chromium at each window size
(``WIDTHxHEIGHT``, default :data:`WINDOWS`) and measures every chart as the page
draws it, and whether the page is wider than the window (it should never scroll
sideways). ``--smoke`` runs Desperado at one size, figures only.

A STORY is a path to any story file the library reads, or one of the short
names ``desperado``, ``big_fish``, ``charade`` and the story-curve films
``pulp_fiction``, ``memento``, ``fight_club``, ``12_monkeys`` (default:
desperado, big_fish, charade, pulp_fiction).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from _corpus import SHARED, add_smoke  # noqa: E402

from tests.readability import Renderer  # noqa: E402
from timeline import figures as F  # noqa: E402
from timeline.formats import load_story  # noqa: E402
from timeline.views import ViewState, make_view  # noqa: E402

SCREENPLAYS = SHARED / "corpus" / "fountain" / "screenplays"
SHORT = {
    "desperado": ROOT / "data" / "desperado.yaml",
    "big_fish": SCREENPLAYS / "big_fish.fountain",
    "charade": SCREENPLAYS / "charade.fountain",
    **{film: SHARED / "corpus" / "storycurve" / f"{film}_simple.json"
       for film in ("pulp_fiction", "memento", "fight_club", "12_monkeys")},
}
DEFAULT = ("desperado", "big_fish", "charade", "pulp_fiction")
#: The window sizes of issue 25 (phone, tablet portrait and landscape, laptop, desktop).
WINDOWS = ((390, 844), (768, 1024), (1024, 768), (1400, 1000), (1920, 1080))
#: The app's graphs, by chart (layouts.ids.GRAPHS).
GRAPH_IDS = {"storyline": "storyline-graph", "strip": "strip-graph", "network": "network-graph",
             "storycurve": "storycurve-graph", "arcs": "arcs-graph"}

# the app's sizes (a 1400 × 1000 window); read from the app when it can be imported
WIDTH = {"storyline": 1400, "strip": 1400, "network": 900, "storycurve": 800, "arcs": 560}
HEIGHT = {"storyline": 520, "strip": 300, "network": 520, "storycurve": 560, "arcs": 560}
GROWS = ("storyline", "strip", "arcs")
MAX_HEIGHT = 1800
try:  # pragma: no cover - depends on the app's modules
    from layouts import charts as _app  # noqa: E402

    WIDTH, HEIGHT, GROWS, MAX_HEIGHT = dict(_app.CHART_WIDTH), dict(_app.CHART_HEIGHT), _app.GROWS, _app.MAX_HEIGHT
except Exception:  # the app is not importable: keep the sizes above
    _app = None


def app_size(chart: str, story, view, fig) -> tuple[int, int]:
    """The graph's size in the app for this figure (width, height) in px."""
    width = WIDTH.get(chart, 1400)
    if chart == "arcs" and _app is not None and getattr(_app, "NETWORK_FULL_WIDTH_AT", None) is not None:
        # beside a full-width network, the arcs get a row of their own (layouts.charts.arcs_width)
        if len(view.characters) >= _app.NETWORK_FULL_WIDTH_AT:
            width = WIDTH.get("storyline", 1400)
    if chart == "network" and _app is not None:
        # the app gives the network the whole row (as wide as the storyline) for a big cast
        full_at = getattr(_app, "NETWORK_FULL_WIDTH_AT", None)
        if full_at is not None and len(view.characters) >= full_at:
            width = WIDTH.get("storyline", 1400)
    if chart in GROWS:
        height = min(int(fig.layout.height or HEIGHT.get(chart, 520)), MAX_HEIGHT)
    else:
        height = HEIGHT.get(chart, 520)
    return width, height


def category_rows(fig) -> int:
    """Rows the figure's y axes must label: ``layout.meta["grid_rows"]`` or its category axes (0: none)."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    if meta.get("grid_rows") is not None:
        return len(meta["grid_rows"])
    rows = 0
    for key in fig.layout:
        if key.startswith("yaxis"):
            ax = fig.layout[key]
            if ax.type == "category" and ax.categoryarray is not None:
                rows += len(ax.categoryarray)
    return rows


def measure_app(stories, windows, charts, show: int = 3) -> list[dict]:
    """Serve the app on each story and measure every chart the page draws at each window
    size; prints one row per (story, window, chart) and returns them."""
    from layouts import create_app
    from tests.browser_support import chromium, serve, wait_for_graphs
    from tests.readability import measure_page

    head = (f"{'story':<12} {'window':>9} {'page w':>6} {'chart':<10} {'drawn':>9} {'texts':>5} {'overlap':>7} "
            f"{'clipped':>7} {'minfont':>7}")
    print(head)
    print("-" * len(head))
    rows, notes = [], []
    app = None
    with chromium() as browser:
        for name in stories:
            path = SHORT.get(name, Path(name))
            label = name if name in SHORT else Path(name).stem
            app = create_app(path)
            with serve(app) as url:
                for w, h in windows:
                    ctx = browser.new_context(viewport={"width": w, "height": h})
                    page = ctx.new_page()
                    page.goto(url + "/")
                    wait_for_graphs(page, timeout=120000)
                    page.wait_for_function(
                        "(ids) => ids.every(id => { const gd = document.getElementById(id)?.querySelector("
                        "'.js-plotly-plot'); return gd && gd._fullLayout; })",
                        arg=[GRAPH_IDS[c] for c in charts], timeout=120000)
                    page.wait_for_timeout(300)
                    page_w = page.evaluate("document.documentElement.scrollWidth")
                    for chart in charts:
                        sel = "#" + GRAPH_IDS[chart]
                        m = measure_page(page, sel)
                        drawn = page.evaluate("(s) => { const r = document.querySelector(s).getBoundingClientRect();"
                                              " return Math.round(r.width) + 'x' + Math.round(r.height); }", sel)
                        font = f"{m['min_font_px']:.0f}" if m["min_font_px"] is not None else "-"
                        wide = f"{page_w}" + ("!" if page_w > w else "")
                        print(f"{label[:12]:<12} {f'{w}x{h}':>9} {wide:>6} {chart:<10} {drawn:>9} {m['texts']:>5} "
                              f"{len(m['overlaps']):>7} {len(m['clipped']):>7} {font:>7}", flush=True)
                        rows.append({"story": label, "window": (w, h), "page_width": page_w, "chart": chart, **m})
                        if show and (m["overlaps"] or m["clipped"]):
                            notes.append(f"  {label} {w}x{h} {chart}: overlaps {m['overlaps'][:show]} "
                                         f"clipped {m['clipped'][:show]}")
                    ctx.close()
    if notes:
        print("\nfirst offending texts:")
        print("\n".join(notes))
    print("\ntargets: 0 overlaps, 0 clipped, page width <= window width ('!' marks a page wider than its window)")
    return rows


def _window(text: str) -> tuple[int, int]:
    w, _, h = text.lower().partition("x")
    return int(w), int(h or 900)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("stories", nargs="*", default=None)
    ap.add_argument("--charts", default=",".join(F.CHARTS), help="comma-separated, default: every chart")
    ap.add_argument("--show", type=int, default=3, help="offending texts listed per row")
    ap.add_argument("--windows", nargs="?", const=",".join(f"{w}x{h}" for w, h in WINDOWS), default=None,
                    help="measure the app at these window sizes (WxH,WxH; default: the five of issue 25)")
    add_smoke(ap)
    args = ap.parse_args(argv)
    if args.smoke:  # Desperado only, figures only: a few seconds
        args.stories, args.charts, args.windows = ["desperado"], "storyline,strip", None
    charts = [c for c in args.charts.split(",") if c]
    if args.windows:
        measure_app(args.stories or ["desperado", "big_fish", "charade"],
                    [_window(t) for t in args.windows.split(",") if t], charts, args.show)
        return 0
    args.stories = args.stories or list(DEFAULT)
    head = (f"{'story':<14} {'chart':<10} {'size':>10} {'scenes':>6} {'chars':>5} {'shown':>5} {'texts':>5} "
            f"{'overlap':>7} {'clipped':>7} {'minfont':>7} {'legend':>6} {'y rows':>9} {'build s':>7}")
    print(head)
    print("-" * len(head))
    notes = []
    with Renderer() as r:
        for name in args.stories:
            path = SHORT.get(name, Path(name))
            story = load_story(path)
            view = make_view(story, ViewState())
            label = name if name in SHORT else Path(name).stem
            for chart in charts:
                t0 = time.perf_counter()
                fig = F.figure_for(chart, view)
                built = time.perf_counter() - t0
                w, h = app_size(chart, story, view, fig)
                m = r.measure(fig, w, h)
                rows = category_rows(fig)
                ylab = f"{len(m['y_labels'])}/{rows}" if rows else f"{len(m['y_labels'])}"
                font = f"{m['min_font_px']:.0f}" if m["min_font_px"] is not None else "-"
                print(f"{label[:14]:<14} {chart:<10} {f'{w}x{h}':>10} {len(view.scenes):>6} "
                      f"{len(view.characters):>5} {len(view.shown):>5} {m['texts']:>5} {len(m['overlaps']):>7} "
                      f"{len(m['clipped']):>7} {font:>7} {m['legend_entries']:>6} {ylab:>9} {built:>7.2f}",
                      flush=True)
                if args.show and (m["overlaps"] or m["clipped"]):
                    notes.append(f"  {label} {chart}: overlaps {m['overlaps'][:args.show]} "
                                 f"clipped {m['clipped'][:args.show]}")
    if notes:
        print("\nfirst offending texts:")
        print("\n".join(notes))
    print("\ntargets: 0 overlaps, 0 clipped, min font >= 10 px, legend <= 15, y rows labelled = rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
