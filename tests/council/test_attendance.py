"""Review comments, attendance answers, deputies and quorum per seat."""

import pytest
from django.core import mail
from django.urls import reverse

from council import review, services
from council.models import Attendance, Body
from membership.models import Role
from tests.council.factories import deputy_user, make_meeting, seat
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_meeting():
    seats = [seat(deputy_user=deputy_user()) for _ in range(4)]
    meeting = make_meeting(items=2)
    services.send_agenda(meeting)
    return meeting, seats


def test_absence_invites_the_members_own_deputy(sent_meeting, django_capture_on_commit_callbacks):
    meeting, seats = sent_meeting
    absent = seats[0]
    own_deputy = absent.deputies.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review.answer_attendance(absent.user, meeting, attends=False)
    assert [m.to for m in mail.outbox] == [[own_deputy.email]]
    assert "Asia 1" in mail.outbox[0].body
    invited = meeting.attendances.get(council_membership=own_deputy)
    assert invited.answer == Attendance.Answer.WAITING
    other_deputy = meeting.attendances.get(council_membership=seats[1].deputies.get())
    assert other_deputy.answer == Attendance.Answer.NOT_INVITED
    review.answer_attendance(own_deputy.user, meeting, attends=True)
    assert review.quorum(meeting).present == 1


def test_a_deputy_not_invited_cannot_answer(sent_meeting):
    meeting, seats = sent_meeting
    with pytest.raises(services.CouncilError) as error:
        review.answer_attendance(seats[1].deputies.get().user, meeting, attends=True)
    assert error.value.code == "deputy_not_invited"


def test_unknown_member_cannot_answer_or_comment(sent_meeting):
    meeting, _ = sent_meeting
    stranger = user_with_role(Role.MEMBER)
    with pytest.raises(services.CouncilError) as error:
        review.answer_attendance(stranger, meeting, attends=True)
    assert error.value.code == "unknown_member"
    with pytest.raises(services.CouncilError):
        review.add_comment(stranger, meeting.items.first(), "Hei")


def test_quorum_counts_seats_not_people(sent_meeting):
    meeting, seats = sent_meeting
    review.answer_attendance(seats[0].user, meeting, attends=True)
    review.answer_attendance(seats[1].user, meeting, attends=False)
    review.answer_attendance(seats[1].deputies.get().user, meeting, attends=True)
    quorum = review.quorum(meeting)
    assert (quorum.seats, quorum.present, quorum.needed) == (4, 2, 3)
    assert not quorum.reached
    review.answer_attendance(seats[2].user, meeting, attends=True)
    assert review.quorum(meeting).reached


@pytest.mark.parametrize(
    ("rule", "fixed", "seats", "needed"),
    [
        ("majority", 0, 16, 9),
        ("majority", 0, 5, 3),
        ("half", 0, 16, 8),
        ("half", 0, 5, 3),
        ("fixed", 6, 16, 6),
    ],
)
def test_quorum_rule_is_set_per_body(rule, fixed, seats, needed):
    body = Body(quorum_rule=rule, quorum_seats=fixed)
    assert review.needed_for_quorum(body, seats) == needed


def test_members_comment_while_the_agenda_is_sent(sent_meeting):
    meeting, seats = sent_meeting
    item = meeting.items.first()
    comment = review.add_comment(seats[0].user, item, "Lisätään tilastot")
    assert item.comments.get() == comment


def test_staff_mark_the_comments_of_one_meeting_read(sent_meeting, staff_client):
    meeting, seats = sent_meeting
    other = make_meeting(items=1)
    services.send_agenda(other)
    review.add_comment(seats[0].user, meeting.items.first(), "Lisätään tilastot")
    review.add_comment(seats[1].user, meeting.items.last(), "Samaa mieltä")
    elsewhere = review.add_comment(seats[0].user, other.items.first(), "Toinen kokous")
    assert services.mark_comments_read(meeting) == 2
    assert services.mark_comments_read(meeting) == 0
    elsewhere.refresh_from_db()
    assert not elsewhere.read_by_staff
    response = staff_client.post(reverse("council:attendance", args=[other.pk]))
    assert response.status_code == 302
    elsewhere.refresh_from_db()
    assert elsewhere.read_by_staff


def test_no_comments_on_a_draft_agenda():
    member_seat = seat()
    meeting = make_meeting(items=1)
    with pytest.raises(services.CouncilError):
        review.add_comment(member_seat.user, meeting.items.first(), "Liian aikaisin")


def test_working_group_members_may_be_outsiders_and_accounts_are_linked_by_email(client):
    import datetime

    from django.utils import timezone

    from council.models import BodyMember
    from tests.council.factories import BodyFactory

    body = BodyFactory()
    outsider = user_with_role(Role.NGO_CONTACT)
    staff = user_with_role(Role.STAFF)
    client.force_login(staff)
    url = f"/fi/council/staff/bodies/{body.pk}/members/"
    start = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    client.post(
        url,
        {
            "full_name": "Olli Ulkopuolinen",
            "email": outsider.email.upper(),
            "language": "fi",
            "starts_on": start,
        },
    )
    client.post(
        url, {"full_name": "Ei Tiliä", "email": "ei.tilia@example.fi", "language": "sv", "starts_on": start}
    )
    assert BodyMember.objects.get(full_name="Olli Ulkopuolinen").user == outsider
    meeting = make_meeting(body, items=1)
    services.send_agenda(meeting)
    assert meeting.attendances.count() == 2
    review.answer_attendance(outsider, meeting, attends=True)
    assert review.quorum(meeting).present == 1
