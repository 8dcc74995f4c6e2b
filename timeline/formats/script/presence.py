"""Silent presence: known names written in a scene's action."""

from __future__ import annotations

import re

__all__ = ["NameMatcher", "COMMON", "MAX_NAME_WORDS"]

_WORD = re.compile(r"[^\W_]+")
#: ``bytes.translate`` table that keeps ASCII letters and digits (the
#: characters of _WORD's words in ASCII text) and makes every other byte a space.
_ASCII_NON_WORD = bytes(c if bytes([c]).isalnum() else 32 for c in range(256))
#: Names that are also common words: they count in action text only in capitals.
COMMON = frozenset(
    """ALL BOTH EVERYONE EVERYBODY SOMEONE SOMEBODY NOBODY ANYONE VOICE VOICES MAN WOMAN MEN WOMEN
    BOY GIRL KID KIDS CHILD GUARD GUARDS DOG CAT OFFICER DOCTOR NURSE DRIVER WAITER WAITRESS
    CROWD GROUP OTHERS OTHER ONE TWO THREE HE SHE THEY WE YOU I IT THE A AN AND OR BUT SO
    WILL MAY JUNE APRIL AUGUST GRACE HOPE JOY FAITH MARK BILL ROSE ART PAT SUNNY NEWS TV RADIO
    MOM DAD MOTHER FATHER SON DAUGHTER BROTHER SISTER WIFE HUSBAND BABY BOSS COP COPS
    NARRATOR ANNOUNCER VOICE OVER PILOT CAPTAIN SOLDIER SOLDIERS STUDENT STUDENTS TEACHER
    CLERK PRIEST JUDGE KING QUEEN PRINCE PRINCESS LADY GENTLEMAN SIR MISTER MISS MRS MR""".split()
)
#: Names of more words than this are not looked for in action (no real name
#: is that long; it bounds the work per word of action).
MAX_NAME_WORDS = 12


class NameMatcher:
    """Finds known names in action text (whole words, not lower case).

    The text is read as words (runs of letters and digits); a name matches
    where its words follow one another, compared in upper case. At each word
    the longest matching name wins; a name made of common words or short
    (see :data:`COMMON`) must be written in capitals there, any other name
    must not start a word in lower case.

    The names are held in a trie of words, so that the work per word of text
    is bounded by the words of the longest name (:data:`MAX_NAME_WORDS`),
    whatever the number of names: ``steps`` counts the trie steps taken.

    >>> m = NameMatcher({"REGGIE": "reggie", "PETER JOSHUA": "pj", "MAN": "man"})
    >>> m.find("Reggie sees Peter Joshua; a man, the MAN.")
    ['reggie', 'pj', 'man']
    """

    def __init__(self, names: dict[str, str]):
        # a node is [children: dict word -> node, end: (char id, caps only) or None]
        self.root: dict[str, list] = {}
        for key, cid in names.items():
            toks = _WORD.findall(key)
            if not toks or len(toks) > MAX_NAME_WORDS:
                continue
            caps_only = (len(toks) == 1 and (len(toks[0]) < 3 or toks[0] in COMMON)) or all(t in COMMON for t in toks)
            children = self.root
            node = None
            for t in toks:
                node = children.get(t)
                if node is None:
                    node = children[t] = [{}, None]
                children = node[0]
            if node[1] is None:  # (the first of two names written alike wins)
                node[1] = (cid, caps_only)
        self.first_words = frozenset(self.root)
        self.steps = 0

    def find(self, text: str) -> list[str]:
        """Ids of the names in ``text``, in order (once per occurrence)."""
        root = self.root
        if not root or not text:
            return []
        if text.isascii():
            # the same words, made by C string methods many times faster than
            # by a regular expression: every non-word character becomes a space
            spaced = text.encode("ascii").translate(_ASCII_NON_WORD).decode("ascii")
            ups = spaced.upper().split()
            if self.first_words.isdisjoint(ups):
                return []
            words = spaced.split()
        else:
            words = _WORD.findall(text)
            ups = [w.upper() for w in words]
        found: list[str] = []
        n = len(ups)
        steps = 0
        # (a name's words never start in lower case: "a" cannot start "A MAN")
        for i in [i for i, u in enumerate(ups) if u in root and not words[i][:1].islower()]:
            node = root[ups[i]]
            steps += 1
            if not node[0]:  # a one-word name only (most names): no walk
                cid, caps_only = node[1]
                if (_in_capitals if caps_only else _not_lower_initial)(words[i]):
                    found.append(cid)
                continue
            ends = [(1, node[1])] if node[1] is not None else []
            j = i + 1
            while j < n and node[0]:
                node = node[0].get(ups[j])
                steps += 1
                if node is None:
                    break
                j += 1
                if node[1] is not None:
                    ends.append((j - i, node[1]))
            for k, (cid, caps_only) in reversed(ends):
                if all(map(_in_capitals if caps_only else _not_lower_initial, words[i:i + k])):
                    found.append(cid)
                    break
        self.steps += steps
        return found


def _in_capitals(word: str) -> bool:
    """A word of a name that must be written in capitals is (or has no letter)."""
    return word.isupper() or not any(c.isalpha() for c in word)


def _not_lower_initial(word: str) -> bool:
    """A word of any other name does not start in lower case."""
    return not word[:1].islower()
