"""Clicks that do what they say, in headless Chromium (issue 25): a click in a location
band opens that column's scene; the characters table follows the scene range and a row
click chooses its character; the network's presets and steps stay inside the scene
range; Characters over time reads on a two-scene view; an upload's link in another
browser opens the same story (and after Delete does not), as the footer says; Export all exports the network's window."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("playwright")

from tests.browser_support import CHROMIUM, images_ok, new_page, wait_for_graphs  # noqa: E402

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing (make chromium)", allow_module_level=True)


#: JS: page coordinates of a point inside the location band of a storyline column, away
#: from the lines (the top of the band), and the scene id that column stands for.
BAND_POINT_JS = """(k) => {
  const gd = document.querySelector('#storyline-graph .js-plotly-plot');
  const fl = gd._fullLayout, r = gd.getBoundingClientRect();
  const bands = gd._fullData.find(t => t.meta && t.meta.part === 'locations');
  const cols = gd._fullData.find(t => t.meta && t.meta.part === 'columns');
  // the band that covers column k: its top, 4 px inside
  let top = null;
  for (let i = 0; i < bands.x.length; i++) {
    const w = Array.isArray(bands.width) ? bands.width[i] : bands.width;
    if (Math.abs(bands.x[i] - k) <= w / 2 && w >= 1) {
      const y0 = bands.base[i], y1 = bands.base[i] + bands.y[i];
      top = Math.min(y0, y1);  // the y axis is reversed: the smaller value is on top
    }
  }
  if (top === null) return null;
  const xa = fl.xaxis, ya = fl.yaxis;
  return {xy: [r.left + xa._offset + xa.l2p(k), r.top + ya._offset + ya.l2p(top) + 4],
          scene: cols.customdata[k][0]};
}"""


def test_a_click_in_a_location_band_opens_that_columns_scene(page, base_url):
    page.goto(base_url + "/")
    wait_for_graphs(page)
    page.locator("#storyline-graph").scroll_into_view_if_needed()
    opened = []
    for k in (3, 10, 17):
        got = page.evaluate(BAND_POINT_JS, k)
        if got is None:
            continue
        page.mouse.move(*got["xy"])
        page.wait_for_timeout(100)
        page.mouse.click(*got["xy"])
        page.wait_for_selector(f"#scene-details [data-scene='{got['scene']}']", timeout=10000)
        opened.append(got["scene"])
    assert len(opened) >= 2, opened
    assert page.errors == []


def _table(page) -> dict:
    page.locator("#character-table").scroll_into_view_if_needed()
    page.wait_for_selector("#character-table .ag-row")
    return page.evaluate("""() => Object.fromEntries(Array.from(
        document.querySelectorAll('#character-table .ag-center-cols-container .ag-row')).map(row => [
          row.querySelector('[col-id=name]').textContent, parseInt(row.querySelector('[col-id=scenes]').textContent, 10)]))""")


def test_the_table_follows_the_scene_range_and_a_row_click_chooses(page, base_url):
    page.goto(base_url + "/")
    wait_for_graphs(page)
    whole = _table(page)
    page.goto(base_url + "/?scenes=0-4")
    wait_for_graphs(page)
    page.wait_for_function("() => document.querySelectorAll('#character-table .ag-row').length > 0")
    page.wait_for_function("(n) => document.querySelectorAll('#character-table .ag-center-cols-container .ag-row').length < n",
                           arg=len(whole))
    part = _table(page)
    assert part and len(part) < len(whole)
    assert all(n <= 5 for n in part.values()), part
    assert part["El Mariachi"] < whole["El Mariachi"]
    # a click on a row chooses that character (the filter, hence the URL)
    row = page.locator("#character-table .ag-center-cols-container .ag-row").nth(1)
    cid = row.get_attribute("row-id")
    row.locator("[col-id=name]").click()
    page.wait_for_url(re.compile(rf"[?&]c={re.escape(cid)}(&|$)"))
    page.wait_for_selector("#character-table .ag-row.selected-row")
    assert page.errors == []


def test_network_presets_and_steps_stay_inside_the_scene_range(page, base_url):
    page.goto(base_url + "/?scenes=4-14")  # scenes 5-15
    wait_for_graphs(page)
    options = page.evaluate("""() => Array.from(document.querySelectorAll('#network-window-preset option'))
                                .map(o => [o.value, o.disabled])""")
    outside = [v for v, off in options if re.match(r"^\d+-\d+$", v) and int(v.split("-")[0]) > 14]
    inside = [v for v, off in options if re.match(r"^\d+-\d+$", v) and int(v.split("-")[0]) <= 14
              and int(v.split("-")[1]) >= 4]
    assert outside and all(dict(options)[v] for v in outside), options  # disabled
    assert inside and not any(dict(options)[v] for v in inside)
    last = inside[-1]  # a part across the range's end: cut to it
    page.select_option("#network-window-preset", last)
    lo = int(last.split("-")[0])
    page.wait_for_url(re.compile(rf"win={lo}-14\b"))
    page.wait_for_function("() => document.getElementById('network-window-next').disabled === true")
    assert not page.locator("#network-window-prev").is_disabled()
    page.click("#network-window-prev")
    page.wait_for_function("(lo) => !/win=" + str(lo) + "-/.test(location.search)", arg=lo)
    win = re.search(r"win=(\d+)-(\d+)", page.url)
    assert win and int(win.group(1)) >= 4 and int(win.group(2)) <= 14, page.url
    assert page.errors == []


def test_characters_over_time_on_a_two_scene_view(page, base_url):
    page.goto(base_url + "/?scenes=18-19")
    wait_for_graphs(page)
    page.wait_for_function("() => { const gd = document.querySelector('#arcs-graph .js-plotly-plot');"
                           " return gd && gd._fullData && gd._fullData.length > 0; }")
    ticks = page.evaluate("""() => Array.from(document.querySelectorAll('#arcs-graph g[class$="tick"] text'))
        .filter(t => /^x\\d*tick$/.test(t.closest('g[class$="tick"]').getAttribute('class')))
        .map(t => t.textContent)""")
    per_column = len(ticks) // 2
    assert ticks and per_column >= 2 and len(set(ticks[:per_column])) == per_column, ticks  # never "19 19 20"
    assert set(ticks) <= {"19", "20"}
    points = page.evaluate("""() => document.querySelector('#arcs-graph .js-plotly-plot')._fullData
                                    .filter(t => t.xaxis === 'x' || t.xaxis === 'x2').map(t => t.x.length)""")
    assert points and all(n == 2 for n in points), points  # an arc between the two scenes
    assert page.errors == []


STORY = ("title: Two Friends\ncharacters:\n  - {id: ann, name: Ann}\n  - {id: bob, name: Bob}\n"
         "scenes:\n  - {id: s1, title: Meet, characters: [ann, bob]}\n  - {id: s2, title: Part, characters: [ann]}\n")


def test_an_upload_link_in_another_browser_does_what_the_footer_says(browser, base_url):
    with new_page(browser) as mine:
        mine.goto(base_url + "/")
        wait_for_graphs(mine)
        footer = mine.locator("footer").inner_text()
        assert "anyone with an upload's link can open it" in footer and "7 days" in footer
        assert mine.locator("#upload-delete").is_hidden()  # no upload on screen: no delete button
        mine.set_input_files("#story-upload input[type=file]", files=[
            {"name": "friends.yaml", "mimeType": "application/x-yaml", "buffer": STORY.encode()}])
        mine.wait_for_url(re.compile(r"story=upload-"))
        mine.wait_for_function("() => document.title === 'scene-timeline — Two Friends'")
        link = mine.url
    with new_page(browser) as theirs:  # another browser: its own session, only the link
        theirs.goto(link)
        wait_for_graphs(theirs)
        # as the footer says: the same story, offered in the picker, with a delete button
        theirs.wait_for_function("() => document.title === 'scene-timeline — Two Friends'", timeout=15000)
        assert theirs.locator("#story-picker").input_value() == link.split("story=")[1].split("&")[0]
        assert "Two Friends" in theirs.locator("#story-picker option:checked").inner_text()
        delete = theirs.locator("#upload-delete")
        delete.wait_for(state="visible")
        assert delete.inner_text() == "Delete this upload from the server"
        delete.focus()  # from the keyboard
        theirs.keyboard.press("Enter")
        theirs.wait_for_function("() => document.title === 'scene-timeline — Desperado'", timeout=15000)
        assert "Deleted “Two Friends” from this server" in theirs.locator("#story-alert").inner_text()
        delete.wait_for(state="hidden")
        assert theirs.evaluate("() => sessionStorage.getItem('upload-store')") in (None, "null")
        assert theirs.errors == []
    with new_page(browser) as later:  # after the delete the link opens the default story, with a note
        later.goto(link)
        wait_for_graphs(later)
        later.wait_for_selector("#story-alert .alert")
        assert "not available on this server" in later.locator("#story-alert").inner_text()
        assert later.title() == "scene-timeline — Desperado"


@pytest.mark.export
@pytest.mark.skipif(not images_ok(), reason="image export (kaleido + Chromium) is not available")
def test_export_all_exports_the_network_window_on_screen(page, base_url):
    page.goto(base_url + "/?win=6-11&net=group")
    wait_for_graphs(page)
    with page.expect_download(timeout=180000) as dl:
        page.click("#export-all")
    with zipfile.ZipFile(io.BytesIO(Path(dl.value.path()).read_bytes())) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        graphml = zf.read("network.graphml").decode()
    assert manifest["network"] == {"scenes": [6, 11], "colour_by": "group"}
    assert "win=6-11" in manifest["app_query"] and "net=group" in manifest["app_query"]
    # the network file is the window's: fewer characters than the whole story's network
    from layouts.state import current

    whole = len(current("").view.characters)
    assert 0 < graphml.count("<node ") < whole
    assert page.errors == []


def test_a_control_without_effect_says_why(page, base_url):
    page.goto(base_url + "/?mode=all&emphasis=only")
    wait_for_graphs(page)
    page.wait_for_function("() => document.getElementById('filter-hint').textContent.includes('act on the characters you choose')")
    # the unchosen options look like buttons to press (not greyed out): dark text on white
    colour = page.evaluate("""() => { const l = document.querySelector('#match-mode label:not(.active)');
                                       return [getComputedStyle(l).color, getComputedStyle(l).cursor]; }""")
    assert colour == ["rgb(52, 73, 94)", "pointer"], colour
    page.goto(base_url + "/?c=carolina&mode=all")
    wait_for_graphs(page)
    page.wait_for_function("() => document.getElementById('filter-hint').textContent === ''")
