"""The one error family of scene-timeline.

Every problem with a story is a :class:`StoryError`; input that cannot be read
is a :class:`StoryFormatError` that names the file, the line and the column, so
the CLI can print ``path:line:col: message`` and the app can show the message.
"""

from __future__ import annotations

__all__ = ["StoryError", "StoryFormatError"]


class StoryError(Exception):
    """Base class of every error scene-timeline raises on purpose."""


class StoryFormatError(StoryError):
    """A story source that cannot be read.

    Parameters
    ----------
    path : str
        The file (or a name such as ``<upload:story.yaml>``) the input came from.
    line, column : int
        1-based position of the problem; ``0`` when the position is unknown.
    message : str
        What is wrong, in words a user understands.
    """

    def __init__(self, path, line: int, column: int, message: str):
        self.path = str(path)
        self.line = int(line or 0)
        self.column = int(column or 0)
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"

    def __reduce__(self):  # keep picklable (multiprocessing, gunicorn workers)
        return (type(self), (self.path, self.line, self.column, self.message))
