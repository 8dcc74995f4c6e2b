"""Times of day, normalised the same way for every reader and the model.

A Fountain heading says ``NIGHT``, story-curve data ``Night``, a story file
``sunset``: :func:`normalise_time_of_day` makes them one value (``night``,
``dusk``), so the strip's colours and the ``tod=`` filter see one time of day.

>>> [normalise_time_of_day(t) for t in ("NIGHT", "Night", "sunset", "Late Afternoon", "An Hour Later Afternoon")]
['night', 'night', 'dusk', 'afternoon', 'afternoon']
>>> normalise_time_of_day("CONTINUOUS"), normalise_time_of_day("Moments later"), normalise_time_of_day(" ")
('continuous', 'later', None)
>>> normalise_time_of_day("Christmas  Eve"), normalise_time_of_day("1985")
('evening', '1985')
"""

from __future__ import annotations

import re

__all__ = ["TIMES_OF_DAY", "RELATIVE_TIMES", "normalise_time_of_day", "time_words_of_day", "TOD_WORDS", "TOD_PAIRS"]

#: The normalised times of day, in the order of a day.
TIMES_OF_DAY = ("dawn", "morning", "day", "afternoon", "evening", "dusk", "night")
#: Normalised relative times (the time of the scene before): what a heading without a time of day says.
RELATIVE_TIMES = ("continuous", "later")

#: Words that name a time of day -> the normalised value.
TOD_WORDS = {
    "DAWN": "dawn", "SUNRISE": "dawn", "PREDAWN": "dawn", "DAYBREAK": "dawn",
    "MORNING": "morning", "MORN": "morning",
    "DAY": "day", "DAYTIME": "day", "NOON": "day", "MIDDAY": "day", "DAYLIGHT": "day",
    "AFTERNOON": "afternoon",
    "EVENING": "evening", "EVE": "evening",
    "DUSK": "dusk", "SUNSET": "dusk", "SUNDOWN": "dusk", "TWILIGHT": "dusk", "NIGHTFALL": "dusk",
    "NIGHT": "night", "MIDNIGHT": "night", "NITE": "night", "NIGHTTIME": "night",
}
#: Two-word times of day.
TOD_PAIRS = {("MAGIC", "HOUR"): "dusk", ("GOLDEN", "HOUR"): "dusk", ("PRE", "DAWN"): "dawn",
             ("MID", "DAY"): "day", ("FIRST", "LIGHT"): "dawn"}
_CONTINUOUS = frozenset("CONTINUOUS CONTINUED CONT CONTD SAME SIMULTANEOUS MEANWHILE".split())
_LATER = frozenset("LATER MOMENTS MOMENT".split())
_WORD = re.compile(r"[A-Za-z0-9]+")


def time_words_of_day(words) -> str | None:
    """The normalised time of day of a time phrase's words (upper case), by its first
    time-of-day word, or None (``DAY TO NIGHT`` is ``day``; ``PRE-DAY`` is ``dawn``)."""
    words = list(words)
    for i, w in enumerate(words):
        if i + 1 < len(words) and (w, words[i + 1]) in TOD_PAIRS:
            return TOD_PAIRS[(w, words[i + 1])]
        if w in TOD_WORDS:
            if w == "DAY" and i > 0 and words[i - 1] in ("PRE",):
                return "dawn"
            return TOD_WORDS[w]
    return None


def normalise_time_of_day(text) -> str | None:
    """One of :data:`TIMES_OF_DAY` for any spelling of a time of day; ``continuous`` or
    ``later`` for a relative time; other text lower case with its spaces collapsed;
    None for nothing."""
    if text is None:
        return None
    text = str(text).strip()
    if not text:
        return None
    folded = " ".join(text.split()).casefold()
    if folded in TIMES_OF_DAY or folded in RELATIVE_TIMES:
        return folded
    words = [w.upper() for w in _WORD.findall(text.replace("'", ""))]
    found = time_words_of_day(words)
    if found:
        return found
    if any(w in _CONTINUOUS for w in words):
        return "continuous"
    if any(w in _LATER for w in words):
        return "later"
    return folded
