import io
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from membership.models import AccessibilityFeedback, Organisation, Role, SitePage, User
from tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_health_reports_each_dependency(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "database": "ok",
        "static_manifest": "ok",
        "broker": "ok",
        "cache": "ok",
        "mail_backlog": 0,
    }


@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_health_says_degraded_but_serving_when_the_broker_is_down(client):
    from config.celery import app

    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/health/")
    finally:
        app.conf.broker_url = None
        app.config_from_object("django.conf:settings", namespace="CELERY")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "degraded" and body["broker"].startswith("down")


@override_settings(
    STORAGES={
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    },
    STATIC_ROOT="/nonexistent-static-root",
)
def test_health_fails_without_the_static_manifest(client):
    response = client.get("/health/")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "unavailable" and body["static_manifest"].startswith("missing")


def test_front_page_in_three_languages(client):
    assert "Järjestöyhteistyön neuvottelukunta" in client.get("/fi/").content.decode()
    assert 'lang="sv"' in client.get("/sv/").content.decode()
    assert "NGO cooperation council" in client.get("/en/").content.decode()


def test_404_page_is_translated(client):
    response = client.get("/sv/ingen-sadan-sida/")
    assert response.status_code == 404
    assert "Sidan hittades inte" in response.content.decode()


def test_accessibility_feedback_is_stored_and_sent_to_staff(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("membership:accessibility"),
            {"message": "Kontrasti on heikko", "email": "", "page_url": "/fi/"},
        )
    assert response.status_code == 302
    assert AccessibilityFeedback.objects.get().message == "Kontrasti on heikko"
    assert "Kontrasti on heikko" in mail.outbox[0].body


def test_empty_feedback_gets_an_error_summary(client):
    response = client.post(reverse("membership:accessibility"), {"message": "", "email": "bad"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in html and not AccessibilityFeedback.objects.exists()


def test_staff_edit_the_privacy_notice(client):
    staff = user_with_role(Role.STAFF)
    client.force_login(staff)
    url = reverse("membership:site_page_edit", args=[SitePage.Slug.PRIVACY])
    response = client.post(url, {"body_fi": "Uusi teksti", "body_sv": "Ny text", "body_en": ""})
    assert response.status_code == 302
    assert "Ny text" in client.get("/sv/privacy/").content.decode()
    assert SitePage.objects.get(slug="privacy").history.latest().history_user == staff


def test_staff_edit_the_accessibility_statement_in_three_languages(client):
    client.force_login(user_with_role(Role.STAFF))
    url = reverse("membership:site_page_edit", args=[SitePage.Slug.ACCESSIBILITY])
    assert "Traficom" in client.get(url).content.decode()  # the form starts from the statement shown
    response = client.post(url, {"body_fi": "Arvioitu uudelleen", "body_sv": "Bedömd på nytt", "body_en": ""})
    assert response.status_code == 302
    assert "Bedömd på nytt" in client.get("/sv/accessibility/").content.decode()
    # No English text yet: the Finnish one is shown, marked as Finnish for screen readers.
    english = client.get("/en/accessibility/").content.decode()
    assert '<div class="prose" lang="fi">Arvioitu uudelleen</div>' in english


def test_staff_without_a_second_factor_must_set_one_up(client):
    user = UserFactory()
    user.role_assignments.create(role=Role.STAFF)
    client.force_login(user)
    response = client.get(reverse("membership:classifications"))
    assert response.status_code == 302
    assert "/2fa/totp/activate/" in response.headers["Location"]


def test_ngo_contact_does_not_need_a_second_factor(ngo_client):
    assert ngo_client.get(reverse("dashboard")).status_code == 200


def test_seed_demo_is_idempotent_and_creates_a_login_per_role():
    call_command("seed_demo", stdout=io.StringIO())
    counts = (User.objects.count(), Organisation.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (User.objects.count(), Organisation.objects.count()) == counts
    roles = {
        email: User.objects.get(email=email).roles
        for email in ("admin@example.fi", "hyte@example.fi", "jasen@example.fi", "lautakunta@example.fi")
    }
    assert Role.ADMIN in roles["admin@example.fi"]
    assert Role.STAFF in roles["hyte@example.fi"]
    assert Role.MEMBER in roles["jasen@example.fi"]
    assert Role.BOARD in roles["lautakunta@example.fi"]
    assert Role.NGO_CONTACT in User.objects.get(email="jarjesto@example.fi").roles
    municipalities = set(Organisation.objects.values_list("municipalities__code", flat=True))
    assert municipalities == {"092", "245"}
