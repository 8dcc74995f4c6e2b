"""Places: from the place parts of scene headings to nested locations.

``INT. BLOOM HOUSE - KITCHEN - DAY`` is the kitchen inside Bloom House: each
dash part nests in the one before (ids ``bloom_house`` and
``bloom_house.kitchen``). Reading like a script reader (``clean=True``):

* **One place, several spellings.** Places written alike up to case, spacing,
  punctuation, accents, a leading article or ``AT``/``BACK AT`` (``THE
  SORORITY HOUSE``, ``BIG-TOP``, ``AT THE VAULT``) are one location, named as
  first written.
* **Sub-places.** A place whose name starts with the name of another place of
  the script is inside it (``BLOOM HOUSE KITCHEN`` is ``Kitchen`` in ``Bloom
  House``; ``HOSPITAL ROOM`` is ``Room`` in ``Hospital``), unless the rest
  starts with a small word or a number (``MAIN STREET OF ASHTON``, ``FIELD BY
  DIRT ROAD``, ``ROOM 12`` stay whole). When three or more places share a first name of two words or
  more that is never a place alone, that name becomes their (inferred) parent.

Every merge and nesting is returned so that the story can record it.
"""

from __future__ import annotations

from .words import loose_key, slug, title_case, word_offset

__all__ = ["PlaceTree", "place_key"]

#: A sub-place's own name never starts with these words.
_SMALL_START = frozenset("OF AT IN ON BY THE A AN AND TO FOR FROM NEAR WITH OUTSIDE INSIDE BEHIND UNDER OVER".split())
_LEAD = ("BACK AT ", "BACK IN ", "BACK INSIDE ", "AT ", "THE ", "A ", "AN ")
#: Longest parent name looked for at the start of a place (words).
_MAX_PREFIX = 8
#: Places sharing a first name that is never a place alone: how many make it a parent.
_INFER_MIN = 3


def place_key(text: str) -> str:
    """The key under which two spellings of a place are the same place.

    >>> place_key("The Sorority House") == place_key("SORORITY HOUSE")
    True
    >>> place_key("BACK AT THE GATE"), place_key("BIG-TOP"), place_key("A.P. NEWSROOM")
    ('GATE', 'BIG TOP', 'A P NEWSROOM')
    """
    k = loose_key(text)
    up = " ".join(text.upper().split())
    changed = True
    while changed:
        changed = False
        for lead in _LEAD:
            if up.startswith(lead) and k.startswith(lead) and len(k) > len(lead):
                k, up = k[len(lead):], up[len(lead):]
                changed = True
    return k


class PlaceTree:
    """The locations of a script, built from the place parts of its headings.

    Parameters
    ----------
    headings : list of list of str
        The place parts of every heading (outermost first), in script order.
    clean : bool
        Merge spellings and nest sub-places (the module docstring); False
        makes one location per distinct dash-separated path (ids from
        :func:`~timeline.formats.script.words.slug`).
    """

    def __init__(self, headings: list[list[str]], *, clean: bool = True):
        self.clean = clean
        self.locations: dict[str, dict] = {}  # id -> data, in order of first use
        #: (kind, text as written, location id, message) of every merge and nesting
        self.changes: list[tuple[str, str, str, str]] = []
        self._split: dict[str, list[str]] = {}  # first place part (key) -> [parent key, rest as written]
        self._first_spelling: dict[str, str] = {}  # path id -> spelling that named it
        self._noted: set[tuple[str, str]] = set()
        self._done: dict[tuple[str, ...], str | None] = {}  # place parts -> location id
        if clean:
            self._find_parents([h[0] for h in headings if h])

    def _find_parents(self, firsts: list[str]) -> None:
        keys = {place_key(p): p for p in reversed(firsts)}  # key -> first spelling
        tops = set(keys)
        shared: dict[str, set[str]] = {}
        for k in keys:
            words = k.split()
            best = None
            for n in range(1, min(len(words), _MAX_PREFIX + 1)):
                if words[n] in _SMALL_START or all(w.isdigit() for w in words[n:n + 2]):
                    continue  # ("MAIN STREET OF ASHTON", "ROOM 12": no sub-place)
                head = " ".join(words[:n])
                if head in tops:
                    best = n
                elif n >= 2:
                    shared.setdefault(head, set()).add(k)
            if best is not None:
                self._split[k] = [" ".join(words[:best]), keys[k], best]
        for head, ks in shared.items():
            if len(ks) < _INFER_MIN:
                continue
            for k in ks:
                n = len(head.split())
                cur = self._split.get(k)
                if cur is None or cur[2] < n:
                    self._split[k] = [head, keys[k], n, True]

    def location_for(self, places: list[str]) -> str | None:
        """The id of the location for a heading's place parts (made on first use)."""
        if not places:
            return None
        key = tuple(places)
        lid = self._done.get(key)
        if lid is None:
            lid = self._done[key] = self._location_for(places)
        return lid

    def _location_for(self, places: list[str]) -> str | None:
        parts = list(places)
        inferred_parent = None
        if self.clean:
            first = place_key(parts[0])
            split = self._split.get(first)
            if split is not None:
                head, spelling, n = split[0], split[1], split[2]
                cut = word_offset(parts[0], n + _lead_words(parts[0]))
                if cut is not None:
                    rest = parts[0][cut:].strip(" .,:;-/")
                    parent_text = parts[0][:cut].strip(" .,:;-/")
                    if len(split) > 3:
                        inferred_parent = head
                    parts[0:1] = [parent_text, rest]
                    self._note("nested", places[0], f"place {places[0]!r} is {title_case(rest)!r} in "
                                                    f"{title_case(parent_text)!r}", parts)
        parent = None
        lid = None
        for depth, place in enumerate(parts):
            norm = slug(place_key(place) if self.clean else place)
            if not norm:
                continue
            lid = f"{parent}.{norm}" if parent else norm
            if lid not in self.locations:
                self.locations[lid] = {"id": lid, "name": title_case(_without_lead(place) if self.clean else place)}
                if parent:
                    self.locations[lid]["parent"] = parent
                if depth == 0 and inferred_parent is not None:
                    self.locations[lid]["inferred"] = True
                self._first_spelling[lid] = place
            elif self.clean:
                first = self._first_spelling[lid]
                if loose_key(first) != loose_key(place) and (lid, place.upper()) not in self._noted:
                    self._noted.add((lid, place.upper()))
                    self.changes.append(("merged", place, lid, f"place {place!r} is {self.locations[lid]['name']!r}"))
            parent = lid
        return lid

    def _note(self, kind: str, text: str, message: str, parts: list[str]) -> None:
        key = (kind, text.upper())
        if key in self._noted:
            return
        self._noted.add(key)
        parent = slug(place_key(parts[0]))
        lid = f"{parent}.{slug(place_key(parts[1]))}" if len(parts) > 1 and slug(place_key(parts[1])) else parent
        self.changes.append((kind, text, lid, message))


def _without_lead(text: str) -> str:
    """``text`` without the words :func:`place_key` drops from its start."""
    n = _lead_words(text)
    cut = word_offset(text, n) if n else 0
    return text[cut:] if cut else text


def _lead_words(text: str) -> int:
    """Words of ``text`` that :func:`place_key` drops from its start."""
    return len(loose_key(text).split()) - len(place_key(text).split())
