"""``scene-timeline export`` end to end (renders with kaleido)."""

from __future__ import annotations

import struct

import pytest
import yaml

from tests.test_figures import story  # noqa: F401
from timeline.cli import main

pytestmark = pytest.mark.export


@pytest.fixture()
def story_file(tmp_path, story):  # noqa: F811
    path = tmp_path / "town.yaml"
    path.write_text(yaml.safe_dump(story.to_data(), sort_keys=False), encoding="utf-8")
    return path


def test_one_chart_to_a_file(story_file, tmp_path, capsys):
    out = tmp_path / "line.png"
    assert main(["export", str(story_file), "--chart", "storyline", "--width", "500", "--height", "300",
                 "--scale", "2", "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (1000, 600)


def test_all_charts_to_a_new_folder(story_file, tmp_path):
    folder = tmp_path / "charts"
    assert main(["export", str(story_file), "--chart", "all", "--format", "svg", "--preset", "square",
                 "--character", "Ally", "--scenes", "2-7", "-o", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["town-arcs.svg", "town-network.svg", "town-storycurve.svg",
                                                       "town-storyline.svg", "town-strip.svg"]
    assert 'width="1080"' in (folder / "town-strip.svg").read_text()


def test_force_semantics(story_file, tmp_path, capsys):
    out = tmp_path / "strip.svg"
    out.write_text("mine")
    assert main(["export", str(story_file), "--chart", "strip", "-o", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_text() == "mine"
    assert main(["export", str(story_file), "--chart", "strip", "-o", str(out), "--force"]) == 0
    assert out.read_text().lstrip().startswith("<svg")


def test_unknown_character_lists_close_names(story_file, tmp_path, capsys):
    out = tmp_path / "x.png"
    assert main(["export", str(story_file), "--character", "Hiro", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "unknown character 'Hiro'" in err and "Hero" in err
    assert not out.exists()


def test_scenes_are_one_based(story_file, tmp_path):
    out = tmp_path / "s.html"
    assert main(["export", str(story_file), "--chart", "strip", "--scenes", "2-3", "-o", str(out)]) == 0
    page = out.read_text()
    assert "scenes 2–3" in page or "scenes 2\\u20133" in page
    assert main(["export", str(story_file), "--scenes", "0-3", "-o", str(tmp_path / "t.png")]) == 2


def test_bundle(story_file, tmp_path):
    import zipfile

    out = tmp_path / "b.zip"
    assert main(["export", str(story_file), "--bundle", "--width", "400", "--height", "300", "-o", str(out)]) == 0
    assert "manifest.json" in zipfile.ZipFile(out).namelist()
