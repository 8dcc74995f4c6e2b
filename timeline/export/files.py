"""Writing outputs safely: whole or not at all, never over a user's file without asking."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import StoryError

__all__ = ["OutputExistsError", "write_bytes", "write_text"]


class OutputExistsError(StoryError):
    """The output file exists and overwriting was not asked for."""

    def __init__(self, path):
        self.path = str(path)
        super().__init__(f"{path}: already exists; use --force to overwrite")


def write_bytes(path: str | os.PathLike, data: bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically (temporary file in the same folder, then rename).

    Raises
    ------
    OutputExistsError
        If ``path`` exists and ``force`` is false.
    StoryError
        If the folder does not exist or is not writable.
    """
    path = Path(path)
    if path.exists() and not force:
        raise OutputExistsError(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise StoryError(f"{path}: folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as e:
        raise StoryError(f"{path}: cannot write: {e.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes 0600 files; give the output the mode a plain open() would
        # (keep an existing file's mode when overwriting)
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        if not force and path.exists():  # appeared meanwhile
            raise OutputExistsError(path)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: str | os.PathLike, text: str, *, force: bool = False) -> Path:
    """:func:`write_bytes` for UTF-8 text."""
    return write_bytes(path, text.encode("utf-8"), force=force)
