"""Minutes: guards of the lifecycle, quorum from the rules, votes, dissents, conflicts, publicity."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from council import handling, minutes, services
from council.models import Body, Meeting
from tests.council.factories import council_body, make_meeting, seat

pytestmark = pytest.mark.django_db


def _held(seats: int = 3, body: Body | None = None, days: int = -1) -> Meeting:
    people = [seat() for _ in range(seats)]
    meeting = make_meeting(body, days=days, items=2)
    services.send_agenda(meeting)
    meeting.people = people
    return meeting


def _decide(meeting: Meeting, present: set[int], resolution: str = "as_proposed", **extra) -> None:
    decisions = {
        item.pk: {"resolution": resolution, "decision": "Päätös", **extra} for item in meeting.items.all()
    }
    minutes.save_minutes(meeting, meeting.version, {}, decisions, present)


def _everyone(meeting: Meeting) -> set[int]:
    return set(meeting.attendances.filter(is_deputy=False).values_list("pk", flat=True))


def test_minutes_of_a_meeting_not_yet_started_go_nowhere():
    meeting = _held(days=5)
    _decide(meeting, _everyone(meeting))
    minutes.set_checkers(meeting, [meeting.people[0].user])
    with pytest.raises(services.CouncilError) as refused:
        minutes.send_to_checkers(meeting)
    assert refused.value.code == "not_started"
    Meeting.objects.filter(pk=meeting.pk).update(minutes_state=Meeting.MinutesState.APPROVED)
    meeting.refresh_from_db()
    with pytest.raises(services.CouncilError) as refused:
        minutes.publish_minutes(meeting)
    assert refused.value.code == "not_started"


def test_quorum_counts_the_seats_of_the_rules_not_the_invited():
    body = council_body()
    body.seat_count = 19
    body.save()
    meeting = _held(seats=7)
    with pytest.raises(minutes.ItemError) as refused:
        _decide(meeting, _everyone(meeting))
    assert refused.value.code == "not_quorate"
    _decide(meeting, _everyone(meeting), resolution="noted")
    meeting.refresh_from_db()
    assert (meeting.quorum_seats, meeting.quorum_present, meeting.quorum_needed) == (19, 7, 10)
    assert meeting.quorate is False


def test_non_quorate_minutes_say_so_on_the_page(staff_client):
    body = council_body()
    body.seat_count = 19
    body.save()
    meeting = _held(seats=2)
    _decide(meeting, _everyone(meeting), resolution="noted")
    page = staff_client.get(reverse("council:minutes_edit", args=[meeting.pk])).content.decode()
    assert "Kokous ei ollut päätösvaltainen" in page


def test_publishing_records_the_public_date_and_the_archive_shows_it(client):
    meeting = _held()
    _decide(meeting, _everyone(meeting))
    minutes.set_checkers(meeting, [meeting.people[0].user])
    minutes.send_to_checkers(meeting)
    minutes.approve_minutes(meeting)
    minutes.publish_minutes(meeting)
    meeting.refresh_from_db()
    assert meeting.public_from == timezone.localdate()
    page = client.get(reverse("council:archive")).content.decode()
    assert f"{meeting.public_from:%-d.%-m.%Y}" in page


def test_a_vote_a_dissent_and_a_conflict_are_checked_against_the_attendance():
    meeting = _held(seats=4)
    rows = list(meeting.attendances.filter(is_deputy=False).order_by("pk"))
    present = {a.pk for a in rows[:3]}
    _decide(meeting, present, resolution="noted")
    item = meeting.items.order_by("position").first()
    absent, conflicted = rows[3], rows[0]

    def record(**fields):
        handling.record_handling(item, handling.Handling(conflicted={conflicted.pk}, **fields))

    for fields, code in [
        ({"vote": handling.VoteInput("Jaa = ehdotus", votes_for=2, votes_against=1)}, "vote_exceeds"),
        ({"vote": handling.VoteInput("Jaa = ehdotus", ballots={conflicted.pk: "for"})}, "conflicted_voting"),
        ({"vote": handling.VoteInput("Jaa = ehdotus", ballots={absent.pk: "for"})}, "ballot_not_present"),
        ({"dissent_by": absent.pk, "dissent_text": "Eri mieltä"}, "dissent_not_present"),
        ({"dissent_by": conflicted.pk, "dissent_text": "Eri mieltä"}, "dissent_conflicted"),
    ]:
        with pytest.raises(minutes.ItemError) as refused:
            record(**fields)
        assert refused.value.code == code
    with pytest.raises(minutes.ItemError) as refused:
        handling.record_handling(item, handling.Handling(conflicted={absent.pk}))
    assert refused.value.code == "conflict_not_present"
    record(
        vote=handling.VoteInput(
            "Jaa = ehdotus, Ei = vastaehdotus", ballots={rows[1].pk: "for", rows[2].pk: "against"}
        ),
        dissent_by=rows[2].pk,
        dissent_text="Jätän eriävän mielipiteen.",
    )
    item.refresh_from_db()
    assert item.resolution == "vote"
    assert (item.vote.votes_for, item.vote.votes_against) == (1, 1)
    assert item.conflicts.get().attendance == conflicted
    assert item.dissents.get().text == "Jätän eriävän mielipiteen."


def test_the_handling_page_keeps_what_was_typed_when_refused(staff_client):
    meeting = _held(seats=3)
    rows = list(meeting.attendances.filter(is_deputy=False).order_by("pk"))
    _decide(meeting, {rows[0].pk, rows[1].pk}, resolution="noted")
    item = meeting.items.order_by("position").first()
    url = reverse("council:item_handling", args=[item.pk])
    response = staff_client.post(
        url, {"vote_proposals": "Jaa = ehdotus", "votes_for": 5, "dissent_text": "Tärkeä teksti"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Äänet ylittävät" in page and "Tärkeä teksti" in page


def test_a_withheld_item_needs_a_public_title_and_a_ground(staff_client):
    from django.test import Client

    meeting = make_meeting(items=0, days=30)
    url = reverse("council:item_create", args=[meeting.pk])
    response = staff_client.post(url, {"title": "Salainen asia", "background": "Luottamuksellinen tausta"})
    page = response.content.decode()
    assert (
        response.status_code == 200
        and "julkisen otsikon" in page.lower()
        and "Luottamuksellinen tausta" in page
    )
    assert not meeting.items.filter(title="Salainen asia").exists()
    staff_client.post(
        url,
        {
            "title": "Salainen asia",
            "background": "Luottamuksellinen tausta",
            "public_title": "Järjestön edustajan vaihtuminen",
            "withholding_ground": "24.1.32",
        },
    )
    assert meeting.items.filter(title="Salainen asia", is_public=False).exists()
    services.send_agenda(meeting)
    services.publish_agenda(meeting)
    page = Client().get(reverse("council:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Järjestön edustajan vaihtuminen" in page and "24 § 1 mom. 32 k." in page
    assert "Salainen asia" not in page and "Luottamuksellinen tausta" not in page


def test_staff_read_who_changed_what_in_their_language(staff_client, staff_user):
    meeting = _held()
    item = meeting.items.order_by("position").first()
    services.update_item(item, item.version, acting_user=staff_user, proposal="Uusi ehdotus")
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("talousarvio.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    upload.detected_type = "application/pdf"
    services.remove_attachment(services.add_attachment(item, upload, acting_user=staff_user))
    _decide(meeting, _everyone(meeting))
    page = staff_client.get(reverse("council:meeting_history", args=[meeting.pk])).content.decode()
    assert "Uusi ehdotus" in page and str(staff_user) in page
    assert "talousarvio.pdf" in page and "poistettu" in page
    assert "päätösehdotus" in page.lower() and "hyväksyttiin ehdotuksen mukaisesti" in page.lower()
    sv = staff_client.get(reverse("council:meeting_history", args=[meeting.pk]).replace("/fi/", "/sv/", 1))
    assert "beslutsförslag" in sv.content.decode().lower()


def test_moving_and_cancelling_a_sent_meeting_tells_everyone_and_ical_js_reads_it(
    django_capture_on_commit_callbacks,
):
    import json
    import shutil
    import subprocess
    from pathlib import Path

    from django.core import mail

    from council.ical import meeting_ics

    peers = Path(__file__).resolve().parent.parent / "peers"
    assert shutil.which("node") and (peers / "node_modules" / "ical.js").exists(), "run npm ci in tests/peers"

    def read(ics: bytes | str) -> dict:
        ics = ics.encode() if isinstance(ics, str) else ics
        done = subprocess.run(
            ["node", str(peers / "ical_read.mjs")], input=ics, capture_output=True, check=True, timeout=60
        )
        return json.loads(done.stdout)

    meeting = _held(seats=2, days=20)
    sent = read(meeting_ics(meeting))["events"][0]
    later = meeting.starts_at + datetime.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.change_meeting(meeting, {"starts_at": later})
    assert len(mail.outbox) == 2 and all(m.attachments for m in mail.outbox)
    moved = read(mail.outbox[0].attachments[0][1])["events"][0]
    assert moved["uid"] == sent["uid"] and moved["sequence"] == sent["sequence"] + 1
    assert moved["dtstamp"] > sent["dtstamp"] and moved["start"] == later.astimezone(datetime.UTC).isoformat(
        timespec="milliseconds"
    ).replace("+00:00", "Z")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_meeting(meeting)
    assert len(mail.outbox) == 2 and "Peruttu" in mail.outbox[0].subject
    cancelled = read(mail.outbox[0].attachments[0][1])
    assert cancelled["method"] == "CANCEL"
    event = cancelled["events"][0]
    assert event["uid"] == sent["uid"] and event["sequence"] == moved["sequence"] + 1
    assert event["status"] == "CANCELLED"


def test_an_item_added_to_a_sent_agenda_is_refused_with_the_text_kept(staff_client):
    meeting = _held(days=10)
    response = staff_client.post(
        reverse("council:item_create", args=[meeting.pk]),
        {"title": "Myöhästynyt asia", "background": "Tärkeä tausta", "is_public": "on"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "pykälänumerot ovat lopullisia" in page and "Tärkeä tausta" in page
    assert not meeting.items.filter(title="Myöhästynyt asia").exists()


def test_each_step_of_the_minutes_names_the_staff_member_in_the_history(staff_user):
    """Outside a request, as in a task: the services' acting_user is the only source."""
    meeting = _held()
    first, second = meeting.people[0].user, meeting.people[1].user
    decisions = {item.pk: {"resolution": "as_proposed", "decision": "Päätös"} for item in meeting.items.all()}
    minutes.save_minutes(meeting, meeting.version, {}, decisions, _everyone(meeting), acting_user=staff_user)
    minutes.set_checkers(meeting, [first, second, first], acting_user=staff_user)
    minutes.set_checkers(meeting, [second], acting_user=staff_user)
    removed = meeting.checkers.model.history.get(user=first, history_type="-")
    assert removed.history_user == staff_user
    assert meeting.checkers.get().history.get().history_user == staff_user
    minutes.send_to_checkers(meeting, acting_user=staff_user)
    minutes.approve_minutes(meeting, acting_user=staff_user)
    minutes.publish_minutes(meeting, acting_user=staff_user)
    assert meeting.history.latest().history_user == staff_user
    for item in meeting.items.all():
        assert item.history.latest().history_user == staff_user
