"""The story file format: YAML, or the same structure as JSON.

The structure is defined by the pydantic models in :mod:`timeline.model`
(``docs/story.schema.json`` is generated from them). Reading is strict:
unknown keys, duplicate keys and ids, wrong types, broken references and
``story_order`` values that are not a permutation are errors that name the
file, line and column. YAML is read with ``yaml.SafeLoader`` only.
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import StoryFormatError
from ..model import DEFER_REFERENCES, Story, reference_problems
from ._text import decode_text

__all__ = ["read_yaml", "read_json", "story_from_data"]


def read_yaml(data: bytes, path: str, **options) -> Story:
    """Read a YAML story file (safe loading only)."""
    _no_options(options, path)
    text = decode_text(data, path)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise StoryFormatError(path, line, col, f"YAML syntax error: {e.problem or e}") from None
    except yaml.YAMLError as e:
        raise StoryFormatError(path, 0, 0, f"YAML error: {e}") from None
    if root is None:
        raise StoryFormatError(path, 1, 1, "the file is empty")
    _check_duplicate_keys(root, path)
    try:
        value = yaml.SafeLoader(text).get_single_data()
    except yaml.YAMLError as e:  # pragma: no cover - compose already succeeded
        raise StoryFormatError(path, 0, 0, f"YAML error: {e}") from None
    return story_from_data(value, path, root)


def read_json(data: bytes, path: str, **options) -> Story:
    """Read a JSON story file (same structure as YAML)."""
    _no_options(options, path)
    text = decode_text(data, path)
    try:
        value = json.loads(text, object_pairs_hook=_pairs_no_duplicates)
    except json.JSONDecodeError as e:
        raise StoryFormatError(path, e.lineno, e.colno, f"JSON syntax error: {e.msg}") from None
    except _DuplicateKey as e:
        raise StoryFormatError(path, *_json_key_position(text, e.key), f"duplicate key {e.key!r}") from None
    try:  # JSON is YAML: compose it for positions (best effort)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        root = None
    return story_from_data(value, path, root)


def story_from_data(value: Any, path: str, root=None) -> Story:
    """Validate plain data as a Story; ``root`` (a yaml node tree) gives positions."""
    if not isinstance(value, dict):
        line, col = _mark(root)
        raise StoryFormatError(path, line, col, f"a story file must be a mapping with 'title' and 'scenes', not {type(value).__name__}")
    try:
        story = Story.model_validate(value, context={DEFER_REFERENCES: True})
    except ValidationError as e:
        err = e.errors()[0]
        loc = tuple(err["loc"])
        node, used = _locate(root, loc, value, prefer_key=err["type"] == "extra_forbidden")
        line, col = _mark(node)
        raise StoryFormatError(path, line, col, _message(err, loc[:used] if used else loc)) from None
    problems = reference_problems(story)
    if problems:
        loc, msg = problems[0]
        node, _ = _locate(root, loc, value, prefer_key=False)
        line, col = _mark(node)
        raise StoryFormatError(path, line, col, f"{_where(loc)}: {msg}")
    return story


# ---------------------------------------------------------------- helpers
def _no_options(options, path):
    if options:
        raise StoryFormatError(path, 0, 0, f"story files take no reader options (got {', '.join(options)})")


class _DuplicateKey(ValueError):
    def __init__(self, key):
        super().__init__(key)
        self.key = key


def _pairs_no_duplicates(pairs):
    out = {}
    for k, v in pairs:
        if k in out:
            raise _DuplicateKey(k)
        out[k] = v
    return out


def _json_key_position(text: str, key: str) -> tuple[int, int]:
    needle = json.dumps(key)
    first = text.find(needle)
    second = text.find(needle, first + 1) if first >= 0 else -1
    off = second if second >= 0 else max(first, 0)
    line = text.count("\n", 0, off) + 1
    return line, off - (text.rfind("\n", 0, off) + 1) + 1


def _check_duplicate_keys(node, path):
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.MappingNode):
            seen = {}
            for k, v in n.value:
                key = getattr(k, "value", None)
                if isinstance(k, yaml.ScalarNode):
                    if key in seen:
                        raise StoryFormatError(path, k.start_mark.line + 1, k.start_mark.column + 1,
                                               f"duplicate key {key!r} (first at line {seen[key]})")
                    seen[key] = k.start_mark.line + 1
                stack.append(v)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)


def _locate(root, loc, value, prefer_key):
    """The yaml node at ``loc`` (as deep as the file goes) and how many parts matched."""
    node, used = root, 0
    for i, part in enumerate(loc):
        if node is None:
            break
        nxt = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(part):
                    last = i == len(loc) - 1
                    nxt = k if (prefer_key and last) else v
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                nxt = node.value[part]
        if nxt is None:
            break
        node, used = nxt, i + 1
    return node, used


def _mark(node) -> tuple[int, int]:
    if node is None:
        return (1, 1)
    return node.start_mark.line + 1, node.start_mark.column + 1


def _where(loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "story"


_KIND = {"scenes": "scene", "characters": "character", "locations": "location", "interactions": "interaction", "fate": "fate"}


def _message(err, loc) -> str:
    t = err["type"]
    where = _where(loc[:-1] if t in ("extra_forbidden", "missing") else loc)
    if t == "extra_forbidden":
        owner = next((_KIND[p] for p in reversed(loc[:-1]) if isinstance(p, str) and p in _KIND), "story")
        return f"{where}: unknown key {loc[-1]!r} in {owner}" if where != "story" else f"unknown key {loc[-1]!r} at the top level"
    if t == "missing":
        return f"{where}: missing required key {loc[-1]!r}"
    got = err.get("input")
    shown = repr(got) if not isinstance(got, (dict, list)) else type(got).__name__
    if len(shown) > 60:
        shown = shown[:57] + "..."
    msg = err["msg"]
    if t == "value_error":
        msg = msg.removeprefix("Value error, ")
        return f"{where}: {msg}"
    return f"{where}: {msg} (got {shown})"
