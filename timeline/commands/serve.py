"""``scene-timeline serve [STORY]``: serve the Dash app in the browser.

One process by default (Dash's own server); ``--workers N`` runs gunicorn with N
threaded worker processes (the app keeps no per-user state, so any worker can answer).

This command is the app's entry point, and so the one place in ``timeline/`` that
reaches the Dash UI: :func:`run` imports :func:`layouts.server.serve` (in the
function, so that the library and the other commands never import Dash).
"""

from __future__ import annotations

import argparse

from . import edits_of, edits_parent


def add_parser(sub) -> None:
    p = sub.add_parser("serve", parents=[edits_parent()], help="serve the interactive app (storyline, strip, network) in the browser")
    p.add_argument("story", nargs="?", help="story file shown first (default: data/desperado.yaml)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8050, help="port (default 8050)")
    p.add_argument("--workers", type=int, default=0, help="run gunicorn with this many worker processes")
    p.add_argument("--debug", action="store_true", help="Dash debug mode (reloader, error pop-ups)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..formats import load_story

    import os

    if args.story:
        load_story(args.story, edits=edits_of(args))  # bad input ends as path:line:col: message, exit 2
    if edits_of(args) is not None:  # the app (and gunicorn's workers) read the first story with these edits
        os.environ["SCENE_TIMELINE_EDITS"] = os.path.abspath(args.edits) if args.edits else "none"
    from layouts.server import serve  # the app's entry point: the one bridge from timeline/ to layouts/

    return serve(args.story, host=args.host, port=args.port, workers=args.workers, debug=args.debug)
