"""What the other modules of the drafter share: characters, mentions and places
as the drafter sees them before they become a :class:`timeline.model.Story`."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["Person", "Mention", "Place", "Draft", "slug"]


@dataclass
class Person:
    key: str
    name: str
    first: int                       # offset of the first mention
    named: bool = True               # a proper name (False: "the bartender")
    kind: str = "person"             # or "group"
    gender: str | None = None        # "m", "f" or None
    aliases: list[str] = field(default_factory=list)
    actor: str | None = None
    owner: str | None = None         # "Bucho's men": Bucho's key
    head: str = ""                   # role noun of an unnamed character
    description: str | None = None   # the job written before the name ("harbour master")
    mentions: int = 0

    def add_alias(self, alias: str) -> None:
        alias = alias.strip()
        if alias and alias.casefold() != self.name.casefold() and alias.casefold() not in {a.casefold() for a in self.aliases}:
            self.aliases.append(alias)


@dataclass
class Mention:
    start: int
    end: int
    keys: tuple[str, ...]            # several for "they" (the couple)
    sent: int
    how: str                         # "name", "role" or "pronoun"
    poss: bool = False               # "Bucho's limo"
    subject: bool = False            # the first mention of its clause
    talk: bool = False               # only talked about there ("they bury him" after his death)


@dataclass
class Place:
    key: str
    name: str
    first: int
    parent: str | None = None
    proper: bool = False
    aliases: list[str] = field(default_factory=list)


@dataclass
class Draft:
    """Everything drafted so far (filled in by the modules in turn)."""

    people: dict[str, Person] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)
    place_mentions: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, key)
    notes: list[dict] = field(default_factory=list)
    actors: dict[str, str] = field(default_factory=dict)   # actor -> person key
    actor_spans: list[tuple[int, int]] = field(default_factory=list)  # "(Salma Hayek)" spans
    actor_roles: dict[str, str] = field(default_factory=dict)  # actor -> role named outside the plot
    kin: list[dict] = field(default_factory=list)           # "his son Commodus": a role word naming a person
    role_mentions: list[tuple] = field(default_factory=list)  # (mention, det, owner, head) of "his wife", "Vito's son"
    italic_spans: list[tuple[int, int]] = field(default_factory=list)  # "*Don Giovanni*": a work's title
    relations: list[tuple] = field(default_factory=list)   # (offset, "brother_of", person, relative) told by the text

    def note(self, kind: str, subject: str, text: str, offset: int | None, message: str, targets=(), count=1):
        self.notes.append({"kind": kind, "subject": subject, "text": text, "offset": offset,
                           "message": message, "targets": tuple(targets), "count": count})


def slug(text: str, taken) -> str:
    """An id from a name, unique among ``taken``."""
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"^(?:the|a|an)\s+", "", s)
    s = re.sub(r"[^a-z0-9]+", "_", s).strip("_")[:40] or "x"
    out, n = s, 2
    while out in taken:
        out, n = f"{s}_{n}", n + 1
    return out
