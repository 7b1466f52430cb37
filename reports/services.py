"""Report definitions and runs: the one place that changes their state.

A run moves queued -> running -> finished, or back to queued after a failure or a lost worker,
until its attempts are used up (failed). Claiming a run is one conditional UPDATE, and the
attempt number is the fence a worker must still hold when it finishes; together with the
unique (definition, period) row this makes every task idempotent.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import logging
import os
import socket
import threading
import traceback

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, connections, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify

from membership.kernel.periods import Period
from membership.notifications import absolute_url, send_mail_in_language
from membership.queueing import send_task_on_commit

from . import rendering, schedules
from .models import ReportDefinition, ReportRun, RunState

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# Smaller PDFs are attached to the email; larger ones are only linked.
ATTACHMENT_LIMIT = getattr(settings, "REPORTS_ATTACHMENT_LIMIT", 2 * 1024 * 1024)
RETRY_DELAY = getattr(settings, "REPORTS_RETRY_DELAY", 60)
# A working worker renews a running run's heartbeat this often; a run whose heartbeat is older
# than STALE_AFTER has lost its worker. The sweep runs every minute, so a dead worker's run is
# queued again within two minutes.
HEARTBEAT = datetime.timedelta(seconds=getattr(settings, "REPORTS_HEARTBEAT_SECONDS", 20))
STALE_AFTER = datetime.timedelta(seconds=getattr(settings, "REPORTS_STALE_SECONDS", 60))
# A queued run whose message may be lost is sent again after this long (claiming is conditional).
RESEND_AFTER = datetime.timedelta(seconds=getattr(settings, "CELERY_TASK_TIME_LIMIT", 720) + 300)


def default_sections() -> list[str]:
    from .sections import all_sections

    return [section.key for section in all_sections()]


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


# Definitions


@transaction.atomic
def save_definition(definition: ReportDefinition) -> ReportDefinition:
    schedules.check_send_time(_as_time(definition.send_time))
    definition.save()
    schedules.sync_schedule(definition)
    return definition


def _as_time(value) -> datetime.time:
    return datetime.time.fromisoformat(value) if isinstance(value, str) else value


# Runs


def ensure_run(definition: ReportDefinition, period: Period, user=None) -> tuple[ReportRun, bool]:
    """The one run of a definition for a period; two callers at once still get one row."""
    try:
        with transaction.atomic():
            return ReportRun.objects.get_or_create(
                definition=definition, period=str(period), defaults={"requested_by": user}
            )
    except IntegrityError:
        return ReportRun.objects.get(definition=definition, period=str(period)), False


def _queue(run: ReportRun, countdown: int = 0) -> None:
    from .tasks import generate_run

    send_task_on_commit(generate_run, run.pk, countdown=countdown)


@transaction.atomic
def request_run(
    definition: ReportDefinition, period: Period, user=None, regenerate: bool = False
) -> ReportRun:
    """Generate a run now (staff); an existing finished run is made again only when asked."""
    run, created = ensure_run(definition, period, user)
    if created:
        _queue(run)
        return run
    states = [RunState.FAILED, RunState.FINISHED] if regenerate else [RunState.FAILED]
    if _requeue(run, from_states=states, reset_attempts=True, user=user):
        run.refresh_from_db()
    return run


@transaction.atomic
def retry_run(run: ReportRun, user=None) -> bool:
    """Staff retry a failed run: it gets a fresh set of attempts."""
    return _requeue(run, from_states=[RunState.FAILED], reset_attempts=True, user=user)


def _requeue(
    run: ReportRun,
    *,
    from_states: list[RunState],
    reset_attempts: bool = False,
    user=None,
    countdown: int = 0,
) -> bool:
    """Move a run back to queued if it is still in one of `from_states`, and send it to a worker."""
    fields = {"state": RunState.QUEUED, "queued_at": timezone.now(), "worker": ""}
    if reset_attempts:
        fields["attempts"] = 0
    if user is not None:
        fields["requested_by"] = user
    if not ReportRun.objects.filter(pk=run.pk, state__in=from_states).update(**fields):
        return False
    _queue(run, countdown)
    return True


def claim_run(run_id: int, worker: str) -> ReportRun | None:
    """Take a queued run for this worker; None when another has it or it is done."""
    now = timezone.now()
    taken = ReportRun.objects.filter(pk=run_id, state=RunState.QUEUED, attempts__lt=MAX_ATTEMPTS).update(
        state=RunState.RUNNING, attempts=F("attempts") + 1, started_at=now, heartbeat_at=now, worker=worker
    )
    if not taken:
        return None
    return ReportRun.objects.select_related("definition__audience").get(pk=run_id)


def run_scheduled(definition_id: int, today: datetime.date | None = None) -> ReportRun | None:
    """What beat's task does: make sure the due period's run exists, then work on it here."""
    definition = ReportDefinition.objects.filter(pk=definition_id, is_active=True).first()
    if definition is None:
        return None
    period = schedules.period_due(definition, today or timezone.localdate())
    run, _created = ensure_run(definition, period)
    execute_run(run.pk)
    return run


def build_run_snapshot(definition: ReportDefinition, period: Period | str) -> dict:
    audience = definition.audience
    with translation.override(definition.language):
        audience_name = audience.name
    return rendering.build_snapshot(
        audience_code=audience.code,
        audience_name=audience_name,
        detailed=audience.detailed,
        language=definition.language,
        section_keys=definition.sections or default_sections(),
        period=Period.parse(period) if isinstance(period, str) else period,
    )


def execute_run(run_id: int, worker: str | None = None) -> str | None:
    """Generate a run if it can be claimed; returns the state it ended in, None if not claimed."""
    run = claim_run(run_id, worker or worker_name())
    if run is None:
        return None
    try:
        with Heartbeat(run):
            snapshot = build_run_snapshot(run.definition, run.period)
            pdf = rendering.render_pdf(snapshot)
    except Exception as error:
        logger.exception("report run %s failed", run.pk)
        return _record_failure(run, error)
    return _store_result(run, snapshot, pdf)


class Heartbeat:
    """While the block runs, a thread renews the run's heartbeat, fenced by its attempt number."""

    def __init__(self, run: ReportRun, interval: datetime.timedelta = HEARTBEAT):
        self.run, self.interval = run, interval.total_seconds()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"heartbeat-{run.pk}", daemon=True)

    def __enter__(self) -> Heartbeat:
        # Inside an uncommitted transaction (a test, a management command) no sweep could see the
        # beat, and the beating thread would wait for this transaction's row lock.
        if not transaction.get_connection().in_atomic_block:
            self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stopped.set()
        if self.thread.is_alive():
            self.thread.join()

    def _beat(self) -> None:
        try:
            while not self.stopped.wait(self.interval):
                beat(self.run)
        finally:
            connections.close_all()


def beat(run: ReportRun) -> bool:
    """Renew the heartbeat if this attempt still holds the run; a lost beat is only logged."""
    try:
        return bool(
            ReportRun.objects.filter(pk=run.pk, state=RunState.RUNNING, attempts=run.attempts).update(
                heartbeat_at=timezone.now()
            )
        )
    except DatabaseError:
        logger.warning("report run %s: heartbeat not recorded", run.pk, exc_info=True)
        return False


def _file_name(run: ReportRun) -> str:
    return f"{slugify(run.definition.audience.code)}-{run.period}-{run.pk}.pdf"


def _store_result(run: ReportRun, snapshot: dict, pdf: bytes) -> str:
    storage = ReportRun._meta.get_field("file").storage
    old_name = run.file.name
    run.file.save(_file_name(run), ContentFile(pdf), save=False)
    with transaction.atomic():
        finished = ReportRun.objects.filter(pk=run.pk, state=RunState.RUNNING, attempts=run.attempts).update(
            state=RunState.FINISHED,
            finished_at=timezone.now(),
            snapshot=snapshot,
            file=run.file.name,
            size=len(pdf),
            checksum=hashlib.sha256(pdf).hexdigest(),
            delivered_at=None,
        )
        if not finished:
            # The sweep gave this run to another worker meanwhile; its result counts, not ours.
            transaction.on_commit(functools.partial(storage.delete, str(run.file.name)))
            return RunState.RUNNING
        if old_name and old_name != run.file.name:
            transaction.on_commit(lambda: storage.delete(old_name))
        from .tasks import deliver_run

        send_task_on_commit(deliver_run, run.pk)
    return RunState.FINISHED


def _record_failure(run: ReportRun, error: BaseException) -> str:
    message = "".join(traceback.format_exception_only(type(error), error)).strip()[:2000]
    with transaction.atomic():
        base = ReportRun.objects.filter(pk=run.pk, state=RunState.RUNNING, attempts=run.attempts)
        if run.attempts < MAX_ATTEMPTS:
            if base.update(error=message):
                _requeue(run, from_states=[RunState.RUNNING], countdown=RETRY_DELAY * run.attempts)
            return RunState.QUEUED
        if base.update(state=RunState.FAILED, error=message, finished_at=timezone.now()):
            transaction.on_commit(lambda: notify_staff_of_failure(run.pk))
        return RunState.FAILED


def sweep_stalled_runs(
    stale_after: datetime.timedelta = STALE_AFTER, resend_after: datetime.timedelta = RESEND_AFTER
) -> dict[str, int]:
    """Queue again the runs whose worker stopped beating, and resend queued runs whose message was lost."""
    now = timezone.now()
    cutoff = now - stale_after
    counts = {"requeued": 0, "failed": 0, "resent": 0}
    stalled = Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
    for run in ReportRun.objects.filter(stalled, state=RunState.RUNNING):
        with transaction.atomic():
            base = ReportRun.objects.filter(pk=run.pk, state=RunState.RUNNING, attempts=run.attempts)
            if run.attempts < MAX_ATTEMPTS:
                if base.update(state=RunState.QUEUED, queued_at=timezone.now(), error=_lost_worker(run)):
                    _queue(run)
                    counts["requeued"] += 1
            elif base.update(state=RunState.FAILED, error=_lost_worker(run), finished_at=timezone.now()):
                transaction.on_commit(functools.partial(notify_staff_of_failure, run.pk))
                counts["failed"] += 1
    for run in ReportRun.objects.filter(state=RunState.QUEUED, queued_at__lt=now - resend_after):
        # Claiming is conditional, so a second message for a run is harmless.
        with transaction.atomic():
            _queue(run)
        counts["resent"] += 1
    return counts


def _lost_worker(run: ReportRun) -> str:
    return f"The worker {run.worker or '?'} stopped during attempt {run.attempts} (found by the sweep)."


# Delivery and notices


def _users_with_roles(roles: list[str]):
    today = timezone.localdate()
    users = (
        get_user_model()
        .objects.filter(is_active=True, role_assignments__role__in=roles)
        .prefetch_related("role_assignments")
        .distinct()
    )
    return [
        user
        for user in users
        if any(a.role in roles and a.is_active_on(today) for a in user.role_assignments.all())
    ]


def recipients_of(definition: ReportDefinition) -> tuple[list[tuple[str, str]], list[str]]:
    """(email, language) pairs to send to, and the names of recipients skipped for having no email."""
    found: dict[str, str] = {}
    skipped: list[str] = []
    for user in _users_with_roles(definition.recipient_roles) if definition.recipient_roles else []:
        if user.email:
            found.setdefault(user.email.lower(), user.preferred_language or definition.language)
        else:
            skipped.append(user.get_full_name() or str(user.pk))
    for address in definition.email_addresses:
        found.setdefault(address.lower(), definition.language)
    return list(found.items()), skipped


RUN_HEADER = "X-Portal-Report-Run"


def deliver(run_id: int) -> int:
    """Queue the mail to the recipients once: the delivery is claimed before the first message.

    `delivered_to` lists only the addresses whose mail the server accepted: a direct backend
    accepts at once, the queue tells later (record_accepted_mail).
    """
    now = timezone.now()
    if not ReportRun.objects.filter(pk=run_id, state=RunState.FINISHED, delivered_at__isnull=True).update(
        delivered_at=now
    ):
        return 0
    run = ReportRun.objects.select_related("definition__audience").get(pk=run_id)
    recipients, skipped = recipients_of(run.definition)
    attachments = []
    if run.size and run.size <= ATTACHMENT_LIMIT:
        with run.file.open("rb") as handle:
            attachments = [(_file_name(run), handle.read(), "application/pdf")]
    accepted = []
    assert run.snapshot is not None  # only a finished run is sent
    for address, language in recipients:
        with translation.override(language):
            link = absolute_url(reverse("reports:run_detail", kwargs={"pk": run.pk}))
        context = {
            "run": run,
            "title": run.snapshot["meta"]["title"],
            "link": link,
            "attached": bool(attachments),
        }
        headers = {RUN_HEADER: str(run.pk)}
        if send_mail_in_language(
            [address], "reports/emails/run_delivered", context, language, attachments, headers
        ):
            accepted.append(address)
    ReportRun.objects.filter(pk=run_id).update(delivered_to=accepted, skipped_recipients=skipped)
    return len(recipients)


def record_accepted_mail(sender, emails, **kwargs) -> None:
    """Add the recipients of report mail the server has just accepted to their run's `delivered_to`."""
    for email in emails:
        run_id = (email.headers or {}).get(RUN_HEADER)
        if not run_id:
            continue
        with transaction.atomic():
            run = ReportRun.objects.select_for_update().filter(pk=int(run_id)).first()
            if run is None:
                continue
            new = [address for address in email.to if address not in run.delivered_to]
            if new:
                run.delivered_to = [*run.delivered_to, *new]
                run.save(update_fields=["delivered_to"])


def notify_staff_of_failure(run_id: int) -> None:
    from membership.models import Role

    run = ReportRun.objects.select_related("definition").get(pk=run_id)
    addresses = {address.lower() for address in settings.STAFF_NOTIFICATION_EMAILS}
    addresses |= {user.email.lower() for user in _users_with_roles([Role.STAFF]) if user.email}
    link = absolute_url(reverse("reports:run_detail", kwargs={"pk": run.pk}))
    send_mail_in_language(
        sorted(addresses),
        "reports/emails/run_failed",
        {"run": run, "link": link, "attempts": MAX_ATTEMPTS},
        "fi",
    )
