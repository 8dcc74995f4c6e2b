"""Shared helpers for readers: decoding bytes, positions."""

from __future__ import annotations

import warnings

from ..errors import StoryFormatError

__all__ = ["decode_text", "DecodingWarning", "line_col"]


class DecodingWarning(UserWarning):
    """The input was not UTF-8 and was decoded as cp1252."""


def decode_text(data: bytes, path: str) -> str:
    """Decode a text source: UTF-8 (with or without BOM), else cp1252 with a warning.

    Raises
    ------
    StoryFormatError
        For binary input (NUL bytes) or bytes no encoding can read.
    """
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    head = data[:8192]
    if b"\x00" in head:
        off = head.index(b"\x00")
        line, col = line_col(head, off)
        raise StoryFormatError(path, line, col, "this is a binary file, not text (NUL byte)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        utf8_error = e
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        line, col = line_col(data, utf8_error.start)
        raise StoryFormatError(path, line, col, f"cannot decode byte 0x{data[utf8_error.start]:02x}: not UTF-8 or cp1252 text") from None
    line, col = line_col(data, utf8_error.start)
    warnings.warn(f"{path}:{line}:{col}: not UTF-8; read as cp1252", DecodingWarning, stacklevel=3)
    return text


def line_col(data: bytes | str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of ``offset`` in ``data``."""
    nl = b"\n" if isinstance(data, bytes) else "\n"
    line = data.count(nl, 0, offset) + 1
    start = data.rfind(nl, 0, offset) + 1
    return line, offset - start + 1
