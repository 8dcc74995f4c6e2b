"""``scene-timeline draft SUMMARY.txt -o STORY.yaml``: a draft story from a plot summary.

Examples::

    scene-timeline draft seeds/desperado.txt -o desperado-draft.yaml
    scene-timeline draft plot.txt -o plot.yaml --force

Reads prose (a Wikipedia "Plot" section, a synopsis, your own outline) and writes
a story file to edit: characters, places and scenes, each scene quoting the
sentences it comes from, everything marked ``inferred``, and import notes for what
was left out (an introduction, a cast list) or guessed. No network, no model
download. A screenplay is refused: read it with ``convert`` instead. An existing
OUT is kept unless ``--force``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import StoryError
from . import documented_parser


def add_parser(sub) -> None:
    p = documented_parser(sub, "draft", "draft a story file (YAML) from a plot summary in plain text", __doc__)
    p.add_argument("file", help="the plot summary: a plain-text file (UTF-8)")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the story file to write: .yaml or .yml")
    p.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..draft.yaml_text import draft_yaml
    from ..export.files import write_text
    from ..formats import load_story

    out = args.output
    if not out.lower().endswith((".yaml", ".yml")):
        raise StoryError(f"{out}: a draft is written as a story file: give OUT a .yaml or .yml name")
    story = load_story(args.file, format="draft")
    try:
        path = write_text(out, draft_yaml(story, Path(args.file).name), force=args.force)
    except OSError as e:
        raise StoryError(f"{out}: cannot write: {e.strerror or e}") from None
    notes = len(story.notes)
    print(f"{path}: drafted {len(story.scenes)} scenes, {len(story.characters)} characters, "
          f"{len(story.locations)} places ({notes} import note{'s' if notes != 1 else ''}); every part is inferred")
    return 0
