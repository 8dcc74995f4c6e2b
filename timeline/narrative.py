"""Stories told out of order, and characters over time.

Two topics on one axis, the telling order:

* **Nonlinearity** -- how far the order a film tells its scenes in departs
  from the order they happen in (``Scene.index`` against
  ``Scene.story_order``), the quantity a *story curve* [1]_ draws:
  :func:`nonlinearity`, :func:`jumps_back`, :func:`inversions`.
* **The story through windows of scenes** -- who is present and who is
  linked with whom in each stretch of the story: :func:`windows`,
  :func:`act_windows`, :func:`window_graph`, :func:`character_arcs`.

Every function is pure over a :class:`~timeline.model.Story`.

References
----------
.. [1] Kim, N. W., Bach, B., Im, H., Schriber, S., Gross, M. and Pfister, H.,
   "Visualizing Nonlinear Narratives with Story Curves", IEEE Transactions on
   Visualization and Computer Graphics 24(1):595-604, 2018.
.. [2] Kendall, M. G., "A New Measure of Rank Correlation", Biometrika
   30(1/2):81-93, 1938.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Iterable, Literal, Sequence

import networkx as nx

from .errors import StoryError
from .model import Scene, Story

__all__ = [
    "Nonlinearity",
    "Jump",
    "Window",
    "Arcs",
    "inversions",
    "nonlinearity",
    "jumps_back",
    "windows",
    "act_windows",
    "auto_windows",
    "sections",
    "window_graph",
    "character_arcs",
    "arc_cast",
    "ARC_CAST_MAX",
]

#: At most this many characters get an arc (the fallback cast size is 12).
ARC_CAST_MAX = 15
_FALLBACK_CAST = 12


# ---- nonlinearity -----------------------------------------------------------------------


def inversions(orders: Sequence[float]) -> int:
    """The number of inverted pairs: ``i < j`` with ``orders[i] > orders[j]``.

    This is the Kendall tau distance [2]_ between the sequence and its sorted
    self, counted by merge sort in O(n log n). Ties are not inversions.

    Examples
    --------
    >>> inversions([0, 1, 2, 3])
    0
    >>> inversions([3, 2, 1, 0])
    6
    >>> inversions([1, 0, 2, 2])
    1
    """

    def count(seq: list) -> tuple[list, int]:
        if len(seq) <= 1:
            return seq, 0
        mid = len(seq) // 2
        left, a = count(seq[:mid])
        right, b = count(seq[mid:])
        merged, inv, i, j = [], a + b, 0, 0
        while i < len(left) and j < len(right):
            if right[j] < left[i]:
                merged.append(right[j])
                inv += len(left) - i
                j += 1
            else:
                merged.append(left[i])
                i += 1
        merged.extend(left[i:])
        merged.extend(right[j:])
        return merged, inv

    return count(list(orders))[1]


def _longest_increasing(orders: Sequence[float]) -> int:
    """Length of the longest strictly increasing subsequence (patience sorting)."""
    tails: list = []
    for v in orders:
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
        else:
            tails[k] = v
    return len(tails)


@dataclass(frozen=True)
class Jump:
    """A jump back in time: scene ``index`` happens before the scene told just before it.

    Attributes
    ----------
    scene : str
        Id of the scene the film jumps to.
    index : int
        Its telling position (0-based; the film's scene ``index + 1``).
    from_order, to_order : int
        Story order of the scene before it and of the scene itself
        (``to_order < from_order``).
    """

    scene: str
    index: int
    from_order: int
    to_order: int

    @property
    def size(self) -> int:
        """How many story-order steps back the jump goes."""
        return self.from_order - self.to_order


@dataclass(frozen=True)
class Nonlinearity:
    """How far a story's telling departs from its chronology (see :func:`nonlinearity`).

    Attributes
    ----------
    scenes : int
        Number of scenes measured.
    inversions : int
        Scene pairs told in the opposite order to the one they happen in.
    score : float
        ``inversions / (n (n - 1) / 2)``: 0 for a story told in order, 1 for
        one told backwards.
    jumps : tuple of Jump
        The jumps back in time, in telling order.
    out_of_place : int
        The fewest scenes that would have to be moved to tell the story in
        chronological order (``n`` minus the longest run of scenes, not
        necessarily adjacent, already in story order).
    """

    scenes: int
    inversions: int
    score: float
    jumps: tuple[Jump, ...] = field(default=())
    out_of_place: int = 0

    @property
    def jumps_back(self) -> int:
        """The number of jumps back in time."""
        return len(self.jumps)

    @property
    def out_of_place_share(self) -> float:
        """``out_of_place / scenes`` (0 when there are no scenes)."""
        return self.out_of_place / self.scenes if self.scenes else 0.0

    @property
    def linear(self) -> bool:
        """True when the story is told in chronological order."""
        return self.inversions == 0

    def summary(self) -> str:
        """One line for people, e.g. ``"nonlinearity 0.316: 3 jumps back, 24 of 98 scenes out of place"``."""
        if self.linear:
            return "nonlinearity 0: told in story order"
        word = "jump" if self.jumps_back == 1 else "jumps"
        return (f"nonlinearity {self.score:.3f}: {self.jumps_back} {word} back, "
                f"{self.out_of_place} of {self.scenes} scenes out of place")

    def to_dict(self) -> dict:
        """Plain data (what ``stats --json`` prints under ``"nonlinearity"``)."""
        return {
            "scenes": self.scenes,
            "inversions": self.inversions,
            "score": round(self.score, 6),
            "jumps_back": self.jumps_back,
            "out_of_place": self.out_of_place,
            "out_of_place_share": round(self.out_of_place_share, 6),
            "jumps": [{"scene": j.scene, "index": j.index, "from_order": j.from_order,
                       "to_order": j.to_order} for j in self.jumps],
        }


def jumps_back(scenes: Story | Iterable[Scene]) -> tuple[Jump, ...]:
    """The jumps back in time: consecutive told scenes where story order decreases.

    Parameters
    ----------
    scenes : Story or iterable of Scene
        A story, or scenes in telling order.

    Returns
    -------
    tuple of Jump
        One per scene told right after a scene that happens later.
    """
    seq = list(scenes.scenes if isinstance(scenes, Story) else scenes)
    return tuple(Jump(b.id, b.index, a.chrono, b.chrono)
                 for a, b in zip(seq, seq[1:]) if b.chrono < a.chrono)


def nonlinearity(scenes: Story | Iterable[Scene]) -> Nonlinearity:
    """Measure how far telling order departs from story order.

    The story curve of Kim et al. [1]_ plots each scene's story order against
    its telling order; a story told in order is the diagonal. Three numbers
    summarise how far the curve strays from it:

    * the **normalised Kendall tau distance** [2]_ between the two orders,
      the share of scene pairs told in the opposite order to the one they
      happen in: ``inversions / (n (n - 1) / 2)``, from 0 (linear) to 1
      (told backwards);
    * the number of **jumps back** in time (a told scene that happens before
      the scene told just before it: a flashback, or the return to the
      present after a flash-forward);
    * the number of **scenes out of place**: ``n`` minus the longest
      increasing subsequence of story orders, i.e. the fewest scenes that
      must be moved to tell the story chronologically.

    Parameters
    ----------
    scenes : Story or iterable of Scene
        A story, or some of its scenes in telling order (e.g. a view's range).

    Returns
    -------
    Nonlinearity

    Examples
    --------
    >>> from timeline.model import Story
    >>> s = Story(title="T", scenes=[{"id": "a", "title": "A", "story_order": 1},
    ...                              {"id": "b", "title": "B", "story_order": 0},
    ...                              {"id": "c", "title": "C", "story_order": 2}])
    >>> m = nonlinearity(s)
    >>> m.inversions, round(m.score, 3), m.jumps_back, m.out_of_place
    (1, 0.333, 1, 1)
    >>> m.jumps[0].scene
    'b'
    """
    seq = list(scenes.scenes if isinstance(scenes, Story) else scenes)
    n = len(seq)
    orders = [s.chrono for s in seq]
    inv = inversions(orders)
    pairs = n * (n - 1) // 2
    return Nonlinearity(scenes=n, inversions=inv, score=inv / pairs if pairs else 0.0,
                        jumps=jumps_back(seq), out_of_place=n - _longest_increasing(orders))


# ---- windows of scenes ------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """A stretch of the story: some scenes, with a label.

    Attributes
    ----------
    label : str
        ``"scenes 1–20"`` or the act's name.
    scenes : tuple of str
        Scene ids, in the window's order.
    lo, hi : int
        Smallest and largest telling index (0-based, inclusive) of its scenes:
        ``ViewState(scenes=(lo, hi))`` shows this stretch in every view (for
        a story-order window, that range may hold more scenes).
    """

    label: str
    scenes: tuple[str, ...]
    lo: int
    hi: int

    @property
    def range(self) -> tuple[int, int]:
        """``(lo, hi)``, the inclusive 0-based telling range."""
        return (self.lo, self.hi)


Order = Literal["telling", "story"]


def _ordered(story: Story, scenes, order: Order) -> list[Scene]:
    if order not in ("telling", "story"):
        raise StoryError(f"order must be 'telling' or 'story', not {order!r}")
    seq = list(story.scenes if scenes is None else scenes)
    if order == "story":
        seq.sort(key=lambda s: (s.chrono, s.index))
    return seq


def _window(chunk: Sequence[Scene], label: str) -> Window:
    idx = [s.index for s in chunk]
    return Window(label=label, scenes=tuple(s.id for s in chunk), lo=min(idx), hi=max(idx))


def windows(story: Story, *, size: int, step: int | None = None, order: Order = "telling",
            scenes: Iterable[Scene] | None = None) -> list[Window]:
    """Sliding windows of ``size`` consecutive scenes, every ``step`` scenes.

    Parameters
    ----------
    story : Story
    size : int
        Scenes per window (a story shorter than that is one window).
    step : int, optional
        Scenes between the starts of two windows; defaults to ``size``
        (windows side by side). That many windows are spread evenly (starts
        rounded), so the last ends at the last scene and every scene is in
        some window.
    order : {"telling", "story"}
        Slide along the film's order or along the chronology.
    scenes : iterable of Scene, optional
        Only these scenes (e.g. a view's), in telling order.

    Returns
    -------
    list of Window
        Labelled by 1-based positions along ``order``.

    Examples
    --------
    >>> from timeline.model import Story
    >>> s = Story(title="T", scenes=[{"id": f"s{i}", "title": "x"} for i in range(5)])
    >>> [(w.label, w.scenes) for w in windows(s, size=2, step=2)]
    [('scenes 1–2', ('s0', 's1')), ('scenes 3–4', ('s2', 's3')), ('scenes 4–5', ('s3', 's4'))]
    """
    if size < 1:
        raise StoryError(f"window size must be at least 1, not {size}")
    step = size if step is None else step
    if step < 1:
        raise StoryError(f"window step must be at least 1, not {step}")
    seq = _ordered(story, scenes, order)
    n = len(seq)
    if n == 0:
        return []
    size = min(size, n)
    # as many windows as ``step`` asks for, spread evenly so the last ends at the last scene
    count = -(-(n - size) // step) + 1
    starts = [round(k * (n - size) / (count - 1)) for k in range(count)] if count > 1 else [0]
    word = "scenes" if order == "telling" else "story scenes"
    # labelled by the scenes' own numbers (a view of scenes 19–20 is not "scenes 1–2")
    num = (lambda s: s.index + 1) if order == "telling" else (lambda s: s.chrono + 1)
    return [_window(seq[a:a + size], f"{word} {num(seq[a])}–{num(seq[a + size - 1])}" if size > 1
                    else f"{'scene' if order == 'telling' else 'story scene'} {num(seq[a])}")
            for a in starts]


def act_windows(story: Story, *, scenes: Iterable[Scene] | None = None) -> list[Window]:
    """One window per act: each run of consecutive told scenes with the same ``act``.

    Scenes without an act before the first act form a window "before <first
    act>"; elsewhere they join the act they follow. A story whose scenes have
    no act gives an empty list.

    Examples
    --------
    >>> from timeline.model import Story
    >>> s = Story(title="T", scenes=[{"id": "a", "title": "x", "act": "One"},
    ...     {"id": "b", "title": "x"}, {"id": "c", "title": "x", "act": "Two"}])
    >>> [(w.label, w.scenes) for w in act_windows(s)]
    [('One', ('a', 'b')), ('Two', ('c',))]
    """
    seq = list(story.scenes if scenes is None else scenes)
    if not any(s.act for s in seq):
        return []
    first = next(s.act for s in seq if s.act)
    runs: list[tuple[str, list[Scene]]] = []
    current = None
    for s in seq:
        act = s.act or current
        if act is None:
            act_label = f"before {first}"
        else:
            act_label = act
        if not runs or runs[-1][0] != act_label:
            runs.append((act_label, []))
        runs[-1][1].append(s)
        current = act
    return [_window(chunk, label) for label, chunk in runs]


def auto_windows(story: Story, *, scenes: Iterable[Scene] | None = None, order: Order = "telling",
                 target: int = 10) -> list[Window]:
    """The windows a chart uses by default: the acts when there are two or more
    (telling order only), else about ``target`` half-overlapping sliding windows.

    The sliding window holds ``max(3, round(n / target))`` scenes and moves by
    half of that; a view of at most six scenes gets a window per scene.
    """
    seq = _ordered(story, scenes, order)
    if order == "telling":
        acts = act_windows(story, scenes=seq)
        if len(acts) >= 2:
            return acts
    n = len(seq)
    if n <= _ONE_SCENE_WINDOWS:  # a short view: a window per scene, so there is an arc to draw
        return windows(story, size=1, step=1, order=order, scenes=seq)
    size = min(n, max(3, round(n / target)))
    return windows(story, size=size, step=max(1, size // 2), order=order, scenes=seq)


#: Up to this many scenes, :func:`auto_windows` gives one window per scene.
_ONE_SCENE_WINDOWS = 6


def sections(story: Story, *, count: int = 8, scenes: Iterable[Scene] | None = None) -> list[Window]:
    """The story cut into parts side by side, in telling order: its acts when it has
    two or more, else ``count`` even sections (fewer when they would hold fewer than
    5 scenes; sizes differ by one at most), which do not overlap.

    What the app offers as the network's window presets; ``Window.lo/hi`` is the
    part's telling range.

    Examples
    --------
    >>> from timeline.model import Story
    >>> s = Story(title="T", scenes=[{"id": f"s{i}", "title": "x"} for i in range(20)])
    >>> [(w.label, w.lo, w.hi) for w in sections(s, count=2)]
    [('scenes 1–10', 0, 9), ('scenes 11–20', 10, 19)]
    >>> [w.label for w in sections(Story(title="T", scenes=[{"id": "a", "title": "x", "act": "One"},
    ...                                                     {"id": "b", "title": "x", "act": "Two"}]))]
    ['One', 'Two']
    """
    seq = list(story.scenes if scenes is None else scenes)
    acts = act_windows(story, scenes=seq)
    if len(acts) >= 2:
        return acts
    n = len(seq)
    if n == 0:
        return []
    parts = max(1, min(count, n // 5))  # at least 5 scenes a part
    cuts = [round(k * n / parts) for k in range(parts + 1)]
    return [_window(seq[a:b], f"scenes {a + 1}–{b}" if b - a > 1 else f"scene {a + 1}")
            for a, b in zip(cuts, cuts[1:])]


def window_graph(story: Story, window: Window | tuple[int, int] | Iterable[str], *,
                 characters: Iterable[str] | None = None) -> nx.Graph:
    """The character network over a window of scenes.

    Parameters
    ----------
    story : Story
    window : Window, (lo, hi) or iterable of scene ids
        The scenes: a :class:`Window`, an inclusive 0-based telling range, or ids.
    characters : iterable of str, optional
        Keep only these characters.

    Returns
    -------
    networkx.Graph
        :func:`timeline.graph.interaction_graph` over those scenes. Node ids
        are character ids, the same in every window, so a network drawing can
        keep each character where it was (compute positions once on
        ``interaction_graph(story)`` and reuse them).
    """
    from .graph import interaction_graph

    chosen = window.scenes if isinstance(window, Window) else window
    return interaction_graph(story, characters=characters, scenes=chosen)


# ---- characters over time ---------------------------------------------------------------


def arc_cast(story: Story, *, at_most: int = ARC_CAST_MAX) -> tuple[str, ...]:
    """The characters whose arcs are drawn: the main cast, most important first.

    Uses ``timeline.graph.main_cast`` when the library has it; otherwise the
    :data:`_FALLBACK_CAST` characters present in the most scenes (ties: story
    order). Never more than ``at_most``.
    """
    from . import graph

    main_cast = getattr(graph, "main_cast", None)
    if main_cast is not None:
        return tuple(main_cast(story))[:at_most]
    count: dict[str, int] = {}
    for s in story.scenes:
        for c in dict.fromkeys(s.characters):
            count[c] = count.get(c, 0) + 1
    order = {c.id: i for i, c in enumerate(story.characters)}
    ranked = sorted(count, key=lambda c: (-count[c], order.get(c, 0)))
    return tuple(ranked[:min(_FALLBACK_CAST, at_most)])


@dataclass(frozen=True)
class Arcs:
    """Per-character presence and degree through a story's windows.

    Attributes
    ----------
    windows : tuple of Window
    characters : tuple of str
        Character ids, one arc each, in the order given.
    presence : dict of str to tuple of int
        Per character, per window: the number of the window's scenes the
        character is present in.
    degree : dict of str to tuple of int
        Per character, per window: the character's degree in
        :func:`window_graph` (how many others it shares a scene or an
        interaction with in that window; 0 when absent).
    sizes : tuple of int
        Scenes per window.
    """

    windows: tuple[Window, ...]
    characters: tuple[str, ...]
    presence: dict[str, tuple[int, ...]]
    degree: dict[str, tuple[int, ...]]
    sizes: tuple[int, ...]

    def share(self, character: str) -> tuple[float, ...]:
        """Presence as the share of each window's scenes (0..1)."""
        return tuple(p / n if n else 0.0 for p, n in zip(self.presence[character], self.sizes))


def character_arcs(story: Story, *, characters: Iterable[str] | None = None,
                   windows: Sequence[Window] | None = None) -> Arcs:
    """Presence and degree of characters in each window of the story: who rises, who fades.

    Parameters
    ----------
    story : Story
    characters : iterable of str, optional
        Character ids (default: :func:`arc_cast`).
    windows : sequence of Window, optional
        Default: :func:`auto_windows` (the acts, or sliding windows).

    Returns
    -------
    Arcs

    Examples
    --------
    >>> from timeline.model import Story
    >>> s = Story(title="T", characters=[{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
    ...     scenes=[{"id": "s1", "title": "x", "characters": ["a"]},
    ...             {"id": "s2", "title": "x", "characters": ["a", "b"]}])
    >>> w = [Window("first", ("s1",), 0, 0), Window("second", ("s2",), 1, 1)]
    >>> arcs = character_arcs(s, windows=w)
    >>> arcs.presence["a"], arcs.degree["a"], arcs.degree["b"]
    ((1, 1), (0, 1), (0, 1))
    """
    chosen = tuple(arc_cast(story) if characters is None else dict.fromkeys(characters))
    known = {c.id for c in story.characters}
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise StoryError(f"unknown character {unknown[0]!r}")
    wins = tuple(auto_windows(story) if windows is None else windows)
    by_id = {s.id: s for s in story.scenes}
    presence: dict[str, list[int]] = {c: [] for c in chosen}
    degree: dict[str, list[int]] = {c: [] for c in chosen}
    keep = set(chosen)
    for w in wins:
        count = dict.fromkeys(chosen, 0)
        for sid in w.scenes:
            for c in set(by_id[sid].characters) & keep:
                count[c] += 1
        G = window_graph(story, w)
        for c in chosen:
            presence[c].append(count[c])
            degree[c].append(G.degree(c) if c in G else 0)
    return Arcs(windows=wins, characters=chosen,
                presence={c: tuple(v) for c, v in presence.items()},
                degree={c: tuple(v) for c, v in degree.items()},
                sizes=tuple(len(w.scenes) for w in wins))
