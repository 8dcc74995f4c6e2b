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
