"""Sentences and clauses: a small splitter that knows abbreviations, initials and
decimals, runs in linear time, and never hangs (no backtracking regular expression
runs over a long span).

Spans are ``(start, end)`` offsets into the text, so every scene can quote its
source verbatim."""

from __future__ import annotations

import re

from .words import ABBREVIATIONS, MOTION_VERBS

__all__ = ["split_sentences", "split_clauses", "MAX_SENTENCE"]

#: A "sentence" longer than this (characters) is cut at its commas or spaces, so a
#: text without full stops still drafts in linear time.
MAX_SENTENCE = 1200

_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?:\[(?:\d+|[a-z]|citation needed|note \d+)\])*(?=\s)")
_ITEM = re.compile(r"^[ \t]*(?:[-*•–]|\d{1,3}[.)])[ \t]+", re.M)
_OPEN = "\"'“‘([" 


def _is_abbreviation(text: str, dot: int) -> bool:
    """True if the full stop at ``dot`` ends an abbreviation or an initial, not a sentence."""
    i = dot
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
        if dot - i > 12:
            return False
    word = text[i:dot]
    if not word:
        return False
    if len(word) == 1 and word.isupper():  # an initial: "J. R. Ewing"
        return not re.search(r"\b(?:[Aa]ct|[Pp]art|[Cc]hapter|[Bb]ook|[Ee]pisode|[Vv]olume)\s+$", text[max(0, i - 10):i])
    if re.fullmatch(r"[IVX]{2,4}", word) and re.search(r"\b(?:[Aa]ct|[Pp]art|[Cc]hapter|[Bb]ook|[Ee]pisode)\s+$",
                                                      text[max(0, i - 10):i]):
        return False  # "Act II." ends a heading
    return word.lower().rstrip(".") in ABBREVIATIONS


_NEVER_AFTER_TITLE = frozenset("""the a an he she it they we i his her their its this that then later meanwhile
but and when while after before as there here""".split())


def _name_not_abbreviation(text: str, dot: int, nxt: int, seen: dict[str, bool]) -> bool:
    """True if the capitalised word before ``dot`` is a name here, not an abbreviation: "… renames her
    Sen. Haku warns …" (Sen is written elsewhere without a full stop), or "… Dr. Then …"."""
    i = dot
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    word = text[i:dot]
    if len(word) < 2 or not word[0].isupper():
        return False
    follow = re.match(r"[A-Za-z]+", text[nxt:nxt + 20])
    if follow and follow.group().lower() in _NEVER_AFTER_TITLE:
        return True
    if word not in seen:
        seen[word] = re.search(r"\b" + re.escape(word) + r"\b(?!\.)", text) is not None
    return seen[word]


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]``, trimmed of surrounding space.

    >>> t = 'Mr. Pink meets Dr. J. Grant. He leaves at 3.5 p.m. sharp! Later, it rains.'
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['Mr. Pink meets Dr. J. Grant.', 'He leaves at 3.5 p.m. sharp!', 'Later, it rains.']
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    # an outline's items ("- Anna meets Bo", "2. Later …") are sentences even without full stops
    items = [(m.start(), m.end()) for m in _ITEM.finditer(text, start, end)]
    if items:
        out = []
        a = start
        for s0, s1 in items:
            if s0 > a:
                out.extend(split_sentences(text, a, s0))
            a = s1
        out.extend(split_sentences(text, a, end) if a < end else [])
        return out
    cut = start
    names_seen: dict[str, bool] = {}
    for m in _END.finditer(text, start, end):
        stop = m.end()
        # the next visible character must open a sentence (capital, quote, digit)
        j = stop
        while j < end and text[j].isspace():
            j += 1
        if j >= end:
            break
        nxt = text[j]
        if not (nxt.isupper() or nxt.isdigit() or nxt in _OPEN):
            continue
        if text[m.start()] == "." and m.end() - m.start() == 1 and _is_abbreviation(text, m.start()) \
                and not _name_not_abbreviation(text, m.start(), j, names_seen):
            continue
        spans.append((cut, stop))
        cut = j
    spans.append((cut, end))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.extend(_cut_long(text, a, b))
    return out


def _cut_long(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """A span cut into pieces of at most MAX_SENTENCE characters (at a comma or a space)."""
    out = []
    while b - a > MAX_SENTENCE:
        limit = a + MAX_SENTENCE
        cut = max(text.rfind(", ", a + MAX_SENTENCE // 2, limit), text.rfind("; ", a + MAX_SENTENCE // 2, limit))
        if cut < 0:
            cut = text.rfind(" ", a + MAX_SENTENCE // 2, limit)
        cut = limit if cut < 0 else cut + 1
        out.append((a, cut))
        a = cut
        while a < b and text[a].isspace():
            a += 1
    if b > a:
        out.append((a, b))
    return out


_MOTION = "|".join(sorted(MOTION_VERBS, key=len, reverse=True))
# where a clause of a sentence may open a new scene: ", but as …", "and go to …",
# the main clause after an opening "When …, "
_CLAUSE = re.compile(
    r",\s+but\s+|\s+but\s+(?=as\b|when\b|then\b|later\b)"
    r"|,\s+(?:and\s+)?then\s+"
    r"|;\s+"
    r"|,?\s+and\s+(?:then\s+)?(?=(?:" + _MOTION + r")\s+(?:to|into|back|for|through|toward|towards|home|away|off|out)\b)"
    r"|(?<=[a-z]),\s+(?:and\s+)?(?=(?:as|when|while|before|after)\s)",
    re.I,
)
_SUBORDINATE = re.compile(r"(?:when|as|after|before|once|while|upon|stumbling|entering|leaving|arriving)\b", re.I)


def split_clauses(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The clauses of sentence ``text[a:b]`` that may start a scene of their own.

    Each clause begins at a word (the connective "but", "and" stays with the clause it
    opens). A sentence opening with a subordinate clause ("When he wakes up, …") is cut
    after its first comma that follows a verb phrase."""
    cuts = []
    for m in _CLAUSE.finditer(text, a, b):
        at = m.end()
        # keep "but" / "and" with the clause they open
        piece = text[m.start():m.end()]
        low = piece.lower()
        if "but" in low:
            at = m.start() + low.index("but")
        elif re.search(r"\band\b", low):
            at = m.start() + re.search(r"\band\b", low).start()
        if a + 8 < at < b - 8:
            cuts.append(at)
    if _SUBORDINATE.match(text, a):
        comma = text.find(", ", a, min(b, a + 160))
        while comma >= 0 and comma + 2 < b:
            nxt = text[comma + 2:comma + 40].split(" ", 1)[0].strip(",")
            # not after a one-word aside ("As he exits, wounded, …")
            if nxt and not nxt.endswith(("ed", "ing")) and nxt.lower() not in ("however", "though"):
                cuts.append(comma + 2)
                break
            comma = text.find(", ", comma + 2, min(b, a + 160))
    cuts = sorted(set(cuts))
    spans = []
    prev = a
    for c in cuts:
        end = c
        while end > prev and text[end - 1] in " ,;":
            end -= 1
        if end > prev:
            spans.append((prev, end))
        prev = c
    spans.append((prev, b))
    return spans
