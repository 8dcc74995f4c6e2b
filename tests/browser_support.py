"""Helpers for the browser tests and the latency benchmark: serve the app on
127.0.0.1 in a thread, drive Debian's Chromium with Playwright (no browser
downloads), read what Plotly drew."""

from __future__ import annotations

import threading
from contextlib import contextmanager

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
GRAPHS = ("storyline-graph", "strip-graph", "network-graph")


def images_ok() -> bool:
    """True when kaleido and a Chromium can export images here (for ``skipif``)."""
    try:
        from timeline.export.images import chromium_available
    except ImportError:
        return False
    return chromium_available()[0]


@contextmanager
def serve(app):
    """Serve a Dash app's Flask server on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    from werkzeug.serving import make_server

    import logging

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    srv = make_server("127.0.0.1", 0, app.server, threaded=True)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{srv.server_port}"
    finally:
        srv.shutdown()
        t.join(5)


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


# JS: a short signature of what a graph drew (changes when the figure changes)
SIGNATURE_JS = """(id) => {
  const gd = document.getElementById(id)?.querySelector('.js-plotly-plot');
  if (!gd || !gd._fullData) return null;
  return JSON.stringify(gd._fullData.map(t => [t.type, t.name, t.opacity, (t.x || []).length,
      t.marker && (Array.isArray(t.marker.opacity) ? t.marker.opacity.join(',') : t.marker.opacity),
      t.line && t.line.color, t.line && t.line.width]));
}"""

SCENES_JS = """(id) => {
  const gd = document.getElementById(id)?.querySelector('.js-plotly-plot');
  const out = new Set();
  for (const t of (gd && gd.data) || []) for (const cd of (t.customdata || [])) {
      const v = Array.isArray(cd) ? cd[0] : cd; if (typeof v === 'string') out.add(v); }
  return Array.from(out).sort();
}"""


@contextmanager
def new_page(browser, **context_options):
    """A page at 1400×1000 whose console errors and page errors collect in ``page.errors``."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, **context_options)
    pg = ctx.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    try:
        yield pg
    finally:
        ctx.close()


def wait_for_graphs(page, timeout=30000):
    page.wait_for_function(
        """(ids) => ids.every(id => { const gd = document.getElementById(id)?.querySelector('.js-plotly-plot');
                                       return gd && gd._fullData && gd._fullData.length > 0; })""",
        arg=list(GRAPHS), timeout=timeout)
    # and no callback still running
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')", timeout=timeout)


def signatures(page) -> dict:
    return {g: page.evaluate(SIGNATURE_JS, g) for g in GRAPHS}


def wait_for_change(page, graph: str, before: str, timeout=30000):
    page.wait_for_function(f"([id, before]) => ({SIGNATURE_JS})(id) !== before && ({SIGNATURE_JS})(id) !== null",
                           arg=[graph, before], timeout=timeout)

# JS: page coordinates of the point that stands for a scene (bars: their middle)
POINT_XY_JS = """([id, sid]) => {
  const gd = document.getElementById(id).querySelector('.js-plotly-plot');
  const fl = gd._fullLayout, r = gd.getBoundingClientRect();
  for (const t of gd._fullData) {
    const cds = t.customdata || [];
    for (let i = 0; i < cds.length; i++) {
      const v = Array.isArray(cds[i]) ? cds[i][0] : cds[i];
      if (v !== sid || t.x == null || t.y == null) continue;
      const xa = fl[(t.xaxis || 'x').replace('x', 'xaxis')], ya = fl[(t.yaxis || 'y').replace('y', 'yaxis')];
      let y = t.y[i]; if (t.type === 'bar') y = (t.base || 0) + y / 2;
      return [r.left + xa._offset + xa.l2p(xa.d2l(t.x[i])), r.top + ya._offset + ya.l2p(ya.d2l(y))];
    }
  }
  return null;
}"""


def click_scene(page, graph: str, scene_id: str) -> bool:
    """Click the point or block of a scene in a graph, as a person would."""
    page.locator(f"#{graph}").scroll_into_view_if_needed()
    xy = page.evaluate(POINT_XY_JS, [graph, scene_id])
    for _ in range(20):  # a chart still settling in its card (a resize after a new width): wait
        page.wait_for_timeout(150)
        again = page.evaluate(POINT_XY_JS, [graph, scene_id])
        if again == xy:
            break
        xy = again
    if not xy:
        return False
    page.mouse.move(*xy)
    page.wait_for_timeout(100)  # plotly computes hover data on mouse moves, then the click uses it
    page.mouse.click(*xy)
    return True


def pick_option(page, dropdown_id: str, text: str, expect: str | None = None):
    """Type into a dropdown and pick the first match, from the keyboard. Enter picks the
    first option: wait until the menu has filtered down to one naming ``expect`` (default
    ``text``; on a busy machine the menu still showed the unfiltered list when Enter came)."""
    page.click(f"#{dropdown_id}")
    page.keyboard.type(text)
    page.wait_for_function("(t) => { const o = document.querySelector('.dash-dropdown-option, [role=option]');"
                           " return o && o.innerText.toLowerCase().includes(t.toLowerCase()); }",
                           arg=expect or text, timeout=15000)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")


def choose_character(page, text: str, expect: str | None = None):
    """Type into the character filter and pick the first match (search covers aliases:
    ``expect`` is the name the match shows when ``text`` is an alias)."""
    pick_option(page, "character-filter", text, expect)
