"""The app at a phone's and a small laptop's size, in headless Chromium (issue 25): every
chart readable (no overlapping or clipped text), the page never wider than the window,
the cards stacked on the phone, and the chart toolbar over no text."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("playwright")

from tests.browser_support import CHROMIUM, serve, wait_for_graphs  # noqa: E402
from tests.conftest import corpus_path  # noqa: E402
from tests.readability import measure_page, summary  # noqa: E402

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing (make chromium)", allow_module_level=True)

GRAPHS = ("storyline-graph", "strip-graph", "network-graph", "storycurve-graph", "arcs-graph")
SIZES = ((390, 844), (1024, 768))

#: JS: texts of a graph under its chart toolbar (the toolbar's box against each SVG text's)
UNDER_TOOLBAR_JS = """(id) => {
  const root = document.getElementById(id);
  const bar = root.querySelector('.modebar');
  if (!bar) return [];
  const b = bar.getBoundingClientRect();
  if (b.width === 0) return [];
  return Array.from(root.querySelectorAll('svg text')).filter(t => {
    const r = t.getBoundingClientRect();
    return (t.textContent || '').trim() && r.width > 0 &&
           Math.min(r.right, b.right) - Math.max(r.left, b.left) > 1 &&
           Math.min(r.bottom, b.bottom) - Math.max(r.top, b.top) > 1;
  }).map(t => t.textContent);
}"""


#: JS: page coordinates of the middle of storyline column k, low in the plot (under the
#: lines' top rows), and the scene that column stands for.
TAP_JS = """(k) => {
  const gd = document.querySelector('#storyline-graph .js-plotly-plot');
  const fl = gd._fullLayout, r = gd.getBoundingClientRect();
  const cols = gd._fullData.find(t => t.meta && t.meta.part === 'columns');
  const xa = fl.xaxis, ya = fl.yaxis;
  return {xy: [r.left + xa._offset + xa.l2p(k), r.top + ya._offset + ya._length * 0.9],
          scene: cols.customdata[k][0]};
}"""


@pytest.mark.parametrize("name", ["desperado", "big_fish"])
def test_every_chart_reads_and_the_page_fits_at_a_phone_and_a_laptop(browser, name):
    from layouts import create_app
    from timeline.resources import data_dir

    path = data_dir() / "desperado.yaml" if name == "desperado" else corpus_path("fountain", "screenplays",
                                                                                  "big_fish.fountain")
    app = create_app(path)
    try:
        with serve(app) as url:
            for w, h in SIZES:
                ctx = browser.new_context(viewport={"width": w, "height": h})
                page = ctx.new_page()
                try:
                    page.goto(url + "/")
                    wait_for_graphs(page, timeout=120000)
                    page.wait_for_function(
                        "(ids) => ids.every(id => { const gd = document.getElementById(id)?.querySelector("
                        "'.js-plotly-plot'); return gd && gd._fullLayout; })", arg=list(GRAPHS), timeout=120000)
                    page.wait_for_timeout(300)
                    assert page.evaluate("document.documentElement.scrollWidth") <= w, f"page wider than {w}"
                    for g in GRAPHS:
                        m = measure_page(page, "#" + g)
                        assert m["texts"] > 0 and not m["overlaps"] and not m["clipped"], f"{name} {w}x{h} {g}: {summary(m)}"
                        assert page.evaluate(UNDER_TOOLBAR_JS, g) == [], f"{g}: text under the toolbar"
                    if w < 576:  # a tap in a storyline column opens that column's scene
                        page.locator("#storyline-graph").scroll_into_view_if_needed()
                        page.wait_for_timeout(300)
                        got = page.evaluate(TAP_JS, 5)
                        page.mouse.move(*got["xy"])
                        page.wait_for_timeout(100)
                        page.mouse.click(*got["xy"])
                        page.wait_for_selector(f"#scene-details [data-scene='{got['scene']}']", timeout=15000)
                    if w < 576:  # the cards stack: the details card under the network's
                        net = page.locator("#network-graph").bounding_box()
                        det = page.locator(".details-card").bounding_box()
                        assert det["y"] >= net["y"] + net["height"] - 1
                finally:
                    ctx.close()
    finally:
        create_app()  # the default story again for the other tests of this process


def test_a_resized_window_gets_its_charts_drawn_for_the_new_width(browser):
    from layouts import create_app

    with serve(create_app()) as url:
        ctx = browser.new_context(viewport={"width": 1400, "height": 900})
        page = ctx.new_page()
        try:
            page.goto(url + "/")
            wait_for_graphs(page)
            legend = "() => document.querySelector('#strip-graph .js-plotly-plot').layout.legend.orientation"
            assert page.evaluate(legend) == "v"
            page.set_viewport_size({"width": 390, "height": 844})  # a phone turned upright, say
            page.wait_for_function(legend + " === 'h'", timeout=30000)
            page.wait_for_timeout(500)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            for g in GRAPHS:
                m = measure_page(page, "#" + g)
                assert not m["overlaps"] and not m["clipped"], f"{g}: {summary(m)}"
        finally:
            ctx.close()
