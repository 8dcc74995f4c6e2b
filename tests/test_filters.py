"""Scene filters: place (with sub-places), time of day, INT/EXT, act; in the view, every
chart, the app's URL and controls, the table and the export."""

from __future__ import annotations

import csv
import io

import pytest

from timeline.cli import main
from timeline.errors import StoryError
from timeline.figures import CHARTS, figure_for
from timeline.formats import load_story
from timeline.model import Story
from timeline.timeofday import normalise_time_of_day
from timeline.views import ViewState, make_view

from .conftest import corpus_path


@pytest.fixture(scope="module")
def big_fish_path():
    return corpus_path("fountain", "screenplays", "big_fish.fountain")


@pytest.fixture(scope="module")
def big_fish(big_fish_path) -> Story:
    return load_story(big_fish_path, edits=False)


def _inside(story: Story, root: str) -> set[str]:
    out = {root}
    grew = True
    while grew:
        more = {loc.id for loc in story.locations if loc.parent in out}
        grew = not more <= out
        out |= more
    return out


def _scene_ids(fig) -> set[str]:
    """The scene ids a figure's points carry (customdata[0] where it is a scene id)."""
    out = set()
    for t in fig.data:
        for cd in getattr(t, "customdata", None) or ():
            if isinstance(cd, (list, tuple)) and cd and isinstance(cd[0], str):
                out.add(cd[0])
    return out


def test_query_round_trip():
    st = ViewState(characters=("a",), locations=("bar", "town"), times=("NIGHT", "Dusk"), int_ext="ext",
                   acts=("Act One",))
    assert st.times == ("night", "dusk") and st.int_ext == "EXT"
    q = st.to_query()
    assert q == "?c=a&loc=bar&loc=town&tod=night&tod=dusk&ie=EXT&act=Act+One"
    assert ViewState.from_query(q) == st
    assert ViewState.from_query("?ie=sideways").int_ext is None  # a bad value: the default
    with pytest.raises(StoryError):
        ViewState(int_ext="sideways")


def test_int_ext_matches_both_for_int_ext_scenes(big_fish):
    v = make_view(big_fish, ViewState(int_ext="EXT"))
    want = {s.id for s in big_fish.scenes if s.int_ext in ("EXT", "INT/EXT")}
    assert any(s.int_ext == "INT/EXT" for s in big_fish.scenes)
    assert v.matching == want and len(v.scenes) == len(big_fish.scenes)  # highlight: the rest fades
    assert all(v.is_faded(s.id) == (s.id not in want) for s in big_fish.scenes)
    only = make_view(big_fish, ViewState(int_ext="EXT", emphasis="only"))
    assert {s.id for s in only.scenes} == want


def test_place_keeps_its_sub_places(big_fish):
    root = "bloom_house"
    inside = _inside(big_fish, root)
    assert len(inside) > 1  # Bloom House has rooms
    want = {s.id for s in big_fish.scenes if s.location in inside}
    v = make_view(big_fish, ViewState(locations=(root,), emphasis="only"))
    assert {s.id for s in v.scenes} == want
    assert any(big_fish.scene(sid).location != root for sid in want)


def test_filters_combine_with_characters_and_range(big_fish):
    st = ViewState(characters=("edward",), times=("night",), int_ext="INT", scenes=(10, 150), emphasis="only")
    v = make_view(big_fish, st)
    want = {s.id for s in big_fish.scenes[10:151] if "edward" in s.characters and s.time_of_day == "night"
            and s.int_ext in ("INT", "INT/EXT")}
    assert want and {s.id for s in v.scenes} == want
    none = make_view(big_fish, ViewState(characters=("edward",), times=("no such time",)))
    assert none.empty and "no such time" in none.empty_message() and "Edward" in none.empty_message()


def test_time_of_day_is_normalised_in_every_reader(corpus):
    curve = load_story(corpus_path("storycurve", "memento_simple.json"))
    assert {s.time_of_day for s in curve.scenes} <= {"day", "night", "dusk", "dawn", "morning", "afternoon",
                                                     "evening", None}
    v = make_view(curve, ViewState.from_query("?tod=Night&emphasis=only"))
    assert v.scenes and all(s.time_of_day == "night" for s in v.scenes)
    fdx = load_story(corpus_path("fdx", "screenplain_Big-Fish.fdx"))
    assert {s.time_of_day for s in fdx.scenes} <= {"day", "night", "dusk", "dawn", "morning", "afternoon",
                                                   "evening", None}
    assert normalise_time_of_day("EXT. NIGHT") == "night"


def test_act_filter():
    story = Story(title="T", characters=[{"id": "a", "name": "A"}],
                  scenes=[{"id": "s1", "title": "1", "act": "Act One", "characters": ["a"]},
                          {"id": "s2", "title": "2", "act": "Act Two", "characters": ["a"]},
                          {"id": "s3", "title": "3", "act": "Act Two"}])
    v = make_view(story, ViewState(acts=("act two",), emphasis="only"))
    assert [s.id for s in v.scenes] == ["s2", "s3"]


@pytest.mark.parametrize("query", ["?ie=EXT", "?tod=night", "?loc=bloom_house"])
def test_every_chart_follows_the_filter(big_fish, query):
    hl = make_view(big_fish, ViewState.from_query(query))
    only = make_view(big_fish, ViewState.from_query(query + "&emphasis=only"))
    want = hl.matching
    assert want and want != {s.id for s in big_fish.scenes}
    assert {s.id for s in only.scenes} == want
    for chart in ("storyline", "strip", "storycurve", "arcs"):
        drawn = _scene_ids(figure_for(chart, only))
        assert drawn and drawn <= want, chart
    # the network: only the characters of the matching scenes
    present = {c for s in only.scenes for c in s.characters}
    assert set(only.characters) == present
    net = figure_for("network", only)
    names = {t.name for t in net.data if getattr(t, "name", None)}
    assert names  # drawn
    assert len(CHARTS) == 5
    # the title says which scenes (an exported image too)
    assert only.scene_filter_words().strip() in figure_for("strip", only).layout.title.text


@pytest.mark.parametrize("query", ["?ie=EXT&emphasis=only", "?tod=night&emphasis=only", "?loc=bloom_house&emphasis=only"])
def test_export_data_has_the_filtered_scenes(big_fish, query):
    from timeline.export.bundle import manifest
    from timeline.export.data import scenes_csv

    st = ViewState.from_query(query)
    view = make_view(big_fish, st)
    rows = list(csv.DictReader(io.StringIO(scenes_csv(view))))
    assert {r["id"] for r in rows} == view.matching
    m = manifest(big_fish, st)
    assert m["query"] == st.to_query() and (m["state"]["locations"], m["state"]["times"], m["state"]["int_ext"]) == (
        list(st.locations), list(st.times), st.int_ext)


def test_cli_export_filters(big_fish_path, tmp_path, capsys):
    out = tmp_path / "strip.html"
    assert main(["export", str(big_fish_path), "--chart", "strip", "--int-ext", "EXT", "--time-of-day", "Night",
                 "--location", "Bloom House", "--emphasis", "only", "--no-edits", "-o", str(out)]) == 0
    assert out.stat().st_size > 1000
    assert main(["export", str(big_fish_path), "--location", "Blom Hose", "-o", str(tmp_path / "x.html")]) == 2
    assert "closest: Bloom House" in capsys.readouterr().err
    assert main(["export", str(big_fish_path), "--act", "Act Nine", "-o", str(tmp_path / "x.html")]) == 2


@pytest.mark.parametrize("query", ["?story=big_fish&ie=EXT", "?story=big_fish&tod=night",
                                   "?story=big_fish&loc=bloom_house&emphasis=only"])
def test_app_views_table_and_controls_follow_the_url(big_fish_path, tmp_path, query):
    import shutil

    from layouts import charts, filters, ids, stories
    from layouts.state import current

    shutil.copy(big_fish_path, tmp_path / "big_fish.fountain")
    stories.configure(None, tmp_path)
    try:
        cur = current(query)
        st = ViewState.from_query(query)
        view = make_view(cur.story, st)
        # the strip as the app draws it: faded or hidden exactly as the view says
        fig = charts.build_figure("strip", cur)
        drawn = _scene_ids(fig)
        assert drawn == ({s.id for s in view.scenes})
        # the characters table: the characters of the scenes shown
        from layouts.characters import table_update

        assert {r["id"] for r in table_update(cur)} == set(view.characters)
        # the controls the URL sets
        out = filters.sync_logic(ids.URL, query, {"story": None})
        names = [o.component_id + "." + o.component_property for o in filters.CONTROLS]
        got = dict(zip(names, out))
        assert got[f"{ids.LOCATION_FILTER}.value"] == list(st.locations)
        assert got[f"{ids.TIME_FILTER}.value"] == list(st.times)
        assert got[f"{ids.INT_EXT_FILTER}.value"] == (st.int_ext or "")
        assert got[f"{ids.ACT_FILTER_COL}.style"] == {"display": "none"}  # Big Fish has no acts
        # the controls write the same query back (one encoding)
        from layouts.state import controls_query

        values = {"story": "big_fish", "c": [], "loc": list(st.locations), "tod": list(st.times),
                  "ie": st.int_ext or "", "act": [], "emphasis": st.emphasis}
        assert controls_query(values) == cur.query and cur.state == st.replace(story="big_fish")
    finally:
        stories.configure()


@pytest.mark.parametrize("query,keep", [("?ie=EXT&emphasis=only", lambda s: s.int_ext in ("EXT", "INT/EXT")),
                                        ("?loc=town&emphasis=only", None)])
def test_app_export_shows_only_the_filtered_scenes(query, keep):
    """The app's export of a chart (HTML here: no renderer needed) is the filtered view."""
    from layouts import stories
    from layouts.export import export_chart
    from timeline.views import _within

    stories.configure()
    story = stories.catalogue_story("desperado")
    if keep is None:  # a place with sub-places: the town and the places inside it
        inside = _within(story, ("town",))
        assert len(inside) > 1
        keep = lambda s: s.location in inside  # noqa: E731
    data, name = export_chart("strip", "html", "slide", 1, query)
    html = data.decode("utf-8")
    assert name == "desperado-strip.html"
    kept = [s.id for s in story.scenes if keep(s)]
    gone = [s.id for s in story.scenes if not keep(s)]
    assert kept and gone
    assert all(f'"{sid}"' in html for sid in kept)
    assert not any(f'"{sid}"' in html for sid in gone)
