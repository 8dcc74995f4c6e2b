"""Text sizes in pixels, for placing labels without a browser.

The charts' font is "Helvetica Neue, Helvetica, Arial, sans-serif"; browsers
without Helvetica fall back to Arial or a metric-compatible font (Liberation
Sans), so the advance widths below (the standard Helvetica/Arial widths in
thousandths of an em) are the ones the text is drawn with. Unknown characters
count as a digit (0.556 em), wide scripts as one em.
"""

from __future__ import annotations

__all__ = ["text_width", "text_box", "ASCENT", "DESCENT"]

# advance widths (1/1000 em) of printable ASCII, space (32) to tilde (126)
_ASCII = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  # space ... /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556,  # 0-9
    278, 278, 584, 584, 584, 556, 1015,  # : ; < = > ? @
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,  # A-M
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611,  # N-Z
    278, 278, 278, 469, 556, 333,  # [ \ ] ^ _ `
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833,  # a-m
    556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500,  # n-z
    334, 260, 334, 584,  # { | } ~
)
#: Ascent and descent of the font's line box, in em (what an SVG text's bounding box spans).
ASCENT, DESCENT = 0.905, 0.212


def _width_1000(ch: str) -> int:
    o = ord(ch)
    if 32 <= o <= 126:
        return _ASCII[o - 32]
    if o >= 0x2E80:  # CJK and other wide scripts
        return 1000
    if ch in "’‘":
        return 222
    if ch in "–":
        return 556
    if ch in "—…":
        return 1000
    return 580  # accented Latin letters and the rest: a little wider than a digit


def text_width(text: str, size: float) -> float:
    """Width in pixels of one line of ``text`` at font ``size`` px (2 % safety margin).

    Examples
    --------
    >>> round(text_width("Edward", 12), 1)
    41.5
    """
    return 1.02 * size * sum(_width_1000(ch) for ch in str(text)) / 1000.0


def text_box(text: str, size: float, x: float, y: float, position: str) -> tuple[float, float, float, float]:
    """The pixel box ``(x0, y0, x1, y1)`` (y down) of a plotly scatter text drawn at an
    invisible point ``(x, y)`` with ``textposition=position``.

    plotly.js puts the text right against a point without a marker: the end of the
    text at the point for "… left", its start for "… right", centred for "… center";
    the baseline a quarter of the font size below the point for "middle …", above it
    for "top …", and three quarters below for "bottom …".
    """
    w = text_width(text, size)
    v, _, h = position.partition(" ")
    x0 = x - w if h == "left" else (x if h == "right" else x - w / 2)
    base = y + {"top": -0.25, "middle": 0.25, "bottom": 0.75}[v] * size
    return x0, base - ASCENT * size, x0 + w, base + DESCENT * size
