"""Checks before a process starts: one clear log line per dependency, exit 1 if it cannot run.

The database must answer (waiting up to --wait seconds while it starts); the web process also
needs the static manifest. Redis and the mail server only degrade the portal: a warning.
"""

import smtplib
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from membership import health


class Command(BaseCommand):
    help = "Check the database, Redis, the mail server and the static manifest before starting."

    def add_arguments(self, parser):
        parser.add_argument("--wait", type=int, default=0, help="seconds to wait for the database")
        parser.add_argument("--require-static", action="store_true", help="fail without the static manifest")

    def handle(self, *args, wait: int, require_static: bool, **options):
        deadline = time.monotonic() + wait
        while (state := health.database()) != "ok":
            if time.monotonic() > deadline:
                raise CommandError(f"portal: the database is unreachable ({state}); not starting.")
            self.stderr.write(f"portal: waiting for the database ({state})")
            time.sleep(2)
        self.stdout.write("portal: database ok")
        if require_static:
            manifest = health.static_manifest()
            if manifest != "ok":
                raise CommandError(
                    f"portal: static files are not built ({manifest}); run scripts/portal build."
                )
        for name, state in (("Redis broker", health.broker()), ("Redis cache", health.cache())):
            line = f"portal: {name} {state}"
            self.stdout.write(line) if state == "ok" else self.stderr.write(line + " (degraded: work waits)")
        self.stdout.write(f"portal: mail server {self._smtp()}")

    def _smtp(self) -> str:
        if "smtp" not in settings.MAIL_TRANSPORT:
            return f"not used ({settings.MAIL_TRANSPORT})"
        try:
            with smtplib.SMTP(settings.EMAIL_HOST, settings.EMAIL_PORT, timeout=3):
                return "ok"
        except OSError as error:
            return f"unreachable ({error}); mail waits in the queue"
