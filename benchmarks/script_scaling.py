"""Script readers' worst cases as the input doubles (issue 14).

Run ``python benchmarks/script_scaling.py [--runs 3] [--doublings 3]``. For
each family of hostile screenplay input (the stalls of issue 14's table) the
input is read through ``read_fountain`` / ``read_fdx`` at a base size and at
each doubling; the table shows the median time, the ratio to the size before
(linear growth: about 2 per doubling, quadratic: 4) and the time per MB
(target: well under 1 s per MB). Prints a table; not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.errors import StoryFormatError  # noqa: E402
from timeline.formats.fdx import read_fdx  # noqa: E402
from timeline.formats.fountain import read_fountain  # noqa: E402


def heading_spaces(n: int) -> bytes:
    """A Fountain heading ``INT. A`` followed by ``16,000 n`` spaces."""
    return b"INT. A" + b" " * (16_000 * n) + b"\n\nBOB\nHi.\n"


def heading_tabs(n: int) -> bytes:
    """A Fountain heading with ``20,000 n`` tabs before its time."""
    return b"INT. A" + b"\t" * (20_000 * n) + b"- DAY\n\nBOB\nHi.\n"


def fdx_heading_spaces(n: int) -> bytes:
    """An FDX scene heading ``INT. A`` followed by ``16,000 n`` spaces."""
    return (b'<?xml version="1.0"?><FinalDraft><Content><Paragraph Type="Scene Heading"><Text>INT. A'
            + b" " * (16_000 * n) + b"</Text></Paragraph></Content></FinalDraft>")


def guards(n: int) -> bytes:
    """``3,000 n`` cues ``GUARD i`` and one action line of ``8,000 n`` words GUARD."""
    cues = "".join(f"GUARD {i}\nHalt.\n\n" for i in range(3000 * n))
    return ("INT. GATE - DAY\n\n" + cues + " ".join(["GUARD"] * (8000 * n)) + "\n").encode()


def cjk_speakers(n: int) -> bytes:
    """``6,000 n`` CJK speaker names that all slug to the same (empty) id."""
    m = 6000 * n
    return ("INT. A - DAY\n\n" + "".join(f"王{chr(0x4E00 + i % 20000)}{chr(0x4E00 + i // 20000)}\nHi.\n\n"
                                        for i in range(m))).encode()


FAMILIES: list[tuple[str, Callable[[int], bytes], Callable]] = [
    ("Fountain heading + 16,000 n spaces", heading_spaces, read_fountain),
    ("Fountain heading + 20,000 n tabs", heading_tabs, read_fountain),
    ("FDX heading + 16,000 n spaces", fdx_heading_spaces, read_fdx),
    ("3,000 n cues GUARD i + 8,000 n GUARD", guards, read_fountain),
    ("6,000 n CJK speakers, one slug", cjk_speakers, read_fountain),
]


def _median_ms(read, data: bytes, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        try:
            read(data, "x")
        except StoryFormatError:
            pass  # a refusal is an answer too
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--doublings", type=int, default=3)
    args = ap.parse_args(argv)
    print(f"median of {args.runs} runs; ratio = time / time at half the size (linear: ~2, quadratic: ~4)")
    print(f"{'family':40} {'n':>3} {'KB':>8} {'ms':>9} {'ratio':>6} {'s/MB':>6}")
    print("-" * 77)
    for name, make, read in FAMILIES:
        prev = None
        for d in range(args.doublings + 1):
            n = 2 ** d
            data = make(n)
            ms = _median_ms(read, data, args.runs)
            ratio = f"{ms / prev:6.2f}" if prev else "      "
            print(f"{name:40} {n:>3} {len(data) / 1e3:8.0f} {ms:9.1f} {ratio} {ms / 1e3 / (len(data) / 1e6):6.2f}")
            prev = ms
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
