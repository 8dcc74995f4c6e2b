"""Figures as images: PNG, SVG and PDF through kaleido (headless Chromium), HTML standalone.

One kaleido sync server per process, started on the first export (about 3 s)
and reused afterwards (a few hundred ms per image). Kaleido's sync server is
not thread-safe — Dash runs callbacks in threads, and concurrent calls came
back with each other's formats — so every call goes through one lock.

Chromium is looked up on ``BROWSER_PATH`` or ``PATH`` (Debian's
``/usr/bin/chromium``); kaleido is never allowed to download Chrome. Without a
browser, :func:`render` raises :class:`ExportUnavailable` and
:func:`chromium_available` says why, in words for the app's export menu.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import plotly.graph_objects as go

from ..errors import StoryError
from .files import write_bytes

__all__ = [
    "FORMATS",
    "IMAGE_FORMATS",
    "PRESETS",
    "ExportUnavailable",
    "chromium_available",
    "browser_path",
    "render",
    "export_figure",
    "stop",
]

#: Formats kaleido renders.
IMAGE_FORMATS = ("png", "svg", "pdf")
#: Every figure format.
FORMATS = IMAGE_FORMATS + ("html",)
#: Named sizes in CSS pixels (width, height). A4 landscape at 96 dpi.
PRESETS: dict[str, tuple[int, int]] = {"slide": (1920, 1080), "a4": (1123, 794), "square": (1080, 1080)}
#: Size used when neither the call nor the figure gives one.
DEFAULT_SIZE = (1400, 800)

_BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")

_LOCK = threading.Lock()
_started = False


class ExportUnavailable(StoryError):
    """Images cannot be rendered here (no Chromium, or it failed to start)."""


def browser_path() -> str | None:
    """The Chromium kaleido will use: ``$BROWSER_PATH`` or the first one on ``PATH``."""
    env = os.environ.get("BROWSER_PATH")
    if env:
        return env if (os.path.isfile(env) and os.access(env, os.X_OK)) else None
    for name in _BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium_available() -> tuple[bool, str]:
    """Whether PNG/SVG/PDF export can work, and a plain sentence saying so."""
    path = browser_path()
    if path is None:
        if os.environ.get("BROWSER_PATH"):
            return False, (f"Image export needs Chromium, and BROWSER_PATH={os.environ['BROWSER_PATH']} "
                           "is not an executable file. HTML export still works.")
        return False, ("Image export (PNG, SVG, PDF) needs Chromium, which is not installed "
                       "(install the 'chromium' package or set BROWSER_PATH). HTML export still works.")
    return True, f"Image export uses Chromium at {path}."


def _ensure_server() -> None:
    """Start the one kaleido server (call with the lock held)."""
    global _started
    import kaleido

    running = kaleido._global_server.is_running()  # noqa: SLF001 - the only way to ask
    if _started and running:
        thread = getattr(kaleido._global_server, "_thread", None)  # noqa: SLF001
        if thread is not None and thread.is_alive():
            return
        # the server thread died (browser crashed): start again
        kaleido.stop_sync_server(silence_warnings=True)
    elif running:  # someone else started one; reuse it
        _started = True
        return
    ok, message = chromium_available()
    if not ok:
        raise ExportUnavailable(message)
    try:
        # mathjax=False: no CDN fetch; plotly.js comes from the installed plotly package
        kaleido.start_sync_server(path=browser_path(), mathjax=False, timeout=90, silence_warnings=True)
    except Exception as e:  # noqa: BLE001
        raise ExportUnavailable(f"Chromium could not be started for image export: {e}") from None
    _started = True


def stop() -> None:
    """Stop the kaleido server (it restarts on the next export)."""
    global _started
    with _LOCK:
        if _started:
            import kaleido

            kaleido.stop_sync_server(silence_warnings=True)
            _started = False


def _size(fig: go.Figure, width, height) -> tuple[int, int]:
    w = width if width is not None else (fig.layout.width or DEFAULT_SIZE[0])
    h = height if height is not None else (fig.layout.height or DEFAULT_SIZE[1])
    w, h = int(w), int(h)
    if not (10 <= w <= 20000 and 10 <= h <= 20000):
        raise StoryError(f"image size {w}x{h} is out of range (10..20000 pixels)")
    return w, h


def render(fig: go.Figure, format: str, *, width: int | None = None, height: int | None = None,
           scale: float = 1) -> bytes:
    """The figure as ``png``, ``svg``, ``pdf`` or ``html`` bytes.

    ``width``/``height`` default to the figure's own size (or
    :data:`DEFAULT_SIZE`); PNG pixels are ``width*scale`` x ``height*scale``.
    HTML is standalone (plotly.js inlined; works offline).

    Raises
    ------
    ExportUnavailable
        For image formats, when Chromium is missing or fails.
    StoryError
        For an unknown format or a size out of range.
    """
    fmt = (format or "").lower().lstrip(".")
    if fmt == "jpg":
        fmt = "jpeg"
    if fmt not in FORMATS:
        raise StoryError(f"unknown format {format!r}; one of {', '.join(FORMATS)}")
    if not scale or scale <= 0 or scale > 10:
        raise StoryError(f"scale must be between 0 and 10, not {scale!r}")
    w, h = _size(fig, width, height)
    if fmt == "html":
        page = go.Figure(fig)
        if width is not None or height is not None:
            page.update_layout(width=w, height=h)
        return page.to_html(include_plotlyjs=True, full_html=True).encode("utf-8")
    import kaleido

    with _LOCK:
        _ensure_server()
        try:
            data = kaleido.calc_fig_sync(fig, opts=dict(format=fmt, width=w, height=h, scale=scale))
        except Exception as e:  # noqa: BLE001 - kaleido/choreographer raise many kinds
            if "Chrome" in type(e).__name__ or "Browser" in type(e).__name__:
                raise ExportUnavailable(f"image export failed: {e}") from None
            raise StoryError(f"image export ({fmt}) failed: {type(e).__name__}: {e}") from None
    if isinstance(data, str):
        data = data.encode("utf-8")
    return bytes(data)


def format_of(path: str | os.PathLike) -> str:
    """The export format named by a file's extension."""
    ext = Path(path).suffix.lower().lstrip(".")
    if ext == "htm":
        ext = "html"
    if ext not in FORMATS:
        raise StoryError(f"{path}: cannot tell the format from the extension; use one of "
                         f"{', '.join('.' + f for f in FORMATS)} or give the format")
    return ext


def export_figure(fig: go.Figure, path: str | os.PathLike, *, format: str | None = None,
                  width: int | None = None, height: int | None = None, scale: float = 1,
                  force: bool = False) -> Path:
    """Render and write a figure (whole or nothing; no overwrite without ``force``)."""
    path = Path(path)
    fmt = format or format_of(path)
    if path.exists() and not force:  # fail before spending time on rendering
        from .files import OutputExistsError

        raise OutputExistsError(path)
    return write_bytes(path, render(fig, fmt, width=width, height=height, scale=scale), force=force)
