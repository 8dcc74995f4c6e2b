"""The input text: decoding, size limits, positions (line and column), and the
screenplay check (the drafter reads prose; a screenplay goes to a script reader)."""

from __future__ import annotations

import bisect
import re

from ..errors import StoryFormatError

__all__ = ["Source", "MAX_WORDS", "decode", "screenplay_line", "unmark"]

#: The longest text the drafter reads, in words. A plot summary has a few thousand;
#: a whole novel is refused with this number named rather than drafted slowly.
MAX_WORDS = 100_000

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_HEADING = re.compile(r"^[ \t]*(?:\d+[A-Z]?[ \t.]+)?(?:INT|EXT|INT\.?/EXT|EXT\.?/INT|I/E)[ \t.]", re.M)
_CUE = re.compile(r"^[ \t]*([A-Z][A-Z0-9 .'’\-]{1,30}?)(?:[ \t]*\((?:V\.O\.|O\.S\.|O\.C\.|CONT'D|CONT’D)\))?[ \t]*\r?\n[ \t]*\S", re.M)


def decode(data: bytes | str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), else Windows-1252, never failing."""
    if isinstance(data, str):
        return data
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


class Source:
    """The text drafted, with its path, and offsets turned into (line, column)."""

    def __init__(self, text: str, path: str):
        self.text = text
        self.path = path
        self._starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1

    def error(self, offset: int | None, message: str) -> StoryFormatError:
        line, col = self.position(offset) if offset is not None else (0, 0)
        return StoryFormatError(self.path, line, col, message)

    def check(self) -> None:
        """Refuse what cannot be drafted: nothing to read, too long, a screenplay."""
        text = self.text
        if not text.strip():
            raise self.error(None, "the text is empty; paste or give a plot summary (prose) to draft")
        words = 0
        for _ in _WORD.finditer(text):
            words += 1
            if words > MAX_WORDS:
                raise self.error(None, f"the text has more than {MAX_WORDS:,} words, the most the drafter reads; "
                                       "draft the plot summary alone")
        if words < 3:
            raise self.error(None, "the text has no sentences to draft (it holds no words)")
        at = screenplay_line(text)
        if at is not None:
            raise self.error(at, "this looks like a screenplay, not prose; read it as a screenplay "
                                 "(format='text-script' or .fountain)")


def screenplay_line(text: str) -> int | None:
    """The offset of the first scene heading if ``text`` looks like a screenplay, else None.

    A screenplay has scene headings (``INT. HOUSE - DAY``) and upper-case cue lines
    followed by dialogue; prose has neither."""
    head = text[:400_000]
    headings = [m.start() for m in _HEADING.finditer(head)]
    cues = [m.start() for m in _CUE.finditer(head) if len(m.group(1).split()) <= 4]
    lines = max(1, head.count("\n"))
    if len(headings) >= 2 or (headings and len(cues) >= 2) or (len(cues) >= 5 and len(cues) * 12 >= lines):
        starts = headings or cues
        return min(starts)
    return None


_MD_HEADING = re.compile(r"^[ \t]*#{1,6}(?=[ \t])", re.M)
_MD_STRONG = re.compile(r"\*\*|__")
_MD_ITALIC = re.compile(r"(?<![\w*])([*_])(?=[^\s*_])([^*_\n]{1,200}?)(?<=[^\s*_])\1(?![\w*])")


def unmark(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with Markdown emphasis and heading marks blanked out (same length, so every offset
    still points into the text as written), and the spans written in italics ("*Don Giovanni*": the
    title of a work more often than a person). List bullets ("* item") are kept."""
    if "*" not in text and "_" not in text and "#" not in text:
        return text, []
    chars = list(text)
    for m in _MD_HEADING.finditer(text):
        for k in range(m.start(), m.end()):
            chars[k] = " "
    for m in _MD_STRONG.finditer(text):
        chars[m.start()] = chars[m.start() + 1] = " "
    masked = "".join(chars)
    italics = []
    for m in _MD_ITALIC.finditer(masked):
        chars[m.start()] = chars[m.end() - 1] = " "
        italics.append((m.start(2), m.end(2)))
    return "".join(chars), italics
