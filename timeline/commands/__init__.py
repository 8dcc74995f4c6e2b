"""Subcommands of ``scene-timeline``: one module each, see :mod:`timeline.cli`."""

from __future__ import annotations

import argparse


def documented_parser(sub, name: str, help: str, doc: str) -> argparse.ArgumentParser:
    """A subcommand parser whose ``--help`` shows the module docstring ``doc``.

    Its first paragraph is the description, the rest the epilog (kept as written).

    >>> p = documented_parser(argparse.ArgumentParser().add_subparsers(), "x", "short", "One.\\n\\nTwo.")
    >>> p.description, p.epilog
    ('One.', 'Two.')
    """
    description, epilog = doc.split("\n\n", 1)
    return sub.add_parser(name, help=help, description=description, epilog=epilog,
                          formatter_class=argparse.RawDescriptionHelpFormatter)
