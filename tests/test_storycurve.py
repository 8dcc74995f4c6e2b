"""Story-curve data (``*_simple.json``): the reader, against the corpus films and small inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline.errors import StoryFormatError
from timeline.formats import format_for, load_story, loads_story
from timeline.timeofday import normalise_time_of_day

from .conftest import CORPUS as _CORPUS, CORPUS_REQUIRED, corpus_path  # noqa: E402  (SCENE_TIMELINE_SHARED or ../shared)
CORPUS = _CORPUS / "storycurve"
FILMS = {  # file stem: (title, scenes, characters) from the corpus README
    "pulp_fiction": ("Pulp Fiction", 98, 45),
    "memento": ("Memento", 185, 16),
    "fight_club": ("Fight Club", 241, 69),
    "12_monkeys": ("12 Monkeys", 173, 127),
}


def _film(stem):
    return corpus_path("storycurve", f"{stem}_simple.json")


@pytest.mark.parametrize("stem", FILMS)
def test_corpus_films_match_their_data(stem):
    path = _film(stem)
    story = load_story(path)
    title, n_scenes, n_chars = FILMS[stem]
    assert story.title == title
    assert len(story.scenes) == n_scenes and len(story.characters) == n_chars
    assert story.metadata["format"] == "storycurve"

    # the JSON, read independently: scenes sorted by narrative order
    raw = sorted(json.loads(path.read_text(encoding="utf-8"))["script_info"]["scenes"],
                 key=lambda s: s["narrative_order"])
    names = {c.id: c.name for c in story.characters}
    for scene, src in zip(story.scenes, raw):
        # telling order = narrative order, story order as given (these films give 0..n-1)
        assert scene.story_order == src["story_order"]
        want = [n.strip() or "(unnamed)" for n in src["characters"]]
        assert [names[c] for c in scene.characters] == want
        meta = src["scene_metadata"]
        if meta.get("size") is not None:
            assert scene.length_lines == -(-meta["size"] // 60)
        if meta.get("time"):
            assert scene.time_of_day == normalise_time_of_day(meta["time"])  # "Night" -> "night", as every reader
        setting = (meta.get("setting") or "").replace(" ", "").lower()
        assert scene.int_ext == {"int.": "INT", "ext.": "EXT", "ext./int.": "INT/EXT"}.get(setting)
    assert [s.index for s in story.scenes] == list(range(n_scenes))
    assert sorted(s.story_order for s in story.scenes) == list(range(n_scenes))
    # every listed character name is a character, in the file's order
    listed = [c["name"].strip() or "(unnamed)"
              for c in json.loads(path.read_text(encoding="utf-8"))["script_info"]["characters"]]
    assert [c.name for c in story.characters] == listed


def test_nonlinear_films_are_not_in_story_order():
    for stem in FILMS:
        story = load_story(_film(stem))
        chrono = [s.story_order for s in story.scenes]
        assert chrono != sorted(chrono), stem


def test_picked_by_suffix_and_by_name(tmp_path):
    assert format_for("x/memento_simple.json") == "storycurve"
    assert format_for("x/story.json") == "json"
    doc = _doc([_sc(0, 0, ["A"])])
    p = tmp_path / "odd.json"
    p.write_text(doc)
    assert load_story(p, format="storycurve").scenes[0].characters == ("a",)
    # uploads: bytes with a file name
    assert len(loads_story(doc.encode(), None, path="up_simple.json").scenes) == 1


def _sc(no, so, chars, **meta):
    return {"narrative_order": no, "story_order": so, "characters": chars, "scene_metadata": meta}


def _doc(scenes, chars=None, title="T"):
    chars = chars if chars is not None else sorted({c for s in scenes for c in s["characters"]})
    return json.dumps({"script_info": {"title": title, "characters": [{"name": c} for c in chars],
                                       "scenes": scenes}}, indent=1)


def test_small_file_orders_ties_locations():
    doc = _doc([
        _sc(2, 5, ["B"], setting="Ext.", location="' Street", time="Night", size=130),
        _sc(0, 5, ["A", "B"], setting="Int.", location="Bar", time="Day", size=60),
        _sc(1, 1, [], setting="Butch'S Pov", location=None, time=None, size=0),
    ], chars=["A", "B"])
    story = loads_story(doc, "storycurve", path="t_simple.json")
    assert [s.id for s in story.scenes] == ["s1", "s2", "s3"]
    # given story orders 5, 1, 5 (telling order) -> ranks 1, 0, 2: ties keep telling order
    assert [s.story_order for s in story.scenes] == [1, 0, 2]
    assert story.metadata["storycurve"]["story_order_reranked"] is True
    assert story.metadata["storycurve"]["story_order_given"] == [5, 1, 5]
    s1, s2, s3 = story.scenes
    assert (s1.int_ext, s1.time_of_day, s1.characters) == ("INT", "day", ("a", "b"))
    assert story.location(s3.location).name == "Street" and s3.int_ext == "EXT"
    assert s2.location is None and s2.int_ext is None and s2.title == "Butch'S Pov"
    assert (s1.length_lines, s3.length_lines, s2.length_lines) == (1, 3, 0)


def test_names_missing_from_the_list_and_empty_names_are_noted():
    doc = _doc([_sc(0, 0, ["A", ""]), _sc(1, 1, ["Zed"])], chars=["A"])
    story = loads_story(doc, "storycurve", path="t_simple.json")
    assert [c.name for c in story.characters] == ["A", "(unnamed)", "Zed"]
    notes = story.metadata["import_notes"]
    assert len(notes) == 2 and "empty name" in notes[0] and "'Zed'" in notes[1]
    assert notes[1].startswith("line ")


@pytest.mark.parametrize("doc, where, words", [
    ('{"script_info": {"scenes": [\n  {"narrative_order": 0,, }]}}', (2, 25), "JSON syntax error"),
    ('[1, 2]', (1, 1), "mapping"),
    ('{"title": "x"}', (1, 1), "script_info"),
    ('{"script_info": {"scenes": []}}', (1, 28), "no scenes"),
    ('{"script_info": {"scenes": [\n {"story_order": 0}]}}', (2, 2), "missing 'narrative_order'"),
    ('{"script_info": {"scenes": [\n {"narrative_order": "1", "story_order": 0}]}}', (2, 22), "whole number"),
    ('{"script_info": {"scenes": [\n {"narrative_order": 0, "story_order": 0},\n'
     ' {"narrative_order": 0, "story_order": 1}]}}', (3, 22), "repeated"),
    ('{"script_info": {"scenes": [\n {"narrative_order": 0, "story_order": 0,\n'
     '  "characters": ["A", 7]}]}}', (3, 23), "must be text"),
    ('{"script_info": {"scenes": [\n {"narrative_order": 0, "story_order": 0,\n'
     '  "scene_metadata": {"size": -4}}]}}', (3, 30), "size"),
])
def test_errors_name_line_and_column(doc, where, words):
    with pytest.raises(StoryFormatError) as e:
        loads_story(doc, "storycurve", path="bad_simple.json")
    err = e.value
    assert (err.line, err.column) == where, str(err)
    assert words in str(err) and str(err).startswith("bad_simple.json:")


# ---- the story-curve chart ------------------------------------------------------------

from timeline.figures import CHARTS, figure_for, storycurve_figure, strip_figure  # noqa: E402
from timeline.figures._theme import FADED  # noqa: E402
from timeline.figures.storycurve import OTHER, brush_range  # noqa: E402
from timeline.narrative import nonlinearity  # noqa: E402
from timeline.views import ViewState, make_view, resolve_characters  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _stories():
    out = {"desperado": load_story(ROOT / "data" / "desperado.yaml")}
    for stem in FILMS:
        path = CORPUS / f"{stem}_simple.json"
        if path.exists() or CORPUS_REQUIRED:  # in CI a missing film fails
            out[stem] = load_story(path)
    return out


@pytest.fixture(scope="module")
def stories():
    return _stories()


def _marks(fig):
    return [t for t in fig.data if isinstance(t.meta, dict) and "colour_by" in t.meta]


def _legend_entries(fig):
    return [t.name for t in fig.data if t.showlegend is not False and t.name]


def font_sizes(obj) -> list[float]:
    """Every font size set anywhere in a figure's dict (layout, traces, annotations)."""
    out = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k.endswith("font") and isinstance(v, dict) and v.get("size") is not None:
                out.append(v["size"])
            out += font_sizes(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            out += font_sizes(v)
    return out


def test_curve_matches_the_data_point_for_point(stories):
    for name, story in stories.items():
        fig = storycurve_figure(make_view(story))
        points = {}
        for t in _marks(fig):
            for (sid,), x, y in zip(t.customdata, t.x, t.y):
                assert sid not in points, (name, sid)
                points[sid] = (x, y)
        assert points == {s.id: (s.index + 1, s.story_order + 1) for s in story.scenes}, name
        curve = next(t for t in fig.data if t.meta == "curve")
        assert list(curve.x) == [s.index + 1 for s in story.scenes]
        assert list(curve.y) == [s.story_order + 1 for s in story.scenes]
        m = nonlinearity(story)
        jumps = next((t for t in fig.data if t.meta == "jumps"), None)
        assert (0 if jumps is None else sum(v is None for v in jumps.x)) == m.jumps_back
        assert fig.layout.meta["nonlinearity"]["score"] == round(m.score, 6)
        assert fig.layout.meta["chart"] == "storycurve"


def test_curve_is_readable_at_feature_length(stories):
    for name, story in stories.items():
        for chars in ((), story.characters[0].id and (story.characters[0].id, story.characters[1].id)):
            fig = storycurve_figure(make_view(story, ViewState(characters=chars)))
            assert len(_legend_entries(fig)) <= 15, (name, _legend_entries(fig))
            assert min(font_sizes(fig.to_dict())) >= 10
            # the only text on the chart is the nonlinearity line (scenes are named on hover)
            assert [a.name for a in fig.layout.annotations] == ["nonlinearity"]
            assert all(t.mode in ("lines", "markers", "lines+markers") for t in fig.data)
            # a drag zooms as in every chart; the box select (toolbar) brushes along x
            assert fig.layout.dragmode == "zoom" and fig.layout.selectdirection == "h"
            colours = [t.marker.color for t in _marks(fig) if t.showlegend is not False]
            assert len(colours) == len(set(colours)), name


def test_curve_colours_are_the_strips(stories):
    for name in ("desperado", "fight_club"):
        if name not in stories:
            continue
        story = stories[name]
        for colour_by in ("location", "time_of_day", "int_ext"):
            view = make_view(story, ViewState(colour_by=colour_by))
            strip = {t.meta["value"]: t.marker.color for t in strip_figure(view).data
                     if t.type == "bar" and t.meta["value"] is not None}
            for t in _marks(storycurve_figure(view)):
                value = t.meta["value"]
                if value in strip and value != OTHER:
                    assert t.marker.color == strip[value], (name, colour_by, value)


def test_selected_characters_get_lines_and_the_rest_fades(stories):
    story = stories.get("fight_club") or stories["desperado"]
    chars = story.characters[1].id, story.characters[2].id
    view = make_view(story, ViewState(characters=chars))
    fig = storycurve_figure(view)
    lines = {t.meta: t for t in fig.data if t.meta in chars}
    assert set(lines) == set(chars)
    for cid, t in lines.items():
        assert [cd[0] for cd in t.customdata] == [s.id for s in story.scenes if cid in s.characters]
    for t in _marks(fig):
        for (sid,) in t.customdata:
            assert (t.marker.opacity == FADED) == (sid not in view.matching)
    only = storycurve_figure(make_view(story, ViewState(characters=chars, emphasis="only")))
    shown = {cd[0] for t in _marks(only) for cd in t.customdata}
    assert shown == set(view.matching)


def test_scene_range_keeps_scene_numbers(stories):
    story = stories["desperado"]
    fig = storycurve_figure(make_view(story, ViewState(scenes=(0, 5))))
    xs = sorted(x for t in _marks(fig) for x in t.x)
    assert xs == [1, 2, 3, 4, 5, 6]
    assert fig.layout.meta["nonlinearity"]["jumps_back"] == 1  # the American's tale is in range
    assert brush_range(0.2, 3.4, len(story.scenes)) == (0, 2)
    assert brush_range(20.5, 99, len(story.scenes)) == (20, 23)


def test_new_charts_are_registered():
    assert {"storycurve", "arcs"} <= set(CHARTS)
    story = load_story(ROOT / "data" / "desperado.yaml")
    assert figure_for("storycurve", make_view(story), colour_by="int_ext").layout.legend.title.text == "INT / EXT"


# ---- command line ---------------------------------------------------------------------

from timeline.cli import main  # noqa: E402


def test_stats_prints_the_nonlinearity(capsys):
    assert main(["stats", str(ROOT / "data" / "desperado.yaml")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[2].startswith("nonlinearity 0.004 ") and "1 jump back in time" in out[2]
    assert out[3] == "jumps back in time at scenes: 2 (massacre)"
    path = _film("memento")
    assert main(["stats", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    story = load_story(path)
    want = nonlinearity(story)
    got = data["nonlinearity"]
    assert (got["inversions"], got["jumps_back"], got["out_of_place"]) == (
        want.inversions, want.jumps_back, want.out_of_place)
    assert got["score"] == pytest.approx(want.inversions / (185 * 184 / 2))
    assert len(data["scenes"]) == 185


@pytest.mark.export
@pytest.mark.parametrize("chart", ["storycurve", "arcs"])
def test_export_new_charts_in_every_format(tmp_path, chart):
    src = _film("fight_club")
    for fmt in ("png", "svg", "pdf", "html"):
        out = tmp_path / f"{chart}.{fmt}"
        assert main(["export", str(src), "--chart", chart, "--width", "900", "--height", "600",
                     "--character", "Tyler", "-o", str(out)]) == 0
        data = out.read_bytes()
        if fmt == "png":
            assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[16:24] == (900).to_bytes(4, "big") + (600).to_bytes(4, "big")
        elif fmt == "svg":
            assert b"<svg" in data[:400] and b"Fight Club" in data
        elif fmt == "pdf":
            assert data.startswith(b"%PDF")
        else:
            assert b"Plotly.newPlot" in data


@pytest.mark.export
def test_all_and_bundle_include_the_new_charts(tmp_path):
    import zipfile

    src = ROOT / "data" / "desperado.yaml"
    folder = tmp_path / "charts"
    assert main(["export", str(src), "--chart", "all", "--format", "svg", "-o", str(folder)]) == 0
    assert {"desperado-storycurve.svg", "desperado-arcs.svg"} <= {p.name for p in folder.iterdir()}
    out = tmp_path / "b.zip"
    assert main(["export", str(src), "--bundle", "--width", "640", "--height", "420", "-o", str(out)]) == 0
    names = zipfile.ZipFile(out).namelist()
    for chart in ("storycurve", "arcs"):
        assert f"desperado-{chart}.png" in names and f"desperado-{chart}.svg" in names
