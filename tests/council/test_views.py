"""The pages: bad input gives a message and keeps the text, the public sees only public content."""

import datetime
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from council import minutes, services
from council.models import Attachment, Meeting, TopicProposal
from membership.kernel.public_cache import invalidate_public_pages
from membership.models import Role
from tests.council.factories import make_meeting, seat
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def published_meeting(items: int = 5) -> Meeting:
    meeting = make_meeting(items=items)
    services.send_agenda(meeting)
    services.publish_agenda(meeting)
    return meeting


def test_proposal_after_the_deadline_keeps_the_text(client):
    member = user_with_role(Role.MEMBER)
    client.force_login(member)
    late = make_meeting(days=3, agenda_deadline=timezone.localdate() - datetime.timedelta(days=1))
    response = client.post(
        reverse("council:proposal_create"),
        {"meeting": late.pk, "title": "Vapaaehtoisten jaksaminen", "description": "Pitkä kuvaus aiheesta"},
    )
    assert response.status_code == 200
    assert "määräaika on mennyt" in response.content.decode()
    assert "Pitkä kuvaus aiheesta" in response.content.decode()
    assert not TopicProposal.objects.exists()


def test_member_proposes_and_sees_the_outcome(client):
    member = user_with_role(Role.MEMBER)
    client.force_login(member)
    meeting = make_meeting()
    response = client.post(
        reverse("council:proposal_create"), {"meeting": meeting.pk, "title": "Tilat", "description": "Kuvaus"}
    )
    assert response.status_code == 302
    proposal = TopicProposal.objects.get()
    services.decline_proposal(proposal, "Käsitelty jo työryhmässä", acting_user=None)
    page = client.get(reverse("council:my_proposals")).content.decode()
    assert "Käsitelty jo työryhmässä" in page and "hylätty" in page


def test_attendance_of_an_unknown_member_gives_a_message(client):
    seat()
    meeting = make_meeting(items=1)
    services.send_agenda(meeting)
    client.force_login(user_with_role(Role.MEMBER))
    response = client.post(
        reverse("council:attendance_answer", args=[meeting.pk]), {"answer": "absent"}, follow=True
    )
    assert response.status_code == 200
    assert "Et ole tähän kokoukseen kutsuttujen joukossa" in response.content.decode()


def test_attachment_of_wrong_type_or_size_is_refused_with_a_message(staff_client):
    meeting = make_meeting(items=1)
    item = meeting.items.first()
    url = reverse("council:attachment_upload", args=[item.pk])
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = staff_client.post(url, {"file": fake}, follow=True)
    assert "Tämäntyyppistä tiedostoa ei hyväksytä" in response.content.decode()
    with override_settings(MAX_UPLOAD_SIZE=10):
        big = SimpleUploadedFile("iso.pdf", PDF_BYTES, content_type="application/pdf")
        response = staff_client.post(url, {"file": big}, follow=True)
    assert "Tiedosto on liian suuri" in response.content.decode()
    assert not Attachment.objects.exists()
    good = SimpleUploadedFile("liite.pdf", PDF_BYTES, content_type="application/pdf")
    staff_client.post(url, {"file": good})
    assert Attachment.objects.get().content_type == "application/pdf"


def _attach(item, name: str) -> Attachment:
    attachment = Attachment(item=item, name=name, content_type="application/pdf", size=len(PDF_BYTES))
    attachment.file.save(name, ContentFile(PDF_BYTES), save=True)
    return attachment


def test_non_public_attachments_are_never_served_to_the_public(client):
    meeting = make_meeting(items=5)
    public_item, secret_item = meeting.items.get(title="Asia 1"), meeting.items.get(title="Asia 5")
    assert not secret_item.is_public
    public_file, secret_file = _attach(public_item, "julkinen.pdf"), _attach(secret_item, "salainen.pdf")
    assert (
        client.get(reverse("council:attachment", args=[public_file.pk])).status_code == 302
    )  # draft: sign in
    services.send_agenda(meeting)
    services.publish_agenda(meeting)
    response = client.get(reverse("council:attachment", args=[public_file.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert client.get(reverse("council:attachment", args=[secret_file.pk])).status_code == 302
    client.force_login(user_with_role(Role.NGO_CONTACT))
    assert client.get(reverse("council:attachment", args=[secret_file.pk])).status_code == 404
    client.force_login(user_with_role(Role.MEMBER))
    assert client.get(reverse("council:attachment", args=[secret_file.pk])).status_code == 200


def test_public_page_and_archive_leave_out_non_public_items(client):
    meeting = published_meeting()
    secret = meeting.items.get(title="Asia 5")
    secret.background = "Salainen tausta"
    secret.save()
    page = client.get(reverse("council:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Asia 1" in page and "Ehdotus 1" in page
    assert "Asia 5" not in page and "Salainen tausta" not in page
    assert "Asia käsiteltiin ei-julkisena" in page
    archive = reverse("council:archive")
    assert str(meeting.pk) in client.get(archive, {"q": "Asia 1"}).content.decode()
    assert "meetings/" not in client.get(archive, {"q": "Asia 5"}).content.decode()


def test_archive_searches_published_decisions(client):
    meeting = published_meeting(items=1)
    item = meeting.items.get(title="Asia 1")
    item.resolution, item.decision = "as_proposed", "Päätettiin perustaa kumppanuuspöytä"
    item.save()
    url = reverse("council:archive")
    assert "meetings/" not in client.get(url, {"q": "kumppanuuspöytä"}).content.decode()
    Meeting.objects.filter(pk=meeting.pk).update(minutes_state=Meeting.MinutesState.PUBLISHED)
    invalidate_public_pages("council")  # as publish_minutes does; the update bypassed it
    assert f"meetings/{meeting.pk}/" in client.get(url, {"q": "kumppanuuspöytä"}).content.decode()


def test_meeting_ics_and_body_feed(client):
    meeting = published_meeting(items=1)
    ics = client.get(reverse("council:meeting_ics", args=[meeting.pk])).content.decode()
    assert "BEGIN:VEVENT" in ics and "Kielotie 13" in ics
    assert "meet.example.fi" not in ics, "the remote link goes to invited people only"
    feed = client.get(reverse("council:body_ics", args=["neuvottelukunta"]))
    assert feed["Content-Type"].startswith("text/calendar")
    assert feed.content.decode().count("BEGIN:VEVENT") == 1
    make_meeting(items=1)  # a draft is not in the feed
    feed = client.get(reverse("council:body_ics", args=["neuvottelukunta"]))
    assert feed.content.decode().count("BEGIN:VEVENT") == 1


def test_concurrent_item_edit_is_refused_and_the_typed_text_kept(staff_client):
    item = make_meeting(items=1).items.get(title="Asia 1")
    url = reverse("council:item_edit", args=[item.pk])
    form = {
        "title": "Ensimmäisen muutos",
        "background": "",
        "proposal": "",
        "is_public": "on",
        "version": item.version,
    }
    assert staff_client.post(url, form).status_code == 302
    second = {**form, "title": "Toisen muutos", "background": "Toisen pitkä teksti"}
    response = staff_client.post(url, second)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Toisen pitkä teksti" in page and "Ensimmäisen muutos" in page
    assert "Joku muu tallensi" in page
    item.refresh_from_db()
    assert item.title == "Ensimmäisen muutos"


def test_editing_a_published_agenda_gives_a_message(staff_client):
    meeting = published_meeting(items=1)
    item = meeting.items.get(title="Asia 1")
    url = reverse("council:item_edit", args=[item.pk])
    response = staff_client.post(
        url, {"title": "Myöhäinen muutos", "is_public": "on", "version": item.version}
    )
    assert response.status_code == 200
    assert "Esityslista on julkaistu" in response.content.decode()
    assert "Myöhäinen muutos" in response.content.decode()


def test_drag_and_drop_order_is_saved(staff_client):
    meeting = make_meeting(items=2)
    ids = list(meeting.items.order_by("position").values_list("pk", flat=True))
    url = reverse("council:agenda_reorder", args=[meeting.pk])
    response = staff_client.post(url, json.dumps({"order": ids[::-1]}), content_type="application/json")
    assert response.status_code == 200
    assert response.json()["numbers"][str(ids[-1])] == 1
    bad = staff_client.post(url, "not json", content_type="application/json")
    assert bad.status_code == 400 and "error" in bad.json()


def _minutes_form(meeting: Meeting, version: int, decision: str) -> dict:
    data = {"save": "1", "m-version": version, "m-minutes_kind": "minutes", "m-chair_name": "Puheenjohtaja"}
    for item in meeting.items.all():
        data[f"i{item.pk}-resolution"] = "noted"
        data[f"i{item.pk}-decision"] = decision
        data[f"i{item.pk}-is_public"] = "on"
    data["p-present"] = [str(pk) for pk in meeting.attendances.values_list("pk", flat=True)]
    return data


def test_concurrent_minutes_edit_is_refused_and_the_text_kept(staff_client):
    seat()
    meeting = make_meeting(items=1)
    services.send_agenda(meeting)
    url = reverse("council:minutes_edit", args=[meeting.pk])
    version = meeting.version
    assert staff_client.post(url, _minutes_form(meeting, version, "Ensimmäinen päätös")).status_code == 302
    response = staff_client.post(url, _minutes_form(meeting, version, "Toinen päätösteksti"))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Toinen päätösteksti" in page and "Ensimmäinen päätös" in page
    assert meeting.items.filter(decision="Ensimmäinen päätös").count() == meeting.items.count()


def test_minutes_flow_from_draft_to_published(staff_client):
    checker_seat = seat()
    meeting = make_meeting(items=1, days=-1)
    services.send_agenda(meeting)
    action = reverse("council:minutes_action", args=[meeting.pk])
    staff_client.post(action, {"action": "to_checkers"})
    meeting.refresh_from_db()
    assert meeting.minutes_state == "draft", "no checkers and no decisions yet"
    staff_client.post(
        reverse("council:minutes_edit", args=[meeting.pk]), _minutes_form(meeting, meeting.version, "x")
    )
    staff_client.post(action, {"action": "checkers", "c-checkers": [checker_seat.user.pk]})
    staff_client.post(action, {"action": "to_checkers"})
    meeting.refresh_from_db()
    assert meeting.minutes_state == "checking"
    client = Client()
    client.force_login(checker_seat.user)
    check = reverse("council:minutes_check", args=[meeting.pk])
    response = client.post(check, {"approve": "no", "comment": ""})
    assert "Kirjoita huomautuksesi" in response.content.decode()
    client.post(check, {"approve": "yes", "comment": ""})
    meeting.refresh_from_db()
    assert meeting.minutes_state == "approved"
    staff_client.post(action, {"action": "publish"})
    meeting.refresh_from_db()
    assert meeting.minutes_state == "published"
    with pytest.raises(services.CouncilError):
        minutes.save_minutes(meeting, meeting.version, {}, {}, set())


def _record_handling(meeting: Meeting) -> None:
    """A conflict, a vote with named ballots and a dissent on every item."""
    from council.models import Ballot, ConflictOfInterest, Dissent, Vote

    people = list(meeting.attendances.filter(is_deputy=False))
    meeting.attendances.filter(is_deputy=False).update(present=True)
    for item in meeting.items.all():
        ConflictOfInterest.objects.create(item=item, attendance=people[0], ground="Hallituksen jäsen")
        vote = Vote.objects.create(item=item, proposals="Jaa = ehdotus", votes_for=1, votes_against=1)
        Ballot.objects.create(vote=vote, attendance=people[1], choice="for")
        Ballot.objects.create(vote=vote, attendance=people[2], choice="against")
        Dissent.objects.create(item=item, attendance=people[2], text="Eriävä mielipide")
    meeting.items.update(resolution="vote", decision="Päätettiin äänestyksen jälkeen")


@pytest.mark.parametrize("size", [5, 80])
def test_pages_stay_within_a_query_budget(size, client, staff_user, django_assert_max_num_queries):
    for _ in range(3):
        seat()
    meeting = make_meeting(items=size)
    for item in meeting.items.all()[:10]:
        _attach(item, f"liite-{item.pk}.pdf")
    services.send_agenda(meeting)
    services.publish_agenda(meeting)
    Meeting.objects.filter(pk=meeting.pk).update(minutes_state=Meeting.MinutesState.PUBLISHED)
    _record_handling(meeting)
    for n in range(size):
        make_meeting(days=-400 - n, items=0)
    Meeting.objects.update(state=Meeting.State.PUBLISHED)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("council:meeting_detail", args=[meeting.pk]))
        assert page.status_code == 200 and "Eriävä mielipide" in page.content.decode()
    with django_assert_max_num_queries(12):
        assert client.get(reverse("council:archive"), {"q": "Asia"}).status_code == 200
    client.force_login(staff_user)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("council:agenda_edit", args=[meeting.pk])).status_code == 200
    with django_assert_max_num_queries(28):
        assert client.get(reverse("council:minutes_edit", args=[meeting.pk])).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("council:meeting_history", args=[meeting.pk])).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("council:attendance", args=[meeting.pk])).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("council:staff_dashboard")).status_code == 200


def test_calendar_shows_meetings_and_events_of_the_year(client):
    from council.models import CalendarEvent

    draft = make_meeting(items=1)
    sent = make_meeting(starts_at=draft.starts_at + datetime.timedelta(hours=3), items=1)
    services.send_agenda(sent)
    CalendarEvent.objects.create(
        title="Avustushaku päättyy", date=timezone.localdate(draft.starts_at), kind="grant"
    )
    page = client.get(reverse("council:calendar"), {"year": draft.year}).content.decode()
    assert "Avustushaku päättyy" in page and "avustushaku" in page
    # A sent agenda is the members' until it is published: no link for the public.
    assert f"meetings/{sent.pk}/" not in page and "esityslista lähetetty jäsenille" in page
    assert f"meetings/{draft.pk}/" not in page and "esityslista valmisteilla" in page
    assert client.get(reverse("council:calendar"), {"year": "x"}).status_code == 200
