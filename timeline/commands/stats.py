"""``scene-timeline stats FILE``: counts per story, character and location.

Examples::

    scene-timeline stats data/desperado.yaml
    scene-timeline stats data/desperado.yaml --json

The table numbers scenes from 1 in telling order, as the app does. ``--json``
prints ``{"title", "scenes": [...], "characters": [...], "locations": [...]}``
(see :func:`timeline.export.data.story_json`): a character's or location's
``scenes`` is a count, ``lines`` the total of its spoken cues.

Both also give the story's nonlinearity (:func:`timeline.narrative.nonlinearity`:
the share of scene pairs told in the opposite order to their story order, the
jumps back in time and the scenes out of place); ``--json`` under
``"nonlinearity"``.
"""

from __future__ import annotations

import argparse
import json

from . import documented_parser, edits_of, edits_parent


def add_parser(sub) -> None:
    p = documented_parser(sub, "stats", "print counts per character and location (a table, or JSON with --json)",
                          __doc__, parents=[edits_parent()])
    p.add_argument("file", help="story file (.yaml, .json, .fountain, .fdx, ...)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--format", help="force a reader instead of guessing from the extension")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..formats import load_story

    story = load_story(args.file, format=args.format, edits=edits_of(args))
    if args.json:
        from ..export.data import story_json

        from ..narrative import nonlinearity

        data = story_json(story)
        data["nonlinearity"] = nonlinearity(story).to_dict()
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(render_table(story), end="")
    return 0


def _table(header: list[str], rows: list[list], right: set[int]) -> list[str]:
    cells = [header] + [["" if v is None else str(v) for v in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    out = []
    for r in cells:
        parts = [r[i].rjust(widths[i]) if i in right else r[i].ljust(widths[i]) for i in range(len(header))]
        out.append("  ".join(parts).rstrip())
    return out


def render_table(story) -> str:
    """The human-readable summary ``stats`` prints (text ending in a newline)."""
    from ..graph import character_stats

    lines = [story.title,
             f"{len(story.scenes)} scenes, {len(story.characters)} characters, "
             f"{len(story.locations)} locations, {len(story.interactions)} interactions"]
    lines += _nonlinearity_lines(story) + [""]

    def where(sid, idx):
        return "" if sid is None else f"{idx + 1} {sid}"

    rows = [[r["id"], r["name"], r["scenes"], r["lines"], where(r["first_scene"], r["first_index"]),
             where(r["last_scene"], r["last_index"]), r["degree"], f"{r['betweenness']:.3f}"]
            for r in character_stats(story)]
    lines += _table(["character", "name", "scenes", "lines", "first", "last", "degree", "betweenness"],
                    rows, right={2, 3, 6, 7})
    if story.locations:
        count = {loc.id: 0 for loc in story.locations}
        for s in story.scenes:
            if s.location is not None:
                count[s.location] = count.get(s.location, 0) + 1
        lines.append("")
        lines += _table(["location", "name", "scenes"],
                        [[loc.id, loc.name, count[loc.id]] for loc in story.locations], right={2})
    return "\n".join(lines) + "\n"


def _nonlinearity_lines(story) -> list[str]:
    """How far telling departs from story order (see :func:`timeline.narrative.nonlinearity`)."""
    from ..narrative import nonlinearity

    m = nonlinearity(story)
    if not story.chronology:
        return ["no story order in this script: its scenes have no chronology of their own"]
    if m.linear:
        return ["nonlinearity 0: told in story order"]
    out = [f"nonlinearity {m.score:.3f} (share of scene pairs told out of story order): "
           f"{m.jumps_back} jump{'s' if m.jumps_back != 1 else ''} back in time, "
           f"{m.out_of_place} of {m.scenes} scenes out of place"]
    if m.jumps:
        shown = ", ".join(f"{j.index + 1} ({j.scene})" for j in m.jumps[:8])
        more = f" and {m.jumps_back - 8} more" if m.jumps_back > 8 else ""
        out.append(f"jumps back in time at scenes: {shown}{more}")
    return out
