"""Story readers. Only this package reads story files.

:func:`load_story` picks a reader by the file's extension (or ``format=``);
:func:`loads_story` reads text or bytes already in memory (uploads).
Every reader raises :class:`~timeline.errors.StoryFormatError` for input it
cannot read, naming the file, line and column.

Readers register themselves in :data:`READERS` as
``name -> (extensions, function(data: bytes, path: str, **options) -> Story)``.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
from pathlib import Path
from typing import Callable

from ..errors import StoryFormatError
from ..model import Story
from ._text import format_size, read_limited

__all__ = ["load_story", "loads_story", "READERS", "format_for", "reader_version", "MAX_BYTES"]

#: The largest story source we read (bytes, 64 MB). Larger inputs are refused.
MAX_BYTES = 64 * 1024 * 1024

# name -> (module, function, extensions). Imported lazily so that a reader's
# dependencies are needed only when it is used.
_REGISTRY: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "yaml": ("timeline.formats.story_file", "read_yaml", (".yaml", ".yml")),
    "json": ("timeline.formats.story_file", "read_json", (".json",)),
    "fountain": ("timeline.formats.fountain", "read_fountain", (".fountain", ".spmd")),
    "fdx": ("timeline.formats.fdx", "read_fdx", (".fdx",)),
    "tanahashi": ("timeline.formats.benchmarks", "read_tanahashi", ("_list.txt",)),
    "storyflow": ("timeline.formats.benchmarks", "read_storyflow", (".xml",)),
    "sgb": ("timeline.formats.benchmarks", "read_sgb", (".dat",)),
    "storycurve": ("timeline.formats.storycurve", "read_storycurve", ("_simple.json",)),
    # A .txt may be a screenplay, Fountain saved as .txt, or prose: ``text`` decides on the
    # content (timeline/formats/text.py, the one place that decides), says so in a
    # ``read_as`` import note, and hands it to the reader it chose; ``format=`` overrides.
    "text": ("timeline.formats.text", "read_text", (".txt",)),
    # a screenplay typed as plain text, or an IMSDb-style HTML page with it in <pre>
    "text-script": ("timeline.formats.text", "read_text_script", (".html", ".htm")),
    "pdf": ("timeline.formats.pdf", "read_pdf", (".pdf",)),
    # Fade In's own files (a zip of Open Screenplay Format XML) and OSF XML
    "osf": ("timeline.formats.osf", "read_osf", (".fadein", ".osf")),
    # a Word document: laid out as typed text, then read as its content calls for (docx.py)
    "docx": ("timeline.formats.docx", "read_docx", (".docx",)),
    # a stage play or a transcript ("NAME: speech", "SCENE 2. A room."); chosen for a .txt by content
    "play": ("timeline.formats.play", "read_play", ()),
    # prose (a plot summary) drafted into a story; never chosen by extension alone
    "draft": ("timeline.draft", "read_draft", ()),
}


def _reader(name: str) -> Callable[..., Story]:
    module, func, _ = _REGISTRY[name]
    return getattr(importlib.import_module(module), func)


READERS = _REGISTRY  # public, read-only by convention


def reader_version(fmt: str | None) -> str:
    """What a story read by ``fmt`` depends on besides its bytes: the package version and the
    reader module's own ``READER_VERSION`` (a drafter that got better drafts the same text
    anew). Part of the key under which the app keeps an upload."""
    from .. import __version__

    if fmt not in _REGISTRY:
        return __version__
    module = importlib.import_module(_REGISTRY[fmt][0])
    return f"{__version__}+{getattr(module, 'READER_VERSION', 0)}"


def format_for(path: str | os.PathLike) -> str | None:
    """The reader name for ``path`` by its extension, or None."""
    name = os.fspath(path).lower()
    best = None
    for fmt, (_, _, exts) in _REGISTRY.items():
        for ext in exts:
            if name.endswith(ext) and (best is None or len(ext) > best[1]):
                best = (fmt, len(ext))
    return best[0] if best else None


def load_story(path: str | os.PathLike, format: str | None = None, *, edits=None, **options) -> Story:
    """Read a story file, then apply its edits file.

    Parameters
    ----------
    path : str or PathLike
        The file. Its extension picks the reader unless ``format`` is given.
    format : str, optional
        One of ``yaml``, ``json``, ``fountain``, ``fdx``, ``tanahashi``,
        ``storyflow``, ``sgb``, ``storycurve``, ``text``, ``text-script``, ``pdf``, ``docx``, ``osf``, ``play``, ``draft``.
    edits : None, False, path, mapping or Edits
        The corrections to apply (:mod:`timeline.edits`). None (default): the sidecar
        ``<stem>.edits.yaml`` beside the file, when there is one; False: none, the
        story as read; a path or data: that edits file.
    **options
        Passed to the reader (e.g. ``part="3"`` for SGB files). ``aliases=``
        (``{variant: name}``, or the path of a YAML file of them) is shorthand for
        ``characters.merge`` edits, applied before ``edits``.

    Raises
    ------
    StoryFormatError
        If the file is missing, too large, or cannot be read; or if an edit cannot
        be applied (``edits-file:line:col: problem``; nothing is changed).
    """
    from ..edits import EDITS_SUFFIX, load_edits, sidecar_for

    p = Path(path)
    if edits is None and not p.name.lower().endswith(EDITS_SUFFIX):
        side = sidecar_for(p)
        edits = side if side.is_file() else None
    if isinstance(edits, (str, os.PathLike)):
        edits = load_edits(edits)
    # at most MAX_BYTES + 1 bytes are read, whatever the source (devices, pipes)
    data = read_limited(p, MAX_BYTES, "story file")
    return loads_story(data, format=format or format_for(p), path=str(p), edits=edits or None, **options)


def loads_story(data: bytes | str, format: str | None, path: str = "<string>", *, edits=None, **options) -> Story:
    """Read a story from bytes or text already in memory (e.g. an upload).

    ``format`` may be None, in which case ``path``'s extension decides.
    ``edits`` (an :class:`~timeline.edits.Edits`, its data or YAML text) is applied
    when given; no sidecar is looked for. ``aliases=`` as for :func:`load_story`.
    """
    fmt = format or format_for(path)
    if fmt is None:
        known = ", ".join(sorted({e for _, _, exts in _REGISTRY.values() for e in exts}))
        raise StoryFormatError(path, 0, 0, f"unknown story format (known extensions: {known})")
    if fmt not in _REGISTRY:
        raise StoryFormatError(path, 0, 0, f"unknown format {fmt!r} (known: {', '.join(_REGISTRY)})")
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise StoryFormatError(path, 0, 0, f"the input is {format_size(len(data))}; the limit is {format_size(MAX_BYTES)}")
    aliases = options.pop("aliases", None)
    with _no_cyclic_gc():
        story = _reader(fmt)(data, path, **options)
    if aliases is not None or edits is not None:
        from ..edits import apply_edits, parse_edits

        if aliases is not None:
            story = apply_edits(story, _alias_edits(aliases, path))
        if edits is not None:
            doc = parse_edits(edits)
            story = apply_edits(story, doc, source=doc.source)
    return story


def _alias_edits(aliases, path: str):
    """``aliases=`` ({variant: name} or a YAML file of them) as ``characters.merge`` edits."""
    from ..edits import parse_edits

    where = str(aliases) if isinstance(aliases, (str, os.PathLike)) else f"{path} (aliases)"
    if isinstance(aliases, (str, os.PathLike)):
        import yaml

        text = read_limited(aliases, MAX_BYTES, "alias file").decode("utf-8", "replace")
        try:
            aliases = yaml.safe_load(text) or {}
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            raise StoryFormatError(where, (mark.line + 1) if mark else 0, (mark.column + 1) if mark else 0,
                                   "alias file is not valid YAML") from None
    if not isinstance(aliases, dict):
        raise StoryFormatError(where, 0, 0, "aliases must be a mapping {variant: name} or a YAML file of one")
    return parse_edits({"characters": {"merge": aliases}}, source=where)


@contextlib.contextmanager
def _no_cyclic_gc():
    """Pause the cyclic garbage collector while a reader builds its objects.

    A reader allocates millions of small objects that stay alive; the cyclic
    collector would walk them again and again (half the time of a 1.6 MB YAML
    story). Reference counting still frees everything; the collector runs
    again afterwards. Only the caller that paused it resumes it.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
