"""The hostile inputs of issue 14, one by one: each is read or refused with a
one-line ``path:line:col: message`` (exit 2 in the CLI), never a traceback.

The cost of the worst-case families as they grow is measured by
``benchmarks/adversarial.py`` (which prints times), not here.
"""

from __future__ import annotations

import json
import os
import stat

import pytest

from timeline.cli import main
from timeline.errors import StoryFormatError
from timeline.formats import MAX_BYTES, load_story, loads_story
from timeline.formats.story_file import MAX_ALIAS_EXPANSION, MAX_DEPTH
from timeline.model import Story

from tests.conftest import read_or_refuse


def refused(data, fmt, *, match: str, line: int | None = None) -> StoryFormatError:
    err = read_or_refuse(data, fmt, f"h.{fmt}")
    assert isinstance(err, StoryFormatError), f"accepted: {err!r}"
    assert match in err.message, err
    assert err.line > 0 and err.column > 0, f"no position: {err}"
    if line is not None:
        assert err.line == line, err
    return err


def alias_bomb(levels: int) -> str:
    out = 'title: x\nmetadata:\n  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, levels):
        out += f"  {chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]\n"
    return out


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_nesting_492_deep(fmt):
    body = "[" * 492 + "]" * 492
    text = f"title: x\nmetadata:\n  a: {body}\n" if fmt == "yaml" else f'{{"title": "x",\n"metadata": {{"a": {body}}}}}'
    err = refused(text, fmt, match=f"deeper than {MAX_DEPTH} levels")
    assert err.line in (2, 3)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_nesting_at_the_limit_is_read(fmt):
    body = "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2)  # story (1) + metadata (2) + lists
    text = f"title: x\nmetadata:\n  a: {body}\n" if fmt == "yaml" else f'{{"title": "x", "metadata": {{"a": {body}}}}}'
    assert isinstance(read_or_refuse(text, fmt), Story)


def test_block_nesting_past_libyaml_limit():
    text = "title: x\nmetadata:\n" + "".join(" " * (2 * i + 2) + "a:\n" for i in range(1100))
    refused(text, "yaml", match="deeper than")


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_integer_of_5000_digits(fmt):
    text = "title: x\nmetadata:\n  a: " + "7" * 5000 + "\n" if fmt == "yaml" else '{"title": "x",\n "metadata": {"a": ' + "7" * 5000 + "}}"
    refused(text, fmt, match="5000 digits", line=3 if fmt == "yaml" else 2)


@pytest.mark.parametrize("value", ["2023-02-30", "!!timestamp 2023-01-01 99:99", "!!timestamp x", "!!float x", "!!float",
                                   "!!float ''", "!!int x", "!!bool maybe"])
def test_yaml_scalars_python_cannot_convert(value):
    refused(f"title: x\nmetadata:\n  a: {value}\n", "yaml", match="not a valid", line=3)


def test_yaml_binary_is_refused_and_convert_never_crashes(tmp_path, capsys):
    refused('title: x\nmetadata: {x: !!binary "//79"}\n', "yaml", match="!!binary", line=2)
    src = tmp_path / "b.yaml"
    src.write_text('title: x\nmetadata: {x: !!binary "//79", d: 2023-01-01, s: !!set {a}}\n')
    assert main(["convert", str(src), "-o", str(tmp_path / "x.json")]) == 2
    src.write_text("title: x\nmetadata: {d: 2023-01-01, s: !!set {a}, n: .nan}\n")
    assert main(["convert", str(src), "-o", str(tmp_path / "x.json")]) == 0
    back = json.loads((tmp_path / "x.json").read_text())
    assert back["metadata"]["d"] == "2023-01-01" and back["metadata"]["s"] == ["a"]
    assert isinstance(load_story(tmp_path / "x.json"), Story)


@pytest.mark.parametrize("levels", [9, 10])
def test_yaml_alias_bomb_is_refused(levels):
    text = alias_bomb(levels)
    assert len(text) < 600
    refused(text, "yaml", match=f"more than {MAX_ALIAS_EXPANSION:,} values")


def test_a_few_aliases_are_fine():
    text = "title: x\nmetadata:\n  a: &a [1, 2, 3]\n  b: *a\n  c: {<<: {k: 1}, j: *a}\n"
    story = read_or_refuse(text, "yaml")
    assert isinstance(story, Story) and story.metadata["b"] == [1, 2, 3]


def test_yaml_alias_cycle_is_refused():
    refused("title: x\nmetadata: &a {b: *a}\n", "yaml", match="contains it", line=2)


@pytest.mark.parametrize("text,line", [("title: x\nmetadata: {a: 1\n", 3), ("title: x\n  bad: [\n", 2),
                                       ("title: x\nmetadata: {a: \"\x01\"}\n", 2), ("title: x\n\t- a\n", 2),
                                       ("title: !!python/object/apply:os.system ['echo']\n", 1)])
def test_yaml_errors_have_real_positions(text, line):
    err = read_or_refuse(text, "yaml", "p.yaml")
    assert isinstance(err, StoryFormatError) and err.line == line and err.column > 0, err
    assert "^" not in err.message and "\n" not in err.message


def test_fdx_dual_dialogue_991_deep():
    body = "<Paragraph><DualDialogue>" * 991 + '<Paragraph Type="Character"><Text>BOB</Text></Paragraph>' + "</DualDialogue></Paragraph>" * 991
    data = f'<?xml version="1.0"?>\n<FinalDraft><Content>\n{body}\n</Content></FinalDraft>'
    refused(data, "fdx", match="DualDialogue", line=3)


@pytest.mark.parametrize("source", ["/dev/zero", "pipe"])
def test_size_limit_holds_for_devices_and_pipes(source, tmp_path):
    if source == "pipe":
        fifo = tmp_path / "story.yaml"
        os.mkfifo(fifo)
        assert stat.S_ISFIFO(fifo.stat().st_mode)
        pid = os.fork()
        if pid == 0:  # writer: endless zeros until the reader closes the pipe
            try:
                with open(fifo, "wb") as w:
                    chunk = b"\x00" * 65536
                    while True:
                        w.write(chunk)
            finally:
                os._exit(0)
        path = fifo
    else:
        if not os.path.exists("/dev/zero"):
            pytest.fail("/dev/zero is missing")
        path = "/dev/zero"
    try:
        with pytest.raises(StoryFormatError, match="larger than the 64 MB limit"):
            load_story(path, format="yaml")
    finally:
        if source == "pipe":
            os.waitpid(pid, 0)


def test_messages_state_limits_as_the_readme_does():
    with pytest.raises(StoryFormatError) as e:
        loads_story(b" " * (MAX_BYTES + 1), "yaml")
    assert "64 MB" in str(e.value) and "67" not in str(e.value)


@pytest.mark.parametrize("fmt,text", [
    ("fountain", "Title: T\n\nINT. BAR - NIGHT\n\nBOB\nHi.\n"),
    ("yaml", "title: T\nscenes: [{id: s1, title: S}]\n"),
    ("json", '{"title": "T", "scenes": [{"id": "s1", "title": "S"}]}'),
    ("fdx", '<?xml version="1.0" encoding="UTF-16"?>\n<FinalDraft><Content><Paragraph Type="Scene Heading">'
            "<Text>INT. BAR - NIGHT</Text></Paragraph></Content></FinalDraft>"),
    ("tanahashi", "a,b\tc\n"), ("sgb", "AA Anna\n\n1.1:AA\n"),
])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be"])
def test_every_text_format_reads_utf8_and_utf16_with_bom(fmt, text, encoding):
    if fmt == "fdx" and encoding.startswith("utf-8"):
        text = text.replace("UTF-16", "UTF-8")
    raw = ("\ufeff" + text).encode(encoding) if encoding.startswith("utf-16") else text.encode(encoding)
    story = read_or_refuse(raw, fmt, f"t.{fmt}")
    assert isinstance(story, Story), story
    assert story.scenes


def test_cp1252_fallback_is_logged_not_warned(caplog, recwarn):
    story = read_or_refuse(b"title: Caf\xe9\n", "yaml")
    assert isinstance(story, Story) and story.title == "Caf\u00e9"
    assert not [w for w in recwarn if "cp1252" in str(w.message)]
    assert any("cp1252" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("name,content", [
    ("deep.json", '{"title": "x", "metadata": {"a": ' + "[" * 492 + "]" * 492 + "}}"),
    ("big.yaml", "title: x\nmetadata:\n  a: " + "7" * 5000 + "\n"),
    ("date.yaml", "title: x\nmetadata: {a: 2023-02-30}\n"),
    ("bomb.yaml", alias_bomb(9)),
])
def test_cli_prints_one_line_and_exits_2(name, content, tmp_path, capsys):
    p = tmp_path / name
    p.write_text(content)
    for command in (["validate", str(p)], ["stats", str(p), "--json"]):
        assert main(command) == 2
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and err.startswith(f"{p}:") and ":0:0:" not in err, err
        assert "Traceback" not in err
