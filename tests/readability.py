"""Readability of a plotly figure as Chromium draws it: overlapping, clipped and tiny texts.

Used by the browser tests (``tests/test_readability.py``, the app's browser
tests) and by ``benchmarks/readability.py``. Two entry points:

- :func:`measure` renders a figure alone in headless Debian Chromium
  (Playwright, plotly.js from the installed plotly package, no CDN) at a given
  size and measures it;
- :func:`measure_page` measures a graph already drawn in a live page (the
  app), found by a CSS selector.

Both return the same dict:

``texts``
    number of visible SVG ``<text>`` elements: non-empty, displayed, not
    hidden, effective opacity >= 0.3 (the element's and every ancestor's
    opacity times its fill opacity);
``overlaps``
    pairs ``(text_a, text_b)`` of visible texts whose boxes intersect by more
    than 1 px in both directions;
``clipped``
    texts whose box extends (by more than 1 px) outside the figure's SVG or
    outside the clip path of a plot area/legend they sit in (in a chart that
    opens on a window of scenes, ``layout.meta.window``, a text wholly outside
    its clip path waits for a drag: it is not counted at all);
``min_font_px``
    the smallest font size of a visible text (``None`` when there is none);
``legend_entries``
    number of legend items (``g.legend g.traces``);
``y_labels``
    the visible y tick label texts of every y axis, top to bottom;
``y_labels_by_axis``
    the same per axis (``"y"``, ``"y2"``, ...).
"""

from __future__ import annotations

import atexit
import json
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

__all__ = ["measure", "measure_page", "Renderer", "MEASURE_JS", "summary"]

#: JS: ``(gd) => result``, ``gd`` a plotly graph div (or an element holding one).
MEASURE_JS = r"""(root) => {
  const gd = root.classList && root.classList.contains('js-plotly-plot') ? root
             : (root.querySelector('.js-plotly-plot') || root);
  const svg = gd.querySelector('svg.main-svg');
  const frame = (svg || gd).getBoundingClientRect();
  const MIN_OPACITY = 0.3;
  const windowed = !!(gd.layout && gd.layout.meta && gd.layout.meta.window);
  const opacityOf = (el) => {
    let o = 1;
    const own = getComputedStyle(el);
    const fo = parseFloat(own.fillOpacity);
    if (!isNaN(fo)) o *= fo;
    const fill = own.fill || '';
    const m = fill.match(/rgba\([^)]*,\s*([0-9.]+)\)/);
    if (m) o *= parseFloat(m[1]);
    for (let e = el; e && e !== gd.parentElement; e = e.parentElement) {
      const st = getComputedStyle(e);
      if (st.display === 'none' || st.visibility === 'hidden') return 0;
      const v = parseFloat(st.opacity);
      if (!isNaN(v)) o *= v;
    }
    return o;
  };
  // the rectangle (screen coordinates) of the nearest clip path around an element
  const clipRects = (el) => {
    const out = [];
    for (let e = el; e && e !== gd; e = e.parentElement) {
      const cp = e.getAttribute && e.getAttribute('clip-path');
      if (!cp) continue;
      const m = cp.match(/url\(['"]?#([^'")]+)['"]?\)/);
      if (!m) continue;
      const clip = document.getElementById(m[1]);
      const rect = clip && clip.querySelector('rect');
      if (!rect || !e.getScreenCTM) continue;
      const ctm = e.getScreenCTM();
      const x = rect.x.baseVal.value, y = rect.y.baseVal.value;
      const w = rect.width.baseVal.value, h = rect.height.baseVal.value;
      const p0 = new DOMPoint(x, y).matrixTransform(ctm), p1 = new DOMPoint(x + w, y + h).matrixTransform(ctm);
      out.push({left: Math.min(p0.x, p1.x), top: Math.min(p0.y, p1.y),
                right: Math.max(p0.x, p1.x), bottom: Math.max(p0.y, p1.y)});
    }
    return out;
  };
  const outside = (b, r) => b.left < r.left - 1 || b.top < r.top - 1 || b.right > r.right + 1 || b.bottom > r.bottom + 1;
  const items = [];
  for (const t of gd.querySelectorAll('svg text')) {
    const text = (t.textContent || '').trim();
    if (!text) continue;
    if (t.closest('.hoverlayer')) continue;  // hover labels exist only under the mouse
    const b = t.getBoundingClientRect();
    if (b.width <= 0 || b.height <= 0) continue;
    if (opacityOf(t) < MIN_OPACITY) continue;
    const fs = parseFloat(getComputedStyle(t).fontSize);
    // a chart that opens on a window of scenes (layout.meta.window, a phone) draws the
    // texts of the other scenes when a drag brings them in: wholly outside the plot's
    // clip path, a text is not counted; partly outside, it is clipped
    const away = (b, r) => b.right <= r.left || b.left >= r.right || b.bottom <= r.top || b.top >= r.bottom;
    const clips = clipRects(t);
    if (windowed && clips.some(r => away(b, r))) continue;
    let clipped = outside(b, frame);
    if (!clipped) for (const r of clips) if (outside(b, r)) { clipped = true; break; }
    let axis = null;
    const tick = t.closest('g[class$="tick"]');
    if (tick) {
      const m = tick.getAttribute('class').match(/^(x|y)(\d*)tick$/);
      if (m) axis = m[1] + m[2];
    }
    items.push({text, fs, clipped, axis, l: b.left, t: b.top, r: b.right, b: b.bottom});
  }
  const overlaps = [];
  const byLeft = items.map((it, i) => i).sort((a, b) => items[a].l - items[b].l);
  for (let ii = 0; ii < byLeft.length; ii++) {
    const a = items[byLeft[ii]];
    for (let jj = ii + 1; jj < byLeft.length; jj++) {
      const b = items[byLeft[jj]];
      if (b.l >= a.r - 1) break;  // sorted by left edge: no later box can overlap in x
      const dx = Math.min(a.r, b.r) - Math.max(a.l, b.l);
      const dy = Math.min(a.b, b.b) - Math.max(a.t, b.t);
      if (dx > 1 && dy > 1) overlaps.push([a.text, b.text]);
    }
  }
  const yBy = {};
  for (const it of items.filter(i => i.axis && i.axis[0] === 'y').sort((p, q) => p.t - q.t)) {
    (yBy[it.axis] = yBy[it.axis] || []).push(it.text);
  }
  const legend = gd.querySelectorAll('g.legend g.traces').length;
  return {
    texts: items.length,
    overlaps,
    clipped: items.filter(i => i.clipped).map(i => i.text),
    min_font_px: items.length ? Math.min(...items.map(i => i.fs)) : null,
    legend_entries: legend,
    y_labels: Object.keys(yBy).sort().flatMap(k => yBy[k]),
    y_labels_by_axis: yBy,
  };
}"""

_PLOT_JS = """async ([figJson, width, height]) => {
  const fig = JSON.parse(figJson);
  const div = document.getElementById('graph');
  div.style.width = width + 'px';
  div.style.height = height + 'px';
  const layout = Object.assign({}, fig.layout || {}, {width, height});
  Plotly.purge(div);
  await Plotly.newPlot(div, fig.data || [], layout, {displayModeBar: false, responsive: false});
  return true;
}"""


def _plotly_js() -> Path:
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.is_file():  # pragma: no cover - every plotly wheel ships it
        raise FileNotFoundError(path)
    return path


class Renderer:
    """One headless Chromium page with plotly.js loaded, reused for many figures.

    Use as a context manager, or call :meth:`close`.
    """

    def __init__(self):
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        try:
            self._browser = self._pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            self.page = self._browser.new_page(viewport={"width": 1400, "height": 1000})
            self.page.set_content("<!doctype html><html><head><meta charset='utf-8'>"
                                  "<style>body{margin:0}</style></head>"
                                  "<body><div id='graph'></div></body></html>")
            self.page.add_script_tag(path=str(_plotly_js()))
        except Exception:
            self._pw.stop()
            raise

    def measure(self, fig, width: int, height: int) -> dict:
        """Draw ``fig`` (a plotly Figure or figure dict) at ``width`` × ``height`` px and measure it."""
        payload = fig.to_json() if hasattr(fig, "to_json") else json.dumps(fig)
        width, height = int(width), int(height)
        self.page.set_viewport_size({"width": max(width, 200), "height": max(height, 200)})
        self.page.evaluate(_PLOT_JS, [payload, width, height])
        return self.page.evaluate(MEASURE_JS, self.page.query_selector("#graph"))

    def close(self):
        try:
            self._browser.close()
        finally:
            self._pw.stop()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_shared: Renderer | None = None


def _renderer() -> Renderer:
    global _shared
    if _shared is None:
        _shared = Renderer()
        atexit.register(_close_shared)
    return _shared


def _close_shared():
    global _shared
    if _shared is not None:
        try:
            _shared.close()
        except Exception:  # pragma: no cover - interpreter shutting down
            pass
        _shared = None


def measure(fig, width: int, height: int, *, renderer: Renderer | None = None) -> dict:
    """Render ``fig`` in headless Chromium at ``width`` × ``height`` px and measure its texts.

    A module-wide :class:`Renderer` (one browser) is started on first use and
    closed at exit, unless ``renderer`` is given. See the module docstring for
    the keys of the result.
    """
    return (renderer or _renderer()).measure(fig, width, height)


def measure_page(page, selector: str) -> dict:
    """Measure a plotly graph already drawn in a live Playwright ``page``.

    ``selector`` finds the graph (the Dash ``dcc.Graph`` id, e.g.
    ``"#strip-graph"``, or its ``.js-plotly-plot`` div).
    """
    el = page.query_selector(selector)
    if el is None:
        raise LookupError(f"no element matches {selector!r}")
    return page.evaluate(MEASURE_JS, el)


def summary(result: dict) -> str:
    """One line for a test failure: counts and the first few offending texts."""
    ov = result["overlaps"]
    return (f"{result['texts']} texts, {len(ov)} overlaps {ov[:5]}, {len(result['clipped'])} clipped "
            f"{result['clipped'][:5]}, min font {result['min_font_px']} px, "
            f"{result['legend_entries']} legend entries")
