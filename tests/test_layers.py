"""DESIGN.md's layering: timeline/ is a library that never imports dash or layouts."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys

import timeline
from tests.conftest import ROOT


def _modules():
    names = []
    for info in pkgutil.walk_packages(timeline.__path__, prefix="timeline."):
        names.append(info.name)
    return names


def test_library_modules_exist():
    mods = _modules()
    assert "timeline.model" in mods and "timeline.views" in mods and "timeline.cli" in mods


def test_timeline_never_imports_dash_or_layouts():
    # import every timeline module in a fresh interpreter, then look at sys.modules
    code = (
        "import importlib, pkgutil, sys, timeline\n"
        "for i in pkgutil.walk_packages(timeline.__path__, prefix='timeline.'):\n"
        "    importlib.import_module(i.name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('dash', 'layouts', 'dash_bootstrap_components'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"timeline/ imported: {out.stdout.strip()}"


WRITES = re.compile(r"""\.write_(text|bytes|image|html)\(|\bopen\([^)]*['"][wax]b?['"]""")


def test_only_export_writes_files():
    offenders = []
    for path in (ROOT / "timeline").rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("timeline/export/"):
            continue
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if WRITES.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{rel}:{no}: {line.strip()}")
    assert not offenders, "file writes outside timeline/export:\n" + "\n".join(offenders)


def test_the_write_pattern_catches_writes():
    assert WRITES.search("Path(p).write_text(s)") and WRITES.search("open(p, 'w')")
    assert WRITES.search('fig.write_image("x.png")') and not WRITES.search("open(p)")
