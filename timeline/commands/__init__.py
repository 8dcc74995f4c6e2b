"""Subcommands of ``scene-timeline``: one module each, see :mod:`timeline.cli`."""

from __future__ import annotations

import argparse


def edits_parent() -> argparse.ArgumentParser:
    """The options every command that reads a story shares: ``--edits`` / ``--no-edits``
    (see :mod:`timeline.edits`); :func:`edits_of` turns them into ``load_story``'s ``edits=``."""
    p = argparse.ArgumentParser(add_help=False)
    g = p.add_argument_group("corrections (the edits file)")
    x = g.add_mutually_exclusive_group()
    x.add_argument("--edits", metavar="EDITS",
                   help="apply this edits file (YAML: merges, drops, renames ...); by default the sidecar "
                        "<stem>.edits.yaml beside the story is applied when there is one")
    x.add_argument("--no-edits", dest="edits", action="store_false",
                   help="read the story as it is, without its sidecar edits file")
    return p


def edits_of(args: argparse.Namespace):
    """``load_story``'s ``edits=`` from ``--edits``/``--no-edits``: a path, False, or None (the sidecar)."""
    return getattr(args, "edits", None)


def documented_parser(sub, name: str, help: str, doc: str, parents=()) -> argparse.ArgumentParser:
    """A subcommand parser whose ``--help`` shows the module docstring ``doc``.

    Its first paragraph is the description, the rest the epilog (kept as written).

    >>> p = documented_parser(argparse.ArgumentParser().add_subparsers(), "x", "short", "One.\\n\\nTwo.")
    >>> p.description, p.epilog
    ('One.', 'Two.')
    """
    description, epilog = doc.split("\n\n", 1)
    return sub.add_parser(name, help=help, description=description, epilog=epilog, parents=list(parents),
                          formatter_class=argparse.RawDescriptionHelpFormatter)
