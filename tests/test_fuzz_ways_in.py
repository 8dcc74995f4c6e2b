"""Hostile and random input for the play, Word and Fade In readers: a story or one
StoryFormatError naming the file, never another exception."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.errors import StoryFormatError
from timeline.formats import loads_story
from tests.pdf_producers import screenplay_docx

FIXTURES = Path(__file__).parent / "fixtures"
BOB = (FIXTURES / "fountain" / "cyber_bob_ep00001.fountain").read_text(encoding="utf-8")
PLAY = (FIXTURES / "plays" / "laundromat_transcript.txt").read_bytes()
#: Examples per test (FUZZ_EXAMPLES=2000 for a longer search; 1,500 found nothing).
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
_SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read(raw: bytes, fmt: str, name: str):
    try:
        story = loads_story(raw, fmt, path=name)
    except StoryFormatError as e:
        assert name in str(e)
        return None
    assert story.title is not None
    return story


def _docx_bytes(tmp: Path) -> bytes:
    return screenplay_docx(BOB, tmp / "bob.docx").read_bytes()


@_SETTINGS
@given(st.binary(max_size=3000))
def test_random_bytes(raw):
    for fmt, name in (("play", "x.txt"), ("docx", "x.docx"), ("osf", "x.fadein"), ("text", "x.txt")):
        _read(raw, fmt, name)


@_SETTINGS
@given(st.lists(st.tuples(st.integers(0, 4000), st.binary(min_size=1, max_size=8)), max_size=6))
def test_a_play_with_bytes_changed(changes):
    raw = bytearray(PLAY)
    for at, piece in changes:
        raw[at % len(raw):at % len(raw) + len(piece)] = piece
    _read(bytes(raw), "text", "play.txt")


@_SETTINGS
@given(st.text(alphabet=st.sampled_from(list("ABC abc:.()[]\n\tSCENEACT1IV-")), max_size=600))
def test_play_like_text(text):
    _read(text.encode(), "play", "play.txt")
    _read(text.encode(), "text", "play.txt")


def _mutated_docx(xml_changes, base: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = bytearray(data)
                for at, piece in xml_changes:
                    data[at % len(data):at % len(data) + len(piece)] = piece
                data = bytes(data)
            z.writestr(info.filename, data)
    return out.getvalue()


@settings(max_examples=max(10, EXAMPLES * 2 // 3), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 60000), st.binary(min_size=1, max_size=12)), min_size=1, max_size=5))
def test_a_word_document_with_its_xml_changed(tmp_path, changes):
    _read(_mutated_docx(changes, _docx_bytes(tmp_path)), "docx", "bob.docx")
