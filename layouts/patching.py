"""The frame-digest diff contract: when the page may get a style-only ``Patch``.

A figure splits into its **frame** (everything that says *what* is drawn: trace
coordinates, texts, customdata, the layout but its title and annotations) and
its **style** (the scalar values under :data:`STYLE_KEYS` of each trace:
opacities, colours, widths; and the layout's :data:`LAYOUT_STYLE_KEYS`).

The contract, between the server and the page:

1. With every figure the server hands the page its frame key
   (:func:`frame_key`): ``"<layout digest>:<trace digest>,<trace digest>,…"``;
   the page keeps it in the chart's :data:`layouts.ids.DRAWN` store and sends it
   back with the next request.
2. When the new figure has the same layout digest and as many traces,
   :func:`update_patch` returns a :class:`dash.Patch` that sets only the style
   scalars of the traces whose frame is unchanged, and replaces the others whole.
   Applied to the figure on screen, it gives exactly the new figure
   (``tests/test_app_callbacks.py`` checks this).
3. Otherwise the whole figure is sent.

Style values are sent as scalars (``marker.opacity``, not ``marker`` with its
arrays): plotly.js compares arrays by identity, and a new array, even an equal
one, makes it recompute the whole chart instead of restyling it. For the same
reason :func:`prepare` writes the template into the layout and sets
``layout.datarevision`` from the frame.
"""

from __future__ import annotations

import hashlib
import json

from dash import Patch

__all__ = ["STYLE_KEYS", "LAYOUT_STYLE_KEYS", "frame_key", "update_patch", "prepare", "digest"]

#: Trace properties a filter change in highlight mode may restyle. Their *scalar*
#: values are a trace's style; everything else, arrays inside them included, is its frame.
STYLE_KEYS = ("opacity", "line", "marker", "textfont", "fillcolor")
#: Layout properties that follow the filter (the title names it, annotations may fade).
LAYOUT_STYLE_KEYS = ("title", "annotations")
#: layout.meta keys the page reads (the rest would make plotly.js replot on every change:
#: layout.meta has editType "plot").
META_KEYS = ("chart", "story", "restyle", "summary", "window")
_SCALAR = "\x00"  # stands for a style value in a frame digest


def digest(obj) -> str:
    """A short stable digest of a JSON-able value."""
    text = json.dumps(obj, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _frame_of(value):
    """``value`` with its scalar leaves blanked out: what a style patch cannot change."""
    if isinstance(value, dict):
        return {k: _frame_of(v) for k, v in value.items()}
    return value if isinstance(value, (list, tuple)) else _SCALAR


def _style_leaves(value, path=()):
    """``(path, scalar)`` of every scalar leaf (the style a patch sets)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _style_leaves(v, (*path, k))
    elif not isinstance(value, (list, tuple)):
        yield path, value


def frame_key(fig: dict) -> str:
    """The frame key of a figure dict (see the module's contract)."""
    layout = fig.get("layout", {})
    head = digest([{k: v for k, v in layout.items() if k not in LAYOUT_STYLE_KEYS and k != "datarevision"},
                   sorted(k for k in LAYOUT_STYLE_KEYS if k in layout)])
    traces = [digest({k: (_frame_of(v) if k in STYLE_KEYS else v) for k, v in t.items()})
              for t in fig.get("data", ())]
    return head + ":" + ",".join(traces)


def update_patch(fig: dict, key: str, drawn: str | None) -> Patch | None:
    """A :class:`dash.Patch` turning the figure whose frame key is ``drawn`` into ``fig``
    (frame key ``key``), or None when only the whole figure will do."""
    if not drawn or ":" not in drawn:
        return None
    head, _, rest = key.partition(":")
    old_head, _, old_rest = drawn.partition(":")
    new_traces, old_traces = rest.split(",") if rest else [], old_rest.split(",") if old_rest else []
    if head != old_head or len(new_traces) != len(old_traces):
        return None
    p = Patch()
    for i, (t, a, b) in enumerate(zip(fig.get("data", ()), new_traces, old_traces)):
        if a != b:
            p["data"][i] = t
            continue
        for k in STYLE_KEYS:
            for path, value in _style_leaves(t.get(k), (k,)) if k in t else ():
                target = p["data"][i]
                for part in path[:-1]:
                    target = target[part]
                target[path[-1]] = value
    for k in (*LAYOUT_STYLE_KEYS, "datarevision"):
        if k in fig.get("layout", {}):
            p["layout"][k] = fig["layout"][k]
    return p


def _merged(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merged(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _inline_template(layout: dict) -> dict:
    """The layout with its template's layout values written in (the figure's own win):
    plotly.js compares ``layout.template`` by identity and recomputes the whole chart
    when it differs, and the page hands it a new copy with every update."""
    template = layout.get("template")
    if not isinstance(template, dict) or set(template) - {"layout"}:
        return layout  # trace defaults too: keep the template as it is
    return _merged(template.get("layout", {}), {k: v for k, v in layout.items() if k != "template"})


def prepare(fig: dict) -> tuple[dict, str]:
    """``(figure dict, frame key)`` ready for the page: ``layout.meta`` kept to
    :data:`META_KEYS`, the template inlined, ``layout.datarevision`` set from the frame
    (plotly.js then takes arrays as unchanged while the frame stays the same)."""
    layout = fig.get("layout", {})
    meta = layout.get("meta")
    if isinstance(meta, dict):
        layout["meta"] = {k: v for k, v in meta.items() if k in META_KEYS}
    fig["layout"] = _inline_template(layout)
    key = frame_key(fig)
    fig["layout"]["datarevision"] = digest(key)
    return fig, key
