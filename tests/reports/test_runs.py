"""Runs' state machine, the sweep, retries, delivery and the schedules kept in django-celery-beat."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_celery_beat.models import PeriodicTask, PeriodicTasks

from membership.kernel.periods import Period
from membership.models import Role
from reports import rendering, schedules, services
from reports.models import ReportRun, RunState, ScheduleKind
from tests.factories import user_with_role

from .factories import ReportDefinitionFactory, ReportRunFactory

pytestmark = pytest.mark.django_db


def test_the_period_due_is_the_last_one_ended():
    definition = ReportDefinitionFactory(period_kind="H")
    assert str(schedules.period_due(definition, datetime.date(2027, 1, 5))) == "2026-H2"
    definition.period_kind = "Q"
    assert str(schedules.period_due(definition, datetime.date(2026, 7, 5))) == "2026-Q2"


def test_a_recurring_schedule_is_kept_in_beat_and_beat_is_told():
    definition = ReportDefinitionFactory(schedule=ScheduleKind.RECURRING, period_kind="Q", send_day=7)
    definition.send_time = datetime.time(8, 30)
    before = PeriodicTasks.last_change()
    services.save_definition(definition)
    task = PeriodicTask.objects.get(pk=definition.periodic_task_id)
    assert task.task == "reports.run_scheduled_report" and task.args == f"[{definition.pk}]"
    assert (
        task.crontab.month_of_year,
        task.crontab.day_of_month,
        task.crontab.hour,
        task.crontab.minute,
    ) == (
        "1,4,7,10",
        "7",
        "8",
        "30",
    )
    assert str(task.crontab.timezone) == "Europe/Helsinki"
    assert PeriodicTasks.last_change() and (before is None or PeriodicTasks.last_change() >= before)

    definition.schedule = ScheduleKind.ONCE
    definition.once_on = datetime.date(2026, 12, 15)
    services.save_definition(definition)
    task.refresh_from_db()
    assert task.one_off and task.crontab is None and task.clocked is not None

    definition.is_active = False
    services.save_definition(definition)
    assert not PeriodicTask.objects.filter(pk=task.pk).exists()
    assert definition.periodic_task is None


@pytest.mark.parametrize("hour", [1, 2, 3, 4])
def test_schedules_avoid_the_daylight_saving_hours(hour):
    definition = ReportDefinitionFactory(schedule=ScheduleKind.RECURRING)
    definition.send_time = datetime.time(hour, 0)
    with pytest.raises(ValidationError):
        services.save_definition(definition)


def test_one_run_per_definition_and_period(sent_tasks, django_capture_on_commit_callbacks):
    definition = ReportDefinitionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.request_run(definition, Period.parse("2026-H1"))
        second = services.request_run(definition, Period.parse("2026-H1"))
    assert first.pk == second.pk
    assert ReportRun.objects.count() == 1
    assert sent_tasks == [("generate", (first.pk,))]


def test_a_claimed_run_cannot_be_claimed_again():
    run = ReportRunFactory()
    assert services.claim_run(run.pk, "a") is not None
    assert services.claim_run(run.pk, "b") is None
    run.refresh_from_db()
    assert (run.state, run.attempts, run.worker) == (RunState.RUNNING, 1, "a")


def test_execute_run_stores_file_snapshot_and_checksum(
    sent_tasks, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    run = ReportRunFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.execute_run(run.pk) == RunState.FINISHED
    run.refresh_from_db()
    assert run.state == RunState.FINISHED and run.size > 1000 and len(run.checksum) == 64
    assert run.snapshot["meta"]["period"] == "2026-H1"
    assert ("deliver", (run.pk,)) in sent_tasks
    assert services.execute_run(run.pk) is None  # a second message for the same run does nothing


def test_a_failure_is_queued_again_until_attempts_run_out(
    monkeypatch, sent_tasks, settings, django_capture_on_commit_callbacks
):
    settings.STAFF_NOTIFICATION_EMAILS = ["hyte@example.fi"]
    run = ReportRunFactory()

    def broken(snapshot):
        raise RuntimeError("fonts missing")

    monkeypatch.setattr(rendering, "render_pdf", broken)
    for attempt in range(1, services.MAX_ATTEMPTS):
        with django_capture_on_commit_callbacks(execute=True):
            assert services.execute_run(run.pk) == RunState.QUEUED
        run.refresh_from_db()
        assert run.attempts == attempt and "fonts missing" in run.error
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert services.execute_run(run.pk) == RunState.FAILED
    assert len([t for t in sent_tasks if t[0] == "generate"]) == services.MAX_ATTEMPTS - 1
    assert len(mail.outbox) == 1 and "hyte@example.fi" in mail.outbox[0].to
    assert "2026-H1" in mail.outbox[0].subject

    assert services.retry_run(run)
    run.refresh_from_db()
    assert (run.state, run.attempts) == (RunState.QUEUED, 0)


def test_the_sweep_requeues_a_lost_run_and_gives_up_after_the_last_attempt(
    sent_tasks, settings, django_capture_on_commit_callbacks
):
    settings.STAFF_NOTIFICATION_EMAILS = ["hyte@example.fi"]
    old = timezone.now() - datetime.timedelta(hours=2)
    lost = ReportRunFactory(state=RunState.RUNNING, attempts=1, started_at=old, worker="w1:1")
    spent = ReportRunFactory(state=RunState.RUNNING, attempts=services.MAX_ATTEMPTS, started_at=old)
    fresh = ReportRunFactory(state=RunState.RUNNING, attempts=1, started_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        counts = services.sweep_stalled_runs(stale_after=datetime.timedelta(minutes=30))
    assert counts == {"requeued": 1, "failed": 1, "resent": 0}
    states = dict(ReportRun.objects.values_list("pk", "state"))
    assert states == {lost.pk: RunState.QUEUED, spent.pk: RunState.FAILED, fresh.pk: RunState.RUNNING}
    assert ("generate", (lost.pk,)) in sent_tasks
    assert len(mail.outbox) == 1


def test_delivery_attaches_small_pdfs_and_lists_recipients_without_email(sent_tasks, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    board_member = user_with_role(Role.BOARD, preferred_language="sv")
    no_email = user_with_role(Role.BOARD)
    no_email.email = ""
    no_email.save()
    definition = ReportDefinitionFactory(recipient_roles=[Role.BOARD], recipient_emails="extra@example.fi")
    run = ReportRunFactory(definition=definition)
    services.execute_run(run.pk)
    assert services.deliver(run.pk) == 2
    assert services.deliver(run.pk) == 0  # delivered once only
    run.refresh_from_db()
    assert sorted(run.delivered_to) == sorted([board_member.email, "extra@example.fi"])
    assert run.skipped_recipients == [no_email.get_full_name()]
    to_member = next(m for m in mail.outbox if board_member.email in m.to)
    assert to_member.attachments and to_member.attachments[0][2] == "application/pdf"
    assert f"/sv/reports/runs/{run.pk}/" in to_member.body


def test_large_pdfs_are_linked_not_attached(sent_tasks, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(services, "ATTACHMENT_LIMIT", 100)
    run = ReportRunFactory()
    services.execute_run(run.pk)
    services.deliver(run.pk)
    assert len(mail.outbox) == 1 and not mail.outbox[0].attachments
    assert f"/fi/reports/runs/{run.pk}/" in mail.outbox[0].body


def test_the_scheduled_task_makes_the_due_period(sent_tasks, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    definition = ReportDefinitionFactory(schedule=ScheduleKind.RECURRING, period_kind="H")
    run = services.run_scheduled(definition.pk, today=datetime.date(2026, 7, 5))
    assert run.period == "2026-H1" and ReportRun.objects.get().state == RunState.FINISHED
    services.run_scheduled(definition.pk, today=datetime.date(2026, 7, 5))
    assert ReportRun.objects.count() == 1
