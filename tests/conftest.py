"""Shared fixtures and helpers.

The reference corpus lives in ``shared/corpus`` beside the checkout, or where
``SCENE_TIMELINE_SHARED`` points (one place for every test file: import
:data:`CORPUS` or use the ``corpus`` fixture). A missing corpus fails the tests
that need it; it never skips them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(os.environ.get("SCENE_TIMELINE_SHARED") or ROOT.parent / "shared")
CORPUS = SHARED / "corpus"


def corpus_path(*parts: str) -> Path:
    """A file of the reference corpus; fails the calling test loudly when it is missing."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"the reference corpus is missing {path} (put shared/ beside the checkout "
                    "or set SCENE_TIMELINE_SHARED)")
    return path


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.fail(f"the reference corpus is missing: {CORPUS} (CI puts shared/ beside the checkout; "
                    "or set SCENE_TIMELINE_SHARED)")
    return CORPUS


def read_or_refuse(data: bytes | str, fmt: str, path: str = "<fuzz>"):
    """The readers' error contract: a Story, or a StoryFormatError with a one-line message.

    Any other exception (a traceback for the user) propagates and fails the test.
    Returns the story or the error.
    """
    from timeline.errors import StoryError, StoryFormatError
    from timeline.formats import loads_story
    from timeline.model import Story

    try:
        story = loads_story(data, format=fmt, path=path)
    except StoryFormatError as e:
        text = str(e)
        assert "\n" not in text, f"multi-line message: {text!r}"
        assert text.startswith(f"{path}:"), text
        assert e.message and not e.message.startswith("Traceback"), text
        return e
    except StoryError as e:  # the family, without a position
        assert "\n" not in str(e), str(e)
        return e
    assert isinstance(story, Story)
    return story
