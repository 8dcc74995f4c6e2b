"""``scene-timeline serve [STORY]``: serve the Dash app in the browser.

One process by default (Dash's own server); ``--workers N`` runs gunicorn with
N worker processes (the app keeps no per-user state, so any worker can answer).
"""

from __future__ import annotations

import argparse
import os


def add_parser(sub) -> None:
    p = sub.add_parser("serve", help="serve the interactive app (storyline, strip, network) in the browser")
    p.add_argument("story", nargs="?", help="story file shown first (default: data/desperado.yaml)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8050, help="port (default 8050)")
    p.add_argument("--workers", type=int, default=0, help="run gunicorn with this many worker processes")
    p.add_argument("--debug", action="store_true", help="Dash debug mode (reloader, error pop-ups)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..formats import load_story

    if args.story:
        load_story(args.story)  # bad input ends as path:line:col: message, exit 2
    if args.workers and args.workers > 0:
        return _gunicorn(args)
    from layouts import create_app  # the one bridge from timeline/ to the Dash UI

    app = create_app(args.story)
    print(f"scene-timeline: serving on http://{args.host}:{args.port}/", flush=True)
    app.run(host=args.host, port=args.port, debug=args.debug)
    return 0


def _gunicorn(args: argparse.Namespace) -> int:
    from gunicorn.app.base import BaseApplication

    if args.story:
        os.environ["SCENE_TIMELINE_STORY"] = os.path.abspath(args.story)

    class _App(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{args.host}:{args.port}")
            self.cfg.set("workers", args.workers)
            self.cfg.set("timeout", 120)  # image export can take a few seconds

        def load(self):
            from layouts.server import create_server

            return create_server()

    print(f"scene-timeline: serving on http://{args.host}:{args.port}/ with {args.workers} workers", flush=True)
    _App().run()
    return 0
