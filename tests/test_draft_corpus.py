"""The drafter on the twelve plot summaries of the reference corpus (issue 20):
their labelled characters (partial main casts) are found, no place or actor is a
character, every scene quotes its summary verbatim."""

from __future__ import annotations

import json
import re

import pytest

from timeline.draft import draft_story


@pytest.fixture(scope="module")
def drafts(corpus):
    folder = corpus / "synopsis"
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    out = []
    for entry in index:
        text = (folder / entry["file"]).read_text(encoding="utf-8")
        out.append((entry, text, draft_story(text, entry["file"])))
    return out


def _words(story) -> set[str]:
    return {w.casefold() for c in story.characters for n in (c.name, *c.aliases)
            for w in re.findall(r"[^\W\d_][\w'’\-]*", n)}


def test_twelve_summaries_are_drafted(drafts):
    assert len(drafts) == 12
    for entry, text, story in drafts:
        assert len(story.scenes) >= 5, entry["file"]
        assert len(story.characters) >= 4, entry["file"]


def test_labelled_characters_found_in_at_least_11_of_12(drafts):
    complete = 0
    for entry, _, story in drafts:
        words = _words(story)
        complete += all(set(label.casefold().split()) <= words for label in entry["labelled_characters"])
    assert complete >= 11


def test_every_scene_quotes_its_summary_verbatim(drafts):
    for entry, text, story in drafts:
        for sc in story.scenes:
            assert sc.sources and all(q in text for q in sc.sources), (entry["file"], sc.id)


def test_no_place_or_actor_is_a_character(drafts):
    for entry, _, story in drafts:
        places = {loc.name.casefold() for loc in story.locations}
        actors = {c.actor for c in story.characters if c.actor}
        for c in story.characters:
            assert c.name.casefold() not in places, (entry["file"], c.name)
            assert c.name not in actors, (entry["file"], c.name)
    names = {c.name for _, _, story in drafts for c in story.characters}
    for place in ("Los Angeles", "Phoenix", "California", "Nepal", "Cairo", "Mexico", "New Zealand", "Florin",
                  "Titanic", "RMS Titanic", "Bates Motel"):
        assert place not in names
