"""Reader for story-curve data (``*_simple.json``).

The story-curve data of Kim et al. [1]_ describes a film scene by scene::

    {"script_info": {"title": "Memento",
                     "characters": [{"name": "Leonard", ...}, ...],
                     "scenes": [{"narrative_order": 1, "story_order": 0,
                                 "characters": ["Leonard"],
                                 "scene_metadata": {"setting": "Int.", "location": "Motel Room",
                                                    "time": "Day", "size": 171, ...}}, ...]}}

How it becomes a :class:`~timeline.model.Story`:

* **Telling order** is ``narrative_order``: scenes are sorted by it (the file
  lists them in any order) and numbered ``s1``, ``s2``, ... in that order.
  Two scenes with the same ``narrative_order`` are an error.
* **Story order** is ``story_order`` re-ranked to a 0-based permutation
  (ties keep telling order). When the values given were not already
  ``0..n-1``, the story's ``metadata["storycurve"]["story_order_reranked"]``
  is true.
* **Characters** are the top-level ``characters`` list in its order (names as
  given; ids are lower-case slugs), then any name a scene lists that the list
  lacks. A character with an empty name becomes "(unnamed)"; both are
  recorded in ``metadata["import_notes"]`` with their line.
* **Length**: ``size`` is the length of the scene's script text in
  characters; ``length_lines`` estimates printed lines from it (60 characters
  a line) and ``eighths`` is a page eighth per 55/8 lines, as the screenplay
  reader counts them.
* **Location** (``location``, verbatim but trimmed of stray punctuation),
  **time of day** (``time``) and **INT/EXT** (from ``setting``: ``Int.``,
  ``Ext.``, ``Int./Ext.``) where given; a ``setting`` that is not one of these
  (e.g. "Butch'S Pov") is kept in the scene's ``heading``.

Malformed input raises :class:`~timeline.errors.StoryFormatError` with the
file, line and column.

References
----------
.. [1] Kim, N. W., Bach, B., Im, H., Schriber, S., Gross, M. and Pfister, H.,
   "Visualizing Nonlinear Narratives with Story Curves", IEEE Transactions on
   Visualization and Computer Graphics 24(1):595-604, 2018.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import PurePath
from typing import Any

from pydantic import ValidationError

from ..errors import StoryFormatError
from ..model import Story
from ..timeofday import normalise_time_of_day
from ._text import decode_text
from .story_file import validation_message

__all__ = ["read_storycurve", "CHARS_PER_LINE"]

#: Characters of script text per printed line, to estimate ``length_lines`` from ``size``.
CHARS_PER_LINE = 60

_SETTINGS = {"int": "INT", "ext": "EXT", "int/ext": "INT/EXT", "ext/int": "INT/EXT", "i/e": "INT/EXT"}
_TRIM = " \t'\"`.,;:-–—/"


class _Positions:
    """File positions of values, worked out only when an error needs one."""

    def __init__(self, text: str):
        self.text = text
        self._root = False

    def root(self):
        if self._root is False:
            try:
                import yaml

                self._root = yaml.compose(self.text, Loader=yaml.SafeLoader)
            except Exception:  # noqa: BLE001 - best effort: JSON that YAML cannot read
                self._root = None
        return self._root

    def at(self, *loc) -> tuple[int, int]:
        """1-based (line, column) of the value at ``loc`` (as deep as it is found)."""
        import yaml

        node = self.root()
        if node is None:
            return (1, 1)
        for part in loc:
            nxt = None
            if isinstance(node, yaml.MappingNode):
                nxt = next((v for k, v in node.value if getattr(k, "value", None) == str(part)), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                nxt = node.value[part]
            if nxt is None:
                break
            node = nxt
        return node.start_mark.line + 1, node.start_mark.column + 1


def _slug(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", name.casefold()).strip("_") or "unnamed"
    if not base[0].isalnum():
        base = "c_" + base
    cid, k = base, 2
    while cid in taken:
        cid = f"{base}_{k}"
        k += 1
    taken.add(cid)
    return cid


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _number(v) -> bool:
    return (isinstance(v, (int, float)) and not isinstance(v, bool)) and math.isfinite(v)


def _text(v) -> str | None:
    if v is None:
        return None
    s = str(v).strip().strip(_TRIM).strip()
    return s or None


def read_storycurve(data: bytes, path: str, **options) -> Story:
    """Read story-curve data (``*_simple.json``, Kim et al. 2018).

    Parameters
    ----------
    data : bytes
        The file's contents.
    path : str
        Its name, for messages and the default title.

    Returns
    -------
    Story
        Scenes in telling (narrative) order with ``story_order`` re-ranked to
        ``0..n-1``; ``metadata["format"] == "storycurve"``.

    Raises
    ------
    StoryFormatError
        For invalid JSON or data that is not story-curve data.

    Examples
    --------
    >>> doc = '''{"script_info": {"title": "T", "characters": [{"name": "A"}], "scenes": [
    ...   {"narrative_order": 1, "story_order": 0, "characters": ["A"], "scene_metadata": {}},
    ...   {"narrative_order": 0, "story_order": 1, "characters": [], "scene_metadata": {}}]}}'''
    >>> s = read_storycurve(doc.encode(), "t_simple.json")
    >>> [(sc.id, sc.index, sc.story_order, sc.characters) for sc in s.scenes]
    [('s1', 0, 1, ()), ('s2', 1, 0, ('a',))]
    """
    if options:
        raise StoryFormatError(path, 0, 0, f"story-curve files take no reader options (got {', '.join(options)})")
    text = decode_text(data, path)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        raise StoryFormatError(path, e.lineno, e.colno, f"JSON syntax error: {e.msg}") from None
    pos = _Positions(text)

    def fail(loc: tuple, message: str):
        line, col = pos.at(*loc)
        raise StoryFormatError(path, line, col, message)

    if not isinstance(value, dict):
        fail((), f"story-curve data must be a mapping with 'script_info', not {type(value).__name__}")
    if "script_info" in value:
        info, base = value["script_info"], ("script_info",)
        if not isinstance(info, dict):
            fail(base, f"'script_info' must be a mapping, not {type(info).__name__}")
    elif "scenes" in value:
        info, base = value, ()
    else:
        fail((), "story-curve data needs 'script_info' with 'scenes' (is this a *_simple.json file?)")
    scenes = info.get("scenes")
    if not isinstance(scenes, list):
        fail(base + ("scenes",) if "scenes" in info else base,
             "'scenes' must be a list" if "scenes" in info else "missing 'scenes'")
    if not scenes:
        fail(base + ("scenes",), "there are no scenes")

    notes: list[str] = []
    names: dict[str, str] = {}  # name -> id
    taken: set[str] = set()

    def add_name(raw, loc) -> str:
        if not isinstance(raw, str):
            fail(loc, f"a character name must be text, not {type(raw).__name__}")
        name = raw.strip()
        if name in names:
            return names[name]
        if not name:
            line, _ = pos.at(*loc)
            notes.append(f"line {line}: a character with an empty name is read as '(unnamed)'")
        names[name] = _slug(name, taken)
        return names[name]

    chars_in = info.get("characters", [])
    if not isinstance(chars_in, list):
        fail(base + ("characters",), "'characters' must be a list")
    for i, ch in enumerate(chars_in):
        raw = ch.get("name") if isinstance(ch, dict) else ch
        if isinstance(ch, dict) and "name" not in ch:
            fail(base + ("characters", i), f"characters[{i}]: missing 'name'")
        add_name(raw, base + ("characters", i) + (("name",) if isinstance(ch, dict) else ()))

    rows = []
    seen_no: dict[int, int] = {}
    for i, sc in enumerate(scenes):
        loc = base + ("scenes", i)
        if not isinstance(sc, dict):
            fail(loc, f"scenes[{i}] must be a mapping, not {type(sc).__name__}")
        for key in ("narrative_order", "story_order"):
            if key not in sc:
                fail(loc, f"scenes[{i}]: missing '{key}'")
        no, so = sc["narrative_order"], sc["story_order"]
        if not _is_int(no) or no < 0:
            fail(loc + ("narrative_order",), f"scenes[{i}].narrative_order must be a whole number ≥ 0 (got {no!r})")
        if not _number(so):
            fail(loc + ("story_order",), f"scenes[{i}].story_order must be a number (got {so!r})")
        if no in seen_no:
            fail(loc + ("narrative_order",),
                 f"scenes[{i}].narrative_order {no} is repeated (first at scenes[{seen_no[no]}])")
        seen_no[no] = i
        who = sc.get("characters", [])
        if not isinstance(who, list):
            fail(loc + ("characters",), f"scenes[{i}].characters must be a list")
        ids = []
        for j, raw in enumerate(who):
            had = isinstance(raw, str) and raw.strip() in names
            cid = add_name(raw, loc + ("characters", j))
            if not had and raw.strip():
                line, _ = pos.at(*loc, "characters", j)
                notes.append(f"line {line}: {raw.strip()!r} is not in the characters list; added")
            if cid not in ids:
                ids.append(cid)
        meta = sc.get("scene_metadata") or {}
        if not isinstance(meta, dict):
            fail(loc + ("scene_metadata",), f"scenes[{i}].scene_metadata must be a mapping")
        size = meta.get("size")
        if size is not None and (not _number(size) or size < 0):
            fail(loc + ("scene_metadata", "size"), f"scenes[{i}].scene_metadata.size must be a number ≥ 0 (got {size!r})")
        for key in ("setting", "location", "time"):
            if meta.get(key) is not None and not isinstance(meta[key], str):
                fail(loc + ("scene_metadata", key), f"scenes[{i}].scene_metadata.{key} must be text")
        rows.append((no, so, i, ids, meta))

    rows.sort(key=lambda r: r[0])
    given = [r[1] for r in rows]
    ranked = sorted(range(len(rows)), key=lambda k: (given[k], k))
    rank = [0] * len(rows)
    for r, k in enumerate(ranked):
        rank[k] = r
    reranked = given != rank

    locations: dict[str, str] = {}  # name -> id
    loc_taken: set[str] = set()
    out_scenes = []
    for k, (no, so, i, ids, meta) in enumerate(rows):
        place = _text(meta.get("location"))
        setting = _text(meta.get("setting"))
        time = _text(meta.get("time"))
        tod = normalise_time_of_day(time)
        int_ext = _SETTINGS.get(re.sub(r"[\s.]+", "", setting or "").casefold())
        lid = None
        if place is not None:
            if place not in locations:
                locations[place] = _slug(place, loc_taken)
            lid = locations[place]
        heading = " ".join(x for x in ((meta.get("setting") or "").strip(), (meta.get("location") or "").strip()) if x)
        if time:
            heading = f"{heading} - {time}" if heading else time
        title = place or (setting if int_ext is None and setting else None) or f"Scene {k + 1}"
        scene: dict[str, Any] = {"id": f"s{k + 1}", "title": title, "story_order": rank[k],
                                 "characters": ids, "location": lid, "time_of_day": tod,
                                 "int_ext": int_ext, "heading": heading or None}
        size = meta.get("size")
        if size is not None:
            lines = math.ceil(size / CHARS_PER_LINE)
            scene["length_lines"] = lines
            scene["eighths"] = max(1, math.ceil(lines * 8 / 55))
        out_scenes.append(scene)

    title = info.get("title")
    if not isinstance(title, str) or not title.strip():
        stem = PurePath(path).name
        title = stem[: -len("_simple.json")] if stem.lower().endswith("_simple.json") else PurePath(path).stem
        title = title.replace("_", " ").strip() or "story"
    metadata = {"format": "storycurve",
                "storycurve": {"narrative_order": [r[0] for r in rows], "story_order_given": given,
                               "story_order_reranked": reranked},
                "import_notes": notes}
    chars = [{"id": cid, "name": name or "(unnamed)"} for name, cid in names.items()]
    locs = [{"id": lid, "name": name} for name, lid in locations.items()]
    try:
        return Story(title=title.strip(), metadata=metadata, characters=chars, locations=locs, scenes=out_scenes)
    except ValidationError as e:  # pydantic ValidationError: a case this reader does not handle
        raise StoryFormatError(path, 0, 0, f"cannot build a story: {validation_message(e)}") from None
