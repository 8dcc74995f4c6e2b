"""Export: a menu per chart (PNG, SVG, PDF, HTML at a size preset) and "Export all" (ZIP).

Images are rendered on the server by :func:`timeline.export.images.render`
(kaleido drives Chromium). When Chromium is missing the menu says so and offers
HTML only; everything else keeps working. Both downloads are Dash background
callbacks (a :class:`dash.DiskcacheManager` in the app's cache folder): the button
is disabled while the file is made, the page shows progress, and no request
thread waits for Chromium.
"""

from __future__ import annotations

import logging
import re

import dash_bootstrap_components as dbc
from dash import DiskcacheManager, Input, Output, State, callback, dcc, html, no_update

from timeline.export import images
from timeline.export.bundle import export_bundle

from . import ids
from .cache import cache_dir
from .charts import CHARTS, build_figure
from .state import current

log = logging.getLogger(__name__)

FORMATS = ("png", "svg", "pdf", "html")
IMAGE_FORMATS = ("png", "svg", "pdf")
PRESET_LABELS = {"slide": "Slide 16:9", "a4": "A4 landscape", "square": "Square"}


def _manager() -> DiskcacheManager:
    import diskcache

    return DiskcacheManager(diskcache.Cache(str(cache_dir("jobs"))))


#: Runs the export callbacks in the background (shared by the worker processes).
MANAGER = _manager()


def presets() -> dict[str, tuple[int, int]]:
    """Size presets ``name -> (width, height)`` in CSS pixels (the exporter's)."""
    return {name: (int(w), int(h)) for name, (w, h) in images.PRESETS.items()}


def image_support() -> tuple[bool, str]:
    """Whether images can be rendered here, and why not."""
    try:
        return images.chromium_available()
    except Exception as e:  # noqa: BLE001  (never break the page over the export menu)
        log.warning("image export unavailable: %s", e)
        return False, str(e)


def _field(label: str, control):
    """A control inside its label (an implicit label: the ids are pattern-matching dicts)."""
    return html.Label([html.Span(label, className="small d-block"), control], className="d-block mb-2")


def export_menu(chart: str):
    """The chart's "Export" menu: a disclosure (``<details>``) whose panel follows its
    button in the page, so Tab goes from the button into the menu; while it is open,
    Tab stays inside and Escape closes it (``assets/a11y.js``)."""
    ok, why = image_support()
    fmt_opts = [{"label": f.upper(), "value": f, "disabled": (f in IMAGE_FORMATS and not ok)} for f in FORMATS]
    pre = presets()
    body = [
        html.Div(
            dbc.Alert(["PNG, SVG and PDF need Chromium on the server: ", html.Em(why),
                       ". HTML export works."], color="warning", className="small p-2 mb-2 export-unavailable")
        ) if not ok else None,
        _field("Format", dbc.Select(id={"type": ids.EXPORT_FORMAT, "chart": chart}, options=fmt_opts,
                                    value="png" if ok else "html", size="sm")),
        _field("Size", dbc.Select(id={"type": ids.EXPORT_PRESET, "chart": chart},
                                  options=[{"label": f"{PRESET_LABELS.get(k, k.title())} ({w}×{h})", "value": k}
                                           for k, (w, h) in pre.items()],
                                  value=next(iter(pre)), size="sm")),
        _field("Scale (PNG)", dbc.Select(id={"type": ids.EXPORT_SCALE, "chart": chart},
                                         options=[{"label": f"{s}×", "value": str(s)} for s in (1, 2, 3)],
                                         value="2", size="sm")),
        dbc.Button("Download", id={"type": ids.EXPORT_BUTTON, "chart": chart}, color="primary", size="sm",
                   className="w-100"),
        html.Div(id={"type": ids.EXPORT_PROGRESS, "chart": chart}, className="small mt-2 text-muted",
                 role="status"),
        html.Div(id={"type": ids.EXPORT_STATUS, "chart": chart}, className="small mt-2", role="status"),
        dcc.Download(id={"type": ids.EXPORT_DOWNLOAD, "chart": chart}),
    ]
    return html.Details(
        [html.Summary("Export ▾", className="btn btn-light btn-sm border export-toggle",
                      id=f"export-toggle-{chart}", **{"aria-label": f"Export the {chart} chart"}),
         html.Div(body, className="export-panel shadow", role="group",
                  **{"aria-label": f"Export the {chart} chart"})],
        className="export-menu",
    )


def export_all_button():
    return html.Div(
        [dbc.Button("Export all (ZIP)", id=ids.EXPORT_ALL, color="light", size="sm", className="ms-2"),
         html.Span(id=ids.EXPORT_ALL_PROGRESS, className="small text-white-50 ms-2"),
         html.Span(id=ids.EXPORT_ALL_STATUS, className="small text-white-50 ms-2"),
         dcc.Download(id=ids.EXPORT_ALL_DOWNLOAD)],
        className="d-flex align-items-center",
    )


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "story"


def export_chart(chart: str, fmt: str, preset: str, scale, query: str, upload=None) -> tuple[bytes, str]:
    """``(bytes, filename)`` of one chart of the view in a format and size."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    w, h = presets().get(preset) or next(iter(presets().values()))
    cur = current(query, upload)
    fig = build_figure(chart, cur, width=w, height=h)
    name = f"{_safe(cur.story_id)}-{chart}.{fmt}"
    sc = float(scale or 1) if fmt == "png" else 1
    data = images.render(fig, fmt, width=w, height=h, scale=sc)
    return (data if isinstance(data, bytes) else data.encode("utf-8")), name


def _cid(kind: str, chart: str) -> dict:
    return {"type": kind, "chart": chart}


def _register_download(chart: str):
    """The background callback of one chart's Download button (background callbacks take
    no pattern-matching ids: one per chart)."""

    @callback(
        Output(_cid(ids.EXPORT_DOWNLOAD, chart), "data"),
        Output(_cid(ids.EXPORT_STATUS, chart), "children"),
        Input(_cid(ids.EXPORT_BUTTON, chart), "n_clicks"),
        State(_cid(ids.EXPORT_FORMAT, chart), "value"),
        State(_cid(ids.EXPORT_PRESET, chart), "value"),
        State(_cid(ids.EXPORT_SCALE, chart), "value"),
        State(ids.STATE, "data"),
        State(ids.UPLOAD_STORE, "data"),
        background=True,
        manager=MANAGER,
        running=[(Output(_cid(ids.EXPORT_BUTTON, chart), "disabled"), True, False)],
        progress=[Output(_cid(ids.EXPORT_PROGRESS, chart), "children")],
        prevent_initial_call=True,
    )
    def download(set_progress, n, fmt, preset, scale, query, upload):
        if not n:
            return no_update, no_update
        set_progress(f"Making {str(fmt).upper()}…")
        return chart_download(chart, fmt, preset, scale, query, upload, set_progress)

    return download


for _chart in CHARTS:
    _register_download(_chart)


def chart_download(chart, fmt, preset, scale, query, upload, set_progress=lambda _: None):
    """The chart download callback's work (a plain function)."""
    try:
        data, name = export_chart(chart, fmt, preset, scale, query, upload)
    except Exception as e:  # noqa: BLE001  (the message is the answer; the app keeps serving)
        log.exception("export of %s failed", chart)
        set_progress("")
        return no_update, html.Span(f"Export failed: {e}", className="text-danger")
    set_progress("")
    return dcc.send_bytes(data, name), html.Span(f"Saved {name} ({len(data) / 1024:.0f} KB)",
                                                className="text-success")


@callback(
    Output(ids.EXPORT_ALL_DOWNLOAD, "data"),
    Output(ids.EXPORT_ALL_STATUS, "children"),
    Input(ids.EXPORT_ALL, "n_clicks"),
    State(ids.STATE, "data"),
    State(ids.UPLOAD_STORE, "data"),
    background=True,
    manager=MANAGER,
    running=[(Output(ids.EXPORT_ALL, "disabled"), True, False)],
    progress=[Output(ids.EXPORT_ALL_PROGRESS, "children")],
    prevent_initial_call=True,
)
def download_all(set_progress, n, query, upload):
    if not n:
        return no_update, no_update
    return bundle_download(query, upload, set_progress)


def bundle_download(query, upload, set_progress=lambda _: None):
    """The "Export all" callback's work (a plain function): progress names each file."""
    cur = current(query, upload)
    set_progress("Starting…")
    net = cur.net_scenes if cur.net_scenes != cur.state.scenes else None
    try:
        # what is on screen: the views' state, the network's window and colouring, the
        # figures the app draws (its cached storyline layout included)
        data = export_bundle(cur.story, cur.state, progress=lambda name: set_progress(f"Added {name}"),
                             network_scenes=net, network_colour=cur.net, query=cur.query,
                             figures=lambda chart: build_figure(chart, cur))
    except Exception as e:  # noqa: BLE001
        log.exception("export all failed")
        set_progress("")
        return no_update, f"Export failed: {e}"
    set_progress("")
    return dcc.send_bytes(data, f"{_safe(cur.story_id)}-export.zip"), ""
