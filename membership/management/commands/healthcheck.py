"""The container health checks: `manage.py healthcheck web|worker|beat` exits 0 when healthy."""

import json
import os
import socket
import urllib.request

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from membership import health


class Command(BaseCommand):
    help = "Health of this container's process: web (/health/), worker (celery ping) or beat (heartbeat)."

    def add_arguments(self, parser):
        parser.add_argument("role", choices=["web", "worker", "beat"])

    def handle(self, *args, role: str, **options):
        state = getattr(self, role)()
        if state != "ok":
            raise CommandError(f"{role}: {state}")
        self.stdout.write(f"{role}: ok")

    def web(self) -> str:
        port = os.environ.get("WEB_BIND", "0.0.0.0:8000").rsplit(":", 1)[1]
        host = (settings.ALLOWED_HOSTS or ["localhost"])[0].lstrip(".").replace("*", "localhost")
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/health/", headers={"Host": host, "X-Forwarded-Proto": "https"}
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback only)
                return "ok" if json.load(response)["status"] in {"ok", "degraded"} else "unavailable"
        except OSError as error:
            return str(error)

    def worker(self) -> str:
        from celery import current_app  # the project's app, set up by config/ (see membership/health.py)

        replies = current_app.control.inspect(
            destination=[f"celery@{socket.gethostname()}"], timeout=5
        ).ping()
        return "ok" if replies else "no reply to ping"

    def beat(self) -> str:
        return health.beat_heartbeat()
