"""Where the files shipped with scene-timeline are: the default stories and the app's assets.

In a checkout they are the top-level folders ``data/`` and ``assets/``; in an
installed wheel the same folders are package data inside :mod:`timeline`
(``timeline/_data`` and ``timeline/_assets``, mapped at build time), so the
app works from any working folder.

>>> (data_dir() / "desperado.yaml").is_file()
True
>>> (assets_dir() / "view_state.js").is_file()
True
"""

from __future__ import annotations

from pathlib import Path

from .errors import StoryError

__all__ = ["data_dir", "assets_dir", "default_story_path"]

_HERE = Path(__file__).resolve().parent


def _folder(name: str, marker: str) -> Path:
    for candidate in (_HERE / f"_{name}", _HERE.parent / name):  # installed wheel, then checkout
        if (candidate / marker).is_file():
            return candidate
    raise StoryError(f"the shipped {name!r} folder is missing (no {marker}); reinstall scene-timeline")


def data_dir() -> Path:
    """The folder of story files shipped with the app (``desperado.yaml`` first)."""
    return _folder("data", "desperado.yaml")


def assets_dir() -> Path:
    """Dash's static folder: CSS, favicon, the page's JavaScript (``view_state.js``)."""
    return _folder("assets", "view_state.js")


def default_story_path() -> Path:
    """The story shown when none is given: Desperado."""
    return data_dir() / "desperado.yaml"
