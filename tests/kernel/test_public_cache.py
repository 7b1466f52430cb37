"""The cached public pages: fresh after a publish, 304, per language, never for the signed-in,
a valid token and nonce for every visitor, and served with Redis down."""

import re

import pytest
from csp.constants import NONCE
from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import path, reverse

from council import services
from membership.kernel.public_cache import CSRF_MARK, NONCE_MARK, public_page
from membership.roles import PUBLIC, access
from tests.council.factories import make_meeting

ARCHIVE = "/fi/council/archive/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ANY_TOKEN = re.compile(r"[A-Za-z0-9]{64}")


@access(PUBLIC)
@public_page("council")
def nonce_page(request):
    source = '<script nonce="{{ request.csp_nonce }}"></script>{% csrf_token %}'
    template = engines["django"].from_string(source)
    return HttpResponse(template.render({}, request))


urlpatterns = [path("nonce/", nonce_page)]


@pytest.fixture
def sent_meeting(db):
    meeting = make_meeting(days=-10, items=1)
    services.send_agenda(meeting)
    meeting.refresh_from_db()
    return meeting


def test_a_publish_through_the_service_shows_on_the_next_anonymous_get(
    sent_meeting, client, django_capture_on_commit_callbacks
):
    link = reverse("council:meeting_detail", args=[sent_meeting.pk])
    before = client.get(ARCHIVE)
    assert before.status_code == 200 and link not in before.content.decode()
    with CaptureQueriesContext(connection) as cached:
        again = client.get(ARCHIVE)
    assert len(cached) == 0, "a cached page reads nothing from the database"
    assert ANY_TOKEN.sub("", again.content.decode()) == ANY_TOKEN.sub("", before.content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_agenda(sent_meeting)
    after = client.get(ARCHIVE)
    assert link in after.content.decode()
    meeting_page = client.get(link)
    assert meeting_page.status_code == 200 and meeting_page.has_header("ETag")


def test_if_none_match_gives_304_only_to_the_visitor_whose_token_it_holds(sent_meeting, client):
    first = client.get(ARCHIVE)
    assert first["Cache-Control"] == "private, no-cache"
    assert "Cookie" in first["Vary"] and first.has_header("Last-Modified")
    again = client.get(ARCHIVE, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and not again.content and again["ETag"] == first["ETag"]
    # Another browser (another CSRF secret) would keep a page whose token its cookie refuses.
    stranger = Client().get(ARCHIVE, headers={"If-None-Match": first["ETag"]})
    assert stranger.status_code == 200 and stranger["ETag"] != first["ETag"]
    assert CSRF_MARK not in stranger.content.decode()


def test_the_token_of_a_cached_page_is_accepted(db):
    browser = Client(enforce_csrf_checks=True)
    browser.get(ARCHIVE)
    cached = browser.get(ARCHIVE).content.decode()
    token = TOKEN.search(cached).group(1)
    assert token != CSRF_MARK and f'"X-CSRFToken": "{token}"' in cached
    answer = browser.post("/i18n/setlang/", {"language": "sv", "next": ARCHIVE, "csrfmiddlewaretoken": token})
    assert answer.status_code == 302


def test_signed_in_users_never_get_the_cached_page(sent_meeting, client, staff_user):
    anonymous = client.get(ARCHIVE)
    assert anonymous.has_header("ETag")
    signed_in = Client()
    signed_in.force_login(staff_user)
    page = signed_in.get(ARCHIVE)
    assert page.status_code == 200 and not page.has_header("ETag")
    assert "accounts/logout" in page.content.decode()
    later = Client().get(ARCHIVE)
    assert "accounts/logout" not in later.content.decode(), "a signed-in page is never stored"


def test_a_visitor_with_a_session_is_not_served_from_the_cache(db, client):
    client.get(ARCHIVE)
    client.cookies["sessionid"] = "whatever"
    assert not client.get(ARCHIVE).has_header("ETag")


def test_each_language_is_cached_separately(db, client):
    for _ in range(2):
        for language in ("fi", "sv", "en"):
            page = client.get(f"/{language}/council/archive/")
            assert f'<html lang="{language}"' in page.content.decode()
    assert client.get("/sv/plan/").content.decode().count('<html lang="sv"') == 1


def test_a_cached_page_gets_this_requests_nonce(db, settings):
    settings.ROOT_URLCONF = "tests.kernel.test_public_cache"
    policy = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {**policy, "script-src": ["'self'", NONCE]}}
    first, second = Client().get("/nonce/"), Client().get("/nonce/")
    for answer in (first, second):
        nonce = re.search(r'nonce="([^"]+)"', answer.content.decode()).group(1)
        assert nonce != NONCE_MARK and f"'nonce-{nonce}'" in answer["Content-Security-Policy"]
    assert first.content != second.content and second.has_header("ETag")


def test_with_redis_down_the_pages_still_answer(sent_meeting, client, django_capture_on_commit_callbacks):
    closed = {
        "default": {
            "BACKEND": "config.cache.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:8169/8",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    with override_settings(CACHES=closed):
        for url in (ARCHIVE, "/fi/", "/sv/members/", "/en/plan/", "/fi/grants/national/"):
            answer = client.get(url)
            assert answer.status_code == 200, url
            assert CSRF_MARK not in answer.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            services.publish_agenda(sent_meeting)
        link = reverse("council:meeting_detail", args=[sent_meeting.pk])
        assert link in client.get(ARCHIVE).content.decode()


def test_a_text_corrected_in_the_admin_shows_on_the_next_anonymous_get(db, client):
    from actionplan.models import Measure

    measure = Measure.objects.filter(goal__plan__isnull=False).first()
    page = reverse("actionplan:measure_detail", args=[measure.pk])
    assert measure.title_fi in client.get(page).content.decode()
    with CaptureQueriesContext(connection) as cached:
        client.get(page)
    assert len(cached) == 0
    measure.title_fi = "Korjattu otsikko"
    measure.save()  # what the admin's change form does
    assert "Korjattu otsikko" in client.get(page).content.decode()
