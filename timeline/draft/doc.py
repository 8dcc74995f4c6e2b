"""The plot as words: offsets, sentences, and the clause units scenes are made of."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .sentences import split_clauses

__all__ = ["Word", "Unit", "Doc", "tokenize"]

_TOKEN = re.compile(r"[^\W\d_](?:[\w'’\-]*[^\W_])?|\d+(?:[.,:]\d+)*|[^\w\s]", re.UNICODE)


@dataclass
class Word:
    start: int
    end: int
    text: str       # as written, without a possessive 's
    sent: int       # sentence number
    first: bool     # first word of its sentence (after quotes)
    poss: bool = False  # written with 's (Bucho's)
    lower: str = field(init=False, repr=False)   # computed once: read millions of times on a long text
    cap: bool = field(init=False, repr=False)
    alpha: bool = field(init=False, repr=False)

    def __post_init__(self):
        self.lower = self.text.lower()
        self.cap = self.text[:1].isupper()
        self.alpha = self.text[:1].isalpha()


@dataclass
class Unit:
    """A clause or a sentence: the smallest piece a scene is made of."""

    start: int
    end: int
    sent: int
    para: int
    first_in_sentence: bool
    first_in_para: bool


@dataclass
class Doc:
    text: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    sent_para: list[int] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)

    def words_between(self, a: int, b: int) -> list[Word]:
        import bisect
        starts = self._starts
        i = bisect.bisect_left(starts, a)
        j = bisect.bisect_left(starts, b)
        return self.words[i:j]

    def index_at(self, offset: int) -> int:
        import bisect
        return bisect.bisect_left(self._starts, offset)

    def finish(self) -> None:
        self._starts = [w.start for w in self.words]


def tokenize(text: str, paragraphs) -> Doc:
    """Words, sentences and units of the plot paragraphs (each with its ``sentences``)."""
    doc = Doc(text)
    for pi, p in enumerate(paragraphs):
        for si, (a, b) in enumerate(p.sentences):
            n = len(doc.sentences)
            doc.sentences.append((a, b))
            doc.sent_para.append(pi)
            first = True
            for m in _TOKEN.finditer(text, a, b):
                t = m.group()
                if first and t in "\"'“‘(":
                    continue
                poss = False
                if len(t) > 2 and t[-2:] in ("'s", "’s") and t[0].isalpha():
                    t, poss = t[:-2], True
                elif t.endswith("s") and text[m.end():m.end() + 1] in ("'", "’") and t[0].isupper():
                    poss = True  # "the Bates' home"
                doc.words.append(Word(m.start(), m.start() + len(t), t, n, first, poss))
                first = False
            clauses = split_clauses(text, a, b)
            for ci, (ca, cb) in enumerate(clauses):
                doc.units.append(Unit(ca, cb, n, pi, ci == 0, ci == 0 and si == 0))
    doc.finish()
    return doc
