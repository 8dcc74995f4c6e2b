"""What the figures and the app decide from the story and the width (issue 25), and the
chronology a story does or does not have. Plain tests, no browser."""

from __future__ import annotations

from timeline.figures import network_figure, storycurve_figure, strip_figure
from timeline.model import Story
from timeline.views import ViewState, make_view


def _story(story_orders=None, n=6):
    scenes = []
    for i in range(n):
        sc = {"id": f"s{i}", "title": f"Scene {i}", "characters": ["a", "b"] if i % 2 else ["a", "c"],
              "location": "bar" if i < 3 else "street"}
        if story_orders is not None:
            sc["story_order"] = story_orders[i]
        scenes.append(sc)
    return Story(title="T", characters=[{"id": "a", "name": "Ann"}, {"id": "b", "name": "Bob"},
                                        {"id": "c", "name": "Cy"}],
                 locations=[{"id": "bar", "name": "The bar"}, {"id": "street", "name": "The street"}],
                 scenes=scenes)


def test_a_story_knows_whether_it_has_a_chronology_and_keeps_it():
    plain, told = _story(), _story([0, 1, 2, 3, 4, 5])
    shuffled = _story([1, 0, 2, 3, 5, 4])
    assert not plain.chronology and told.chronology and shuffled.chronology
    for s in (plain, told, shuffled):
        assert Story.model_validate(s.to_data()).chronology == s.chronology  # kept through a story file
    assert [sc.chrono for sc in plain.scenes] == list(range(6))  # the telling order stands in


def test_no_story_order_is_said_instead_of_told_in_order():
    from layouts.charts import nonlinearity_note
    from layouts.state import Current

    plain, told = _story(), _story([0, 1, 2, 3, 4, 5])
    note = lambda s: next(a.text for a in storycurve_figure(make_view(s)).layout.annotations  # noqa: E731
                          if a.name == "nonlinearity")
    assert "No story order in this script" in note(plain) and "told in story order" not in note(plain).lower()
    assert note(told).startswith("Told in story order")
    card = nonlinearity_note(Current("t", plain, ViewState(), "community"))
    assert card.startswith("No story order in this script")
    assert "told in story order" in nonlinearity_note(Current("t", told, ViewState(), "community"))


def test_narrow_figures_put_their_legend_under_the_plot_and_tick_less():
    from timeline.formats import load_story
    from timeline.resources import data_dir

    story = load_story(data_dir() / "desperado.yaml")
    view = make_view(story, ViewState())
    wide, narrow = strip_figure(view, width=1400), strip_figure(view, width=366)
    assert wide.layout.legend.orientation == "v" and narrow.layout.legend.orientation == "h"
    assert len(narrow.layout.xaxis2.tickvals) < len(wide.layout.xaxis2.tickvals)
    assert narrow.layout.height > wide.layout.height  # the legend's rows are added below
    assert network_figure(view, width=366).layout.legend.orientation == "h"
    assert network_figure(view, width=900).layout.legend.orientation != "h"
    short = [a.text for a in storycurve_figure(view, width=366).layout.annotations if a.name == "nonlinearity"][0]
    full = [a.text for a in storycurve_figure(view, width=1400).layout.annotations if a.name == "nonlinearity"][0]
    assert "(share of scene pairs" in full and "(share of scene pairs" not in short


def test_the_app_draws_for_the_window_it_is_given():
    from layouts import charts
    from layouts.state import current

    assert charts.window_width(395) == 390 and charts.window_width(100) == 360 and charts.window_width(None) is None
    assert charts.chart_width("network", 390) == charts.chart_width("storyline", 390) < 390
    assert charts.chart_width("network", 1400) < charts.chart_width("storyline", 1400)
    cur = current("")
    phone, desk = charts.figure("strip", cur, 390), charts.figure("strip", cur, 1400)
    assert "width" not in phone["layout"]  # drawn as wide as its card
    assert phone["layout"]["legend"]["orientation"] == "h" and desk["layout"]["legend"]["orientation"] == "v"


def test_on_a_phone_a_long_story_opens_on_a_window_of_scenes(corpus):
    from timeline.figures import storyline_figure
    from timeline.formats import load_story

    story = load_story(corpus / "fountain" / "screenplays" / "big_fish.fountain")
    view = make_view(story, ViewState())
    for fig in (storyline_figure(view, width=366), strip_figure(view, width=366)):
        lo, hi = fig.layout.xaxis.range
        assert 12 <= hi - lo <= 30, (lo, hi)  # about twenty scenes of 190
        assert fig.layout.dragmode == "pan" and fig.layout.meta["window"]
        assert "drag for more" in json_text(fig)
    wide = storyline_figure(view, width=1400)
    assert "window" not in (wide.layout.meta or {}) and wide.layout.dragmode == "zoom"
    # the names placed for the window's scale: the same names at the same scale, not squeezed
    assert all(t.cliponaxis is not False for t in storyline_figure(view, width=366).data if "text" in (getattr(t, "mode", None) or ""))


def json_text(fig) -> str:
    return fig.to_json()


def test_the_page_says_why_a_control_has_no_effect():
    from layouts.charts import filter_hint
    from layouts.state import Current, current

    assert filter_hint(current("")) == ""
    assert "“all” and “hide” act on the characters you choose" in filter_hint(current("?mode=all&emphasis=only"))
    assert filter_hint(current("?c=carolina&mode=all")) == ""
    plain = _story()
    assert "no story order of its own" in filter_hint(Current("t", plain, ViewState(order="story"), "community"))
    assert filter_hint(Current("t", _story([1, 0, 2, 3, 4, 5]), ViewState(order="story"), "community")) == ""
