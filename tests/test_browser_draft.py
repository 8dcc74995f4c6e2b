"""The "New story from text" box end to end in headless Chromium: paste a summary,
draft it, every view draws the draft, the notes show, the YAML downloads and reads
back (load_story) as the same story; the box is usable by keyboard and at 390 px."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("playwright")

from tests.browser_support import CHROMIUM, SCENES_JS, chromium, new_page, serve, signatures, wait_for_graphs  # noqa: E402

pytestmark = pytest.mark.browser
SEED = Path(__file__).resolve().parent.parent / "seeds" / "desperado.txt"

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing (make chromium)", allow_module_level=True)


def test_paste_draft_draw_notes_download_and_reload(tmp_path):
    from layouts import create_app
    from timeline.draft import draft_story
    from timeline.formats import load_story

    text = SEED.read_text(encoding="utf-8")
    with serve(create_app()) as url, chromium() as browser:
        with new_page(browser, accept_downloads=True) as page:
            page.goto(url + "/")
            wait_for_graphs(page)
            before = signatures(page)
            # keyboard: the navbar button opens the box
            page.focus("#draft-open")
            page.keyboard.press("Enter")
            page.wait_for_selector("#draft-text", state="visible")
            assert page.locator("label[for=draft-text]").inner_text().startswith("Plot summary")
            page.fill("#draft-text", text)
            page.click("#draft-button")
            page.wait_for_url(re.compile(r"story=upload-"))
            # the strip shows the drafted scenes (s01, s02 …), not Desperado's hand-made ones
            page.wait_for_function(f"() => {{ const s = ({SCENES_JS})('strip-graph'); "
                                   f"return s.includes('s01') && s.length >= 15; }}", timeout=30000)
            wait_for_graphs(page)
            after = signatures(page)
            assert all(after[g] and after[g] != before[g] for g in ("storyline-graph", "strip-graph", "network-graph"))
            notes = page.locator("#draft-notes").inner_text()
            assert "left out" in notes and "line 1:1" in notes
            assert "Drafted “Desperado”" in page.locator("#draft-status").inner_text()
            with page.expect_download() as dl:
                page.click("#draft-yaml-button")
            saved = tmp_path / dl.value.suggested_filename
            dl.value.save_as(saved)
            assert saved.name == "pasted-summary.yaml"
            # the file reads back as the very story on screen (the one the server keeps for the page)
            from layouts import stories

            key = re.search(r"story=(upload-[0-9a-f]+)", page.url).group(1)
            shown = stories.uploaded_story(key)
            assert load_story(saved).to_data() == shown.to_data()
            assert shown.title == draft_story(text, "pasted-summary.txt").title == "Desperado"
            # 390 px wide: the box and its button fit (nothing of them sticks out sideways)
            page.set_viewport_size({"width": 390, "height": 900})
            box = page.locator("#draft-text").bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
            wide = page.evaluate("""() => Array.from(document.querySelectorAll('.draft-card, .draft-card *, #draft-open'))
                .filter(e => e.getBoundingClientRect().right > 391).map(e => e.id || e.className)""")
            assert wide == []
            assert page.errors == []
