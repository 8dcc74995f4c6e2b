"""``scene-timeline validate FILE``: read a story and say whether it is valid."""

from __future__ import annotations

import argparse


def add_parser(sub) -> None:
    p = sub.add_parser("validate", help="check a story file; print problems as path:line:col: message")
    p.add_argument("file", help="story file (.yaml, .json, .fountain, .fdx, ...)")
    p.add_argument("--format", help="force a reader instead of guessing from the extension")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..formats import load_story

    story = load_story(args.file, format=args.format)
    print(f"{args.file}: ok: {story.title!r}, {len(story.scenes)} scenes, "
          f"{len(story.characters)} characters, {len(story.locations)} locations")
    return 0
