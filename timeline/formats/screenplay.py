"""From a screenplay's elements to a :class:`~timeline.model.Story`.

Shared by the Fountain and Final Draft (FDX) readers. A reader turns its input
into a flat list of :class:`Element` (headings, action, character cues,
dialogue, sections, synopses, ...) and :func:`build_story` makes the story,
reading the cast and places like a script reader and recording what it
merged, split or dropped as import notes (``clean=False``: the literal
reading). The work is done by the :mod:`timeline.formats.script` package,
one topic per module; this module is its public face.
"""

from __future__ import annotations

from .script.builder import LAYOUT as _LAYOUT
from .script.builder import StoryBuilder, build_story
from .script.builder import printed_lines as _printed_lines
from .script.elements import KINDS, MAX_SCREENPLAY_BYTES, Element, check_size, cue_name, name_key, script_counts
from .script.headings import Heading, parse_heading
from .script.presence import COMMON as _COMMON
from .script.presence import NameMatcher as _NameMatcher
from .script.words import slug, title_case

__all__ = [
    "MAX_SCREENPLAY_BYTES",
    "check_size",
    "KINDS",
    "Element",
    "Heading",
    "parse_heading",
    "cue_name",
    "name_key",
    "title_case",
    "slug",
    "StoryBuilder",
    "build_story",
    "script_counts",
]
