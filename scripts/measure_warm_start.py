"""The first request of a fresh gunicorn worker, page by page (issue 14: ≤ 2 s).

Starts the web process the way production does (`scripts/portal web`: debug off, preload,
config/gunicorn.py) with one worker, then for every page ends the worker, lets the master fork a
new one and times that worker's very first request. A query string no page reads makes each
answer a cache miss, so the figure is the rendering, not the public page cache; the cache is
cleared first (a published PDF is cached whole), so use a database and Redis db of your own.

    SECRET_KEY=... DATABASE_URL=... REDIS_URL=... .venv/bin/python scripts/measure_warm_start.py 8160

The database needs `migrate` and `seed_demo`, and the static manifest `scripts/portal build`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "/fi/",
    "/fi/council/archive/",
    "/sv/members/",
    "/en/plan/",
    "/fi/grants/national/",
    "/fi/accounts/login/",
    "/fi/council/meetings/{meeting}/",
    "/fi/council/meetings/{meeting}/agenda.pdf",
]


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(line) for line in out.split()]


def _fresh_worker(master: int, old: int | None) -> int:
    if old is not None:
        os.kill(old, signal.SIGTERM)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        workers = [pid for pid in _children(master) if pid != old]
        if workers:
            time.sleep(1)  # the fork is done; let the worker reach accept()
            return workers[0]
        time.sleep(0.1)
    raise SystemExit("no new worker")


def _get(url: str) -> tuple[int, float, int]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as answer:  # noqa: S310 (our own server)
        body = answer.read()
        return answer.status, time.perf_counter() - started, len(body)


def main(port: int) -> None:
    env = {**os.environ, "WEB_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "1", "DJANGO_DEBUG": "0"}
    env.setdefault("PYTHON", sys.executable)
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    env.setdefault("SECURE_SSL_REDIRECT", "0")
    clear = "from django.core.cache import cache; cache.clear()"
    subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", clear], cwd=ROOT, env=env, check=True
    )
    started = time.perf_counter()
    server = subprocess.Popen(["scripts/portal", "web"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        while True:  # preflight first, then gunicorn in the same process (exec)
            try:
                _get(f"{base}/health/")
                break
            except OSError:
                time.sleep(0.2)
        worker = _children(server.pid)[0]
        print(f"master up and first worker answering after {time.perf_counter() - started:.1f} s")
        with urllib.request.urlopen(f"{base}/api/v1/meetings", timeout=60) as answer:  # noqa: S310
            meeting = json.load(answer)["items"][0]["id"]
        print(f"{'page (first request of a new worker)':<48} {'status':>6} {'seconds':>8} {'KB':>7}")
        for n, page in enumerate(PAGES):
            worker = _fresh_worker(server.pid, worker)
            url = f"{base}{page.format(meeting=meeting)}?warm-start={n}"
            status, seconds, size = _get(url)
            print(f"{page:<48} {status:>6} {seconds:>8.3f} {size / 1024:>7.1f}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 8160)
