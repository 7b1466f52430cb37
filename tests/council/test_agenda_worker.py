"""The agenda's invitations are rendered by the Celery worker: the request only sends the agenda."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from council import services
from council.models import Meeting
from membership.models import Role
from tests.council.factories import deputy_user, make_meeting, seat
from tests.factories import user_with_role
from tests.reports.conftest import broker, start_worker, wait_for, worker_env  # noqa: F401 - fixtures


# The worker process must see committed data (a transactional test); serialized rollback restores
# the reference data that the flush after it removes.
@pytest.mark.celery_worker
@pytest.mark.timeout(180)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_mails_the_invitations_and_the_agenda_page_tells_how_far_it_is(
    client,
    worker_env,  # noqa: F811 - the fixture imported above
    start_worker,  # noqa: F811
):
    seats = [seat(deputy_user=deputy_user()) for _ in range(3)]
    meeting = make_meeting(items=2)
    client.force_login(user_with_role(Role.STAFF))
    page_url = reverse("council:agenda_edit", args=[meeting.pk])

    # The worker is not running yet: the agenda is sent, its invitations wait.
    response = client.post(reverse("council:agenda_send", args=[meeting.pk]), follow=True)
    assert "Esityslista on lähetetty 3 jäsenelle." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.SENT and meeting.invitations_queued_at is None
    assert meeting.attendances.count() == 6
    assert 'role="status">Kutsuja valmistellaan' in client.get(page_url).content.decode()
    assert not any(worker_env["mail"].iterdir())

    start_worker(concurrency=1)
    wait_for(
        lambda: Meeting.objects.get(pk=meeting.pk).invitations_queued_at is not None,
        message="the invitations",
    )
    written = "".join(path.read_text() for path in worker_env["mail"].iterdir())
    for member in seats:
        assert f"To: {member.email}" in written
        assert f"To: {member.deputies.get().email}" in written
    assert written.count("Content-Type: text/calendar") == 6
    page = client.get(page_url).content.decode()
    assert "Kutsuja valmistellaan" not in page and "Kutsut lähtivät" in page


@pytest.mark.django_db
def test_the_sweep_mails_what_the_broker_lost_once_and_never_for_a_cancelled_meeting():
    seat()
    seat()
    meeting = make_meeting(items=1)
    cancelled = make_meeting(items=1, days=20)
    services.send_agenda(meeting)  # no commit here: the task message is never sent
    services.send_agenda(cancelled)
    services.cancel_meeting(cancelled)
    assert mail.outbox == []
    assert services.invitations_pending(meeting)
    assert services.mail_agenda_invitations() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(meeting.attendances.values_list("email", flat=True))
    meeting.refresh_from_db()
    assert meeting.invitations_queued_at <= timezone.now() and not services.invitations_pending(meeting)
    assert services.mail_agenda_invitations() == 0
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_the_migration_marks_agendas_sent_before_it_and_schedules_the_sweep():
    import importlib

    from django.apps import apps
    from django_celery_beat.models import PeriodicTask

    migration = importlib.import_module("council.migrations.0007_agenda_invitations_in_the_worker")
    earlier = make_meeting(items=1)
    services.send_agenda(earlier)
    draft = make_meeting(items=1)
    migration.mark_sent_agendas_and_schedule_the_sweep(apps, None)
    earlier.refresh_from_db()
    draft.refresh_from_db()
    assert earlier.invitations_queued_at == earlier.sent_at and draft.invitations_queued_at is None
    task = PeriodicTask.objects.get(name="council: agenda invitations")
    assert task.task == "council.tasks.mail_agenda_invitations"
