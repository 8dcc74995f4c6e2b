"""Screenplay elements: what the Fountain and FDX readers give the story builder.

The readers are exact (the Fountain spec, Final Draft's paragraph types);
:func:`script_counts` counts their elements as the corpus README does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ...errors import StoryFormatError
from .._text import format_size

__all__ = ["MAX_SCREENPLAY_BYTES", "check_size", "KINDS", "Element", "cue_name", "name_key", "script_counts"]

#: The largest screenplay the readers accept (a feature film is ~250 KB).
MAX_SCREENPLAY_BYTES = 16 * 1024 * 1024


def check_size(data, path: str) -> None:
    """Refuse inputs over :data:`MAX_SCREENPLAY_BYTES` (bounded reading time)."""
    if len(data) > MAX_SCREENPLAY_BYTES:
        raise StoryFormatError(path, 0, 0, f"screenplay is {format_size(len(data))}; the limit is "
                               f"{format_size(MAX_SCREENPLAY_BYTES)} (a feature film is about 0.25 MB)")


#: Element kinds shared by the readers.
KINDS = (
    "title",          # title page entry: key, text
    "heading",        # scene heading: text (without forced '.' and scene number), number
    "action",
    "character",      # cue: text as written (without '@'), name, extension, dual
    "dialogue",
    "parenthetical",
    "transition",
    "centered",
    "lyrics",
    "section",        # depth
    "synopsis",
    "note",
    "page_break",
)


@dataclass(slots=True)
class Element:
    """One screenplay element.

    Attributes
    ----------
    kind : str
        One of :data:`KINDS`.
    text : str
        The element's text (markers such as ``.``, ``@``, ``>`` removed; several
        lines joined with ``\\n``).
    line : int
        1-based line of the source where the element starts (FDX: the line of
        its ``<Paragraph>`` when known, else 0).
    """

    kind: str
    text: str
    line: int = 0
    number: str | None = None      # heading: scene number
    name: str | None = None        # character: the bare name (no extension or markers)
    extension: str | None = None   # character: "(V.O.)" etc.
    dual: bool = False             # character: second speaker of dual dialogue (^)
    depth: int = 0                 # section depth (number of '#')
    key: str | None = None         # title page key
    forced: bool = False           # written with a forcing marker
    label: str | None = None       # heading: a scene title given by the source (FDX)


_PAREN = re.compile(r"\([^()]*\)?")
_SPACES = re.compile(r"\s+")


def cue_name(cue: str) -> tuple[str, str | None]:
    """The bare name and the extension(s) of a character cue.

    ``@``, a trailing ``^``, parenthesised extensions and a bare ``CONT'D``
    are removed; spacing is collapsed.

    >>> cue_name("@McCLANE (V.O.) (CONT'D) ^")
    ('McCLANE', "(V.O.) (CONT'D)")
    """
    s = cue.strip()
    if s.startswith("@"):
        s = s[1:]
    s = s.rstrip()
    if s.endswith("^"):
        s = s[:-1]
    exts = []
    name = s
    if "(" in s:
        exts = [m.group(0) for m in _PAREN.finditer(s)]
        name = _PAREN.sub(" ", s)
    name = _SPACES.sub(" ", name).strip(" :")
    up = name.upper()
    for tail in (" CONT'D", " CONT’D", " CONTD", " CONT."):
        if up.endswith(tail):
            exts.append(name[-len(tail) + 1:])
            name = name[: -len(tail)].rstrip()
            up = name.upper()
    return name, (" ".join(exts) or None)


def name_key(name: str) -> str:
    """The key under which two spellings of one name are the same speaker
    (case and spacing; the corpus README's definition)."""
    return _SPACES.sub(" ", name.replace("’", "'")).strip().upper()


def script_counts(elements: Iterable[Element]) -> tuple[int, int, int]:
    """(headings, cues, distinct speakers) of a script, as in the corpus README."""
    h = c = 0
    speakers = set()
    for e in elements:
        if e.kind == "heading":
            h += 1
        elif e.kind == "character":
            c += 1
            speakers.add(name_key(e.name or cue_name(e.text)[0]))
    return h, c, len(speakers)
