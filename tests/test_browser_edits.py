"""The editor in a real browser: merge two characters, drop one, rename one, reload (the same
cast), download the edits file and the corrected story, open the link in another browser (the
same cast, edits count and edits file), and filter scenes from the URL."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("playwright")

from tests.browser_support import CHROMIUM, SCENES_JS, new_page, pick_option, wait_for_graphs  # noqa: E402

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing (make chromium)", allow_module_level=True)




def _choose(page, dropdown_id: str, text: str):
    pick_option(page, dropdown_id, text)


def _edit(page, button: str, expect: str, count: str):
    """Click an edit button; wait for its message and for the story on screen to follow (the count)."""
    page.click(f"#{button}")
    page.wait_for_function("(t) => (document.getElementById('edit-message') || {}).innerText?.includes(t)",
                           arg=expect, timeout=30000)
    page.wait_for_function("(c) => document.getElementById('edit-count').innerText === c", arg=count, timeout=30000)
    wait_for_graphs(page)


def _table_names(page, having: str) -> list[str]:
    """Every name in the characters table (from the grid's own rows: the page draws only the
    rows in view), once it shows ``having`` (it follows the story a moment later)."""
    js = ("async () => { const api = await dash_ag_grid.getApiAsync('character-table'); const out = [];"
          " api.forEachNode(n => out.push(n.data.name)); return out; }")
    for _ in range(120):
        names = page.evaluate(js)
        if having in names:
            return sorted(names)
        page.wait_for_timeout(250)
    raise AssertionError(f"the characters table never showed {having!r}: {sorted(names)}")


def test_edit_reload_and_download(chromium_browser, base_url, tmp_path):
    from timeline.formats import load_story
    from timeline.resources import default_story_path

    with new_page(chromium_browser, accept_downloads=True) as page:
        page.goto(base_url + "/")
        wait_for_graphs(page)
        page.locator("#editor").scroll_into_view_if_needed()
        # merge Navajas into Bucho
        _choose(page, "edit-character", "Navajas")
        _choose(page, "edit-character-into", "Bucho")
        _edit(page, "edit-merge", "merged into", "1 edit")
        # drop Quino
        _choose(page, "edit-character", "Quino")
        _edit(page, "edit-drop", "dropped", "2 edits")
        # rename El Mariachi
        _choose(page, "edit-character", "Mariachi")
        page.fill("#edit-character-text", "The Musician")
        page.keyboard.press("Enter")
        _edit(page, "edit-rename", "renamed", "3 edits")
        url = page.url
        assert "story=upload-" in url
        names = _table_names(page, "The Musician")
        assert "The Musician" in names and "Quino" not in names and "Navajas" not in names
        # reload: the same story, the same cast
        page.reload()
        wait_for_graphs(page)
        assert page.url == url
        assert _table_names(page, "The Musician") == names
        page.wait_for_function("() => document.getElementById('edit-count').innerText === '3 edits'", timeout=30000)
        # the two downloads
        page.locator("#editor").scroll_into_view_if_needed()
        with page.expect_download() as d:
            page.click("#edit-download-edits")
        edits = tmp_path / d.value.suggested_filename
        d.value.save_as(edits)
        assert edits.name == "desperado.edits.yaml"
        with page.expect_download() as d2:
            page.click("#edit-download-story")
        corrected = tmp_path / d2.value.suggested_filename
        d2.value.save_as(corrected)
        story = load_story(default_story_path(), edits=edits)
        assert load_story(corrected) == story
        # the file gives the cast the page shows (the table lists who is in the scenes on screen)
        assert sorted(c.name for c in story.characters if any(c.id in s.characters for s in story.scenes)) == names
        assert not [e for e in page.errors if "favicon" not in e]
    # the link in another browser (its own session, nothing but the URL): the same cast, the
    # same edits count, and the same edits file to download
    with new_page(chromium_browser, accept_downloads=True) as theirs:
        theirs.goto(url)
        wait_for_graphs(theirs)
        assert _table_names(theirs, "The Musician") == names
        theirs.wait_for_function("() => document.getElementById('edit-count').innerText === '3 edits'",
                                 timeout=30000)
        assert not theirs.locator("#edit-undo").is_disabled()
        theirs.locator("#editor").scroll_into_view_if_needed()
        with theirs.expect_download() as d3:
            theirs.click("#edit-download-edits")
        shared = tmp_path / "shared" / d3.value.suggested_filename
        d3.value.save_as(shared)
        assert shared.read_text() == edits.read_text()
        assert not [e for e in theirs.errors if "favicon" not in e]


def test_scene_filters_from_the_url(chromium_browser, base_url):
    from timeline.formats import load_story
    from timeline.resources import default_story_path
    from timeline.views import ViewState, make_view

    story = load_story(default_story_path())
    with new_page(chromium_browser) as page:
        page.goto(base_url + "/?ie=EXT&emphasis=only")
        wait_for_graphs(page)
        want = sorted(s.id for s in make_view(story, ViewState(int_ext="EXT", emphasis="only")).scenes)
        assert page.evaluate(SCENES_JS, "strip-graph") == want
        assert set(page.evaluate(SCENES_JS, "storyline-graph")) <= set(want)
        assert page.locator("#int-ext-filter input:checked").get_attribute("value") == "EXT"
