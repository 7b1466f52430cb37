"""The portal served as in production for the page and load benchmarks.

`scripts/portal web` (gunicorn with config/gunicorn.py, debug off, static files from their
manifest) on a copy of the seeded demo database, with the benchmark settings: the production
settings plus the floor views and a header telling each response's CPU time and queries.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from benchmarks import _seeded

ROOT = Path(__file__).resolve().parent.parent
RUN_DIR = _seeded.BENCH_DIR / "run"
PORT = int(os.environ.get("BENCH_PORT", "8170"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")


def _environment(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WEB_"))}
    env.update(
        PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        PYTHON=sys.executable,
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        DJANGO_DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        VAR_DIR=str(RUN_DIR),
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        WEB_BIND=f"127.0.0.1:{PORT}",
        WEB_CONCURRENCY=WORKERS,
        BENCH_CACHE_PREFIX=secrets.token_hex(4),
    )
    return env


@contextmanager
def portal(scale: str, sessions_per_role: int = 1):
    """Serve the demo data at `scale`; yields the fixtures (sessions, page addresses, counts)."""
    database_url = _seeded.working_copy(scale)
    env = _environment(database_url)
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run(["sh", "scripts/portal", "build"], cwd=ROOT, env=env, check=True, capture_output=True)
    fixtures = json.loads(
        subprocess.run(
            [sys.executable, "-m", "benchmarks._fixtures", str(sessions_per_role)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    log = (RUN_DIR / "web.log").open("wb")
    web = subprocess.Popen(["sh", "scripts/portal", "web"], cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        _wait_until_serving(web, fixtures["urls"]["floor_anonymous"])
        yield fixtures
    finally:
        web.terminate()
        web.wait(timeout=60)
        log.close()
        _seeded.drop_copy(database_url)


def _wait_until_serving(web: subprocess.Popen, path: str) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if web.poll() is not None:
            raise RuntimeError((RUN_DIR / "web.log").read_text()[-3000:])
        try:
            if get(path).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the benchmark server did not start in 5 minutes")


class Answer:
    def __init__(self, status: int, body: bytes, headers: http.client.HTTPMessage, seconds: float):
        self.status, self.body, self.headers, self.seconds = status, body, headers, seconds

    @property
    def cpu_ms(self) -> float:
        return float(self.headers.get("X-Bench-CPU-ms", "nan"))

    @property
    def queries(self) -> int:
        return int(self.headers.get("X-Bench-Queries", "-1"))


def get(path: str, session: str | None = None) -> Answer:
    """One GET over a new connection (gunicorn's sync workers close each one), timed to the last byte."""
    headers = {"Host": "127.0.0.1", "Accept-Language": "fi"}
    if session:
        headers["Cookie"] = f"sessionid={session}"
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=300)
    try:
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        seconds = time.perf_counter() - started
    finally:
        connection.close()
    return Answer(response.status, body, response.headers, seconds)
