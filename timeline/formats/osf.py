"""Fade In (``.fadein``) and Open Screenplay Format (``.osf``) reader.

Fade In saves a script as a zip archive whose ``document.xml`` is an Open
Screenplay Format document; an ``.osf`` file is that XML alone. Like Final
Draft's, it is a list of styled paragraphs::

    <document type="Open Screenplay Format document" version="...">
      <info title="..."/>
      <paragraphs>
        <para><style basestylename="Scene Heading"/><text>Ext. house - day</text></para>
        <para><style basestylename="Character"/><text>Ann</text></para>
        ...

Each ``<para>``'s style (``basestylename``, or ``basestyle``/``name``) gives its
element as for FDX (Scene Heading, Action, Character, Parenthetical, Dialogue,
Transition, Shot, Lyrics, Cast List, New Act...), its ``<text>`` runs its words. Fade
In keeps what was typed and shows headings, cues and transitions in capitals by
their style: they are read in capitals. A scene number is the paragraph's
``number`` (or ``scene_number``) attribute. The title is the ``<info>`` title
unless it is Fade In's "Untitled Screenplay" (else the title page's first line).
The XML is parsed with :mod:`defusedxml`; the archive is unpacked with the same
size limits as a Word document (:func:`timeline.formats.docx.zip_part`).
"""

from __future__ import annotations

import io
import zipfile

from ..errors import StoryFormatError
from ..model import Story
from .fdx import _KIND, parse_xml
from .screenplay import Element, build_story, check_size, cue_name

__all__ = ["read_osf", "parse_osf", "READER_VERSION"]

READER_VERSION = 1
#: Styles shown in capitals whatever was typed.
_CAPITALS = ("heading", "character", "transition")
_UNTITLED = {"untitled screenplay", "untitled", ""}


def _style(par) -> str:
    st = par.find("style")
    if st is None:
        return ""
    return (st.get("basestylename") or st.get("basestyle") or st.get("name") or "").strip().casefold()


def _text(par) -> str:
    return "".join("".join(t.itertext()) for t in par.findall("text"))


def _xml(data: bytes, path: str) -> bytes:
    """The OSF XML of a ``.fadein`` archive, or ``data`` itself (an ``.osf``)."""
    if data[:2] != b"PK":
        return data
    from .docx import zip_part

    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise StoryFormatError(path, 0, 0, "not a Fade In file (a damaged zip archive)") from None
    raw = zip_part(z, "document.xml", path, what="a Fade In file")
    if raw is None:
        raise StoryFormatError(path, 0, 0, "not a Fade In file: the archive has no document.xml")
    return raw


def parse_osf(data: bytes, path: str = "<string>") -> tuple[list[Element], str | None]:
    """A Fade In or OSF script's screenplay elements and its title (or None).

    Raises
    ------
    StoryFormatError
        For a file that is not a Fade In / OSF script, or malformed XML (with its line).
    """
    check_size(data, path)
    xml = _xml(data, path)
    check_size(xml, path)
    if not xml.strip():
        raise StoryFormatError(path, 1, 1, "empty file")
    root, lines = parse_xml(xml, path, tag="para")
    if root.tag != "document" or root.find("paragraphs") is None:
        raise StoryFormatError(path, lines.get(id(root), 1) or 1, 1, f"not an Open Screenplay Format document (root "
                               f"element <{root.tag}>, expected <document> with <paragraphs>)")
    elements: list[Element] = []
    for par in root.find("paragraphs").findall("para"):
        line = lines.get(id(par), 0)
        kind = _KIND.get(_style(par), "action")
        text = _text(par).replace("\r\n", "\n").replace("\r", "\n")
        if kind in _CAPITALS:
            text = text.upper()
        if not text.strip():
            continue
        if kind == "heading":
            number = (par.get("number") or par.get("scene_number") or "").strip() or None
            elements.append(Element("heading", text.strip(), line, number=number))
        elif kind == "character":
            name, ext = cue_name(text)
            if name:
                elements.append(Element("character", text.strip(), line, name=name, extension=ext))
        elif kind == "section":
            elements.append(Element("section", text.strip(), line, depth=1))
        else:
            elements.append(Element(kind, text if kind == "action" else text.strip(), line))
    info = root.find("info")
    title = (info.get("title") or "").strip() if info is not None else ""
    if title.casefold() in _UNTITLED:
        title = ""
        tp = root.find("titlepage")
        if tp is not None:
            title = next((t for t in (_text(p).strip() for p in tp.iter("para")) if t), "")
    return elements, title or None


def read_osf(data: bytes, path: str, *, clean: bool = True) -> Story:
    """Read a Fade In (``.fadein``) or Open Screenplay Format (``.osf``) script.

    Raises
    ------
    StoryFormatError
        For a file that is not one, is over the limits, or is malformed XML.
    """
    elements, title = parse_osf(data, path)
    return build_story(elements, path, title=title, fmt="fadein" if data[:2] == b"PK" else "osf", clean=clean)
