"""A large grants export is prepared by a real `celery worker` process, its page polls, and only the
person who asked may see and download it."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from membership import exports as export_jobs
from membership.kernel import spreadsheets
from membership.models import ExportJob, Role
from tests.factories import OrganisationFactory, user_with_role
from tests.grants.factories import GrantFactory
from tests.reports.conftest import broker, start_worker, wait_for, worker_env  # noqa: F401 - fixtures

ROWS = 30


# The worker process must see committed data (a transactional test); serialized rollback restores
# the reference data that the flush after it removes.
@pytest.fixture
def many_grants(monkeypatch):
    # Lowering the threshold in this process makes 30 rows "large" without writing 5 000.
    monkeypatch.setattr(export_jobs, "IMMEDIATE_ROWS", ROWS - 1)
    organisation = OrganisationFactory(name_fi="Kaavayhdistys ry")
    for _ in range(ROWS):
        GrantFactory(organisation=organisation)
    return organisation


def _ask(client, fmt="xlsx", query="year=2025"):
    confirm = client.get(f"{reverse('grants:grant_export', args=[fmt])}?{query}")
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert f"{ROWS} riviä" in html
    token = re.search(r'name="submission_token" value="([^"]+)"', html).group(1)
    return {"query": re.search(r'name="query" value="([^"]*)"', html).group(1), "submission_token": token}


@pytest.mark.celery_worker
@pytest.mark.timeout(180)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_worker_prepares_a_large_export_with_progress_and_a_link(
    client,
    many_grants,
    worker_env,  # noqa: F811 - the fixture imported above
    start_worker,  # noqa: F811
    fmt,
):
    # The grants tests run in English (tests/grants/conftest.py); this one reads the Finnish pages.
    translation.activate("fi")
    staff = user_with_role(Role.STAFF)
    client.force_login(staff)
    form = _ask(client, fmt)
    assert form["query"] == "year=2025"

    # The worker is not running yet: the job waits, and a resent POST makes no second job.
    response = client.post(reverse("grants:grant_export", args=[fmt]), form)
    again = client.post(reverse("grants:grant_export", args=[fmt]), form)
    assert response.status_code == again.status_code == 302
    assert response.headers["Location"] == again.headers["Location"]
    job = ExportJob.objects.get()
    assert (job.user, job.kind, job.fmt, job.state) == (staff, "grants", fmt, ExportJob.State.QUEUED)
    page = client.get(response.headers["Location"]).content.decode()
    assert 'hx-trigger="every 2s"' in page and "data-announce" in page

    start_worker(concurrency=1)
    wait_for(lambda: ExportJob.objects.get(pk=job.pk).state == ExportJob.State.FINISHED, message="the export")
    job.refresh_from_db()
    assert (job.total, job.done, job.percent) == (ROWS, ROWS, 100)
    assert job.file.name.startswith("exports/") and job.filename.endswith(f".{fmt}")

    part = client.get(reverse("membership:export_detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    html = part.content.decode()
    assert "hx-trigger" not in html and "Tiedosto on valmis" in html
    download_url = reverse("membership:export_download", args=[job.pk])
    assert download_url in html

    download = client.get(download_url)
    assert download.status_code == 200
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in download["Content-Disposition"]
    rows = spreadsheets.read_rows(b"".join(download.streaming_content))
    assert len(rows) == ROWS + 1 and rows[0][0] == "Järjestö"
    assert {row[0] for row in rows[1:]} == {"Kaavayhdistys ry"}

    # Nobody else sees the job or its file, staff included.
    client.force_login(user_with_role(Role.STAFF))
    assert client.get(reverse("membership:export_detail", args=[job.pk])).status_code == 404
    assert client.get(download_url).status_code == 404


@pytest.mark.django_db
def test_a_small_export_is_answered_at_once(client):
    GrantFactory()
    client.force_login(user_with_role(Role.STAFF))
    response = client.get(reverse("grants:grant_export", args=["csv"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert not ExportJob.objects.exists()


@pytest.mark.django_db
def test_a_job_that_cannot_be_written_fails_with_its_reason_and_runs_once():
    job = ExportJob.objects.create(user=user_with_role(Role.STAFF), kind="unknown", fmt="csv")
    export_jobs.run_job(job.pk)
    job.refresh_from_db()
    assert job.state == ExportJob.State.FAILED and "KeyError" in job.error
    export_jobs.run_job(job.pk)  # a resent task leaves a failed job alone
    assert ExportJob.objects.get(pk=job.pk).finished_at == job.finished_at


@pytest.mark.django_db
def test_the_export_page_leads_back_to_ones_own_jobs_of_the_last_week(client, many_grants):
    translation.activate("fi")
    staff, colleague = user_with_role(Role.STAFF), user_with_role(Role.STAFF)
    client.force_login(staff)
    asked = client.post(f"{reverse('grants:grant_export', args=['csv'])}?year=2025", _ask(client, fmt="csv"))
    job = ExportJob.objects.get(user=staff)
    assert asked.status_code == 302 and asked.url == reverse("membership:export_detail", args=[job.pk])
    page = client.get(reverse("grants:grant_export", args=["xlsx"])).content.decode()
    assert "Omat vientisi viimeisen viikon ajalta" in page
    assert reverse("membership:export_detail", args=[job.pk]) in page
    client.force_login(colleague)
    assert (
        reverse("membership:export_detail", args=[job.pk])
        not in client.get(reverse("grants:grant_export", args=["xlsx"])).content.decode()
    )


def _stalled_job(staff, state, attempts, minutes_ago=6):
    then = timezone.now() - timedelta(minutes=minutes_ago)
    return ExportJob.objects.create(
        user=staff,
        kind="grants",
        fmt="csv",
        params={"year": ["2025"]},
        state=state,
        attempts=attempts,
        heartbeat_at=then if state == ExportJob.State.RUNNING else None,
        created_at=then,
    )


@pytest.mark.django_db
def test_a_job_whose_worker_died_is_taken_back_and_finished(many_grants):
    job = _stalled_job(user_with_role(Role.STAFF), ExportJob.State.RUNNING, attempts=1)
    fresh = _stalled_job(job.user, ExportJob.State.RUNNING, attempts=1, minutes_ago=1)
    assert export_jobs.sweep_stalled_jobs() == {"failed": 0, "sent again": 1}
    job.refresh_from_db()
    assert job.state == ExportJob.State.QUEUED
    assert ExportJob.objects.get(pk=fresh.pk).state == ExportJob.State.RUNNING  # its worker is alive

    export_jobs.run_job(fresh.pk)  # a redelivered task of a job that a worker holds does nothing
    assert ExportJob.objects.get(pk=fresh.pk).attempts == 1
    export_jobs.run_job(job.pk)
    job.refresh_from_db()
    assert (job.state, job.attempts, job.done, job.total) == (ExportJob.State.FINISHED, 2, ROWS, ROWS)
    assert job.file.name and job.heartbeat_at > timezone.now() - timedelta(minutes=1)


@pytest.mark.django_db
def test_after_three_lost_workers_or_an_hour_unstarted_a_job_fails_and_its_page_says_so(client, many_grants):
    translation.activate("fi")
    staff = user_with_role(Role.STAFF)
    lost = _stalled_job(staff, ExportJob.State.RUNNING, attempts=export_jobs.MAX_ATTEMPTS)
    unstarted = _stalled_job(staff, ExportJob.State.QUEUED, attempts=0, minutes_ago=61)
    assert export_jobs.sweep_stalled_jobs() == {"failed": 2, "sent again": 0}
    lost.refresh_from_db()
    unstarted.refresh_from_db()
    assert (lost.state, lost.error) == (ExportJob.State.FAILED, export_jobs.WORKER_LOST)
    assert (unstarted.state, unstarted.error) == (ExportJob.State.FAILED, export_jobs.NEVER_STARTED)
    client.force_login(staff)
    page = client.get(reverse("membership:export_detail", args=[lost.pk])).content.decode()
    assert "Vienti epäonnistui" in page and "hx-trigger" not in page


@pytest.mark.timeout(180)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_job_asked_for_while_redis_was_down_is_sent_again_by_the_sweep_and_done(
    client,
    many_grants,
    worker_env,  # noqa: F811 - the fixture imported above
    start_worker,  # noqa: F811
):
    from config.celery import app

    translation.activate("fi")
    client.force_login(user_with_role(Role.STAFF))
    form = _ask(client, "csv")
    working = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    app._after_fork()
    try:
        asked = client.post(reverse("grants:grant_export", args=["csv"]), form)
    finally:
        app.conf.broker_url = working
        app._after_fork()
    assert asked.status_code == 302  # the outage did not reach the person
    job = ExportJob.objects.get()
    start_worker(concurrency=1)
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=6))
    assert export_jobs.sweep_stalled_jobs() == {"failed": 0, "sent again": 1}
    wait_for(lambda: ExportJob.objects.get(pk=job.pk).state == ExportJob.State.FINISHED, message="the export")
