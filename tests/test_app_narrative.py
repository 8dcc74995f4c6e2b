"""The story curve, the network's window and the arcs in the app (issue 12), without a
browser: the callbacks' plain functions and the Dash endpoint, as the page calls it."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("dash")

from dash import no_update  # noqa: E402

from layouts import create_app, ids  # noqa: E402
from tests.conftest import corpus_path  # noqa: E402
from tests.test_app_callbacks import data_url, post  # noqa: E402


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


@pytest.fixture(scope="module")
def deps(client):
    return client.get("/_dash-dependencies").json


def _server_dep(deps, input_id):
    return next(d for d in deps if any(i["id"] == input_id for i in d["inputs"]) and not d.get("clientside_function"))


def _network_points(fig: dict) -> dict:
    """Character id -> (x, y) of the network's node markers (the trace named "characters")."""
    out = {}
    for t in fig["data"]:
        if t.get("name") == "characters" and t.get("customdata") and t.get("x"):
            for cd, x, y in zip(t["customdata"], t["x"], t["y"]):
                cid = cd[0] if isinstance(cd, (list, tuple)) else cd
                if isinstance(cid, str):
                    out[cid] = (x, y)
    return out


# ---------------------------------------------------------------- brush -> scene range
def test_brushing_the_curve_sets_the_scene_range():
    from layouts.storycurve import brushed_range

    assert brushed_range({"range": {"x": [2.6, 7.2], "y": [0, 30]}, "points": []}, 24) == [3, 7]
    assert brushed_range({"range": {"x": [7.2, 2.6]}}, 24) == [3, 7]       # dragged leftwards
    assert brushed_range({"range": {"x": [20.5, 99]}}, 24) == [21, 24]     # clipped to the story
    assert brushed_range({"range": {"x": [3.2, 3.8]}}, 24) is no_update    # no scene inside
    assert brushed_range(None, 24) is no_update                            # deselected
    assert brushed_range({"points": []}, 24) is no_update                  # a lasso has no range


def test_the_brush_callback_writes_the_range_slider_and_the_range_reaches_the_url(client, deps):
    from layouts import filters, state

    brushes = [d for d in deps if any(i["id"] == ids.STORYCURVE_GRAPH and i["property"] == "selectedData"
                                      for i in d["inputs"])]
    assert len(brushes) == 1
    dep = brushes[0]
    assert dep["output"].startswith(f"{ids.SCENE_RANGE}.value") and not dep.get("clientside_function")
    # one output: the renderer sends it as an object, not a list
    cid, prop = dep["output"].rsplit(".", 1)
    payload = {"output": dep["output"], "outputs": {"id": cid, "property": prop},
               "inputs": [{"id": ids.STORYCURVE_GRAPH, "property": "selectedData",
                           "value": {"range": {"x": [4.5, 10.4]}}}],
               "state": [{"id": ids.SCENE_RANGE, "property": "max", "value": 24}],
               "changedPropIds": [f"{ids.STORYCURVE_GRAPH}.selectedData"]}
    r = client.post("/_dash-update-component", json=payload)
    assert r.status_code == 200, r.data[:300]
    assert r.json["response"][ids.SCENE_RANGE]["value"] == [5, 10]
    # the slider's value is the view state's range, 0-based in the URL
    values = {k: None for k in filters.STATE_CONTROLS}
    values.update(story="desperado", scenes=[5, 10], mode="any", emphasis="highlight", order="telling",
                  colour_by="location", cast="main", net="community")
    assert state.controls_query(values) == "?scenes=4-9"


# ---------------------------------------------------------------- the network's window
def test_the_window_is_in_the_query_and_clipped():
    from layouts.state import current

    cur = current("?win=3-9")
    assert cur.win == (3, 9) and cur.query == "?win=3-9"
    assert cur.state.scenes is None                       # the other views keep every scene
    assert [s.index for s in cur.net_view.scenes] == list(range(3, 10))
    assert current("?win=0-23").win is None               # every scene: no window
    assert current("?win=9-2").win is None                # malformed: ignored
    inside = current("?scenes=5-20&win=3-9")
    assert inside.net_scenes == (5, 9)                    # clipped to the scene range
    assert current("?scenes=12-20&win=3-9").net_scenes == (12, 20)  # outside it: the range


def test_moving_the_window_redraws_the_network_only_with_nodes_in_place(client, deps):
    from layouts import charts

    dep = _server_dep(deps, ids.WINDOW_FOR)
    outs = {o.split("@")[0] for o in dep["output"].strip(".").split("...")}
    assert outs == {f"{ids.NETWORK_GRAPH}.figure", f"{ids.NETWORK_GRAPH}.config",
                    f"{ids.DRAWN['network']}.data", f"{ids.NETWORK_GRAPH}.style"}
    figs = []
    for q in ("?win=0-7", "?win=8-15"):
        res = post(client, dep, {f"{ids.WINDOW_FOR}.data": q}, changed=[f"{ids.WINDOW_FOR}.data"])
        figs.append(res[ids.NETWORK_GRAPH]["figure"])
    a, b = (_network_points(f) for f in figs)
    assert a and b and set(a) != set(b)                   # other characters in the other window
    common = set(a) & set(b)
    assert common and all(a[c] == b[c] for c in common)   # the same place in both windows
    assert "scenes 9–16" in figs[1]["layout"]["title"]["text"]
    whole = _network_points(charts.figure("network", charts.current("")))
    assert all(whole[c] == b[c] for c in b)               # and where the whole story has it


def test_window_presets_are_acts_or_even_sections():
    from layouts import network, stories
    from timeline.model import Story

    opts = network.window_presets(stories.catalogue_story("desperado"))
    assert opts[0]["value"] == network.WHOLE and opts[-1]["value"] == network.CUSTOM and opts[-1]["disabled"]
    parts = [tuple(int(v) for v in o["value"].split("-")) for o in opts[1:-1]]
    assert parts[0][0] == 0 and parts[-1][1] == 23 and len(parts) >= 3
    assert all(b[0] <= a[1] + 1 for a, b in zip(parts, parts[1:]))  # together they hold every scene
    acts = Story(title="T", scenes=[{"id": f"s{i}", "title": "x", "act": "One" if i < 3 else "Two"}
                                    for i in range(5)])
    assert [(o["label"], o["value"]) for o in network.window_presets(acts)[1:-1]] == [
        ("One (scenes 1–3)", "0-2"), ("Two (scenes 4–5)", "3-4")]


def test_a_url_with_a_window_sets_the_window_controls():
    from layouts import filters

    controls = {k: None for k in filters.STATE_CONTROLS}
    out = filters.sync_logic(ids.URL, "?win=5-9", controls)
    by_output = {(o.component_id, o.component_property): v for o, v in zip(filters.CONTROLS, out)}
    assert by_output[(ids.NETWORK_WINDOW, "value")] == [6, 10]
    assert by_output[(ids.NETWORK_WINDOW, "max")] == 24
    assert by_output[(ids.NETWORK_WINDOW_PRESET, "options")][0]["value"] == "all"


def test_a_click_on_the_arcs_sets_the_network_window():
    from layouts.arcs import clicked_window

    assert clicked_window({"points": [{"customdata": ["s5", 4, 9, "scenes 5–10"]}]}) == [5, 10]
    assert clicked_window({"points": [{}]}) is no_update
    assert clicked_window(None) is no_update


# ---------------------------------------------------------------- the story curve card
def test_the_views_request_brings_the_curve_the_arcs_and_the_nonlinearity(client, deps):
    from layouts import stories

    dep = _server_dep(deps, ids.DRAWN["storyline"])
    res = post(client, dep, {f"{ids.DRAWN['storyline']}.data": "x"}, {"view-state.data": "?c=carolina"})
    curve = res[ids.STORYCURVE_GRAPH]["figure"]
    story = stories.catalogue_story("desperado")
    marks = {cd[0]: (x, y) for t in curve["data"] if t.get("mode") == "markers"
             for cd, x, y in zip(t["customdata"], t["x"], t["y"])}
    by_id = {s.id: s for s in story.scenes}
    assert set(marks) == set(by_id) and all(marks[k] == (by_id[k].index + 1, by_id[k].chrono + 1) for k in marks)
    assert any(t.get("meta") == "carolina" for t in curve["data"])   # the filtered character's line
    note = res[ids.NONLINEARITY]["children"]
    assert note.startswith("Nonlinearity 0.0") and "1 jump back" in note
    arcs = res[ids.ARCS_GRAPH]["figure"]
    assert any(t.get("meta") == "carolina" for t in arcs["data"])


def test_a_click_on_the_curve_opens_the_scene(client, deps):
    dep = next(d for d in deps if any(i["id"] == ids.STORYCURVE_GRAPH and i["property"] == "clickData"
                                      for i in d["inputs"]))
    res = post(client, dep, {f"{ids.STORYCURVE_GRAPH}.clickData": {"points": [{"customdata": ["massacre"]}]},
                             "view-state.data": ""}, changed=[f"{ids.STORYCURVE_GRAPH}.clickData"])
    assert "The massacre in another bar" in json.dumps(res[ids.SCENE_DETAILS]["children"])


# ---------------------------------------------------------------- uploads of story-curve data
def test_uploads_accept_story_curve_files_by_name_and_by_content():
    from layouts import stories

    raw = corpus_path("storycurve", "pulp_fiction_simple.json").read_bytes()
    store, err = stories.parse_upload(data_url(raw, "application/json"), "pulp_fiction_simple.json")
    assert err is None and store["title"] == "Pulp Fiction"
    story = stories.uploaded_story(store["key"])
    assert len(story.scenes) == 98 and story.metadata.get("format") == "storycurve"
    # renamed by a browser download: the content says what it is
    assert stories.upload_format(raw, "pulp_fiction (1).json") == "storycurve"
    store2, err2 = stories.parse_upload(data_url(raw, "application/json"), "pulp_fiction (1).json")
    assert err2 is None and store2["title"] == "Pulp Fiction"
    # our own JSON stories are still read as ours
    own = json.dumps({"title": "Mine", "scenes": [{"id": "a", "title": "A"}]}).encode()
    assert stories.upload_format(own, "mine.json") == "json"
    store3, err3 = stories.parse_upload(data_url(own, "application/json"), "mine.json")
    assert err3 is None and store3["title"] == "Mine"
    # broken story-curve data: the reader's file:line:col message
    store4, err4 = stories.parse_upload(data_url(b'{"script_info": {"scenes": [{"narrative_order": }]}}'),
                                        "bad_simple.json")
    assert store4 is None and err4.startswith("bad_simple.json:1:")


# ---------------------------------------------------------------- export of the new cards
@pytest.mark.parametrize("chart", ["storycurve", "arcs"])
def test_the_new_cards_export_and_have_their_download_callback(deps, chart):
    from layouts import export

    data, name = export.export_chart(chart, "html", "slide", 1, "?c=carolina", None)
    assert name == f"desperado-{chart}.html" and b"plotly" in data.lower()
    button = json.dumps({"chart": chart, "type": ids.EXPORT_BUTTON}, separators=(",", ":"))
    assert any(any(i["id"] == button for i in d["inputs"]) for d in deps), f"no download callback for {chart}"
