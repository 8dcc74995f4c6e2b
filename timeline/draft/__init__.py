"""Draft a story from prose: a plot summary in, a :class:`~timeline.model.Story` out.

No network and no model: a sentence splitter, word lists and rules, so that any
plot summary (a Wikipedia "Plot" section, a course synopsis, a one-page outline)
becomes a first draft a person can check and edit. Everything drafted is
``inferred``; every scene quotes its source span verbatim; import notes say what
was left out (an introduction, a cast list) and what was a guess.

One topic per module: :mod:`.source` (input, limits, the screenplay check),
:mod:`.sentences`, :mod:`.plot` (the plot vs the rest of the page), :mod:`.names`
(named characters), :mod:`.roles` (unnamed ones), :mod:`.places`,
:mod:`.presence` (pronouns, who is there), :mod:`.relations` ("his father"), :mod:`.scenes`, :mod:`.interactions`
(and deaths), :mod:`.order` (story order), :mod:`.assemble` (the Story),
:mod:`.yaml_text` (the story file to edit); :mod:`.words` holds the word lists.

Examples
--------
>>> story = draft_story("Anna meets Bo at a bar. Later, at a hotel, Bo kills Anna.")
>>> [s.location for s in story.scenes], story.character("anna").fate.how
(['bar', 'hotel'], 'killed by Bo')
"""

from __future__ import annotations

import copy

from ..model import Story
from .assemble import assemble
from .cast import Draft
from .doc import tokenize
from .interactions import find_interactions
from .names import find_names
from .places import find_places
from .plot import split_plot
from .presence import resolve_pronouns
from .relations import resolve_relations
from .roles import find_roles
from .scenes import cut_scenes, split_flashbacks
from .source import MAX_WORDS, Source, decode, screenplay_line, unmark
from .titles import find_titles

__all__ = ["read_draft", "draft_story", "prose_signals", "MAX_WORDS"]


def draft_story(text: str, path: str = "<text>") -> Story:
    """Draft a story from the plot summary ``text``.

    Raises
    ------
    StoryFormatError
        Empty text, no words, more than :data:`MAX_WORDS` words, a screenplay,
        or prose in which no character could be found.
    """
    src = Source(text, path)
    src.check()
    text, italics = unmark(text)  # read without Markdown marks; sources still quote the text as written
    paras = split_plot(text)
    left_out = [{"kind": "left_out", "subject": "text", "text": _excerpt(text[p.start:p.end]), "offset": p.start,
                 "message": f"left out: {p.why}"} for p in paras if not p.plot]
    plot = [p for p in paras if p.plot]
    doc = tokenize(text, plot)
    draft = Draft(italic_spans=italics)
    named_places, spans_of = find_names(doc, draft, [(p.start, p.end) for p in paras if not p.plot])
    find_roles(doc, draft)
    if not draft.people:
        find_roles(doc, draft, generic=True)  # "A man meets a woman at a bar": they are the story's people
    find_titles(doc, draft)
    find_places(doc, draft, named_places, spans_of)
    before = copy.deepcopy((doc, draft))
    doc, draft, cuts, inters, fates = _read_on(src, plot, doc, draft)
    dead = _dead_after(doc, fates)
    if any(m.how == "pronoun" and any(dead.get(k, len(text)) <= m.start for k in m.keys) for m in draft.mentions):
        # a pronoun placed on someone already dead: read the pronouns again, knowing who died where
        doc, draft, cuts, inters, fates = _read_on(src, plot, *before, dead=dead)
    return assemble(src, doc, draft, cuts, inters, fates, left_out)


def _read_on(src: Source, plot, doc, draft, dead=None):
    """Pronouns, relations, scenes and interactions (again with ``dead`` known)."""
    resolve_pronouns(doc, draft, dead)
    resolve_relations(doc, draft)
    split_flashbacks(doc)
    cuts = cut_scenes(doc, draft)
    if not any(c.present or c.mentioned for c in cuts):
        first = plot[0].start if plot else 0
        raise src.error(first, "found no characters in this text: is it a plot summary? (the drafter looks for "
                               "named people and roles such as “the bartender” in sentences)")
    inters, fates = find_interactions(doc, draft, cuts)
    return doc, draft, cuts, inters, fates


def _dead_after(doc, fates: dict[str, dict]) -> dict[str, int]:
    """The offset after which each character is dead: the end of the sentence that tells it."""
    import bisect
    starts = [a for a, _ in doc.sentences]
    out = {}
    for key, f in fates.items():
        at = f.get("at")
        if at is not None and starts:
            out[key] = doc.sentences[max(0, bisect.bisect_right(starts, at) - 1)][1]
    return out


def read_draft(data: bytes, path: str, **options) -> Story:
    """The ``draft`` reader of :func:`timeline.formats.load_story` (no options)."""
    if options:
        from ..errors import StoryFormatError
        raise StoryFormatError(path, 0, 0, f"the draft reader takes no options (got {', '.join(sorted(options))})")
    return draft_story(decode(data), path)


def prose_signals(text: str) -> dict:
    """What makes ``text`` look like prose or a screenplay (for the reader that decides).

    ``screenplay_at`` is the offset of the first scene heading when the text looks
    like a screenplay (else None); ``sentences_per_line`` is high for prose."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    stops = sum(text.count(c) for c in ".!?")
    return {"screenplay_at": screenplay_line(text), "lines": len(lines),
            "sentences_per_line": stops / max(1, len(lines))}


def _excerpt(s: str, n: int = 80) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[:n - 1] + "…"
