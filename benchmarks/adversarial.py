"""Worst-case inputs of issue 14: how the time to read (or refuse) grows with size.

Run ``python benchmarks/adversarial.py [--steps 5] [--quick] [--family NAME]``.
Each family builds an input at a base size and doubles it ``--steps`` times;
every input goes through :func:`timeline.formats.loads_story`, as the CLI and
the app read it. The table gives, per size, the bytes, the median time of
``--runs`` reads, how it ended (read / refused: the first words of the
message / ERROR with the exception type: a traceback a user would see) and
the ratio to the previous size. Linear growth is the target: a ratio of about
2 per doubling (about 1 for a refusal that does not read the input); 4 means
quadratic. Families whose reading exceeds ``--budget`` seconds stop growing.

The last column is the throughput target of issue 14: "~2 s per MB on this
machine" (``ok`` when time / MB is under 2 s, or under 0.5 s for inputs under
100 KB, where a stall is a bug whatever the ratio). A busy machine slows every
row alike; the ratios stay comparable. Prints a table; not a test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from _corpus import add_smoke  # noqa: E402  (benchmarks/ is on sys.path when run)

from timeline.errors import StoryError  # noqa: E402
from timeline.formats import loads_story  # noqa: E402

MB = 1024 * 1024


# ----------------------------------------------------------------- families
# Each: name -> (format, base n, make(n) -> bytes). n doubles at each step.
def _alias_bomb(levels: int) -> bytes:
    out = 'title: x\nmetadata:\n  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, levels):
        out += f"  l{i}: &l{i} [" + ",".join([f"*{'a' if i == 1 else f'l{i - 1}'}"] * 9) + "]\n"
    return out.encode()


def _heading_spaces(n: int) -> bytes:
    # issue 14: "INT. A" + 16,000 spaces (6.5 s), + 50,000 (> 120 s)
    return ("INT. A" + " " * n + "\n\nBOB\nHi.\n").encode()


def _heading_tabs(n: int) -> bytes:
    # issue 14: a heading with 20,000 tabs (11 s)
    return ("INT. A" + "\t" * n + "\n\nBOB\nHi.\n").encode()


def _fdx(paragraphs: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<FinalDraft DocumentType="Script"><Content>\n'
            + paragraphs + "\n</Content></FinalDraft>\n").encode()


def _fdx_heading_spaces(n: int) -> bytes:
    return _fdx(f'<Paragraph Type="Scene Heading"><Text>INT. A{" " * n}</Text></Paragraph>'
                '<Paragraph Type="Character"><Text>BOB</Text></Paragraph>')


def _guard_cues(n: int) -> bytes:
    # n cues "GUARD k" and one action line naming GUARD n * 8 / 3 times (issue: 3,000 / 8,000)
    cues = "".join(f"GUARD {k}\nHalt.\n\n" for k in range(n))
    return ("INT. GATE - NIGHT\n\n" + cues + " ".join(["GUARD"] * (n * 8 // 3)) + " waits.\n").encode()


def _cjk_speakers(n: int) -> bytes:
    # n distinct CJK names: every one slugs to the same id
    names = [chr(0x4E00 + (k % 20000)) + chr(0x4E00 + (k // 20000) + 1) for k in range(n)]
    return ("INT. HALL - DAY\n\n" + "".join(f"@{nm}\nHello.\n\n" for nm in names)).encode()


def _unknown_ids(n: int) -> bytes:
    chars = [{"id": f"character_{k}", "name": f"C{k}"} for k in range(n)]
    scene = {"id": "s1", "title": "All", "characters": [f"charactr_{k}x" for k in range(n)]}
    return json.dumps({"title": "x", "characters": chars, "scenes": [scene]}).encode()


def _parent_chain(n: int) -> bytes:
    lines = ["title: x", "locations:"]
    for k in range(n):
        lines.append(f"- {{id: l{k}, name: L{k}" + (f", parent: l{k - 1}}}" if k else "}"))
    return ("\n".join(lines) + "\n").encode()


def _story_dict(n: int) -> dict:
    chars = [{"id": f"c{k}", "name": f"Character {k}"} for k in range(max(2, n // 10))]
    scenes = [{"id": f"s{k}", "title": f"Scene {k}", "summary": "Something happens here, at some length. " * 3,
               "characters": [f"c{k % len(chars)}", f"c{(k * 7 + 1) % len(chars)}"] if len(chars) > 1 else ["c0"]}
              for k in range(n)]
    for sc in scenes:
        if sc["characters"][0] == sc["characters"][-1]:
            sc["characters"] = sc["characters"][:1]
    return {"title": "Big", "characters": chars, "scenes": scenes}


def _big_yaml(n: int) -> bytes:
    import yaml

    return yaml.safe_dump(_story_dict(n), sort_keys=False).encode()


def _big_json(n: int) -> bytes:
    return json.dumps(_story_dict(n), indent=1).encode()


def _deep(fmt: str):
    def make(n: int) -> bytes:
        body = "[" * n + "]" * n
        return (f"title: x\nmetadata:\n  a: {body}\n" if fmt == "yaml" else f'{{"title": "x", "metadata": {{"a": {body}}}}}').encode()
    return make


def _dual_dialogue(n: int) -> bytes:
    return _fdx("<Paragraph><DualDialogue>" * n + '<Paragraph Type="Character"><Text>BOB</Text></Paragraph>'
                + "</DualDialogue></Paragraph>" * n)


def _tanahashi_cjk(n: int) -> bytes:
    names = [chr(0x4E00 + (k % 20000)) + chr(0x4E00 + (k // 20000) + 1) for k in range(n)]
    return "\n".join(",".join(names[i:i + 5]) for i in range(0, n, 5)).encode()


def _storyflow_overlap(n: int) -> bytes:
    # n characters on screen for 3 steps each, overlapping their neighbours: 2n time steps
    # (the reader used to look at every span for every step: n**2)
    body = "".join(f'<Character Name="c{k}"><Span Start="{k}" End="{k + 3}" Session="{k % 4}"/></Character>'
                   for k in range(n))
    return f"<Story><Characters>{body}</Characters></Story>".encode()


FAMILIES: dict[str, tuple[str, int, Callable[[int], bytes]]] = {
    "yaml alias bomb (levels +1)": ("yaml", 5, _alias_bomb),
    "fountain heading + spaces": ("fountain", 2000, _heading_spaces),
    "fdx heading + spaces": ("fdx", 2000, _fdx_heading_spaces),
    "fountain heading + tabs": ("fountain", 2500, _heading_tabs),
    "GUARD cues + GUARD action": ("fountain", 375, _guard_cues),
    "CJK speakers, one slug": ("fountain", 750, _cjk_speakers),
    "unknown ids (did you mean)": ("json", 312, _unknown_ids),
    "location parent chain": ("yaml", 1250, _parent_chain),
    "big YAML story": ("yaml", 1000, _big_yaml),
    "big JSON story": ("json", 1000, _big_json),
    "YAML nesting": ("yaml", 62, _deep("yaml")),
    "JSON nesting": ("json", 62, _deep("json")),
    "FDX DualDialogue nesting": ("fdx", 62, _dual_dialogue),
    "Tanahashi CJK names": ("tanahashi", 750, _tanahashi_cjk),
    "StoryFlow overlapping spans": ("storyflow", 125, _storyflow_overlap),
}
#: families whose n is a count of levels: it grows by one per step, not doubling
LINEAR_STEP = {"yaml alias bomb (levels +1)"}


def _read(data: bytes, fmt: str) -> str:
    try:
        loads_story(data, format=fmt, path=f"adversarial.{fmt}")
    except StoryError as e:
        msg = getattr(e, "message", str(e))
        return "refused: " + " ".join(msg.split()[:6])
    except Exception as e:  # noqa: BLE001 - the point: this is the bug a user would see
        return f"ERROR {type(e).__name__}"
    return "read"


def run_family(name: str, steps: int, runs: int, budget: float) -> list[tuple]:
    fmt, n, make = FAMILIES[name]
    rows, prev = [], None
    _read(make(n), fmt)  # warm-up: imports and caches are not part of the first size's time
    for step in range(steps):
        data = make(n)
        times, outcome = [], ""
        for _ in range(runs):
            t0 = time.perf_counter()
            outcome = _read(data, fmt)
            times.append(time.perf_counter() - t0)
            if times[-1] > budget:
                break
        t = statistics.median(times)
        ratio = (t / prev) if prev else None
        per_mb = t / (len(data) / MB)
        ok = (t < 0.5) if len(data) < 100 * 1024 else (per_mb < 2.0)
        rows.append((name if step == 0 else "", n, len(data), t, ratio, outcome, "ok" if ok else "SLOW"))
        prev = t
        if t > budget:
            rows.append(("", "", "", None, None, f"(stopped: over the {budget:.0f} s budget)", ""))
            break
        n = n + 1 if name in LINEAR_STEP else n * 2
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--steps", type=int, default=5, help="sizes per family (each doubles the last)")
    ap.add_argument("--runs", type=int, default=3, help="reads per size (median)")
    ap.add_argument("--budget", type=float, default=30.0, help="stop a family after a read this slow (s)")
    ap.add_argument("--quick", action="store_true", help="3 sizes, 1 run each")
    ap.add_argument("--family", action="append", help="only this family (substring; repeatable)")
    add_smoke(ap)
    args = ap.parse_args(argv)
    if args.smoke:
        args.steps, args.runs, args.budget = 2, 1, 5.0
    if args.quick:
        args.steps, args.runs = 3, 1
    names = [n for n in FAMILIES if not args.family or any(f.lower() in n.lower() for f in args.family)]
    header = f"{'family':30} {'n':>7} {'bytes':>10} {'time s':>9} {'ratio':>6}  {'2 s/MB':6}  outcome"
    print(header)
    print("-" * len(header))
    errors = 0
    for name in names:
        for fam, n, size, t, ratio, outcome, ok in run_family(name, args.steps, args.runs, args.budget):
            errors += outcome.startswith("ERROR")
            ts = f"{t:9.4f}" if t is not None else " " * 9
            rs = f"{ratio:6.2f}" if ratio is not None else " " * 6
            print(f"{fam:30} {n!s:>7} {size!s:>10} {ts} {rs}  {ok:6}  {outcome}", flush=True)
    print(f"\n{errors} input(s) ended in a traceback (ERROR); ratio ≈ 2 per doubling is linear, ≈ 4 quadratic.")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
