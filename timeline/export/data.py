"""Story data out: the story file (YAML/JSON), the graph (GraphML/GEXF), CSV tables.

The ``to_*`` and ``*_csv`` functions are pure (a story in, text out);
:func:`write_data` picks one by the output's extension and writes it with
:mod:`timeline.export.files` (whole or not at all, no overwrite without
``force``).

GraphML and GEXF hold only scalar attributes, so the graph of
:func:`timeline.graph.build_graph` is flattened first (:func:`flat_graph`):
``None`` values are dropped, lists of scalars are joined with ``"; "`` and
dicts (and lists holding dicts) are written as JSON text. GEXF reserves a few
names, so there the node attribute ``id`` is written as ``model_id`` (the node
``label`` is the character's or location's name or the scene's title) and the
interaction ``type`` as ``interaction_type``.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

from ..errors import StoryError
from ..model import Story
from .files import write_text

__all__ = [
    "DATA_FORMATS",
    "flat_graph",
    "presence_csv",
    "scenes_csv",
    "story_json",
    "to_gexf",
    "to_graphml",
    "to_json",
    "to_yaml",
    "write_data",
]

#: Output extensions :func:`write_data` knows, and what each writes.
DATA_FORMATS = {
    ".yaml": "story file (YAML)",
    ".yml": "story file (YAML)",
    ".json": "story file (JSON)",
    ".graphml": "story graph (GraphML)",
    ".gexf": "story graph (GEXF)",
    ".csv": "scenes table, or with presence the scene x character matrix",
}

_SCALARS = (str, int, float, bool)


# ---- the story file ---------------------------------------------------------------


def to_yaml(story: Story) -> str:
    """The story in the YAML story-file format; :func:`timeline.load_story` reads it back equal."""
    import yaml

    return yaml.safe_dump(story.to_data(), sort_keys=False, allow_unicode=True, width=100,
                          default_flow_style=False)


def to_json(story: Story) -> str:
    """The story in the JSON story-file format (the same structure as :func:`to_yaml`)."""
    return json.dumps(story.to_data(), indent=2, ensure_ascii=False) + "\n"


def story_json(story: Story) -> dict[str, Any]:
    """The summary ``scene-timeline stats --json`` prints.

    Returns
    -------
    dict
        ``{"title", "scenes": [{"id", "index", "story_order", "title",
        "location", "characters"}], "characters": [{"id", "name", "actor",
        "scenes", "lines"}], "locations": [{"id", "name", "scenes"}]}`` where a
        character's or location's ``scenes`` is a count and ``lines`` is the
        total of its spoken cues (0 when the source has no dialogue).
    """
    scenes_of = {c.id: 0 for c in story.characters}
    lines_of = {c.id: 0 for c in story.characters}
    at = {loc.id: 0 for loc in story.locations}
    for s in story.scenes:
        for c in s.characters:
            scenes_of[c] = scenes_of.get(c, 0) + 1
        for c, n in s.cues.items():
            lines_of[c] = lines_of.get(c, 0) + n
        if s.location is not None:
            at[s.location] = at.get(s.location, 0) + 1
    return {
        "title": story.title,
        "scenes": [{"id": s.id, "index": s.index, "story_order": s.chrono, "title": s.title,
                    "location": s.location, "characters": list(s.characters)} for s in story.scenes],
        "characters": [{"id": c.id, "name": c.name, "actor": c.actor, "scenes": scenes_of[c.id],
                        "lines": lines_of[c.id]} for c in story.characters],
        "locations": [{"id": loc.id, "name": loc.name, "scenes": at[loc.id]} for loc in story.locations],
    }


# ---- the graph --------------------------------------------------------------------


def _flat_value(value: Any) -> Any:
    if value is None or isinstance(value, _SCALARS):
        return value
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else list(value)
        if all(isinstance(v, _SCALARS) for v in items):
            return "; ".join(str(v) for v in items)
        return json.dumps(items, ensure_ascii=False, default=str)
    return str(value)


def _flat_attrs(data: dict, rename: dict[str, str]) -> dict[str, Any]:
    out = {}
    for key, value in data.items():
        value = _flat_value(value)
        if value is not None:
            out[rename.get(key, key)] = value
    return out


def flat_graph(G, *, gexf: bool = False):
    """A copy of ``G`` whose attributes GraphML (or, with ``gexf``, GEXF) can hold.

    See the module docstring for the rules. The graph's class is kept.
    """
    H = G.__class__()
    H.graph.update(_flat_attrs(G.graph, {}))
    node_rename = {"id": "model_id", "label": "model_label"} if gexf else {}
    edge_rename = {"type": "interaction_type", "id": "model_id", "label": "model_label"} if gexf else {}
    for n, data in G.nodes(data=True):
        attrs = _flat_attrs(data, node_rename)
        if gexf:
            attrs["label"] = str(data.get("name") or data.get("title") or n)
        H.add_node(n, **attrs)
    if G.is_multigraph():
        for u, v, k, data in G.edges(keys=True, data=True):
            H.add_edge(u, v, key=k, **_flat_attrs(data, edge_rename))
    else:
        for u, v, data in G.edges(data=True):
            H.add_edge(u, v, **_flat_attrs(data, edge_rename))
    if gexf and "title" in G.graph:
        H.graph["name"] = str(G.graph["title"])
    return H


def to_graphml(story: Story) -> str:
    """The story graph of :func:`~timeline.graph.build_graph` as GraphML text."""
    import networkx as nx

    from ..graph import build_graph

    return "\n".join(nx.generate_graphml(flat_graph(build_graph(story)), encoding="utf-8")) + "\n"


def to_gexf(story: Story) -> str:
    """The story graph of :func:`~timeline.graph.build_graph` as GEXF text (for Gephi)."""
    import networkx as nx

    from ..graph import build_graph

    return "\n".join(nx.generate_gexf(flat_graph(build_graph(story), gexf=True), encoding="utf-8")) + "\n"


# ---- CSV tables -------------------------------------------------------------------


def _story_scenes(obj):
    """(story, scenes, character ids or None) of a Story or of a StoryView."""
    if isinstance(obj, Story):
        return obj, list(obj.scenes), None
    story, scenes = getattr(obj, "story", None), getattr(obj, "scenes", None)
    if not isinstance(story, Story) or scenes is None:
        raise StoryError(f"expected a Story or a StoryView, not {type(obj).__name__}")
    return story, list(scenes), list(getattr(obj, "characters", None) or []) or None


def _csv_text(rows) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


#: The columns of :func:`scenes_csv`.
SCENE_COLUMNS = ("index", "id", "story_order", "step", "title", "location", "location_name",
                 "time_of_day", "int_ext", "day", "characters", "mentioned", "summary")


def scenes_csv(story_or_view) -> str:
    """The scenes table as CSV: one row per scene, columns :data:`SCENE_COLUMNS`.

    ``index`` and ``story_order`` are 0-based; ``characters`` and ``mentioned``
    are character ids joined with ``"; "``. A
    :class:`~timeline.views.StoryView` gives its scenes in its order.
    """
    story, scenes, _ = _story_scenes(story_or_view)
    loc_name = {loc.id: loc.name for loc in story.locations}
    rows: list[list[Any]] = [list(SCENE_COLUMNS)]
    for s in scenes:
        rows.append([s.index, s.id, s.chrono, s.step, s.title, s.location or "",
                     loc_name.get(s.location, "") if s.location else "", s.time_of_day or "",
                     s.int_ext or "", "" if s.day is None else s.day, "; ".join(s.characters),
                     "; ".join(s.mentioned), s.summary])
    return _csv_text(rows)


def presence_csv(story_or_view, *, mentioned: Any = None) -> str:
    """The scene x character presence matrix as CSV.

    Columns ``index``, ``scene`` and one per character id (story order, or
    the view's characters); cells are 1 (present) or 0, or ``mentioned``
    for a character mentioned but absent (see
    :func:`~timeline.graph.presence_table`).
    """
    from ..graph import presence_table

    story, scenes, chars = _story_scenes(story_or_view)
    ids, cols, matrix = presence_table(story, scenes=[s.id for s in scenes], characters=chars,
                                       mentioned=mentioned)
    row_of = dict(zip(ids, matrix))
    rows: list[list[Any]] = [["index", "scene", *cols]]
    for s in scenes:
        rows.append([s.index, s.id, *row_of[s.id]])
    return _csv_text(rows)


# ---- writing ------------------------------------------------------------------------


def _extension(path) -> str:
    return Path(os.fspath(path)).suffix.lower()


def render_data(story: Story, path_or_ext: str | os.PathLike, *, presence: bool = False) -> str:
    """The text :func:`write_data` would write to a file with this name or extension."""
    name = os.fspath(path_or_ext)
    ext = name.lower() if name.startswith(".") and "/" not in name else _extension(name)
    if ext in (".yaml", ".yml"):
        return to_yaml(story)
    if ext == ".json":
        return to_json(story)
    if ext == ".graphml":
        return to_graphml(story)
    if ext == ".gexf":
        return to_gexf(story)
    if ext == ".csv":
        return presence_csv(story) if presence else scenes_csv(story)
    known = ", ".join(DATA_FORMATS)
    raise StoryError(f"{name}: unknown output format {ext or '(no extension)'!r} (known: {known})")


def write_data(story: Story, path: str | os.PathLike, *, presence: bool = False, force: bool = False) -> Path:
    """Write the story's data to ``path``, in the format its extension names.

    Parameters
    ----------
    story : Story
    path : str or PathLike
        ``.yaml``/``.yml`` or ``.json`` (story file), ``.graphml`` or ``.gexf``
        (story graph), ``.csv`` (scenes table; the presence matrix with
        ``presence=True``).
    presence : bool
        For ``.csv``: write the presence matrix instead of the scenes table.
    force : bool
        Overwrite an existing file.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    StoryError
        For an unknown extension (the message lists the known ones).
    OutputExistsError
        If ``path`` exists and ``force`` is false.
    """
    text = render_data(story, path, presence=presence)
    return write_text(path, text, force=force)
