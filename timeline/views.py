"""Views of a story: the filter, order and range a person is looking at.

Filtering by character is a *view* of the story, not a special case inside
each figure: every figure takes a :class:`StoryView` made by :func:`make_view`
from a story and a :class:`ViewState`. The view state is plain data that
round-trips through a URL query string (:meth:`ViewState.to_query`,
:meth:`ViewState.from_query`), so a bookmarked URL reproduces the view.

Examples
--------
>>> from timeline.model import Story
>>> s = Story(title="T", characters=[{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
...           scenes=[{"id": "s1", "title": "one", "characters": ["a"]},
...                   {"id": "s2", "title": "two", "characters": ["a", "b"]}])
>>> v = make_view(s, ViewState(characters=("b",), emphasis="only"))
>>> [sc.id for sc in v.scenes]
['s2']

Scenes are also filtered by where, when and how they happen: places (a place
with its sub-places), times of day (normalised, :mod:`timeline.timeofday`),
INT/EXT (an ``INT/EXT`` scene is both) and acts. These scene filters combine
with the character filter and the range, and fade or hide as it does:

>>> v = make_view(s, ViewState(int_ext="EXT"))
>>> sorted(v.matching), v.filtered, v.scene_filtered
([], False, True)
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal
from urllib.parse import parse_qs, urlencode

from .errors import StoryError
from .model import Scene, Story

__all__ = ["ViewState", "StoryView", "make_view", "resolve_characters", "resolve_locations", "scene_filter",
           "COLOUR_BY", "CASTS", "INT_EXT"]

Mode = Literal["any", "all"]
Emphasis = Literal["highlight", "only"]
Order = Literal["telling", "story"]
Cast = Literal["main", "all", "chosen"]
#: Who is drawn in full: the main cast, everyone, or the chosen (selected) characters.
CASTS = ("main", "all", "chosen")
#: What the scene strip can colour by.
COLOUR_BY = ("location", "time_of_day", "int_ext", "group")
#: The INT/EXT filter's values (a scene written ``INT/EXT`` matches both).
INT_EXT = ("INT", "EXT")


@dataclass(frozen=True)
class ViewState:
    """What a person is looking at. Plain, hashable, URL-safe.

    Attributes
    ----------
    story : str or None
        Id of the story (a file stem in ``data/``), or None for the default.
    characters : tuple of str
        Selected character ids (empty: no filter).
    mode : {"any", "all"}
        Scenes with any / with all of the selected characters.
    emphasis : {"highlight", "only"}
        Fade everything else, or hide it.
    scenes : (int, int) or None
        Inclusive range of telling-order indices, or None for all scenes.
    order : {"telling", "story"}
        The x axis: telling order (the film's) or story order (chronology).
    colour_by : str
        Scene strip colouring, one of :data:`COLOUR_BY`.
    cast : {"main", "all", "chosen"}
        The level of detail: who is drawn in full. ``"main"`` (default): the
        main cast (:func:`timeline.graph.main_cast`) plus the selected
        characters; ``"all"``: everyone; ``"chosen"``: only the selected
        characters (the main cast when none is selected). The others are
        folded (faint and unlabelled, or one "others" row).
    locations : tuple of str
        Place ids (``loc=``): scenes at one of them or at a place inside one.
    times : tuple of str
        Times of day (``tod=``), normalised: ``night``, ``day``, ``dusk`` ...
    int_ext : {"INT", "EXT"} or None
        Interiors or exteriors (``ie=``); an ``INT/EXT`` scene is both.
    acts : tuple of str
        Acts (``act=``), as the story names them.
    """

    story: str | None = None
    characters: tuple[str, ...] = ()
    mode: Mode = "any"
    emphasis: Emphasis = "highlight"
    scenes: tuple[int, int] | None = None
    order: Order = "telling"
    colour_by: str = "location"
    cast: Cast = "main"
    locations: tuple[str, ...] = ()
    times: tuple[str, ...] = ()
    int_ext: str | None = None
    acts: tuple[str, ...] = ()

    def __post_init__(self):
        if self.mode not in ("any", "all"):
            raise StoryError(f"mode must be 'any' or 'all', not {self.mode!r}")
        if self.emphasis not in ("highlight", "only"):
            raise StoryError(f"emphasis must be 'highlight' or 'only', not {self.emphasis!r}")
        if self.order not in ("telling", "story"):
            raise StoryError(f"order must be 'telling' or 'story', not {self.order!r}")
        if self.cast not in CASTS:
            raise StoryError(f"cast must be one of {', '.join(CASTS)}, not {self.cast!r}")
        if self.colour_by not in COLOUR_BY:
            raise StoryError(f"colour_by must be one of {', '.join(COLOUR_BY)}, not {self.colour_by!r}")
        if self.scenes is not None:
            a, b = self.scenes
            if a > b:
                raise StoryError(f"scene range {a}-{b} is empty")
        object.__setattr__(self, "characters", tuple(self.characters))
        object.__setattr__(self, "locations", tuple(dict.fromkeys(self.locations)))
        object.__setattr__(self, "acts", tuple(dict.fromkeys(self.acts)))
        from .timeofday import normalise_time_of_day

        object.__setattr__(self, "times", tuple(dict.fromkeys(
            t for t in (normalise_time_of_day(x) for x in self.times) if t)))
        ie = self.int_ext.strip().upper() if isinstance(self.int_ext, str) and self.int_ext.strip() else None
        if ie is not None and ie not in INT_EXT:
            raise StoryError(f"int_ext must be INT or EXT, not {self.int_ext!r}")
        object.__setattr__(self, "int_ext", ie)

    @property
    def scene_filtered(self) -> bool:
        """True when a scene filter (place, time of day, INT/EXT, act) is set."""
        return bool(self.locations or self.times or self.int_ext or self.acts)

    # ---- URL query string -------------------------------------------------
    def to_query(self) -> str:
        """The state as a URL query string (defaults left out), e.g. ``?c=carolina&mode=all``."""
        q: list[tuple[str, str]] = []
        if self.story:
            q.append(("story", self.story))
        for c in self.characters:
            q.append(("c", c))
        default = ViewState()
        for key in ("mode", "emphasis", "order", "colour_by", "cast"):
            if getattr(self, key) != getattr(default, key):
                q.append((key, getattr(self, key)))
        if self.scenes is not None:
            q.append(("scenes", f"{self.scenes[0]}-{self.scenes[1]}"))
        q += [("loc", v) for v in self.locations] + [("tod", v) for v in self.times]
        if self.int_ext:
            q.append(("ie", self.int_ext))
        q += [("act", v) for v in self.acts]
        return "?" + urlencode(q) if q else ""

    @classmethod
    def from_query(cls, query: str | None) -> "ViewState":
        """Parse a query string; unknown or malformed values fall back to defaults."""
        params = parse_qs((query or "").lstrip("?"), keep_blank_values=False)
        kw: dict = {}
        if params.get("story"):
            kw["story"] = params["story"][0]
        if params.get("c"):
            kw["characters"] = tuple(dict.fromkeys(params["c"]))
        for key, allowed in (("mode", ("any", "all")), ("emphasis", ("highlight", "only")),
                             ("order", ("telling", "story")), ("colour_by", COLOUR_BY),
                             ("cast", CASTS)):
            if params.get(key) and params[key][0] in allowed:
                kw[key] = params[key][0]
        if params.get("scenes"):
            try:
                kw["scenes"] = parse_range(params["scenes"][0])
            except StoryError:
                pass
        for key, name in (("loc", "locations"), ("tod", "times"), ("act", "acts")):
            if params.get(key):
                kw[name] = tuple(dict.fromkeys(params[key]))
        if params.get("ie") and params["ie"][0].strip().upper() in INT_EXT:
            kw["int_ext"] = params["ie"][0]
        return cls(**kw)

    def replace(self, **changes) -> "ViewState":
        return replace(self, **changes)


def parse_range(text: str) -> tuple[int, int]:
    """``"3-12"`` → ``(3, 12)``; a single number is a one-scene range."""
    try:
        if "-" in text.strip()[1:]:
            a, b = text.strip().split("-", 1)
            lo, hi = int(a), int(b)
        else:
            lo = hi = int(text)
    except ValueError:
        raise StoryError(f"scene range must look like 3-12, not {text!r}") from None
    if lo < 0 or hi < lo:
        raise StoryError(f"scene range {text!r} is empty or negative")
    return lo, hi


@dataclass(frozen=True)
class StoryView:
    """A story as seen through a :class:`ViewState`.

    Attributes
    ----------
    story : Story
        The whole story (never changed).
    state : ViewState
    scenes : tuple of Scene
        The scenes on the x axis, in x order (telling or story order), within
        the range; with ``emphasis="only"``, just the matching scenes.
    matching : frozenset of str
        Ids of the scenes that match the character filter and the scene filters
        (all scenes in range when nothing is filtered).
    characters : tuple of str
        Ids of the characters drawn (those present in ``scenes``), in story order.
    selected : tuple of str
        Ids of the selected characters (the filter).
    shown : tuple of str
        The characters of ``characters`` drawn in full (level of detail,
        :attr:`ViewState.cast`), most important first.
    folded : tuple of str
        The other characters of ``characters``, drawn folded, in story order.
    """

    story: Story
    state: ViewState
    scenes: tuple[Scene, ...]
    matching: frozenset[str]
    characters: tuple[str, ...]
    selected: tuple[str, ...] = field(default=())
    shown: tuple[str, ...] = field(default=())
    folded: tuple[str, ...] = field(default=())

    @property
    def filtered(self) -> bool:
        """True when characters are selected (the character filter)."""
        return bool(self.selected)

    @property
    def scene_filtered(self) -> bool:
        """True when a scene filter (place, time of day, INT/EXT, act) is set."""
        return self.state.scene_filtered

    @property
    def narrowed(self) -> bool:
        """True when any filter is set: characters or scene filters."""
        return self.filtered or self.scene_filtered

    @property
    def empty(self) -> bool:
        """True when the filter matches no scene."""
        return not self.matching

    def x_of(self, scene_id: str) -> int:
        """Position of a scene on the x axis (0-based)."""
        return self._x[scene_id]

    @property
    def _x(self) -> dict[str, int]:
        cache = self.__dict__.get("_xcache")
        if cache is None:
            cache = {s.id: i for i, s in enumerate(self.scenes)}
            object.__setattr__(self, "_xcache", cache)
        return cache

    def is_faded(self, scene_id: str) -> bool:
        """Whether a scene is drawn faded (highlight mode, not matching)."""
        return self.narrowed and scene_id not in self.matching

    def is_highlighted(self, character_id: str) -> bool:
        """Whether a character's line is drawn at full strength."""
        return not self.filtered or character_id in self.selected

    def empty_message(self) -> str:
        """A sentence for an empty result, e.g. 'No scene has all of Navajas and Quino.'"""
        names = [self.story.character(c).name for c in self.selected]
        if len(names) > 1:
            joined = ", ".join(names[:-1]) + " and " + names[-1]
        else:
            joined = names[0] if names else ""
        rng = self.scene_filter_words()
        if self.state.scenes is not None:
            rng += f" in scenes {self.state.scenes[0] + 1}–{self.state.scenes[1] + 1}"
        if not names:
            return f"No scene{rng}."
        if len(names) == 1:
            return f"No scene{rng} has {joined}."
        word = "all" if self.state.mode == "all" else "any"
        return f"No scene{rng} has {word} of {joined}."

    def scene_filter_words(self) -> str:
        """The scene filters in words, to follow "scene": ' at Town or Bar, at night, EXT, in Act One'."""
        st, bits = self.state, []
        if st.locations:
            names = []
            for lid in st.locations:
                try:
                    names.append(self.story.location(lid).name)
                except KeyError:
                    names.append(lid)
            bits.append("at " + " or ".join(names))
        if st.times:
            bits.append("at " + " or ".join(st.times))
        if st.int_ext:
            bits.append(st.int_ext)
        if st.acts:
            bits.append("in " + " or ".join(st.acts))
        return (" " + ", ".join(bits)) if bits else ""


def resolve_characters(story: Story, names) -> tuple[str, ...]:
    """Character ids for names, ids or aliases; unknown names raise with close matches."""
    import difflib

    ids = []
    for name in names:
        ch = story.find_character(name)
        if ch is None:
            pool = {c.name: c for c in story.characters}
            pool.update({c.id: c for c in story.characters})
            for c in story.characters:
                pool.update({a: c for a in c.aliases})
            close = difflib.get_close_matches(name, list(pool), n=3, cutoff=0.5)
            hint = f"; closest: {', '.join(close)}" if close else ""
            raise StoryError(f"unknown character {name!r}{hint}")
        if ch.id not in ids:
            ids.append(ch.id)
    return tuple(ids)


def resolve_locations(story: Story, names) -> tuple[str, ...]:
    """Place ids for place names or ids (any case); unknown names raise with close matches."""
    import difflib

    out = []
    for name in names:
        key = " ".join(str(name).split()).casefold()
        hit = next((loc.id for loc in story.locations if loc.id.casefold() == key), None) or next(
            (loc.id for loc in story.locations if " ".join(loc.name.split()).casefold() == key), None)
        if hit is None:
            pool = [loc.name for loc in story.locations] + [loc.id for loc in story.locations]
            close = difflib.get_close_matches(str(name), pool, n=3, cutoff=0.5)
            raise StoryError(f"unknown place {name!r}" + (f"; closest: {', '.join(close)}" if close else ""))
        if hit not in out:
            out.append(hit)
    return tuple(out)


def _within(story: Story, roots) -> set[str]:
    """The place ids ``roots`` and every place inside them (at any depth)."""
    children: dict[str, list[str]] = {}
    for loc in story.locations:
        if loc.parent is not None:
            children.setdefault(loc.parent, []).append(loc.id)
    out, todo = set(), [r for r in roots]
    while todo:
        lid = todo.pop()
        if lid in out:
            continue
        out.add(lid)
        todo += children.get(lid, ())
    return out


def scene_filter(story: Story, state: ViewState):
    """A predicate ``scene -> bool``: the state's scene filters (place with its
    sub-places, time of day, INT/EXT, act); always True when there are none."""
    from .timeofday import normalise_time_of_day

    places = _within(story, state.locations) if state.locations else None
    times = set(state.times) or None
    acts = {" ".join(a.split()).casefold() for a in state.acts} or None
    ie = state.int_ext

    def keep(s: Scene) -> bool:
        if places is not None and s.location not in places:
            return False
        if times is not None and normalise_time_of_day(s.time_of_day) not in times:
            return False
        if ie is not None and s.int_ext not in (ie, "INT/EXT"):
            return False
        if acts is not None and (s.act is None or " ".join(s.act.split()).casefold() not in acts):
            return False
        return True

    return keep


def make_view(story: Story, state: ViewState | None = None) -> StoryView:
    """Apply a :class:`ViewState` to a story.

    Selected ids the story does not know are ignored (a shared URL may name a
    character of another story). The range is clipped to the story.
    """
    state = state or ViewState()
    if state.locations:  # places of another story (a shared URL) are ignored, as characters are
        places = {loc.id for loc in story.locations}
        if not set(state.locations) <= places:
            state = state.replace(locations=tuple(lid for lid in state.locations if lid in places))
    known = {c.id for c in story.characters}
    selected = tuple(c for c in state.characters if c in known)
    scenes = list(story.scenes)
    if state.scenes is not None:
        lo, hi = state.scenes
        scenes = [s for s in scenes if lo <= s.index <= hi]
    if state.order == "story":
        scenes.sort(key=lambda s: (s.chrono, s.index))
    match = scenes
    if state.scene_filtered:
        keep = scene_filter(story, state)
        match = [s for s in match if keep(s)]
    if selected:
        want = set(selected)
        if state.mode == "all":
            match = [s for s in match if want <= set(s.characters)]
        else:
            match = [s for s in match if want & set(s.characters)]
    matching = frozenset(s.id for s in match)
    shown = match if ((selected or state.scene_filtered) and state.emphasis == "only") else scenes
    present = {c for s in shown for c in s.characters}
    chars = tuple(c.id for c in story.characters if c.id in present)
    full, folded = _level_of_detail(story, state.cast, selected, chars)
    return StoryView(story=story, state=state, scenes=tuple(shown), matching=matching,
                     characters=chars, selected=selected, shown=full, folded=folded)


def _level_of_detail(story: Story, cast: str, selected: tuple[str, ...], drawn: tuple[str, ...]
                     ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split the drawn characters into (shown in full, folded)."""
    from .graph import main_cast  # graph imports networkx; views stay cheap to import

    here = set(drawn)
    if cast == "all":
        ranked = main_cast(story, at_most=len(story.characters))
        full = tuple(c for c in ranked if c in here)
        full += tuple(c for c in drawn if c not in set(full))
    else:
        base = () if (cast == "chosen" and selected) else main_cast(story)
        full = tuple(c for c in dict.fromkeys((*selected, *base)) if c in here)
    keep = set(full)
    return full, tuple(c for c in drawn if c not in keep)
