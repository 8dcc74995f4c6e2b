"""Load on the app: N simulated people changing the filter, against ``serve --workers W``.

Starts ``scene-timeline serve --workers W`` on 127.0.0.1 (a free port, its own
process group, stopped at the end), then runs N clients in threads for a bounded
time. Each client does what the page does on a filter change, every ``--interval``
seconds (a random phase per client): POST the storyline callback
(``/_dash-update-component``) with the new canonical query string, then, as its answer
arrives, the callback of the other views (strip, network, table), each with the frame
keys of the charts it shows (kept from its previous answers, as the page keeps them).
A change's time is the two requests, one after the other. Queries are drawn
from the story's own characters: one or two names, highlight or hide, sometimes a
scene range or chronological order.

``--uploads K`` first uploads K distinct generated Fountain scripts of ``--upload-mb``
MB each (through the upload callback, as the page does) and draws each one, then
reports the workers' memory: the caches and the upload store are bounded by bytes.

Prints requests/s, p50/p95/max latency per change, errors, and each worker's
resident memory before and after. Loopback only; at most 200 clients and 600 s.
It is not a test.

Usage: .venv/bin/python benchmarks/load.py [--clients 50] [--interval 5] [--duration 60]
                                           [--workers 2] [--story PATH] [--uploads 10 --upload-mb 4]
"""

from __future__ import annotations

import argparse
import base64
import gzip
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from _corpus import DESPERADO, add_smoke  # noqa: E402

from layouts import ids  # noqa: E402  (the callbacks are found by the app's own ids)

HOST = "127.0.0.1"  # loopback only
MAX_CLIENTS = 200
MAX_SECONDS = 600


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


#: Bytes received (as sent, compressed or not), summed over every request of the load.
RECEIVED: list[int] = []


def _request(url: str, payload: dict | None = None, timeout: float = 60):
    """GET or POST (JSON) as a browser does, asking for a gzip answer (the server compresses
    what it sends; the compressing is part of what the load measures)."""
    data = None if payload is None else json.dumps(payload).encode()
    req = urllib.request.Request(url, data=data, method="GET" if data is None else "POST",
                                 headers={"Content-Type": "application/json", "Accept-Encoding": "gzip"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        body = r.read()
        RECEIVED.append(len(body))
        if r.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
    return json.loads(body) if body and payload is not None else body


def _outputs(output: str) -> list[dict]:
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    return [dict(zip(("id", "property"), p.rsplit(".", 1))) for p in parts]


class Dep:
    """One callback as the page calls it."""

    def __init__(self, dep: dict):
        self.dep = dep
        self.outputs = _outputs(dep["output"])

    def payload(self, inputs: dict, state: dict, changed: str) -> dict:
        return {
            "output": self.dep["output"], "outputs": self.outputs,
            "inputs": [{"id": i["id"], "property": i["property"], "value": inputs.get(f"{i['id']}.{i['property']}")}
                       for i in self.dep["inputs"]],
            "state": [{"id": s["id"], "property": s["property"], "value": state.get(f"{s['id']}.{s['property']}")}
                      for s in self.dep["state"]],
            "changedPropIds": [changed],
        }


def _find(deps: list[dict], input_id: str, output_has: str) -> Dep:
    for d in deps:
        if any(i["id"] == input_id for i in d["inputs"]) and output_has in d["output"]:
            return Dep(d)
    raise SystemExit(f"no callback takes {input_id} and writes {output_has}")


def queries_for(story, rnd: random.Random) -> str:
    """A filter change a person might make: one or two characters, fade or hide, sometimes a range."""
    from urllib.parse import urlencode

    ids = [c.id for c in story.characters if any(c.id in s.characters for s in story.scenes)][:20]
    q = [("c", c) for c in rnd.sample(ids, k=min(len(ids), rnd.choice((1, 1, 2))))]
    if rnd.random() < 0.3:
        q.append(("emphasis", "only"))
    if rnd.random() < 0.1:
        q.append(("order", "story"))
    if rnd.random() < 0.15 and len(story.scenes) > 4:
        lo = rnd.randrange(len(story.scenes) // 2)
        q.append(("scenes", f"{lo}-{lo + len(story.scenes) // 3}"))
    return "?" + urlencode(q)


def synthetic_fountain(mb: float, seed: int) -> bytes:
    """A made-up screenplay of about ``mb`` MB (300 scenes, 60 speakers, long speeches)."""
    rnd = random.Random(seed)
    words = ("the night door window rain gun money letter river road car town house light voice "
             "quiet smile run wait look away again never always tomorrow").split()
    names = [f"PERSON {seed}X{i}" for i in range(60)]
    places = [f"PLACE {i}" for i in range(25)]
    out, size, target, n = [f"Title: Load test {seed}\n\n"], 0, int(mb * 1024 * 1024), 0
    per_scene = target // 300
    while size < target:
        n += 1
        head = f"{rnd.choice(('INT.', 'EXT.'))} {rnd.choice(places)} - {rnd.choice(('DAY', 'NIGHT'))}\n\n"
        out.append(head)
        size += len(head)
        cast = rnd.sample(names, 4)
        written = 0
        while written < per_scene:
            line = f"{rnd.choice(cast)}\n{' '.join(rnd.choice(words) for _ in range(40)).capitalize()}.\n\n"
            out.append(line)
            written += len(line)
        size += written
    return "".join(out).encode()


def _rss(pid: int) -> float:
    import psutil

    try:
        return psutil.Process(pid).memory_info().rss / 1e6
    except psutil.NoSuchProcess:
        return float("nan")


def _cpu(pids: list[int]) -> float:
    """CPU seconds (user + system) the processes have used so far."""
    import psutil

    total = 0.0
    for pid in pids:
        try:
            t = psutil.Process(pid).cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def _workers(master: int) -> list[int]:
    import psutil

    try:
        return [p.pid for p in psutil.Process(master).children(recursive=False)]
    except psutil.NoSuchProcess:
        return []


def start_server(story: Path, workers: int, port: int, log_path: Path) -> subprocess.Popen:
    log = log_path.open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "timeline.cli", "serve", str(story), "--workers", str(workers), "--host", HOST,
         "--port", str(port)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 120
    while True:
        if proc.poll() is not None:
            raise SystemExit("the server exited:\n" + log_path.read_text()[-2000:])
        try:
            _request(f"http://{HOST}:{port}/", timeout=5)
            return proc
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                stop_server(proc)
                raise SystemExit("the server did not answer within 120 s")
            time.sleep(0.5)


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def _graph_keys(dep: Dep) -> list[str]:
    """The frame-key stores a callback writes."""
    return [o["id"] for o in dep.outputs if o["id"] in ids.DRAWN.values()]


def _prop(component: str, prop: str = "data") -> str:
    return f"{component}.{prop}"


#: A filter change, as the page makes it: the views' state (the storyline draws), then,
#: once the storyline's frame key is stored, the other views. Each is
#: (input id, an output the callback writes), looked up in the app's dependencies.
CHAIN = ((ids.VIEWS_FOR, _prop(ids.STORYLINE_GRAPH, "figure")),
         (ids.DRAWN["storyline"], _prop(ids.STRIP_GRAPH, "figure")))


def client(n: int, base: str, chain: list[tuple[Dep, str]], story, stop_at: float, interval: float,
           results: list, errors: list, counts: list):
    """One person: a filter change every ``interval`` s; ``chain``: the callbacks a change
    runs, one after the other, each with the input that fires it."""
    rnd = random.Random(1000 + n)
    drawn: dict[str, str] = {}
    time.sleep(rnd.uniform(0, interval))
    while time.monotonic() < stop_at:
        t_next = time.monotonic() + interval
        query = queries_for(story, rnd)
        t0 = time.perf_counter()
        try:
            for dep, trigger in chain:
                state = {_prop(k): v for k, v in drawn.items()}
                state[_prop(ids.STATE)] = query
                value = query if trigger == _prop(ids.VIEWS_FOR) else drawn.get(trigger.rsplit(".", 1)[0], "")
                res = _request(base + "/_dash-update-component", dep.payload({trigger: value}, state, trigger),
                               timeout=60)["response"]
                counts.append(1)
                for key in _graph_keys(dep):
                    if key in res:
                        drawn[key] = res[key]["data"]
            results.append(time.perf_counter() - t0)
        except Exception as e:  # noqa: BLE001  (an error is a result)
            errors.append(f"{type(e).__name__}: {e}")
        time.sleep(max(0.0, t_next - time.monotonic()))


def upload_many(base: str, deps: list[dict], k: int, mb: float, master: int) -> list[tuple[int, dict]]:
    """Upload k distinct scripts and draw each; returns the worker memory after each."""
    up = _find(deps, ids.UPLOAD, ids.UPLOAD_STORE)
    views, rest = (_find(deps, i, o) for i, o in CHAIN)
    marks = []
    for i in range(k):
        raw = synthetic_fountain(mb, seed=i)
        contents = "data:text/plain;base64," + base64.b64encode(raw).decode()
        t0 = time.perf_counter()
        res = _request(base + "/_dash-update-component",
                       up.payload({_prop(ids.UPLOAD, "contents"): contents},
                                  {_prop(ids.UPLOAD, "filename"): f"load{i}.fountain"},
                                  _prop(ids.UPLOAD, "contents")), timeout=300)["response"]
        store = res.get(ids.UPLOAD_STORE, {}).get("data")
        if not store:
            print(f"upload {i}: refused: {json.dumps(res)[:300]}", file=sys.stderr)
            continue
        t1 = time.perf_counter()
        query = f"?story={store['key']}"
        state = {_prop(ids.UPLOAD_STORE): store, _prop(ids.STATE): query}
        _request(base + "/_dash-update-component",
                 views.payload({_prop(ids.VIEWS_FOR): query}, state, _prop(ids.VIEWS_FOR)), timeout=300)
        _request(base + "/_dash-update-component",
                 rest.payload({_prop(ids.DRAWN["storyline"]): "x"}, state, _prop(ids.DRAWN["storyline"])), timeout=300)
        rss = {pid: _rss(pid) for pid in _workers(master)}
        marks.append((i, {"upload_s": t1 - t0, "draw_s": time.perf_counter() - t1, "rss": rss,
                          "bytes": len(raw)}))
        print(f"upload {i + 1}/{k}: {len(raw) / 1e6:.1f} MB read in {t1 - t0:.1f} s, drawn in "
              f"{time.perf_counter() - t1:.1f} s; workers " + ", ".join(f"{v:.0f} MB" for v in rss.values()),
              flush=True)
    return marks


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--interval", type=float, default=5.0, help="seconds between one client's changes")
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--story", type=Path, default=ROOT / "data" / "desperado.yaml")
    ap.add_argument("--uploads", type=int, default=0, help="distinct uploads before the load (memory check)")
    ap.add_argument("--upload-mb", type=float, default=4.0)
    add_smoke(ap)
    args = ap.parse_args(argv)
    if args.smoke:
        args.clients, args.interval, args.duration, args.workers, args.story = 3, 1.0, 3.0, 1, DESPERADO
        args.uploads, args.upload_mb = min(args.uploads, 1), 0.2
    clients = max(1, min(args.clients, MAX_CLIENTS))
    duration = max(1.0, min(args.duration, MAX_SECONDS))

    from timeline.formats import load_story

    story = load_story(args.story)
    port = _free_port()
    base = f"http://{HOST}:{port}"
    log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"load-serve-{port}.log"
    proc = start_server(args.story, args.workers, port, log_path)
    try:
        deps = json.loads(_request(base + "/_dash-dependencies"))
        chain = [(_find(deps, i, o), _prop(i)) for i, o in CHAIN]
        time.sleep(1.0)
        before = {pid: _rss(pid) for pid in _workers(proc.pid)}
        marks = upload_many(base, deps, args.uploads, args.upload_mb, proc.pid) if args.uploads else []
        results: list[float] = []
        errors: list[str] = []
        counts: list[int] = []
        RECEIVED.clear()
        pids = _workers(proc.pid)
        cpu0 = _cpu(pids)
        stop_at = time.monotonic() + duration
        threads = [threading.Thread(target=client, args=(i, base, chain, story, stop_at, args.interval, results,
                                                           errors, counts), daemon=True) for i in range(clients)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join(duration + 120)
        wall = time.perf_counter() - t0
        cpu = _cpu(pids) - cpu0
        after = {pid: _rss(pid) for pid in _workers(proc.pid)}
    finally:
        stop_server(proc)

    ms = sorted(1000 * r for r in results)

    def pct(p):
        return ms[min(len(ms) - 1, int(p * len(ms)))] if ms else float("nan")

    print(f"\n{clients} clients, one filter change each every {args.interval:g} s, for {duration:g} s, against "
          f"serve --workers {args.workers} (gthread) on {story.title} ({len(story.scenes)} scenes)")
    print(f"{'changes':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'errors':>7}  verdict "
          f"(p95 <= 1000 ms, 0 errors)")
    ok = ms and pct(0.95) <= 1000 and not errors
    print(f"{len(ms):>8} {len(counts) / wall:>7.1f} {pct(0.50):>7.0f} {pct(0.95):>7.0f} {pct(1.0):>7.0f} "
          f"{len(errors):>7}  {'met' if ok else 'NOT met'}")
    print(f"one change = {len(chain)} requests, one after the other (storyline; then strip, network and table); "
          f"{sum(RECEIVED) / max(1, len(ms)) / 1024:.0f} kB received a change (compressed as sent)")
    print(f"server CPU: {1000 * cpu / max(1, len(ms)):.0f} ms a change (the workers' user + system time, less "
          f"sensitive to a busy machine than the latencies), {100 * cpu / wall / (os.cpu_count() or 1):.0f} % of "
          f"{os.cpu_count()} cores")
    print("worker memory (RSS, MB): before " + ", ".join(f"{v:.0f}" for v in before.values())
          + " | after " + ", ".join(f"{v:.0f}" for v in after.values()))
    if marks:
        worst = max((max(m["rss"].values()) for _, m in marks if m["rss"]), default=float("nan"))
        print(f"after {len(marks)} distinct {args.upload_mb:g} MB uploads, the largest worker: {worst:.0f} MB "
              f"({'under' if worst < 500 else 'NOT under'} 500 MB)")
    for e in sorted(set(errors))[:5]:
        print("error:", e)
    # a load with errors, or in which no change got through, is a failed run (--smoke too)
    return 0 if ms and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
