"""Names and ids: display case, ASCII ids, keys that ignore spacing and punctuation."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["title_case", "slug", "loose_key", "word_offset", "IdMaker"]

_SMALL = frozenset("a an and at by for in of on or the to de del la le du von van da".split())


def title_case(text: str) -> str:
    """``CAROLINA'S BOOKSTORE`` -> ``Carolina's Bookstore`` (letters after
    apostrophes stay lower case, small words lower case except first).

    >>> title_case("JEAN-LOUIS OF THE U.S. NAVY")
    'Jean-Louis of the U.S. Navy'
    """
    out = []
    for i, word in enumerate(text.split()):
        low = word.lower()
        if i and low in _SMALL:
            out.append(low)
            continue
        # capitalise after start, '-', '/', '(' and '.' between letters (U.S.)
        chars = list(low)
        cap_next = True
        for j, c in enumerate(chars):
            if c.isalpha():
                if cap_next:
                    chars[j] = c.upper()
                cap_next = False
            elif c in "-/(.\"":
                cap_next = True
            elif c.isdigit():
                cap_next = False
        out.append("".join(chars))
    return " ".join(out)


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _fold(text: str) -> str:
    """Accents removed (ASCII text is returned as it is)."""
    if text.isascii():
        return text
    t = unicodedata.normalize("NFKD", text)
    if t == text and unicodedata.is_normalized("NFC", text) and not any(map(unicodedata.combining, text)):
        return text  # (nothing to fold: most non-Latin scripts)
    return "".join(c for c in t if not unicodedata.combining(c))


def slug(text: str, sep: str = "_") -> str:
    """An ASCII id from ``text`` (accents folded, punctuation dropped).

    >>> slug("Félix's Room")
    'felixs_room'
    """
    t = _fold(text).replace("'", "").replace("’", "").casefold()
    return _NOT_SLUG.sub(sep, t).strip(sep)


_NOT_WORD = re.compile(r"[\W_]+")


def loose_key(name: str) -> str:
    """The key under which two spellings are one name: case, spacing,
    punctuation and accents ignored, apostrophes dropped.

    >>> loose_key("Dr. Smith") == loose_key("DR SMITH") == loose_key('"DR.  SMITH"')
    True
    >>> loose_key("JEAN-LOUIS"), loose_key("O'BRIEN")
    ('JEAN LOUIS', 'OBRIEN')
    """
    t = _fold(name).replace("'", "").replace("’", "").upper()
    return _NOT_WORD.sub(" ", t).strip()


def word_offset(text: str, k: int) -> int | None:
    """Offset in ``text`` where its (k+1)-th word starts, words as
    :func:`loose_key` sees them (None if it has k words or fewer).

    >>> word_offset("BLOOM HOUSE - KITCHEN", 2)
    14
    """
    n = 0
    in_word = False
    for i, ch in enumerate(text):
        w = ch.isalnum() or (in_word and ch in "'’")
        if w and not in_word:
            if n == k:
                return i
            n += 1
        in_word = w
    return None


_ID_START = re.compile(r"^[A-Za-z0-9_]")


class IdMaker:
    """Unique ids from bases: ``bob``, ``bob_2``, ``bob_3`` ...

    Each base remembers the next number to try, so that making ``n`` ids
    from one base takes time linear in ``n`` (not quadratic). ``probes``
    counts the ids tried (a deterministic measure of the work).

    >>> ids = IdMaker()
    >>> [ids.make("bob") for _ in range(3)] + [ids.make("bob_2"), ids.make("9")]
    ['bob', 'bob_2', 'bob_3', 'bob_2_2', '9']
    """

    def __init__(self) -> None:
        self.used: set[str] = set()
        self._next: dict[str, int] = {}
        self.probes = 0

    def make(self, base: str) -> str:
        if not _ID_START.match(base):
            base = "_" + base
        used = self.used
        self.probes += 1
        if base not in used:
            used.add(base)
            return base
        k = self._next.get(base, 2)
        while True:
            self.probes += 1
            cid = f"{base}_{k}"
            k += 1
            if cid not in used:
                break
        self._next[base] = k
        used.add(cid)
        return cid

    def __contains__(self, cid: str) -> bool:
        return cid in self.used
