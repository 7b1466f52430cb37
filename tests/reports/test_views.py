"""Staff pages: definitions with their schedules, generating now, a run's state, preview and download."""

import pytest
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from membership.models import Role
from reports.models import ReportDefinition, ReportRun, RunState
from tests.factories import user_with_role

from .factories import ReportDefinitionFactory, ReportRunFactory, audience

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "name": "Lautakunnan puolivuosiraportti",
        "audience": audience("board").pk,
        "language": "fi",
        "sections": ["summary", "goals"],
        "recipient_roles": ["board"],
        "recipient_emails": "kirjaamo@example.fi\n",
        "period_kind": "H",
        "schedule": "recurring",
        "send_day": "5",
        "send_time": "07:00",
        "once_on": "",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_staff_create_a_definition_with_its_beat_schedule(staff_client):
    response = staff_client.post(reverse("reports:definition_create"), _form())
    definition = ReportDefinition.objects.get()
    assert response.status_code == 302
    assert definition.recipient_roles == ["board"] and definition.sections == ["summary", "goals"]
    task = PeriodicTask.objects.get(pk=definition.periodic_task_id)
    assert task.crontab.month_of_year == "1,7" and task.enabled


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"send_time": "03:30"}, "send_time", "04"),
        ({"recipient_emails": "ok@example.fi\nnot an address"}, "recipient_emails", "not an address"),
        ({"schedule": "once"}, "once_on", ""),
        ({"send_day": "31"}, "send_day", "28"),
        ({"sections": []}, "sections", ""),
    ],
)
def test_bad_input_is_explained_and_kept(staff_client, overrides, field, message):
    response = staff_client.post(reverse("reports:definition_create"), _form(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    assert "Lautakunnan puolivuosiraportti" in response.content.decode()  # nothing typed is lost
    assert not ReportDefinition.objects.exists()


def test_generate_now_queues_a_run_and_a_bad_period_is_explained(staff_client, sent_tasks):
    definition = ReportDefinitionFactory()
    url = reverse("reports:definition_detail", kwargs={"pk": definition.pk})
    response = staff_client.post(url, {"period": "2026-Q7"})
    assert response.status_code == 200 and "2026-Q3" in response.content.decode()
    with_commit = staff_client.post(url, {"period": "2026-q2"})
    run = ReportRun.objects.get()
    assert with_commit.status_code == 302 and run.period == "2026-Q2" and run.state == RunState.QUEUED


def test_a_failed_run_shows_its_error_and_can_be_retried(staff_client, sent_tasks):
    run = ReportRunFactory(state=RunState.FAILED, attempts=3, error="RuntimeError: fonts missing")
    page = staff_client.get(reverse("reports:run_detail", kwargs={"pk": run.pk})).content.decode()
    assert "fonts missing" in page and reverse("reports:run_retry", kwargs={"pk": run.pk}) in page
    staff_client.post(reverse("reports:run_retry", kwargs={"pk": run.pk}))
    run.refresh_from_db()
    assert (run.state, run.attempts) == (RunState.QUEUED, 0)


def test_preview_is_the_same_content_in_the_report_language(staff_client, settings, tmp_path, sent_tasks):
    from reports import services

    settings.MEDIA_ROOT = tmp_path
    run = ReportRunFactory(definition=ReportDefinitionFactory(language="sv"))
    services.execute_run(run.pk)
    page = staff_client.get(reverse("reports:run_preview", kwargs={"pk": run.pk})).content.decode()
    assert 'lang="sv"' in page and run.period in ReportRun.objects.get().snapshot["meta"]["period"]
    assert page.count("<h1") == 1
    download = staff_client.get(reverse("reports:run_download", kwargs={"pk": run.pk}))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_board_members_see_only_finished_runs_sent_to_the_board(client):
    board = user_with_role(Role.BOARD)
    to_board = ReportDefinitionFactory(recipient_roles=[Role.BOARD])
    shown = ReportRunFactory(definition=to_board, state=RunState.FINISHED)
    ReportRunFactory(definition=to_board, period="2026-H2", state=RunState.FAILED)
    ReportRunFactory(
        definition=ReportDefinitionFactory(recipient_roles=[Role.STAFF]), state=RunState.FINISHED
    )
    client.force_login(board)
    response = client.get(reverse("reports:run_list"))
    assert [run.pk for run in response.context["page"].object_list] == [shown.pk]


@pytest.mark.parametrize("count", [3, 30])
def test_run_list_queries_do_not_grow(staff_client, django_assert_max_num_queries, count):
    definition = ReportDefinitionFactory()
    for n in range(count):
        ReportRunFactory(definition=definition, period=f"{2000 + n}")
    with django_assert_max_num_queries(12):
        assert staff_client.get(reverse("reports:run_list")).status_code == 200
