"""The Dash app of scene-timeline.

``create_app(default_story_path)`` builds a :class:`dash.Dash` with the page shell.
Where things are:

- :mod:`layouts.state` — URL query string ↔ view state ↔ controls (one encoding,
  handed to the page as data);
- :mod:`layouts.charts` — figure building, caching, and the one callback that draws
  every view on a filter change;
- :mod:`layouts.patching` — the frame-digest contract for style-only patches;
- :mod:`layouts.cache` — the one caching idiom (LRU bounded by bytes, thread-safe);
- one module per view, with its layout and callbacks: ``storyline``, ``strip``,
  ``network``, ``details``, ``characters``, ``filters``, ``stories``, ``export``,
  ``draft`` (a story from text), ``editor`` (corrections), ``storycurve``, ``arcs``;
  ``shell`` puts them on the page, ``components`` holds shared blocks;
- :mod:`layouts.ids` — every component id.

The server keeps no per-user state: the view is in the URL; an upload is kept on the
server's disk under an unguessable key (an HMAC of its content with the server's secret;
the page holds only the key), for whoever has its link, for a stated time
(:mod:`layouts.stories`).
"""

from __future__ import annotations

import logging

from timeline.resources import assets_dir

__all__ = ["create_app"]

log = logging.getLogger(__name__)

_APP = None  # the one Dash app of this process (see create_app)


def create_app(default_story_path=None, *, data_dir=None):
    """Build the app. ``default_story_path`` is shown first (Desperado when None)."""
    import dash

    from . import stories

    global _APP
    stories.configure(default_story_path, data_dir)
    if _APP is not None:
        # Dash moves module-level @callbacks into the first app that starts serving
        # (dash._callback.GLOBAL_CALLBACK_MAP is emptied), so a second Dash app in
        # this process would have none: there is one app per process, reconfigured.
        return _APP
    from . import shell  # imports every view module, which registers its callbacks
    from .export import MANAGER

    app = dash.Dash(
        __name__,
        title="scene-timeline",
        update_title=None,
        assets_folder=str(assets_dir()),
        # Bootswatch Flatly (MIT) is vendored in assets/00-bootstrap-flatly.min.css: no CDN needed
        suppress_callback_exceptions=False,
        serve_locally=True,
        background_callback_manager=MANAGER,
        compress=True,
        index_string=shell.INDEX_STRING,
    )
    app.layout = shell.layout
    _APP = app
    log.info("app ready; default story %s", stories.default_story_id())
    return app
