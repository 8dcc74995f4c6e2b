"""The edits file: a person's corrections to a story, kept beside its source.

Every import is a draft. An edits file says, in a few readable lines, what to
merge, drop, rename or split, and is applied again to every new reading of the
same source (``airplane.fountain`` + ``airplane.edits.yaml`` beside it)::

    characters:
      merge:  {Dr. Romack: Dr. Rumack, P.A. Syster: P.A. System}   # cues and scenes add up
      drop:   ["Elaine's Pov - Tv Monitors"]                        # not a character
      rename: {Striker: Ted Striker}                                # the id (and colour) stay
      split:  {Randy/Rumack: [Randy, Dr. Rumack]}                   # a joint cue
      kind:   {Passengers: group}
      group:  {Oveur: crew}
    places:
      merge:  {Terminal Buliding: Terminal Building}
      rename: {Cabin: Passenger Cabin}
      parent: {Runway: Airport}
    scenes:                                                         # presence
      add:    {s12: [Carolina]}
      remove: {s12: [The boy]}

Names mean **the story as read, before any edit**, and match a character's id,
name or alias (a place's id or name, a scene's id or number) in any case. The
file is checked twice, each problem one ``file:line:col: problem``:

- on its own (:func:`parse_edits`): unknown keys, wrong types, a name merged
  into itself, merges that form a cycle, a merge into a name that is itself
  merged away, a name both dropped and renamed (or otherwise changed twice),
  a file over :data:`MAX_EDITS_BYTES`;
- against the story (:func:`apply_edits`): an edit that matches nothing is an
  error naming the closest names, so a stale edits file never fails silently.

:func:`apply_edits` returns a new, validated story (nothing is changed on an
error) with one ``edited`` :class:`~timeline.model.ImportNote` per edit applied.
A rename, a kind, a group or any place edit keeps every character id, so a
storyline layout keyed by the layers of character ids is still valid; only
merges, drops, splits and presence edits change the layers.

:class:`Edits` is also built in code (the app appends the edits a person makes,
:meth:`Edits.add`) and written back as YAML by :func:`dump_edits`.

Examples
--------
>>> from timeline.model import Story
>>> s = Story(title="T", characters=[{"id": "bob", "name": "Bob"}, {"id": "rob", "name": "Rob"}],
...           scenes=[{"id": "s1", "title": "one", "characters": ["bob", "rob"], "cues": {"bob": 1, "rob": 2}}])
>>> e = parse_edits("characters:\\n  merge: {Rob: Bob}\\n", source="t.edits.yaml")
>>> t = apply_edits(s, e)
>>> [c.name for c in t.characters], t.scenes[0].cues, t.character("bob").aliases
(['Bob'], {'bob': 3}, ('Rob',))
>>> t.notes[0].edit, t.notes[0].where
('characters.merge', 't.edits.yaml, line 2:11')
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable, Mapping

from pydantic import ValidationError

from .errors import StoryFormatError
from .model import Story

__all__ = ["Edit", "Edits", "parse_edits", "load_edits", "apply_edits", "dump_edits", "sidecar_for",
           "EDITS_SUFFIX", "MAX_EDITS_BYTES", "OPERATIONS"]

#: A sidecar edits file is named ``<stem>.edits.yaml`` (``airplane.fountain`` -> ``airplane.edits.yaml``).
EDITS_SUFFIX = ".edits.yaml"
#: The largest edits file read (1 MB: thousands of edits); larger files are refused.
MAX_EDITS_BYTES = 1024 * 1024
#: Section -> operation -> kind of value: ``name`` (a name), ``names`` (a list of names),
#: ``none`` (a list of names, no value), ``kind`` (person/group), ``optional`` (a name or null).
OPERATIONS: dict[str, dict[str, str]] = {
    "characters": {"merge": "name", "drop": "none", "rename": "name", "split": "names",
                   "kind": "kind", "group": "optional"},
    "places": {"merge": "name", "rename": "name", "parent": "optional"},
    "scenes": {"add": "names", "remove": "names"},
}
#: Operations that make a name go away (it cannot be the target of, or be named by, another edit).
_AWAY = {"merge", "drop", "split"}
_KINDS = ("person", "group")
#: An edit's verb in the past tense, for messages.
_DONE = {"merge": "merged", "drop": "dropped", "rename": "renamed", "split": "split", "kind": "given a kind",
         "group": "given a group", "parent": "put inside another place", "add": "added", "remove": "removed"}
_MAX_ENTRIES = 100_000


@dataclass(frozen=True)
class Edit:
    """One edit: ``section.op`` of ``key`` (a name as read) with ``value``.

    ``value`` is a name (merge, rename), a tuple of names (split, scenes add/remove),
    ``person``/``group`` (kind), a name or None (group, parent), or None (drop).
    ``line``/``column`` point into the edits file (0: unknown, an edit made in code).
    """

    section: str
    op: str
    key: str
    value: Any = None
    line: int = 0
    column: int = 0

    @property
    def name(self) -> str:
        """``characters.merge`` ..."""
        return f"{self.section}.{self.op}"


@dataclass(frozen=True)
class Edits:
    """An edits document: edits in file order, and the file they came from."""

    edits: tuple[Edit, ...] = ()
    source: str | None = None

    def __len__(self) -> int:
        return len(self.edits)

    def __bool__(self) -> bool:
        return bool(self.edits)

    def __iter__(self):
        return iter(self.edits)

    # ---- building in code (the app) -----------------------------------------------
    def add(self, section: str, op: str, key: str, value: Any = None) -> "Edits":
        """A new document with one more edit, as a person makes them on the story on screen.

        Later edits win over earlier ones of the same name (renaming twice keeps the
        last name); a merge into, or a drop of, a name others were merged into carries
        those merges along (``A -> B`` then ``B -> C`` is ``A -> C``; ``A -> B`` then
        dropping ``B`` drops ``A`` too); a name merged or dropped loses its other edits.
        The result is checked as a file would be (:class:`StoryError` if it cannot be).
        """
        new = _check_entry(section, op, key, value, self.source or "<edits>", 0, 0)
        k = _fold(new.key)
        out: list[Edit] = []
        for e in self.edits:
            if e.section != section:
                out.append(e)
                continue
            if _fold(e.key) == k and (e.op == op or (op in _AWAY and section != "scenes")):
                if section == "scenes":  # presence: the lists add up
                    new = replace(new, value=tuple(dict.fromkeys((*e.value, *new.value))))
                continue  # the later edit wins; a name going away loses its other edits
            if section != "scenes" and op in ("merge", "drop") and e.op == "merge" and _fold(e.value) == k:
                # others merged into this name follow it
                e = replace(e, op="drop", value=None) if op == "drop" else replace(e, value=new.value)
                if _fold(e.key) == _fold(e.value or ""):
                    continue
            out.append(e)
        out.append(new)
        doc = Edits(tuple(out), self.source)
        _check_document(doc, doc.source or "<edits>")
        return doc

    def without_last(self) -> "Edits":
        return Edits(self.edits[:-1], self.source)

    def to_data(self) -> dict:
        """Plain data in the edits file's layout (what :func:`dump_edits` writes)."""
        data: dict[str, dict[str, Any]] = {}
        for sec, ops in OPERATIONS.items():
            for op in ops:
                items = [e for e in self.edits if e.section == sec and e.op == op]
                if not items:
                    continue
                if ops[op] == "none":
                    data.setdefault(sec, {})[op] = [e.key for e in items]
                else:
                    data.setdefault(sec, {})[op] = {e.key: (list(e.value) if isinstance(e.value, tuple) else e.value)
                                                    for e in items}
        return data


def _fold(text) -> str:
    return " ".join(str(text).split()).casefold()


# ------------------------------------------------------------------ reading
def sidecar_for(path: str | os.PathLike) -> Path:
    """The sidecar edits file of a story source: ``<stem>.edits.yaml`` beside it."""
    p = Path(path)
    return p.with_name(p.name[: -len(p.suffix)] + EDITS_SUFFIX if p.suffix else p.name + EDITS_SUFFIX)


def load_edits(path: str | os.PathLike) -> Edits:
    """Read an edits file (at most :data:`MAX_EDITS_BYTES`)."""
    from .formats._text import format_size, read_limited

    data = read_limited(path, MAX_EDITS_BYTES, "edits file")
    if len(data) > MAX_EDITS_BYTES:
        raise StoryFormatError(path, 0, 0, f"the edits file is over {format_size(MAX_EDITS_BYTES)}; "
                                           f"the limit is {format_size(MAX_EDITS_BYTES)}")
    return parse_edits(data, source=str(path))


def parse_edits(data: bytes | str | Mapping | Edits | None, source: str = "<edits>") -> Edits:
    """An :class:`Edits` from YAML text or bytes, or from plain data (a mapping).

    Raises
    ------
    StoryFormatError
        ``source:line:col: problem`` for the first problem found.
    """
    if isinstance(data, Edits):
        return data
    if data is None:
        return Edits((), source)
    if isinstance(data, Mapping):
        edits = _from_data(data, source)
    else:
        edits = _from_yaml(data, source)
    _check_document(edits, source)
    return edits


def _from_yaml(data: bytes | str, source: str) -> Edits:
    import yaml

    from .formats._text import decode_text, format_size
    from .formats.story_file import _check_tree, _Loader, _yaml_error

    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if len(raw) > MAX_EDITS_BYTES:
        raise StoryFormatError(source, 0, 0, f"the edits file is {format_size(len(raw))}; "
                                             f"the limit is {format_size(MAX_EDITS_BYTES)}")
    text = decode_text(raw, source)
    loader = _Loader(text)
    try:
        try:
            root = loader.get_single_node()
            if root is not None:
                _check_tree(root, source)
        except yaml.YAMLError as e:
            raise _yaml_error(e, text, source) from None
        except RecursionError:
            raise StoryFormatError(source, 1, 1, "the edits file is nested too deep") from None
    finally:
        loader.dispose()
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag.endswith(":null")):
        return Edits((), source)
    return _walk(root, source)


def _pos(node) -> tuple[int, int]:
    m = node.start_mark
    return m.line + 1, m.column + 1


def _walk(root, source: str) -> Edits:
    import yaml

    def err(node, msg):
        raise StoryFormatError(source, *_pos(node), msg)

    def scalar(node, what) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            err(node, f"{what} must be a name, not a {'list' if isinstance(node, yaml.SequenceNode) else 'mapping'}")
        if node.tag.endswith(":null"):
            return None
        return str(node.value)

    def mapping(node, what):
        if not isinstance(node, yaml.MappingNode):
            err(node, f"{what} must be a mapping")
        seen: dict[str, Any] = {}
        for k, v in node.value:
            name = scalar(k, f"a key of {what}")
            if name is None or not name.strip():
                err(k, f"a key of {what} is empty")
            if _fold(name) in seen:
                err(k, f"{name!r} is written twice in {what}")
            seen[_fold(name)] = k
            yield k, name, v

    if not isinstance(root, yaml.MappingNode):
        err(root, "an edits file is a mapping with characters:, places: and scenes:")
    edits: list[Edit] = []
    for sk, sec, snode in mapping(root, "the edits file"):
        if sec not in OPERATIONS:
            err(sk, f"unknown section {sec!r}{_closest(sec, OPERATIONS)}; known: {', '.join(OPERATIONS)}")
        if isinstance(snode, yaml.ScalarNode) and snode.tag.endswith(":null"):
            continue
        for ok, op, onode in mapping(snode, sec):
            if op not in OPERATIONS[sec]:
                err(ok, f"unknown edit {sec}.{op}{_closest(op, OPERATIONS[sec])}; known: {', '.join(OPERATIONS[sec])}")
            what = f"{sec}.{op}"
            if isinstance(onode, yaml.ScalarNode) and onode.tag.endswith(":null"):
                continue
            if OPERATIONS[sec][op] == "none":
                if isinstance(onode, yaml.ScalarNode):
                    items = [onode]
                elif isinstance(onode, yaml.SequenceNode):
                    items = onode.value
                else:
                    err(onode, f"{what} is a list of names")
                for item in items:
                    name = scalar(item, f"an item of {what}")
                    edits.append(_check_entry(sec, op, name, None, source, *_pos(item)))
                    if len(edits) > _MAX_ENTRIES:
                        err(item, f"more than {_MAX_ENTRIES:,} edits")
                continue
            for k, name, v in mapping(onode, what):
                if OPERATIONS[sec][op] == "names":
                    if isinstance(v, yaml.ScalarNode) and not v.tag.endswith(":null"):
                        value = (str(v.value),)
                    elif isinstance(v, yaml.SequenceNode):
                        value = tuple(scalar(x, f"an item of {what}") for x in v.value)
                    else:
                        err(v, f"{what}: {name!r} needs a list of names")
                else:
                    value = scalar(v, f"{what}: the value of {name!r}")
                edits.append(_check_entry(sec, op, name, value, source, *_pos(k), value_pos=_pos(v)))
                if len(edits) > _MAX_ENTRIES:
                    err(k, f"more than {_MAX_ENTRIES:,} edits")
    return Edits(tuple(edits), source)


def _from_data(data: Mapping, source: str) -> Edits:
    edits: list[Edit] = []
    for sec, ops in data.items():
        if sec not in OPERATIONS:
            raise StoryFormatError(source, 0, 0, f"unknown section {sec!r}{_closest(str(sec), OPERATIONS)}")
        if ops is None:
            continue
        if not isinstance(ops, Mapping):
            raise StoryFormatError(source, 0, 0, f"{sec} must be a mapping")
        for op, items in ops.items():
            if op not in OPERATIONS[sec]:
                raise StoryFormatError(source, 0, 0, f"unknown edit {sec}.{op}{_closest(str(op), OPERATIONS[sec])}")
            if items is None:
                continue
            if OPERATIONS[sec][op] == "none":
                items = [items] if isinstance(items, str) else items
                if not isinstance(items, (list, tuple)):
                    raise StoryFormatError(source, 0, 0, f"{sec}.{op} is a list of names")
                edits += [_check_entry(sec, op, k, None, source, 0, 0) for k in items]
            else:
                if not isinstance(items, Mapping):
                    raise StoryFormatError(source, 0, 0, f"{sec}.{op} must be a mapping")
                for k, v in items.items():
                    if OPERATIONS[sec][op] == "names":
                        v = (v,) if isinstance(v, str) else v
                        if not isinstance(v, (list, tuple)):
                            raise StoryFormatError(source, 0, 0, f"{sec}.{op}: {k!r} needs a list of names")
                        v = tuple(v)
                    edits.append(_check_entry(sec, op, k, v, source, 0, 0))
    return Edits(tuple(edits), source)


def _check_entry(sec, op, key, value, source, line, col, value_pos=None) -> Edit:
    """One entry's own types; an :class:`Edit`."""
    what = f"{sec}.{op}"
    vline, vcol = value_pos or (line, col)
    if sec not in OPERATIONS or op not in OPERATIONS[sec]:
        raise StoryFormatError(source, line, col, f"unknown edit {what}")
    if not isinstance(key, str) or not key.strip():
        raise StoryFormatError(source, line, col, f"{what}: {key!r} is not a name")
    key = key.strip()
    kind = OPERATIONS[sec][op]
    if kind == "name":
        if not isinstance(value, str) or not value.strip():
            raise StoryFormatError(source, vline, vcol, f"{what}: {key!r} needs a name, not {value!r}")
        value = value.strip()
        if _fold(value) == _fold(key) and op == "merge":
            raise StoryFormatError(source, line, col, f"{what}: {key!r} is merged into itself")
    elif kind == "names":
        if not isinstance(value, (list, tuple)) or not value:
            raise StoryFormatError(source, vline, vcol, f"{what}: {key!r} needs a list of names")
        for v in value:
            if not isinstance(v, str) or not v.strip():
                raise StoryFormatError(source, vline, vcol, f"{what}: {v!r} in the list of {key!r} is not a name")
        value = tuple(dict.fromkeys(v.strip() for v in value))
    elif kind == "kind":
        value = value.strip().lower() if isinstance(value, str) else value
        if value not in _KINDS:
            raise StoryFormatError(source, vline, vcol, f"{what}: {key!r} must be person or group, not {value!r}")
    elif kind == "optional":
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise StoryFormatError(source, vline, vcol, f"{what}: {key!r} needs a name or null, not {value!r}")
        value = value.strip() if isinstance(value, str) else None
    else:
        value = None
    return Edit(sec, op, key, value, int(line or 0), int(col or 0))


def _check_document(edits: Edits, source: str) -> None:
    """Problems of a whole edits document, by name (before looking at any story)."""
    for sec in ("characters", "places"):
        mine = [e for e in edits.edits if e.section == sec]
        first: dict[str, Edit] = {}
        for e in mine:  # a name is changed once: merged, dropped, renamed, split ...
            k = _fold(e.key)
            prev = first.get(k)
            if prev is not None and (prev.op in _AWAY or e.op in _AWAY or prev.op == e.op):
                both = f"both {_DONE[prev.op]} and {_DONE[e.op]}"
                if prev.op == e.op:
                    both = f"{_DONE[e.op]} twice"
                raise StoryFormatError(source, e.line, e.column,
                                       f"{e.name}: {e.key!r} is {both} (line {prev.line})" if prev.line else
                                       f"{e.name}: {e.key!r} is {both}")
            first.setdefault(k, e)
        merges = {_fold(e.key): e for e in mine if e.op == "merge"}
        away = {_fold(e.key): e for e in mine if e.op in _AWAY}
        for e in mine:
            if e.op != "merge":
                continue
            target = _fold(e.value)
            # a cycle: follow the chain back to this name
            seen, cur = [e.key], target
            while cur in merges and cur not in {_fold(s) for s in seen}:
                seen.append(merges[cur].key)
                cur = _fold(merges[cur].value)
            if cur == _fold(e.key):
                raise StoryFormatError(source, e.line, e.column,
                                       f"{e.name}: merges form a cycle: {' -> '.join(repr(s) for s in seen)} -> {e.key!r}")
            if target in away:
                other = away[target]
                how = {"merge": f"itself merged into {other.value!r}", "drop": "dropped",
                       "split": "split"}[other.op]
                hint = f"; merge {e.key!r} into {other.value!r}" if other.op == "merge" else ""
                raise StoryFormatError(source, e.line, e.column,
                                       f"{e.name}: {e.key!r} is merged into {e.value!r}, which is {how}"
                                       f"{f' (line {other.line})' if other.line else ''}{hint}")


def _closest(name: str, known: Iterable[str], n: int = 3) -> str:
    close = difflib.get_close_matches(str(name), list(known), n=n, cutoff=0.5)
    return f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""


# ------------------------------------------------------------------ writing
def dump_edits(edits: Edits | Mapping) -> str:
    """The edits as YAML text, in the file's layout (what the app downloads)."""
    import yaml

    data = edits.to_data() if isinstance(edits, Edits) else dict(edits)
    head = ("# scene-timeline edits file: corrections re-applied to every reading of the story.\n"
            "# Names mean the story as read, before any edit.\n")
    if not data:
        return head + "{}\n"
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)


# ------------------------------------------------------------------ applying
class _Index:
    """Case-insensitive look-up of names in the story as read."""

    def __init__(self, items: dict[str, list[str]], what: str):
        self.what = what
        self.by: dict[str, str] = {}
        self.spellings: list[str] = []
        # ids first, then names, then aliases: an id always wins
        for ident, names in items.items():
            self.by.setdefault(_fold(ident), ident)
        for ident, names in items.items():
            if len(names) > 1 and names[1]:
                self.by.setdefault(_fold(names[1]), ident)
        for ident, names in items.items():
            for n in names[2:]:
                if n:
                    self.by.setdefault(_fold(n), ident)
        for rank in (1, 2, 0):  # shown as written: names, aliases, then ids
            for names in items.values():
                self.spellings += [n for n in (names[rank:rank + 1] if rank < 2 else names[2:]) if n]

    def find(self, name: str) -> str | None:
        return self.by.get(_fold(name))

    def closest(self, name: str) -> str:
        # compare in one case, show as written
        folded = {}
        for s in self.spellings:
            folded.setdefault(_fold(s), s)
        close = difflib.get_close_matches(_fold(name), list(folded), n=3, cutoff=0.5)
        if not close:
            return ""
        return f"; closest: {', '.join(repr(folded[c]) for c in close)}"


class _Applier:
    def __init__(self, story: Story, edits: Edits, source: str):
        self.story = story
        self.edits = edits
        self.source = source
        self.data = story.model_dump()
        for k in ("characters", "locations", "scenes", "notes"):
            self.data[k] = list(self.data[k])
        self.notes: list[dict] = []
        self.chars = _Index({c.id: [c.id, c.name, *c.aliases] for c in story.characters}, "character")
        self.places = _Index({p.id: [p.id, p.name] for p in story.locations}, "place")
        self.scenes = _Index({s.id: [s.id, s.number or ""] for s in story.scenes}, "scene")
        self.created: dict[str, str] = {}  # folded name of a character a split created -> id

    def fail(self, e: Edit, msg: str):
        raise StoryFormatError(self.source, e.line, e.column, f"{e.name}: {msg}")

    def resolve(self, e: Edit, name: str, index: _Index, what: str) -> str:
        ident = index.find(name)
        if ident is None and index is self.chars:
            ident = self.created.get(_fold(name))
        if ident is None:
            self.fail(e, f"no {what} {name!r} in {self.story.title!r}{index.closest(name)}")
        return ident

    def note(self, e: Edit, subject: str, targets, message: str):
        self.notes.append({"kind": "edited", "subject": subject, "text": e.key, "line": e.line, "column": e.column,
                           "source": os.path.basename(self.source) if self.source else None, "edit": e.name,
                           "targets": tuple(targets), "message": message})

    # ---- the whole run -------------------------------------------------------------
    def run(self) -> Story:
        edits = self.edits.edits
        ch = [e for e in edits if e.section == "characters"]
        pl = [e for e in edits if e.section == "places"]
        sc = [e for e in edits if e.section == "scenes"]
        # resolve every name against the story as read; one character changes once
        away: dict[str, Edit] = {}
        for e in ch:
            if e.op in _AWAY:
                cid = self.resolve(e, e.key, self.chars, "character")
                if cid in away:
                    self.fail(e, f"{e.key!r} is the character {away[cid].key!r} already {_DONE[away[cid].op]}"
                                 f"{f' (line {away[cid].line})' if away[cid].line else ''}")
                away[cid] = e
        final: dict[str, str] = {}  # merged id -> the id it is merged into
        for e in ch:
            if e.op == "merge":
                a = self.resolve(e, e.key, self.chars, "character")
                b = self.resolve(e, e.value, self.chars, "character")
                if a == b:  # already one character (the reader merged them): nothing to do
                    del away[a]
                    self.note(e, "character", (a,), f"{e.key!r} is already {e.value!r}")
                    continue
                if b in away:
                    o = away[b]
                    self.fail(e, f"{e.value!r} is itself {_DONE[o.op]}"
                                 f"{f' (line {o.line})' if o.line else ''}")
                final[a] = b
        for e in ch:
            if e.op == "merge":
                a = self.chars.find(e.key)
                if a in final:
                    self.merge_character(e, a, final[a])
        for e in ch:
            if e.op == "split":
                self.split_character(e, self.resolve(e, e.key, self.chars, "character"))
        for e in ch:
            if e.op == "drop":
                self.drop_character(e, self.resolve(e, e.key, self.chars, "character"))
        for e in ch:
            if e.op in ("rename", "kind", "group"):
                cid = self.resolve(e, e.key, self.chars, "character")
                if cid in away:
                    o = away[cid]
                    self.fail(e, f"{e.key!r} is {_DONE[o.op]}"
                                 f"{f' (line {o.line})' if o.line else ''}; it cannot be {_DONE[e.op]} too")
                getattr(self, f"{e.op}_character")(e, cid)
        place_away: dict[str, Edit] = {}
        for e in pl:
            if e.op == "merge":
                p = self.resolve(e, e.key, self.places, "place")
                if p in place_away:
                    self.fail(e, f"{e.key!r} is already merged (line {place_away[p].line})")
                place_away[p] = e
        for e in pl:
            if e.op == "merge":
                p = self.places.find(e.key)
                q = self.resolve(e, e.value, self.places, "place")
                if q in place_away:
                    self.fail(e, f"{e.value!r} is itself merged into {place_away[q].value!r}")
                self.merge_place(e, p, q)
        for e in pl:
            if e.op in ("rename", "parent"):
                p = self.resolve(e, e.key, self.places, "place")
                if p in place_away:
                    self.fail(e, f"{e.key!r} is merged (line {place_away[p].line}); it cannot be changed too")
                getattr(self, f"{e.op}_place")(e, p)
        for e in sc:
            self.presence(e, away)
        data = self.data
        data["notes"] = [*data.get("notes", ()), *self.notes]
        try:
            return Story.model_validate(data)
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(x) for x in first.get("loc", ()))
            raise StoryFormatError(self.source, 0, 0,
                                   f"the edited story is not valid: {where}: {first.get('msg', err)}") from None

    # ---- characters ----------------------------------------------------------------
    def _char(self, cid: str) -> dict:
        for c in self.data["characters"]:
            if c["id"] == cid:
                return c
        raise KeyError(cid)

    def _repoint(self, old: str, new: tuple[str, ...]):
        """Every reference to character ``old`` becomes ``new`` (none: removed)."""
        for s in self.data["scenes"]:
            if old in s["characters"]:
                i = s["characters"].index(old)
                chars = [*s["characters"][:i], *new, *s["characters"][i + 1:]]
                s["characters"] = list(dict.fromkeys(chars))
            if old in s["mentioned"]:
                s["mentioned"] = [m for m in dict.fromkeys(x for c in s["mentioned"]
                                                           for x in ((*new,) if c == old else (c,)))
                                  if m not in s["characters"]]
            if old in s["cues"]:
                n = s["cues"].pop(old)
                for t in new:
                    s["cues"][t] = s["cues"].get(t, 0) + n
            inters = []
            for it in s["interactions"]:
                if old not in (it["source"], it["target"]):
                    inters.append(it)
                    continue
                for t in new:
                    inters.append({**it, "source": t if it["source"] == old else it["source"],
                                   "target": t if it["target"] == old else it["target"]})
            s["interactions"] = inters
        for c in self.data["characters"]:
            fate = c.get("fate")
            if fate and fate.get("by") == old:
                fate["by"] = new[0] if len(new) == 1 else None
        for n in self.data.get("notes", ()):
            if old in n.get("targets", ()):
                n["targets"] = tuple(dict.fromkeys(x for t in n["targets"] for x in ((*new,) if t == old else (t,))))

    def merge_character(self, e: Edit, a: str, b: str):
        ca, cb = self._char(a), self._char(b)
        cues = sum(s["cues"].get(a, 0) for s in self.data["scenes"])
        scenes = sum(a in s["characters"] for s in self.data["scenes"])
        spellings = [ca["name"], *ca["aliases"], *cb["aliases"]]
        cb["aliases"] = tuple(x for x in dict.fromkeys(spellings) if _fold(x) != _fold(cb["name"]))
        for k in ("actor", "group", "description", "fate"):
            if cb.get(k) is None and ca.get(k) is not None:
                cb[k] = ca[k]
        self.data["characters"].remove(ca)
        self._repoint(a, (b,))
        self.note(e, "character", (b,), f"{e.key!r} merged into {cb['name']} ({scenes} scene"
                                        f"{'s' if scenes != 1 else ''}, {cues} cue{'s' if cues != 1 else ''})")

    def drop_character(self, e: Edit, a: str):
        ca = self._char(a)
        self.data["characters"].remove(ca)
        self._repoint(a, ())
        self.note(e, "character", (), f"{ca['name']!r} dropped: not a character")

    def split_character(self, e: Edit, a: str):
        from .formats.script.words import slug

        ca = self._char(a)
        targets = []
        for name in e.value:
            cid = self.chars.find(name) or self.created.get(_fold(name))
            if cid == a:
                self.fail(e, f"{name!r} is {e.key!r} itself")
            if cid is None:
                taken = {c["id"] for c in self.data["characters"]}
                base = slug(name) or "character"
                cid, n = base, 2
                while cid in taken:
                    cid, n = f"{base}_{n}", n + 1
                self.data["characters"].append({**{k: v for k, v in ca.items() if k in ("inferred",)},
                                                "id": cid, "name": name, "aliases": (), "actor": None,
                                                "group": ca.get("group"), "kind": "person", "fate": None,
                                                "description": None})
                self.created[_fold(name)] = cid
            else:
                try:
                    self._char(cid)
                except KeyError:
                    self.fail(e, f"{name!r} is merged or dropped by another edit")
            targets.append(cid)
        self.data["characters"].remove(ca)
        self._repoint(a, tuple(targets))
        self.note(e, "character", targets, f"{e.key!r} split into {', '.join(e.value)}")

    def rename_character(self, e: Edit, cid: str):
        c = self._char(cid)
        for other in self.data["characters"]:
            if other["id"] != cid and _fold(other["name"]) == _fold(e.value):
                self.fail(e, f"{e.value!r} is already the name of another character; merge {e.key!r} into it instead")
        old = c["name"]
        c["name"] = e.value
        c["aliases"] = tuple(x for x in dict.fromkeys((*c["aliases"], old)) if _fold(x) != _fold(e.value))
        self.note(e, "character", (cid,), f"{old!r} renamed {e.value!r}")

    def kind_character(self, e: Edit, cid: str):
        c = self._char(cid)
        c["kind"] = e.value
        self.note(e, "character", (cid,), f"{c['name']} is a {e.value}")

    def group_character(self, e: Edit, cid: str):
        c = self._char(cid)
        c["group"] = e.value
        self.note(e, "character", (cid,), f"{c['name']} is in group {e.value!r}" if e.value else
                  f"{c['name']} is in no group")

    # ---- places ----------------------------------------------------------------------
    def _place(self, pid: str) -> dict:
        for p in self.data["locations"]:
            if p["id"] == pid:
                return p
        raise KeyError(pid)

    def merge_place(self, e: Edit, p: str, q: str):
        pp, pq = self._place(p), self._place(q)
        n = 0
        for s in self.data["scenes"]:
            if s["location"] == p:
                s["location"] = q
                n += 1
        for loc in self.data["locations"]:
            if loc.get("parent") == p:
                loc["parent"] = q if loc["id"] != q else pp.get("parent")
        if pq.get("parent") == p:
            pq["parent"] = pp.get("parent") if pp.get("parent") != q else None
        self.data["locations"].remove(pp)
        self.note(e, "location", (q,), f"{pp['name']!r} merged into {pq['name']} ({n} scene{'s' if n != 1 else ''})")

    def rename_place(self, e: Edit, p: str):
        pp = self._place(p)
        old, pp["name"] = pp["name"], e.value
        self.note(e, "location", (p,), f"place {old!r} renamed {e.value!r}")

    def parent_place(self, e: Edit, p: str):
        pp = self._place(p)
        q = None
        if e.value is not None:
            q = self.resolve(e, e.value, self.places, "place")
            try:
                self._place(q)
            except KeyError:
                self.fail(e, f"{e.value!r} is merged away")
            # no cycle: q must not be inside p
            parent = {x["id"]: x.get("parent") for x in self.data["locations"]}
            cur, seen = q, set()
            while cur is not None and cur not in seen:
                if cur == p:
                    self.fail(e, f"{e.value!r} is inside {e.key!r}: a place cannot be inside itself")
                seen.add(cur)
                cur = parent.get(cur)
        pp["parent"] = q
        self.note(e, "location", (q,) if q else (), f"{pp['name']} is inside {self._place(q)['name']}" if q
                  else f"{pp['name']} is inside no other place")

    # ---- scenes ----------------------------------------------------------------------
    def presence(self, e: Edit, away: dict[str, Edit]):
        sid = self.resolve(e, e.key, self.scenes, "scene")
        s = next(x for x in self.data["scenes"] if x["id"] == sid)
        ids = []
        for name in e.value:
            cid = self.resolve(e, name, self.chars, "character")
            while cid in away:
                o = away[cid]
                if o.op != "merge":
                    self.fail(e, f"{name!r} is {_DONE[o.op]}"
                                 f"{f' (line {o.line})' if o.line else ''}")
                cid = self.chars.find(o.value) or cid
                if cid in away and away[cid] is o:
                    break
            ids.append(cid)
        if e.op == "add":
            s["characters"] = list(dict.fromkeys([*s["characters"], *ids]))
            s["mentioned"] = [m for m in s["mentioned"] if m not in ids]
        else:
            s["characters"] = [c for c in s["characters"] if c not in ids]
            s["cues"] = {c: n for c, n in s["cues"].items() if c not in ids}
            s["interactions"] = [it for it in s["interactions"] if it["source"] not in ids and it["target"] not in ids]
        self.note(e, "scene", tuple(ids), f"scene {e.key}: {', '.join(e.value)} "
                                          f"{'added' if e.op == 'add' else 'removed'}")


def apply_edits(story: Story, edits, source: str | None = None) -> Story:
    """The story with the edits applied (a new story; ``story`` is not changed).

    Parameters
    ----------
    story : Story
        The story as read.
    edits : Edits, mapping, str or bytes
        An :class:`Edits`, plain data or YAML text (see :func:`parse_edits`).
    source : str, optional
        The edits file's name, for messages and notes (default: the edits' own).

    Raises
    ------
    StoryFormatError
        ``source:line:col: problem`` for the first edit that cannot be applied (it
        matches nothing: the closest names are given; or it conflicts), or for an
        edited story that is not valid. Nothing is changed.
    """
    doc = parse_edits(edits, source=source or "<edits>")
    src = source or doc.source or "<edits>"
    if not doc:
        return story
    return _Applier(story, doc, src).run()
