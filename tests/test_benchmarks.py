"""Every benchmark still runs: each script in benchmarks/ with ``--smoke`` (its smallest
input, a few seconds), as ``make bench-smoke`` does. A benchmark that drives the app
by a component id that no longer exists, or imports what is gone, fails here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted(p for p in (ROOT / "benchmarks").glob("[a-z]*.py"))
#: the benchmarks that drive a browser or kaleido (Chromium)
NEEDS_CHROMIUM = {"export", "latency", "readability"}


def test_there_are_benchmarks():
    assert len(SCRIPTS) >= 8, [p.name for p in SCRIPTS]


@pytest.mark.slow
@pytest.mark.parametrize("script", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_benchmark_smoke_run(script):
    if script.stem in NEEDS_CHROMIUM and not Path("/usr/bin/chromium").exists():
        pytest.skip("/usr/bin/chromium is missing (make chromium)")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, str(script), "--smoke"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"{script.name} --smoke exited {proc.returncode}:\n{out[-3000:]}"
    assert proc.stdout.strip(), f"{script.name} --smoke printed no table"
    assert "Traceback" not in out, out[-3000:]


def test_a_benchmark_that_drives_a_missing_id_fails(tmp_path):
    """The check above can fail: load.py looks its callbacks up by the app's ids, and a
    store it drives that the app no longer has stops it with a message and a non-zero exit."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import load
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    deps = [{"inputs": [{"id": "views-for", "property": "data"}], "state": [], "output": "storyline-graph.figure"}]
    with pytest.raises(SystemExit, match="no callback takes renamed-store"):
        load._find(deps, "renamed-store", "storyline-graph.figure")
    assert load._find(deps, "views-for", "storyline-graph.figure").outputs == [
        {"id": "storyline-graph", "property": "figure"}]
