"""A story the benchmark readers cannot build is refused in one line (found by test_fuzz_benchmarks)."""

from __future__ import annotations

from .conftest import read_or_refuse
from timeline.errors import StoryFormatError


def test_sgb_bad_chapter_label_is_one_line():
    data = b"* comment\nAA Anna, a woman\nVR Vronsky, an officer\n\n1.1:AA,VR;AA\n&:VR\n2;.1:VR\n"
    err = read_or_refuse(data, "sgb", "fuzz.dat")  # fails on a multi-line message
    assert isinstance(err, StoryFormatError)
    assert "scenes[3].id" in str(err) and "'2;.1_1'" in str(err)
