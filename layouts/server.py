"""WSGI entry point for gunicorn: ``gunicorn 'layouts.server:create_server()'``.

The story shown first comes from ``SCENE_TIMELINE_STORY`` (a path), else Desperado.
"""

from __future__ import annotations

import os


def create_server():
    from . import create_app

    return create_app(os.environ.get("SCENE_TIMELINE_STORY") or None).server
