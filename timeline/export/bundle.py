"""One ZIP with everything a view shows, and what is needed to reproduce it.

Contents (``<stem>`` is the story id, or the title made file-safe)::

    <stem>-storyline.png  <stem>-storyline.svg
    <stem>-strip.png      <stem>-strip.svg
    <stem>-network.png    <stem>-network.svg
    <stem>-storycurve.png <stem>-storycurve.svg
    <stem>-arcs.png       <stem>-arcs.svg
    scenes.csv            the scenes in the view, in x order
    presence.csv          characters x scenes (1 present, 0 absent)
    network.graphml       the character network on screen (the network's window of scenes)
    story.json            the whole story, in the story file format
    manifest.json         tool version, story, view state, query string, the network's
                          window and colouring, the app's address, files

The charts are exactly what the app shows for the same view state:
``figure_for(chart, make_view(story, state))``.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

import networkx as nx

from ..figures import CHARTS, figure_for
from ..graph import interaction_graph
from ..model import Story
from ..views import ViewState, make_view
from .data import flat_graph, presence_csv, scenes_csv, to_json
from .images import render

__all__ = ["export_bundle", "bundle_names", "manifest", "BUNDLE_FORMATS"]

#: Image formats of every chart in the bundle.
BUNDLE_FORMATS = ("png", "svg")

_DATE = (2000, 1, 1, 0, 0, 0)  # fixed timestamps: the same view gives the same ZIP


def _stem(story: Story, state: ViewState) -> str:
    if state.story:
        return state.story
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", story.title).strip("-").lower() or "story"


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("scene-timeline")
    except Exception:  # noqa: BLE001 - not installed: a source checkout
        return "0.1.0+source"


def bundle_names(story: Story, state: ViewState) -> list[str]:
    """The file names inside the bundle, in the order they are written."""
    stem = _stem(story, state)
    names = [f"{stem}-{chart}.{fmt}" for chart in CHARTS for fmt in BUNDLE_FORMATS]
    return names + ["scenes.csv", "presence.csv", "network.graphml", "story.json", "manifest.json"]


def manifest(story: Story, state: ViewState, *, width=None, height=None, scale=1, files=(),
             network_scenes=None, network_colour: str = "community", query: str | None = None) -> dict:
    """What ``manifest.json`` holds: enough to reproduce the export, the network's window
    of scenes (0-based, inside the scene range) and colouring included; ``query`` is
    the app's address (``?...``) when the bundle comes from the app."""
    return {
        "tool": "scene-timeline",
        "version": _version(),
        "story": {"id": state.story, "title": story.title,
                  "scenes": len(story.scenes), "characters": len(story.characters)},
        "state": {
            "characters": list(state.characters),
            "mode": state.mode,
            "emphasis": state.emphasis,
            "scenes": list(state.scenes) if state.scenes is not None else None,
            "order": state.order,
            "colour_by": state.colour_by,
            "locations": list(state.locations), "times": list(state.times),
            "int_ext": state.int_ext, "acts": list(state.acts),
        },
        "query": state.to_query(),
        "network": {"scenes": list(network_scenes) if network_scenes is not None else None,
                    "colour_by": network_colour},
        "app_query": query,
        "charts": list(CHARTS),
        "formats": list(BUNDLE_FORMATS),
        "size": {"width": width, "height": height, "scale": scale},
        "files": list(files),
        "reproduce": ("state = ViewState.from_query(query); figure_for(chart, make_view(story, state)); the "
                      "network: figure_for('network', make_view(story, state.replace(scenes=network.scenes)), "
                      "colour_by=network.colour_by)"),
    }


def _data_files(view, net_view=None) -> dict[str, str]:
    """scenes.csv, presence.csv, network.graphml (of ``net_view``, the network's window,
    when given) and story.json for a view."""
    net_view = net_view or view
    graph = interaction_graph(view.story, characters=list(net_view.characters),
                              scenes=[s.id for s in net_view.scenes])
    return {
        "scenes.csv": scenes_csv(view),
        "presence.csv": presence_csv(view),
        "network.graphml": "\n".join(nx.generate_graphml(flat_graph(graph))) + "\n",
        "story.json": to_json(view.story),
    }


def export_bundle(story: Story, state: ViewState | None = None, *, width: int | None = None,
                  height: int | None = None, scale: float = 1, progress=None, network_scenes=None,
                  network_colour: str = "community", query: str | None = None, figures=None) -> bytes:
    """The ZIP bundle of a view, as bytes (write it with :func:`timeline.export.write_bytes`).

    ``progress``, if given, is called with each file name as it is added.
    ``network_scenes`` (0-based ``(lo, hi)``) is the network's window when it shows a
    stretch of the scene range, and ``network_colour`` its colouring, as on screen.
    ``figures``, if given, is ``figures(chart) -> Figure`` (the app hands its own,
    built from its cached layouts); else :func:`figure_for`.
    """
    state = state or ViewState()
    view = make_view(story, state)
    net_view = make_view(story, state.replace(scenes=tuple(network_scenes))) if network_scenes is not None else view
    stem = _stem(story, state)
    buf = io.BytesIO()
    names: list[str] = []

    def add(name: str, data: bytes | str) -> None:
        info = zipfile.ZipInfo(name, date_time=_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        zf.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
        names.append(name)
        if progress is not None:
            progress(name)

    with zipfile.ZipFile(buf, "w") as zf:
        for chart in CHARTS:
            if figures is not None:
                fig = figures(chart)
            elif chart == "network":
                fig = figure_for(chart, net_view, width=width, height=height, colour_by=network_colour)
            else:
                fig = figure_for(chart, view, width=width, height=height)
            for fmt in BUNDLE_FORMATS:
                add(f"{stem}-{chart}.{fmt}", render(fig, fmt, width=width, height=height, scale=scale))
        for name, text in _data_files(view, net_view).items():
            add(name, text)
        add("manifest.json", json.dumps(manifest(story, state, width=width, height=height, scale=scale,
                                                 files=names + ["manifest.json"], network_scenes=network_scenes,
                                                 network_colour=network_colour, query=query),
                                        indent=2) + "\n")
    return buf.getvalue()
