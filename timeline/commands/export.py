"""``scene-timeline export STORY``: charts as PNG, SVG, PDF or standalone HTML.

Examples::

    scene-timeline export data/desperado.yaml --chart storyline -o storyline.png
    scene-timeline export data/desperado.yaml --chart all --format svg -o charts/
    scene-timeline export data/desperado.yaml --chart strip --character Carolina \\
        --emphasis only --scenes 3-12 --preset slide -o carolina.pdf
    scene-timeline export data/desperado.yaml --bundle -o desperado.zip
    scene-timeline export airplane.fountain --time-of-day night --int-ext EXT \\
        --location "Terminal Building" --emphasis only -o night-exteriors.svg
    scene-timeline export memento_simple.json --chart storycurve -o memento-curve.svg

``--scenes`` is 1-based and inclusive, as scenes are numbered in the app
(``3-12`` is the third to the twelfth scene in telling order). ``-o`` is a file
for one chart, a folder for ``--chart all`` (created if missing; files named
``<story>-<chart>.<format>``). Existing files are kept unless ``--force``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import StoryError
from . import documented_parser, edits_of, edits_parent
from ..views import COLOUR_BY, ViewState, parse_range, resolve_characters, resolve_locations

CHART_CHOICES = ("storyline", "strip", "network", "storycurve", "arcs", "all")


def add_parser(sub) -> None:
    p = documented_parser(sub, "export", "export charts as PNG/SVG/PDF/HTML (or a ZIP bundle with --bundle)", __doc__,
                          parents=[edits_parent()])
    p.add_argument("story", help="story file (.yaml, .json, .fountain, .fdx, ...)")
    p.add_argument("--chart", choices=CHART_CHOICES, default="storyline", help="which chart (default: storyline)")
    p.add_argument("--format", choices=("png", "svg", "pdf", "html"),
                   help="output format (default: from the -o extension, else png)")
    p.add_argument("--bundle", action="store_true",
                   help="write one ZIP with every chart (PNG+SVG), CSV tables, GraphML, JSON and a manifest")
    f = p.add_argument_group("filter (the same view as the app)")
    f.add_argument("--character", "-c", action="append", default=[], metavar="NAME",
                   help="select a character by name, alias or id (repeatable)")
    f.add_argument("--mode", choices=("any", "all"), default="any",
                   help="scenes with any / all of the selected characters")
    f.add_argument("--emphasis", choices=("highlight", "only"), default="highlight",
                   help="fade the rest, or show only matching scenes")
    f.add_argument("--scenes", metavar="A-B",
                   help="scene range, 1-based and inclusive (3-12 = third to twelfth scene in telling order)")
    f.add_argument("--location", action="append", default=[], metavar="PLACE",
                   help="scenes at this place or a place inside it, by name or id (repeatable)")
    f.add_argument("--time-of-day", action="append", default=[], metavar="TIME",
                   help="scenes at this time of day: day, night, morning, evening, dusk, dawn ... (repeatable)")
    f.add_argument("--int-ext", choices=("INT", "EXT", "int", "ext"),
                   help="interiors or exteriors (an INT/EXT scene is both)")
    f.add_argument("--act", action="append", default=[], metavar="ACT", help="scenes of this act (repeatable)")
    f.add_argument("--order", choices=("telling", "story"), default="telling", help="x axis order")
    f.add_argument("--colour-by", "--color-by", dest="colour_by", choices=COLOUR_BY, default="location",
                   help="scene strip colouring")
    s = p.add_argument_group("size")
    s.add_argument("--width", type=int, help="width in CSS pixels")
    s.add_argument("--height", type=int, help="height in CSS pixels")
    s.add_argument("--scale", type=float, default=1.0, help="pixel multiplier for PNG (default 1)")
    s.add_argument("--preset", choices=("slide", "a4", "square"),
                   help="slide 1920x1080, a4 1123x794 (landscape, 96 dpi), square 1080x1080")
    p.add_argument("-o", "--output", required=True, help="output file, or folder for --chart all")
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    p.set_defaults(func=run)


def _state(story, args, story_id: str) -> ViewState:
    chars = resolve_characters(story, args.character) if args.character else ()
    scenes = None
    if args.scenes:
        lo, hi = parse_range(args.scenes)
        if lo < 1:
            raise StoryError(f"scene numbers start at 1: {args.scenes!r}")
        n = len(story.scenes)
        if lo > n:
            raise StoryError(f"scene range {args.scenes} starts after the last scene ({n})")
        scenes = (lo - 1, min(hi, n) - 1)
    return ViewState(story=story_id, characters=chars, mode=args.mode, emphasis=args.emphasis,
                     scenes=scenes, order=args.order, colour_by=args.colour_by,
                     locations=resolve_locations(story, args.location) if args.location else (),
                     times=tuple(args.time_of_day), int_ext=args.int_ext, acts=_acts(story, args.act))


def _acts(story, acts) -> tuple[str, ...]:
    """The story's acts named (any case); an act the story does not have is an error."""
    known = {" ".join(s.act.split()).casefold(): s.act for s in story.scenes if s.act}
    out = []
    for a in acts:
        hit = known.get(" ".join(a.split()).casefold())
        if hit is None:
            have = ", ".join(dict.fromkeys(known.values())) or "none"
            raise StoryError(f"unknown act {a!r} (the story's acts: {have})")
        out.append(hit)
    return tuple(out)


def _size(args) -> tuple[int | None, int | None]:
    from ..export.images import PRESETS

    if args.preset and (args.width or args.height):
        raise StoryError("give either --preset or --width/--height, not both")
    if args.preset:
        return PRESETS[args.preset]
    for name in ("width", "height"):
        v = getattr(args, name)
        if v is not None and v <= 0:
            raise StoryError(f"--{name} must be positive")
    return args.width, args.height


def run(args: argparse.Namespace) -> int:
    from ..export import write_bytes
    from ..export.files import OutputExistsError
    from ..figures import CHARTS, figure_for
    from ..formats import load_story
    from ..views import make_view

    story = load_story(args.story, edits=edits_of(args))
    story_id = Path(args.story).stem
    state = _state(story, args, story_id)
    width, height = _size(args)
    out = Path(args.output)

    if args.bundle:
        from ..export.bundle import export_bundle

        if out.exists() and not args.force:
            raise OutputExistsError(out)
        data = export_bundle(story, state, width=width, height=height, scale=args.scale)
        write_bytes(out, data, force=args.force)
        print(f"{out}: bundle of {len(CHARTS)} charts", file=sys.stderr)
        return 0

    from ..export.images import format_of, render

    if args.chart == "all":
        fmt = args.format or "png"
        if out.exists() and not out.is_dir():
            raise StoryError(f"{out}: --chart all writes a folder, and this is a file")
        jobs = [(chart, out / f"{story_id}-{chart}.{fmt}") for chart in CHARTS]
    else:
        fmt = args.format or (format_of(out) if out.suffix else "png")
        jobs = [(args.chart, out)]
    # refuse before rendering anything: whole or nothing
    existing = [str(p) for _, p in jobs if p.exists()]
    if existing and not args.force:
        raise OutputExistsError(", ".join(existing))
    if args.chart == "all":
        out.mkdir(parents=True, exist_ok=True)

    view = make_view(story, state)
    bar = None
    if len(jobs) > 2 or sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=len(jobs), unit="chart", file=sys.stderr, leave=False,
                   disable=None if len(jobs) <= 2 else False)
    rendered = []
    try:
        for chart, path in jobs:
            if bar is not None:
                bar.set_description(chart)
            fig = figure_for(chart, view, width=width, height=height)
            rendered.append((path, render(fig, fmt, width=width, height=height, scale=args.scale)))
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    for path, data in rendered:
        write_bytes(path, data, force=args.force)
        print(f"{path}: {fmt}, {len(data):,} bytes", file=sys.stderr)
    if view.empty:
        print(f"note: {view.empty_message()}", file=sys.stderr)
    return 0
