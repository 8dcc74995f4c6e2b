"""Bad and hostile input for the Fountain reader: errors are StoryFormatError, never a hang."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings, strategies as st

from timeline.errors import StoryFormatError
from timeline.formats import MAX_BYTES, load_story, loads_story
from timeline.formats.fountain import parse_fountain, read_fountain
from timeline.formats.screenplay import parse_heading, script_counts
from timeline.model import Story, reference_problems

SMALL = b"Title: Tiny\n\nEXT. CAROLINA'S BOOKSTORE - NIGHT\n\nBOB\nHi.\n\nINT. CAROLINA'S BOOKSTORE - BACK ROOM - NIGHT #12A#\n\nAlice waits. Bob walks in.\n\nALICE (V.O.)\nHello.\n\nBOB (CONT'D)\nHi again.\n"


def test_small_story(tmp_path):
    p = tmp_path / "x.fountain"
    p.write_bytes(SMALL)
    story = load_story(p)
    assert story.title == "Tiny"
    assert reference_problems(story) == []
    s1, s2 = story.scenes
    assert (s1.id, s2.id, s2.number) == ("s001", "12A", "12A")
    assert story.location(s1.location).name == "Carolina's Bookstore"
    back = story.location(s2.location)
    assert back.name == "Back Room" and back.parent == s1.location
    assert s2.cues == {"alice": 1, "bob": 1} and set(s2.characters) == {"alice", "bob"}
    assert s1.characters == ("bob",)
    assert s2.title == "Carolina's Bookstore – Back Room – Night"
    assert s1.eighths == 1


def test_heading_parts():
    h = parse_heading("EXT. CAROLINA'S BOOKSTORE - NIGHT")
    assert (h.int_ext, h.places, h.time_of_day) == ("EXT", ["CAROLINA'S BOOKSTORE"], "night")
    h = parse_heading("INT./EXT. CAR - MOVING - DAY")
    assert (h.int_ext, h.places, h.time_of_day, h.dropped) == ("INT/EXT", ["CAR"], "day", ["MOVING"])
    h = parse_heading("INT./EXT. CAR - MOVING - DAY", clean=False)  # the literal reading
    assert (h.int_ext, h.places, h.time_of_day) == ("INT/EXT", ["CAR", "MOVING"], "day")
    h = parse_heading("I/E PARK--DAY")
    assert (h.int_ext, h.places, h.time_of_day) == ("INT/EXT", ["PARK"], "day")
    assert parse_heading("EST. CITY").time_of_day is None


def test_location_ids_normalised():
    text = b"INT. BOB'S  HOUSE - DAY\n\nx\n\nint. Bobs house - night\n\ny\n"
    story = read_fountain(text, "t.fountain")
    assert len(story.locations) == 1 and story.scenes[0].location == story.scenes[1].location


def test_cue_variants_are_one_character():
    text = b"INT. A - DAY\n\nBOB\nHi.\n\n@Bob (O.S.)\nHi.\n\nBOB (CONT'D)\nHi.\n\nALICE\nYo.\n\nBOB ^\nYo.\n"
    story = read_fountain(text, "t.fountain")
    assert [c.id for c in story.characters] == ["bob", "alice"]
    assert story.scenes[0].cues == {"bob": 4, "alice": 1}


def test_aliases(tmp_path):
    text = b"INT. A - DAY\n\nMARIACHI\nHi.\n\nEL MARIACHI\nHi.\n"
    story = loads_story(text, "fountain", "t.fountain", aliases={"El Mariachi": "MARIACHI"})  # characters.merge edits
    assert [c.id for c in story.characters] == ["mariachi"]
    assert story.scenes[0].cues == {"mariachi": 2}
    y = tmp_path / "aliases.yaml"
    y.write_text("EL MARIACHI: MARIACHI\n", encoding="utf-8")
    p = tmp_path / "x.fountain"
    p.write_bytes(text)
    assert load_story(p, aliases=str(y)).scenes[0].cues == {"mariachi": 2}
    with pytest.raises(StoryFormatError):
        loads_story(text, "fountain", "t.fountain", aliases=["not", "a", "mapping"])


def test_fade_in_is_not_heading_or_cue():
    els = parse_fountain("FADE IN:\nEXT. PARK - DAY\n\nFADE IN:\n\nINT. X - DAY\n")
    assert script_counts(els) == (1, 0, 0)


def test_acts_and_synopses():
    story = read_fountain(b"# ACT ONE\n\n## Opening\n\nINT. A - DAY\n\n= The start.\n\nx\n", "t.fountain")
    s = story.scenes[0]
    assert (s.act, s.summary, s.tags) == ("ACT ONE", "The start.", ("sequence: Opening",))


def test_silent_presence_is_careful_with_common_words():
    text = b"INT. A - DAY\n\nWILL\nHi.\n\nMAN\nHey.\n\nINT. B - DAY\n\nThe man says he will go. Will is silent.\n\nINT. C - DAY\n\nWILL and the MAN sit.\n"
    story = read_fountain(text, "t.fountain")
    assert story.scenes[1].characters == ()
    assert set(story.scenes[2].characters) == {"will", "man"}


def test_one_line_boneyard_and_unterminated():
    assert script_counts(parse_fountain("/* hidden */\nINT. A - DAY\n\nBOB\nHi.\n")) == (1, 1, 1)
    with pytest.raises(StoryFormatError) as e:
        read_fountain(b"INT. A - DAY\n\nx /* never closed\n\nBOB\nHi.\n", "u.fountain")
    assert (e.value.path, e.value.line, e.value.column) == ("u.fountain", 3, 3)


def test_unterminated_note_is_text():
    els = parse_fountain("INT. A - DAY\n\nx [[ open note\n\nBOB\nHi.\n")
    assert script_counts(els) == (1, 1, 1)
    assert "[[ open note" in els[1].text


@pytest.mark.parametrize("ending", ["\r\n", "\r", "\n"])
def test_line_endings_and_bom(ending):
    text = "\ufeffTitle: T\n\nINT. A - DAY\n\nBOB\nHi.\n".replace("\n", ending)
    story = read_fountain(text.encode("utf-8"), "t.fountain")
    assert story.title == "T" and story.scenes[0].cues == {"bob": 1}


def test_binary_and_undecodable():
    with pytest.raises(StoryFormatError):
        read_fountain(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "x.fountain")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        story = read_fountain(b"INT. CAF\xc9 - DAY\n\nBOB\nHi.\n", "x.fountain")  # cp1252
    assert story.scenes[0].location == "cafe"


def test_large_input_finishes(tmp_path):
    # 50 MB is refused by the screenplay size limit (16 MB); 1 MB is parsed
    chunk = b"INT. A - DAY\n\nBOB\nHello /* x */ there [[note]].\n\nSome action.\n\n"
    big = tmp_path / "big.fountain"
    big.write_bytes(chunk * (50_000_000 // len(chunk)))
    with pytest.raises(StoryFormatError, match="limit"):
        load_story(big)
    n = 1_000_000 // len(chunk)
    els = parse_fountain((chunk * n).decode("ascii"))
    assert script_counts(els) == (n, n, 1)
    assert [e.line for e in els if e.kind == "note"][:2] == [4, 11]
    huge = tmp_path / "huge.fountain"
    huge.write_bytes(b"x" * (MAX_BYTES + 1))
    with pytest.raises(StoryFormatError):
        load_story(huge)


def test_pathological_markers_are_linear():
    # many openers without closers: each scan must not restart from the start
    parse_fountain("[[" * 200_000)
    parse_fountain("[[ ]" * 100_000 + "]]")
    with pytest.raises(StoryFormatError):
        parse_fountain("/*" * 200_000)
    parse_fountain("\n".join(["A"] * 100_000))


def test_loads_story_fountain():
    story = loads_story(SMALL, format="fountain", path="<upload:x.fountain>")
    assert isinstance(story, Story)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("INTEXT. -#@^!>=<~[]/*()\n \tabcBOB:É'&12")), max_size=300))
def test_fountain_property_text(text):
    try:
        story = read_fountain(text.encode("utf-8"), "p.fountain")
    except StoryFormatError:
        return
    assert reference_problems(story) == []


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_fountain_property_bytes(data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            read_fountain(data, "p.fountain")
        except StoryFormatError:
            pass
