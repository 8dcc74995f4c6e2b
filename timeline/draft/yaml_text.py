"""The draft as a story file a person can edit: YAML with a header saying what it
is, the source quotes folded to read, and loading back to the same story."""

from __future__ import annotations

from ..model import Story

__all__ = ["draft_yaml"]

HEADER = """\
# A DRAFT written by `scene-timeline draft` from {source}.
# Every character, place, scene and interaction is a guess (inferred: true): check
# each scene against its `source`, the words of the summary it comes from, then
# fix names, merge or drop characters, and remove `inferred` where you agree.
# The `notes` at the end list what was left out and what the drafter was unsure of.
"""


def draft_yaml(story: Story, source: str = "a plot summary") -> str:
    """The story as YAML, with the draft header; ``load_story`` reads it back unchanged."""
    from ..export.data import to_yaml

    return HEADER.format(source=source) + to_yaml(story)
