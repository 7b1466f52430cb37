"""Production: a fresh web worker's first request, and sending an agenda to 35 people.

The first figure starts `scripts/portal web` (gunicorn with preloading and WeasyPrint loaded at
start) on a free port with debug off, static files built as the image builds them and a SQLite
database of its own, and times the first page after the workers booted. The second queues the
agenda mail of a 35-person meeting as the request does (django-post-office stores it; the worker
sends it), rolled back afterwards.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from benchmarks._timing import measure, report

ROOT = Path(__file__).resolve().parent.parent


def run() -> None:
    agenda_to_35()
    first_request()


def agenda_to_35() -> None:
    from council import mail
    from council.models import AgendaItem, Attendance, Body, Meeting

    with override_settings(EMAIL_BACKEND="post_office.EmailBackend"), transaction.atomic():
        now = timezone.now()
        meeting = Meeting.objects.create(
            body=Body.objects.get(slug="neuvottelukunta"), starts_at=now, agenda_deadline=now.date()
        )
        AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=meeting, position=n, number=n + 1, title=f"Asia {n + 1}", background="Taustaa. " * 40
            )
            for n in range(12)
        )
        people = [
            Attendance.objects.create(
                meeting=meeting,
                seat=f"S{n}",
                full_name=f"Jäsen {n}",
                email=f"jasen{n}@example.fi",
                language="fi",
            )
            for n in range(35)
        ]
        report(
            "agenda mail to 35 people (queued)", measure(lambda: mail.agenda_sent(meeting, people, []), 5, 1)
        )
        transaction.set_rollback(True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def first_request() -> None:
    work = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "PYTHON": sys.executable,
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "VAR_DIR": str(work),
        "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "WEB_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
    }
    env.pop("REDIS_URL", None)
    for step in ("build", "migrate"):
        subprocess.run(["sh", "scripts/portal", step], cwd=ROOT, env=env, check=True, capture_output=True)
    log = work / "web.log"
    with log.open("wb") as handle:
        started = time.monotonic()
        web = subprocess.Popen(
            ["sh", "scripts/portal", "web"], cwd=ROOT, env=env, stdout=handle, stderr=handle
        )
    try:
        while "Booting worker" not in log.read_text():
            if web.poll() is not None or time.monotonic() - started > 300:
                raise RuntimeError(log.read_text()[-2000:])
            time.sleep(0.05)
        booted = time.monotonic()
        first = _timed_get(f"http://127.0.0.1:{port}/fi/")
        second = _timed_get(f"http://127.0.0.1:{port}/fi/")
    finally:
        web.terminate()
        web.wait(timeout=30)
    print(f"web process start to worker booted {booted - started:8.1f} s (preload + WeasyPrint warm-up)")
    print(f"first request of a fresh worker      {first * 1000:8.0f} ms   second {second * 1000:.0f} ms")


def _timed_get(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (loopback)
        response.read()
        assert response.status == 200
    return time.perf_counter() - start
