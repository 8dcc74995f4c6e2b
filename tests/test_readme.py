"""The README tells the truth: its story-file example loads, its commands exist."""

from __future__ import annotations

import re

from tests.conftest import ROOT
from timeline import loads_story
from timeline.cli import build_parser

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_story_file_example_is_a_valid_story():
    block = re.search(r"```yaml\n(.*?)```", README, re.S).group(1)
    story = loads_story(block, format="yaml", path="README.md")
    assert story.scene("alley").interactions[0].type == "kills"
    assert story.character("navajas").fate.scene == "alley"


def test_two_commands_are_make_targets_and_ci_runs_the_test_one():
    makefile = (ROOT / "Makefile").read_text()
    assert "make run" in README and "make test" in README
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_every_cli_command_in_the_readme_exists():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    named = set(re.findall(r"^scene-timeline (\w+)", README, re.M))
    assert named and named <= set(sub.choices), named - set(sub.choices)


def _section(title: str) -> str:
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.S | re.M)
    assert m, f"README has no '## {title}' section"
    return m.group(1)


def test_limits_section_states_the_limits_the_code_enforces():
    from timeline.formats import MAX_BYTES
    from timeline.formats._text import format_size
    from timeline.formats.fdx import MAX_DUAL_DEPTH
    from timeline.formats.screenplay import MAX_SCREENPLAY_BYTES
    from timeline.formats.story_file import MAX_ALIAS_EXPANSION, MAX_DEPTH, MAX_INT_DIGITS

    limits = " ".join(_section("Limits").split())
    assert f"Story files (YAML, JSON, the benchmark formats) are read up to {format_size(MAX_BYTES)}" in limits
    assert f"screenplays (Fountain, FDX) up to {format_size(MAX_SCREENPLAY_BYTES)}" in limits
    assert f"deeper than {MAX_DEPTH} levels" in limits
    assert f"longer than {MAX_INT_DIGITS} digits" in limits
    assert f"past {MAX_ALIAS_EXPANSION:,} values" in limits
    assert f"`<DualDialogue>` nested more than {MAX_DUAL_DEPTH} deep" in limits


def test_install_section_matches_the_package():
    import tomllib

    install = _section("Installing it")
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())
    extras = set(meta["project"]["optional-dependencies"]) - {"test", "dev"}
    for extra in extras:
        assert f"`{extra}`" in install, extra
    assert "make wheel-check" in install and re.search(r"^wheel-check:", (ROOT / "Makefile").read_text(), re.M)
    assert "make wheel-check" in (ROOT / ".ci" / "run").read_text()
    assert "`timeline`" in install and "`layouts`" in install
