"""Export: a menu per chart (PNG, SVG, PDF, HTML at a size preset) and "Export all" (ZIP).

Images are rendered on the server by :func:`timeline.export.images.render`
(kaleido drives Chromium). When Chromium is missing the menu says so and offers
HTML only; everything else keeps working.
"""

from __future__ import annotations

import re

import dash_bootstrap_components as dbc
from dash import MATCH, Input, Output, State, callback, dcc, html, no_update

from . import ids
from .common import build_figure, current

FORMATS = ("png", "svg", "pdf", "html")
IMAGE_FORMATS = ("png", "svg", "pdf")
MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf", "html": "text/html"}
_DEFAULT_PRESETS = {"slide": (1600, 900), "a4": (1754, 1240), "square": (1200, 1200)}
PRESET_LABELS = {"slide": "Slide 16:9", "a4": "A4 landscape", "square": "Square"}


def _images():
    try:
        from timeline.export import images
    except ImportError:
        return None
    return images


def presets() -> dict[str, tuple[int, int]]:
    """Size presets ``name -> (width, height)`` in CSS pixels."""
    images = _images()
    raw = getattr(images, "PRESETS", None) or _DEFAULT_PRESETS
    out = {}
    for name, v in raw.items():
        if isinstance(v, dict):
            out[name] = (int(v.get("width")), int(v.get("height")))
        elif hasattr(v, "width"):
            out[name] = (int(v.width), int(v.height))
        else:
            out[name] = (int(v[0]), int(v[1]))
    return out


def image_support() -> tuple[bool, str]:
    """Whether images can be rendered here, and why not."""
    images = _images()
    if images is None:
        return False, "image export is not installed in this build"
    try:
        return images.chromium_available()
    except Exception as e:  # never break the page over the export menu
        return False, str(e)


def export_menu(chart: str):
    ok, why = image_support()
    fmt_opts = [{"label": f.upper(), "value": f, "disabled": (f in IMAGE_FORMATS and not ok)} for f in FORMATS]
    pre = presets()
    body = [
        html.Div(
            dbc.Alert(["PNG, SVG and PDF need Chromium on the server: ", html.Em(why),
                       ". HTML export works."], color="warning", className="small p-2 mb-2 export-unavailable")
        ) if not ok else None,
        dbc.Label("Format", className="small mb-0"),
        dbc.Select(id={"type": ids.EXPORT_FORMAT, "chart": chart}, options=fmt_opts, value="png" if ok else "html",
                   size="sm", className="mb-2"),
        dbc.Label("Size", className="small mb-0"),
        dbc.Select(id={"type": ids.EXPORT_PRESET, "chart": chart},
                   options=[{"label": f"{PRESET_LABELS.get(k, k.title())} ({w}×{h})", "value": k}
                            for k, (w, h) in pre.items()],
                   value=next(iter(pre)), size="sm", className="mb-2"),
        dbc.Label("Scale (PNG)", className="small mb-0"),
        dbc.Select(id={"type": ids.EXPORT_SCALE, "chart": chart},
                   options=[{"label": f"{s}×", "value": str(s)} for s in (1, 2, 3)], value="2", size="sm",
                   className="mb-2"),
        dbc.Button("Download", id={"type": ids.EXPORT_BUTTON, "chart": chart}, color="primary", size="sm",
                   className="w-100"),
        dcc.Loading(html.Div([html.Div(id={"type": ids.EXPORT_STATUS, "chart": chart}, className="small mt-2"),
                              dcc.Download(id={"type": ids.EXPORT_DOWNLOAD, "chart": chart})]),
                    type="circle", delay_show=150),
    ]
    target = f"export-toggle-{chart}"
    return html.Div(
        [dbc.Button("Export ▾", id=target, color="light", size="sm", className="border export-toggle"),
         dbc.Popover(dbc.PopoverBody(body), target=target, trigger="legacy", placement="bottom-end",
                     className="export-popover")],
    )


def export_all_button():
    return html.Div(
        [dbc.Button("Export all (ZIP)", id=ids.EXPORT_ALL, color="light", size="sm", className="ms-2"),
         dcc.Loading(html.Div([html.Span(id=ids.EXPORT_ALL_STATUS, className="small text-white-50 ms-2"),
                               dcc.Download(id=ids.EXPORT_ALL_DOWNLOAD)]), type="circle", delay_show=150,
                     parent_className="d-inline-block")],
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
    images = _images()
    if fmt == "html":
        try:
            data = images.render(fig, "html", width=w, height=h) if images else None
        except Exception:
            data = None
        if data is None:
            import plotly.io as pio

            data = pio.to_html(fig, include_plotlyjs=True, full_html=True).encode("utf-8")
        return (data if isinstance(data, bytes) else data.encode("utf-8")), name
    if images is None:
        raise RuntimeError("image export is not installed in this build")
    sc = float(scale or 1) if fmt == "png" else 1
    return images.render(fig, fmt, width=w, height=h, scale=sc), name


@callback(
    Output({"type": ids.EXPORT_DOWNLOAD, "chart": MATCH}, "data"),
    Output({"type": ids.EXPORT_STATUS, "chart": MATCH}, "children"),
    Input({"type": ids.EXPORT_BUTTON, "chart": MATCH}, "n_clicks"),
    State({"type": ids.EXPORT_FORMAT, "chart": MATCH}, "value"),
    State({"type": ids.EXPORT_PRESET, "chart": MATCH}, "value"),
    State({"type": ids.EXPORT_SCALE, "chart": MATCH}, "value"),
    State({"type": ids.EXPORT_BUTTON, "chart": MATCH}, "id"),
    State(ids.STATE, "data"),
    State(ids.UPLOAD_STORE, "data"),
    prevent_initial_call=True,
)
def download(n, fmt, preset, scale, button_id, query, upload):
    if not n:
        return no_update, no_update
    try:
        data, name = export_chart(button_id["chart"], fmt, preset, scale, query, upload)
    except Exception as e:
        return no_update, html.Span(f"Export failed: {e}", className="text-danger")
    return dcc.send_bytes(data, name), html.Span(f"Saved {name} ({len(data) / 1024:.0f} KB)",
                                                className="text-success")


@callback(
    Output(ids.EXPORT_ALL_DOWNLOAD, "data"),
    Output(ids.EXPORT_ALL_STATUS, "children"),
    Input(ids.EXPORT_ALL, "n_clicks"),
    State(ids.STATE, "data"),
    State(ids.UPLOAD_STORE, "data"),
    prevent_initial_call=True,
)
def download_all(n, query, upload):
    if not n:
        return no_update, no_update
    try:
        from timeline.export.bundle import export_bundle
    except ImportError:
        return no_update, "Export all is not available in this build."
    cur = current(query, upload)
    try:
        data = export_bundle(cur.story, cur.state)
    except Exception as e:
        return no_update, f"Export failed: {e}"
    return dcc.send_bytes(data, f"{_safe(cur.story_id)}-export.zip"), ""
