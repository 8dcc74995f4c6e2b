"""Shared helpers for readers: reading a bounded source, decoding bytes, positions, limits."""

from __future__ import annotations

import codecs
import logging
import os

from ..errors import StoryFormatError

__all__ = ["decode_text", "DecodingWarning", "line_col", "read_limited", "format_size", "MB"]

log = logging.getLogger(__name__)

#: One megabyte as the README and every message count it (2**20 bytes).
MB = 1024 * 1024

# byte order marks, longest first (UTF-32 LE starts with UTF-16 LE's mark)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class DecodingWarning(UserWarning):
    """Kept for callers that filter it; the cp1252 fallback is now logged, not warned."""


def format_size(n: int) -> str:
    """A byte count the way the README states limits.

    >>> format_size(64 * MB), format_size(16 * MB), format_size(1536 * 1024), format_size(900)
    ('64 MB', '16 MB', '1.5 MB', '900 bytes')
    """
    if n < 100 * 1024:
        return f"{n} bytes" if n < 1024 else f"{n / 1024:.0f} KB"
    mb = n / MB
    return f"{mb:.0f} MB" if mb >= 10 or mb == int(mb) else f"{mb:.1f} MB"


def read_limited(path: str | os.PathLike, limit: int, what: str = "file") -> bytes:
    """The bytes of ``path``, refusing more than ``limit`` bytes from any source.

    At most ``limit + 1`` bytes are read, so devices (``/dev/zero``), pipes and
    files that grow while read are refused without reading them whole.

    Raises
    ------
    StoryFormatError
        If the source is missing, a folder, unreadable or larger than ``limit``.
    """
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise StoryFormatError(path, 0, 0, "no such file") from None
    except IsADirectoryError:
        raise StoryFormatError(path, 0, 0, "is a folder, not a story file") from None
    except PermissionError:
        raise StoryFormatError(path, 0, 0, "permission denied") from None
    except OSError as e:
        raise StoryFormatError(path, 0, 0, f"cannot read: {e.strerror or e}") from None
    if len(data) > limit:
        raise StoryFormatError(path, 0, 0, f"the {what} is larger than the {format_size(limit)} limit")
    return data


def _binary(path, text_or_bytes, off):
    line, col = line_col(text_or_bytes, off)
    raise StoryFormatError(path, line, col, "this is a binary file, not text (NUL byte)")


def decode_text(data: bytes | str, path: str) -> str:
    """Decode a text source.

    UTF-8 with or without a byte order mark, UTF-16 and UTF-32 with one; other
    bytes are read as cp1252 (logged, since the text may look wrong).

    >>> decode_text("\\ufeffTitle: A".encode("utf-16-le"), "x")
    'Title: A'
    >>> decode_text(b"\\xef\\xbb\\xbfTitle: \\xc3\\xa9", "x")
    'Title: é'

    Raises
    ------
    StoryFormatError
        For binary input (NUL bytes) or bytes no encoding can read.
    """
    if isinstance(data, str):
        text = data.lstrip("\ufeff")
        if "\x00" in text:
            _binary(path, text, text.index("\x00"))
        return text
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as e:
                # position in characters: decode what came before the bad unit
                good = data[len(bom):len(bom) + e.start].decode(encoding, errors="replace")
                line, col = line_col(good, len(good))
                raise StoryFormatError(path, line, col, f"cannot decode as {encoding.upper()} "
                                       f"(the file starts with its byte order mark): {e.reason}") from None
            if "\x00" in text:
                _binary(path, text, text.index("\x00"))
            return text
    nul = data.find(b"\x00")
    if nul >= 0:
        _binary(path, data, nul)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        line, col = line_col(data, utf8_error.start)
        raise StoryFormatError(path, line, col, f"cannot decode byte 0x{data[utf8_error.start]:02x}: "
                               "not UTF-8, UTF-16 (with a byte order mark) or cp1252 text") from None
    line, col = line_col(data, utf8_error.start)
    log.warning("%s:%d:%d: not UTF-8; read as cp1252", path, line, col)
    return text


def line_col(data: bytes | str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of ``offset`` in ``data``.

    >>> line_col("ab\\ncd", 4)
    (2, 2)
    """
    nl = b"\n" if isinstance(data, bytes) else "\n"
    line = data.count(nl, 0, offset) + 1
    start = data.rfind(nl, 0, offset) + 1
    return line, offset - start + 1
