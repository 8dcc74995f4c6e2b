"""Serving the app: Dash's own server (one process) or gunicorn (``--workers N``).

:func:`serve` is what ``scene-timeline serve`` calls once it has checked the story;
:func:`create_server` is the WSGI factory for gunicorn
(``gunicorn 'layouts.server:create_server()'``). The story shown first comes from
``SCENE_TIMELINE_STORY`` (a path), else Desperado.

Under gunicorn the workers are threaded (``gthread``): a filter change is one
short request, export runs as a background job, and threads share one worker's
caches, so a few threads per worker serve many people on few cores.
"""

from __future__ import annotations

import logging
import os
import time

__all__ = ["create_server", "serve", "THREADS"]

log = logging.getLogger("scene-timeline")

#: Threads per gunicorn worker.
THREADS = 8


def create_server():
    from . import create_app

    return create_app(os.environ.get("SCENE_TIMELINE_STORY") or None).server


def serve(story: str | None, *, host: str, port: int, workers: int = 0, debug: bool = False) -> int:
    """Serve the app on ``host:port`` until interrupted; returns the exit status."""
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    if workers and workers > 0:
        return _gunicorn(story, host=host, port=port, workers=workers)
    from . import create_app
    from .charts import warm_layouts

    app = create_app(story)
    _timed_warm(warm_layouts, story)
    app.logger.propagate = False  # Dash prints "Dash is running on ..." itself: once, not again through the root logger
    log.info("serving on http://%s:%s/", host, port)
    app.run(host=host, port=port, debug=debug)
    return 0


def _gunicorn(story: str | None, *, host: str, port: int, workers: int) -> int:
    from gunicorn.app.base import BaseApplication

    if story:
        os.environ["SCENE_TIMELINE_STORY"] = os.path.abspath(story)

    class _App(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", THREADS)
            self.cfg.set("timeout", 120)  # a big story's first figures can take a few seconds

        def load(self):
            return create_server()

    _timed_warm(_warm_in_child, story)
    log.info("serving on http://%s:%s/ with %d workers x %d threads", host, port, workers, THREADS)
    _App().run()
    return 0


#: Seconds ``serve`` waits for the default story's storyline before it serves anyway.
WARM_SECONDS = 300


def _timed_warm(warm, story) -> None:
    """Lay out the story shown first before serving (:func:`layouts.charts.warm_layouts`):
    the first page then finds its storyline made, instead of every first request making
    it at once. A failure is logged and serving goes on (the page lays it out then)."""
    t0 = time.perf_counter()
    try:
        warm(story)
    except Exception:  # noqa: BLE001  (serving matters more than a warm cache)
        log.exception("laying out the first story before serving failed; serving anyway")
        return
    log.info("storyline of the first story laid out in %.1f s", time.perf_counter() - t0)


def _warm_in_child(story) -> None:
    """:func:`layouts.charts.warm_layouts` in a fresh Python process: gunicorn forks its
    workers from this one, which must not have started the solvers' threads first."""
    import subprocess
    import sys

    code = "import sys; from layouts.charts import warm_layouts; warm_layouts(sys.argv[1] or None)"
    subprocess.run([sys.executable, "-c", code, story or ""], check=True, timeout=WARM_SECONDS,
                   stdin=subprocess.DEVNULL)
