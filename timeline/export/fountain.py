"""A screenplay's labelled lines written as Fountain (https://fountain.io/syntax).

``scene-timeline convert script.pdf -o script.fountain`` ("melting" a PDF as Beat
and Highland do): a person can fix in a text editor what the reader got wrong,
and reading the Fountain back gives the same elements
(:func:`timeline.formats.fountain.parse_fountain`). Every element that Fountain
would read as something else is forced with its mark (``.`` heading, ``@``
cue, ``!`` action, ``>`` transition).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..formats.fountain import parse_fountain
from ..formats.script.elements import Element
from .files import write_text

__all__ = ["fountain_text", "write_fountain"]

_UNDER_CUE = ("dialogue", "parenthetical", "lyrics")


def _reads_as(kind: str, source: str, **kw) -> bool:
    """True if ``source``, alone between empty lines, reads back as one ``kind``
    element (with the attributes ``kw``)."""
    els = parse_fountain("\n" + source + "\n\n")
    if len(els) != 1 or els[0].kind != kind:
        return False
    return all(getattr(els[0], k) == v for k, v in kw.items())


def _heading(e: Element) -> str:
    text = " ".join(e.text.split())
    num = f" #{e.number}#" if e.number else ""
    return (text if _reads_as("heading", text) else "." + text) + num


def _cue(e: Element) -> str:
    text = " ".join(e.text.split()).rstrip("^").strip()
    line = text + (" ^" if e.dual else "")
    els = parse_fountain("\n" + line + "\nx\n")  # a cue needs a line under it
    return line if els and els[0].kind == "character" else "@" + line


def _action(text: str) -> str:
    lines = [ln.rstrip() for ln in text.split("\n")]
    body = "\n".join(ln if ln.strip() else " " for ln in lines)  # no empty line inside (forced on)
    if _reads_as("action", body, text=body):
        return body
    return "!" + body


def fountain_text(elements: list[Element], *, title: str | None = None, metadata: dict | None = None) -> str:
    """The Fountain text of ``elements`` (a title page first when ``title`` or
    ``metadata`` is given).

    >>> print(fountain_text([Element("heading", "INT. HOUSE - DAY"), Element("character", "BOB", name="BOB"),
    ...                      Element("dialogue", "Hi."), Element("action", "BANG")], title="X"), end="")
    Title: X
    <BLANKLINE>
    INT. HOUSE - DAY
    <BLANKLINE>
    BOB
    Hi.
    <BLANKLINE>
    BANG
    """
    out: list[str] = []
    page: list[str] = []
    if title:
        page.append(f"Title: {title}")
    for key, value in (metadata or {}).items():
        if key and str(key).lower() != "title" and value not in (None, ""):
            value = str(value)
            if "\n" in value:
                page.append(f"{key}:\n" + "\n".join("    " + v.strip() for v in value.split("\n")))
            else:
                page.append(f"{key}: {value}")
    if page:
        out.append("\n".join(page))
    prev = None
    for e in elements:
        k = e.kind
        if k in _UNDER_CUE and prev in ("character",) + _UNDER_CUE:
            if k == "parenthetical":
                t = " ".join(e.text.split())
                out[-1] += "\n" + (t if t.startswith("(") else f"({t})")
            elif k == "lyrics":
                out[-1] += "\n~" + e.text.strip()
            else:
                out[-1] += "\n" + "\n".join(ln.strip() or "  " for ln in e.text.split("\n"))
            prev = k
            continue
        if k == "heading":
            out.append(_heading(e))
        elif k == "character":
            out.append(_cue(e))
        elif k == "transition":
            t = " ".join(e.text.split())
            out.append(t if _reads_as("transition", t) else "> " + t)
        elif k == "centered":
            out.append(f"> {e.text.strip()} <")
        elif k == "section":
            out.append("#" * max(1, e.depth) + " " + e.text.strip())
        elif k == "synopsis":
            out.append("= " + e.text.strip())
        elif k == "note":
            out.append(f"[[{e.text.strip()}]]")
        elif k == "page_break":
            out.append("===")
        elif k == "lyrics":
            out.append("~" + e.text.strip())
        elif k == "title":
            continue
        elif e.text.strip():  # action, and dialogue without a cue
            out.append(_action(e.text))
        else:
            continue
        prev = k
    return "\n\n".join(out) + "\n"


def write_fountain(source: str | os.PathLike, out: str | os.PathLike, *, format: str | None = None,
                   force: bool = False) -> Path:
    """Read the screenplay ``source`` (Fountain, FDX, PDF, typed text, HTML) and
    write its lines to ``out`` as Fountain, whole or not at all.

    Raises
    ------
    StoryFormatError
        If ``source`` is not a screenplay or cannot be read.
    OutputExistsError
        If ``out`` exists and ``force`` is false.
    """
    from ..formats.script_source import load_script

    script = load_script(source, format)
    meta = {k: v for k, v in script.metadata.items() if script.format == "fountain"}
    return write_text(out, fountain_text(script.elements, title=script.title, metadata=meta), force=force)
