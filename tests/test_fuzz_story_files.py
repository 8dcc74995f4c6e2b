"""Fuzzing the YAML and JSON story readers: only StoryError escapes, work stays bounded.

Inputs are small (a few KB) and every example runs under hypothesis' deadline,
so an input that makes a reader stall or recurse fails here. Three sources:
random bytes, mutations of a valid story file, and generated structures with
hostile scalars (dates, tagged values, huge integers, deep nesting, aliases).
"""

from __future__ import annotations

import json
from datetime import timedelta

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.errors import StoryFormatError
from timeline.model import Story

from tests.conftest import read_or_refuse

FUZZ = settings(max_examples=150, deadline=timedelta(seconds=5),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

SEED = {
    "title": "Seed",
    "metadata": {"year": 1995, "tags": ["a", "b"]},
    "characters": [{"id": "bob", "name": "Bob"}, {"id": "ann", "name": "Ann", "aliases": ["Annie"]}],
    "locations": [{"id": "town", "name": "Town"}, {"id": "bar", "name": "Bar", "parent": "town"}],
    "scenes": [
        {"id": "s1", "title": "Arrival", "location": "bar", "characters": ["bob", "ann"],
         "interactions": [{"source": "bob", "target": "ann", "type": "talks to"}]},
        {"id": "s2", "title": "Fight", "location": "town", "characters": ["bob"]},
    ],
}
SEED_YAML = yaml.safe_dump(SEED, sort_keys=False).encode()
SEED_JSON = json.dumps(SEED, indent=1).encode()

# pieces that reach the readers' odd corners
HOSTILE_YAML = [b"&a ", b"*a", b"!!binary ", b"!!float ", b"!!timestamp ", b"2023-02-30", b"2001-12-14t99:00",
                b"!!python/object:os.system ", b"<<: *a", b"? ", b"{", b"[", b"]", b"}", b"- ", b": ", b"\t", b"\n  ",
                b"'", b'"', b"\\x", b"7" * 120, b"%YAML 1.1\n", b"---\n", b"...\n", b"\xef\xbb\xbf", b"\x00", b"\xff",
                b"!!set ", b"!!omap ", b".nan", b"~", b"#"]
HOSTILE_JSON = [b"{", b"}", b"[", b"]", b",", b":", b'"', b"\\u", b"\\ud800", b"NaN", b"Infinity", b"-", b"1e999",
                b"7" * 120, b"null", b"true", b"\x00", b"\xff", b"\xef\xbb\xbf", b'"title"', b'"scenes"']


def mutated(seed: bytes, pieces: list[bytes]):
    """A seed file with a few chunks deleted, replaced or inserted."""
    @st.composite
    def build(draw):
        data = bytearray(seed)
        for _ in range(draw(st.integers(1, 6))):
            at = draw(st.integers(0, len(data)))
            op = draw(st.sampled_from(("insert", "delete", "replace")))
            piece = draw(st.sampled_from(pieces) | st.binary(max_size=8))
            if op == "insert":
                data[at:at] = piece
            elif op == "delete":
                data[at:at + draw(st.integers(1, 40))] = b""
            else:
                data[at:at + len(piece)] = piece
        return bytes(data)
    return build()


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(allow_nan=True),
    st.text(max_size=20), st.sampled_from(["2023-02-30", "2023-01-01", "!!float x", "bob", "s1", "town"]),
)
structures = st.recursive(scalars, lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
                          max_leaves=30)
stories = st.fixed_dictionaries(
    {"title": st.one_of(st.text(max_size=10), scalars)},
    optional={"metadata": structures, "characters": structures, "locations": structures, "scenes": structures,
              "extra": structures},
)


@FUZZ
@given(st.binary(max_size=2000))
def test_yaml_random_bytes(data):
    read_or_refuse(data, "yaml", "fuzz.yaml")


@FUZZ
@given(mutated(SEED_YAML, HOSTILE_YAML))
def test_yaml_mutations(data):
    read_or_refuse(data, "yaml", "fuzz.yaml")


@FUZZ
@given(stories)
def test_yaml_structures(value):
    text = yaml.safe_dump(value, allow_unicode=True)
    read_or_refuse(text, "yaml", "fuzz.yaml")


@FUZZ
@given(st.binary(max_size=2000))
def test_json_random_bytes(data):
    read_or_refuse(data, "json", "fuzz.json")


@FUZZ
@given(mutated(SEED_JSON, HOSTILE_JSON))
def test_json_mutations(data):
    read_or_refuse(data, "json", "fuzz.json")


@FUZZ
@given(stories)
def test_json_structures(value):
    try:
        text = json.dumps(value)
    except ValueError:
        return
    read_or_refuse(text, "json", "fuzz.json")


@FUZZ
@given(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"]), st.text(max_size=12))
def test_story_files_in_every_encoding(encoding, title):
    text = yaml.safe_dump({"title": title or "T", "scenes": []}, allow_unicode=True)
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:
        return
    if encoding in ("utf-16-le", "utf-16-be"):
        raw = "\ufeff".encode(encoding) + raw
    out = read_or_refuse(raw, "yaml", "enc.yaml")
    if encoding != "cp1252" and (title or "T").strip() and not isinstance(out, StoryFormatError):
        assert isinstance(out, Story)


def test_the_seeds_are_valid():
    # the mutations start from stories that read: otherwise the fuzzing only tests refusals
    assert isinstance(read_or_refuse(SEED_YAML, "yaml"), Story)
    assert isinstance(read_or_refuse(SEED_JSON, "json"), Story)
