"""A real `celery worker` process against the real Redis and the test database (not eager mode)."""

import datetime
import hashlib
import time

import pytest
from django.db import transaction
from django.utils import timezone

from config.celery import app as celery_app
from membership.kernel.periods import Period
from reports import services
from reports.models import ReportRun, RunState, ScheduleKind
from reports.schedules import SCHEDULED_TASK, period_due

from .conftest import wait_for
from .factories import ReportDefinitionFactory

# The worker process must see committed data; serialized rollback restores the reference data
# (audiences, seat categories) that the flush after a transactional test would otherwise remove.
pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.timeout(180),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _run_state(run_id):
    return ReportRun.objects.values_list("state", flat=True).get(pk=run_id)


def _mails(worker_env):
    return [path.read_text() for path in sorted(worker_env["mail"].glob("*.log"))]


def test_beat_sending_the_task_twice_produces_one_run(worker_env, start_worker):
    definition = ReportDefinitionFactory(schedule=ScheduleKind.RECURRING)
    services.save_definition(definition)
    assert definition.periodic_task.task == SCHEDULED_TASK
    worker = start_worker(concurrency=2)

    # What beat does when it fires twice (two beats, or a restart at the wrong moment).
    for _ in range(2):
        celery_app.send_task(SCHEDULED_TASK, args=[definition.pk])

    wait_for(lambda: worker.succeeded(SCHEDULED_TASK) == 2, message="both messages handled")
    wait_for(lambda: worker.succeeded("reports.deliver_run") == 1, message="delivery")
    period = period_due(definition, datetime.date.today())
    runs = list(ReportRun.objects.filter(definition=definition))
    assert [(run.period, run.state, run.attempts) for run in runs] == [(str(period), RunState.FINISHED, 1)]
    run = runs[0]
    with run.file.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == run.checksum
    assert run.snapshot["meta"]["period"] == str(period)
    mails = _mails(worker_env)
    assert len(mails) == 1 and "lautakunta@example.fi" in mails[0]
    assert run.delivered_to == ["lautakunta@example.fi"]


def test_a_worker_killed_mid_run_ends_in_one_finished_run_after_the_sweep(worker_env, start_worker):
    definition = ReportDefinitionFactory()
    faults = worker_env["faults"]
    (faults / "hang").write_text("")
    first = start_worker(concurrency=1)
    with transaction.atomic():
        run = services.request_run(definition, Period.parse("2026-H1"))

    wait_for(lambda: (faults / "started").exists(), message="the run to start")
    first.kill()
    assert _run_state(run.pk) == RunState.RUNNING
    (faults / "hang").unlink()

    start_worker(concurrency=1)
    counts = services.sweep_stalled_runs(stale_after=datetime.timedelta(0))
    assert counts["requeued"] == 1
    wait_for(lambda: _run_state(run.pk) == RunState.FINISHED, message="the run to finish")

    run.refresh_from_db()
    assert ReportRun.objects.filter(definition=definition).count() == 1
    assert run.attempts == 2
    assert "stopped during attempt 1" in run.error
    assert run.size > 1000 and run.file.storage.exists(run.file.name)


def test_a_killed_workers_run_is_finished_within_two_minutes_and_a_live_one_is_left_alone(
    worker_env, start_worker
):
    worker_env["env"]["REPORTS_TEST_HEARTBEAT"] = "1"
    stale = datetime.timedelta(seconds=3)
    definition = ReportDefinitionFactory()
    faults = worker_env["faults"]
    (faults / "hang").write_text("")
    first = start_worker(concurrency=1)
    with transaction.atomic():
        run = services.request_run(definition, Period.parse("2026-H1"))
    wait_for(lambda: (faults / "started").exists(), message="the run to start")

    # Longer than the stale limit, but the worker is alive and beating: the sweep leaves it.
    time.sleep(5)
    assert services.sweep_stalled_runs(stale_after=stale)["requeued"] == 0
    assert ReportRun.objects.get(pk=run.pk).heartbeat_at > timezone.now() - stale

    first.kill()
    time.sleep(4)
    (faults / "hang").unlink()
    start_worker(concurrency=1)
    back = time.monotonic()
    assert services.sweep_stalled_runs(stale_after=stale)["requeued"] == 1
    wait_for(lambda: _run_state(run.pk) == RunState.FINISHED, message="the run to finish")
    assert time.monotonic() - back <= 120
    run.refresh_from_db()
    assert (run.attempts, run.worker != "") == (2, True)
    assert ReportRun.objects.filter(definition=definition).count() == 1


def test_a_failure_is_recorded_and_retried(worker_env, start_worker):
    definition = ReportDefinitionFactory()
    (worker_env["faults"] / "fail-once").write_text("")
    start_worker(concurrency=1)
    with transaction.atomic():
        run = services.request_run(definition, Period.parse("2026-H1"))

    wait_for(lambda: _run_state(run.pk) == RunState.FINISHED, message="the retried run to finish")
    run.refresh_from_db()
    assert run.attempts == 2
    assert "injected failure (once)" in run.error


def test_three_failures_email_the_staff_and_staff_can_retry(worker_env, start_worker, settings):
    definition = ReportDefinitionFactory()
    always = worker_env["faults"] / "fail-always"
    always.write_text("")
    start_worker(concurrency=1)
    with transaction.atomic():
        run = services.request_run(definition, Period.parse("2026-Q1"))

    wait_for(lambda: _run_state(run.pk) == RunState.FAILED, message="three failed attempts")
    run.refresh_from_db()
    assert run.attempts == services.MAX_ATTEMPTS
    assert "injected failure (always)" in run.error
    staff_mail = wait_for(
        lambda: [m for m in _mails(worker_env) if "hyte@vakehyva.fi" in m], message="staff email"
    )
    assert "2026-Q1" in staff_mail[0]

    always.unlink()
    with transaction.atomic():
        assert services.retry_run(run)
    wait_for(lambda: _run_state(run.pk) == RunState.FINISHED, message="the retried run to finish")
    run.refresh_from_db()
    assert run.attempts == 1
