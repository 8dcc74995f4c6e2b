"""The figures, checked at trace level (no pixels)."""

from __future__ import annotations

import random

import pytest

from timeline.figures import CHARTS, character_colours, figure_for, network_figure, storyline_figure, strip_figure
from timeline.storyline import layout_story
from timeline.figures._theme import FADED
from timeline.model import Story
from timeline.views import ViewState, make_view


@pytest.fixture(scope="module")
def story() -> Story:
    return Story(
        title="Small Town",
        characters=[
            {"id": "hero", "name": "Hero", "group": "good"},
            {"id": "ally", "name": "Ally", "group": "good"},
            {"id": "boss", "name": "Boss", "group": "bad",
             "fate": {"how": "shot in the square", "scene": "s7", "by": "hero"}},
            {"id": "thug", "name": "Thug", "group": "bad",
             "fate": {"how": "stabbed", "scene": "s5", "by": "ally"}},
            {"id": "cook", "name": "Cook"},
        ],
        locations=[{"id": "bar", "name": "The bar"}, {"id": "square", "name": "The square"},
                   {"id": "house", "name": "The house"}],
        scenes=[
            {"id": "s1", "title": "Arrival", "location": "bar", "time_of_day": "NIGHT", "int_ext": "INT",
             "characters": ["hero", "cook"], "summary": "The hero walks in."},
            {"id": "s2", "title": "Plans", "location": "house", "time_of_day": "DAY", "int_ext": "INT",
             "characters": ["boss", "thug"], "step": 1},
            {"id": "s3", "title": "Meanwhile", "location": "square", "time_of_day": "DAY", "int_ext": "EXT",
             "characters": ["ally"], "step": 1},
            {"id": "s4", "title": "Meeting", "location": "bar", "time_of_day": "NIGHT", "int_ext": "INT",
             "characters": ["hero", "ally", "cook"], "step": 2, "mentioned": ["boss"]},
            {"id": "s5", "title": "Fight", "location": "square", "int_ext": "EXT", "step": 3,
             "characters": ["ally", "thug"],
             "interactions": [{"type": "kills", "source": "ally", "target": "thug"}]},
            {"id": "s6", "title": "Rest", "location": "house", "step": 4, "characters": ["hero", "ally"],
             "interactions": [{"type": "tends", "source": "ally", "target": "hero"}]},
            {"id": "s7", "title": "Showdown", "location": "square", "int_ext": "EXT", "step": 5,
             "characters": ["hero", "boss"],
             "interactions": [{"type": "kills", "source": "hero", "target": "boss"}]},
            {"id": "s8", "title": "Dawn", "location": "square", "int_ext": "EXT", "step": 6,
             "characters": ["hero", "ally"]},
        ],
    )


def _lines(fig):
    """Per-character traces: meta is a character id (str), the mode draws lines."""
    return [t for t in fig.data if getattr(t, "mode", None) and "lines" in t.mode and isinstance(t.meta, str)
            and t.meta not in ("scenes", "deaths", "labels", "edges")]


def _dots(fig):
    """Per-character dot traces (scene markers, death cross, name label)."""
    return [t for t in fig.data if isinstance(t.meta, dict) and t.meta.get("part") == "dots"]


def _points(fig, kind):
    """(scene id, character id, hover, marker opacity, trace opacity) of each dot of the
    character traces drawn as ``kind``: "scene" (a dot) or "death" (a cross)."""
    out = []
    for t in _dots(fig):
        op = t.marker.opacity
        for i, (cd, sym, size) in enumerate(zip(t.customdata, t.marker.symbol, t.marker.size)):
            if size and (sym == "x-thin") == (kind == "death"):
                out.append((cd[0], cd[1], t.hovertext[i], op[i] if isinstance(op, (list, tuple)) else op, t.opacity))
    return out


def _trace(fig, meta):
    return [t for t in fig.data if t.meta == meta]


# ---- storyline ---------------------------------------------------------------

def test_storyline_one_line_per_character_with_layout_y(story):
    view = make_view(story)
    fig = storyline_figure(view)
    lines = _lines(fig)
    assert sorted(t.meta for t in lines) == sorted(view.characters)
    assert {t.name for t in lines} == {c.name for c in story.characters}
    # the y values come from the layout: every layer's y of the character is on its line
    layout = layout_story(story, scene_ids=[s.id for s in view.scenes])
    for t in lines:
        ys = set(t.y)
        for layer in layout.layers:
            if t.meta in layer.y:
                assert float(layer.y[t.meta]) in ys, (t.meta, layer.scene_ids)
    # concurrent scenes (same step) share one x position
    assert len(layout.layers) == 7
    assert max(x for t in lines for x in t.x if x is not None) < 7


def test_storyline_uses_a_given_layout(story):
    view = make_view(story)
    layout = layout_story(story, scene_ids=[s.id for s in view.scenes])
    fig = storyline_figure(view, layout=layout)
    hero = next(t for t in _lines(fig) if t.meta == "hero")
    assert float(layout.layers[0].y["hero"]) == hero.y[0]


def test_storyline_death_markers_and_hover(story):
    fig = storyline_figure(make_view(story))
    deaths = _points(fig, "death")
    assert sorted(d[1] for d in deaths) == ["boss", "thug"]
    assert {d[0] for d in deaths} == {"s7", "s5"}
    assert any("Hero" in d[2] and "shot in the square" in d[2] for d in deaths)


def test_storyline_scene_markers_carry_scene_ids_and_hover(story):
    fig = storyline_figure(make_view(story))
    dots = _points(fig, "scene")
    assert {d[0] for d in dots} == {s.id for s in story.scenes}
    # one dot per character in each scene
    assert sorted((d[0], d[1]) for d in dots) == sorted((s.id, c) for s in story.scenes for c in s.characters)
    hover = next(d[2] for d in dots if d[0] == "s1")
    assert "Arrival" in hover and "The bar" in hover
    assert "The hero walks in." in hover and "Cook" in hover


def test_a_scene_without_characters_gets_a_neutral_dot(story):
    data = story.to_data()
    data["scenes"].append({"id": "s9", "title": "Empty street", "location": "square", "step": 7})
    bigger = Story.model_validate(data)
    fig = storyline_figure(make_view(bigger))
    scenes = _trace(fig, "scenes")
    assert [cd[0] for t in scenes for cd in t.customdata] == ["s9"]
    assert "Empty street" in scenes[0].hovertext[0]


def test_storyline_location_bands(story):
    fig = storyline_figure(make_view(story))
    bands = [t for t in fig.data if isinstance(t.meta, dict) and t.meta.get("part") == "locations"]
    assert len(bands) == 1  # one trace for every place: the page restyles and redraws per trace
    b = bands[0]
    assert b.type == "bar" and set(b.meta["locations"]) == {"bar", "square", "house"}
    assert len(b.x) == len(b.width) == len(b.base) == len(b.y) == len(b.hovertext) == len(b.meta["locations"])
    names = {l.id: l.name for l in story.locations}
    assert [names[u] for u in b.meta["locations"]] == list(b.hovertext)
    # every scene's layer lies inside a bar of its place
    layer = {}
    for t in _dots(fig):
        for x, cd, size in zip(t.x, t.customdata, t.marker.size):
            if size == 7:
                layer[cd[0]] = x
    by_id = {s.id: s for s in story.scenes}
    for sid, x in layer.items():
        assert any(u == by_id[sid].location and x0 - w / 2 <= x <= x0 + w / 2
                   for u, x0, w in zip(b.meta["locations"], b.x, b.width)), sid
    places = [t for t in fig.data if isinstance(t.meta, dict) and t.meta.get("part") == "places"]
    assert len(places) == 1 and places[0].mode == "text"
    labels = set(places[0].text)
    # inside the axes (plotly hides text points outside them), above every line
    lo, hi = sorted(fig.layout.yaxis.range)
    top = min(y for t in _lines(fig) for y in t.y if y is not None)
    assert all(lo <= y < top for y in places[0].y)
    assert {"The bar", "The square", "The house"} <= labels


def test_storyline_name_labels(story):
    fig = storyline_figure(make_view(story))
    # a small story has room for every name, once per line (no long absences): next to
    # the line's start (a few pixels away, see _pixel_frame), in the dots trace
    assert sorted(x for t in _dots(fig) for x in t.text if x) == sorted(c.name for c in story.characters)
    frame = _pixel_frame(fig)
    starts = {t.meta: (t.x[0], t.y[0]) for t in _lines(fig)}
    for t in _dots(fig):
        k = next(i for i, x in enumerate(t.text) if x)
        assert t.text[k] == t.name and t.marker.size[k] == 0
        sx, sy = starts[t.meta["character"]]
        assert abs(frame.px(t.x[k]) - frame.px(sx)) <= 6 and abs(frame.py(t.y[k]) - frame.py(sy)) <= 4


def test_highlight_fades_other_characters_and_scenes(story):
    fig = storyline_figure(make_view(story, ViewState(characters=("thug",))))
    opac = {t.meta: t.opacity for t in _lines(fig)}
    assert opac["thug"] == 1.0
    assert opac["hero"] == FADED and opac["cook"] == FADED
    by_scene = {}
    for sid, _, _, marker, trace in _points(fig, "scene"):
        by_scene.setdefault(sid, set()).add(marker * trace)
    assert by_scene["s1"] == {FADED}  # no thug there
    assert 1.0 in by_scene["s2"]
    # only scalars change in highlight mode: plotly.js restyles, it does not recompute
    for t in _lines(fig) + _dots(fig):
        assert isinstance(t.opacity, float) and not isinstance(t.marker.opacity, (list, tuple))


def test_all_mode_fades_the_scenes_of_a_selected_character_that_do_not_match(story):
    view = make_view(story, ViewState(characters=("hero", "ally"), mode="all"))
    fig = storyline_figure(view)
    hero = {sid: marker * trace for sid, c, _, marker, trace in _points(fig, "scene") if c == "hero"}
    assert hero["s6"] == 1.0  # hero and ally together
    assert hero["s1"] == FADED  # hero without ally


def test_only_keeps_matching_scenes(story):
    full = storyline_figure(make_view(story))
    only = storyline_figure(make_view(story, ViewState(characters=("thug",), emphasis="only")))
    ids = {d[0] for d in _points(only, "scene")}
    assert ids == {"s2", "s5"}
    assert len(_lines(only)) < len(_lines(full))
    assert {t.meta for t in _lines(only)} == {"boss", "thug", "ally"}


def test_empty_filter_gives_the_message(story):
    view = make_view(story, ViewState(characters=("cook", "boss"), mode="all"))
    assert view.empty
    for chart in CHARTS:
        fig = figure_for(chart, view)
        assert len(fig.data) == 0
        assert [a.text for a in fig.layout.annotations] == [view.empty_message()]


def test_meta_and_title(story):
    state = ViewState(characters=("hero",), scenes=(1, 6))
    view = make_view(story, state)
    for chart in CHARTS:
        fig = figure_for(chart, view)
        assert fig.layout.meta["chart"] == chart
        assert fig.layout.meta["story"] == "Small Town"
        assert fig.layout.meta["state"] == state.to_query()
        assert "Small Town" in fig.layout.title.text and "Hero" in fig.layout.title.text


def test_character_colours_stable_across_filters(story):
    colours = character_colours(story)
    assert len(set(colours.values())) == len(story.characters)
    full = {t.meta: t.line.color for t in _lines(storyline_figure(make_view(story)))}
    only = {t.meta: t.line.color for t in _lines(storyline_figure(
        make_view(story, ViewState(characters=("thug",), emphasis="only"))))}
    assert full == colours
    for c, col in only.items():
        assert col == colours[c]


@pytest.mark.parametrize("chart", CHARTS)
def test_figures_are_deterministic(story, chart):
    state = ViewState(characters=("ally",))
    a = figure_for(chart, make_view(story, state)).to_dict()
    b = figure_for(chart, make_view(story, state)).to_dict()
    assert a == b


# ---- strip --------------------------------------------------------------------

def _legend(fig):
    return [t.name for t in fig.data if t.type == "bar"]


def test_strip_colour_by_changes_colours_and_legend(story):
    view = make_view(story)
    by_loc = strip_figure(view)
    by_tod = strip_figure(view, colour_by="time_of_day")
    by_ie = strip_figure(view, colour_by="int_ext")
    by_group = strip_figure(view, colour_by="group")
    assert _legend(by_loc) == ["The bar", "The house", "The square"]
    assert _legend(by_tod) == ["NIGHT", "DAY", "unknown"]
    assert _legend(by_ie) == ["INT", "EXT", "unknown"]
    assert set(_legend(by_group)) == {"good", "bad"}
    assert by_loc.layout.legend.title.text == "Location"
    assert by_tod.layout.legend.title.text == "Time of day"
    # the default comes from the view state
    assert _legend(strip_figure(make_view(story, ViewState(colour_by="int_ext")))) == ["INT", "EXT", "unknown"]
    # every scene is one block
    blocks = [cd[0] for t in by_loc.data if t.type == "bar" for cd in t.customdata]
    assert sorted(blocks) == sorted(s.id for s in story.scenes)


def test_strip_presence_grid(story):
    fig = strip_figure(make_view(story))
    present = _trace(fig, "present")[0]
    assert len(present.x) == sum(len(s.characters) for s in story.scenes)
    assert ("s4", "hero") in {tuple(cd) for cd in present.customdata}
    mentioned = _trace(fig, "mentioned")[0]
    assert [tuple(cd) for cd in mentioned.customdata] == [("s4", "boss")]
    assert fig.layout.yaxis2.categoryarray[-1] == "Hero"  # first character on top


def test_strip_filter(story):
    only = strip_figure(make_view(story, ViewState(characters=("thug",), emphasis="only")))
    assert sorted(cd[0] for t in only.data if t.type == "bar" for cd in t.customdata) == ["s2", "s5"]
    hl = strip_figure(make_view(story, ViewState(characters=("thug",))))
    ops = {cd[0]: op for t in hl.data if t.type == "bar" for cd, op in zip(t.customdata, t.marker.opacity)}
    assert ops["s2"] == 1.0 and ops["s1"] == FADED
    # category colours do not change with the filter
    full = {t.name: t.marker.color for t in strip_figure(make_view(story)).data if t.type == "bar"}
    assert all(full[t.name] == t.marker.color for t in only.data if t.type == "bar")


# ---- network ---------------------------------------------------------------------

def _nodes(fig):
    return next(t for t in fig.data if t.name == "characters")


def test_network_node_sizes_follow_scene_counts(story):
    fig = network_figure(make_view(story))
    nodes = _nodes(fig)
    counts = {c.id: sum(c.id in s.characters for s in story.scenes) for c in story.characters}
    got = {cd[0]: size for cd, size in zip(nodes.customdata, nodes.marker.size)}
    assert got == counts
    assert nodes.marker.sizemode == "area"
    assert "scenes: 5" in nodes.hovertext[list(nodes.meta).index("hero")]
    assert "betweenness" in nodes.hovertext[0]


def test_network_kill_arrows_and_interaction_styles(story):
    fig = network_figure(make_view(story))
    kills = [a for a in fig.layout.annotations if a.name and a.name.startswith("kills:")]
    assert {a.name for a in kills} == {"kills:ally->thug", "kills:hero->boss"}
    assert all(a.showarrow and a.arrowhead and a.arrowcolor == "#D62728" for a in kills)
    styles = {t.meta["interaction"]: (t.line.color, t.line.dash) for t in fig.data
              if isinstance(t.meta, dict) and "interaction" in t.meta}
    assert set(styles) == {"kills", "tends"} and styles["kills"] != styles["tends"]


def test_network_edges_weighted_by_shared_scenes(story):
    fig = network_figure(make_view(story))
    info = next(t for t in fig.data if t.meta == "edge-info")
    text = {(cd[1], cd[2]): h for cd, h in zip(info.customdata, info.hovertext)}
    assert "3 shared scenes" in text[("hero", "ally")]
    widths = [t.line.width for t in fig.data if t.meta == "edges"]
    assert len(set(widths)) > 1


def test_network_filters(story):
    full = network_figure(make_view(story))
    only = network_figure(make_view(story, ViewState(characters=("thug",), emphasis="only")))
    assert set(_nodes(only).meta) == {"thug", "boss", "ally"}
    assert len(_nodes(only).meta) < len(_nodes(full).meta)
    hl = _nodes(network_figure(make_view(story, ViewState(characters=("cook",)))))
    op = dict(zip(hl.meta, hl.marker.opacity))
    assert op["cook"] == 1.0 and op["hero"] == 1.0  # hero is cook's neighbour
    assert op["boss"] == FADED and op["thug"] == FADED


def test_network_colour_by_group(story):
    fig = network_figure(make_view(story), colour_by="group")
    legend = {t.meta["value"] for t in fig.data if isinstance(t.meta, dict) and t.meta.get("colour_by") == "group"}
    assert legend == {"good", "bad", "no group"}
    nodes = _nodes(fig)
    col = dict(zip(nodes.meta, nodes.marker.color))
    assert col["hero"] == col["ally"] != col["boss"]


def test_figure_for_rejects_unknown_chart(story):
    from timeline.errors import StoryError

    with pytest.raises(StoryError):
        figure_for("pie", make_view(story))


# ---- big stories ---------------------------------------------------------------------

def _big_story(n_chars=500, n_scenes=1000, seed=3) -> Story:
    rng = random.Random(seed)
    chars = [{"id": f"c{i}", "name": f"Person {i}"} for i in range(n_chars)]
    locs = [{"id": f"l{i}", "name": f"Place {i}"} for i in range(30)]
    scenes = []
    for j in range(n_scenes):
        who = rng.sample(range(n_chars), rng.randint(1, 5))
        scenes.append({"id": f"s{j}", "title": f"Scene {j}", "location": f"l{rng.randrange(30)}",
                       "characters": [f"c{i}" for i in who]})
    return Story(title="Big", characters=chars, locations=locs, scenes=scenes)


@pytest.mark.slow
def test_big_story_has_few_traces():
    story = _big_story()
    view = make_view(story, ViewState(cast="all"))  # everyone in full: lines merged per colour
    layout = layout_story(story, scene_ids=[s.id for s in view.scenes])
    fig = storyline_figure(view, layout=layout)
    assert len(fig.data) < 80
    merged = [t for t in fig.data if getattr(t, "mode", None) == "lines" and isinstance(t.meta, (list, tuple))]
    assert sorted(c for t in merged for c in t.meta) == sorted(view.characters)
    assert all(t.text and any(t.text) for t in merged)  # hover text kept
    # the default view: the main cast in full, the others in one folded trace
    default = storyline_figure(make_view(story), layout=layout)
    folded = [t for t in default.data if isinstance(t.meta, dict) and t.meta.get("part") == "folded"]
    assert len(_lines(default)) + len(folded[0].meta["characters"]) == len(view.characters)
    strip = strip_figure(view)
    assert len(strip.data) < 40


# ---- storylines at feature length: level of detail, breaks, slices, labels -------------

from dataclasses import dataclass  # noqa: E402

from timeline.figures._text import text_box, text_width  # noqa: E402
from timeline.figures._theme import CAST_PALETTE, CAST_REST  # noqa: E402
from timeline.figures.storyline import break_gap, full_layout, storyline_height  # noqa: E402
from timeline.graph import main_cast  # noqa: E402

from .conftest import CORPUS as _CORPUS, corpus_path  # noqa: E402  (SCENE_TIMELINE_SHARED or ../shared)
CORPUS = _CORPUS / "fountain" / "screenplays"


@dataclass
class _Pixels:
    """The figure's own data -> pixel mapping (plot area from its size, margins, ranges)."""

    width: float
    height: float
    l: float
    r: float
    t: float
    b: float
    xr: tuple
    yr: tuple  # [bottom value, top value]

    def px(self, x):
        return self.l + (x - self.xr[0]) / (self.xr[1] - self.xr[0]) * (self.width - self.l - self.r)

    def py(self, y):
        return self.t + (y - self.yr[1]) / (self.yr[0] - self.yr[1]) * (self.height - self.t - self.b)


def _pixel_frame(fig, width=1400):
    m = fig.layout.margin
    return _Pixels(fig.layout.width or width, fig.layout.height, m.l, m.r, m.t, m.b,
                   tuple(fig.layout.xaxis.range), tuple(fig.layout.yaxis.range))


def _text_boxes(fig, width=1400):
    """Pixel boxes of every text of a storyline (names, place names: scatter texts)."""
    f = _pixel_frame(fig, width)
    boxes = []
    for t in fig.data:
        if not getattr(t, "text", None) or getattr(t, "mode", None) is None or "text" not in t.mode:
            continue
        pos = t.textposition
        size = t.textfont.size
        for i, text in enumerate(t.text):
            if text:
                p = pos[i] if isinstance(pos, (list, tuple)) else pos
                boxes.append((text, size, text_box(text, size, f.px(t.x[i]), f.py(t.y[i]), p)))
    return boxes


def _overlaps(boxes):
    out = []
    for i, (ta, _, a) in enumerate(boxes):
        for tb, _, b in boxes[i + 1:]:
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                out.append((ta, tb))
    return out


def _cast_story(n_chars=40, n_scenes=120, seed=7, breaks=True) -> Story:
    """A story with a few leads in most scenes and many walk-ons; lead 'c1' leaves for a
    long stretch in the middle."""
    rng = random.Random(seed)
    chars = [{"id": f"c{i}", "name": f"Person {i}"} for i in range(n_chars)]
    locs = [{"id": "city", "name": "City"}] + [{"id": f"l{i}", "name": f"Place {i}", "parent": "city" if i % 3 else None}
                                               for i in range(12)]
    scenes = []
    for j in range(n_scenes):
        leads = [i for i in range(6) if rng.random() < 0.5]
        if breaks and n_scenes // 3 <= j < 2 * n_scenes // 3:
            leads = [i for i in leads if i != 1]
        walk = rng.sample(range(6, n_chars), rng.randint(0, 3))
        who = leads + walk or [0]
        scenes.append({"id": f"s{j}", "title": f"Scene {j}", "location": f"l{rng.randrange(12)}",
                       "characters": [f"c{i}" for i in who]})
    return Story(title="Cast", characters=chars, locations=locs, scenes=scenes)


@pytest.fixture(scope="module")
def cast_story():
    return _cast_story()


def test_shown_characters_have_traces_folded_ones_are_merged(cast_story):
    view = make_view(cast_story)
    assert view.folded  # the fixture is big enough to fold walk-ons
    fig = storyline_figure(view)
    assert sorted(t.meta for t in _lines(fig)) == sorted(view.shown)
    assert sorted(t.meta["character"] for t in _dots(fig)) == sorted(view.shown)
    folded = [t for t in fig.data if isinstance(t.meta, dict) and t.meta.get("part") == "folded"]
    assert len(folded) == 1 and sorted(folded[0].meta["characters"]) == sorted(view.folded)
    lines = folded[0]
    assert lines.line.width <= 1.0 and "rgba" in lines.line.color  # thin, faint
    # hover names every folded line; no folded name is written on the chart
    names = {cast_story.character(c).name for c in view.folded}
    assert {t for t in lines.text if t} == names
    written = {x for t in fig.data if getattr(t, "text", None) and getattr(t, "mode", None) and "text" in t.mode for x in t.text if x}
    assert not written & names
    # the page restyles per-character traces: none is merged (meta list) at this cast size
    assert not any(isinstance(t.meta, (list, tuple)) for t in fig.data)


def test_colours_distinct_for_the_shown_cast(cast_story):
    colours = character_colours(cast_story)
    cast = main_cast(cast_story)
    assert [colours[c] for c in cast] == list(CAST_PALETTE[:len(cast)])
    assert len({colours[c] for c in cast}) == len(cast)
    assert all(colours[c.id] == CAST_REST for c in cast_story.characters if c.id not in cast)
    view = make_view(cast_story)
    shown = {t.meta: t.line.color for t in _lines(storyline_figure(view))}
    assert len(set(shown.values())) == len(shown) == len(view.shown)
    assert CAST_REST not in shown.values()


def test_lines_break_at_long_absences_with_a_name_at_each_entrance(cast_story):
    view = make_view(cast_story)
    fig = storyline_figure(view)
    gap = break_gap(len(view.scenes))
    lead = next(t for t in _lines(fig) if t.meta == "c1")
    assert None in lead.x  # c1 is away for a third of the story
    runs, cur = [], []
    for x in lead.x:
        if x is None:
            runs.append(cur)
            cur = []
        else:
            cur.append(x)
    runs.append(cur)
    assert len(runs) >= 2
    for a, b in zip(runs, runs[1:]):
        assert min(b) - max(a) > gap  # a break only where the absence is long
    # c1's name stands at the start of every run (it is a lead: placed first)
    dots = next(t for t in _dots(fig) if t.meta["character"] == "c1")
    label_x = sorted(x for x, text in zip(dots.x, dots.text) if text)
    assert len(label_x) == len(runs)
    for lx, run in zip(label_x, runs):
        assert abs(lx - min(run)) < 0.6
    # every scene of the character still has its dot
    scenes = {cd[0] for cd, size in zip(dots.customdata, dots.marker.size) if size}
    assert scenes == {s.id for s in cast_story.scenes if "c1" in s.characters}


def test_a_range_is_a_slice_of_the_full_layout(cast_story):
    full = full_layout(cast_story)
    view = make_view(cast_story, ViewState(scenes=(30, 70)))
    fig = storyline_figure(view, layout=full)
    kept = [L for L in full.layers if any(30 <= int(s[1:]) <= 70 for s in L.scene_ids)]
    assert len(kept) == 41
    for t in _dots(fig):
        c = t.meta["character"]
        for (sid, _), x, y, size in zip(t.customdata, t.x, t.y, t.marker.size):
            if size == 7:  # a scene dot sits at the full layout's y of its layer
                layer = kept[int(round(x))]
                assert sid in layer.scene_ids and y == float(layer.y[c])
    # without a layout the same slice is drawn (the whole story is laid out)
    again = storyline_figure(view)
    assert [list(t.y) for t in _dots(again)] == [list(t.y) for t in _dots(fig)]
    assert storyline_height(view, full) == fig.layout.height


def _assert_readable(fig, width=1400):
    boxes = _text_boxes(fig, width)
    assert boxes
    assert _overlaps(boxes) == []
    W, H = fig.layout.width or width, fig.layout.height
    for text, size, (x0, y0, x1, y1) in boxes:
        assert size >= 10, text
        assert 0 <= x0 and x1 <= W and 0 <= y0 and y1 <= H, (text, x0, x1, y0, y1)
    # tick numbers never touch
    f = _pixel_frame(fig, width)
    ax = fig.layout.xaxis
    px = [f.px(v) for v in ax.tickvals]
    widths = [text_width(t, ax.tickfont.size) for t in ax.ticktext]
    for i in range(len(px) - 1):
        assert px[i + 1] - px[i] >= (widths[i] + widths[i + 1]) / 2 + 4


@pytest.mark.parametrize("state", [ViewState(), ViewState(scenes=(20, 80)), ViewState(cast="all"),
                                   ViewState(order="story"), ViewState(characters=("c3",), emphasis="only")])
def test_labels_do_not_collide_in_the_pixel_model(cast_story, state):
    view = make_view(cast_story, state)
    fig = storyline_figure(view, width=1400)
    _assert_readable(fig)
    assert fig.layout.height <= 1800


def test_labels_fit_at_a_given_size(cast_story):
    fig = storyline_figure(make_view(cast_story), width=1000, height=700)
    assert (fig.layout.width, fig.layout.height) == (1000, 700)
    _assert_readable(fig, 1000)


def test_a_300_scene_100_character_story_stays_readable():
    story = _cast_story(n_chars=100, n_scenes=300, seed=11)
    view = make_view(story)
    fig = storyline_figure(view, width=1400)
    _assert_readable(fig)
    assert fig.layout.height <= 1800 and len(_lines(fig)) <= 15
    # everyone in full: merged into few traces, still readable
    everyone = storyline_figure(make_view(story, ViewState(cast="all")), width=1400)
    _assert_readable(everyone)


@pytest.mark.parametrize("script", ["big_fish.fountain", "charade.fountain"])
def test_corpus_storylines_are_readable(script):
    path = corpus_path("fountain", "screenplays", script)
    from timeline.formats import load_story

    story = load_story(path)
    view = make_view(story)
    fig = storyline_figure(view, width=1400)
    _assert_readable(fig)
    assert len(_lines(fig)) <= 15
    # the leads are all named somewhere
    written = {x for t in _dots(fig) for x in t.text if x}
    assert {story.character(c).name for c in view.shown[:5]} <= written


def test_a_new_selection_changes_styles_only(cast_story):
    """Highlight mode: traces keep their order and data for any selection of shown
    characters (the page restyles the drawn chart; the server's patch is scalars)."""
    base = storyline_figure(make_view(cast_story)).to_dict()
    view = make_view(cast_story)
    for chosen in [(view.shown[-1],), (view.shown[3], view.shown[0])]:
        other = storyline_figure(make_view(cast_story, ViewState(characters=chosen))).to_dict()
        assert len(other["data"]) == len(base["data"])
        changed = {k for a, b in zip(base["data"], other["data"]) for k in set(a) | set(b) if a.get(k) != b.get(k)}
        assert changed <= {"opacity", "line", "marker"}, changed
        for a, b in zip(base["data"], other["data"]):
            if a.get("line") != b.get("line"):
                assert a["line"]["color"] == b["line"]["color"]  # only the width
