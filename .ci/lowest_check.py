#!/usr/bin/env python3
"""Are the lower bounds in pyproject.toml true?

Creates a fresh venv in a temporary folder, installs the package with every
dependency of ``[project].dependencies`` and of the ``test`` extra (and the
extras it pulls in) pinned to the LOWEST version the bound allows
(``>=X`` -> ``==X``), then runs a fast subset of the suite from the checkout:
everything but the browser and slow tests (image exports included: Chromium is a
``make chromium`` away), plus the doctests of
``timeline/``. Exit status: pip's or pytest's.

    python .ci/lowest_check.py [--keep] [-- extra pytest args]

A false bound shows up as an install failure or a failing test: raise the
bound in pyproject.toml to the lowest version that works (never pin exactly).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "scene-timeline"
REQ = re.compile(r"^\s*([A-Za-z0-9_.-]+)\s*(\[[^\]]*\])?\s*(.*?)\s*(;.*)?$")


def requirements(project: dict, extra: str, seen: set[str] | None = None) -> list[str]:
    """The requirement strings of ``extra``, following ``scene-timeline[...]`` self-references."""
    seen = set() if seen is None else seen
    if extra in seen:
        return []
    seen.add(extra)
    out = []
    for req in project["optional-dependencies"][extra]:
        name, extras, _spec, _marker = REQ.match(req).groups()
        if name.lower() == NAME:
            for e in (extras or "[]").strip("[]").split(","):
                if e.strip():
                    out += requirements(project, e.strip(), seen)
        else:
            out.append(req)
    return out


def lowest_pins(reqs: list[str]) -> list[str]:
    """``name>=X`` -> ``name==X`` (constraint lines: no extras; markers kept)."""
    pins = []
    for req in reqs:
        name, _extras, spec, marker = REQ.match(req).groups()
        m = re.search(r">=\s*([^,\s]+)", spec or "")
        if not m:
            raise SystemExit(f"pyproject.toml: {req!r} has no lower bound (>=X)")
        pins.append(f"{name}=={m.group(1)}{(' ' + marker) if marker else ''}")
    return pins


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", action="store_true", help="keep the temporary venv and print its path")
    ap.add_argument("pytest_args", nargs="*", help="extra pytest arguments (after --)")
    args = ap.parse_args(argv)

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = lowest_pins(list(project["dependencies"]) + requirements(project, "test"))
    tmp = Path(tempfile.mkdtemp(prefix="lowest-check-"))
    constraints = tmp / "lowest.txt"
    constraints.write_text("\n".join(pins) + "\n")
    print("lowest pins:\n  " + "\n  ".join(pins), flush=True)
    t0 = time.perf_counter()
    venv.create(tmp / "venv", with_pip=True)
    py = str(tmp / "venv" / "bin" / "python")
    rc = subprocess.call([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                          "-c", str(constraints), f"{ROOT}[test]"])
    t1 = time.perf_counter()
    print(f"install: {t1 - t0:.1f} s (rc {rc})", flush=True)
    if rc == 0:
        subprocess.call([py, "-m", "pip", "list", "--format=freeze", "--disable-pip-version-check"],
                        stdout=open(tmp / "freeze.txt", "w"))
        rc = subprocess.call([py, "-m", "pytest", "-q", "-x", "-n", "2", "-p", "no:cacheprovider",
                              "-m", "not browser and not slow", *args.pytest_args],
                             cwd=ROOT)
        print(f"tests: {time.perf_counter() - t1:.1f} s (rc {rc})", flush=True)
    if args.keep:
        print(f"venv kept: {tmp}")
    else:
        import shutil
        shutil.rmtree(tmp, ignore_errors=True)
    return rc


if __name__ == "__main__":
    sys.exit(main())
