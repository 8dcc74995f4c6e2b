"""The scene strip and the character network at feature length, checked at trace and
layout level (the pixels are measured in tests/test_readability.py)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.figures import network_figure, strip_figure
from timeline.figures import network as N
from timeline.figures import strip as S
from timeline.figures._theme import MAX_CATEGORIES, OTHER, place_path, top_categories, top_places
from timeline.graph import interaction_graph, main_cast
from timeline.model import Story
from timeline.views import ViewState, make_view

ROOT = Path(__file__).resolve().parent.parent
NASTY = ['<a href=x>y</a>', '<span style="font-size:80px">big</span>']


def _feature(n_scenes=220, n_chars=60, n_places=40, seed=3) -> Story:
    """A synthetic feature: a few leads in most scenes, walk-ons in one or two, places
    nested two deep (``House`` > ``House - Kitchen``), two characters with markup names."""
    rng = random.Random(seed)
    chars = [{"id": f"c{i}", "name": f"Person {i}"} for i in range(n_chars)]
    chars[1]["name"] = NASTY[0]
    chars[2]["name"] = NASTY[1]
    locs = []
    for i in range(n_places):
        parent = f"l{i % 6}" if i >= 6 and i % 3 else None
        locs.append({"id": f"l{i}", "name": f"Place {i}" if parent is None else f"Place {i % 6} - Room {i}",
                     **({"parent": parent} if parent else {})})
    scenes = []
    for k in range(n_scenes):
        who = {f"c{i}" for i in range(6) if rng.random() < 0.7 - 0.08 * i}
        who |= {f"c{rng.randrange(6, n_chars)}" for _ in range(rng.randrange(0, 3))}
        if not who:
            who = {"c0"}
        inter = []
        if k % 17 == 0:
            a, b = sorted(who)[:2] if len(who) > 1 else ("c0", "c1")
            if a != b:
                inter = [{"type": rng.choice(["kills", "helps", "tells", "loves", "sends"]), "source": a, "target": b}]
        scenes.append({"id": f"s{k}", "title": f"Scene {k}", "location": f"l{rng.randrange(n_places)}",
                       "time_of_day": rng.choice(["DAY", "NIGHT"]), "int_ext": rng.choice(["INT", "EXT"]),
                       "characters": sorted(who, key=lambda c: int(c[1:])), "interactions": inter})
    return Story(title="Feature <b>bold</b>", characters=chars, locations=locs, scenes=scenes)


@pytest.fixture(scope="module")
def feature() -> Story:
    return _feature()


def _bars(fig):
    return [t for t in fig.data if t.type == "bar"]


def _nodes(fig):
    return next(t for t in fig.data if t.name == "characters")


# ---- strip: colours ----------------------------------------------------------------

def test_theme_top_places_and_paths(feature):
    top = top_places(feature)
    assert top["l7"] == "l1" and top["l1"] == "l1"
    assert place_path(feature)["l7"] == "Place 1 › Place 1 - Room 7"
    assert top_categories("aaabbc", at_most=2) == ("a",)     # one colour and "other"
    assert top_categories("aaabbc", at_most=3) == ("a", "b", "c")


def test_strip_at_most_twelve_colours_rest_other_with_place_on_hover(feature):
    for colour_by in ("location", "time_of_day", "int_ext"):
        fig = strip_figure(make_view(feature), colour_by=colour_by)
        bars = _bars(fig)
        colours = {t.marker.color for t in bars}
        assert len(colours) <= MAX_CATEGORIES
        assert len(bars) <= 15  # legend entries
    fig = strip_figure(make_view(feature))
    names = [t.name for t in _bars(fig)]
    # top-level places only: no "Room" among the colours
    assert not any("Room" in n for n in names), names
    other = next(t for t in _bars(fig) if t.name == "other")
    assert other.marker.color == OTHER
    # an "other" scene's hover names its full place
    sid = other.customdata[0][0]
    scene = feature.scene(sid)
    assert place_path(feature)[scene.location] in other.hovertext[0].replace("&gt;", ">")


def test_place_categories_split_a_single_root():
    story = Story(title="One town", characters=[{"id": "a", "name": "A"}],
                  locations=[{"id": "town", "name": "Town"}] +
                            [{"id": f"p{i}", "name": f"P{i}", "parent": "town"} for i in range(5)],
                  scenes=[{"id": f"s{i}", "title": "x", "location": f"p{i % 5}", "characters": ["a"]}
                          for i in range(10)])
    cats = S.place_categories(story)
    assert {cats[f"p{i}"] for i in range(5)} == {f"p{i}" for i in range(5)}
    assert len(_bars(strip_figure(make_view(story)))) == 5


# ---- strip: grid ---------------------------------------------------------------------

def test_strip_grid_rows_by_importance_every_row_ticked_others_row(feature):
    view = make_view(feature)
    assert view.folded, "the synthetic feature has an ensemble"
    fig = strip_figure(view)
    rows = fig.layout.meta["grid_rows"]
    assert len(rows) == len(view.shown) + 1
    assert rows[-1] == f"others ({len(view.folded)})"
    ax = fig.layout.yaxis2
    assert list(ax.tickvals) == rows  # every row ticked, not left to plotly's thinning
    assert list(ax.categoryarray)[::-1] == rows  # most important on top
    present = next(t for t in fig.data if t.meta == "present")
    assert {cd[1] for cd in present.customdata} <= set(view.shown)
    others = next(t for t in fig.data if t.meta == "others")
    folded = set(view.folded)
    expect = [s.id for s in view.scenes if folded & set(s.characters)]
    assert [cd[0] for cd in others.customdata] == expect
    # everyone drawn in full: no others row, one row each
    everyone = strip_figure(make_view(feature, ViewState(cast="all")))
    assert len(everyone.layout.meta["grid_rows"]) == len(make_view(feature, ViewState(cast="all")).characters)
    assert not any(t.meta == "others" for t in everyone.data)


def test_strip_x_ticks_legible_at_feature_length(feature):
    view = make_view(feature)
    vals, text = S.x_ticks(view.scenes)
    assert 8 <= len(vals) <= 24
    assert text[0] == "1" and all(int(t) % 10 == 0 for t in text[1:])
    ranged = make_view(feature, ViewState(scenes=(50, 69)))
    vals, text = S.x_ticks(ranged.scenes)
    assert text[0] == "51" and "60" in text and len(vals) >= 5


def test_strip_escapes_story_text(feature):
    fig = strip_figure(make_view(feature))
    ticks = list(fig.layout.yaxis2.ticktext)
    assert "&lt;a href=x&gt;y&lt;/a&gt;" in ticks
    assert not any("<span" in t or "<a " in t for t in ticks)
    assert all("<span style" not in (h or "") for t in fig.data for h in (t.hovertext or ()))


# ---- network: positions ----------------------------------------------------------------

def test_network_positions_stable_across_views(feature):
    views = [ViewState(), ViewState(scenes=(0, 60)), ViewState(scenes=(100, 219)),
             ViewState(characters=("c3",)), ViewState(characters=("c3",), emphasis="only"), ViewState(cast="all")]
    at: dict[str, tuple] = {}
    for state in views:
        nodes = _nodes(network_figure(make_view(feature, state)))
        for c, x, y in zip(nodes.meta, nodes.x, nodes.y):
            assert at.setdefault(c, (x, y)) == (x, y), (state, c)
    assert set(at) == set(N.story_positions(feature))


def _positions_in_subprocess(hashseed: str) -> dict:
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]);"
            "from tests.test_figures_strip_network import _feature;"
            "from timeline.figures.network import story_positions;"
            "print(json.dumps(story_positions(_feature())))")
    env = dict(os.environ, PYTHONHASHSEED=hashseed)
    out = subprocess.run([sys.executable, "-c", code, str(ROOT)], env=env, capture_output=True, text=True,
                         check=True, cwd=ROOT)
    return json.loads(out.stdout)


def test_network_layout_deterministic_across_processes():
    assert _positions_in_subprocess("1") == _positions_in_subprocess("2")


def test_network_spreads_main_cast_and_packs_small_components():
    # a main component and two pairs that never meet it
    chars = [{"id": f"c{i}", "name": f"C{i}"} for i in range(10)]
    scenes = [{"id": f"s{i}", "title": "x", "characters": ["c0", f"c{1 + i % 5}"]} for i in range(12)]
    scenes += [{"id": "t1", "title": "y", "characters": ["c6", "c7"]},
               {"id": "t2", "title": "z", "characters": ["c8", "c9"]}]
    story = Story(title="Parts", characters=chars, scenes=scenes)
    pos = N.story_positions(story)
    main = {f"c{i}" for i in range(6)}
    right = max(pos[c][0] for c in main)
    assert all(pos[c][0] > right for c in ("c6", "c7", "c8", "c9"))
    xs = [pos[c][0] for c in main]
    ys = [pos[c][1] for c in main]
    assert max(xs) - min(xs) > 1.0 and max(ys) - min(ys) > 1.0


# ---- network: what is drawn ------------------------------------------------------------------

def test_network_draws_the_shown_cast_only(feature):
    view = make_view(feature)
    nodes = _nodes(network_figure(view))
    assert set(nodes.meta) <= set(view.shown) and not set(nodes.meta) & set(view.folded)
    everyone = make_view(feature, ViewState(cast="all"))
    assert set(_nodes(network_figure(everyone)).meta) == set(everyone.characters)


def test_network_min_shared_threshold(feature):
    assert N.default_min_shared(feature) == 3
    assert [N.default_min_shared(_feature(n_scenes=n, n_chars=10)) for n in (30, 100)] == [1, 2]
    view = make_view(feature, ViewState(cast="all"))
    fig = network_figure(view)
    assert fig.layout.meta["min_shared"] == 3 and fig.layout.meta["hidden_edges"] > 0
    g = interaction_graph(feature, characters=list(view.shown))
    info = next(t for t in fig.data if t.meta == "edge-info")
    drawn = {frozenset(cd[1:]) for cd in info.customdata}
    expect = {frozenset((a, b)) for a, b, d in g.edges(data=True) if len(d["shared_scenes"]) >= 3}
    assert drawn == expect
    assert any(t.name == "3+ shared scenes" for t in fig.data)


def test_interaction_families_one_style_and_legend_entry_each():
    assert [N.interaction_family(t) for t in ("kills", "shoots", "rescues", "talks_to", "brother_of",
                                              "grandson_of", "juggles")] == \
        ["violence", "violence", "help", "talk", "kinship", "kinship", "other"]
    styles = {fam: st[1:] for fam, st in N.FAMILY_STYLES.items()}
    assert len(set(styles.values())) == len(styles)
    story = _feature(n_scenes=120, n_chars=12)
    fig = network_figure(make_view(story))
    lines = [t for t in fig.data if isinstance(t.meta, dict) and "interaction" in t.meta]
    assert lines
    for t in lines:
        assert (t.line.color, t.line.dash) == N.FAMILY_STYLES[t.meta["family"]][1:]
    legend = [t.meta["family"] for t in lines if t.showlegend is not False]
    assert sorted(legend) == sorted({t.meta["family"] for t in lines})  # one entry per family


def test_network_legend_outside_and_labels_escaped(feature):
    fig = network_figure(make_view(feature))
    assert fig.layout.legend.x >= 1.0
    nodes = _nodes(fig)
    texts = [t for t in nodes.text if t]
    assert texts and not any("<a " in t or "<span" in t for t in texts)
    assert all("<span style" not in h for h in nodes.hovertext)
    assert set(fig.layout.meta["labelled"]) <= set(nodes.meta)


def test_place_labels_never_overlap_and_drop_what_does_not_fit():
    rng = random.Random(5)
    pts = {f"n{i}": (rng.uniform(20, 380), rng.uniform(20, 280)) for i in range(40)}
    radii = {c: 5.0 for c in pts}
    texts = {c: f"Name {c}" for c in pts}
    where = N.place_labels(pts, radii, texts, list(pts), area=(400, 300), at_most=40)
    assert 0 < len(where) < 40  # crowded: some dropped
    boxes = []
    for c, w in where.items():
        box = N._label_box(*pts[c], radii[c], N._CHAR_EM * 12 * len(texts[c]) + 4, 15, w)
        assert box[0] >= 0 and box[1] >= 0 and box[2] <= 400 and box[3] <= 300
        boxes.append(box)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not N._hit(a, b, pad=0.0)
    # alone, a label goes above its node
    assert N.place_labels({"a": (200, 150)}, {"a": 5}, {"a": "A"}, ["a"], area=(400, 300)) == {"a": "top center"}


def test_main_cast_labelled_on_the_feature(feature):
    fig = network_figure(make_view(feature))
    labelled = set(fig.layout.meta["labelled"])
    assert set(main_cast(feature)[:5]) <= labelled
