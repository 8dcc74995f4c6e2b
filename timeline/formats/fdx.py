"""Final Draft (``.fdx``) reader.

The XML is parsed with :mod:`defusedxml` (entity declarations, so "billion
laughs" bombs, and external entities are refused). Only the script's own
``<FinalDraft><Content>`` paragraphs are read (not headers, footers, the title
page or element settings):

* ``<Paragraph Type="...">``: the ``<Text>`` runs are concatenated. Types map to
  the Fountain elements: Scene Heading -> heading (``Number`` attribute -> scene
  number), Action/General/Shot -> action, Character, Dialogue, Parenthetical,
  Transition, Lyrics, Center/Cast List -> centred text, New Act -> section.
* ``<DualDialogue>`` inside a paragraph holds both speakers' paragraphs; both
  cues count. Nesting deeper than :data:`MAX_DUAL_DEPTH` is refused.
* ``<SceneProperties Title=...>`` gives the scene's title, its ``<Summary>``
  paragraphs the summary.
* The first non-empty paragraph of ``<TitlePage>`` is the story title.

The story is then built like a Fountain script
(:func:`~timeline.formats.screenplay.build_story`).
Malformed XML, forbidden entities and files that are not Final Draft scripts
raise :class:`~timeline.errors.StoryFormatError` with line and column when known.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from ..errors import StoryFormatError
from ..model import Story
from .screenplay import Element, build_story, check_size, cue_name

__all__ = ["parse_fdx", "read_fdx", "MAX_DUAL_DEPTH"]

#: Deepest nesting of ``<DualDialogue>`` read (Final Draft writes one level).
MAX_DUAL_DEPTH = 8

_KIND = {
    "scene heading": "heading",
    "action": "action",
    "general": "action",
    "shot": "action",
    "character": "character",
    "dialogue": "dialogue",
    "parenthetical": "parenthetical",
    "transition": "transition",
    "lyrics": "lyrics",
    "center": "centered",
    "cast list": "centered",
    "new act": "section",
    "end of act": "centered",
}


class _LineTreeBuilder(ET.TreeBuilder):
    """A TreeBuilder that records the source line of each ``tag`` element."""

    def __init__(self, tag: str = "Paragraph"):
        super().__init__()
        self.parser = None
        self.tag = tag
        self.lines: dict[int, int] = {}

    def start(self, tag, attrs):
        el = super().start(tag, attrs)
        if self.parser is not None and tag == self.tag:
            self.lines[id(el)] = self.parser.parser.CurrentLineNumber
        return el


def parse_xml(data: bytes, path: str, tag: str = "Paragraph"):
    """``(root, {id(element): line})`` of a screenplay's XML, the lines of its ``tag``
    elements recorded; :mod:`defusedxml` refuses entity bombs and external references.
    Errors are :class:`StoryFormatError` with the line and column."""
    builder = _LineTreeBuilder(tag)
    parser = DefusedXMLParser(target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    builder.parser = parser

    def where():
        try:
            return parser.parser.CurrentLineNumber, parser.parser.CurrentColumnNumber + 1
        except Exception:
            return 0, 0

    try:
        parser.feed(data)
        root = parser.close()
    except ET.ParseError as e:
        line, col = getattr(e, "position", (0, 0)) or (0, 0)
        msg = str(e).split(":")[0] if str(e) else "malformed XML"
        raise StoryFormatError(path, line, (col or 0) + 1, f"not well-formed XML: {msg}") from None
    except DefusedXmlException as e:
        line, col = where()
        raise StoryFormatError(path, line, col, f"refused: the file declares XML entities or external references ({type(e).__name__})") from None
    except (ValueError, TypeError, LookupError) as e:  # e.g. unknown encoding
        line, col = where()
        raise StoryFormatError(path, line, col, f"cannot read XML: {e}") from None
    return root, builder.lines


def _text(par) -> str:
    return "".join((t.text or "") for t in par.findall("Text"))


def parse_fdx(data: bytes, path: str = "<string>") -> tuple[list[Element], str | None]:
    """Parse FDX bytes into screenplay elements and the title (if any).

    Raises
    ------
    StoryFormatError
        For input that is not a well-formed Final Draft script.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    check_size(data, path)
    if not data.strip():
        raise StoryFormatError(path, 1, 1, "empty file")
    root, lines = parse_xml(data, path)
    if root.tag != "FinalDraft":
        raise StoryFormatError(path, lines.get(id(root), 1) or 1, 1, f"not a Final Draft file (root element <{root.tag}>, expected <FinalDraft>)")
    content = root.find("Content")
    elements: list[Element] = []
    if content is None:
        return elements, None

    def add_paragraph(par, depth=0):
        line = lines.get(id(par), 0)
        dual = par.find("DualDialogue")
        if dual is not None:
            if depth >= MAX_DUAL_DEPTH:
                raise StoryFormatError(path, line or 1, 1, f"<DualDialogue> is nested more than {MAX_DUAL_DEPTH} deep "
                                       "(Final Draft writes one level)")
            first_cue = True
            for sub in dual.findall("Paragraph"):
                e = add_paragraph(sub, depth + 1)
                if e is not None and e.kind == "character":
                    e.dual = not first_cue
                    first_cue = False
            return None
        ptype = (par.get("Type") or "").strip().casefold()
        kind = _KIND.get(ptype, "action")
        text = _text(par).replace("\r\n", "\n").replace("\r", "\n")
        if kind == "heading":
            e = Element("heading", text.strip(), line, number=(par.get("Number") or "").strip() or None)
            props = par.find("SceneProperties")
            if props is not None:
                t = (props.get("Title") or "").strip()
                if t:
                    e.label = t
            elements.append(e)
            if props is not None:
                summary = props.find("Summary")
                if summary is not None:
                    s = "\n".join(_text(p) for p in summary.iter("Paragraph")).strip()
                    if s:
                        elements.append(Element("synopsis", s, line))
            return e
        if kind == "character":
            name, ext = cue_name(text)
            if not name:
                return None
            e = Element("character", text.strip(), line, name=name, extension=ext)
        elif kind == "section":
            e = Element("section", text.strip(), line, depth=1)
        else:
            if not text.strip() and kind == "action":
                return None
            e = Element(kind, text if kind == "action" else text.strip(), line)
        elements.append(e)
        return e

    for par in content.findall("Paragraph"):
        add_paragraph(par)

    title = None
    tp = root.find("TitlePage")
    if tp is not None:
        tcontent = tp.find("Content")
        if tcontent is not None:
            for par in tcontent.iter("Paragraph"):
                t = _text(par).strip()
                if t:
                    title = t
                    break
    return elements, title


def read_fdx(data: bytes, path: str, *, clean: bool = True) -> Story:
    """Read a Final Draft screenplay into a :class:`Story`.

    Parameters
    ----------
    data : bytes
        The ``.fdx`` file's bytes.
    path : str
        Name for messages; its stem is the title when the title page has none.
    clean : bool
        As in :func:`timeline.formats.fountain.read_fountain`: True (default)
        merges, splits and drops cast and places with a note each; False
        reads them literally.

    Raises
    ------
    StoryFormatError
        For malformed XML, entity declarations, external entities, or a
        document that is not a Final Draft script.
    """
    elements, title = parse_fdx(data, path)
    return build_story(elements, path, title=title, fmt="fdx", clean=clean)
