"""The drafted parts put together as a :class:`timeline.model.Story`: everything
``inferred``, every scene quoting its source verbatim, import notes with their
line and column in the input."""

from __future__ import annotations

import re
from pathlib import Path

from ..model import ImportNote, Story
from .cast import Draft
from .doc import Doc
from .order import steps, story_order
from .scenes import Cut
from .source import Source

__all__ = ["assemble", "title_of"]

_INTRO_TITLE = re.compile(r"^\s*(?:The\s+)?[\"“]?([A-Z][^\n.,(]{0,60}?)[\"”]?\s+(?:\(\d{4}(?: film)?\)\s+)?is an?\b[^.\n]{0,80}\b(?:film|movie|picture)\b")


_GENERIC_STEMS = {"pasted summary", "summary", "plot", "synopsis", "text", "untitled", "draft", "story", "outline",
                  "input", "upload"}


def title_of(text: str, path: str, lead: str | None = None) -> str:
    """The film's title from its introduction ("Desperado is a 1995 … film"), else from the
    file name, else after its most mentioned character ("The story of Anna")."""
    m = _INTRO_TITLE.match(text)
    if m:
        return m.group(1).strip()
    stem = Path(path).stem if path and not path.startswith("<") else ""
    stem = re.sub(r"[_\-]+", " ", stem).strip()
    if stem and stem.lower() not in _GENERIC_STEMS:
        return stem[:1].upper() + stem[1:]
    return f"The story of {lead}" if lead else "Drafted story"


def _scene_title(text: str, c: Cut) -> str:
    s = text[c.start:c.end]
    s = re.sub(r"^(?:(?:later|meanwhile|then|however|but|and|so|eventually|finally|afterwards?|soon|the next day|"
               r"that night|the following (?:day|morning))\b[ ,]*)+", "", s, flags=re.I)
    s = re.sub(r"\s*\([^)]*\)", "", s)
    words = s.split()
    t = " ".join(words[:9]).rstrip(",;:.")
    if len(words) > 9:
        t += " …"
    t = t or text[c.start:c.end][:40]
    return t[:1].upper() + t[1:]


def _note(src: Source, n: dict) -> ImportNote:
    line, col = src.position(n["offset"]) if n.get("offset") is not None else (0, 0)
    return ImportNote(kind=n["kind"], subject=n["subject"], text=n["text"], line=line, column=col,
                      message=n["message"], targets=n.get("targets", ()), count=max(1, n.get("count", 1)))


def assemble(src: Source, doc: Doc, draft: Draft, cuts: list[Cut], inters: list[list[dict]],
             fates: dict[str, dict], left_out: list[dict]) -> Story:
    text = src.text
    # only people present or mentioned in some scene are kept
    used = {k for c in cuts for k in c.present + c.mentioned}
    people = [p for p in sorted(draft.people.values(), key=lambda p: p.first) if p.key in used]
    scene_ids = [f"s{i + 1:02d}" for i in range(len(cuts))]
    places_used = {c.location for c in cuts if c.location}
    keep_places = set()
    for k in places_used:
        while k and k not in keep_places:
            keep_places.add(k)
            parent = draft.places[k].parent
            k = next((q for q, p in draft.places.items() if p.key == parent), None)
    locations = []
    for k, p in sorted(draft.places.items(), key=lambda kv: kv[1].first):
        if k in keep_places:
            name = p.name[:1].upper() + p.name[1:]
            locations.append({"id": p.key, "name": name, "parent": p.parent, "inferred": True})
    loc_ids = {loc["id"] for loc in locations}
    for loc in locations:
        if loc["parent"] not in loc_ids:
            loc["parent"] = None
    characters = []
    groups = {}
    for p in people:
        ch = {"id": p.key, "name": p.name, "inferred": True}
        if p.aliases:
            ch["aliases"] = list(p.aliases)
        if p.actor:
            ch["actor"] = p.actor
        if p.description:
            ch["description"] = p.description
        if p.kind == "group":
            ch["kind"] = "group"
        if p.owner and p.owner in draft.people and p.owner in used:
            groups[p.key] = f"{draft.people[p.owner].name}'s people"
            ch["group"] = groups[p.key]
        f = fates.get(p.key)
        if f:
            ch["fate"] = {"how": f["how"], "scene": scene_ids[f["scene"]], "inferred": True}
            if f.get("by") and f["by"] in used:
                ch["fate"]["by"] = f["by"]
        characters.append(ch)
    order = story_order(cuts)
    step = steps(cuts)
    scenes = []
    for i, c in enumerate(cuts):
        sc = {
            "id": scene_ids[i], "title": _scene_title(text, c), "step": step[i], "story_order": order[i],
            "characters": list(c.present), "mentioned": list(c.mentioned),
            "source": text[c.start:c.end], "inferred": True,
            "interactions": [{**it, "inferred": True} for it in inters[i]
                             if it["source"] in used and it["target"] in used],
        }
        if c.location:
            sc["location"] = draft.places[c.location].key
        if c.act:
            sc["act"] = c.act
        tags = []
        if c.flashback:
            tags.append("flashback")
        if c.concurrent:
            tags.append("meanwhile")
        if tags:
            sc["tags"] = tags
        scenes.append(sc)
    notes = sorted((_note(src, n) for n in left_out + draft.notes), key=lambda n: (n.line or 10**9, n.column))
    meta = {"drafted_from": Path(src.path).name if src.path and not src.path.startswith("<") else src.path,
            "drafted": "a draft written by scene-timeline from prose: every part is inferred; check it against "
                       "the source quotes"}
    named = [p for p in people if p.named and p.kind == "person"]
    lead = max(named, key=lambda p: p.mentions).name if named else None
    return Story(title=title_of(text, src.path, lead), metadata=meta, characters=characters, locations=locations,
                 scenes=scenes, notes=notes)
