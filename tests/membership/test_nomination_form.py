"""The NGO's nomination form: drafts, submission, receipts and every kind of bad input."""

import datetime
import io
import zipfile

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from membership.calls.forms import NominationForm
from membership.calls.permissions import nominating_organisations
from membership.models import Nomination, SeatCategory
from tests.factories import OrganisationFactory, contact_of

from .call_factories import CallFactory, NominationFactory, add_seats

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    call = CallFactory()
    add_seats(call, ["pensioners", "older-people"])
    return call


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def contact(client, organisation):
    user = contact_of(organisation)
    client.force_login(user)
    return user


def form_data(organisation, **overrides):
    data = {
        "organisation": organisation.pk,
        "seat_category": SeatCategory.objects.get(code="pensioners").pk,
        "representative_name": "Raili Edustaja",
        "representative_email": "raili@example.fi",
        "representative_phone": "040 123 4567",
        "representative_role": "puheenjohtaja",
        "representative_capacity": "volunteer",
        "deputy_name": "Veikko Varajäsen",
        "deputy_email": "veikko@example.fi",
        "deputy_role": "sihteeri",
        "deputy_capacity": "professional",
        "motivation": "Tuntee eläkeläisjärjestöjen kentän.",
        "expertise": "Ikääntyneiden palvelut",
        "networks": "Keravan seniorijärjestöjen verkosto",
        "languages": "suomi, ruotsi",
        "accepts_time_commitment": "on",
        "consents_to_processing": "on",
        "action": "submit",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def nominate(client, call, data):
    return client.post(reverse("membership:nomination_create", args=[call.pk]), data)


def test_submission_saves_the_nomination_and_sends_a_receipt(
    client, call, organisation, contact, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = nominate(client, call, form_data(organisation))
    nomination = Nomination.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("membership:nomination_detail", args=[nomination.pk])
    assert nomination.status == Nomination.Status.SUBMITTED
    assert nomination.created_by == contact
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([contact.email, "raili@example.fi"])
    page = client.get(response["Location"])
    assert f"Kuittaus: ehdotus nro {nomination.pk}" in page.content.decode()


def test_a_draft_may_leave_the_deputy_empty_but_submission_may_not(
    client, call, organisation, contact, django_capture_on_commit_callbacks
):
    data = form_data(organisation, deputy_name="", deputy_email="", deputy_role="", deputy_capacity=None)
    response = nominate(client, call, data)
    assert response.status_code == 200
    assert "henkilökohtainen varajäsen" in response.content.decode()
    assert b"Raili Edustaja" in response.content  # what was typed is kept
    with django_capture_on_commit_callbacks(execute=True):
        response = nominate(client, call, {**data, "action": "draft"})
    assert response.status_code == 302
    assert Nomination.objects.get().status == Nomination.Status.DRAFT
    assert mail.outbox == []


def test_missing_consent_is_refused_with_a_clear_message(client, call, organisation, contact):
    response = nominate(client, call, form_data(organisation, consents_to_processing=None))
    assert response.status_code == 200
    assert "ilman suostumusta" in response.content.decode()
    assert not Nomination.objects.exists()


def test_missing_time_commitment_blocks_submission(client, call, organisation, contact):
    response = nominate(client, call, form_data(organisation, accepts_time_commitment=None))
    assert response.status_code == 200
    assert "Vahvista ajankäyttö" in response.content.decode()


def test_category_not_in_the_call_is_refused(client, call, organisation, contact):
    employment = SeatCategory.objects.get(code="employment")
    response = nominate(client, call, form_data(organisation, seat_category=employment.pk))
    assert response.status_code == 200
    assert not Nomination.objects.exists()
    assert response.context["form"].errors["seat_category"]


def test_deputy_from_another_category_is_refused_when_the_rule_forbids(client, call, organisation, contact):
    other = OrganisationFactory(seat_category=SeatCategory.objects.get(code="older-people"))
    response = nominate(client, call, form_data(organisation, deputy_organisation=other.pk))
    assert response.status_code == 200
    assert "saman ryhmän järjestöstä" in response.content.decode()
    same = OrganisationFactory()
    response = nominate(client, call, form_data(organisation, deputy_organisation=same.pk))
    assert response.status_code == 302
    assert Nomination.objects.get().deputy_organisation == same


def test_deputy_from_another_category_is_allowed_without_the_rule(client, call, organisation, contact):
    call.personal_deputies = False
    call.save()
    other = OrganisationFactory(seat_category=SeatCategory.objects.get(code="older-people"))
    assert nominate(client, call, form_data(organisation, deputy_organisation=other.pk)).status_code == 302


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def _odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<content/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("paatos.pdf", b"%PDF-1.7\n1 0 obj\n", True),
        ("paatos.docx", _docx(), True),
        ("paatos.odt", _odt(), True),
        ("paatos.pdf", b"MZ\x90\x00 not a pdf at all", False),
        ("paatos.docx", b"PK\x03\x04 broken zip", False),
        ("kuva.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, False),
    ],
)
def test_attachment_is_checked_by_content(client, call, organisation, contact, name, content, accepted):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = nominate(client, call, {**form_data(organisation), "attachment": upload})
    assert (response.status_code == 302) is accepted
    if not accepted:
        assert "Tiedoston on oltava PDF" in response.content.decode()
        assert b"Raili Edustaja" in response.content


def test_oversized_attachment_is_refused(client, call, organisation, contact, settings):
    settings.MAX_UPLOAD_SIZE = 1000
    upload = SimpleUploadedFile("paatos.pdf", b"%PDF-1.7\n" + b"0" * 2000)
    response = nominate(client, call, {**form_data(organisation), "attachment": upload})
    assert response.status_code == 200
    assert "liian suuri" in response.content.decode()


def test_second_nomination_by_the_same_organisation_gets_a_message(client, call, organisation, contact):
    assert nominate(client, call, form_data(organisation)).status_code == 302
    response = nominate(client, call, form_data(organisation, representative_name="Toinen"))
    assert response.status_code == 200
    assert "on jo tehnyt ehdotuksen" in response.content.decode()
    assert Nomination.objects.count() == 1
    assert Nomination.objects.get().representative_name == "Raili Edustaja"


def test_closed_call_shows_a_clear_message(client, call, organisation, contact):
    call.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    call.save()
    response = client.get(reverse("membership:nomination_create", args=[call.pk]))
    assert response.status_code == 200
    assert "Ehdotuksia ei voi enää tehdä eikä muuttaa" in response.content.decode()
    response = nominate(client, call, form_data(organisation))
    assert not Nomination.objects.exists()


def test_edit_until_the_deadline_and_not_after(client, call, organisation, contact):
    nomination = NominationFactory(call=call, organisation=organisation, representative_name="Vanha")
    url = reverse("membership:nomination_edit", args=[nomination.pk])
    data = form_data(organisation, representative_name="Uusi")
    del data["organisation"]
    assert client.post(url, data).status_code == 302
    nomination.refresh_from_db()
    assert nomination.representative_name == "Uusi"
    call.closes_at = timezone.now() - datetime.timedelta(seconds=1)
    call.save()
    response = client.post(url, {**data, "representative_name": "Myöhässä"})
    assert response.status_code == 200
    assert "Ehdotuksia ei voi enää tehdä eikä muuttaa" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.representative_name == "Uusi"


def test_withdraw_and_submit_again(client, call, organisation, contact):
    nomination = NominationFactory(call=call, organisation=organisation)
    client.post(reverse("membership:nomination_withdraw", args=[nomination.pk]))
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.WITHDRAWN
    data = form_data(organisation)
    del data["organisation"]
    client.post(reverse("membership:nomination_edit", args=[nomination.pk]), data)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.SUBMITTED


def test_another_organisations_nomination_is_hidden(client, call, contact):
    foreign = NominationFactory(call=call)
    assert client.get(reverse("membership:nomination_detail", args=[foreign.pk])).status_code == 404
    assert client.get(reverse("membership:nomination_edit", args=[foreign.pk])).status_code == 404


def test_cannot_nominate_for_an_organisation_one_is_not_a_contact_of(client, call, contact):
    stranger = OrganisationFactory()
    response = nominate(client, call, form_data(stranger))
    assert response.status_code == 200
    assert not Nomination.objects.exists()


def test_the_form_never_asks_for_party_affiliation(client, call, contact):
    content = client.get(reverse("membership:nomination_create", args=[call.pk])).content.decode().lower()
    assert 'name="party' not in content
    assert not any("party" in field.name for field in Nomination._meta.get_fields())


def test_opening_the_form_again_leads_to_the_existing_nomination(client, call, organisation, contact):
    nomination = NominationFactory(call=call, organisation=organisation)
    response = client.get(reverse("membership:nomination_create", args=[call.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("membership:nomination_detail", args=[nomination.pk])


def test_the_form_reads_its_few_choices_once(call, organisation, contact, django_assert_num_queries):
    organisations = nominating_organisations(contact)
    form = NominationForm(call=call, organisations=organisations)
    # Drawing the selects (and their `required` attribute) asks the database nothing more.
    with django_assert_num_queries(0):
        html = str(form["seat_category"]) + str(form["organisation"])
    # The call's two categories and the organisation, each select with its "choose" option.
    assert html.count("<option") == 3 + 2 and "Valitse ryhmä" in html and "---------" not in html
    assert f'value="{organisation.pk}"' in html and " required" in html
    assert form.fields["organisation"].clean(str(organisation.pk)) == organisation


def test_a_good_attachment_sent_with_another_error_is_asked_for_again(client, call, organisation, contact):
    upload = SimpleUploadedFile("paatos.pdf", b"%PDF-1.7\n1 0 obj\n", content_type="application/pdf")
    data = {**form_data(organisation), "deputy_email": "ei-sähköposti", "attachment": upload}
    response = nominate(client, call, data)
    html = response.content.decode()
    assert response.status_code == 200 and "Valitse tiedosto uudelleen" in html
    assert b"Raili Edustaja" in response.content
