"""The story file format: YAML, or the same structure as JSON.

The structure is defined by the pydantic models in :mod:`timeline.model`
(``docs/story.schema.json`` is generated from them). Reading is strict:
unknown keys, duplicate keys and ids, wrong types, broken references and
``story_order`` values that are not a permutation are errors that name the
file, line and column. YAML is read with ``yaml.SafeLoader`` only.
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable

import yaml
from pydantic import ValidationError

from ..errors import StoryFormatError
from ..model import DEFER_REFERENCES, Story, reference_problems
from ._text import decode_text, line_col

__all__ = ["read_yaml", "read_json", "story_from_data", "MAX_DEPTH", "MAX_ALIAS_EXPANSION", "MAX_INT_DIGITS"]

#: Deepest nesting of mappings and lists a story file may have (a story needs about 6).
MAX_DEPTH = 64
#: Most values YAML aliases may expand a file to, beyond the values written in it.
MAX_ALIAS_EXPANSION = 100_000
#: Longest integer (in digits) a story file may hold (Python's own limit is 4300).
MAX_INT_DIGITS = 100

# C parser when PyYAML has libyaml (about ten times faster), else the Python one
_BaseLoader = getattr(yaml, "CSafeLoader", None) if yaml.__with_libyaml__ else None
_BaseLoader = _BaseLoader or yaml.SafeLoader


class _Loader(_BaseLoader):
    """Safe loading whose scalars fail as YAML errors with a position, never as Python errors."""


def _guarded(kind: str, construct):
    def constructor(loader, node):
        if kind == "int":
            digits = sum(ch.isdigit() for ch in str(node.value))
            if digits > MAX_INT_DIGITS:
                raise yaml.constructor.ConstructorError(
                    None, None, f"an integer of {digits} digits is too long (at most {MAX_INT_DIGITS})", node.start_mark)
        try:
            return construct(loader, node)
        except yaml.YAMLError:
            raise
        except Exception:  # noqa: BLE001 - ValueError, IndexError, AttributeError from PyYAML's scalars
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not a valid {kind}", node.start_mark) from None
    return constructor


def _no_binary(loader, node):
    raise yaml.constructor.ConstructorError(
        None, None, "binary data (!!binary) cannot be story data; write it as text", node.start_mark)


for _kind, _fn in (("int", yaml.constructor.SafeConstructor.construct_yaml_int),
                   ("float", yaml.constructor.SafeConstructor.construct_yaml_float),
                   ("timestamp", yaml.constructor.SafeConstructor.construct_yaml_timestamp),
                   ("bool", yaml.constructor.SafeConstructor.construct_yaml_bool)):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_kind}", _guarded(_kind, _fn))
_Loader.add_constructor("tag:yaml.org,2002:binary", _no_binary)


def _yaml_error(e: yaml.YAMLError, text: str, path: str) -> StoryFormatError:
    """One line with a real position for any PyYAML error."""
    if isinstance(e, yaml.reader.ReaderError):
        line, col = line_col(text, min(max(e.position, 0), len(text)))
        return StoryFormatError(path, line, col, f"YAML cannot contain this character: {e.reason}")
    if isinstance(e, yaml.MarkedYAMLError):
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = e.problem or e.context or "malformed YAML"
        if "maximum nesting depth" in problem:
            return StoryFormatError(path, line, col, f"the data is nested deeper than {MAX_DEPTH} levels")
        if isinstance(e, yaml.constructor.ConstructorError):
            tag = re.search(r"constructor for the tag '([^']*)'", problem)
            if tag:
                problem = f"the YAML tag {tag.group(1).replace('tag:yaml.org,2002:', '!!')!r} is not allowed (safe loading only)"
            return StoryFormatError(path, line, col, problem)
        what = f"{problem} ({e.context})" if e.context and e.problem else problem
        return StoryFormatError(path, line, col, f"YAML syntax error: {what}")
    first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return StoryFormatError(path, 1, 1, f"YAML error: {first}")


def read_yaml(data: bytes, path: str, **options) -> Story:
    """Read a YAML story file (safe loading only).

    The document is parsed once (libyaml when available) and checked before
    anything is built from it: duplicate keys, nesting deeper than
    :data:`MAX_DEPTH`, aliases that refer to themselves or expand to more than
    :data:`MAX_ALIAS_EXPANSION` values ("billion laughs"). Scalars that PyYAML
    cannot convert (``2023-02-30``, ``!!float x``, 5,000-digit integers) and
    ``!!binary`` are errors with their position.
    """
    _no_options(options, path)
    text = decode_text(data, path)
    loader = _Loader(text)
    try:
        try:
            root = loader.get_single_node()
            if root is None:
                raise StoryFormatError(path, 1, 1, "the file is empty")
            _check_tree(root, path)
            value = loader.construct_document(root)
        except yaml.YAMLError as e:
            raise _yaml_error(e, text, path) from None
        except RecursionError:  # the pure-Python composer on deep input (libyaml stops at 1000)
            raise StoryFormatError(path, 1, 1, f"the data is nested deeper than {MAX_DEPTH} levels") from None
    finally:
        loader.dispose()
    return story_from_data(value, path, root)


def read_json(data: bytes, path: str, **options) -> Story:
    """Read a JSON story file (same structure as YAML).

    Parsed once by the C decoder; positions for validation errors are found
    afterwards in the text, only when there is an error.
    """
    _no_options(options, path)
    text = decode_text(data, path)
    try:
        value = json.loads(text, object_pairs_hook=_pairs_no_duplicates, parse_int=_parse_int,
                           parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        raise StoryFormatError(path, e.lineno, e.colno, f"JSON syntax error: {e.msg}") from None
    except _DuplicateKey as e:
        raise StoryFormatError(path, *_json_key_position(text, e.key), f"duplicate key {e.key!r}") from None
    except _BadNumber as e:
        off = text.find(e.text)
        line, col = line_col(text, off) if off >= 0 else (1, 1)
        raise StoryFormatError(path, line, col, e.message) from None
    except RecursionError:
        raise StoryFormatError(path, *_json_depth_position(text), f"the data is nested deeper than {MAX_DEPTH} levels") from None
    if _depth(value) > MAX_DEPTH:
        raise StoryFormatError(path, *_json_depth_position(text), f"the data is nested deeper than {MAX_DEPTH} levels")
    return story_from_data(value, path, lambda loc, prefer_key: _json_locate(text, loc, prefer_key))


def story_from_data(value: Any, path: str, root=None) -> Story:
    """Validate plain data as a Story.

    ``root`` gives positions: a yaml node tree, or a function
    ``(loc, prefer_key) -> (line, column, parts_matched)``.
    """
    locate = root if callable(root) else (lambda loc, prefer_key: _yaml_locate(root, loc, prefer_key))
    if not isinstance(value, dict):
        line, col, _ = locate((), False)
        raise StoryFormatError(path, line, col, f"a story file must be a mapping with 'title' and 'scenes', not {type(value).__name__}")
    try:
        story = Story.model_validate(value, context={DEFER_REFERENCES: True})
    except ValidationError as e:
        err = e.errors(include_url=False)[0]
        loc = tuple(err["loc"])
        line, col, used = locate(loc, err["type"] == "extra_forbidden")
        raise StoryFormatError(path, line, col, _message(err, loc[:used] if used else loc)) from None
    except RecursionError:
        raise StoryFormatError(path, 1, 1, f"the data is nested deeper than {MAX_DEPTH} levels") from None
    problems = reference_problems(story)
    if problems:
        loc, msg = problems[0]
        line, col, _ = locate(loc, False)
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


class _BadNumber(ValueError):
    def __init__(self, text, message):
        super().__init__(message)
        self.text, self.message = text, message


def _pairs_no_duplicates(pairs):
    out = {}
    for k, v in pairs:
        if k in out:
            raise _DuplicateKey(k)
        out[k] = v
    return out


def _parse_int(text: str) -> int:
    if len(text) > MAX_INT_DIGITS + 1:
        raise _BadNumber(text, f"an integer of {len(text.lstrip('-'))} digits is too long (at most {MAX_INT_DIGITS})")
    return int(text)


def _no_constant(text: str):
    raise _BadNumber(text, f"{text} is not a JSON number")


def _json_key_position(text: str, key: str) -> tuple[int, int]:
    needle = json.dumps(key)
    first = text.find(needle)
    second = text.find(needle, first + 1) if first >= 0 else -1
    off = second if second >= 0 else max(first, 0)
    return line_col(text, off)


def _depth(value) -> int:
    """Nesting depth of plain JSON data (iterative: no recursion on deep input)."""
    if not isinstance(value, (dict, list)):
        return 0
    deepest, stack = 0, [(value, 1)]
    while stack:
        v, d = stack.pop()
        if d > deepest:
            deepest = d
            if d > MAX_DEPTH:
                return d
        children = v.values() if isinstance(v, dict) else v
        for c in children:
            if isinstance(c, (dict, list)):
                stack.append((c, d + 1))
    return deepest


_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_WS = re.compile(r"[ \t\n\r]*")


def _json_depth_position(text: str) -> tuple[int, int]:
    """Where JSON text first goes deeper than :data:`MAX_DEPTH` (only called on error)."""
    depth = 0
    for m in _JSON_TOKENS.finditer(text):
        c = m.group()
        if c in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line_col(text, m.start())
        elif c in "]}":
            depth -= 1
    return 1, 1


def _json_locate(text: str, loc: tuple, prefer_key: bool) -> tuple[int, int, int]:
    """Line, column and parts matched of the value at ``loc`` in JSON ``text``.

    Walks down ``loc`` only, skipping sibling values with the C decoder
    (``raw_decode``), so the cost is one decoding pass at most.
    """
    dec = json.JSONDecoder(parse_int=_parse_int)
    n_text = len(text)
    i = _WS.match(text, 0).end()
    used = 0
    try:
        for n, part in enumerate(loc):
            if i >= n_text:
                break
            c = text[i]
            found = None
            if c == "{" and isinstance(part, str):
                j = _WS.match(text, i + 1).end()
                while j < n_text and text[j] != "}":
                    key, kend = dec.raw_decode(text, j)
                    kstart = j
                    j = _WS.match(text, kend).end()
                    j = _WS.match(text, j + 1).end()  # past ':'
                    if key == part:
                        found = kstart if (prefer_key and n == len(loc) - 1) else j
                        break
                    _, vend = dec.raw_decode(text, j)
                    j = _WS.match(text, vend).end()
                    if j < n_text and text[j] == ",":
                        j = _WS.match(text, j + 1).end()
            elif c == "[" and isinstance(part, int):
                j = _WS.match(text, i + 1).end()
                k = 0
                while j < n_text and text[j] != "]":
                    if k == part:
                        found = j
                        break
                    _, vend = dec.raw_decode(text, j)
                    j = _WS.match(text, vend).end()
                    if j < n_text and text[j] == ",":
                        j = _WS.match(text, j + 1).end()
                    k += 1
            if found is None:
                break
            i, used = found, n + 1
    except (ValueError, RecursionError):  # text already parsed once: cannot happen; be safe
        pass
    line, col = line_col(text, min(i, n_text))
    return line, col, used


def _check_tree(root, path: str) -> None:
    """Duplicate keys, depth, alias cycles and alias expansion of a YAML node graph.

    Each distinct node is visited once (aliases share nodes), so the cost is
    linear in the file, whatever the aliases expand to.
    """
    size: dict[int, int] = {}    # node id -> values it expands to (done)
    depth: dict[int, int] = {}   # node id -> nesting depth below it (done)
    on_path: set[int] = set()
    written = 0
    stack = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        nid = id(node)
        if isinstance(node, yaml.ScalarNode):
            if nid not in size:
                size[nid], depth[nid] = 1, 0
                written += 1
            continue
        children = [v for kv in node.value for v in kv] if isinstance(node, yaml.MappingNode) else node.value
        if leaving:
            on_path.discard(nid)
            size[nid] = 1 + sum(size[id(c)] for c in children)
            depth[nid] = 1 + max((depth[id(c)] for c in children), default=0)
            if depth[nid] > MAX_DEPTH:
                m = _level(root, depth, on_path | {nid}, MAX_DEPTH).start_mark
                raise StoryFormatError(path, m.line + 1, m.column + 1, f"the data is nested deeper than {MAX_DEPTH} levels")
            if size[nid] > written + MAX_ALIAS_EXPANSION:
                m = node.start_mark
                raise StoryFormatError(path, m.line + 1, m.column + 1,
                                       f"YAML aliases here expand to more than {MAX_ALIAS_EXPANSION:,} values; refused")
            continue
        if nid in size:
            continue
        if nid in on_path:
            m = node.start_mark
            raise StoryFormatError(path, m.line + 1, m.column + 1, "a YAML alias refers to the value that contains it")
        on_path.add(nid)
        written += 1
        if isinstance(node, yaml.MappingNode):
            seen = {}
            for k, _ in node.value:
                if isinstance(k, yaml.ScalarNode):
                    if k.value in seen:
                        raise StoryFormatError(path, k.start_mark.line + 1, k.start_mark.column + 1,
                                               f"duplicate key {k.value!r} (first at line {seen[k.value]})")
                    seen[k.value] = k.start_mark.line + 1
        stack.append((node, True))
        for c in reversed(children):
            if id(c) not in size:
                stack.append((c, False))


def _level(root, depth: dict, on_path: set, levels: int):
    """The node ``levels`` below ``root`` on the way to the too-deep value."""
    node = root
    for _ in range(levels):
        children = [v for kv in node.value for v in kv] if isinstance(node, yaml.MappingNode) else node.value
        nxt = next((c for c in children if id(c) in on_path), None)
        if nxt is None:
            break
        node = nxt
    return node


def _yaml_locate(root, loc, prefer_key) -> tuple[int, int, int]:
    """Line, column and parts matched of the yaml node at ``loc`` (as deep as the file goes)."""
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
    if node is None:
        return 1, 1, used
    return node.start_mark.line + 1, node.start_mark.column + 1, used


def validation_message(error: ValidationError) -> str:
    """The first problem of a pydantic error, on one line (``scenes[3].id: ...``)."""
    err = error.errors(include_url=False)[0]
    return _message(err, tuple(err["loc"]))


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
