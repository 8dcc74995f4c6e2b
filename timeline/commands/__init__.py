"""Subcommands of ``scene-timeline``: one module each, see :mod:`timeline.cli`."""
