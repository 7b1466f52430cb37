"""The public feedback form is limited per address, refuses obvious spam, and survives a cache outage."""

import socket

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from membership.kernel import throttle
from membership.models import AccessibilityFeedback
from membership.views import FEEDBACK_PER_HOUR

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def _post(client, message="Painike ei toimi näppäimistöllä.", address="198.51.100.7"):
    return client.post(
        reverse("membership:accessibility"), {"message": message, "page_url": "/fi/"}, REMOTE_ADDR=address
    )


def test_one_address_may_send_a_few_messages_an_hour_others_still_may(client):
    for _ in range(FEEDBACK_PER_HOUR):
        assert _post(client).status_code == 302
    refused = _post(client)
    assert refused.status_code == 429
    assert "Liian monta" in refused.content.decode() or "liian monta" in refused.content.decode()
    assert AccessibilityFeedback.objects.count() == FEEDBACK_PER_HOUR
    assert _post(client, address="203.0.113.9").status_code == 302


def test_obvious_spam_is_refused_with_a_message_and_mails_nobody(client):
    spam = " ".join(f"https://spam.example/{n}" for n in range(5))
    response = _post(client, message=spam)
    assert response.status_code == 200 and "linkkejä" in response.content.decode()
    assert not AccessibilityFeedback.objects.exists() and not mail.outbox


def test_a_failing_cache_lets_the_request_through(client, settings):
    """A real Redis client against a port where nothing listens: the limit degrades, nothing raises."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/13",
        }
    }
    assert throttle.allow("feedback", "198.51.100.7", limit=1, window=60)
    assert _post(client).status_code == 302
