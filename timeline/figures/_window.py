"""A window of scenes for a narrow chart (a phone): the level of detail of the scene axis.

190 scenes do not fit 350 px at a finger's width. When a chart's plot area gives a scene
column less than :data:`MIN_COLUMN_PX`, the chart opens on a window of the first scenes
(about twenty on a phone) and a drag moves along the rest (plotly's pan): the chart is
laid out on a wider, virtual canvas (:func:`virtual_width`), at the scale of the window,
so every name is placed where it will be read, and the axis range shows the window
(:func:`show_window`). Texts cut by the window's right edge are left out (their hover
still names them); the others outside it are drawn when the drag brings them in.
"""

from __future__ import annotations

from ._text import text_width

__all__ = ["MIN_COLUMN_PX", "scene_window", "virtual_width", "show_window"]

#: The narrowest scene column a narrow chart draws: below it, a window of scenes.
MIN_COLUMN_PX = 12
#: What the x axis's title adds on a windowed chart.
MORE = "drag for more"
#: The fewest scenes a window shows.
MIN_WINDOW = 8
#: Only a plot area narrower than this (a phone) opens on a window; a wider one shows
#: every scene, however thin (the overview a desk's screen has room for).
NARROW_PLOT_PX = 560


def scene_window(columns: int, plot_px: float) -> int | None:
    """How many scene columns a plot ``plot_px`` wide shows at first: None when all of
    them fit at :data:`MIN_COLUMN_PX` each or the plot is not narrow, else at least
    :data:`MIN_WINDOW`.

    >>> scene_window(24, 300) is None, scene_window(190, 1300) is None, scene_window(190, 240)
    (True, True, 20)
    """
    if columns <= 0 or plot_px >= NARROW_PLOT_PX or columns * MIN_COLUMN_PX <= plot_px:
        return None
    window = max(MIN_WINDOW, int(plot_px // MIN_COLUMN_PX))
    return window if window < columns else None


def virtual_width(width: float, plot_px: float, columns: int, window: int) -> int:
    """The canvas width at which ``columns`` columns have the window's scale: the figure's
    ``width`` with its plot area (``plot_px``) stretched ``columns / window`` times."""
    return int(round(width - plot_px + plot_px * columns / window))


def show_window(fig: dict, *, lo: float, hi: float, columns: int, window: int, plot_px: float,
                left_px: float = 0.0) -> None:
    """Show the first ``window`` of ``columns`` scene columns of a figure (a plain dict)
    laid out with its x axis ``[lo, hi]`` over a (virtual) plot area; the real plot area
    is ``plot_px`` wide. ``left_px``: px of the virtual left margin moved inside the plot
    (texts placed there, as names at the first scene, stay drawn); the figure's left
    margin must shrink by as much. A drag then pans; texts cut by the window's right
    edge are left out."""
    layout = fig.setdefault("layout", {})
    per_unit = plot_px / ((hi - lo) * window / columns)  # px per x unit at the window's scale
    start = lo - left_px / per_unit
    end = start + (plot_px + left_px) / per_unit
    xaxes = [layout.setdefault(k, {}) for k in ["xaxis", *(k for k in layout if k.startswith("xaxis") and k != "xaxis")]]
    for axis in xaxes:
        axis["range"] = [start, end]
        axis["fixedrange"] = False
    layout["dragmode"] = "pan"
    layout["meta"] = {**(layout.get("meta") or {}), "window": window}
    # say how to see the rest, in the x axis's title
    for axis in xaxes:
        title = axis.get("title")
        if isinstance(title, dict) and title.get("text"):
            title["text"] = f"{title['text']} · {MORE}"
    for note in layout.get("annotations") or ():
        if note.get("name") == "xtitle" and note.get("text"):
            note["text"] = f"{note['text']} · {MORE}"
    right_px = plot_px + left_px  # the window's right edge, from the plot's left
    for trace in fig.get("data", ()):
        mode = trace.get("mode") or ""
        if "text" not in mode or trace.get("text") is None or trace.get("x") is None:
            continue
        xs = trace["x"]
        texts = list(trace["text"]) if isinstance(trace["text"], (list, tuple)) else [trace["text"]] * len(xs)
        positions = trace.get("textposition")
        sizes = (trace.get("textfont") or {}).get("size")
        kept, changed = [], False
        for i, (x, t) in enumerate(zip(xs, texts)):
            if x is None or not t:
                kept.append(t)
                continue
            pos = positions[i] if isinstance(positions, (list, tuple)) else (positions or "middle center")
            size = sizes[i] if isinstance(sizes, (list, tuple)) else (sizes or 12)
            px = (x - start) * per_unit
            w = text_width(str(t), float(size)) + 4
            a, b = ((px - w, px) if pos.endswith("left") else (px, px + w) if pos.endswith("right")
                    else (px - w / 2, px + w / 2))
            if a < right_px < b:  # cut by the window's right edge
                kept.append("")
                changed = True
            else:
                kept.append(t)
        trace["cliponaxis"] = True
        if changed:
            trace["text"] = kept
