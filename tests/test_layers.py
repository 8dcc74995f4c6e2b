"""DESIGN.md's layering: timeline/ is a library that never imports dash or layouts."""

from __future__ import annotations

import ast
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


#: Top-level names timeline/ must not import, anywhere (module level or inside a function).
FORBIDDEN = ("dash", "dash_bootstrap_components", "dash_ag_grid", "layouts", "app")
#: The one allowed crossing, named: ``scene-timeline serve`` starts the app (inside
#: its function, so the library and the other commands never import Dash).
BRIDGES = {("timeline/commands/serve.py", "layouts")}


def imported_names(source: str) -> list[tuple[int, str]]:
    """(line, top-level module) of every import statement in ``source``, however deep it sits."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name.split(".")[0]) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.append((node.lineno, node.module.split(".")[0]))
        elif (isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute))
              and getattr(node.func, "attr", getattr(node.func, "id", None)) in ("import_module", "__import__")
              and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            out.append((node.lineno, node.args[0].value.split(".")[0]))
    return sorted(out)


def test_no_timeline_source_imports_the_app_layer():
    # reads the source: catches lazy imports inside functions that importing the module never runs
    offenders = []
    for path in sorted((ROOT / "timeline").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for line, name in imported_names(path.read_text(encoding="utf-8")):
            if name in FORBIDDEN and (rel, name) not in BRIDGES:
                offenders.append(f"{rel}:{line}: imports {name}")
    assert not offenders, "timeline/ reaches into the app layer:\n" + "\n".join(offenders)


def test_the_bridge_is_still_needed():
    # an allowance nobody uses any more is removed, not kept
    for rel, name in BRIDGES:
        assert (ROOT / rel).is_file() and name in {n for _, n in imported_names((ROOT / rel).read_text())}, rel


def test_the_import_reader_sees_lazy_imports():
    src = ("import os\n"
           "def f():\n    from layouts import create_app\n"
           "    import dash.html as h\n"
           "    importlib.import_module('layouts.server')\n"
           "from . import sibling\n")
    assert imported_names(src) == [(1, "os"), (3, "layouts"), (4, "dash"), (5, "layouts")]


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
