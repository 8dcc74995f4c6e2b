"""The story curve and the network through the story, end to end in headless Debian
Chromium (Playwright) against the app served on 127.0.0.1 (issue 12): brushing the
curve with the mouse sets every view's scene range and the URL; ▶ moves the
network's window (the URL's ``win``), redraws the network alone and keeps the
nodes in place; a click on the curve opens the scene; the new cards are readable
on feature-length stories."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("playwright")

from tests.browser_support import CHROMIUM, SCENES_JS, SIGNATURE_JS, click_scene, serve, wait_for_graphs  # noqa: E402
from tests.conftest import ROOT, corpus_path  # noqa: E402
from tests.readability import measure_page, summary  # noqa: E402

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing (make chromium)", allow_module_level=True)

CURVE_FILM = "pulp_fiction_simple"   # a corpus story-curve film (98 scenes, told out of order)
FEATURE = "big_fish"                 # a feature screenplay (190 scenes)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    from layouts import create_app

    data = tmp_path_factory.mktemp("narrative-data")
    (data / "desperado.yaml").symlink_to(ROOT / "data" / "desperado.yaml")
    (data / f"{CURVE_FILM}.json").symlink_to(corpus_path("storycurve", f"{CURVE_FILM}.json"))
    (data / f"{FEATURE}.fountain").symlink_to(corpus_path("fountain", "screenplays", f"{FEATURE}.fountain"))
    with serve(create_app(data / "desperado.yaml", data_dir=data)) as url:
        yield url
    create_app()  # the next test module gets the shipped stories again


def _open(page, url):
    page.goto(url)
    wait_for_graphs(page, timeout=60000)
    page.wait_for_function("""() => ['storycurve-graph', 'arcs-graph'].every(id => {
        const gd = document.getElementById(id)?.querySelector('.js-plotly-plot');
        return gd && gd._fullData && gd._fullData.length > 0; })""", timeout=60000)
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')", timeout=60000)


def _story(sid):
    from layouts import stories

    return stories.catalogue_story(sid)


# JS: page coordinates of a data point (x, y) of a graph's first axes
DATA_XY_JS = """([id, x, y]) => {
  const gd = document.getElementById(id).querySelector('.js-plotly-plot');
  const fl = gd._fullLayout, r = gd.getBoundingClientRect();
  return [r.left + fl.xaxis._offset + fl.xaxis.l2p(x), r.top + fl.yaxis._offset + fl.yaxis.l2p(y)];
}"""

# JS: character id -> [x, y] of the network's nodes, as plotly drew them
NODES_JS = """() => {
  const gd = document.querySelector('#network-graph .js-plotly-plot');
  const t = gd._fullData.find(t => t.name === 'characters');
  const out = {};
  (t.customdata || []).forEach((cd, i) => { out[Array.isArray(cd) ? cd[0] : cd] = [t.x[i], t.y[i]]; });
  return out;
}"""



def test_brushing_the_curve_sets_the_scene_range_of_every_view(page, base_url):
    _open(page, f"{base_url}/?story={CURVE_FILM}")
    story = _story(CURVE_FILM)
    page.locator("#storycurve-graph").scroll_into_view_if_needed()
    mid = (len(story.scenes) + 1) / 2
    x0, y0 = page.evaluate(DATA_XY_JS, ["storycurve-graph", 9.6, mid])
    x1, y1 = page.evaluate(DATA_XY_JS, ["storycurve-graph", 30.4, mid])
    # a real drag with the mouse, with the toolbar's box select (a plain drag zooms, as in every chart)
    page.click("#storycurve-graph .modebar-btn[data-title='Box Select']")
    page.mouse.move(x0, y0)
    page.mouse.down()
    for k in range(1, 11):
        page.mouse.move(x0 + (x1 - x0) * k / 10, y0 + 3, steps=2)
    page.mouse.up()
    page.wait_for_url(re.compile(r"[?&]scenes=9-29(&|$)"), timeout=30000)
    want = sorted(s.id for s in story.scenes if 9 <= s.index <= 29)
    # the storyline and the strip are drawn again over scenes 10-30 only
    for graph in ("strip-graph", "storyline-graph"):
        page.wait_for_function(f"([id, n]) => ({SCENES_JS})(id).length === n", arg=[graph, len(want)],
                               timeout=30000)
    assert page.evaluate(SCENES_JS, "strip-graph") == want
    assert set(page.evaluate(SCENES_JS, "storyline-graph")) <= set(want)
    # the range slider shows it
    assert page.locator("#scene-range .dash-range-slider-min-input").input_value() == "10"
    assert page.locator("#scene-range .dash-range-slider-max-input").input_value() == "30"
    assert page.errors == []


def test_moving_the_network_window_keeps_nodes_in_place_and_redraws_only_the_network(page, base_url):
    _open(page, f"{base_url}/?story={FEATURE}")
    page.locator("#network-graph").scroll_into_view_if_needed()
    page.click("#network-window-next")  # from the whole story: the first section
    page.wait_for_url(re.compile(r"[?&]win=0-\d+(&|$)"), timeout=30000)
    page.wait_for_function("() => document.querySelector('#network-graph .js-plotly-plot').layout.title.text"
                           ".includes('scenes 1–')", timeout=30000)
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')", timeout=30000)
    lo, hi = map(int, re.search(r"win=(\d+)-(\d+)", page.url).groups())
    first = page.evaluate(NODES_JS)
    storyline_before = page.evaluate(SIGNATURE_JS, "storyline-graph")
    asked = []  # the outputs of every callback request from now on
    page.on("request", lambda r: asked.append(r.post_data or "") if "_dash-update-component" in r.url else None)
    strip_before = page.evaluate(SCENES_JS, "strip-graph")
    page.click("#network-window-next")  # moves by the window's width
    width = hi - lo + 1
    page.wait_for_url(re.compile(rf"[?&]win={hi + 1}-{hi + width}(&|$)"), timeout=30000)
    page.wait_for_function(f"() => document.querySelector('#network-graph .js-plotly-plot').layout.title.text"
                           f".includes('scenes {hi + 2}–{hi + width + 1}')", timeout=30000)
    page.wait_for_timeout(500)
    second = page.evaluate(NODES_JS)
    common = set(first) & set(second)
    assert first and second and common
    assert all(first[c] == second[c] for c in common), "nodes moved with the window"
    assert asked and not any("storyline-graph.figure" in a or "strip-graph.figure" in a for a in asked), \
        "a window move asked for more than the network"
    assert any("network-graph.figure" in a for a in asked)
    assert page.evaluate(SIGNATURE_JS, "storyline-graph") == storyline_before
    assert page.evaluate(SCENES_JS, "strip-graph") == strip_before  # the strip keeps every scene
    assert "scenes=" not in page.url
    assert page.locator("#network-window-preset").input_value() in (f"{hi + 1}-{hi + width}", "custom")
    # ◀ goes back to the first window
    page.click("#network-window-prev")
    page.wait_for_url(re.compile(rf"[?&]win={lo}-{hi}(&|$)"), timeout=30000)
    # the whole story again: no window in the URL
    page.select_option("#network-window-preset", "all")
    page.wait_for_function("() => !window.location.search.includes('win=')", timeout=30000)
    assert page.errors == []


def test_a_click_on_the_curve_opens_the_scene(page, base_url):
    _open(page, f"{base_url}/?story={CURVE_FILM}")
    story = _story(CURVE_FILM)
    scene = story.scenes[40]
    assert click_scene(page, "storycurve-graph", scene.id)
    page.wait_for_selector(f"#scene-details [data-scene='{scene.id}']", timeout=30000)
    assert page.locator("#scene-details .scene-title").inner_text().startswith(f"{scene.index + 1}.")
    note = page.locator("#storycurve-nonlinearity").inner_text()
    assert re.match(r"Nonlinearity 0\.\d{3} · \d+ jumps? back", note), note
    assert "Kendall" in page.locator("#storycurve-nonlinearity").get_attribute("title")
    assert page.errors == []


@pytest.mark.parametrize("sid", [FEATURE, CURVE_FILM])
def test_the_new_cards_are_readable(page, base_url, sid):
    _open(page, f"{base_url}/?story={sid}")
    for sel in ("#storycurve-graph", "#arcs-graph", "#network-graph"):
        page.locator(sel).scroll_into_view_if_needed()
        m = measure_page(page, sel)
        what = f"{sid} {sel}"
        assert m["texts"] > 5, what
        assert not m["overlaps"], f"{what}: {summary(m)}"
        assert not m["clipped"], f"{what}: {summary(m)}"
        assert m["min_font_px"] is not None and m["min_font_px"] >= 10, f"{what}: {summary(m)}"
        assert m["legend_entries"] <= 15, f"{what}: {summary(m)}"
    # the network over a window (its second section) is readable too
    page.click("#network-window-next")
    page.wait_for_url(re.compile(r"[?&]win=0-"), timeout=30000)
    page.click("#network-window-next")
    page.wait_for_function("() => /[?&]win=[1-9]/.test(window.location.search) && "
                           "document.querySelector('#network-graph .js-plotly-plot').layout.title.text"
                           ".includes('scenes') && !document.querySelector('[data-dash-is-loading=\"true\"]')",
                           timeout=30000)
    page.wait_for_timeout(300)
    m = measure_page(page, "#network-graph")
    assert not m["overlaps"] and not m["clipped"] and m["min_font_px"] >= 10, f"{sid} window: {summary(m)}"
    assert page.errors == []


def test_a_click_on_the_arcs_shows_the_network_over_that_stretch(page, base_url):
    _open(page, f"{base_url}/?story={CURVE_FILM}")
    # each point carries its window: [first scene, lo, hi, label]
    points = page.evaluate("""() => document.querySelector('#arcs-graph .js-plotly-plot').data[0].customdata""")
    assert points and len(points) >= 3
    first_scene, lo, hi, label = points[2]
    assert click_scene(page, "arcs-graph", first_scene)
    page.wait_for_url(re.compile(rf"[?&]win={lo}-{hi}(&|$)"), timeout=30000)
    page.wait_for_function(f"() => document.querySelector('#network-graph .js-plotly-plot').layout.title.text"
                           f".includes('scenes {lo + 1}–{hi + 1}')", timeout=30000)
    assert page.errors == []
