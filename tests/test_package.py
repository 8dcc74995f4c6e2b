"""The wheel and sdist carry everything the app needs (fast: built, not installed).

``make wheel-check`` goes further: it installs the wheel into a fresh venv and
serves the app from another folder.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile

import pytest

from tests.conftest import ROOT

# files the installed app cannot work without, as they are named inside the wheel
NEEDED = (
    "timeline/_data/desperado.yaml",
    "timeline/_assets/view_state.js",
    "timeline/_assets/style.css",
    "timeline/_assets/favicon.svg",
    "timeline/resources.py",
    "timeline/cli.py",
    "layouts/__init__.py",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    # sdist first, then the wheel from the unpacked sdist: what pip does with an sdist
    run = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "-o", str(out), str(ROOT)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    wheels = list(out.glob("scene_timeline-*.whl"))
    sdists = list(out.glob("scene_timeline-*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, sorted(p.name for p in out.iterdir())
    return wheels[0], sdists[0]


def test_wheel_carries_data_and_assets(built):
    names = set(zipfile.ZipFile(built[0]).namelist())
    missing = [n for n in NEEDED if n not in names]
    assert not missing, f"the wheel lacks {missing}"
    # every shipped asset is in the wheel
    for path in (ROOT / "assets").iterdir():
        if path.is_file():
            assert f"timeline/_assets/{path.name}" in names


def test_wheel_has_one_distribution_and_two_import_names(built):
    names = zipfile.ZipFile(built[0]).namelist()
    top = {n.split("/", 1)[0] for n in names if not n.split("/", 1)[0].endswith(".dist-info")}
    assert top == {"timeline", "layouts"}, top
    info = [n for n in names if n.endswith(".dist-info/top_level.txt")]
    assert info, "no top_level.txt"


def test_wheel_metadata_licence_entry_point_and_extras(built):
    zf = zipfile.ZipFile(built[0])
    names = zf.namelist()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    meta = zf.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "License-Expression: MIT" in meta
    for extra in ("exact", "export", "serve", "all"):
        assert f"Provides-Extra: {extra}" in meta
    assert "Requires-Dist: numpy" in meta and "Requires-Dist: scipy" in meta  # networkx.pagerank
    entry = zf.read(next(n for n in names if n.endswith(".dist-info/entry_points.txt"))).decode()
    assert "scene-timeline = timeline.cli:main" in entry


def test_sdist_carries_the_top_level_folders(built):
    with tarfile.open(built[1]) as tf:
        names = {n.split("/", 1)[1] for n in tf.getnames() if "/" in n}
    for needed in ("data/desperado.yaml", "assets/view_state.js", "LICENSE", "setup.py", "pyproject.toml"):
        assert needed in names, needed
