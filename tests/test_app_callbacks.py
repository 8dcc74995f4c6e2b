"""The Dash app's callbacks, without a browser: through Flask's test client
(POST /_dash-update-component, as the page does) and through the callbacks'
plain functions. Figures are checked by their traces, never by pixels."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

dash = pytest.importorskip("dash")

from layouts import create_app, ids, stories  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

SMALL = """\
title: Small Story
characters:
  - {id: ann, name: Ann, aliases: [Annie]}
  - {id: bob, name: Bob}
  - {id: cy, name: Cy}
locations:
  - {id: house, name: The house}
  - {id: yard, name: The yard}
scenes:
  - {id: s1, title: Breakfast, location: house, characters: [ann, bob], source: "Ann and Bob eat."}
  - {id: s2, title: Quarrel, location: yard, characters: [bob, cy],
     interactions: [{type: fights, source: bob, target: cy}]}
  - {id: s3, title: Peace, location: house, characters: [ann, cy], story_order: 3}
  - {id: s4, title: Later, location: yard, characters: [ann], story_order: 2}
"""


@pytest.fixture(scope="module")
def app():
    return create_app()


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


@pytest.fixture(scope="module")
def deps(client):
    return client.get("/_dash-dependencies").json


def _dep(deps, input_id):
    for d in deps:
        if any(i["id"] == input_id for i in d["inputs"]):
            return d
    raise AssertionError(f"no callback takes {input_id}")


def _outputs(output: str) -> list[dict]:
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    out = []
    for p in parts:
        cid, prop = p.rsplit(".", 1)
        out.append({"id": cid, "property": prop})
    return out


def post(client, dep, inputs: dict, state: dict | None = None, changed: list[str] | None = None) -> dict:
    """Call a callback as the renderer does; returns {id: {prop: value}}."""
    payload = {
        "output": dep["output"],
        "outputs": _outputs(dep["output"]),
        "inputs": [{"id": i["id"], "property": i["property"], "value": inputs.get(f"{i['id']}.{i['property']}")}
                   for i in dep["inputs"]],
        "state": [{"id": s["id"], "property": s["property"], "value": (state or {}).get(f"{s['id']}.{s['property']}")}
                  for s in dep["state"]],
        "changedPropIds": changed or [],
    }
    r = client.post("/_dash-update-component", json=payload)
    assert r.status_code in (200, 204), r.data[:500]
    if r.status_code == 204:
        return {}
    return r.json["response"]


def data_url(text: str | bytes, mime="application/x-yaml") -> str:
    raw = text.encode() if isinstance(text, str) else text
    return f"data:{mime};base64," + base64.b64encode(raw).decode()


def scene_ids(fig: dict) -> set[str]:
    out = set()
    for t in fig["data"]:
        for cd in t.get("customdata") or ():
            v = cd[0] if isinstance(cd, (list, tuple)) else cd
            if isinstance(v, str):
                out.add(v)
    return out


# ---------------------------------------------------------------- page
def test_page_and_layout_serve_every_component(client):
    assert client.get("/").status_code == 200
    layout = json.dumps(client.get("/_dash-layout").json)
    for cid in (ids.STORYLINE_GRAPH, ids.STRIP_GRAPH, ids.NETWORK_GRAPH, ids.SCENE_DETAILS, ids.CHARACTER_FILTER,
                ids.CHARACTER_TABLE, ids.SCENE_RANGE, ids.STORY_PICKER, ids.UPLOAD, ids.URL):
        assert f'"{cid}"' in layout, cid
    assert "5 MB" in layout  # the upload limit is said in the UI


def test_favicon_is_a_valid_ico(client):
    r = client.get("/assets/favicon.ico")
    assert r.status_code == 200 and r.data[:4] == b"\x00\x00\x01\x00"


# ---------------------------------------------------------------- URL <-> controls
def test_url_sets_controls_and_state(client, deps):
    res = post(client, _dep(deps, ids.URL), {"url.search": "?c=carolina&mode=all&order=story&scenes=2-10"},
               changed=["url.search"])
    assert res[ids.CHARACTER_FILTER]["value"] == ["carolina"]
    assert res[ids.MODE]["value"] == "all"
    assert res[ids.ORDER]["value"] == "story"
    assert res[ids.SCENE_RANGE]["value"] == [3, 11]  # the slider counts scenes from 1
    assert ids.STATE not in res  # the page writes the state from the controls (assets/view_state.js)
    # options are searchable by alias
    opts = {o["value"]: o for o in res[ids.CHARACTER_FILTER]["options"]}
    assert "Manito" in opts["mariachi"]["search"]


def test_controls_stand_for_a_canonical_query():
    from layouts import filters

    q = filters.controls_query({"story": "desperado", "c": ["carolina", "mariachi"], "mode": "all",
                                "emphasis": "only", "scenes": [1, 100], "order": "telling", "colour_by": "int_ext",
                                "net": "group"})
    for part in ("c=carolina", "c=mariachi", "mode=all", "emphasis=only", "colour_by=int_ext", "net=group"):
        assert part in q
    assert "scenes=" not in q and "story=" not in q  # the whole range and the default story are no filter
    assert filters.controls_query({"story": "desperado", "c": [], "mode": "any", "emphasis": "highlight",
                                   "scenes": [3, 11], "order": "story", "colour_by": "location",
                                   "net": "community"}) == "?order=story&scenes=2-10"


def test_the_page_gets_the_query_encoding_as_data():
    """The page's encoder has no keys or defaults of its own: they come from layouts.state.FIELDS."""
    from layouts import state
    from timeline.views import ViewState

    spec = state.page_spec("desperado")
    keys = [f["key"] for f in spec["fields"]]
    assert keys == [f.key for f in state.FIELDS] and {"story", "c", "scenes", "net"} <= set(keys)
    assert next(f for f in spec["fields"] if f["key"] == "story")["default"] == "desperado"
    # the app's encoding is the library's, plus the app's own keys
    for st in (ViewState(), ViewState(story="x", characters=("a", "b c"), mode="all", emphasis="only",
                                      scenes=(2, 5), order="story", colour_by="group")):
        assert state.compose_query(st) == st.to_query()
    assert state.compose_query(ViewState(characters=("a",)), "group") == "?c=a&net=group"


def test_url_written_by_the_page_changes_no_control(client, deps):
    dep = _dep(deps, ids.URL)
    controls = {"story-picker.value": "desperado", f"{ids.CHARACTER_FILTER}.value": ["carolina"],
                f"{ids.MODE}.value": "any", f"{ids.EMPHASIS}.value": "highlight", f"{ids.SCENE_RANGE}.value": [1, 100],
                f"{ids.ORDER}.value": "telling", f"{ids.STRIP_COLOUR}.value": "location",
                f"{ids.NETWORK_COLOUR}.value": "community"}
    state = {k: v for k, v in controls.items() if k != "story-picker.value"}
    inputs = {"story-picker.value": "desperado"}
    res = post(client, dep, {**inputs, "url.search": "?c=carolina"}, state, changed=["url.search"])
    assert ids.CHARACTER_FILTER not in res  # the URL matches the controls: nothing to set
    res = post(client, dep, {**inputs, "url.search": "?c=mariachi"}, state, changed=["url.search"])
    assert res[ids.CHARACTER_FILTER]["value"] == ["mariachi"]  # back/forward: the URL sets the controls


@pytest.mark.parametrize("bad", ["../../etc/passwd", "/etc/passwd", "nope", "data/desperado.yaml"])
def test_unknown_story_ids_and_paths_fall_back_to_the_default(client, deps, bad):
    from layouts import stories

    sid, story = stories.resolve(bad)
    assert sid == "desperado" and story.title == "Desperado"
    res = post(client, _dep(deps, ids.URL), {"url.search": "?story=" + bad}, changed=["url.search"])
    assert res[ids.STORY_PICKER]["value"] == "desperado"
    assert "not available" in json.dumps(res[ids.STORY_ALERT]["children"])


# ---------------------------------------------------------------- views follow the filter
def _views_dep(deps):
    return next(d for d in deps if f"{ids.STORYLINE_GRAPH}.figure" in d["output"])


def _rest_dep(deps):
    return next(d for d in deps if f"{ids.STRIP_GRAPH}.figure" in d["output"])


def _server_callbacks_on(deps, cid):
    return [d for d in deps if any(i["id"] == cid for i in d["inputs"]) and not d.get("clientside_function")
            and "title-sink" not in d["output"]]


def test_a_filter_change_is_two_requests_for_every_view(deps):
    """The view state reaches the server once, for the storyline (through the page's split
    into views / network window); its drawing brings the rest in one more request (strip,
    network, story curve, arcs, table). No server callback listens to the state itself."""
    assert _server_callbacks_on(deps, ids.STATE) == []
    split = [d for d in deps if any(i["id"] == ids.STATE for i in d["inputs"]) and ids.VIEWS_FOR in d["output"]]
    assert len(split) == 1 and split[0]["clientside_function"]  # in the page
    assert f"{ids.WINDOW_FOR}.data" in split[0]["output"]
    assert [d["output"] for d in _server_callbacks_on(deps, ids.VIEWS_FOR)] == [_views_dep(deps)["output"]]
    rest = _server_callbacks_on(deps, ids.DRAWN["storyline"])
    assert len(rest) == 1
    for part in (f"{ids.STRIP_GRAPH}.figure", f"{ids.NETWORK_GRAPH}.figure", f"{ids.STORYCURVE_GRAPH}.figure",
                 f"{ids.ARCS_GRAPH}.figure", f"{ids.NONLINEARITY}.children", f"{ids.CHARACTER_TABLE}.rowData"):
        assert part in rest[0]["output"]


def test_a_window_change_redraws_the_network_only(deps):
    """Only the network listens to a state that differs in ``win`` alone."""
    on_window = _server_callbacks_on(deps, ids.WINDOW_FOR)
    assert len(on_window) == 1
    outs = _outputs(on_window[0]["output"])
    assert {o["id"].split("@")[0] for o in outs} == {ids.NETWORK_GRAPH, ids.DRAWN["network"]}


def test_filter_changes_every_view(client, deps):
    figs = {}
    for query in ("", "?c=carolina&emphasis=only"):
        res = post(client, _views_dep(deps), {f"{ids.VIEWS_FOR}.data": query}, {"view-state.data": query})
        res.update(post(client, _rest_dep(deps), {f"{ids.DRAWN['storyline']}.data": "x"},
                        {"view-state.data": query}))
        for gid in (ids.STORYLINE_GRAPH, ids.STRIP_GRAPH, ids.NETWORK_GRAPH):
            figs[query, gid] = res[gid]["figure"]
    from layouts import stories

    story = stories.catalogue_story("desperado")
    with_carolina = {s.id for s in story.scenes if "carolina" in s.characters}
    for gid in (ids.STORYLINE_GRAPH, ids.STRIP_GRAPH, ids.NETWORK_GRAPH):
        assert figs["", gid]["data"] != figs["?c=carolina&emphasis=only", gid]["data"], gid
    assert scene_ids(figs["?c=carolina&emphasis=only", ids.STORYLINE_GRAPH]) <= with_carolina
    assert scene_ids(figs["?c=carolina&emphasis=only", ids.STRIP_GRAPH]) == with_carolina
    assert len(scene_ids(figs["", ids.STRIP_GRAPH])) == len(story.scenes)


def _apply(fig: dict, patch) -> dict:
    """Apply a dash.Patch's assignments to a figure dict (as the renderer does)."""
    import copy

    out = copy.deepcopy(fig)
    for op in patch.to_plotly_json()["operations"]:
        assert op["operation"] == "Assign", op
        node = out
        for k in op["location"][:-1]:
            node = node[k]
        node[op["location"][-1]] = op["params"]["value"]
    return out


@pytest.mark.parametrize("chart", ["storyline", "strip", "network"])
def test_a_highlight_change_is_a_patch_that_gives_the_whole_figure(chart):
    """Fading other characters keeps the scenes: the page gets only the restyle, and
    that restyle turns the figure on screen into exactly the new one."""
    import importlib

    from dash import Patch

    mod = importlib.import_module(f"layouts.{chart}")
    states = ["", "?c=carolina", "?c=mariachi&c=bucho&mode=all", "?c=campa"]
    patched = 0
    for old_q, new_q in zip(states, states[1:]):
        old, _, key = mod.update(old_q, None)
        new, _, new_key = mod.update(new_q, None)       # nothing on screen: the whole figure
        upd, config, key2 = mod.update(new_q, None, key)  # the old figure on screen
        assert key2 == new_key
        if isinstance(upd, Patch):
            patched += 1
            assert _apply(old, upd) == new
            assert config is dash.no_update
        else:
            assert upd == new and key != new_key
    assert patched == len(states) - 1  # highlight mode never re-sends a whole figure
    # only-mode changes the scenes: the whole figure again
    old, _, key = mod.update("?c=carolina", None)
    upd, _, _ = mod.update("?c=carolina&emphasis=only", None, key)
    assert not isinstance(upd, Patch) and upd["data"] != old["data"]


def test_a_storyline_highlight_patch_sets_scalars_only():
    """plotly.js recomputes the whole chart for an array of a new identity; a fade must
    reach it as scalars (trace opacity, line width, marker opacity), no arrays, no template."""
    from dash import Patch

    from layouts import storyline

    old, _, key = storyline.update("", None)
    assert "template" not in old["layout"] and old["layout"]["datarevision"]
    for q in ("?c=carolina", "?c=bucho&c=mariachi", "?c=mariachi&c=carolina&mode=all"):
        upd, _, _ = storyline.update(q, None, key)
        assert isinstance(upd, Patch)
        for op in upd.to_plotly_json()["operations"]:
            where = op["location"]
            value = op["params"]["value"]
            if where[0] == "data" and len(where) == 2:
                # a whole trace only where its dots fade one by one ("all" mode)
                assert isinstance(value["marker"]["opacity"], list) and "all" in q, (q, where)
            elif where[0] == "data":
                assert not isinstance(value, (list, dict)), (q, where)
                assert where[2] in ("opacity", "line", "marker", "textfont", "fillcolor"), (q, where)


def test_figures_come_from_the_cache():
    from layouts.charts import figure_update
    from layouts.state import current

    a, key = figure_update("storyline", current("?c=carolina"), None)
    b, key2 = figure_update("storyline", current("?c=carolina"), None)
    assert a is b and key == key2


def test_the_storyline_and_strip_grow_with_the_cast(client, deps):
    """Every character gets a row: the graphs are as tall as their figures, which grow
    with the cast (the strip's presence grid dropped every other name at a fixed height)."""
    story = stories.catalogue_story("desperado")
    res = post(client, _views_dep(deps), {f"{ids.STATE}.data": ""}, changed=[f"{ids.STATE}.data"])
    heights = {"storyline": res[ids.STORYLINE_GRAPH]["style"]["height"]}
    dep = _rest_dep(deps)
    res = post(client, dep, {f"{ids.DRAWN['storyline']}.data": "x"}, {f"{ids.STATE}.data": ""})
    heights["strip"] = res[ids.STRIP_GRAPH]["style"]["height"]
    assert res[ids.STRIP_GRAPH]["figure"]["layout"]["height"] == int(heights["strip"][:-2])
    cast = sum(1 for c in story.characters if any(c.id in s.characters for s in story.scenes))
    assert int(heights["strip"][:-2]) >= 18 * cast + 70
    assert int(heights["storyline"][:-2]) >= 24 * cast
    # a smaller cast ("hide others") gives a shorter strip
    res = post(client, dep, {f"{ids.DRAWN['storyline']}.data": "y"}, {f"{ids.STATE}.data": "?c=campa&emphasis=only"})
    assert int(res[ids.STRIP_GRAPH]["style"]["height"][:-2]) < int(heights["strip"][:-2])


def test_empty_view_shows_the_message():
    from layouts import storyline

    fig, _, _ = storyline.update("?c=navajas&c=quino&mode=all&emphasis=only", None)
    text = json.dumps(fig["layout"].get("annotations", []))
    assert "No scene has all of Navajas and Quino." in text


def test_modebar_keeps_zoom_and_talks_to_no_outside_service():
    from layouts import network, storycurve

    _, config, _ = network.update("", None)
    assert config["showSendToCloud"] is False and config["showEditInChartStudio"] is False
    removed = set(config["modeBarButtonsToRemove"])
    assert {"toImage", "sendDataToCloud", "editInChartStudio", "lasso2d", "select2d"} <= removed
    assert not removed & {"zoom2d", "pan2d", "resetScale2d"}  # zoom and the way back stay
    _, curve, _ = storycurve.update("", None)
    assert "select2d" not in curve["modeBarButtonsToRemove"]  # the story curve is brushed


def test_strip_colour_switch_changes_the_strip():
    from layouts import strip

    a, _, _ = strip.update("", None)
    b, _, _ = strip.update("?colour_by=time_of_day", None)
    assert a["data"] != b["data"]


def test_characters_table_is_sortable_and_follows_the_filter():
    from layouts import characters

    rows = characters.update("", None)
    assert {"scenes", "first", "last", "degree", "betweenness"} <= set(rows[0])
    mariachi = next(r for r in rows if r["id"] == "mariachi")
    assert mariachi["scenes"] > 10 and mariachi["first"] >= 1
    assert not any(r["selected"] for r in rows)
    few = characters.update("?c=campa&emphasis=only", None)
    assert 0 < len(few) < len(rows)
    assert [r["id"] for r in few if r["selected"]] == ["campa"]
    assert all(c["field"] in rows[0] for c in characters.COLUMNS)


# ---------------------------------------------------------------- details
def test_click_on_a_scene_shows_its_details(client, deps):
    dep = _dep(deps, ids.STORYLINE_GRAPH)
    click = {"points": [{"customdata": ["massacre"]}]}
    res = post(client, dep, {f"{ids.STRIP_GRAPH}.clickData": click, "view-state.data": ""},
               changed=[f"{ids.STRIP_GRAPH}.clickData"])
    text = json.dumps(res[ids.SCENE_DETAILS]["children"])
    assert "The massacre in another bar" in text
    assert "guitar case full of guns" in text       # the seed sentence
    assert "El Mariachi" in text and "kills" in text  # characters, interactions


def test_click_on_a_network_node_shows_the_character():
    from layouts import details, stories

    story = stories.catalogue_story("desperado")
    text = json.dumps(details.details_for(story, details.clicked_id({"points": [{"customdata": "carolina"}]})).to_plotly_json(), default=str)
    assert "Salma Hayek" in text


# ---------------------------------------------------------------- uploads
def test_bad_yaml_upload_shows_the_reader_message(client, deps):
    dep = _dep(deps, ids.UPLOAD)
    res = post(client, dep, {f"{ids.UPLOAD}.contents": data_url("title: x\nscenes: [\n  - {id: a\n")},
               {f"{ids.UPLOAD}.filename": "broken.yaml"}, changed=[f"{ids.UPLOAD}.contents"])
    assert ids.UPLOAD_STORE not in res  # the story on screen is unchanged
    text = json.dumps(res[ids.STORY_ALERT]["children"])
    assert "broken.yaml:" in text
    import re

    assert re.search(r"broken\.yaml:\d+:\d+: ", text)


def test_upload_limits_and_unknown_formats():
    from layouts import stories

    store, err = stories.parse_upload(data_url(b"x" * (stories.UPLOAD_LIMIT + 1)), "huge.yaml")
    assert store is None and "limit is 5 MB" in err
    store, err = stories.parse_upload(data_url("hello"), "notes.key")
    assert store is None and "not a story format" in err and ".fountain" in err
    store, err = stories.parse_upload(data_url("hello"), "notes.docx")  # a Word document that is not one
    assert store is None and err.startswith("notes.docx:0:0: not a Word document")
    # a file of another kind reaches the server (the picker accepts any file) and is told why it is refused
    store, err = stories.parse_upload(data_url("INT. HOUSE - DAY\n"), "script.odt")
    assert store is None and err.startswith("script.odt:0:0: .odt is not a story format")
    store, err = stories.parse_upload(data_url(SMALL), "/etc/../tmp/small.yaml")
    assert err is None and store["name"] == "small.yaml"


def test_uploaded_story_is_kept_on_the_server_under_its_hash(client, deps):
    dep = _dep(deps, ids.UPLOAD)
    res = post(client, dep, {f"{ids.UPLOAD}.contents": data_url(SMALL)}, {f"{ids.UPLOAD}.filename": "small.yaml"},
               changed=[f"{ids.UPLOAD}.contents"])
    store = res[ids.UPLOAD_STORE]["data"]
    key = res[ids.STORY_PICKER]["value"]
    assert key == store["key"] and key.startswith("upload-")
    # the page keeps only the key, name, title and reader, not the story
    assert set(store) == {"key", "name", "title", "format"} and store["format"] == "yaml"
    assert len(json.dumps(store)) < 200
    # any request that names the key can draw it (the server keeps it under an unguessable key)
    from layouts import storyline

    fig, config, _ = storyline.update(f"?story={key}&c=ann", store)
    assert scene_ids(fig) <= {"s1", "s2", "s3", "s4"} and scene_ids(fig)
    # without the page's store too: the link works for whoever has it
    fig2, _, _ = storyline.update(f"?story={key}", None)
    assert "Small Story" in json.dumps(fig2["layout"]["title"])
    assert stories.resolve(key, None)[1].title == "Small Story"
    # an id the server does not hold falls back to the default story, with a note
    unknown = "upload-" + "0" * 32
    fig3, _, _ = storyline.update(f"?story={unknown}", None)
    assert "Desperado" in json.dumps(fig3["layout"]["title"])
    res = post(client, _dep(deps, ids.URL), {"url.search": "?story=" + unknown}, changed=["url.search"])
    assert res[ids.STORY_PICKER]["value"] == "desperado"
    note = json.dumps(res[ids.STORY_ALERT]["children"], ensure_ascii=False)
    assert f"not available on this server (uploads are kept {stories.UPLOAD_KEEP_DAYS} days" in note


# ---------------------------------------------------------------- export
def test_html_export_needs_no_chromium():
    from layouts import export

    data, name = export.export_chart("strip", "html", "slide", 1, "?c=carolina", None)
    assert name == "desperado-strip.html" and b"<html" in data[:2000].lower() and b"plotly" in data.lower()


def _ids(node, out):
    if isinstance(node, dict):
        if isinstance(node.get("id"), dict):
            out.append(node["id"])
        for v in node.values():
            _ids(v, out)
    elif isinstance(node, list):
        for v in node:
            _ids(v, out)
    return out


def test_export_menu_exists_for_every_chart(client):
    found = _ids(client.get("/_dash-layout").json, [])
    for chart in ("storyline", "strip", "network", "storycurve", "arcs"):
        for kind in (ids.EXPORT_FORMAT, ids.EXPORT_PRESET, ids.EXPORT_SCALE, ids.EXPORT_BUTTON, ids.EXPORT_DOWNLOAD):
            assert {"type": kind, "chart": chart} in found, (kind, chart)


# ---------------------------------------------------------------- serve
def test_serve_subcommand_is_registered():
    from timeline.cli import build_parser

    args = build_parser().parse_args(["serve", "--port", "0", "--workers", "2"])
    assert args.workers == 2 and args.host == "127.0.0.1" and args.story is None


def test_serve_rejects_a_bad_story_with_its_position(tmp_path, capsys):
    from timeline.cli import main

    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [\n")
    assert main(["serve", str(bad)]) == 2
    assert str(bad) + ":" in capsys.readouterr().err


def test_gunicorn_factory_reads_the_story_from_the_environment(monkeypatch):
    from layouts import server, stories

    monkeypatch.setenv("SCENE_TIMELINE_STORY", str(ROOT / "data" / "desperado.yaml"))
    wsgi = server.create_server()
    assert wsgi.test_client().get("/").status_code == 200
    assert stories.default_story_id() == "desperado"


def test_create_app_twice_keeps_the_callbacks(tmp_path):
    # Dash hands module-level callbacks to the first app only; a second create_app()
    # must still serve them (the test suite, and any embedding, builds it more than once)
    from tests.conftest import DATA

    first = create_app()
    second = create_app(DATA / "desperado.yaml")
    assert second is first
    client = second.server.test_client()
    assert client.get("/").status_code == 200
    deps = client.get("/_dash-dependencies").get_json()
    assert any("storyline-graph" in d["output"] for d in deps)


@pytest.mark.parametrize("encoding", ["gzip", "br", "zstd"])
def test_the_server_compresses_what_it_sends(client, deps, encoding):
    """A browser asks for compressed answers: a filter change's figures (and the page's
    scripts) come compressed, about ten times smaller, and decode to the same JSON."""
    import gzip

    def decode(body):
        if encoding == "gzip":
            return gzip.decompress(body)
        if encoding == "br":
            import brotli

            return brotli.decompress(body)
        try:
            from compression import zstd  # Python 3.14
        except ImportError:
            from backports import zstd
        return zstd.decompress(body)

    dep = _views_dep(deps)
    payload = {"output": dep["output"], "outputs": _outputs(dep["output"]),
               "inputs": [{"id": ids.VIEWS_FOR, "property": "data", "value": "?c=carolina"}],
               "state": [{"id": s["id"], "property": s["property"], "value": None} for s in dep["state"]],
               "changedPropIds": [f"{ids.VIEWS_FOR}.data"]}
    plain = client.post("/_dash-update-component", json=payload)
    packed = client.post("/_dash-update-component", json=payload, headers={"Accept-Encoding": encoding})
    assert plain.headers.get("Content-Encoding") is None
    assert packed.headers.get("Content-Encoding") == encoding
    assert len(packed.data) * 4 < len(plain.data)
    assert json.loads(decode(packed.data)) == plain.json
