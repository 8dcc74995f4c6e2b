"""``scene-timeline validate [FILE]``: read a story and say whether it is valid.

Without FILE it checks the story shipped with the app (Desperado).
"""

from __future__ import annotations

import argparse

from . import edits_of, edits_parent


def add_parser(sub) -> None:
    p = sub.add_parser("validate", parents=[edits_parent()], help="check a story file; print problems as path:line:col: message")
    p.add_argument("file", nargs="?", help="story file (.yaml, .json, .fountain, .fdx, ...; default: the shipped Desperado)")
    p.add_argument("--format", help="force a reader instead of guessing from the extension")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..formats import load_story
    from ..resources import default_story_path

    if args.file is None:
        args.file = str(default_story_path())
    story = load_story(args.file, format=args.format, edits=edits_of(args))
    print(f"{args.file}: ok: {story.title!r}, {len(story.scenes)} scenes, "
          f"{len(story.characters)} characters, {len(story.locations)} locations")
    return 0
