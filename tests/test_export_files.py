"""Outputs are written whole, with ordinary permissions, and never over a user's file silently."""

from __future__ import annotations

import os
import stat

import pytest

from timeline.export import OutputExistsError, write_bytes, write_text
from timeline.errors import StoryError


def test_writes_whole_file_with_umask_mode(tmp_path):
    p = write_text(tmp_path / "a.txt", "hello")
    assert p.read_text() == "hello"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(p.stat().st_mode) == 0o666 & ~mask
    assert [f.name for f in tmp_path.iterdir()] == ["a.txt"]  # no temporary left behind


def test_refuses_to_overwrite_without_force(tmp_path):
    p = tmp_path / "mine.csv"
    p.write_text("precious")
    with pytest.raises(OutputExistsError, match="already exists; use --force"):
        write_bytes(p, b"new")
    assert p.read_text() == "precious"
    os.chmod(p, 0o640)
    write_bytes(p, b"new", force=True)
    assert p.read_bytes() == b"new" and stat.S_IMODE(p.stat().st_mode) == 0o640


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoryError, match="does not exist"):
        write_bytes(tmp_path / "nope" / "x.png", b"x")
