"""The Fountain and FDX readers against the real screenplays of the corpus.

Reference counts (headings / cues / speakers) are those of
``../shared/corpus/README.md``: headings = scenes, cues = character cue
elements (both speakers of dual dialogue), speakers = distinct names once
extensions and ``@``/``^`` markers are stripped.
"""

from __future__ import annotations

import pytest

from timeline.formats import load_story
from timeline.formats.fdx import parse_fdx
from timeline.formats.fountain import parse_fountain
from timeline.formats.screenplay import script_counts
from timeline.model import Story, reference_problems

REFERENCE = {
    "fountain/screenplays/big_fish.fountain": (190, 768, 48),
    "fountain/screenplays/charade.fountain": (209, 1217, 53),
    "fountain/screenplays/the_last_birthday_card.fountain": (48, 134, 12),
    "fountain/screenplays/brick_and_steel.fountain": (8, 20, 7),
    "fountain/screenplays/cyber_bob_ep00001.fountain": (3, 35, 6),
    "fountain/variants/big_fish__beat.fountain": (190, 768, 48),
    "fountain/variants/big_fish_crlf__betterfountain.fountain": (190, 768, 48),
    "fountain/variants/brick_and_steel__fountain-js.fountain": (8, 20, 7),
}

FDX_TWINS = {
    "fdx/screenplain_Big-Fish.fdx": "fountain/screenplays/big_fish.fountain",
    "fdx/screenplain_Brick-and-Steel.fdx": "fountain/screenplays/brick_and_steel.fountain",
    "fdx/screenplain_The-Last-Birthday-Card.fdx": "fountain/screenplays/the_last_birthday_card.fountain",
    **{f"fdx/rsdoiel_sample-0{i}.fdx": f"fdx/rsdoiel_sample-0{i}.fountain" for i in range(1, 7)},
}


def _fountain_elements(path):
    from timeline.formats._text import decode_text

    return parse_fountain(decode_text(path.read_bytes(), str(path)))


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_reference_counts(corpus, name):
    assert script_counts(_fountain_elements(corpus / name)) == REFERENCE[name]


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_story_from_screenplay(corpus, name):
    headings, cues, speakers = REFERENCE[name]
    elements = _fountain_elements(corpus / name)
    # cues before the first heading belong to no scene (documented in the story builder)
    first = next(i for i, e in enumerate(elements) if e.kind == "heading")
    before = sum(1 for e in elements[:first] if e.kind == "character")
    # the literal reading: one character per distinct speaker, every cue counted once
    literal = load_story(corpus / name, clean=False)
    assert len(literal.scenes) == headings
    assert len(literal.characters) == speakers
    assert sum(sum(s.cues.values()) for s in literal.scenes) == cues - before
    assert literal.notes == ()
    # read like a script reader: the same scenes; cues change only as the notes say
    story = load_story(corpus / name)
    for st in (literal, story):
        assert isinstance(st, Story)
        assert reference_problems(st) == []
        Story.model_validate(st.model_dump())  # passes full validation again
        for s in st.scenes:
            assert set(s.cues) <= set(s.characters)
            assert s.eighths >= 1 and s.length_lines >= 1
    assert len(story.scenes) == headings
    assert [s.heading for s in story.scenes] == [s.heading for s in literal.scenes]
    extra = sum((len(n.targets) - 1) * n.count for n in story.notes if n.kind == "split" and n.subject == "character")
    lost = sum(n.count for n in story.notes if n.kind == "dropped" and n.subject == "character")
    assert sum(sum(s.cues.values()) for s in story.scenes) == cues - before + extra - lost
    assert len(story.characters) <= speakers


def test_variants_give_the_same_story(corpus):
    a = load_story(corpus / "fountain/screenplays/big_fish.fountain")
    for v in ("fountain/variants/big_fish__beat.fountain", "fountain/variants/big_fish_crlf__betterfountain.fountain"):
        b = load_story(corpus / v)
        # (the variants' heading texts differ slightly, e.g. "LA RUE 14°" spelt otherwise)
        assert [(s.time_of_day, s.int_ext) for s in a.scenes] == [(s.time_of_day, s.int_ext) for s in b.scenes]
        assert [s.cues for s in a.scenes] == [s.cues for s in b.scenes]


@pytest.mark.parametrize("fdx", sorted(FDX_TWINS))
def test_fdx_twins_agree(corpus, fdx):
    elements, _ = parse_fdx((corpus / fdx).read_bytes(), fdx)
    twin = FDX_TWINS[fdx]
    assert script_counts(elements) == script_counts(_fountain_elements(corpus / twin))
    a, b = load_story(corpus / fdx), load_story(corpus / twin)
    assert reference_problems(a) == []
    assert [s.heading for s in a.scenes] == [s.heading for s in b.scenes]
    assert [s.cues for s in a.scenes] == [s.cues for s in b.scenes]
    assert [s.characters for s in a.scenes] == [s.characters for s in b.scenes]
    assert [s.location for s in a.scenes] == [s.location for s in b.scenes]


def test_fdx_reference_counts(corpus):
    elements, _ = parse_fdx((corpus / "fdx/screenplain_Big-Fish.fdx").read_bytes())
    assert script_counts(elements) == (190, 768, 48)


def test_charade_names(corpus):
    story = load_story(corpus / "fountain/screenplays/charade.fountain")
    names = {c.name for c in story.characters}
    assert {"Félix", "1st Diplomatic Type", "Jean-Louis"} <= names
    ids = {c.id for c in story.characters}
    assert {"felix", "1st_diplomatic_type", "jean_louis"} <= ids
    # a joint cue is each of its speakers; the literal reading keeps it as written
    assert "Tex & Gideon" not in names
    literal = load_story(corpus / "fountain/screenplays/charade.fountain", clean=False)
    assert "Tex & Gideon" in {c.name for c in literal.characters}
    assert "tex_gideon" in {c.id for c in literal.characters}


def test_brick_and_steel_details(corpus):
    story = load_story(corpus / "fountain/screenplays/brick_and_steel.fountain")
    assert story.title == "BRICK & STEEL — FULL RETIRED"
    assert story.metadata["author"] == "Stu Maschwitz"
    s = story.scenes[0]
    assert (s.id, s.int_ext, s.time_of_day, s.location) == ("s001", "EXT", "day", "bricks_patio")
    assert story.location("bricks_patio").name == "Brick's Patio"
    assert s.cues == {"steel": 4, "brick": 3}  # includes the dual-dialogue cue "BRICK ^"
    forced = [sc for sc in story.scenes if sc.heading == "SNIPER SCOPE POV"]
    assert forced and forced[0].int_ext is None


def test_big_fish_silent_presence(corpus):
    story = load_story(corpus / "fountain/screenplays/big_fish.fountain")
    first = story.scenes[0]  # INT. WILL'S BEDROOM - NIGHT (1973): Edward speaks, Will listens
    assert first.cues == {"edward": 1}
    assert "will" in first.characters
    assert first.time_of_day == "night"
    # 'WILL' is also a common word: lower/title case "will" in action never counts
    assert all(set(s.cues) <= set(s.characters) for s in story.scenes)


def test_last_birthday_card_acts(corpus):
    story = load_story(corpus / "fountain/screenplays/the_last_birthday_card.fountain")
    assert story.scenes[0].act == "ACT I"
    assert any(s.act and s.act != "ACT I" for s in story.scenes)
