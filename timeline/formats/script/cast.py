"""The cast, read like a script reader: from the names in character cues to
the characters of a story.

The spec-level readers give every distinct cue name (``name_key``: case and
spacing ignored, extensions such as ``(V.O.)`` and ``(CONT'D)`` stripped) as
a speaker. A reader of scripts sees more (``clean=True``):

1. **Directions are not characters.** A cue that is a shot, camera direction,
   transition or time phrase (``INSERT - THE LETTER``, ``CLOSE ON``,
   ``MARY'S POV``, ``BACK TO JOHN``, ``MOMENTS LATER``; see
   :func:`~timeline.formats.script.directions.direction`) is dropped.
2. **One name, several spellings.** Names equal up to case, spacing,
   punctuation and accents (``DR. SMITH`` / ``DR SMITH``, ``"BARTHOLOMEW"`` /
   ``BARTHOLOMEW``) are one character, named by its most used spelling.
3. **Voices.** ``X'S VOICE``, ``X'S THOUGHTS``, ``VOICE OF X``, ``X ON PHONE``,
   ``X V.O.`` are X when X speaks in the script under its own name and is not
   a generic role (``MAN'S VOICE`` stays apart from ``MAN``: two walk-ons).
4. **Joint cues.** ``A/B``, ``TEX & GIDEON``, ``ADAM AND REGGIE``,
   ``GIDEON, TEX & SCOBIE`` are each of their speakers when every part is a
   speaker of the script; otherwise the cue is one character (a duo such as
   ``SALT AND PEPPER`` who only ever speak together).

Age and role variants (``YOUNG EDWARD``, ``ADULT EDWARD``, ``REAL
BARTHOLOMEW``) are other characters and are never merged. Every decision is
returned so that the story can record it (import notes); an alias that maps a
name to itself keeps that name exactly as written.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .directions import direction
from .elements import name_key
from .presence import COMMON
from .words import loose_key, title_case

__all__ = ["Cast", "Decision", "read_cast"]

_VOICE_WORDS = (r"VOICE|VOICES|THOUGHTS|THOUGHT|INNER VOICE|RECORDED VOICE|VOICE ?OVER|VOICE-OVER|NARRATION|"
                r"ECHO|FILTERED VOICE|VOICE ON (?:THE )?(?:PHONE|TAPE|RADIO|SPEAKER)")
_VOICE = [
    re.compile(rf"^(?P<x>.+?)['’]S (?:{_VOICE_WORDS})$"),
    re.compile(r"^(?:THE )?(?:VOICE|VOICES|THOUGHTS) OF (?P<x>.+)$"),
    re.compile(r"^(?P<x>.+?) (?:ON (?:THE )?(?:PHONE|TELEPHONE|TV|TELEVISION|RADIO|SPEAKER|SPEAKERPHONE|INTERCOM|SCREEN|"
               r"TAPE|VIDEO|MONITOR|WALKIE(?:[- ]TALKIE)?|PA|P\.A\.)|OVER (?:THE )?(?:PHONE|RADIO|INTERCOM|SPEAKER)|"
               r"V\.? ?O\.?|O\.? ?S\.?|O\.? ?C\.?|VOICE ?OVER)$"),
]
_JOINT = re.compile(r"\s*(?:&|\+|/|,|\bAND\b)\s*")
_MAYBE_JOINT = re.compile(r"[&+/,]|\bAND\b")
_GENERIC_START = frozenset("A AN THE SOME ANOTHER ONE".split())


@dataclass(slots=True)
class Decision:
    """What reading the cast did with one spelling.

    ``kind`` is ``merged`` (``targets`` holds the one character), ``split``
    (several) or ``dropped`` (none); ``why`` says which rule.
    """

    kind: str
    name: str  # the cue name as first written
    key: str  # its name_key
    targets: tuple[str, ...]  # character keys
    why: str


@dataclass(slots=True)
class Cast:
    """The characters a script's cue names stand for."""

    #: cue name key -> the keys of the characters it stands for (empty: none)
    targets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: character key -> display name
    names: dict[str, str] = field(default_factory=dict)
    #: character key -> other spellings (display form)
    spellings: dict[str, list[str]] = field(default_factory=dict)
    #: character key -> names to look for in action (name keys)
    presence: dict[str, list[str]] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)


def _display(key: str) -> str:
    return title_case(key) if key == key.upper() else key


def _generic(loose: str) -> bool:
    words = loose.split()
    return not words or words[0] in _GENERIC_START or all(w in COMMON for w in words)


def _voice_base(key: str) -> str | None:
    if " " not in key:  # (every voice form has two words or more)
        return None
    for rx in _VOICE:
        m = rx.match(key)
        if m:
            return m.group("x").strip()
    return None


def read_cast(names: dict[str, str], counts: dict[str, int], alias: dict[str, str], *, clean: bool = True) -> Cast:
    """Decide which characters the cue names of a script stand for.

    Parameters
    ----------
    names : dict
        ``name_key`` -> the name as first written, in order of first appearance.
    counts : dict
        ``name_key`` -> number of cues.
    alias : dict
        ``name_key`` -> ``name_key`` of the canonical name (the user's
        aliases); a name mapped to itself is kept as written.
    clean : bool
        Read like a script reader (the module docstring); False gives one
        character per distinct name (after the aliases).

    Returns
    -------
    Cast
    """
    cast = Cast()
    # 1. the user's aliases
    aliased: dict[str, str] = {}  # key -> key after aliases
    literal: set[str] = set()
    for k0 in names:
        k = alias.get(k0, k0)
        aliased[k0] = k
        if alias.get(k0) == k0:
            literal.add(k0)
    if not clean:
        for k0, k in aliased.items():
            cast.targets[k0] = (k,)
        _finish(cast, names, counts, aliased, alias)
        return cast

    # 2. directions
    kept: list[str] = []
    for k0, k in aliased.items():
        if k0 not in literal and direction(loose_key(k).split()):
            cast.targets[k0] = ()
            cast.decisions.append(Decision("dropped", names[k0], k0, (), "direction"))
        else:
            kept.append(k0)
    # 3. single names (not voices, not joint) grouped by loose key; the most used spelling names the group
    lk_of: dict[str, str] = {}  # k0 -> its group (the loose key of its name after aliases)
    voice_of: dict[str, str] = {}  # k0 -> loose key of its base
    joint: dict[str, list[str]] = {}  # k0 -> loose keys of its parts
    groups: dict[str, dict[str, None]] = {}  # loose key -> keys (after aliases) in order
    weight: Counter = Counter()
    for k0 in kept:
        k = aliased[k0]
        if k0 in literal:
            lk = "\x00" + k  # (a group of its own)
        else:
            lk = loose_key(k)
            base = _voice_base(k)
            if base is not None:
                voice_of[k0] = loose_key(base)
            if _MAYBE_JOINT.search(k):
                parts = [p for p in _JOINT.split(k) if p.strip()]
                if len(parts) > 1:
                    joint[k0] = [loose_key(p) for p in parts]
        lk_of[k0] = lk
        groups.setdefault(lk, {})[k] = None
        weight[k] += counts.get(k0, 0)
    canonical = {}
    for lk, ks in groups.items():
        best = None
        for k in ks:  # (the most cues; the first written on a tie)
            if best is None or weight[k] > weight[best]:
                best = k
        canonical[lk] = best
    resolved_voice = {k0: lk for k0, lk in voice_of.items() if lk in groups and not lk.startswith("\x00")
                      and not _generic(lk) and lk != lk_of[k0]}
    resolved_joint = {k0: parts for k0, parts in joint.items()
                      if k0 not in resolved_voice and len(set(parts)) == len(parts)
                      and all(p in groups and p != lk_of[k0] for p in parts)}
    # (a name that is a voice or a joint cue of others names no group of its own)
    for k0 in kept:
        k = aliased[k0]
        if k0 in resolved_voice:
            target = canonical[resolved_voice[k0]]
            cast.targets[k0] = (target,)
            cast.decisions.append(Decision("merged", names[k0], k0, (target,), "voice"))
        elif k0 in resolved_joint:
            targets = tuple(canonical[p] for p in resolved_joint[k0])
            cast.targets[k0] = targets
            cast.decisions.append(Decision("split", names[k0], k0, targets, "joint"))
        else:
            target = canonical[lk_of[k0]]
            cast.targets[k0] = (target,)
            if target != k:
                cast.decisions.append(Decision("merged", names[k0], k0, (target,), "spelling"))
            elif k != k0:
                cast.decisions.append(Decision("merged", names[k0], k0, (target,), "alias"))
    _finish(cast, names, counts, aliased, alias)
    return cast


def _finish(cast: Cast, names, counts, aliased, alias) -> None:
    """Display names, other spellings and the names to look for in action."""
    spellings: dict[str, dict[str, None]] = {}
    for k0, targets in cast.targets.items():
        if len(targets) != 1:
            continue
        (k,) = targets
        if k not in cast.names:
            cast.names[k] = _display(k)
            cast.presence[k] = [k]
        if k0 != k:
            shown = _display(k0) if k0 == k0.upper() else names[k0]
            if shown != cast.names[k]:
                spellings.setdefault(k, {})[shown] = None
            if aliased[k0] == k and loose_key(k0) == loose_key(k) or alias.get(k0) == k:
                cast.presence[k].append(k0)  # (other spellings, not voices)
    cast.spellings = {k: list(v) for k, v in spellings.items()}
    # alias variants that never speak but whose canonical name does
    for k0, k in alias.items():
        if k0 not in cast.targets and k in cast.presence:
            cast.presence[k].append(k0)
