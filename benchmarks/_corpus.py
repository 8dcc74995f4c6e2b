"""What every benchmark shares: where the reference corpus is, and ``--smoke``.

The corpus is found as the tests find it (``tests/conftest.py``): in
``shared/corpus`` beside the checkout, or where ``SCENE_TIMELINE_SHARED`` points.
``--smoke`` runs a benchmark in seconds on its smallest input, so that
``make bench-smoke`` (and the test suite, ``tests/test_benchmarks.py``) notices a
benchmark that no longer runs. A smoke run never needs the corpus.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SCENE_TIMELINE_SHARED") or ROOT.parent / "shared")
CORPUS = SHARED / "corpus"
DESPERADO = ROOT / "data" / "desperado.yaml"
#: the smallest real screenplay, public domain, shipped with the tests
SMALL_SCRIPT = ROOT / "tests" / "fixtures" / "fountain" / "cyber_bob_ep00001.fountain"


def add_smoke(ap) -> None:
    """Add ``--smoke`` to an argument parser."""
    ap.add_argument("--smoke", action="store_true",
                    help="run in seconds on the smallest input (make bench-smoke; the test suite runs it)")


SCREENPLAYS = CORPUS / "fountain" / "screenplays"
#: Short names of the stories the figure benchmarks time by default (the last two need the corpus).
SHORT = {"desperado": DESPERADO, "big_fish": SCREENPLAYS / "big_fish.fountain",
         "charade": SCREENPLAYS / "charade.fountain"}


def story_args(doc: str, argv=None, *, rounds: int):
    """Parse ``[STORY ...] [--rounds N] [--smoke]`` (stories: :data:`SHORT` names or
    paths, all of them by default); ``--smoke`` is Desperado, one round."""
    import argparse

    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("stories", nargs="*", default=list(SHORT))
    ap.add_argument("--rounds", type=int, default=rounds)
    add_smoke(ap)
    args = ap.parse_args(argv)
    if args.smoke:
        args.stories, args.rounds = ["desperado"], 1
    return args
