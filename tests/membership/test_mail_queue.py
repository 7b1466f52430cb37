"""The mail queue against a real SMTP server (aiosmtpd), and with that server down."""

import socket
import time
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.urls import reverse
from django.utils import timezone
from post_office.models import STATUS, Email

from config.cache import TolerantRedisCache
from membership import mailqueue
from membership.notifications import send_mail_in_language
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db
SMTP = "django.core.mail.backends.smtp.EmailBackend"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def queue_settings(settings, port: int):
    settings.EMAIL_BACKEND = "post_office.EmailBackend"
    settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": SMTP}}
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5


def send_invitation_mail():
    return send_mail_in_language(
        ["uusi@example.fi"], "membership/emails/mail_failures", {"emails": [], "link": "x", "failures": 3}
    )


def test_a_message_is_stored_in_the_request_and_sent_by_the_worker(settings, smtp):
    controller, inbox = smtp
    queue_settings(settings, controller.port)
    assert send_invitation_mail() == 0  # stored, not sent
    assert inbox.messages == []
    assert Email.objects.get().status == STATUS.queued

    assert mailqueue.send_due_mail() == {"sent": 1, "requeued": 0, "failed": 0}
    [message] = inbox.messages
    assert message["From"].addresses[0].display_name == "VAKE:n järjestöneuvottelukunta"
    assert {part.get_content_type() for part in message.walk()} >= {"text/plain", "text/html"}
    assert Email.objects.get().status == STATUS.sent
    assert mailqueue.send_due_mail()["sent"] == 0  # nothing twice


def test_with_the_server_down_mail_waits_backs_off_and_notifies_staff_once(
    settings, client, django_capture_on_commit_callbacks
):
    queue_settings(settings, free_port())  # nothing listens there
    settings.STAFF_NOTIFICATION_EMAILS = ["hyte-notices@example.fi"]
    send_invitation_mail()
    email = Email.objects.get()
    waits = []
    for _ in range(4):
        Email.objects.filter(pk=email.pk).update(scheduled_time=timezone.now())
        # From the fourth round the staff notice (queued at the third failure) fails too.
        with django_capture_on_commit_callbacks(execute=True):
            assert mailqueue.send_due_mail()["requeued"] == (1 if len(waits) < 3 else 2)
        email.refresh_from_db()
        waits.append((email.scheduled_time - timezone.now()).total_seconds())
    assert email.status == STATUS.requeued and email.number_of_retries == 4
    assert waits[0] < waits[1] < waits[2]  # back-off
    notices = Email.objects.filter(headers__has_key=mailqueue.NOTICE_HEADER)
    assert notices.count() == 1  # once, at the third failure
    assert notices.get().to == ["hyte-notices@example.fi"]

    staff = user_with_role("staff")
    client.force_login(staff)
    page = client.get(reverse("membership:mail_failures")).content.decode()
    assert "uusi@example.fi" in page and "ConnectionRefusedError" in page
    client.post(reverse("membership:mail_resend", args=[email.pk]))
    email.refresh_from_db()
    assert email.status == STATUS.queued and email.scheduled_time is None


def test_mail_comes_through_after_the_server_is_back(settings):
    port = free_port()
    queue_settings(settings, port)
    send_invitation_mail()
    assert mailqueue.send_due_mail()["requeued"] == 1
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        Email.objects.update(scheduled_time=timezone.now())
        assert mailqueue.send_due_mail()["sent"] == 1
    finally:
        controller.stop()
    assert len(inbox.messages) == 1


def test_signup_with_the_server_down_stores_the_portal_wording_with_site_url(settings, client):
    queue_settings(settings, free_port())
    settings.SITE_URL = "https://neuvottelukunta.example.fi"
    response = client.post(
        "/fi/accounts/signup/",
        {
            "email": "uusi.kayttaja@example.fi",
            "first_name": "Uusi",
            "last_name": "Käyttäjä",
            "password1": "pitka-salasana-2026",
            "password2": "pitka-salasana-2026",
        },
    )
    assert response.status_code == 302
    email = Email.objects.get(to=["uusi.kayttaja@example.fi"])
    assert email.subject.startswith("VAKE: ")
    assert "https://neuvottelukunta.example.fi/fi/accounts/confirm-email/" in email.message
    assert "testserver" not in email.message and email.html_message


def test_the_cache_degrades_when_redis_is_unreachable():
    cache = TolerantRedisCache(
        f"redis://127.0.0.1:{free_port()}/0", {"OPTIONS": {"socket_connect_timeout": 0.5}}
    )
    started = time.monotonic()
    assert cache.get("key", "default") == "default"
    cache.set("key", "value", DEFAULT_TIMEOUT)
    assert cache.add("key", "value") is True
    assert cache.incr("counter") == 1
    assert time.monotonic() - started < 10


def test_queueing_work_with_the_broker_unreachable_gives_up_quickly_without_raising():
    from config.celery import app
    from membership.queueing import send_task
    from membership.tasks import send_queued_mail

    app.conf.broker_url = f"redis://127.0.0.1:{free_port()}/0"
    app._after_fork()  # drop pooled connections to the real broker
    try:
        started = time.monotonic()
        assert send_task(send_queued_mail) is False
        assert time.monotonic() - started < 15
    finally:
        app.conf.broker_url = None
        app.config_from_object("django.conf:settings", namespace="CELERY")
        app._after_fork()
