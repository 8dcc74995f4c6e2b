"""General rules of English prose the drafter follows (issue 20), each on a small text of its own:
who dies in a coordinated or passive clause, the dead staying dead, names introduced in a
sentence being there, titles before a name, pronouns after a new person, an animal that dies."""

from __future__ import annotations

from timeline.draft import draft_story


def _char(story, name):
    return next(c for c in story.characters if name == c.name or name in c.aliases)


def _scene(story, quote):
    return next(sc for sc in story.scenes if any(quote in q for q in sc.sources))


def test_the_second_verb_phrase_of_a_coordination_has_the_last_subject():
    story = draft_story("Nora Vance and Pete Rourke sail out to the wreck. The bear climbs onto the deck, and Pete "
                        "slips into the water and is eaten. Nora swims back to the shore.")
    assert _char(story, "Pete Rourke").fate is not None
    assert _char(story, "The bear").fate is None
    story = draft_story("Pete Rourke grabs Nora Vance and is killed by the bear. Nora runs to the road.")
    assert _char(story, "Pete Rourke").fate.by == "bear"
    assert _char(story, "Nora Vance").fate is None


def test_a_name_introduced_in_a_sentence_is_present_there():
    story = draft_story("At the lake, a young woman named Ada Pell goes swimming and is killed by a crocodile. "
                        "A boy called Finn Roe sees the attack. Later, Ida Clay, a young nurse, treats Finn at the "
                        "clinic. Ida is looking for a man named Otto Brand.")
    assert {"ada_pell", "crocodile"} <= set(_scene(story, "a young woman named").characters)
    assert "finn_roe" in _scene(story, "A boy called").characters
    assert "ida_clay" in _scene(story, "a young nurse").characters
    otto = _char(story, "Otto Brand").id
    assert otto not in _scene(story, "looking for").characters                # talked about, not there
