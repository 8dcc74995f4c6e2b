"""The Dash app of scene-timeline.

``create_app(default_story_path)`` builds a :class:`dash.Dash` with the page
shell; each view module (``storyline``, ``strip``, ``network``, ``details``,
``characters``, ``filters``, ``stories``, ``export``) owns its layout and its
module-level callbacks, and every component id lives in :mod:`layouts.ids`.
The server keeps no per-user state: the view is in the URL, an uploaded story
in the page.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["create_app"]

_APP = None  # the one Dash app of this process (see create_app)

ASSETS = Path(__file__).resolve().parent.parent / "assets"


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
    from . import shell  # noqa: F401  (imports every view module and registers its callbacks)

    app = dash.Dash(
        __name__,
        title="scene-timeline",
        update_title=None,
        assets_folder=str(ASSETS),
        # Bootswatch Flatly (MIT) is vendored in assets/00-bootstrap-flatly.min.css: no CDN needed
        suppress_callback_exceptions=False,
        serve_locally=True,
    )
    app.layout = shell.layout
    _APP = app
    return app
