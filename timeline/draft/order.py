"""Story order: a scene told as a memory ("tells the story of how …", "Years
earlier, …") happens before the scene it is told in."""

from __future__ import annotations

from .scenes import Cut

__all__ = ["story_order", "steps"]


def story_order(cuts: list[Cut]) -> list[int]:
    """``story_order`` per scene (a permutation of 0..n-1).

    A run of flashback scenes moves to just before the scene that tells it."""
    chrono: list[int] = []
    for i, c in enumerate(cuts):
        if c.flashback and chrono:
            # before the last non-flashback scene (the one it is told in) and its earlier flashbacks
            j = len(chrono) - 1
            while j > 0 and cuts[chrono[j]].flashback:
                j -= 1
            chrono.insert(j, i)
        else:
            chrono.append(i)
    order = [0] * len(cuts)
    for pos, i in enumerate(chrono):
        order[i] = pos
    return order


def steps(cuts: list[Cut]) -> list[int]:
    """Storyline time steps: a "Meanwhile" scene shares the step of the scene before."""
    out, step = [], -1
    for i, c in enumerate(cuts):
        if not (c.concurrent and i > 0):
            step += 1
        out.append(step)
    return out
