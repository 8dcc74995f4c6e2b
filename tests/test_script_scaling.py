"""Worst cases of the script readers grow linearly (issue 14).

Each family of hostile input is read at two sizes, one double the other. The
work is measured by counting (trie steps of name matching, id probes), not by
timing: doubling the input must at most double it (with a little slack for
constant terms). Families whose cost lies in C code (splitting headings of
tens of thousands of blanks) are checked to be read correctly; their times
per doubling are printed by ``benchmarks/adversarial.py``.
"""

from __future__ import annotations

import pytest

from timeline.errors import StoryFormatError
from timeline.formats.fdx import read_fdx
from timeline.formats.fountain import parse_fountain, read_fountain
from timeline.formats.script.builder import StoryBuilder


def _guards(n: int) -> str:
    """``n`` cues ``GUARD i`` and one action line of ``8n/3`` words GUARD."""
    cues = "".join(f"GUARD {i}\nHalt.\n\n" for i in range(n))
    return "INT. GATE - DAY\n\n" + cues + " ".join(["GUARD"] * (n * 8 // 3)) + "\n"


def _cjk(n: int) -> str:
    """``n`` distinct CJK speakers: every name slugs to the same (empty) id."""
    return "INT. A - DAY\n\n" + "".join(f"王{chr(0x4E00 + i % 20000)}{chr(0x4E00 + i // 20000)}\nHi.\n\n" for i in range(n))


def _places(n: int) -> str:
    """``n`` headings that all start with the same place."""
    return "".join(f"INT. BLOOM HOUSE ROOM {i} - NIGHT\n\nBOB\nHi.\n\n" for i in range(n))


def _joint(n: int) -> str:
    """``n`` speakers and one cue naming all of them, with voices of each."""
    names = [f"AGENT {chr(65 + i % 26)}{i}" for i in range(n)]
    cues = "".join(f"{x}\nYes.\n\n{x}'S VOICE\nNo.\n\n" for x in names)
    return "INT. A - DAY\n\n" + cues + " & ".join(names) + "\nAll of us.\n"


def _work(text: str) -> tuple[StoryBuilder, object]:
    b = StoryBuilder("x.fountain")
    story = b.build(parse_fountain(text))
    return b, story


def _ratio(family, n: int, what: str) -> float:
    small, _ = _work(family(n))
    big, _ = _work(family(2 * n))
    assert small.work[what] > 0
    return big.work[what] / small.work[what]


def test_name_matching_is_linear():
    # (was: every GUARD word tried all 3,000 names "GUARD n")
    assert _ratio(_guards, 1500, "name matching steps") <= 2.1
    b, story = _work(_guards(3000))
    assert len(story.characters) == 3000
    assert b.work["name matching steps"] < 4 * 8000


def test_id_deduplication_is_linear():
    # (was: the n-th "character" id tried n - 1 taken ids first)
    assert _ratio(_cjk, 3000, "id probes") <= 2.1
    _, story = _work(_cjk(6000))
    ids = [c.id for c in story.characters]
    assert len(ids) == len(set(ids)) == 6000


def test_many_places_with_one_parent():
    assert _ratio(_places, 500, "heading characters") <= 2.1
    _, story = _work(_places(1000))
    # (a number is no sub-place: "Room 7" is in an inferred "Bloom House")
    assert sum(1 for loc in story.locations if loc.parent == "bloom_house") == 1000
    assert story.location("bloom_house").inferred and story.location("bloom_house.room_7").name == "Room 7"
    assert len(story.scenes) == 1000


def test_joint_cues_and_voices_of_many_speakers():
    assert _ratio(_joint, 400, "id probes") <= 2.1
    _, story = _work(_joint(800))
    assert len(story.characters) == 800
    split = [n for n in story.notes if n.kind == "split"]
    assert len(split) == 1 and len(split[0].targets) == 800


@pytest.mark.parametrize("blanks", [" " * 16_000, " " * 50_000, "\t" * 20_000])
def test_headings_of_many_blanks(blanks):
    for data, read in ((f"INT. A{blanks}- DAY\n\nBOB\nHi.\n".encode(), read_fountain),
                       (f'<?xml version="1.0"?><FinalDraft><Content><Paragraph Type="Scene Heading"><Text>INT. A'
                        f'{blanks}</Text></Paragraph></Content></FinalDraft>'.encode(), read_fdx)):
        try:
            story = read(data, "x")
        except StoryFormatError as e:  # a refusal must name the place
            assert e.line >= 1 and e.column >= 1
            continue
        (scene,) = story.scenes
        assert scene.location == "a" and story.location("a").name == "A"
