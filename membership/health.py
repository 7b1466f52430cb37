"""The state of each dependency, for /health/, the container health checks and start-up.

The portal serves pages while the database answers and the static manifest is there; Redis
(broker and cache) and the mail server only degrade it: work waits in the database.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import connection
from django.utils import timezone

MAIL_BACKLOG_AGE = datetime.timedelta(minutes=15)
BEAT_HEARTBEAT_AGE = datetime.timedelta(minutes=10)
MAIL_SWEEP = "Send queued mail"


def database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return "ok" if cursor.fetchone() == (1,) else "down"
    except Exception as error:
        return f"down: {error}".strip()[:200]


def broker() -> str:
    # The project's Celery app is the current one (config/__init__.py sets it up); the ground floor
    # asks Celery for it instead of importing the project package above every app.
    from celery import current_app

    try:
        with current_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception as error:
        return f"down: {error}"[:200]


def cache() -> str:
    backend = settings.CACHES["default"]["BACKEND"]
    if "redis" not in backend.lower():
        return "ok"
    import redis

    try:
        redis.Redis.from_url(settings.CACHES["default"]["LOCATION"], socket_connect_timeout=1).ping()
        return "ok"
    except Exception as error:
        return f"down: {error}"[:200]


def static_manifest() -> str:
    from django.contrib.staticfiles.storage import staticfiles_storage

    if not hasattr(staticfiles_storage, "manifest_name"):
        return "ok"
    try:
        staticfiles_storage.url("css/portal.css")
        return "ok"
    except Exception as error:
        return f"missing: {error}"[:200]


def mail_backlog() -> int:
    """Messages due for more than MAIL_BACKLOG_AGE and still not sent."""
    from post_office.models import STATUS, Email

    cutoff = timezone.now() - MAIL_BACKLOG_AGE
    return Email.objects.filter(status__in=[STATUS.queued, STATUS.requeued], created__lt=cutoff).count()


def beat_heartbeat() -> str:
    from django_celery_beat.models import PeriodicTask

    last = PeriodicTask.objects.filter(name=MAIL_SWEEP).values_list("last_run_at", flat=True).first()
    if last and timezone.now() - last < BEAT_HEARTBEAT_AGE:
        return "ok"
    return f"stale: last run {last}"


def report() -> tuple[bool, dict]:
    """(can serve pages, the state of each dependency)."""
    state = {"database": database(), "static_manifest": static_manifest()}
    serving = all(value == "ok" for value in state.values())
    state |= {"broker": broker(), "cache": cache()}
    if state["database"] == "ok":
        state["mail_backlog"] = mail_backlog()
    degraded = any(value != "ok" for key, value in state.items() if key != "mail_backlog")
    status = "unavailable" if not serving else "degraded" if degraded else "ok"
    return serving, {"status": status, **state}
