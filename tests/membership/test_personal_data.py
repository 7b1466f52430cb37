"""Personal data, whole: a demo NGO contact's data exported from every app, then erased everywhere."""

import datetime
import json

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models
from django.urls import reverse
from django.utils import timezone

from council.models import Attendance, ReviewComment, TopicProposal
from grants.models import UseReport
from membership import personal_data
from membership.calls.demo import OPEN_TITLE, seed_calls
from membership.demo import DemoContext, seed_membership
from membership.models import AccessibilityFeedback, Erasure, Nomination, NominationCall, Role
from reports.models import ReportRun, RunState
from tests.council.factories import make_meeting
from tests.grants.factories import GrantFactory
from tests.membership.call_factories import NominationFactory, SeatFactory
from tests.reports.factories import ReportDefinitionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ctx = DemoContext(log=lambda message: None)
    seed_membership(ctx)
    seed_calls(ctx)
    user = ctx.users[Role.NGO_CONTACT]
    organisation = user.contact_links.get().organisation
    call = NominationCall.objects.get(title_fi=OPEN_TITLE)
    NominationFactory(
        call=call,
        organisation=organisation,
        representative_email=user.email,
        representative_name="Jaana Järjestö",
    )
    meeting = make_meeting(days=5, items=1)
    TopicProposal.objects.create(
        body=meeting.body,
        meeting=meeting,
        proposer=user,
        title="Nuorten mielenterveys",
        description="Ehdotus",
    )
    ReviewComment.objects.create(item=meeting.items.first(), author=user, text="Kannatan esitystä.")
    Attendance.objects.create(
        meeting=meeting, seat="x", user=user, full_name="Jaana Järjestö", email=user.email
    )
    grant = GrantFactory(organisation=organisation)
    UseReport.objects.create(
        grant=grant,
        file=ContentFile(b"%PDF-1.4", name="selvitys.pdf"),
        submitted_by=user,
        note="Käytetty vertaistukeen.",
    )
    ReportRun.objects.create(
        definition=ReportDefinitionFactory(recipient_emails=user.email),
        period="2026-H1",
        state=RunState.FINISHED,
        delivered_to=[user.email],
    )
    AccessibilityFeedback.objects.create(message="Kontrasti on heikko.", email=user.email)
    return user


def _rows_mentioning(text: str) -> list[str]:
    """Every stored text or JSON value in every table that still holds the text."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        fields = [
            f.name for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)
        ]
        for name in fields:
            if model._default_manager.filter(**{f"{name}__icontains": text}).exists():
                found.append(f"{model._meta.label}.{name}")
        for f in model._meta.concrete_fields:
            if isinstance(f, models.JSONField):
                for value in model._default_manager.values_list(f.name, flat=True):
                    if text in json.dumps(value, default=str):
                        found.append(f"{model._meta.label}.{f.name}")
                        break
    return found


def test_export_then_erase_a_demo_ngo_contact_across_every_app(client, contact, staff_client, staff_user):
    email = contact.email
    data = personal_data.export_person(email)["parts"]
    assert data["account"]["organisations"] and data["account"]["accessibility_feedback"]
    assert data["nominations"][0]["representative_name"] == "Jaana Järjestö"
    assert data["council"]["topic_proposals"][0]["title"] == "Nuorten mielenterveys"
    assert data["council"]["review_comments"] and data["council"]["attendance"]
    assert data["grants"]["use_reports"][0]["note"] == "Käytetty vertaistukeen."
    assert data["reports"]["reports_received"] and data["reports"]["recipient_of"]
    assert set(data) == {part.name for part in personal_data.parts()}
    assert _rows_mentioning(email)  # the scan below would notice

    # The readable page and the JSON download, for staff on the person's behalf.
    page = staff_client.post(reverse("membership:personal_data"), {"email": email, "action": "html"})
    assert "Nuorten mielenterveys" in page.content.decode() and "Kannatan esitystä." in page.content.decode()
    download = staff_client.post(reverse("membership:personal_data"), {"email": email, "action": "json"})
    assert json.loads(download.content)["parts"]["grants"]["use_reports"]

    # Erasure needs a reason; then nothing in any table holds the address.
    refused = staff_client.post(reverse("membership:personal_data"), {"email": email, "action": "erase"})
    assert refused.status_code == 200 and "Anna poiston peruste" in refused.content.decode()
    assert not Erasure.objects.exists()
    done = staff_client.post(
        reverse("membership:personal_data"),
        {"email": email, "action": "erase", "reason": "Henkilön pyyntö 1.12.2026"},
    )
    assert done.status_code == 302
    assert _rows_mentioning(email) == []
    assert not TopicProposal.objects.filter(title="Nuorten mielenterveys").exists()
    assert not ReviewComment.objects.filter(text="Kannatan esitystä.").exists()
    assert Attendance.objects.get(full_name="Jaana Järjestö").user is None  # the name in minutes stays
    assert not Nomination.objects.filter(representative_name="Jaana Järjestö").exists()
    contact.refresh_from_db()
    assert not contact.is_active and not contact.has_usable_password()
    erasure = Erasure.objects.get()
    assert erasure.erased_by == staff_user and erasure.reason == "Henkilön pyyntö 1.12.2026"
    assert erasure.subject_key == personal_data.subject_key(email) and email not in json.dumps(erasure.counts)
    assert erasure.counts["council"] >= 3


def test_a_current_council_member_is_not_erased(staff_client):
    today = timezone.localdate()
    seat = SeatFactory(
        starts_on=today - datetime.timedelta(days=10), ends_on=today + datetime.timedelta(days=300)
    )
    response = staff_client.post(
        reverse("membership:personal_data"), {"email": seat.email, "action": "erase", "reason": "Pyyntö"}
    )
    assert response.status_code == 200
    assert "Päätä paikka ensin" in response.content.decode()
    assert 'value="Pyyntö"' in response.content.decode() or "Pyyntö</textarea>" in response.content.decode()
    assert not Erasure.objects.exists()


def test_a_person_reads_and_downloads_their_own_data(ngo_client, ngo_user):
    page = ngo_client.get(reverse("membership:my_data"))
    assert page.status_code == 200 and ngo_user.email in page.content.decode()
    download = ngo_client.get(reverse("membership:my_data") + "?format=json")
    assert json.loads(download.content)["parts"]["account"]["email"] == ngo_user.email


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in _keys(item)}
    if isinstance(value, list):
        return {key for item in value for key in _keys(item)}
    return set()


def test_the_readable_page_labels_every_field_and_writes_codes_as_words(client, contact):
    client.force_login(contact)
    page = client.get(reverse("membership:my_data")).content.decode()
    assert "<dt>Asiointikieli</dt><dd>suomi</dd>" in page
    assert "<dt>Tila</dt><dd>lähetetty</dd>" in page and "<dt>Ehdolla tehtävään</dt><dd>Edustaja</dd>" in page
    assert '<th scope="col">Ensisijainen yhteyshenkilö</th>' in page and "<td>Kyllä</td>" in page
    assert "<td>2026, 1. vuosipuolisko</td>" in page  # the report's period in words
    joined = timezone.localtime(contact.date_joined)
    assert f">{joined:%-d.%-m.%Y} klo {joined:%-H.%M}</time>" in page
    raw = personal_data.export_person(contact.email)["parts"]
    for key in _keys(raw):
        assert f"<dt>{key}</dt>" not in page and f'<th scope="col">{key}</th>' not in page, key
    # The download keeps the codes and ISO dates, for machines.
    download = json.loads(client.get(reverse("membership:my_data"), {"format": "json"}).content)
    assert download["parts"]["nominations"][0]["status"] == raw["nominations"][0]["status"]
    assert download["parts"]["account"]["joined"] == contact.date_joined.isoformat()
