"""A report run is "delivered" to an address only once the mail server accepted its mail."""

import pytest
from post_office.models import Email

from membership import mailqueue
from reports import services
from tests.membership.test_mail_queue import queue_settings, smtp  # noqa: F401 (fixture)

from .factories import ReportDefinitionFactory, ReportRunFactory

pytestmark = pytest.mark.django_db


def test_report_mail_counts_as_delivered_only_when_the_server_accepted_it(
    sent_tasks,
    settings,
    tmp_path,
    smtp,  # noqa: F811 (the imported fixture)
    django_capture_on_commit_callbacks,
):
    settings.MEDIA_ROOT = tmp_path
    controller, inbox = smtp
    queue_settings(settings, controller.port)
    definition = ReportDefinitionFactory(recipient_roles=[], recipient_emails="extra@example.fi")
    run = ReportRunFactory(definition=definition)
    services.execute_run(run.pk)
    assert services.deliver(run.pk) == 1
    run.refresh_from_db()
    assert run.delivered_to == [] and Email.objects.filter(to=["extra@example.fi"]).exists()
    with django_capture_on_commit_callbacks(execute=True):
        mailqueue.send_due_mail()
    run.refresh_from_db()
    assert run.delivered_to == ["extra@example.fi"]
    assert [m["To"] for m in inbox.messages] == ["extra@example.fi"]
