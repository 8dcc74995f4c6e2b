"""``scene-timeline layout FILE``: lay out a storyline and report its crossings.

With ``--json`` prints ``{"crossings", "wiggles", "movement", "segments",
"height", "y_method", "layers", "seconds", "optimal", "lower_bound", "method"}``
where ``layers`` are the crossing convention's layers (consecutive identical
layers merged), each the character ids top to bottom, so anyone can recount the
crossings from them; ``wiggles`` are the segments (a line between two
consecutive layers) that move, ``movement`` their total vertical movement and
``height`` the chart's height, in line slots.
"""

from __future__ import annotations

import argparse
import json

from . import edits_of, edits_parent


def add_parser(sub) -> None:
    p = sub.add_parser("layout", parents=[edits_parent()], help="lay out a storyline chart; print crossings (and the layer orders with --json)")
    p.add_argument("file", help="story file (.yaml, .json, .fountain, *_list.txt, StoryFlow .xml, SGB .dat, ...)")
    p.add_argument("--format", help="force a reader instead of guessing from the extension")
    p.add_argument("--part", help="SGB files: keep chapters whose id starts with PART. (anna: part, jean: volume)")
    p.add_argument("--method", choices=("heuristic", "exact", "naive"), default="heuristic")
    p.add_argument("--time-limit", type=float, default=None, help="seconds: the heuristic's safety cap (default 60; its budget is counted in moves, so a seed gives the same layout on any machine) or the exact method's limit (its start, model building and solving)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..formats import load_story
    from ..storyline import layout_story

    options = {}
    if args.part is not None:
        options["part"] = args.part
    story = load_story(args.file, format=args.format, edits=edits_of(args), **options)
    lay = layout_story(story, method=args.method, time_limit=args.time_limit, seed=args.seed)
    merged = lay.merged_orders()
    if args.json:
        print(json.dumps({
            "crossings": lay.crossings,
            "wiggles": lay.wiggles,
            "movement": lay.movement,
            "segments": lay.segments,
            "height": lay.height,
            "y_method": lay.y_method,
            "layers": [list(o) for o in merged],
            "seconds": round(lay.seconds, 4),
            "optimal": lay.optimal,
            "lower_bound": lay.lower_bound,
            "method": lay.method,
        }))
    else:
        chars = {c for layer in lay.layers for c in layer.order}
        proof = ""
        if lay.method == "exact":
            proof = " (optimal)" if lay.optimal else f" (lower bound {lay.lower_bound})"
        print(f"{args.file}: {len(chars)} characters, {len(merged)} layers ({len(lay.layers)} before merging), "
              f"{lay.crossings} crossings{proof}, {lay.wiggles} of {lay.segments} segments move "
              f"({lay.movement:g} slots), height {lay.height:g}, "
              f"{lay.method} in {lay.seconds:.2f} s")
    return 0
