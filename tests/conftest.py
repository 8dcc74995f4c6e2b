"""Shared fixtures and helpers.

The reference corpus lives in ``shared/corpus`` beside the checkout, or where
``SCENE_TIMELINE_SHARED`` points (one place for every test file: import
:data:`CORPUS`, call :func:`corpus_path` or use the ``corpus`` fixture).

A missing corpus means two things:

* on a clone with nothing beside it, the tests that need it are **skipped**,
  each with one reason, and the summary says how many and how to point at one;
* in CI (``CI`` set, as CI runs) or when ``SCENE_TIMELINE_SHARED`` names a
  folder, a missing corpus file **fails** the test, so nothing silently stops
  being tested.

A test that reads the corpus directly (``CORPUS / "x"``) is covered too: when
the corpus is absent and not required, a failure whose message names the
corpus folder is reported as that skip.
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
#: A missing corpus fails (CI, or a folder named on purpose) instead of skipping.
CORPUS_REQUIRED = (os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
                   or bool(os.environ.get("SCENE_TIMELINE_SHARED")))
HAVE_CORPUS = CORPUS.is_dir()
SKIP_REASON = f"reference corpus not found at {CORPUS}; set SCENE_TIMELINE_SHARED"


def corpus_path(*parts: str) -> Path:
    """A file of the reference corpus.

    Missing: fails the calling test in CI or when ``SCENE_TIMELINE_SHARED`` is
    set; skips it on a clone without the corpus."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        if CORPUS_REQUIRED or HAVE_CORPUS:
            pytest.fail(f"the reference corpus is missing {path} (put shared/ beside the checkout "
                        "or set SCENE_TIMELINE_SHARED)")
        pytest.skip(SKIP_REASON)
    return path


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not HAVE_CORPUS:
        if CORPUS_REQUIRED:
            pytest.fail(f"the reference corpus is missing: {CORPUS} (CI puts shared/ beside the checkout; "
                        "or set SCENE_TIMELINE_SHARED)")
        pytest.skip(SKIP_REASON)
    return CORPUS


def _about_missing_corpus(excinfo) -> bool:
    """True when a failure comes from the absent corpus (its message names the folder)."""
    if excinfo is None or excinfo.errisinstance((pytest.skip.Exception, KeyboardInterrupt)):
        return False
    try:
        text = str(excinfo.value)
    except Exception:  # noqa: BLE001
        return False
    return str(SHARED) in text


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    if HAVE_CORPUS or CORPUS_REQUIRED:
        return
    rep = outcome.get_result()
    if rep.failed and _about_missing_corpus(call.excinfo):
        rep.outcome = "skipped"
        rep.longrepr = (str(item.path), (item.location[1] or 0) + 1, f"Skipped: {SKIP_REASON}")


def pytest_terminal_summary(terminalreporter):
    n = sum(1 for rep in terminalreporter.stats.get("skipped", [])
            if SKIP_REASON in str(getattr(rep, "longrepr", "")))
    if n:
        terminalreporter.write_line(
            f"reference corpus not found at {CORPUS}: {n} tests skipped; set SCENE_TIMELINE_SHARED "
            "to a folder holding corpus/ (CI=true makes a missing corpus fail)", yellow=True, bold=True)


# ---------------------------------------------------------------- browser tests
# One definition of the fixtures every browser test module uses (a module may define its
# own ``base_url`` to serve other stories). Chromium and Playwright are imported only when
# a test asks for them.
@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium (Playwright), one per test module."""
    from tests.browser_support import chromium

    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def chromium_browser(browser):
    """The same browser, under the name the older modules use."""
    return browser


@pytest.fixture(scope="module")
def base_url():
    """The app on its shipped stories, served on 127.0.0.1 for one test module."""
    from layouts import create_app
    from tests.browser_support import serve

    with serve(create_app()) as url:
        yield url


@pytest.fixture
def page(browser):
    """A new page (downloads accepted) in a new context."""
    from tests.browser_support import new_page

    with new_page(browser, accept_downloads=True) as pg:
        yield pg


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
