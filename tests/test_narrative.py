"""Nonlinearity, jumps back, windows of scenes and character arcs (timeline.narrative)."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from timeline.errors import StoryError
from timeline.formats import load_story
from timeline.graph import interaction_graph
from timeline.model import Story
from timeline.narrative import (
    Window, act_windows, arc_cast, auto_windows, character_arcs, inversions, jumps_back, nonlinearity,
    sections, window_graph, windows,
)

ROOT = Path(__file__).resolve().parents[1]
from .conftest import CORPUS as _CORPUS, CORPUS_REQUIRED, corpus_path  # noqa: E402  (SCENE_TIMELINE_SHARED or ../shared)
CORPUS = _CORPUS / "storycurve"


def _story(orders, acts=None, chars=None):
    n = len(orders)
    chars = chars or [[] for _ in range(n)]
    ids = sorted({c for cs in chars for c in cs})
    return Story(title="T", characters=[{"id": c, "name": c.upper()} for c in ids],
                 scenes=[{"id": f"s{i}", "title": f"scene {i}", "story_order": o,
                          "act": (acts[i] if acts else None), "characters": chars[i]}
                         for i, o in enumerate(orders)])


def _brute_inversions(seq):
    return sum(1 for i, j in itertools.combinations(range(len(seq)), 2) if seq[i] > seq[j])


def _brute_out_of_place(seq):
    # n minus the longest increasing subsequence, by trying every subset size from the top
    n = len(seq)
    for k in range(n, 0, -1):
        for idx in itertools.combinations(range(n), k):
            vals = [seq[i] for i in idx]
            if all(a < b for a, b in zip(vals, vals[1:])):
                return n - k
    return n


def test_inversions_match_brute_force():
    rng = random.Random(7)
    for n in range(0, 40, 3):
        seq = list(range(n))
        rng.shuffle(seq)
        assert inversions(seq) == _brute_inversions(seq)


def test_nonlinearity_of_permutations():
    rng = random.Random(3)
    for n in (2, 5, 8):
        seq = list(range(n))
        rng.shuffle(seq)
        m = nonlinearity(_story(seq))
        assert m.inversions == _brute_inversions(seq)
        assert m.score == pytest.approx(m.inversions / (n * (n - 1) / 2))
        assert m.jumps_back == sum(1 for a, b in zip(seq, seq[1:]) if b < a)
        assert m.out_of_place == _brute_out_of_place(seq)
    linear = nonlinearity(_story([0, 1, 2, 3]))
    assert linear.linear and linear.score == 0 and linear.jumps == () and linear.out_of_place == 0
    assert "told in story order" in linear.summary()
    backwards = nonlinearity(_story([3, 2, 1, 0]))
    assert backwards.score == 1.0 and backwards.jumps_back == 3 and backwards.out_of_place == 3
    assert nonlinearity(_story([0])).score == 0.0


def test_jumps_name_scenes_and_sizes():
    story = _story([2, 3, 0, 1, 4])
    jumps = jumps_back(story)
    assert [(j.scene, j.index, j.from_order, j.to_order, j.size) for j in jumps] == [("s2", 2, 3, 0, 3)]
    d = nonlinearity(story).to_dict()
    assert d["jumps_back"] == 1 and d["inversions"] == 4 and d["jumps"][0]["scene"] == "s2"
    assert d["out_of_place"] == 2 and d["out_of_place_share"] == pytest.approx(0.4)


def test_desperado_shows_the_americans_tale_as_a_jump_back():
    story = load_story(ROOT / "data" / "desperado.yaml")
    m = nonlinearity(story)
    assert [j.scene for j in m.jumps] == ["massacre"]
    tale = story.scene("american_tale")
    massacre = story.scene("massacre")
    assert massacre.index == tale.index + 1 and massacre.story_order < tale.story_order
    assert "american" in massacre.characters


def test_corpus_films_are_nonlinear_in_the_expected_order():
    scores = {}
    for stem in ("memento", "pulp_fiction", "fight_club"):
        story = load_story(corpus_path("storycurve", f"{stem}_simple.json"))
        m = nonlinearity(story)
        orders = [s.story_order for s in story.scenes]
        assert m.inversions == inversions(orders) > 0
        assert m.jumps_back == sum(1 for a, b in zip(orders, orders[1:]) if b < a)
        scores[stem] = m.score
    # Memento runs (mostly) backwards; Fight Club is one long flashback around a linear middle
    assert scores["memento"] > scores["pulp_fiction"] > scores["fight_club"]


def test_sliding_windows_cover_every_scene():
    story = _story(list(range(10)))
    ws = windows(story, size=4, step=3)
    assert [w.scenes[0] for w in ws] == ["s0", "s3", "s6"]
    assert ws[-1].scenes[-1] == "s9" and all(len(w.scenes) == 4 for w in ws)
    assert {s for w in ws for s in w.scenes} == {s.id for s in story.scenes}
    assert ws[1].range == (3, 6) and ws[1].label == "scenes 4–7"
    assert len(windows(story, size=50)) == 1
    with pytest.raises(StoryError):
        windows(story, size=0)
    with pytest.raises(StoryError):
        windows(story, size=2, step=0)


def test_story_order_windows_follow_chronology():
    story = _story([3, 0, 2, 1])
    ws = windows(story, size=2, order="story")
    assert [w.scenes for w in ws] == [("s1", "s3"), ("s2", "s0")]
    assert ws[0].range == (1, 3)


def test_act_windows_and_auto():
    story = _story(list(range(6)), acts=[None, "One", "One", None, "Two", "Two"])
    acts = act_windows(story)
    assert [(w.label, w.scenes) for w in acts] == [
        ("before One", ("s0",)), ("One", ("s1", "s2", "s3")), ("Two", ("s4", "s5"))]
    assert auto_windows(story) == acts
    flat = _story(list(range(30)))
    assert act_windows(flat) == []
    auto = auto_windows(flat, target=10)
    assert all(len(w.scenes) == 3 for w in auto) and auto[1].lo == 1


@pytest.mark.parametrize("n", [1, 4, 12, 98, 190, 241])
def test_sections_are_side_by_side_and_cover_every_scene(n):
    story = _story(list(range(n)))
    parts = sections(story, count=8)
    assert parts[0].lo == 0 and parts[-1].hi == n - 1
    assert {sid for w in parts for sid in w.scenes} == {s.id for s in story.scenes}
    assert len(parts) <= 8 and all(len(w.scenes) >= min(5, n) for w in parts)
    assert max(len(w.scenes) for w in parts) - min(len(w.scenes) for w in parts) <= 1
    assert all(b.lo == a.hi + 1 for a, b in zip(parts, parts[1:]))  # side by side
    acted = _story(list(range(6)), acts=["One"] * 2 + ["Two"] * 4)
    assert [(w.label, w.lo, w.hi) for w in sections(acted)] == [("One", 0, 1), ("Two", 2, 5)]


def test_window_graph_is_the_interaction_graph_of_its_scenes():
    story = _story([0, 1, 2], chars=[["a", "b"], ["b", "c"], ["a"]])
    w = Window("x", ("s1", "s2"), 1, 2)
    G = window_graph(story, w)
    assert set(G.edges) == {("b", "c")} and set(G.nodes) == {"a", "b", "c"}
    assert set(window_graph(story, (0, 0)).edges) == {("a", "b")}
    H = interaction_graph(story, scenes=["s1", "s2"])
    assert sorted(G.edges(data="weight")) == sorted(H.edges(data="weight"))


def test_character_arcs_count_presence_and_degree():
    story = _story(list(range(4)), chars=[["a", "b"], ["a"], ["b", "c"], ["c"]])
    ws = windows(story, size=2)
    arcs = character_arcs(story, characters=["a", "b", "c"], windows=ws)
    assert arcs.sizes == (2, 2)
    assert arcs.presence == {"a": (2, 0), "b": (1, 1), "c": (0, 2)}
    assert arcs.degree == {"a": (1, 0), "b": (1, 1), "c": (0, 1)}
    assert arcs.share("c") == (0.0, 1.0)
    with pytest.raises(StoryError):
        character_arcs(story, characters=["zed"], windows=ws)


def test_arc_cast_is_small_and_present():
    story = load_story(corpus_path("storycurve", "12_monkeys_simple.json"))
    cast = arc_cast(story)
    assert 1 <= len(cast) <= 15
    present = {c for s in story.scenes for c in s.characters}
    assert set(cast) <= present
    count = {c: sum(c in s.characters for s in story.scenes) for c in present}
    assert max(count, key=count.get) in cast


# ---- the arcs chart -----------------------------------------------------------------------

from timeline.figures import arcs_figure  # noqa: E402
from timeline.figures.arcs import arc_characters  # noqa: E402
from timeline.views import ViewState, make_view  # noqa: E402


def _font_sizes(obj):
    out = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k.endswith("font") and isinstance(v, dict) and v.get("size") is not None:
                out.append(v["size"])
            out += _font_sizes(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            out += _font_sizes(v)
    return out


def _films():
    out = [load_story(ROOT / "data" / "desperado.yaml")]
    for stem in ("pulp_fiction", "memento", "fight_club", "12_monkeys"):
        path = CORPUS / f"{stem}_simple.json"
        if path.exists() or CORPUS_REQUIRED:  # in CI a missing film fails
            out.append(load_story(path))
    return out


def test_arcs_chart_draws_the_arcs_of_the_main_cast():
    for story in _films():
        view = make_view(story)
        fig = arcs_figure(view)
        cast = arc_characters(view)
        assert 1 <= len(cast) <= 15 and set(cast) <= set(arc_cast(story))
        wins = auto_windows(story, scenes=story.scenes)
        arcs = character_arcs(story, characters=cast, windows=wins)
        pres = {t.meta: t for t in fig.data if t.legendgroup == "presence"}
        deg = {t.meta: t for t in fig.data if t.legendgroup == "degree"}
        assert list(pres) == list(cast) == list(deg)
        for c in cast:
            assert tuple(pres[c].y) == pytest.approx(arcs.share(c))
            assert tuple(deg[c].y) == arcs.degree[c]
            assert [tuple(cd[1:3]) for cd in pres[c].customdata] == [w.range for w in wins]
        # every row named once, nothing in a legend, no text under 10 px
        rows = [a.name for a in fig.layout.annotations if (a.name or "").startswith("row:")]
        assert rows == [f"row:{c}" for c in cast]
        assert not any(t.showlegend for t in fig.data)
        assert min(_font_sizes(fig.to_dict())) >= 10
        assert fig.layout.meta["chart"] == "arcs"


def test_arcs_chart_highlights_the_selection():
    story = load_story(ROOT / "data" / "desperado.yaml")
    view = make_view(story, ViewState(characters=("carolina",)))
    fig = arcs_figure(view)
    cast = arc_characters(view)
    assert "carolina" in cast
    for t in fig.data:
        assert (t.opacity == 1.0) == (t.meta == "carolina")


def test_arcs_windows_follow_acts():
    story = _story(list(range(8)), acts=["I"] * 3 + ["II"] * 3 + ["III"] * 2,
                   chars=[["a"], ["a", "b"], ["b"], ["a"], ["c"], ["c", "a"], ["b"], ["b", "c"]])
    fig = arcs_figure(make_view(story))
    assert [w["label"] for w in fig.layout.meta["windows"]] == ["I", "II", "III"]
    assert list(fig.layout.xaxis.ticktext) == ["I", "II", "III"]
    pres = {t.meta: t for t in fig.data if t.legendgroup == "presence"}
    assert tuple(pres["a"].y) == pytest.approx((2 / 3, 2 / 3, 0.0))
