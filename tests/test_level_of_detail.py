"""Level of detail: the importance score, the main cast and the view's cast switch."""

from __future__ import annotations

import pytest

from timeline import load_story
from timeline.errors import StoryError
from timeline.graph import MAIN_CAST_MAX, importance, main_cast
from timeline.model import Story
from timeline.views import ViewState, make_view

from .conftest import SHARED


def _story(n_chars: int, n_scenes: int = 30) -> Story:
    """Character i is present in the scenes whose index is a multiple of i + 1."""
    chars = [{"id": f"c{i}", "name": f"C{i}"} for i in range(n_chars)]
    scenes = [{"id": f"s{k}", "title": f"S{k}",
               "characters": [f"c{i}" for i in range(n_chars) if k % (i + 1) == 0]}
              for k in range(n_scenes)]
    return Story(title="T", characters=chars, scenes=scenes)


@pytest.fixture(scope="module")
def big_fish() -> Story:
    return load_story(SHARED / "corpus" / "fountain" / "screenplays" / "big_fish.fountain")


def test_importance_ranks_by_presence_and_is_normalised():
    s = _story(8)
    imp = importance(s)
    assert list(imp) == [f"c{i}" for i in range(8)]
    assert imp["c0"] == pytest.approx(1.0)
    values = list(imp.values())
    assert values == sorted(values, reverse=True)
    assert all(0 < v <= 1 for v in values)


def test_absent_characters_have_no_score():
    s = Story(title="T", characters=[{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
              scenes=[{"id": "s", "title": "S", "characters": ["a"]}])
    assert list(importance(s)) == ["a"]
    assert main_cast(s) == ("a",)


def test_small_story_is_its_own_main_cast():
    s = _story(MAIN_CAST_MAX)
    assert set(main_cast(s)) == {c.id for c in s.characters}


def test_big_story_is_cut_between_the_bounds():
    s = _story(40, n_scenes=200)
    m = main_cast(s)
    assert 10 <= len(m) <= MAIN_CAST_MAX
    # the most present characters lead, in order; the rarest are out
    assert m[:5] == tuple(f"c{i}" for i in range(5))
    assert not {"c38", "c39"} & set(m)


def test_big_fish_main_cast(big_fish):
    m = main_cast(big_fish)
    names = [big_fish.character(c).name for c in m]
    assert 10 <= len(m) <= 15
    assert names[:5] == ["Edward", "Will", "Sandra", "Jenny", "Josephine"]
    once = {c for c, v in importance(big_fish).items()
            if sum(c in s.characters for s in big_fish.scenes) == 1}
    assert once and not once & set(m)


def test_cast_round_trips_through_the_url():
    st = ViewState(cast="all")
    assert st.to_query() == "?cast=all"
    assert ViewState.from_query("?cast=chosen&c=x").cast == "chosen"
    assert ViewState.from_query("?cast=bogus").cast == "main"
    assert ViewState().to_query() == ""
    with pytest.raises(StoryError, match="cast"):
        ViewState(cast="some")


@pytest.mark.parametrize("cast", ["main", "all", "chosen"])
def test_shown_and_folded_split_the_drawn_characters(big_fish, cast):
    sel = ("will",) if any(c.id == "will" for c in big_fish.characters) else ()
    v = make_view(big_fish, ViewState(cast=cast, characters=sel))
    assert set(v.shown) | set(v.folded) == set(v.characters)
    assert not set(v.shown) & set(v.folded)
    assert set(sel) <= set(v.shown)
    if cast == "all":
        assert not v.folded
    elif cast == "chosen":
        assert set(v.shown) == set(sel)
    else:
        assert set(v.shown) == set(main_cast(big_fish)) | set(sel)


def test_chosen_without_selection_is_the_main_cast(big_fish):
    v = make_view(big_fish, ViewState(cast="chosen"))
    assert set(v.shown) == set(main_cast(big_fish))
