"""End to end in headless Debian Chromium (Playwright), against the app served on 127.0.0.1."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("playwright")

from tests.browser_support import (  # noqa: E402
    CHROMIUM, GRAPHS, SCENES_JS, choose_character, click_scene, images_ok, signatures,
    wait_for_change, wait_for_graphs,
)

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing (make chromium)", allow_module_level=True)


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_page_loads_without_console_errors(page, base_url):
    page.goto(base_url + "/")
    wait_for_graphs(page)
    assert page.title() == "scene-timeline — Desperado"
    assert page.locator("#scene-details").inner_text().startswith("Click a scene")
    # AG Grid shows its rows once the grid is on screen (it sits below the story curve)
    page.locator("#character-table").scroll_into_view_if_needed()
    page.wait_for_selector("#character-table .ag-row")
    names = page.locator("#character-table .ag-center-cols-container [col-id=name]").all_inner_texts()
    assert names.count("El Mariachi") == 1
    shot(page, "browser-home")
    assert page.errors == []


def test_choosing_carolina_changes_every_view_and_the_url(page, base_url):
    page.goto(base_url + "/")
    wait_for_graphs(page)
    before = signatures(page)
    choose_character(page, "Carolina")
    page.wait_for_url(re.compile(r"[?&]c=carolina"))
    for g in GRAPHS:
        wait_for_change(page, g, before[g])
    after = signatures(page)
    assert all(after[g] != before[g] for g in GRAPHS)
    # Carolina's own line stays strong, the others fade
    lines = page.evaluate("""() => document.querySelector('#storyline-graph .js-plotly-plot')._fullData
                                  .filter(t => t.meta === 'carolina' || t.meta === 'bucho')
                                  .map(t => [t.meta, t.opacity])""")
    opacity = dict(lines)
    assert opacity["carolina"] > opacity["bucho"]
    # searching by alias: "Manito" is El Mariachi
    choose_character(page, "Manito", expect="El Mariachi")
    page.wait_for_url(re.compile(r"c=mariachi"))
    # the strip and the network follow the storyline a round trip later: all three
    # end up titled with both names
    page.wait_for_function(
        """(ids) => ids.every(id => { const gd = document.getElementById(id)?.querySelector('.js-plotly-plot');
                                       const t = gd && gd.layout && gd.layout.title && gd.layout.title.text;
                                       return t && t.includes('Carolina') && t.includes('El Mariachi'); })""",
        arg=["storyline-graph", "strip-graph", "network-graph"], timeout=30000)
    shot(page, "browser-filter")
    assert page.errors == []


def test_a_url_with_a_filter_reproduces_the_view(page, base_url):
    from layouts import strip

    query = "?c=carolina&emphasis=only&colour_by=time_of_day"
    page.goto(base_url + "/" + query)
    wait_for_graphs(page)
    expected, _, _ = strip.update(query, None)
    want = sorted({cd[0] for t in expected["data"] for cd in (t.get("customdata") or [])})
    assert page.evaluate(SCENES_JS, "strip-graph") == want
    assert "Carolina" in page.locator("#character-filter").inner_text()
    assert page.locator("#strip-colour-by").input_value() == "time_of_day"
    assert page.url.endswith(query)  # loading does not rewrite the address
    assert page.errors == []


def test_the_page_composes_the_same_query_as_the_server(page, base_url):
    """assets/view_state.js writes the view state from the controls with the table the
    server hands it (layouts.state.page_spec); it must agree with layouts.state.encode."""
    from layouts import filters
    from layouts import state as app_state

    page.goto(base_url + "/")
    wait_for_graphs(page)
    cases = [
        ("desperado", [], "any", "highlight", [1, 40], "telling", "location", "community"),
        ("desperado", ["carolina", "mariachi"], "all", "only", [3, 11], "story", "int_ext", "group"),
        ("desperado", ["bucho"], "any", "highlight", [1, 2], "telling", "time_of_day", "community"),
        ("other story", ["a b", "c&d", "é!*'()"], "any", "highlight", [2, 99], "telling", "group", "group"),
    ]
    from layouts import stories
    from layouts.state import compose_query
    from timeline.views import ViewState

    n_scenes = len(stories.catalogue_story("desperado").scenes)
    for story, chars, mode, emphasis, rng, order, colour, net in cases:
        values = {"story": story, "c": chars, "mode": mode, "emphasis": emphasis, "scenes": rng, "order": order,
                  "colour_by": colour, "net": net}
        got = page.evaluate("([spec, values, n]) => window.sceneTimeline.composeQuery(spec, values, n)",
                            [app_state.page_spec("desperado"), values, n_scenes])
        assert got == app_state.encode(values, n_scenes=n_scenes, default_story="desperado")
        lo, hi = min(rng[0] - 1, n_scenes - 1), min(rng[1] - 1, n_scenes - 1)
        state = ViewState(story=story, characters=tuple(chars), mode=mode, emphasis=emphasis,
                          scenes=None if (lo, hi) == (0, n_scenes - 1) else (lo, hi), order=order, colour_by=colour)
        want = compose_query(state, net, default_story="desperado")
        assert got == want, (got, want)
        if story == "desperado":
            assert got == filters.controls_query(values)


def test_the_page_fades_the_storyline_as_the_server_would(page, base_url):
    """assets/view_state.js restyles the storyline in the page for a new character filter
    (highlight mode, same view). Its styles must be the server's, trace by trace; where it
    declines (null), the server's figure must differ in more than scalar styles."""
    from layouts.charts import _cached
    from layouts.state import current

    page.goto(base_url + "/")
    wait_for_graphs(page)
    drawn, drawn_key = _cached("storyline", current(""))
    queries = ["", "?c=carolina", "?c=bucho&c=mariachi", "?c=mariachi&c=carolina&mode=all",
               "?c=quino&c=navajas&mode=all", "?c=mariachi&mode=all", "?c=mariachi&emphasis=only",
               "?c=mariachi&order=story", "?c=mariachi&scenes=2-9", "?c=nobody", "?c=american&c=carolina&mode=all",
               "?c=superiors"]
    declined = []
    for q in queries:
        got = page.evaluate("""(q) => window.sceneTimeline.storylineStyle(
            document.querySelector('#storyline-graph .js-plotly-plot'), q)""", q)
        fig, key = _cached("storyline", current(q))
        if got is None:
            declined.append(q)
            same_frame = key == drawn_key and all(
                not isinstance(t.get("marker", {}).get("opacity"), list) for t in fig["data"])
            unknown = "nobody" in q  # the page cannot tell an unknown id: the server ignores it
            assert unknown or not same_frame, f"the page declined {q!r}, a style-only change"
            continue
        assert key == drawn_key, q
        for n, i in enumerate(got["traces"]):
            t = fig["data"][i]
            assert got["update"]["opacity"][n] == t.get("opacity", 1), (q, i)
            if got["update"]["line.width"][n] is not None:
                assert "line" in t, (q, i, t.get("meta"), got["update"]["line.width"][n])
                assert got["update"]["line.width"][n] == t["line"]["width"], (q, i)
            if got["update"]["marker.opacity"][n] is not None:
                assert got["update"]["marker.opacity"][n] == t["marker"]["opacity"], (q, i)
        restyled = {i for i in got["traces"]}
        assert all(not isinstance(t.get("meta"), str) or t["meta"] in ("",) or i in restyled
                   for i, t in enumerate(fig["data"])), q
    # it does the filter changes people make most, and leaves the others to the server
    assert "" not in declined and "?c=carolina" not in declined and "?c=bucho&c=mariachi" not in declined
    assert {"?c=mariachi&emphasis=only", "?c=mariachi&order=story", "?c=mariachi&scenes=2-9"} <= set(declined)
    assert page.errors == []


def test_back_restores_the_previous_filter(page, base_url):
    page.goto(base_url + "/")
    wait_for_graphs(page)
    before = signatures(page)
    choose_character(page, "Carolina")
    wait_for_change(page, "storyline-graph", before["storyline-graph"])
    page.wait_for_url(re.compile(r"c=carolina"))
    page.go_back()
    page.wait_for_function("() => !window.location.search")
    page.wait_for_function(
        "() => !document.querySelector('#character-filter').innerText.includes('Carolina')", timeout=30000)
    assert page.errors == []


def test_clicking_a_scene_fills_the_details(page, base_url):
    page.goto(base_url + "/")
    wait_for_graphs(page)
    assert click_scene(page, "strip-graph", "massacre"), "the strip has no block for the massacre"
    page.wait_for_function("() => document.querySelector('#scene-details [data-scene]')")
    text = page.locator("#scene-details").inner_text()
    assert "The massacre in another bar" in text
    assert "guitar case full of guns" in text  # the seed sentence
    shot(page, "browser-details")
    assert page.errors == []


def test_an_invalid_upload_shows_the_error_and_the_app_keeps_working(page, base_url):
    page.goto(base_url + "/")
    wait_for_graphs(page)
    page.set_input_files("#story-upload input[type=file]", files=[
        {"name": "broken.yaml", "mimeType": "application/x-yaml", "buffer": b"title: x\nscenes: [\n  - {id: a\n"}])
    err = page.locator(".story-error")
    err.wait_for()
    assert re.match(r"broken\.yaml:\d+:\d+: \S", err.inner_text())
    shot(page, "browser-upload-error")
    before = signatures(page)
    choose_character(page, "Navajas")
    wait_for_change(page, "storyline-graph", before["storyline-graph"])
    assert page.title() == "scene-timeline — Desperado"
    assert page.errors == []


def test_a_good_upload_is_drawn(page, base_url):
    story = ("title: Two Friends\ncharacters:\n  - {id: ann, name: Ann}\n  - {id: bob, name: Bob}\n"
             "scenes:\n  - {id: s1, title: Meet, characters: [ann, bob]}\n  - {id: s2, title: Part, characters: [ann]}\n")
    page.goto(base_url + "/")
    wait_for_graphs(page)
    page.set_input_files("#story-upload input[type=file]", files=[
        {"name": "friends.yaml", "mimeType": "application/x-yaml", "buffer": story.encode()}])
    page.wait_for_url(re.compile(r"story=upload-"))
    page.wait_for_function("() => document.title === 'scene-timeline — Two Friends'")
    page.wait_for_function(f"() => ({SCENES_JS})('strip-graph').join() === 's1,s2'")
    assert page.errors == []


@pytest.mark.export
@pytest.mark.skipif(not images_ok(), reason="image export (kaleido + Chromium) is not available")
def test_png_and_zip_downloads(page, base_url):
    page.goto(base_url + "/?c=carolina")
    wait_for_graphs(page)
    page.click("#export-toggle-storyline")
    with page.expect_download(timeout=90000) as dl:
        page.click("button[id*='export-button'][id*='storyline']")
    d = dl.value
    assert d.suggested_filename == "desperado-storyline.png"
    assert Path(d.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with page.expect_download(timeout=180000) as dl:
        page.click("#export-all")
    data = Path(dl.value.path()).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert any(n.endswith(".png") for n in zf.namelist())
    assert manifest
    assert page.errors == []


def test_a_word_screenplay_and_a_play_uploaded_in_the_browser_are_drawn(page, base_url, tmp_path):
    from tests.pdf_producers import screenplay_docx

    bob = Path(__file__).parent / "fixtures" / "fountain" / "cyber_bob_ep00001.fountain"
    docx = screenplay_docx(bob.read_text(encoding="utf-8"), tmp_path / "bob.docx").read_bytes()
    play = (Path(__file__).parent / "fixtures" / "plays" / "laundromat_transcript.txt").read_bytes()
    page.goto(base_url + "/")
    wait_for_graphs(page)
    for name, mime, raw, title in (
            ("bob.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx, "CYBER PAWN"),
            ("spin.txt", "text/plain", play, "Spin Cycle")):
        page.set_input_files("#story-upload input[type=file]", files=[{"name": name, "mimeType": mime, "buffer": raw}])
        page.wait_for_function(f"(t) => document.title.startsWith('scene-timeline — ') && "
                               f"document.title.toUpperCase().includes(t.toUpperCase())", arg=title, timeout=60000)
        wait_for_graphs(page)
        assert len(page.evaluate(f"() => ({SCENES_JS})('strip-graph')")) >= 3
    assert page.errors == []
