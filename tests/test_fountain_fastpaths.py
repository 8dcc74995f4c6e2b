"""The readers' fast paths give exactly what the plain definitions give.

Reading a screenplay takes shortcuts for speed (ASCII text, lines that cannot
wrap, characters that cannot start a heading, lines that cannot be cues). Each
test here checks one shortcut against the definition it stands for.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata

from hypothesis import example, given, settings, strategies as st

from timeline.formats import fountain, screenplay
from timeline.formats.screenplay import Element, _NameMatcher, _printed_lines, cue_name, slug

# text made mostly of what matters here: names in all cases, word separators
# (underscores are emphasis marks, not word characters), digits, non-ASCII letters
_PIECES = ["REGGIE", "Reggie", "reggie", "PETER", "Peter", "JEAN", "LOUIS", "Louis", "MAN", "Man", "man",
           "AL", "Al", "2ND", "2nd", "GUARD", "JOSÉ", "José", "İ", "ß", "ı", " ", "  ", "-", "_", ".", ",", "'",
           "\n", "(", ")", "x", "deGAULLE", "Mc", "9"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join) | st.text(max_size=40)


def test_heading_first_characters_are_all_of_unicode():
    # a heading starts with INT, EXT, EST, I/E in any case: its first character's
    # upper case starts with I or E
    starts = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).upper()[:1] in ("I", "E")}
    assert starts == set(fountain._HEADING_FIRST)


@given(st.text(max_size=20) | st.text(alphabet="ABCabc019 ()-'.:!ÉéİıǅⅠⅰ", max_size=20))
def test_is_caps(s):
    letters = [c for c in s if c.isalpha()]
    assert fountain._is_caps(s) == (bool(letters) and all(c == c.upper() and not c.islower() for c in letters))


def _find_by_definition(names: dict[str, str], text: str) -> list[str]:
    """Name matching over the text's words, as :class:`_NameMatcher` documents it."""
    words = re.findall(r"[^\W_]+", text)
    found = []
    for i in range(len(words)):
        best = None
        for key, cid in names.items():
            toks = re.findall(r"[^\W_]+", key)
            if not toks or [w.upper() for w in words[i:i + len(toks)]] != toks:
                continue
            ws = words[i:i + len(toks)]
            caps_only = (len(toks) == 1 and (len(toks[0]) < 3 or toks[0] in screenplay._COMMON)) or all(
                t in screenplay._COMMON for t in toks)
            if caps_only:
                ok = all(w.isupper() or not any(c.isalpha() for c in w) for w in ws)
            else:
                ok = all(not w[:1].islower() for w in ws)
            if ok and (best is None or len(toks) > best[0]):
                best = (len(toks), cid)
        if best:
            found.append(best[1])
    return found


_NAMES = {"REGGIE": "reggie", "PETER": "peter", "PETER JOSHUA": "peter_j", "JEAN LOUIS": "jean_louis",
          "MAN": "man", "AL": "al", "2ND GUARD": "guard2", "JOSÉ": "jose", "İ": "i_dot"}


@settings(max_examples=300)
@given(_TEXT)
def test_name_matcher(text):
    assert _NameMatcher(_NAMES).find(text) == _find_by_definition(_NAMES, text)


def test_name_matcher_examples():
    m = _NameMatcher(_NAMES)
    assert m.find("REGGIE and Peter Joshua meet _REGGIE_; deREGGIE is not her") == ["reggie", "peter_j", "reggie"]
    assert m.find("a man, the MAN, Al, AL, 2nd guard, 2ND GUARD") == ["man", "al", "guard2"]
    assert m.find("José and JOSÉ") == ["jose", "jose"]


@given(st.sampled_from(sorted(screenplay._LAYOUT) + ["note"]), _TEXT)
def test_printed_lines(kind, text):
    e = Element(kind, text)
    if kind not in screenplay._LAYOUT:
        assert _printed_lines(e) == 0
        return
    width = screenplay._LAYOUT[kind][0]
    n = sum(max(1, math.ceil(len(ln.strip()) / width)) for ln in text.split("\n"))
    assert _printed_lines(e) == n + (0 if kind in ("dialogue", "parenthetical") else 1)


@given(_TEXT)
def test_slug(text):
    t = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    t = t.replace("'", "").replace("’", "").casefold()
    assert slug(text) == re.sub(r"[^a-z0-9]+", "_", t).strip("_")


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["BOB", "Bob", "bob", "(V.O.)", "(v.o.)", "(", ")", " ", "\t", ":", "^", "CONT'D", "cont'd",
                                 "CONT.", "contd", "cont.", "É", "é", "1", "-"]), min_size=1, max_size=10).map("".join).map(str.strip)
       .filter(bool))
@example("BOB cont. contd cont'd")  # cue_name() drops all three
@example("Bob said (cont'd)")
def test_cue(s):
    name, ext = cue_name(s)
    expected = (s.rstrip("^").rstrip(), name, ext, s.endswith("^")) if name and fountain._is_caps(name) else None
    assert fountain._cue(s) == expected
