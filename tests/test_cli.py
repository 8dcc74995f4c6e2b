"""The command line: validate, stats and convert, in-process and as a real subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from timeline.cli import main
from timeline.formats import load_story

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "fixtures" / "graph_small.yaml"

BAD = """title: Broken
characters:
  - {id: a, name: A}
scenes:
  - id: s1
    title: One
    characters: [a, b]
"""


@pytest.fixture
def bad_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    return path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# ---- validate -----------------------------------------------------------------------


def test_validate_ok(capsys):
    code, out, err = run(capsys, "validate", SMALL)
    assert code == 0
    assert "ok" in out and "5 scenes" in out and "5 characters" in out and "3 locations" in out
    assert err == ""


def test_validate_bad_file(capsys, bad_file):
    code, out, err = run(capsys, "validate", bad_file)
    assert code == 2
    assert out == ""
    m = re.match(rf"{re.escape(str(bad_file))}:(\d+):(\d+): ", err)
    assert m, err
    assert int(m.group(1)) == 7  # the line of the unknown character 'b'
    assert "'b'" in err
    assert "Traceback" not in err
    assert err.count("\n") == 1


def test_missing_file_is_one_line(capsys, tmp_path):
    code, _, err = run(capsys, "stats", tmp_path / "nope.yaml")
    assert code == 2
    assert err.startswith(f"{tmp_path / 'nope.yaml'}:0:0: ") and "Traceback" not in err


# ---- stats ----------------------------------------------------------------------------


def test_stats_table(capsys):
    code, out, err = run(capsys, "stats", SMALL)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Graph fixture"
    assert lines[1] == "5 scenes, 5 characters, 3 locations, 4 interactions"
    hero = next(line for line in lines if line.startswith("hero "))
    # scenes, lines, first, last, degree, betweenness
    assert hero.split()[3:] == ["5", "10", "1", "s1", "5", "s5", "3", "0.667"]
    plaza = next(line for line in lines if line.startswith("plaza "))
    assert plaza.split() == ["plaza", "Plaza", "2"]


def test_stats_json(capsys):
    code, out, _ = run(capsys, "stats", SMALL, "--json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["title", "scenes", "characters", "locations", "nonlinearity"]
    assert data["title"] == "Graph fixture"
    assert [s["id"] for s in data["scenes"]] == ["s1", "s2", "bar", "s4", "s5"]
    for s in data["scenes"]:
        assert {"id", "index", "story_order", "title", "location", "characters"} <= set(s)
    assert data["scenes"][0]["story_order"] == 1 and data["scenes"][0]["index"] == 0
    assert data["scenes"][3]["location"] is None
    chars = {c["id"]: c for c in data["characters"]}
    assert set(chars["kid"]) >= {"id", "name", "actor", "scenes", "lines"}
    assert (chars["kid"]["scenes"], chars["kid"]["lines"], chars["kid"]["actor"]) == (3, 3, None)
    assert (chars["boss"]["scenes"], chars["boss"]["lines"]) == (2, 0)
    locs = {loc["id"]: loc for loc in data["locations"]}
    assert locs["bar"] == {"id": "bar", "name": "The Bar", "scenes": 1}


def test_stats_desperado(capsys):
    code, out, _ = run(capsys, "stats", ROOT / "data" / "desperado.yaml", "--json")
    assert code == 0
    data = json.loads(out)
    story = load_story(ROOT / "data" / "desperado.yaml")
    assert len(data["scenes"]) == len(story.scenes)
    chars = {c["id"]: c for c in data["characters"]}
    assert chars["mariachi"]["actor"] == "Antonio Banderas"
    assert chars["mariachi"]["scenes"] == sum("mariachi" in s.characters for s in story.scenes)
    assert all(isinstance(c["lines"], int) for c in data["characters"])


# ---- convert ----------------------------------------------------------------------------


@pytest.mark.parametrize("ext", [".yaml", ".json"])
def test_convert_story_files(capsys, tmp_path, ext):
    out_path = tmp_path / f"out{ext}"
    code, out, err = run(capsys, "convert", SMALL, "-o", out_path)
    assert code == 0 and err == ""
    assert str(out_path) in out
    assert load_story(out_path) == load_story(SMALL)


@pytest.mark.parametrize("ext,reader", [(".graphml", nx.read_graphml), (".gexf", nx.read_gexf)])
def test_convert_graphs(capsys, tmp_path, ext, reader):
    out_path = tmp_path / f"out{ext}"
    code, _, _ = run(capsys, "convert", SMALL, "-o", out_path)
    assert code == 0
    G = reader(out_path)
    assert sum(1 for _, k in G.nodes(data="kind") if k == "character") == 5
    assert sum(1 for *_, k in G.edges(data="kind") if k == "next") == 4


def test_convert_csv(capsys, tmp_path):
    scenes, presence = tmp_path / "scenes.csv", tmp_path / "presence.csv"
    assert run(capsys, "convert", SMALL, "-o", scenes)[0] == 0
    assert run(capsys, "convert", SMALL, "-o", presence, "--presence")[0] == 0
    assert scenes.read_text(encoding="utf-8").splitlines()[3].startswith("2,bar,2,")
    head, *rows = presence.read_text(encoding="utf-8").splitlines()
    assert head == "index,scene,hero,kid,boss,girl,ghost"
    assert rows[2] == "2,bar,1,0,1,1,0"


def test_convert_refuses_to_overwrite(capsys, tmp_path):
    out_path = tmp_path / "out.json"
    out_path.write_text("keep me", encoding="utf-8")
    code, out, err = run(capsys, "convert", SMALL, "-o", out_path)
    assert code == 2
    assert f"{out_path}: already exists; use --force to overwrite" in err
    assert out_path.read_text(encoding="utf-8") == "keep me"
    code, _, _ = run(capsys, "convert", SMALL, "-o", out_path, "--force")
    assert code == 0 and load_story(out_path).title == "Graph fixture"


def test_convert_bad_arguments(capsys, tmp_path, bad_file):
    code, _, err = run(capsys, "convert", SMALL, "-o", tmp_path / "out.docx")
    assert code == 2 and ".graphml" in err and "Traceback" not in err
    code, _, err = run(capsys, "convert", SMALL, "-o", tmp_path / "out.json", "--presence")
    assert code == 2 and "--presence" in err
    code, _, err = run(capsys, "convert", bad_file, "-o", tmp_path / "out.json")
    assert code == 2 and err.startswith(f"{bad_file}:7:")
    assert not (tmp_path / "out.json").exists()
    folder = tmp_path / "folder.json"
    folder.mkdir()
    code, _, err = run(capsys, "convert", SMALL, "-o", folder, "--force")
    assert code == 2 and "Traceback" not in err


# ---- a real process -----------------------------------------------------------------------


def test_subprocess(tmp_path, bad_file):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def cli(*argv):
        return subprocess.run([sys.executable, "-m", "timeline.cli", *map(str, argv)], capture_output=True,
                              text=True, cwd=tmp_path, env=env, timeout=120)

    ok = cli("convert", SMALL, "-o", "out.yaml")
    assert ok.returncode == 0, ok.stderr
    assert load_story(tmp_path / "out.yaml") == load_story(SMALL)
    bad = cli("validate", bad_file)
    assert bad.returncode == 2
    assert re.match(rf"{re.escape(str(bad_file))}:7:\d+: ", bad.stderr)
    assert "Traceback" not in bad.stderr
