"""What a user does with the package, checked end to end (``make wheel-check``).

Build the sdist and the wheel, create a fresh venv in a temporary folder, pip
install the wheel there, go to another folder, run ``scene-timeline --version``
and ``scene-timeline validate`` (the shipped story), serve the app and fetch the
page, ``/assets/view_state.js`` and the Dash layout (which must show Desperado).
Exit 0 only when every step worked.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def step(what, *cmd, **kw):
    print(f"wheel-check: {what}", flush=True)
    run = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if run.returncode != 0:
        sys.exit(f"wheel-check: FAILED: {what}\n{run.stdout[-4000:]}\n{run.stderr[-4000:]}")
    return run.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 30) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=timeout) as r:  # noqa: S310 - loopback only
        return r.status, r.read()


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="wheel-check-") as tmp:
        tmp = Path(tmp)
        step("build sdist and wheel", sys.executable, "-m", "build", "--no-isolation", "-o", str(tmp / "dist"), str(ROOT))
        wheel = next((tmp / "dist").glob("scene_timeline-*.whl"))
        venv.create(tmp / "venv", with_pip=True)
        py, exe = tmp / "venv" / "bin" / "python", tmp / "venv" / "bin" / "scene-timeline"
        step(f"pip install {wheel.name} into a fresh venv", str(py), "-m", "pip", "install", "--quiet", str(wheel))
        elsewhere = tmp / "elsewhere"
        elsewhere.mkdir()
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        print("  " + step("--version", str(exe), "--version", cwd=elsewhere, env=env).strip())
        print("  " + step("validate (the shipped story)", str(exe), "validate", cwd=elsewhere, env=env).strip())
        port = free_port()
        log = open(tmp / "serve.log", "w+")
        server = subprocess.Popen([str(exe), "serve", "--port", str(port)], cwd=elsewhere, env=env,
                                  stdout=log, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 90
            while True:
                try:
                    status, page = fetch(base + "/", timeout=5)
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        sys.exit(f"wheel-check: FAILED: the app did not start\n{log.read()[-4000:]}")
                    time.sleep(0.5)
            problems = []
            if status != 200:
                problems.append(f"/ answered {status}")
            try:
                status, js = fetch(base + "/assets/view_state.js")
                if status != 200 or not js:
                    problems.append(f"/assets/view_state.js answered {status} ({len(js)} bytes)")
            except OSError as e:
                problems.append(f"/assets/view_state.js: {e}")
            try:
                status, layout = fetch(base + "/_dash-layout")
                if status != 200 or b"Desperado" not in layout:
                    problems.append(f"/_dash-layout answered {status} without Desperado")
            except OSError as e:
                problems.append(f"/_dash-layout: {e}")
            if problems:
                log.seek(0)
                sys.exit("wheel-check: FAILED: " + "; ".join(problems) + "\n" + log.read()[-4000:])
            print("wheel-check: ok: /, /assets/view_state.js and /_dash-layout answer 200 and Desperado is served")
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
            log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
