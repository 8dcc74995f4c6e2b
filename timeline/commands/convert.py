"""``scene-timeline convert FILE -o OUT``: the story in another format.

Examples::

    scene-timeline convert script.fountain -o script.yaml
    scene-timeline convert data/desperado.yaml -o desperado.graphml
    scene-timeline convert data/desperado.yaml -o presence.csv --presence
    scene-timeline convert script.pdf -o script.fountain

OUT's extension picks the output: ``.yaml``/``.yml`` or ``.json`` (the story
file format, readable again by every command), ``.graphml`` or ``.gexf`` (the
story graph: scenes, characters, locations and how they connect), ``.csv``
(the scenes table; the scene x character presence matrix with
``--presence``), ``.fountain`` (a screenplay's lines -- from a PDF, a typed
or HTML script, FDX or Fountain -- as Fountain, to correct in a text editor).
An existing OUT is kept unless ``--force``.
"""

from __future__ import annotations

import argparse

from ..errors import StoryError
from . import documented_parser, edits_of, edits_parent


def add_parser(sub) -> None:
    p = documented_parser(sub, "convert", "write the story as YAML/JSON, its graph as GraphML/GEXF, or CSV tables", __doc__,
                          parents=[edits_parent()])
    p.add_argument("file", help="story file (.yaml, .json, .fountain, .fdx, ...)")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="output file: .yaml, .yml, .json, .graphml, .gexf, .csv or .fountain")
    p.add_argument("--presence", action="store_true", help="for .csv: the scene x character presence matrix")
    p.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    p.add_argument("--format", help="force a reader instead of guessing from the extension")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..export.data import DATA_FORMATS, write_data
    from ..formats import load_story

    out = args.output
    ext = "." + out.rsplit(".", 1)[-1].lower() if "." in out.rsplit("/", 1)[-1] else ""
    if ext == ".fountain":
        from ..export.fountain import write_fountain

        if args.presence:
            raise StoryError(f"{out}: --presence applies to .csv output only")
        try:
            path = write_fountain(args.file, out, format=args.format, force=args.force)
        except OSError as e:
            raise StoryError(f"{out}: cannot write: {e.strerror or e}") from None
        print(f"{path}: wrote the screenplay as Fountain")
        return 0
    if ext not in DATA_FORMATS:
        raise StoryError(f"{out}: unknown output format {ext or '(no extension)'!r} "
                         f"(known: {', '.join(DATA_FORMATS)}, .fountain)")
    if args.presence and ext != ".csv":
        raise StoryError(f"{out}: --presence applies to .csv output only")
    story = load_story(args.file, format=args.format, edits=edits_of(args))
    try:
        path = write_data(story, out, presence=args.presence, force=args.force)
    except OSError as e:  # e.g. OUT is a folder
        raise StoryError(f"{out}: cannot write: {e.strerror or e}") from None
    print(f"{path}: wrote {DATA_FORMATS[ext]}")
    return 0
