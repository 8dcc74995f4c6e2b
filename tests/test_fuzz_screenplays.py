"""Fuzzing the Fountain and Final Draft readers: only StoryError escapes, work stays bounded.

Small inputs under hypothesis' deadline: random text from the screenplay
alphabet, mutations of a small script, and FDX documents built from random
paragraphs (nested dual dialogue, odd types, entities, encodings).
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.model import Story

from tests.conftest import read_or_refuse
from tests.test_fuzz_story_files import mutated

FUZZ = settings(max_examples=150, deadline=timedelta(seconds=5),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

FOUNTAIN = b"""Title: Seed
Author: Someone

INT. BAR - NIGHT

Bob walks in. ANN looks up.

BOB
(quietly)
Hello, Ann.

ANN ^
Hi.

EXT. TOWN - DAY #2#

> THE END <

= a synopsis
[[a note]]
/* boneyard */
"""
FOUNTAIN_PIECES = [b"INT. ", b"EXT. ", b"INT./EXT. ", b" - DAY", b"\n\n", b"\r\n", b"@", b"^", b"~", b"!", b".", b"#",
                   b"=", b">", b"<", b"[[", b"]]", b"/*", b"*/", b"(V.O.)", b"(CONT'D)", b" " * 60, b"\t" * 30,
                   b"GUARD 1", b"\xef\xbb\xbf", b"\x00", b"\xff\xfe", b"\xc3\xa9", b"&", b"Title:", b"===", b"*", b"_"]

FDX_HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n<FinalDraft DocumentType="Script" Version="1">\n<Content>\n'
FDX_TAIL = b"</Content>\n</FinalDraft>\n"
TYPES = ["Scene Heading", "Action", "Character", "Dialogue", "Parenthetical", "Transition", "General", "Shot",
         "New Act", "Lyrics", "Cast List", "Bogus", ""]
text_runs = st.text(alphabet=st.sampled_from(list("ABC abc.-'()&<>\"\u00e9\u4e2d\t")), max_size=30)


def _esc(t: str) -> str:
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


paragraph = st.builds(lambda kind, text: f'<Paragraph Type="{kind}"><Text>{_esc(text)}</Text></Paragraph>',
                      st.sampled_from(TYPES), text_runs)


def _dual(depth: int) -> st.SearchStrategy[str]:
    inner = st.lists(paragraph, min_size=1, max_size=3).map("".join)
    if depth:
        inner = st.one_of(inner, _dual(depth - 1))
    return inner.map(lambda body: f"<Paragraph><DualDialogue>{body}</DualDialogue></Paragraph>")


fdx_docs = st.lists(st.one_of(paragraph, _dual(3)), max_size=12).map(
    lambda ps: FDX_HEAD + "\n".join(ps).encode("utf-8") + b"\n" + FDX_TAIL)


@FUZZ
@given(st.binary(max_size=2000))
def test_fountain_random_bytes(data):
    read_or_refuse(data, "fountain", "fuzz.fountain")


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("INTEX. -DAYbob\n\t()@^~!#=></*[]:\u00e9\u4e2d")), max_size=1500))
def test_fountain_random_scripts(text):
    read_or_refuse(text, "fountain", "fuzz.fountain")


@FUZZ
@given(mutated(FOUNTAIN, FOUNTAIN_PIECES))
def test_fountain_mutations(data):
    read_or_refuse(data, "fountain", "fuzz.fountain")


@FUZZ
@given(st.binary(max_size=2000))
def test_fdx_random_bytes(data):
    read_or_refuse(data, "fdx", "fuzz.fdx")


@FUZZ
@given(fdx_docs)
def test_fdx_documents(data):
    read_or_refuse(data, "fdx", "fuzz.fdx")


@FUZZ
@given(fdx_docs.flatmap(lambda doc: mutated(doc, [b"<", b">", b"</Paragraph>", b"<DualDialogue>", b"&amp;", b"&x;",
                                                  b"<!DOCTYPE x [<!ENTITY x 'y'>]>", b"\x00", b"\xff"])))
def test_fdx_mutations(data):
    read_or_refuse(data, "fdx", "fuzz.fdx")


@FUZZ
@given(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"]))
def test_screenplays_in_every_encoding(encoding):
    text = FOUNTAIN.decode("utf-8")
    for fmt, raw_text in (("fountain", text),
                          ("fdx", (FDX_HEAD + b'<Paragraph Type="Scene Heading"><Text>INT. BAR - NIGHT</Text></Paragraph>'
                                   b'<Paragraph Type="Character"><Text>BOB</Text></Paragraph>' + FDX_TAIL).decode())):
        if fmt == "fdx" and encoding != "utf-8":
            raw_text = raw_text.replace('encoding="UTF-8"', f'encoding="{encoding.split("-sig")[0].upper()[:6]}"')
        raw = raw_text.encode(encoding)
        if encoding in ("utf-16-le", "utf-16-be"):
            raw = "\ufeff".encode(encoding) + raw
        story = read_or_refuse(raw, fmt, f"enc.{fmt}")
        assert isinstance(story, Story), (fmt, encoding, story)
        assert story.scenes and "bob" in {c.id for c in story.characters}


def test_the_seeds_are_valid():
    assert isinstance(read_or_refuse(FOUNTAIN, "fountain"), Story)
    assert isinstance(read_or_refuse(FDX_HEAD + FDX_TAIL, "fdx"), Story)
