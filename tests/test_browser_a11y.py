"""Keyboard and screen readers, in headless Chromium: axe-core finds no critical or
serious violation (default page, Export menu open, Details open; 1400 and 390 px wide),
Tab from the top reaches every control once per radio group and the footer without
being trapped, the Export menu is run by keyboard, and every chart has a text
alternative. The checks look at every control on the page, not at a list of ids.

axe-core comes from the ``axe-playwright-python`` package (its bundled ``axe.min.js``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("playwright")
pytest.importorskip("axe_playwright_python")

from tests.browser_support import CHROMIUM, click_scene, wait_for_graphs  # noqa: E402

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing (make chromium)", allow_module_level=True)

BAD = ("critical", "serious")

#: JS: every control a keyboard user should reach, as CSS paths; radio groups count
#: once (by group), an AG Grid counts once (its own stops are its business).
CONTROLS_JS = """() => {
  const sel = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), '
            + 'textarea:not([disabled]), summary, [tabindex]';
  const key = (el) => {
    if (el.classList.contains('dash-dropdown-focus-target')) el = el.nextElementSibling || el;
    const grid = el.closest('.ag-root-wrapper');
    if (grid) return 'grid:' + (grid.closest('[id]') || {}).id;
    if (el.type === 'radio') return 'radio:' + (el.name || el.id);
    return 'el:' + (el.id || el.getAttribute('aria-label') || el.textContent.trim().slice(0, 30) || el.tagName);
  };
  const shown = (el) => {
    if (el.closest('[aria-hidden=true]')) return false;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0 && el.type !== 'radio') return false;
    const d = el.closest('details');
    if (d && !d.open && !(el.tagName === 'SUMMARY' && el.parentElement === d)) return false;
    return getComputedStyle(el).visibility !== 'hidden';
  };
  const out = [];
  for (const el of document.querySelectorAll(sel)) {
    const t = el.getAttribute('tabindex');
    if (t !== null && parseInt(t, 10) < 0) continue;
    if (!shown(el)) continue;
    out.push(key(el));
  }
  return Array.from(new Set(out));
}"""

FOCUSED_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const grid = el.closest('.ag-root-wrapper');
  let key;
  if (grid) key = 'grid:' + (grid.closest('[id]') || {}).id;
  else if (el.type === 'radio') key = 'radio:' + (el.name || el.id);
  else key = 'el:' + (el.id || el.getAttribute('aria-label') || el.textContent.trim().slice(0, 30) || el.tagName);
  // a visible focus: an outline, or (for the hidden radio inputs) the label's outline
  const target = el.type === 'radio' ? (el.labels && el.labels[0]) || el : el;
  const st = getComputedStyle(target);
  const ring = parseFloat(st.outlineWidth) > 0 && st.outlineStyle !== 'none' || (st.boxShadow && st.boxShadow !== 'none');
  return {key, ring, footer: !!el.closest('footer'), radios: el.type === 'radio'};
}"""


def _open(browser, base_url, width, query=""):
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(base_url + "/" + query)
    wait_for_graphs(page)
    page.wait_for_selector("#character-table .ag-row", state="attached")
    return ctx, page


def _violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    res = Axe().run(page)
    return [f"{v['impact']} {v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
            for v in res.response["violations"] if v["impact"] in BAD]


def _first_scene(page) -> str:
    return page.evaluate("""() => document.querySelector('#storyline-graph .js-plotly-plot').data
        .flatMap(t => t.customdata || []).map(c => Array.isArray(c) ? c[0] : c).find(v => typeof v === 'string')""")


@pytest.mark.parametrize("width", [1400, 390])
def test_axe_finds_no_critical_or_serious_violation(browser, base_url, width):
    ctx, page = _open(browser, base_url, width)
    try:
        assert _violations(page) == [], "default page"
        page.click("#export-toggle-storyline")
        assert page.locator("details.export-menu[open] .export-panel").first.is_visible()
        assert _violations(page) == [], "export menu open"
        page.keyboard.press("Escape")
        assert click_scene(page, "storyline-graph", _first_scene(page))
        page.wait_for_selector("#scene-details [data-scene]", timeout=15000)
        assert _violations(page) == [], "details open"
        assert page.errors == []
    finally:
        ctx.close()


def test_landmarks_language_one_h1_and_a_text_alternative_per_chart(browser, base_url):
    ctx, page = _open(browser, base_url, 1400)
    try:
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.locator("h1").count() == 1
        assert page.locator("main").count() == 1 and page.locator("footer").count() == 1
        assert page.locator("header nav, nav").count() >= 1
        summaries = page.evaluate("""() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => {
            const card = gd.closest('section');
            const alt = card && card.querySelector('.chart-summary');
            return [card && card.getAttribute('aria-labelledby'), alt && alt.textContent]; })""")
        assert len(summaries) >= 5
        for labelled_by, text in summaries:
            assert labelled_by and text and "scene" in text, summaries
        # the footer says what happens to an upload and its link
        footer = page.locator("footer").inner_text()
        assert "anyone with an upload's link can open it" in footer and "confidential" in footer
    finally:
        ctx.close()


@pytest.mark.parametrize("width", [1400, 390])
def test_tab_reaches_every_control_once_per_radio_group_and_the_footer(browser, base_url, width):
    ctx, page = _open(browser, base_url, width)
    try:
        expected = page.evaluate(CONTROLS_JS)
        page.locator("body").focus()
        seen, rings, radio_stops = [], {}, {}
        for _ in range(4 * len(expected) + 20):
            page.keyboard.press("Tab")
            got = page.evaluate(FOCUSED_JS)
            if got is None:
                continue
            if got["radios"]:
                radio_stops[got["key"]] = radio_stops.get(got["key"], 0) + 1
            seen.append(got["key"])
            rings[got["key"]] = rings.get(got["key"], False) or got["ring"]
            if got["footer"]:
                break
        else:
            pytest.fail(f"Tab never reached the footer: trapped after {seen[-10:]}")
        missing = [k for k in expected if k not in seen and not k.startswith("el:Back")]
        assert missing == [], f"not reached by Tab: {missing}"
        assert radio_stops and all(n == 1 for n in radio_stops.values()), radio_stops
        no_ring = [k for k, ring in rings.items() if not ring and not k.startswith("grid:")]
        assert no_ring == [], f"no visible focus: {no_ring}"
    finally:
        ctx.close()


def test_arrow_keys_choose_within_a_radio_group(browser, base_url):
    ctx, page = _open(browser, base_url, 1400)
    try:
        group = page.locator("[role=radiogroup]").first
        first = group.locator("input[type=radio]").first
        first.focus()
        before = group.locator("input[type=radio]:checked").get_attribute("value")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("(v) => document.activeElement.type === 'radio' && document.activeElement.value !== v",
                               arg=before)
        assert group.get_attribute("aria-label")  # the group is named by its label
    finally:
        ctx.close()


def test_export_menu_by_keyboard_keeps_focus_inside_and_escape_closes(browser, base_url):
    ctx, page = _open(browser, base_url, 390)
    try:
        toggle = page.locator("#export-toggle-strip")
        toggle.focus()
        page.keyboard.press("Enter")
        menu = page.locator("details.export-menu[open]")
        assert menu.count() == 1
        inside = []
        for _ in range(8):
            page.keyboard.press("Tab")
            inside.append(page.evaluate("() => !!document.activeElement.closest('details.export-menu[open]')"))
        assert all(inside), inside
        # the Download button is reachable by Tab from the menu's own button
        reached = False
        for _ in range(8):
            page.keyboard.press("Tab")
            if page.evaluate("() => (document.activeElement.id || '').includes('export-button')"):
                reached = True
                break
        assert reached
        page.keyboard.press("Escape")
        assert page.locator("details.export-menu[open]").count() == 0
        assert page.evaluate("() => document.activeElement.id") == "export-toggle-strip"
    finally:
        ctx.close()


def test_the_table_is_read_and_used_by_keyboard(browser, base_url):
    ctx, page = _open(browser, base_url, 1400)
    try:
        page.locator("#character-table").scroll_into_view_if_needed()
        cell = page.locator("#character-table .ag-center-cols-container .ag-row [col-id=name]").nth(1)
        cid = page.locator("#character-table .ag-center-cols-container .ag-row").nth(1).get_attribute("row-id")
        cell.focus()
        page.keyboard.press("ArrowDown")  # the arrow keys move through the cells
        page.keyboard.press("ArrowUp")
        assert page.evaluate("() => document.activeElement.getAttribute('col-id')") == "name"
        page.keyboard.press("Enter")  # chooses that character, as a click does
        page.wait_for_url(lambda u: f"c={cid}" in u, timeout=15000)
        page.keyboard.press("Tab")  # and Tab leaves the table
        assert page.evaluate("() => !document.activeElement.closest('.ag-root-wrapper')")
    finally:
        ctx.close()


def test_an_upload_on_screen_the_delete_button_passes_axe_and_tab(browser, base_url):
    """An upload's link (opened with nothing but the URL): the bar that says who can open it and
    its delete button are labelled, reached by Tab, and axe finds nothing critical or serious."""
    from layouts import stories

    story = ("title: Axe Check\ncharacters:\n  - {id: ann, name: Ann}\n  - {id: bob, name: Bob}\n"
             "scenes:\n  - {id: s1, title: Meet, characters: [ann, bob]}\n  - {id: s2, title: Part, characters: [ann]}\n")
    import base64

    store, err = stories.parse_upload("data:application/x-yaml;base64," + base64.b64encode(story.encode()).decode(),
                                      "axe.yaml")
    assert err is None
    ctx, page = _open(browser, base_url, 390, f"?story={store['key']}")
    try:
        delete = page.locator("#upload-delete")
        delete.wait_for(state="visible")
        assert _violations(page) == [], "upload on screen"
        page.locator("body").focus()
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.id") == "upload-delete":
                break
        else:
            pytest.fail("Tab never reached the delete button")
        got = page.evaluate(FOCUSED_JS)
        assert got["ring"] and got["key"] == "el:upload-delete"
        assert page.locator("#upload-bar").get_attribute("aria-label")
        assert page.errors == []
    finally:
        ctx.close()
        stories.delete_upload(store["key"])


def test_each_chart_toolbar_is_one_tab_stop_with_arrow_keys_inside(browser, base_url):
    """A chart's toolbar is a named role=toolbar holding one Tab stop; the arrow keys move
    inside it, the moved-to button keeps the stop, and Tab leaves the toolbar."""
    ctx, page = _open(browser, base_url, 1400)
    try:
        page.wait_for_function("() => [...document.querySelectorAll('.modebar')].every(b => b.getAttribute('role') === 'toolbar')")
        bars = page.evaluate("""() => [...document.querySelectorAll('.modebar')].map(b => ({
            name: b.getAttribute('aria-label'),
            buttons: b.querySelectorAll('.modebar-btn').length,
            stops: [...b.querySelectorAll('.modebar-btn')].filter(x => x.tabIndex >= 0).length}))""")
        assert len(bars) >= 5
        assert all(b["name"] and b["name"].endswith("chart tools") for b in bars), bars
        assert all(b["buttons"] > 1 and b["stops"] == 1 for b in bars), bars
        assert len({b["name"] for b in bars}) == len(bars)  # each named after its own chart
        first = page.locator("#storyline-graph .modebar-btn").first
        first.focus()
        names = [page.evaluate("() => document.activeElement.getAttribute('data-title')")]
        page.keyboard.press("ArrowRight")
        names.append(page.evaluate("() => document.activeElement.getAttribute('data-title')"))
        assert names[0] != names[1] and None not in names
        assert page.evaluate("() => document.activeElement.tabIndex") == 0
        page.keyboard.press("End")
        page.keyboard.press("ArrowRight")  # wraps to the first
        assert page.evaluate("() => document.activeElement.getAttribute('data-title')") == names[0]
        page.keyboard.press("Tab")
        assert page.evaluate("() => !document.activeElement.closest('#storyline-graph .modebar')")
    finally:
        ctx.close()
