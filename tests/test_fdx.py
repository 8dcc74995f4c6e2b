"""The FDX reader: structure, dual dialogue, scene properties, hostile XML."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from timeline.errors import StoryFormatError
from timeline.formats import load_story
from timeline.formats.fdx import parse_fdx, read_fdx
from timeline.formats.screenplay import script_counts
from timeline.model import reference_problems


def _fdx(body: str, extra: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{extra}<FinalDraft DocumentType="Script" Version="3">\n'
            f"<Content>\n{body}\n</Content></FinalDraft>\n").encode("utf-8")


def _p(kind, text, attrs=""):
    return f'<Paragraph Type="{kind}"{attrs}><Text>{text}</Text></Paragraph>'


BODY = "\n".join([
    '<Paragraph Type="Scene Heading" Number="7A"><SceneProperties Title="The bookshop"><Summary>'
    '<Paragraph><Text>Bob meets Alice.</Text></Paragraph></Summary></SceneProperties>'
    "<Text>EXT. CAROLINA'S </Text><Text>BOOKSTORE - NIGHT</Text></Paragraph>",
    _p("Action", "Alice reads."),
    _p("Character", "BOB (V.O.)"),
    _p("Dialogue", "Hi."),
    "<Paragraph><DualDialogue>" + _p("Character", "ALICE") + _p("Dialogue", "Hi!") + _p("Character", "BOB")
    + _p("Dialogue", "Hi!") + "</DualDialogue></Paragraph>",
    _p("Scene Heading", "INT. CAROLINA'S BOOKSTORE - BACK ROOM - DAY"),
    _p("Action", "Empty."),
])


def test_structure(tmp_path):
    elements, _ = parse_fdx(_fdx(BODY))
    assert script_counts(elements) == (2, 3, 2)
    assert [e.dual for e in elements if e.kind == "character"] == [False, False, True]
    p = tmp_path / "x.fdx"
    p.write_bytes(_fdx(BODY))
    story = load_story(p)
    assert reference_problems(story) == []
    s1, s2 = story.scenes
    assert (s1.id, s1.number, s1.title, s1.summary) == ("7A", "7A", "The bookshop", "Bob meets Alice.")
    assert s1.heading == "EXT. CAROLINA'S BOOKSTORE - NIGHT"
    assert s1.cues == {"bob": 2, "alice": 1}
    assert story.location(s2.location).parent == s1.location
    assert s2.characters == ()


BOMB = """<!DOCTYPE FinalDraft [
<!ENTITY a "aaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
"""
EXTERNAL = '<!DOCTYPE FinalDraft [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'


@pytest.mark.parametrize("extra,body", [(BOMB, _p("Action", "&c;")), (EXTERNAL, _p("Action", "&x;"))])
def test_entities_refused(extra, body):
    with pytest.raises(StoryFormatError, match="refused") as e:
        read_fdx(_fdx(body, extra), "bomb.fdx")
    assert e.value.path == "bomb.fdx" and e.value.line >= 1


@pytest.mark.parametrize("data", [
    b"", b"   ", b"<FinalDraft><Content>", b"<?xml version='1.0'?><FinalDraft><Content></Oops></FinalDraft>",
    b"\x00\x01\x02binary", "<FinalDraft>\u00e9</FinalDraft>".encode("latin-1"),
])
def test_malformed(data):
    with pytest.raises(StoryFormatError) as e:
        read_fdx(data, "bad.fdx")
    assert e.value.path == "bad.fdx"


def test_malformed_position():
    with pytest.raises(StoryFormatError) as e:
        read_fdx(b"<FinalDraft>\n<Content>\n</Oops>\n</FinalDraft>", "bad.fdx")
    assert (e.value.line, e.value.column) == (3, 3)


def test_not_final_draft():
    with pytest.raises(StoryFormatError, match="not a Final Draft"):
        read_fdx(b"<html><body/></html>", "x.fdx")


def test_no_content_is_empty_story():
    story = read_fdx(b"<FinalDraft/>", "empty.fdx")
    assert story.title == "empty" and story.scenes == ()


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=300),
                 st.text(alphabet=st.sampled_from(list('<>/="& ;!?[]ParghTyxtSceneHdinCo\n')), max_size=300).map(str.encode)))
def test_fdx_property(data):
    try:
        read_fdx(data, "p.fdx")
    except StoryFormatError:
        pass
