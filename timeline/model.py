"""The story model: Story, Scene, Character, Location, Interaction.

These pydantic models are the single source of truth for the story file format
(YAML or JSON); ``docs/story.schema.json`` is generated from them
(``python -m timeline.model > docs/story.schema.json``).

A loaded story is immutable: every model is frozen and every list is a tuple.
Scenes are numbered in *telling order* (``index``, the order the film shows
them, 0-based); ``story_order`` is when a scene happens in the story's own
chronology and defaults to ``index``.

Cross references (a scene's characters and location, an interaction's
characters, a fate's scene, a location's parent) are checked when a Story is
built; :func:`reference_problems` lists them with the path of each offending
value so that readers can point at the line in the file.
"""

from __future__ import annotations

import json
from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

__all__ = [
    "Character",
    "Fate",
    "ImportNote",
    "NOTE_KINDS",
    "NOTE_SUBJECTS",
    "Interaction",
    "Location",
    "Scene",
    "Story",
    "reference_problems",
    "DEFER_REFERENCES",
]

#: Validation context key: skip the cross-reference check (the loader runs it
#: itself with :func:`reference_problems` to report file positions).
DEFER_REFERENCES = "defer_references"

_ID_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Location(_Frozen):
    """A place where scenes happen; ``parent`` nests it (an alley inside a town)."""

    id: str = Field(pattern=_ID_PATTERN, description="Unique location id.")
    name: str = Field(min_length=1)
    parent: str | None = Field(None, description="Id of the enclosing location.")
    description: str | None = None
    inferred: bool = Field(False, description="True where the data goes beyond its source.")


class Fate(_Frozen):
    """How and in which scene a character dies."""

    how: str = Field(min_length=1, description="e.g. 'shot by El Mariachi'.")
    scene: str = Field(description="Id of the scene where the character dies.")
    by: str | None = Field(None, description="Id of the character responsible, if any.")
    inferred: bool = False


class Character(_Frozen):
    """A person (or a group acting as one, such as 'Bucho's men')."""

    id: str = Field(pattern=_ID_PATTERN, description="Unique character id.")
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    actor: str | None = None
    group: str | None = Field(None, description="Faction or group, e.g. \"Bucho's men\".")
    kind: Literal["person", "group"] = "person"
    fate: Fate | None = None
    description: str | None = None
    inferred: bool = False

    def matches(self, text: str) -> bool:
        """True if ``text`` names this character (id, name or alias, any case)."""
        t = text.strip().casefold()
        return t in {self.id.casefold(), self.name.casefold(), *(a.casefold() for a in self.aliases)}


class Interaction(_Frozen):
    """A typed, directed interaction (``source`` *kills* ``target``) tied to a scene.

    In a story file, interactions are written inside their scene and ``scene``
    may be left out; it is filled in when the story is loaded.
    """

    type: str = Field(min_length=1, pattern=r"^[a-z][a-z_ ]*$", description="kills, wounds, tends, rescues, loves, brother_of, tells, ...")
    source: str
    target: str
    scene: str | None = None
    description: str | None = None
    inferred: bool = False


class Scene(_Frozen):
    """One plot event (or one screenplay scene)."""

    id: str = Field(pattern=_ID_PATTERN)
    index: int = Field(-1, description="Telling order, 0-based; set from the position in the file.")
    story_order: int | None = Field(None, ge=0, description="Chronological position, 0-based; defaults to index.")
    step: int | None = Field(None, ge=0, description="Time step for storyline layers; scenes sharing a step are concurrent. Defaults to index.")
    title: str = Field(min_length=1)
    summary: str = ""
    location: str | None = None
    time_of_day: str | None = None
    day: int | None = None
    int_ext: Literal["INT", "EXT", "INT/EXT"] | None = None
    heading: str | None = Field(None, description="Screenplay scene heading, verbatim.")
    number: str | None = Field(None, description="Screenplay scene number, e.g. '12A'.")
    act: str | None = Field(None, description="Act or sequence (screenplay sections).")
    characters: tuple[str, ...] = Field((), description="Ids of the characters present.")
    mentioned: tuple[str, ...] = Field((), description="Ids of characters mentioned but not present.")
    cues: dict[str, int] = Field(default_factory=dict, description="Spoken cues per character id.")
    length_lines: int | None = Field(None, ge=0)
    eighths: int | None = Field(None, ge=0, description="Estimated length in eighths of a page.")
    interactions: tuple[Interaction, ...] = ()
    tags: tuple[str, ...] = ()
    source: Union[str, tuple[str, ...], None] = Field(None, description="The sentence(s) of the source text this scene comes from.")
    inferred: bool = False

    @property
    def chrono(self) -> int:
        """``story_order`` (filled in on load)."""
        return self.story_order if self.story_order is not None else self.index

    @property
    def sources(self) -> tuple[str, ...]:
        """The source quotes as a tuple (empty when there are none)."""
        if self.source is None:
            return ()
        return (self.source,) if isinstance(self.source, str) else tuple(self.source)


#: What an import note says happened. The first five are the script readers' own
#: (cast cleaning); the rest are shared by every way in (drafter, PDF and text
#: readers, the edits file, the choice of reader for a ``.txt``).
NOTE_KINDS = (
    "merged",     # became an existing character or place
    "split",      # a joint cue became each of its speakers
    "dropped",    # not a character or place (a shot, a camera direction, a doubtful candidate)
    "nested",     # became a place inside another
    "renamed",    # kept under another name
    "left_out",   # source text not read as story: an introduction, a cast list, page furniture
    "uncertain",  # a guess the reader was unsure of: a possible merge, a pronoun it could not place
    "edited",     # an edit of an edits file was applied (``edit`` names it)
    "read_as",    # how the source was read: which reader, and why (a .txt read as prose, say)
)
NOTE_SUBJECTS = ("character", "location", "scene", "text", "story")


class ImportNote(_Frozen):
    """What reading a source (or editing it) did, at one place of that source.

    The story builder records every merge, split and drop it makes, so that
    nothing is lost silently: ``REGGIE'S VOICE`` merged into Reggie, ``TEX &
    GIDEON`` split into Tex and Gideon, ``MARY'S POV`` dropped (a shot, not a
    character), ``BLOOM HOUSE KITCHEN`` nested in Bloom House. The drafter
    notes the text it left out and the guesses it was unsure of; an edits file
    leaves one ``edited`` note per edit applied. Notes are informational (their
    targets are not checked): the original spellings of a character stay in
    its ``aliases``, and reading the script again with ``clean=False`` undoes
    the readers' own merges.

    A note points into its source by ``line`` and ``column`` (1-based, 0 when
    unknown) and, for a paged source, ``page``; ``source`` names the file when
    it is not the story's own source (an edits file beside a script).
    """

    kind: Literal[NOTE_KINDS] = Field(  # type: ignore[valid-type]
        description="merged: became an existing character or place; split: a joint cue became each of its "
                    "speakers; dropped: not a character or place (a shot, a camera direction); nested: became "
                    "a place inside another; renamed: kept under another name; left_out: source text not read "
                    "as story; uncertain: a guess the reader was unsure of; edited: an edit applied; "
                    "read_as: which reader read the source, and why.")
    subject: Literal[NOTE_SUBJECTS] = Field(  # type: ignore[valid-type]
        description="What the text was read as: a character, a location, a scene, source text, the story.")
    text: str = Field(min_length=1, description="The name, heading or passage as written in the source.")
    line: int = Field(0, ge=0, description="1-based line of the source where it is first written (0: unknown).")
    column: int = Field(0, ge=0, description="1-based column of that line (0: unknown).")
    page: int = Field(0, ge=0, description="1-based page of a paged source such as a PDF (0: none).")
    source: str | None = Field(None, description="The file the position is in, when it is not the story's source "
                                                 "(an edits file).")
    edit: str | None = Field(None, description="For kind 'edited': which edit, e.g. 'characters.merge'.")
    count: int = Field(1, ge=1, description="How many times the source writes it.")
    targets: tuple[str, ...] = Field((), description="Ids of the characters or locations it became (none when dropped).")
    message: str = Field("", description="A sentence for people, e.g. \"'REGGIE'S VOICE' is Reggie (17 cues)\".")

    @property
    def target(self) -> str | None:
        """The first target id, or None."""
        return self.targets[0] if self.targets else None

    @property
    def where(self) -> str:
        """The position for people: ``p. 3, line 12:4`` / ``line 12`` / ``''``."""
        parts = []
        if self.source:
            parts.append(self.source)
        if self.page:
            parts.append(f"p. {self.page}")
        if self.line:
            parts.append(f"line {self.line}" + (f":{self.column}" if self.column else ""))
        return ", ".join(parts)


class Story(_Frozen):
    """A whole story: metadata, characters, locations and scenes in telling order."""

    title: str = Field(min_length=1)
    metadata: dict[str, Any] = Field(
        default_factory=dict, description="Free-form film facts (year, director, ...).",
        # pydantic >= 2.11 writes this for dict[str, Any] by itself, older ones leave it out
        # (the same meaning in JSON Schema): stated, so every allowed version writes one schema.
        json_schema_extra={"additionalProperties": True},
    )
    characters: tuple[Character, ...] = ()
    locations: tuple[Location, ...] = ()
    scenes: tuple[Scene, ...] = ()
    notes: tuple[ImportNote, ...] = Field((), description="Import notes: what reading the source (and editing it) merged, split, dropped, left out or guessed.")
    chronology: bool = Field(
        False, description="Whether the scenes have a story order of their own (the source gives a story_order). "
                           "Without one, story_order is the telling order, and nothing may say the story is told "
                           "in its own order. Set from the scenes when left out.")

    @model_validator(mode="before")
    @classmethod
    def _has_chronology(cls, data):
        """``chronology`` from the scenes when not given: a scene with a ``story_order``
        of its own (a Scene object: one that differs from its telling index)."""
        if not isinstance(data, dict) or data.get("chronology") is not None:
            return data
        scenes = data.get("scenes")
        given = False
        for i, sc in enumerate(scenes if isinstance(scenes, (list, tuple)) else ()):
            if isinstance(sc, Scene):
                given = sc.story_order is not None and sc.story_order != sc.index
            elif isinstance(sc, dict):
                given = sc.get("story_order") is not None
            if given:
                break
        return {**data, "chronology": given}

    @field_validator("scenes", mode="before")
    @classmethod
    def _number_scenes(cls, value):
        """Fill in ``index``, ``story_order``, ``step`` and interaction scenes."""
        if not isinstance(value, (list, tuple)):
            return value
        out = []
        for i, sc in enumerate(value):
            if isinstance(sc, Scene):
                sc = sc.model_dump(exclude_unset=True)
            if not isinstance(sc, dict):
                out.append(sc)
                continue
            sc = dict(sc)
            if "index" in sc and sc["index"] not in (None, -1, i):
                # index is derived from the position; a different value is a mistake
                raise ValueError(
                    f"scene {sc.get('id', i)!r} has index {sc['index']!r} but is at position {i}"
                )
            sc["index"] = i
            if sc.get("story_order") is None:
                sc["story_order"] = i
            if sc.get("step") is None:
                sc["step"] = i
            inters = sc.get("interactions")
            if isinstance(inters, (list, tuple)):
                fixed = []
                for it in inters:
                    if isinstance(it, Interaction):
                        it = it.model_dump(exclude_unset=True)
                    if isinstance(it, dict) and it.get("scene") is None and "id" in sc:
                        it = {**it, "scene": sc["id"]}
                    fixed.append(it)
                sc["interactions"] = fixed
            out.append(sc)
        return out

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo):
        if info.context and info.context.get(DEFER_REFERENCES):
            return self
        problems = reference_problems(self)
        if problems:
            loc, msg = problems[0]
            where = ".".join(str(p) for p in loc)
            raise ValueError(f"{where}: {msg}")
        return self

    # ---- convenient look-ups (cheap; stories are small) -------------------
    def character(self, cid: str) -> Character:
        for c in self.characters:
            if c.id == cid:
                return c
        raise KeyError(cid)

    def location(self, lid: str) -> Location:
        for loc in self.locations:
            if loc.id == lid:
                return loc
        raise KeyError(lid)

    def scene(self, sid: str) -> Scene:
        for s in self.scenes:
            if s.id == sid:
                return s
        raise KeyError(sid)

    @property
    def interactions(self) -> tuple[Interaction, ...]:
        """Every interaction of every scene, in telling order."""
        return tuple(it for s in self.scenes for it in s.interactions)

    def find_character(self, text: str) -> Character | None:
        """The character that ``text`` names (id, name or alias), or None."""
        for c in self.characters:
            if c.matches(text):
                return c
        return None

    def to_data(self) -> dict[str, Any]:
        """Plain data in the story file format (what ``convert -o x.yaml`` writes)."""
        data = self.model_dump(mode="json", exclude_defaults=True)
        for sc in data.get("scenes", []):
            sc.pop("index", None)
            for it in sc.get("interactions", []):
                it.pop("scene", None)
        # story_order/step default to index; keep them only where they differ
        for sc, obj in zip(data.get("scenes", []), self.scenes):
            if obj.story_order == obj.index and not self.chronology:
                sc.pop("story_order", None)
            else:
                sc["story_order"] = obj.story_order
            if obj.step == obj.index:
                sc.pop("step", None)
            else:
                sc["step"] = obj.step
        data.pop("chronology", None)  # a chronology writes every story_order, which says it again
        data["title"] = self.title
        return data


def reference_problems(story: Story) -> list[tuple[tuple, str]]:
    """Every broken cross reference and duplicate id of ``story``.

    Parameters
    ----------
    story : Story
        A story built with ``context={DEFER_REFERENCES: True}``.

    Returns
    -------
    list of (loc, message)
        ``loc`` is the path to the offending value in the story file's
        structure, e.g. ``("scenes", 3, "characters", 1)``.
    """
    token = _suggested.set([SUGGESTION_BUDGET, 50 * SUGGESTION_BUDGET])
    try:
        return _reference_problems(story)
    finally:
        _suggested.reset(token)


def _reference_problems(story: Story) -> list[tuple[tuple, str]]:
    problems: list[tuple[tuple, str]] = []

    def dupes(items, section):
        seen: dict[str, int] = {}
        for i, it in enumerate(items):
            if it.id in seen:
                problems.append(((section, i, "id"), f"duplicate {section[:-1]} id {it.id!r} (first used at {section}[{seen[it.id]}])"))
            else:
                seen[it.id] = i
        return seen

    chars = dupes(story.characters, "characters")
    locs = dupes(story.locations, "locations")
    scenes = dupes(story.scenes, "scenes")

    def need_char(cid, loc):
        if cid not in chars:
            problems.append((loc, f"unknown character {cid!r}{_suggest(cid, chars)}"))

    for i, loc in enumerate(story.locations):
        if loc.parent is not None:
            if loc.parent not in locs:
                problems.append((("locations", i, "parent"), f"unknown location {loc.parent!r}{_suggest(loc.parent, locs)}"))
            elif loc.parent == loc.id:
                problems.append((("locations", i, "parent"), f"location {loc.id!r} cannot be its own parent"))
    # parent cycles: each chain is walked once (a location already settled ends the walk)
    parent = {loc.id: loc.parent for loc in story.locations}
    cyclic: dict[str, bool] = {}  # location id -> its parent chain reaches a cycle
    for i, loc in enumerate(story.locations):
        path, on_path, cur = [], set(), loc.id
        while cur is not None and cur in parent and cur not in cyclic:
            if cur in on_path:
                break
            on_path.add(cur)
            path.append(cur)
            cur = parent[cur]
        bad = cyclic.get(cur, False) if (cur is not None and cur in cyclic) else (cur in on_path)
        for lid in path:
            cyclic[lid] = bad
        if cyclic.get(loc.id):
            problems.append((("locations", i, "parent"), f"location parents form a cycle through {loc.id!r}"))

    for i, ch in enumerate(story.characters):
        if ch.fate is not None:
            if ch.fate.scene not in scenes:
                problems.append((("characters", i, "fate", "scene"), f"unknown scene {ch.fate.scene!r}{_suggest(ch.fate.scene, scenes)}"))
            if ch.fate.by is not None:
                need_char(ch.fate.by, ("characters", i, "fate", "by"))

    for i, sc in enumerate(story.scenes):
        if sc.location is not None and sc.location not in locs:
            problems.append((("scenes", i, "location"), f"unknown location {sc.location!r}{_suggest(sc.location, locs)}"))
        seen_here: set[str] = set()
        for j, cid in enumerate(sc.characters):
            need_char(cid, ("scenes", i, "characters", j))
            if cid in seen_here:
                problems.append((("scenes", i, "characters", j), f"character {cid!r} listed twice in scene {sc.id!r}"))
            seen_here.add(cid)
        for j, cid in enumerate(sc.mentioned):
            need_char(cid, ("scenes", i, "mentioned", j))
        for cid in sc.cues:
            need_char(cid, ("scenes", i, "cues", cid))
        for j, it in enumerate(sc.interactions):
            need_char(it.source, ("scenes", i, "interactions", j, "source"))
            need_char(it.target, ("scenes", i, "interactions", j, "target"))
            if it.scene != sc.id:
                problems.append((("scenes", i, "interactions", j, "scene"), f"interaction written in scene {sc.id!r} names scene {it.scene!r}"))

    n = len(story.scenes)
    orders = sorted(s.story_order for s in story.scenes)
    if orders != list(range(n)):
        # point at the first scene whose story_order is out of range or repeated
        seen_o: set[int] = set()
        for i, sc in enumerate(story.scenes):
            if sc.story_order >= n or sc.story_order in seen_o:
                what = "repeated" if sc.story_order in seen_o else f"out of range 0..{n - 1}"
                problems.append((("scenes", i, "story_order"), f"story_order values must be a permutation of 0..{n - 1}: {sc.story_order} is {what}"))
                break
            seen_o.add(sc.story_order)
    return problems


#: "Did you mean" suggestions compare an unknown name with at most this many
#: known ids in all (difflib ratios), and look at the lengths of at most
#: fifty times as many, per :func:`reference_problems` call; later names go without.
SUGGESTION_BUDGET = 1000
_suggested = __import__("contextvars").ContextVar("suggested", default=None)


def _suggest(name: str, known) -> str:
    """" (did you mean 'x'?)" for a misspelt id, bounded in cost.

    Only known ids of a similar length are compared (difflib's ratio cannot
    reach 0.6 otherwise), and all the names of one :func:`reference_problems`
    call share :data:`SUGGESTION_BUDGET` (the first problems, the ones shown,
    get theirs), so thousands of unknown ids among thousands of known ones
    cost no more than a few.
    """
    import difflib

    name = str(name)
    n = len(name)
    if n > 64:
        return ""
    budget = _suggested.get()  # [comparisons left, length checks left]
    if budget is not None:
        if budget[1] < len(known) or budget[0] <= 0:
            return ""
        budget[1] -= len(known)
    # ratio = 2*M/(len(a)+len(b)) >= 0.6 needs min/max length >= 0.6/1.4
    near = [k for k in known if 0.42 * len(k) <= n <= len(k) / 0.42]
    if budget is not None:
        if len(near) > budget[0]:
            near = [k for k in near if k[:1] == name[:1]]  # same first letter, or nothing
            if len(near) > budget[0]:
                return ""
        budget[0] -= len(near)
    close = difflib.get_close_matches(name, near, n=3, cutoff=0.6)
    return f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""


if __name__ == "__main__":  # python -m timeline.model > docs/story.schema.json
    print(json.dumps(Story.model_json_schema(), indent=2))
