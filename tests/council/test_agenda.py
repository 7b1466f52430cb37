"""Agendas: numbering, order, standard items, copying, proposals and sending."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from council import services
from council.models import Attendance, Body, Meeting, TopicProposal
from membership.models import Role
from tests.council.factories import BodyFactory, deputy_user, in_days, make_meeting, seat
from tests.factories import OrganisationFactory, contact_of, user_with_role

pytestmark = pytest.mark.django_db


def numbers(meeting: Meeting) -> list[tuple[int, str]]:
    return list(meeting.items.order_by("position").values_list("number", "title"))


def test_new_agenda_has_standard_items_and_new_items_go_before_closing_ones():
    meeting = make_meeting()
    services.add_item(meeting, title="Toimintasuunnitelman seuranta")
    titles = [title for _, title in numbers(meeting)]
    assert titles[:4] == [
        "Kokouksen avaus",
        "Laillisuus ja päätösvaltaisuus",
        "Pöytäkirjantarkastajien valinta",
        "Esityslistan hyväksyminen",
    ]
    assert titles[4] == "Toimintasuunnitelman seuranta"
    assert titles[-3:] == ["Muut asiat", "Seuraava kokous", "Kokouksen päättäminen"]
    assert [n for n, _ in numbers(meeting)] == list(range(1, 9))


def test_section_numbers_run_per_body_per_year():
    year = timezone.localdate().year + 1
    body = BodyFactory()
    first = make_meeting(body, starts_at=timezone.make_aware(datetime.datetime(year, 2, 3, 14)), items=3)
    second = make_meeting(body, starts_at=timezone.make_aware(datetime.datetime(year, 4, 3, 14)), items=2)
    other_body = make_meeting(
        BodyFactory(), starts_at=timezone.make_aware(datetime.datetime(year, 4, 3, 14)), items=2
    )
    next_year = make_meeting(
        body, starts_at=timezone.make_aware(datetime.datetime(year + 1, 1, 20, 14)), items=1
    )
    assert [n for n, _ in numbers(first)] == [1, 2, 3]
    assert [n for n, _ in numbers(second)] == [4, 5]
    assert [n for n, _ in numbers(other_body)] == [1, 2]
    assert [n for n, _ in numbers(next_year)] == [1]


def test_moving_and_reordering_renumber_the_agenda():
    meeting = make_meeting(BodyFactory(), items=3)
    first, second, third = meeting.items.order_by("position")
    services.move_item(third, -1)
    assert [t for _, t in numbers(meeting)] == ["Asia 1", "Asia 3", "Asia 2"]
    services.reorder(meeting, [second.pk, first.pk, third.pk])
    assert numbers(meeting) == [(1, "Asia 2"), (2, "Asia 1"), (3, "Asia 3")]
    with pytest.raises(services.CouncilError):
        services.reorder(meeting, [first.pk, second.pk])


def test_a_meeting_can_be_copied_from_an_earlier_one():
    earlier = make_meeting(BodyFactory(), days=-30, items=2)
    copy = Meeting(
        body=earlier.body,
        starts_at=in_days(40),
        agenda_deadline=timezone.localdate() + datetime.timedelta(30),
    )
    services.create_meeting(copy, copy_from=earlier)
    assert [t for _, t in numbers(copy)] == ["Asia 1", "Asia 2"]


def test_published_agenda_cannot_be_edited():
    meeting = make_meeting(items=1)
    services.send_agenda(meeting)
    services.publish_agenda(meeting)
    item = meeting.items.first()
    with pytest.raises(services.CouncilError) as error:
        services.update_item(item, item.version, title="Muutettu")
    assert error.value.code == "published"
    with pytest.raises(services.CouncilError):
        services.add_item(meeting, title="Uusi")


def test_concurrent_item_edits_refuse_the_second_save():
    item = make_meeting(items=1).items.last()
    version = item.version
    services.update_item(item, version, title="Ensimmäinen")
    with pytest.raises(services.StaleEdit):
        services.update_item(item, version, title="Toinen")
    item.refresh_from_db()
    assert item.title == "Ensimmäinen"


def test_proposal_before_and_after_the_deadline():
    member = user_with_role(Role.MEMBER)
    meeting = make_meeting()
    proposal = services.propose_topic(member, meeting, "Järjestöjen tilat", "Tilojen saatavuus")
    assert proposal.status == TopicProposal.Status.OPEN
    late = make_meeting(days=3, agenda_deadline=timezone.localdate() - datetime.timedelta(days=1))
    with pytest.raises(services.CouncilError) as error:
        services.propose_topic(member, late, "Myöhässä", "x")
    assert error.value.code == "deadline"


def test_ngo_contacts_propose_only_when_the_body_allows():
    contact = contact_of(OrganisationFactory())
    body = BodyFactory()
    meeting = make_meeting(body)
    with pytest.raises(services.CouncilError):
        services.propose_topic(contact, meeting, "Aihe", "x")
    Body.objects.filter(pk=body.pk).update(ngo_contacts_may_propose=True)
    meeting.body.refresh_from_db()
    assert services.propose_topic(contact, meeting, "Aihe", "x").pk


def test_staff_accept_merge_and_decline_and_the_proposer_is_told(django_capture_on_commit_callbacks):
    member = user_with_role(Role.MEMBER, preferred_language="sv")
    meeting = make_meeting(items=1)
    accepted = services.propose_topic(member, meeting, "Hyväksytty aihe", "x")
    merged = services.propose_topic(member, meeting, "Yhdistetty aihe", "y")
    declined = services.propose_topic(member, meeting, "Hylätty aihe", "z")
    staff = user_with_role(Role.STAFF)
    with django_capture_on_commit_callbacks(execute=True):
        item = services.accept_proposal(accepted, acting_user=staff)
        services.merge_proposal(merged, item, "Sama asia", acting_user=staff)
        services.decline_proposal(declined, "Ei kuulu neuvottelukunnalle", acting_user=staff)
    for proposal in (accepted, merged, declined):
        assert proposal.history.latest().history_user == staff
    assert item.history.latest().history_user == staff
    assert item.title == "Hyväksytty aihe"
    assert item.title in [t for _, t in numbers(meeting)]
    merged.refresh_from_db()
    assert merged.status == TopicProposal.Status.MERGED and merged.item == item
    assert len(mail.outbox) == 3
    assert "Ei kuulu neuvottelukunnalle" in mail.outbox[2].body
    assert "Ditt ämnesförslag" in mail.outbox[2].subject
    with pytest.raises(services.CouncilError):
        services.decline_proposal(accepted, "myöhään", acting_user=staff)


def test_nothing_is_emailed_while_draft_and_sending_emails_members_with_ics(
    django_capture_on_commit_callbacks,
):
    swedish = seat(language="sv", deputy_user=deputy_user())
    seat()
    meeting = make_meeting(items=2)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        count = services.send_agenda(meeting)
    assert count == 2
    assert meeting.state == Meeting.State.SENT
    assert len(mail.outbox) == 3
    deputy_message = next(m for m in mail.outbox if m.to == [swedish.deputies.get().email])
    assert "varajäsenenä" in deputy_message.body, "deputies are invited only when their member is absent"
    message = next(m for m in mail.outbox if m.to == [swedish.email])
    assert message.subject.startswith("Föredragningslista")
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in (content.decode() if isinstance(content, bytes) else content)
    assert "Asia 1" in message.body
    with pytest.raises(services.CouncilError):
        services.send_agenda(meeting)


def test_reminder_is_sent_once_at_the_bodys_timing(django_capture_on_commit_callbacks):
    seat()
    meeting = make_meeting(days=1, items=1, agenda_deadline=timezone.localdate())
    services.send_agenda(meeting)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_reminders() == 1
        assert services.send_due_reminders() == 0
    assert len(mail.outbox) == 1
    assert "Kielotie 13" in mail.outbox[0].body and "https://meet.example.fi/abc" in mail.outbox[0].body
    assert Attendance.objects.filter(meeting=meeting).count() == 1


def test_items_link_to_action_plan_measures_and_copies_keep_them(client):
    from actionplan.services import measures_of

    measure = measures_of().first()
    meeting = make_meeting(BodyFactory(), days=-10, items=0)
    item = services.add_item(meeting, title="Palvelupolku", measures=[measure])
    services.update_item(item, item.version, presenter="Helmi")
    assert list(item.measures.all()) == [measure], "an update without measures keeps them"
    copy = Meeting(body=meeting.body, starts_at=in_days(30), agenda_deadline=timezone.localdate())
    services.create_meeting(copy, copy_from=meeting)
    assert list(copy.items.get(title="Palvelupolku").measures.all()) == [measure]
    services.send_agenda(meeting)
    services.publish_agenda(meeting)
    page = client.get(f"/fi/council/meetings/{meeting.pk}/").content.decode()
    assert f"/plan/measures/{measure.pk}/" in page and measure.code in page


def test_item_edits_and_decisions_keep_history():
    from council import minutes

    seat()
    meeting = make_meeting(items=1)
    item = meeting.items.get(title="Asia 1")
    services.update_item(item, item.version, proposal="Uusi ehdotus")
    services.send_agenda(meeting)
    decision = {"resolution": "amended", "decision": "Muutettuna", "is_public": True, "public_title": ""}
    present = set(meeting.attendances.values_list("pk", flat=True))
    minutes.save_minutes(meeting, meeting.version, {"chair_name": "PJ"}, {item.pk: decision}, present)
    history = item.history.order_by("history_date")
    assert [h.proposal for h in history][-2:] == ["Uusi ehdotus", "Uusi ehdotus"]
    assert history.last().resolution == "amended"
    assert meeting.history.latest().chair_name == "PJ"
