"""The ``scene-timeline`` command line.

Each subcommand lives in its own module in :mod:`timeline.commands` with
``add_parser(subparsers)`` (which sets ``func``) and a ``run(args) -> int``.
Every :class:`~timeline.errors.StoryError` ends as one line on stderr
(``path:line:col: message`` for bad input) and exit status 2; nobody sees a
traceback for bad input.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from . import __version__
from .errors import StoryError

__all__ = ["main", "build_parser", "COMMANDS"]

#: Subcommand modules under timeline.commands, in the order --help lists them.
COMMANDS = ("validate", "stats", "convert", "draft", "layout", "export", "serve")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scene-timeline",
        description="Storyline charts, scene strips and character networks from stories and screenplays.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="also log what the library does (timings, fallbacks)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"timeline.commands.{name}")
        except ModuleNotFoundError as e:
            if e.name == f"timeline.commands.{name}":
                continue  # not written yet
            raise
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _configure_logging(args.verbose)
    try:
        return int(args.func(args) or 0)
    except StoryError as e:
        print(f"scene-timeline: {e}" if not hasattr(e, "line") else str(e), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _configure_logging(verbose: bool) -> None:
    """The library logs (never prints); the command shows warnings on stderr, one line each."""
    root = logging.getLogger()
    if not root.handlers:  # a host program's own logging setup wins
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("scene-timeline: %(message)s"))
        root.addHandler(handler)
    logging.getLogger("timeline").setLevel(logging.INFO if verbose else logging.WARNING)


if __name__ == "__main__":
    sys.exit(main())
