"""The mail queue: django-post-office stores every message, the Celery worker sends it.

A request only stores the message (the email backend is post_office's) and tells the worker.
The worker sends what is due, retries a failed message with growing pauses (RETRY_INTERVAL,
then twice as long each time), and gives up after MAX_RETRIES; beat runs the same sending
every MAIL_SWEEP_SECONDS, so messages stored while Redis was down go out too. At a message's
third consecutive failure the staff get one notice listing the messages that reached it.
Upper floors learn which messages the server accepted through the `mail_sent` signal.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, Q
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone, translation
from post_office.connections import connections
from post_office.models import STATUS, Email, Log
from post_office.settings import get_max_retries, get_retry_timedelta

from .notifications import absolute_url, send_mail_in_language
from .queueing import send_task_on_commit

logger = logging.getLogger(__name__)

# Sent after commit with `emails`, the Email rows the mail server has just accepted.
mail_sent = Signal()

NOTICE_HEADER = "X-Portal-Notice"
FAILURES_BEFORE_NOTICE = 3
BATCH_SIZE = 100


def queue_sending(sender=None, **kwargs) -> None:
    """Tell the worker there is mail (connected to post_office's `email_queued`)."""
    from .tasks import send_queued_mail

    send_task_on_commit(send_queued_mail)


def due_mail():
    now = timezone.now()
    return (
        Email.objects.filter(status__in=[STATUS.queued, STATUS.requeued])
        .filter(Q(scheduled_time__lte=now) | Q(scheduled_time=None))
        .filter(Q(expires_at__gt=now) | Q(expires_at=None))
        .order_by("-priority", "id")
    )


def send_due_mail(max_batches: int = 50) -> dict[str, int]:
    """Send every message that is due; safe to run in several workers at once."""
    counts = {"sent": 0, "requeued": 0, "failed": 0}
    for _ in range(max_batches):
        batch = _send_batch()
        for key, value in batch.items():
            counts[key] += value
        if not any(batch.values()):
            break
    return counts


@transaction.atomic
def _send_batch() -> dict[str, int]:
    # Rows locked by another worker are skipped, so no message goes out twice.
    emails = list(due_mail().select_for_update(skip_locked=True)[:BATCH_SIZE])
    counts = {"sent": 0, "requeued": 0, "failed": 0}
    if not emails:
        return counts
    sent, noticed = [], []
    try:
        for email in emails:
            try:
                # Opening the connection is part of the attempt: a server that is down fails it.
                connection = connections["default"]
                email.dispatch(commit=False, disconnect_after_delivery=False, connection=connection)
            except Exception as error:  # any transport error: the message stays queued
                counts[_record_failure(email, error)] += 1
                if _failures_in_a_row(email) == FAILURES_BEFORE_NOTICE and not _is_notice(email):
                    noticed.append(email)
            else:
                email.status = STATUS.sent
                email.save(update_fields=["status", "last_updated"])
                Log.objects.create(email=email, status=STATUS.sent)
                sent.append(email)
                counts["sent"] += 1
    finally:
        connections.close()
    if sent:
        transaction.on_commit(lambda: mail_sent.send(sender=Email, emails=sent))
    retries = [e.scheduled_time for e in emails if e.status == STATUS.requeued]
    if retries:
        from .tasks import send_queued_mail

        wait = max(1, int((min(retries) - timezone.now()).total_seconds()) + 1)
        send_task_on_commit(send_queued_mail, countdown=wait)
    if noticed:
        transaction.on_commit(lambda: notify_staff_of_failures([e.pk for e in noticed]))
    return counts


def _record_failure(email: Email, error: Exception) -> str:
    retries = email.number_of_retries or 0
    if retries < get_max_retries():
        email.number_of_retries = retries + 1
        email.status = STATUS.requeued
        email.scheduled_time = timezone.now() + get_retry_timedelta() * 2**retries
        outcome = "requeued"
    else:
        email.status = STATUS.failed
        outcome = "failed"
    email.save(update_fields=["status", "number_of_retries", "scheduled_time", "last_updated"])
    Log.objects.create(
        email=email, status=STATUS.failed, message=str(error)[:2000], exception_type=type(error).__name__
    )
    logger.warning("Mail %s to %s not sent (%s): %s", email.pk, email.to, outcome, error)
    return outcome


def _failures_in_a_row(email: Email) -> int:
    count = 0
    for status in email.logs.order_by("-date", "-id").values_list("status", flat=True):
        if status != STATUS.failed:
            break
        count += 1
    return count


def _is_notice(email: Email) -> bool:
    return NOTICE_HEADER in (email.headers or {})


def staff_addresses() -> list[str]:
    from .models import Role, RoleAssignment

    today = timezone.localdate()
    addresses = {address.lower() for address in settings.STAFF_NOTIFICATION_EMAILS}
    for assignment in RoleAssignment.objects.filter(role=Role.STAFF, user__is_active=True).select_related(
        "user"
    ):
        if assignment.is_active_on(today) and assignment.user.email:
            addresses.add(assignment.user.email.lower())
    return sorted(addresses)


def notify_staff_of_failures(email_ids: list[int]) -> None:
    emails = list(Email.objects.filter(pk__in=email_ids).order_by("id"))
    with translation.override("fi"):
        link = absolute_url(reverse("membership:mail_failures"))
    send_mail_in_language(
        staff_addresses(),
        "membership/emails/mail_failures",
        {"emails": emails, "link": link, "failures": FAILURES_BEFORE_NOTICE},
        "fi",
        headers={NOTICE_HEADER: "mail-failures"},
    )


def failed_deliveries():
    """Messages the server refused at least once and has not yet accepted, newest first."""
    return Email.objects.filter(
        Q(status=STATUS.failed) | Q(status=STATUS.requeued, number_of_retries__gt=0)
    ).order_by("-last_updated", "-id")


def latest_errors() -> Prefetch:
    """Each message's failures, newest first, as `errors` (for the failed deliveries page)."""
    failures = Log.objects.filter(status=STATUS.failed).order_by("-date", "-id")
    return Prefetch("logs", queryset=failures, to_attr="errors")


@transaction.atomic
def resend(email_id: int) -> bool:
    """Queue a failed or waiting message again, to go out now (staff's "Resend")."""
    updated = (
        failed_deliveries()
        .filter(pk=email_id)
        .update(status=STATUS.queued, scheduled_time=None, number_of_retries=0, last_updated=timezone.now())
    )
    if updated:
        queue_sending()
    return bool(updated)
