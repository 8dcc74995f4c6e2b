"""timeline.export.data: story files, graphs and CSV tables out, and back in."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from timeline.errors import StoryError
from timeline.export import OutputExistsError
from timeline.export.data import (DATA_FORMATS, flat_graph, presence_csv, scenes_csv, story_json, to_json,
                                  to_yaml, write_data)
from timeline.formats import load_story, loads_story
from timeline.graph import build_graph
from timeline.views import ViewState, make_view

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def story():
    return load_story(FIXTURES / "graph_small.yaml")


@pytest.mark.parametrize("ext", [".yaml", ".yml", ".json"])
def test_story_file_round_trip(story, tmp_path, ext):
    out = write_data(story, tmp_path / f"story{ext}")
    back = load_story(out)
    assert back == story
    assert back.scene("s2").story_order == 0
    assert back.character("boss").fate.by == "hero"
    assert back.metadata["notes"][1] == "unicode: café"


def test_yaml_is_readable_unicode_and_in_file_order(story):
    text = to_yaml(story)
    assert "café" in text  # allow_unicode, no \xe9 escapes
    assert text.index("title:") < text.index("characters:") < text.index("scenes:")
    assert loads_story(text, "yaml") == story
    assert json.loads(to_json(story)) == story.to_data()


def _kinds(G, what):
    items = G.nodes(data="kind") if what == "nodes" else G.edges(data="kind")
    return Counter(k for *_, k in items)


@pytest.mark.parametrize("ext,reader", [(".graphml", nx.read_graphml), (".gexf", nx.read_gexf)])
def test_graph_round_trip(story, tmp_path, ext, reader):
    G = build_graph(story)
    path = write_data(story, tmp_path / f"g{ext}")
    H = reader(path)
    assert H.is_directed()
    assert set(H.nodes) == set(G.nodes)
    assert H.number_of_edges() == G.number_of_edges()
    assert _kinds(H, "nodes") == _kinds(G, "nodes")
    assert _kinds(H, "edges") == _kinds(G, "edges")
    hero = H.nodes["character:hero"]
    assert hero["aliases"] == "Hero; the stranger"
    assert json.loads(H.nodes["character:boss"]["fate"])["scene"] == "s5"
    type_key = "interaction_type" if ext == ".gexf" else "type"
    inter = sorted((u, v, d[type_key], d["scene"]) for u, v, d in H.edges(data=True) if d["kind"] == "interaction")
    assert ("character:hero", "character:boss", "kills", "s5") in inter and len(inter) == 4
    if ext == ".graphml":
        assert H.graph["title"] == "Graph fixture"
        assert H.nodes["scene:s2"]["story_order"] == 0
        assert H.nodes["character:hero"]["id"] == "hero"
    else:
        assert H.nodes["character:hero"]["model_id"] == "hero"
        assert H.nodes["character:hero"]["label"] == "The Hero"


def test_flat_graph_rules():
    G = nx.MultiDiGraph(meta={"a": [1, 2]})
    G.add_node("n", tags=("x", "y"), nothing=None, nested=({"k": 1},), n=3, id="n0")
    G.add_edge("n", "n", type="kills")
    H = flat_graph(G)
    assert H.graph["meta"] == '{"a": [1, 2]}'
    assert H.nodes["n"] == {"tags": "x; y", "nested": '[{"k": 1}]', "n": 3, "id": "n0"}
    X = flat_graph(G, gexf=True)
    assert X.nodes["n"]["model_id"] == "n0" and "id" not in X.nodes["n"]
    assert list(X.edges(data="interaction_type")) == [("n", "n", "kills")]
    assert G.nodes["n"]["tags"] == ("x", "y")  # the original is untouched


def _read_csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_scenes_csv(story, tmp_path):
    path = write_data(story, tmp_path / "scenes.csv")
    rows = _read_csv(path.read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == [s.id for s in story.scenes]
    assert [int(r["index"]) for r in rows] == [0, 1, 2, 3, 4]
    assert [int(r["story_order"]) for r in rows] == [1, 0, 2, 3, 4]
    assert rows[2]["characters"] == "hero; boss; girl"
    assert rows[2]["location"] == "bar" and rows[2]["location_name"] == "The Bar"
    assert rows[0]["time_of_day"] == "DAY" and rows[3]["location"] == ""


def test_presence_csv(story, tmp_path):
    path = write_data(story, tmp_path / "presence.csv", presence=True)
    rows = _read_csv(path.read_text(encoding="utf-8"))
    assert list(rows[0]) == ["index", "scene", "hero", "kid", "boss", "girl", "ghost"]
    for row in rows:
        sc = story.scene(row["scene"])
        for c in ("hero", "kid", "boss", "girl", "ghost"):
            assert int(row[c]) == int(c in sc.characters)
    marked = _read_csv(presence_csv(story, mentioned="m"))
    assert marked[0]["boss"] == "m"


def test_csv_of_a_view_follows_the_view(story):
    view = make_view(story, ViewState(characters=("boss",), emphasis="only", order="story"))
    rows = _read_csv(scenes_csv(view))
    assert [r["id"] for r in rows] == [s.id for s in view.scenes] == ["bar", "s5"]
    prows = _read_csv(presence_csv(view))
    assert list(prows[0])[2:] == list(view.characters)


def test_refuses_to_overwrite(story, tmp_path):
    path = tmp_path / "out.json"
    path.write_text("mine", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="already exists; use --force"):
        write_data(story, path)
    assert path.read_text(encoding="utf-8") == "mine"
    write_data(story, path, force=True)
    assert load_story(path) == story


def test_unknown_extension(story, tmp_path):
    with pytest.raises(StoryError) as err:
        write_data(story, tmp_path / "out.docx")
    msg = str(err.value)
    assert "'.docx'" in msg
    for ext in DATA_FORMATS:
        assert ext in msg
    assert not (tmp_path / "out.docx").exists()


def test_story_json_summary(story):
    data = story_json(story)
    assert list(data) == ["title", "scenes", "characters", "locations"]
    assert data["scenes"][1] == {"id": "s2", "index": 1, "story_order": 0, "title": "Long ago",
                                 "location": "town", "characters": ["hero", "kid"]}
    chars = {c["id"]: c for c in data["characters"]}
    assert chars["hero"] == {"id": "hero", "name": "The Hero", "actor": "A. Actor", "scenes": 5, "lines": 10}
    assert chars["ghost"]["scenes"] == 0 and chars["ghost"]["lines"] == 0
    assert {loc["id"]: loc["scenes"] for loc in data["locations"]} == {"town": 1, "bar": 1, "plaza": 2}
    json.dumps(data)  # plain data


def test_desperado_round_trips(tmp_path):
    story = load_story(Path(__file__).resolve().parent.parent / "data" / "desperado.yaml")
    for ext in (".yaml", ".json"):
        assert load_story(write_data(story, tmp_path / f"d{ext}")) == story
    G = build_graph(story)
    H = nx.read_graphml(write_data(story, tmp_path / "d.graphml"))
    assert set(H.nodes) == set(G.nodes) and H.number_of_edges() == G.number_of_edges()
    assert json.loads(H.graph["metadata"]) == story.metadata
