"""Figures as images: PNG, SVG and PDF through kaleido (headless Chromium), HTML standalone.

One kaleido renderer per process, started on the first export (about 3 s)
and reused afterwards (a few hundred ms per image): a :class:`kaleido.Kaleido`
browser (kaleido's public API, 1.1 or later) opened in one background thread
that runs its event loop. Rendering is not thread-safe — Dash runs callbacks
in threads, and concurrent calls came back with each other's formats — so
every call goes through one lock. A renderer whose browser died (its thread
ended, or a call failed with a browser error or timed out) is closed and
started again on the next export.

Image export is optional: it needs the ``export`` extra (kaleido,
``pip install "scene-timeline[export]"``) and a Chromium; without them
:func:`render` raises :class:`ExportUnavailable` saying which one is missing.

Chromium is looked up on ``BROWSER_PATH`` or ``PATH`` (Debian's
``/usr/bin/chromium``); kaleido is never allowed to download Chrome. Without a
browser, :func:`render` raises :class:`ExportUnavailable` and
:func:`chromium_available` says why, in words for the app's export menu.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
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
#: Seconds to wait for the browser to start, and for one image.
START_TIMEOUT, RENDER_TIMEOUT = 90.0, 120.0

log = logging.getLogger(__name__)


class ExportUnavailable(StoryError):
    """Images cannot be rendered here (no kaleido, no Chromium, or it failed to start)."""


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


def _kaleido():
    try:
        import kaleido
    except ImportError:
        raise ExportUnavailable('Image export (PNG, SVG, PDF) needs the "export" extra: '
                                'pip install "scene-timeline[export]". HTML export still works.') from None
    return kaleido


def chromium_available() -> tuple[bool, str]:
    """Whether PNG/SVG/PDF export can work, and a plain sentence saying so."""
    try:
        _kaleido()
    except ExportUnavailable as e:
        return False, str(e)
    path = browser_path()
    if path is None:
        if os.environ.get("BROWSER_PATH"):
            return False, (f"Image export needs Chromium, and BROWSER_PATH={os.environ['BROWSER_PATH']} "
                           "is not an executable file. HTML export still works.")
        return False, ("Image export (PNG, SVG, PDF) needs Chromium, which is not installed "
                       "(install the 'chromium' package or set BROWSER_PATH). HTML export still works.")
    return True, f"Image export uses Chromium at {path}."


class _Renderer:
    """One kaleido browser, driven from its own thread's event loop."""

    def __init__(self, path: str):
        kaleido = _kaleido()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="kaleido", daemon=True)
        self.thread.start()
        # mathjax=False: no CDN fetch; plotly.js comes from the installed plotly package
        self.browser = kaleido.Kaleido(path=path, mathjax=False, timeout=START_TIMEOUT)
        try:
            self._call(self.browser.open(), START_TIMEOUT)
        except BaseException:
            self.close()
            raise

    def _call(self, coroutine, timeout: float):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def alive(self) -> bool:
        return self.thread.is_alive()

    def calc(self, fig, opts: dict) -> bytes:
        return self._call(self.browser.calc_fig(fig, opts=opts), RENDER_TIMEOUT)

    def close(self) -> None:
        try:
            if self.thread.is_alive():
                self._call(self.browser.close(), 15)
        except Exception as e:  # noqa: BLE001 - closing a browser that already died
            log.debug("closing the kaleido browser: %s", e)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(5)


_renderer: _Renderer | None = None


def _ensure_server() -> _Renderer:
    """The one renderer, started (again) when needed (call with the lock held)."""
    global _renderer
    if _renderer is not None and _renderer.alive():
        return _renderer
    if _renderer is not None:  # its thread died (browser crashed): start again
        _renderer.close()
        _renderer = None
    ok, message = chromium_available()
    if not ok:
        raise ExportUnavailable(message)
    try:
        _renderer = _Renderer(browser_path())
    except ExportUnavailable:
        raise
    except Exception as e:  # noqa: BLE001 - choreographer/kaleido raise many kinds
        raise ExportUnavailable(f"Chromium could not be started for image export: {type(e).__name__}: {e}") from None
    log.info("kaleido renderer started (Chromium at %s)", browser_path())
    return _renderer


def stop() -> None:
    """Stop the renderer (it restarts on the next export)."""
    global _renderer
    with _LOCK:
        if _renderer is not None:
            _renderer.close()
            _renderer = None


atexit.register(stop)


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
    global _renderer
    opts = dict(format=fmt, width=w, height=h, scale=scale)
    with _LOCK:
        renderer = _ensure_server()
        try:
            data = renderer.calc(fig, opts)
        except Exception as e:  # noqa: BLE001 - kaleido/choreographer raise many kinds
            browser_error = ("Chrome" in type(e).__name__ or "Browser" in type(e).__name__
                             or isinstance(e, TimeoutError) or not renderer.alive())
            if browser_error:  # the browser is gone or stuck: the next export starts a new one
                renderer.close()
                _renderer = None
                raise ExportUnavailable(f"image export failed: {type(e).__name__}: {e}") from None
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
