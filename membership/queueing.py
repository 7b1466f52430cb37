"""Handing work to the Celery worker without letting a broker outage reach the user.

The work itself is always saved in the database first (a queued mail, a queued report run);
the message to the worker only says "there is work". When Redis is unreachable that message
is dropped with a log line, and a periodic sweep finds the saved work once Redis is back.
"""

from __future__ import annotations

import logging

from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def send_task(task, *args, countdown: int = 0) -> bool:
    """Send now; False (and a log line) when the broker cannot be reached."""
    try:
        task.apply_async(args, countdown=countdown)
        return True
    except (OperationalError, OSError) as error:
        logger.warning("Broker unreachable, %s left for the sweep: %s", task.name, error)
        return False


def send_task_on_commit(task, *args, countdown: int = 0) -> None:
    transaction.on_commit(lambda: send_task(task, *args, countdown=countdown))
