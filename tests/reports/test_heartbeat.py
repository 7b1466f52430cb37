"""Running runs keep a heartbeat; the sweep, every minute, requeues only those whose beat stopped."""

import datetime

import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from reports import services
from reports.models import ReportRun, RunState

from .factories import ReportRunFactory

pytestmark = pytest.mark.django_db


def test_a_dead_worker_is_found_within_two_minutes_by_the_schedule():
    sweep = PeriodicTask.objects.get(name="reports-sweep-stalled-runs")
    assert (sweep.interval.every, sweep.interval.period) == (1, "minutes") and sweep.enabled
    assert datetime.timedelta(minutes=1) >= services.STALE_AFTER
    # Two beats may be missed (a busy database) before a live run looks dead.
    assert services.HEARTBEAT * 3 <= services.STALE_AFTER
    assert sweep.interval.schedule.run_every + services.STALE_AFTER <= datetime.timedelta(minutes=2)


def test_the_sweep_goes_by_the_heartbeat_not_by_the_start(sent_tasks, django_capture_on_commit_callbacks):
    now = timezone.now()
    long_but_alive = ReportRunFactory(
        state=RunState.RUNNING, attempts=1, started_at=now - datetime.timedelta(hours=1), heartbeat_at=now
    )
    silent = ReportRunFactory(
        state=RunState.RUNNING,
        attempts=1,
        started_at=now - datetime.timedelta(minutes=3),
        heartbeat_at=now - datetime.timedelta(seconds=61),
    )
    never_beat = ReportRunFactory(
        state=RunState.RUNNING, attempts=1, started_at=now - datetime.timedelta(seconds=90)
    )
    # A run queued for a retry a minute from now is not resent early.
    waiting = ReportRunFactory(state=RunState.QUEUED, attempts=1)
    with django_capture_on_commit_callbacks(execute=True):
        counts = services.sweep_stalled_runs()
    assert counts == {"requeued": 2, "failed": 0, "resent": 0}
    states = dict(ReportRun.objects.values_list("pk", "state"))
    assert states[long_but_alive.pk] == RunState.RUNNING
    assert states[silent.pk] == states[never_beat.pk] == states[waiting.pk] == RunState.QUEUED
    assert sorted(args for kind, args in sent_tasks) == sorted([(silent.pk,), (never_beat.pk,)])


def test_a_worker_that_lost_its_run_cannot_keep_it_alive(sent_tasks):
    run = ReportRunFactory(state=RunState.RUNNING, attempts=1, started_at=timezone.now())
    assert services.beat(run)
    ReportRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(minutes=2))
    services.sweep_stalled_runs()
    claimed = services.claim_run(run.pk, "second:1")
    assert claimed.attempts == 2
    # The first worker's beat carries attempt 1: it no longer holds the run.
    assert not services.beat(run)
    assert services.beat(claimed)
