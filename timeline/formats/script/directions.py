"""Camera directions, shots, transitions and time phrases: script words that
are not characters nor places.

A screenplay reader sees at once that ``MARY'S POV``, ``INSERT - THE LETTER``,
``BACK TO JOHN`` or ``MOMENTS LATER`` are directions to the camera or the
editor, even where the Fountain spec reads them as character cues (an
all-capital line followed by text). :func:`direction` recognises them from the
words of a name (see :func:`~timeline.formats.script.words.loose_key`);
:func:`time_of_day` and :func:`is_time_phrase` read the time part of headings.

The vocabularies follow the usual screenplay format guides (shots, transitions,
special headings such as MONTAGE, SERIES OF SHOTS, INTERCUT, FLASHBACK, SUPER).
"""

from __future__ import annotations

__all__ = ["direction", "is_time_phrase", "time_of_day", "RELATIVE_TIME", "TIMES_OF_DAY"]


def _phrases(text: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(p.split()) for p in text.split(",") if p.strip())


#: A name starting with one of these words is a direction, whatever follows.
_FIRST = frozenset(
    """INSERT INSERTS CLOSEUP CLOSEUPS CU ECU XCU ANGLE ANGLES POV MONTAGE INTERCUT INTERCUTTING
    SUPERIMPOSE SUPERIMPOSED FLASHBACK FLASHBACKS FLASHFORWARD ESTABLISHING TRACKING DISSOLVE
    DISSOLVES CONTINUOUS ON""".split()
)
#: A name starting with one of these phrases is a direction.
_START = _phrases(
    """CLOSE ON, CLOSE UP, CLOSE SHOT, CLOSE ANGLE, CLOSER ON, CLOSER ANGLE, EXTREME CLOSE, EXTREME LONG,
    EXTREME WIDE, BACK TO, BACK ON, BACK IN, BACK AT, END FLASHBACK, END OF FLASHBACK, END MONTAGE,
    END OF MONTAGE, END INTERCUT, END DREAM, END SEQUENCE, END SERIES, SERIES OF SHOTS, SERIES OF ANGLES,
    WIDE ON, WIDE SHOT, WIDE ANGLE, WIDER ANGLE, WIDER SHOT, LONG SHOT, LONG ANGLE, TIGHT ON, TIGHT SHOT,
    TIGHT ANGLE, TIGHTER ON, MEDIUM SHOT, MEDIUM CLOSE, MEDIUM WIDE, MED SHOT, MED CLOSE, TWO SHOT,
    THREE SHOT, FULL SHOT, OVER THE SHOULDER, OVER SHOULDER, REVERSE ANGLE, REVERSE SHOT, REVERSE ON,
    HIGH ANGLE, LOW ANGLE, HIGH SHOT, LOW SHOT, AERIAL SHOT, AERIAL VIEW, MOVING SHOT, MOMENTS LATER,
    A MOMENT LATER, MOMENT LATER, MINUTES LATER, SECONDS LATER, HOURS LATER, A BIT LATER, A LITTLE LATER,
    MUCH LATER, LATER THAT, SAME TIME, TITLE CARD, TITLE OVER, TITLES OVER, MAIN TITLE, MAIN TITLES,
    OPENING TITLES, OPENING CREDITS, END TITLES, END CREDITS, CLOSING CREDITS, ROLL CREDITS, CUT TO,
    CUT BACK, SMASH CUT, MATCH CUT, JUMP CUT, HARD CUT, TIME CUT, QUICK CUT, QUICK CUTS, PUSH IN, PUSH ON,
    PULL BACK, PULL OUT, PAN TO, PAN UP, PAN DOWN, PAN ACROSS, PAN WITH, PAN OVER, TILT UP, TILT DOWN,
    ZOOM IN, ZOOM OUT, ZOOM ON, DOLLY IN, DOLLY BACK, CRANE UP, CRANE DOWN, CRANE SHOT, FREEZE FRAME,
    SLOW MOTION, SLO MO, SPLIT SCREEN, STOCK FOOTAGE, STOCK SHOT, NEWS FOOTAGE, ARCHIVE FOOTAGE,
    ON SCREEN, VARIOUS SHOTS, VARIOUS ANGLES, DREAM SEQUENCE, THE END, FADE IN, FADE OUT, FADE TO,
    FADES IN, FADES OUT, FADE UP, IRIS IN, IRIS OUT, WIPE TO, BACK TO PRESENT, BACK TO SCENE,
    PRESENT DAY, THE PRESENT, BIRDS EYE, POINT OF VIEW, P O V, SUPER OVER, SUPER TITLE, SUPER ON,
    TIME LAPSE, BEGIN MONTAGE, BEGIN FLASHBACK, START FLASHBACK, START MONTAGE, THE NEXT DAY,
    THE NEXT MORNING, NEXT DAY, NEXT MORNING, LATER ON, SAME SCENE"""
)
#: A name that is only one of these is a direction (each may also start a name).
_WHOLE = _phrases(
    """SUPER, TITLE, TITLES, CREDITS, WIDE, WIDER, WIDEN, TIGHT, TIGHTER, CLOSE, CLOSER, LATER, SAME,
    MORE, BLACK, BLACKOUT, BLACK SCREEN, DARKNESS, SILENCE, END, SHOT, SHOTS, REVERSE, FOOTAGE,
    MEANWHILE, SIMULTANEOUSLY, CONTINUED, CONTINUING, BACK, PAN, ZOOM, DOLLY, CRANE, OVERHEAD,
    FLASH, BEAT, PRESENT, FADE, CUT, TRAVELING, TRAVELLING, MOVING, PROCESS, SERIES, AERIAL"""
)
#: A name ending with one of these phrases is a direction (``MARY'S POV``).
_END = _phrases("POV, P O V, SHOT, SHOTS, ANGLE, ANGLES, CLOSEUP, CLOSEUPS, CLOSE UP, CU, ECU, INSERT, POINT OF VIEW")

_LONGEST = 4  # words in the longest phrase above


def direction(words: list[str] | tuple[str, ...]) -> bool:
    """True if a name (its words in upper case, without punctuation) is a
    camera direction, shot, transition or time phrase rather than a person.

    >>> direction("MARYS POV".split()), direction("INSERT THE LETTER".split())
    (True, True)
    >>> direction("BACK TO JOHN".split()), direction(["LATER"]), direction("YOUNG EDWARD".split())
    (True, True, False)
    >>> direction(["DAWN"]), direction("NIGHT CLERK".split())  # may be people
    (False, False)
    """
    if not words:
        return False
    if words[0] in _FIRST and (words[0] != "ON" or len(words) > 1):
        return True
    t = tuple(words)
    if t in _WHOLE:
        return True
    for k in range(1, min(_LONGEST, len(t)) + 1):
        if t[:k] in _START or t[-k:] in _END:
            return True
    return len(t) > 1 and is_time_phrase(t)


# --------------------------------------------------------------------------
# time of day
# --------------------------------------------------------------------------

from ...timeofday import TIMES_OF_DAY, TOD_PAIRS as _TOD2, TOD_WORDS as _TOD, time_words_of_day  # noqa: E402

#: Words of a time that only relates to the scene before (its time of day carries over).
RELATIVE_TIME = frozenset("LATER CONTINUOUS CONTINUED SAME SIMULTANEOUS MEANWHILE MOMENTS MOMENT".split())
#: Other words that may be part of a time phrase.
_TIME_OTHER = frozenset(
    """A AN THE TIME FEW BIT LITTLE MUCH SECOND SECONDS MINUTE MINUTES HOUR HOURS DAYS WEEK WEEKS MONTH
    MONTHS YEAR YEARS NEXT THAT THIS FOLLOWING ANOTHER EARLY LATE PRESENT PRE MID TO AND INTO BEFORE
    AFTER ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN SEVERAL SOME MAGIC GOLDEN FIRST LIGHT
    CONT CONTD ON""".split()
)


def is_time_phrase(words) -> bool:
    """True if the words (upper case, no punctuation) are a time phrase:
    ``NIGHT``, ``LATE AFTERNOON``, ``MOMENTS LATER``, ``THE NEXT MORNING``,
    ``DAY TO NIGHT``, ``TWO DAYS LATER`` ... (at most 6 words)."""
    if not words or len(words) > 6:
        return False
    core = False
    for w in words:
        if w in _TOD or w in RELATIVE_TIME:
            core = True
        elif not (w in _TIME_OTHER or w.isdigit()):
            return False
    return core or any(pair in _TOD2 for pair in zip(words, words[1:]))


def time_of_day(words) -> str | None:
    """The normalised time of day a time phrase names (its first time-of-day
    word), or None (relative times such as ``LATER`` name none).

    >>> time_of_day("LATE AFTERNOON".split()), time_of_day("DAY TO NIGHT".split())
    ('afternoon', 'day')
    >>> time_of_day("MAGIC HOUR".split()), time_of_day("MOMENTS LATER".split())
    ('dusk', None)
    """
    return time_words_of_day(words)
