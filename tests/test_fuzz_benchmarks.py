"""Fuzzing the storyline benchmark readers (Tanahashi list, StoryFlow XML, SGB .dat).

Only StoryError escapes and work stays bounded (small inputs, hypothesis' deadline).
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.model import Story

from tests.conftest import read_or_refuse
from tests.test_fuzz_story_files import mutated

FUZZ = settings(max_examples=120, deadline=timedelta(seconds=5),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

TANAHASHI = b"Luke,Leia\tHan\nLuke,Han,Leia\n\nVader\n"
STORYFLOW = (b'<?xml version="1.0"?>\n<Story><Characters>\n'
             b'<Character Name="Neo"><Span Start="0" End="5" Session="1"/></Character>\n'
             b'<Character Name="Trinity"><Span Start="2" End="6" Session="1"/><Span Start="6" End="8" Session="2"/></Character>\n'
             b"</Characters></Story>\n")
SGB = b"* comment\nAA Anna, a woman\nVR Vronsky, an officer\n\n1.1:AA,VR;AA\n&:VR\n2.1:VR\n"

names = st.text(alphabet=st.sampled_from(list("abAB\u4e2d\u00e9 _-.")), min_size=1, max_size=6)


@FUZZ
@given(st.lists(st.lists(st.lists(names, min_size=1, max_size=4).map(",".join), max_size=3).map("\t".join), max_size=12))
def test_tanahashi_generated(lines):
    read_or_refuse("\n".join(lines), "tanahashi", "fuzz_list.txt")


@FUZZ
@given(mutated(TANAHASHI, [b",", b"\t", b"\n", b",,", b"\xff", b"\x00", b"\xef\xbb\xbf", "\u4e2d".encode()]))
def test_tanahashi_mutations(data):
    read_or_refuse(data, "tanahashi", "fuzz_list.txt")


@FUZZ
@given(mutated(STORYFLOW, [b"<", b">", b'"', b'Start="', b'End="9', b'Session=""', b"-1", b"7" * 60,
                           b"<!DOCTYPE x>", b"&x;", b"<Span/>", b"\x00"]))
def test_storyflow_mutations(data):
    read_or_refuse(data, "storyflow", "fuzz.xml")


@FUZZ
@given(st.lists(st.tuples(names, st.lists(st.tuples(st.integers(-2, 30), st.integers(-2, 30), st.sampled_from("12ab")),
                                          max_size=4)), max_size=10))
def test_storyflow_generated(chars):
    body = "".join(
        f'<Character Name="{n.replace(chr(34), "")}">' + "".join(f'<Span Start="{a}" End="{b}" Session="{s}"/>' for a, b, s in spans)
        + "</Character>" for n, spans in chars)
    read_or_refuse(f"<Story><Characters>{body}</Characters></Story>", "storyflow", "fuzz.xml")


@FUZZ
@given(mutated(SGB, [b"&:", b":", b";", b",", b"\n", b"*", b"ZZ", b"AA ", b"\xff", b"\x00"]))
def test_sgb_mutations(data):
    read_or_refuse(data, "sgb", "fuzz.dat")


@FUZZ
@given(st.binary(max_size=1500), st.sampled_from(["tanahashi", "storyflow", "sgb"]))
def test_benchmark_formats_random_bytes(data, fmt):
    read_or_refuse(data, fmt, {"tanahashi": "f_list.txt", "storyflow": "f.xml", "sgb": "f.dat"}[fmt])


def test_the_seeds_are_valid():
    for data, fmt in ((TANAHASHI, "tanahashi"), (STORYFLOW, "storyflow"), (SGB, "sgb")):
        assert isinstance(read_or_refuse(data, fmt), Story), fmt
    for encoding in ("utf-8-sig", "utf-16"):  # BOM'd text in every text format
        assert isinstance(read_or_refuse(TANAHASHI.decode().encode(encoding), "tanahashi"), Story), encoding
        assert isinstance(read_or_refuse(SGB.decode().encode(encoding), "sgb"), Story), encoding
