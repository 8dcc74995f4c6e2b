"""The FDX reader honours ``clean`` like the Fountain reader; the size limit message."""

from __future__ import annotations

import pytest

from timeline.errors import StoryFormatError
from timeline.formats import load_story
from timeline.formats._text import format_size
from timeline.formats.script import elements

from .conftest import corpus_path


def test_fdx_clean_false_reads_the_cast_literally():
    path = corpus_path("fdx", "screenplain_Big-Fish.fdx")
    cleaned = load_story(path)
    literal = load_story(path, clean=False)
    assert len(literal.characters) > len(cleaned.characters)
    assert cleaned.notes and not literal.notes  # literal reading records no merges/splits/drops


def test_fdx_clean_false_matches_the_fountain_reader_keyword():
    from timeline.formats.fdx import read_fdx

    data = corpus_path("fdx", "screenplain_Big-Fish.fdx").read_bytes()
    assert read_fdx(data, "x.fdx", clean=False).characters == load_story(
        corpus_path("fdx", "screenplain_Big-Fish.fdx"), clean=False).characters


@pytest.mark.parametrize("limit", [16 * 1024 * 1024, 3 * 1024 * 1024 // 2, 2048])
def test_check_size_message_states_the_real_limit(monkeypatch, limit):
    monkeypatch.setattr(elements, "MAX_SCREENPLAY_BYTES", limit)
    elements.check_size(b"x" * limit, "big.fountain")  # at the limit: accepted
    with pytest.raises(StoryFormatError) as err:
        elements.check_size(b"x" * (limit + 1), "big.fountain")
    text = str(err.value)
    assert text.startswith("big.fountain:")
    assert f"the limit is {format_size(limit)}" in text
    assert f"screenplay is {format_size(limit + 1)}" in text
