"""A screenplay's labelled lines (not the story): what ``convert -o x.fountain`` writes back.

:func:`load_script` reads a Fountain, FDX, PDF, typed-text or HTML screenplay into
its :class:`~timeline.formats.script.elements.Element` list and title, with the
same readers (and, for a ``.txt``, the same decision) as :func:`timeline.formats.load_story`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import StoryFormatError
from . import MAX_BYTES, format_for
from ._text import decode_text, read_limited
from .script.elements import Element

__all__ = ["Script", "load_script", "loads_script", "SCRIPT_FORMATS"]

#: The readers whose source is a screenplay (their lines can be written back as Fountain).
SCRIPT_FORMATS = ("fountain", "fdx", "osf", "pdf", "docx", "text-script", "play", "text")


@dataclass
class Script:
    """A screenplay's elements in order, its title (or None) and title-page entries."""

    elements: list[Element]
    title: str | None = None
    metadata: dict = field(default_factory=dict)
    format: str = ""


def load_script(path: str | os.PathLike, format: str | None = None) -> Script:
    """Read a screenplay file's elements (see the module docstring).

    Raises
    ------
    StoryFormatError
        For a file that is not a screenplay (a story file, a benchmark list,
        prose) or cannot be read.
    """
    p = Path(path)
    data = read_limited(p, MAX_BYTES, "script")
    return loads_script(data, format or format_for(p), str(p))


def loads_script(data: bytes, format: str | None, path: str = "<string>") -> Script:
    """:func:`load_script` for bytes in memory."""
    fmt = format or format_for(path)
    if fmt == "text":
        from .text import detect_text_format

        fmt, reason = detect_text_format(data, path)
        if fmt not in SCRIPT_FORMATS:
            raise StoryFormatError(path, 0, 0, f"this text is {reason}, not a screenplay: nothing to write as Fountain")
    if fmt == "fountain":
        from .fountain import parse_fountain

        try:
            els = parse_fountain(decode_text(data, path))
        except StoryFormatError as e:
            raise StoryFormatError(path, e.line, e.column, e.message) from None
        title = next((e.text for e in els if e.kind == "title" and (e.key or "").lower() == "title"), None)
        meta = {e.key: e.text for e in els if e.kind == "title" and e.key}
        return Script([e for e in els if e.kind != "title"], title, meta, fmt)
    if fmt == "fdx":
        from .fdx import parse_fdx

        els, title = parse_fdx(data, path)
        return Script(els, title, {}, fmt)
    if fmt == "osf":
        from .osf import parse_osf

        els, title = parse_osf(data, path)
        return Script(els, title, {}, fmt)
    if fmt == "pdf":
        from .pdf import parse_pdf

        els, title, info = parse_pdf(data, path)
        return Script(els, title, {"pages": info["pages"]}, fmt)
    if fmt == "play":
        from .play import parse_play

        els, title = parse_play(data, path)
        return Script(els, title, {}, fmt)
    if fmt == "text-script":
        from .text import parse_text_script

        els, title, _ = parse_text_script(data, path)
        return Script(els, title, {}, fmt)
    if fmt == "docx":  # laid out as typed text, then read as its content calls for
        from .docx import docx_text
        from .text import detect_text_format, parse_text_script

        text, bold, _ = docx_text(data, path)
        kind, reason = detect_text_format(text, path)
        if kind == "text-script":
            els, title, _ = parse_text_script(text, path, bold=bold)
            return Script(els, title, {}, fmt)
        if kind in ("fountain", "play"):
            return loads_script(text.encode("utf-8"), kind, path)
        raise StoryFormatError(path, 0, 0, f"this Word document is {reason}, not a screenplay: nothing to write as "
                               "Fountain")
    known = ", ".join(SCRIPT_FORMATS)
    raise StoryFormatError(path, 0, 0, f"a {fmt or 'file of unknown format'} is not a screenplay: only a screenplay "
                           f"({known}) can be written as Fountain")
