"""Uploads are reachable only through permission-checked views, in every mode."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import URLPattern, URLResolver, clear_url_caches, reverse

from actionplan import services as plan_services
from actionplan.models import Indicator
from council.models import Attachment
from membership.kernel.files import RandomPath, random_path
from membership.middleware import StaffMfaRequiredMiddleware
from membership.models import Role
from tests.council.factories import make_meeting
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def _callbacks(patterns):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _callbacks(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            yield entry.callback


@pytest.fixture
def debug_urls(settings):
    """The URL configuration as `make run` builds it (DJANGO_DEBUG=1)."""
    import config.urls

    settings.DEBUG = True
    module = importlib.reload(config.urls)
    clear_url_caches()
    yield module
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.fixture
def private_attachment(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = make_meeting(items=1).items.first()
    item.is_public = False
    item.save()
    attachment = Attachment(item=item, name="cv.pdf", content_type="application/pdf", size=9)
    attachment.file.save("cv.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return attachment


def test_no_url_serves_media_root_even_in_debug(debug_urls, private_attachment, client):
    modules = {getattr(cb, "__module__", "") for cb in _callbacks(debug_urls.urlpatterns)}
    assert "django.views.static" not in modules
    client.force_login(user_with_role(Role.STAFF))
    name = private_attachment.file.name
    for url in (f"/media/{name}", f"/fi/media/{name}", f"/{name}"):
        assert client.get(url).status_code == 404, url


def test_stored_names_have_a_random_part_and_fit_the_field():
    first, second = random_path("council/2026", "liite.pdf"), random_path("council/2026", "liite.pdf")
    assert first != second
    assert first.startswith("council/2026/") and first.endswith("/liite.pdf")
    assert len(first.split("/")[2]) >= 16
    long_name = random_path("actionplan/evidence/2026", "x" * 300 + ".pdf")
    assert len(long_name) <= 100 and long_name.endswith(".pdf")
    assert "../" not in random_path("a", "../../etc/passwd")
    assert RandomPath("council/%Y")(None, "a.pdf").startswith("council/2")


def test_a_file_view_checks_the_item_every_time_and_never_lets_the_browser_render_it(
    private_attachment, client
):
    url = reverse("council:attachment", args=[private_attachment.pk])
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(user_with_role(Role.BOARD))
    assert client.get(url).status_code == 404
    client.force_login(user_with_role(Role.STAFF))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n"
    private_attachment.item.meeting.delete()
    assert client.get(url).status_code == 404


def test_the_web_server_may_do_the_transfer_after_the_check(private_attachment, client):
    client.force_login(user_with_role(Role.STAFF))
    with override_settings(PROTECTED_FILES_ACCEL_PREFIX="/protected/"):
        response = client.get(reverse("council:attachment", args=[private_attachment.pk]))
    assert response["X-Accel-Redirect"] == f"/protected/{private_attachment.file.name}"
    assert response.content == b""
    assert response["Content-Disposition"] == "attachment; filename=\"cv.pdf\"; filename*=UTF-8''cv.pdf"


def test_reading_evidence_goes_through_its_view(settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path
    staff = user_with_role(Role.STAFF)
    period = plan_services.ensure_period(plan_services.current_plan(), "2026-Q2")
    reading = plan_services.record_reading(
        Indicator.objects.get(code="01.2.d"),
        period,
        "5",
        acting_user=staff,
        evidence_file=ContentFile(b"%PDF-1.4\n", name="raportti.pdf"),
    )
    url = reverse("actionplan:reading_evidence", args=[reading.pk])
    client.force_login(user_with_role(Role.MEMBER))
    assert client.get(url).status_code == 403
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    page = client.get(reverse("actionplan:reading_record", args=[period.code, reading.indicator_id]))
    assert url in page.content.decode() and "/media/" not in page.content.decode()


def test_the_mfa_middleware_exempts_no_file_path():
    assert not any("media" in prefix for prefix in StaffMfaRequiredMiddleware.allowed_prefixes)
