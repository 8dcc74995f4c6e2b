"""The Fountain reader against other parsers' test suites (copied into tests/fixtures/fountain,
freely licensed: see tests/fixtures/NOTICE; they run on any clone).

* Jouvence (Apache-2.0): YAML documents ``in`` -> expected element list.
* screenplain (MIT): inputs with the expected HTML; we compare the structural
  elements (headings with scene numbers, cues, transitions, sections).
* nyousefi/Fountain (MIT): the reference implementation's inputs (no expected
  output is stored): parsed without error, plus a few spot checks.

Elements are compared in a normalised form: action and dialogue line by line
(blank lines dropped, surrounding spaces stripped), so the suites' different
ways of keeping blank lines inside action do not matter.
"""

from __future__ import annotations

import html
import re

import pytest
import yaml

from timeline.formats.fountain import parse_fountain

from .conftest import FIXTURES

#: The suites, copied from the corpus (MIT / Apache-2.0; sources in tests/fixtures/NOTICE).
SUITES = FIXTURES / "fountain"

# Cases where a suite disagrees with the Fountain 1.1 spec (we follow the spec).
JOUVENCE_SKIP = {
    # Spec: "~" marks each lyric line; Jouvence makes the two lines one action.
    ("test_lyrics.yaml", 1): "spec: every line starting with ~ is a lyric, the next line is action",
}


def _norm_ours(elements):
    out = []
    for e in elements:
        k = e.kind
        if k in ("title", "note"):
            continue
        if k in ("action", "dialogue"):
            out += [(k, ln.strip()) for ln in e.text.split("\n") if ln.strip()]
        elif k == "heading":
            out.append((k, e.text.strip()))
        elif k == "page_break":
            out.append((k, ""))
        else:
            out.append((k, e.text.strip()))
    return out


_JKIND = {"!": "action", ".": "heading", "@": "character", "=": "dialogue", "_": "parenthetical",
          ">": "transition", "~": "lyrics", "#": "section", "+": "synopsis"}


def _norm_jouvence(items):
    out = []
    for it in items or []:
        if it == "<pagebreak>":
            out.append(("page_break", ""))
            continue
        k, text = _JKIND[it[0]], it[1:]
        if k == "action" and text.startswith("><"):
            out.append(("centered", text[2:].strip()))
        elif k in ("action", "dialogue"):
            out += [(k, ln.strip()) for ln in text.split("\n") if ln.strip()]
        elif k == "section":
            out.append((k, text.lstrip("#").strip()))
        elif k == "character":
            out.append((k, text.strip().lstrip("@")))
        else:
            out.append((k, text.strip()))
    return out


def _jouvence_cases():
    folder = SUITES / "jouvence"
    cases = []
    for f in sorted(folder.glob("*.yaml")):
        for i, doc in enumerate(yaml.safe_load_all(f.read_text(encoding="utf-8"))):
            if doc is not None:
                # where we follow the spec and Jouvence does not, the case must keep failing
                marks = [pytest.mark.xfail(reason=JOUVENCE_SKIP[(f.name, i)], strict=True)] \
                    if (f.name, i) in JOUVENCE_SKIP else []
                cases.append(pytest.param(f.name, i, doc, id=f"{f.stem}-{i}", marks=marks))
    return cases


@pytest.mark.parametrize("fname,i,doc", _jouvence_cases())
def test_jouvence(fname, i, doc):
    elements = parse_fountain(doc["in"])
    if "out" in doc:
        assert _norm_ours(elements) == _norm_jouvence(doc["out"])
    if "title" in doc:
        title = {e.key.lower(): e.text for e in elements if e.kind == "title"}
        assert title == {k.lower(): str(v) for k, v in (doc["title"] or {}).items()}


# ---- screenplain ------------------------------------------------------------

_TAG = re.compile(
    r'<h6[^>]*>(?:<span class="scnuml">([^<]*)</span>)?(.*?)(?:<span class="scnumr">[^<]*</span>)?</h6>'
    r'|<p class="character">(.*?)</p>'
    r'|<div class="transition">(.*?)</div>'
    r"|<h([1-5])>(.*?)</h\5>",
    re.S,
)


def _strip_tags(s):
    return html.unescape(re.sub(r"<[^>]+>", "", s)).replace("\xa0", " ").strip()


def _structure_html(text):
    out = []
    for m in _TAG.finditer(text):
        if m.group(2) is not None:
            out.append(("heading", _strip_tags(m.group(2)), m.group(1)))
        elif m.group(3) is not None:
            out.append(("character", _strip_tags(m.group(3)), None))
        elif m.group(4) is not None:
            out.append(("transition", _strip_tags(m.group(4)), None))
        else:
            out.append(("section", _strip_tags(m.group(6)), None))
    return out


def _structure_ours(elements):
    out = []
    for e in elements:
        if e.kind == "heading":
            out.append(("heading", e.text, e.number))
        elif e.kind in ("character", "transition", "section"):
            t = re.sub(r"[*_]", "", e.text).strip()
            out.append((e.kind, t.upper() if e.kind == "transition" else t, None))
    return out


def _screenplain_cases():
    folder = SUITES / "screenplain"
    return [pytest.param(f, id=f.stem) for f in sorted(folder.glob("*.fountain")) if f.with_suffix(".html").exists()]


@pytest.mark.parametrize("path", _screenplain_cases())
def test_screenplain_structure(path):
    from timeline.formats._text import decode_text

    ours = _structure_ours(parse_fountain(decode_text(path.read_bytes(), str(path))))
    expected = _structure_html(path.with_suffix(".html").read_text(encoding="utf-8"))
    # screenplain writes the forced transition's text as is; emphasis is dropped on both sides
    assert ours == [(k, re.sub(r"[*_]", "", t), n) for k, t, n in expected]


def test_screenplain_notes():
    text = (SUITES / "screenplain/notes.fountain").read_text(encoding="utf-8")
    actions = [e.text for e in parse_fountain(text) if e.kind == "action"]
    joined = "\n".join(actions)
    assert "[[" not in joined.replace("This is not [[", "")
    assert "This is not [[" in joined  # a note may not cross an empty line: plain text


def test_screenplain_title_page():
    text = (SUITES / "screenplain/title-page.fountain").read_text(encoding="utf-8")
    title = [e for e in parse_fountain(text) if e.kind == "title"]
    assert title and title[0].key.lower() == "title"


# ---- nyousefi ---------------------------------------------------------------


def _nyousefi_files():
    folder = SUITES / "nyousefi"
    return [pytest.param(f, id=f.stem) for f in sorted(folder.iterdir())]


@pytest.mark.parametrize("path", _nyousefi_files())
def test_nyousefi_parses(path):
    from timeline.formats._text import decode_text

    elements = parse_fountain(decode_text(path.read_bytes(), str(path)))
    assert elements


def _kinds(name, kind):
    from timeline.formats._text import decode_text

    p = SUITES / "nyousefi" / name
    return [e for e in parse_fountain(decode_text(p.read_bytes(), str(p))) if e.kind == kind]


def test_nyousefi_spot_checks():
    assert [e.number for e in _kinds("SceneNumbers.fountain", "heading") if e.number]
    duals = _kinds("DualDialogue.fountain", "character")
    assert any(e.dual for e in duals)
    assert _kinds("PageBreaks.fountain", "page_break")
    assert _kinds("Synopses.fountain", "synopsis")
    assert _kinds("CenteredText.fountain", "centered")
    assert _kinds("Transitions.fountain", "transition")
    secs = _kinds("SectionHeaders.fountain", "section")
    assert secs and max(e.depth for e in secs) >= 2
    bone = "\n".join(e.text for e in _kinds("Boneyard.fountain", "action"))
    assert "/*" not in bone and "*/" not in bone
