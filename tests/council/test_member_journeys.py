"""What the user trial of the meetings found: links only to meetings one may open, an empty comment
told at its box, and a member who cannot attend told that the deputy is invited."""

import pytest
from django.urls import reverse

from council import services
from council.models import Meeting
from membership.models import Role
from tests.council.factories import deputy_user, make_meeting, seat
from tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_and_published():
    sent = make_meeting(days=10, items=1)
    services.send_agenda(sent)
    published = make_meeting(days=12, items=1)
    services.send_agenda(published)
    services.publish_agenda(published)
    return Meeting.objects.get(pk=sent.pk), Meeting.objects.get(pk=published.pk)


def _calendar(client, year: int) -> str:
    return client.get(reverse("council:calendar"), {"year": year}).content.decode()


@pytest.mark.parametrize("who", ["anonymous", "ngo contact", "member"])
def test_the_calendar_links_a_meeting_only_for_those_who_may_open_it(client, sent_and_published, who):
    sent, published = sent_and_published
    if who == "ngo contact":
        client.force_login(UserFactory())
    elif who == "member":
        client.force_login(user_with_role(Role.MEMBER))
    html = _calendar(client, sent.starts_at.year)
    sent_link = reverse("council:meeting_detail", args=[sent.pk])
    assert reverse("council:meeting_detail", args=[published.pk]) in html
    if who == "member":
        assert sent_link in html and client.get(sent_link).status_code == 200
    else:
        assert sent_link not in html and reverse("council:meeting_ics", args=[sent.pk]) not in html
        assert "esityslista lähetetty jäsenille" in html


def test_an_empty_comment_is_told_at_its_box(client):
    member = seat()
    meeting = make_meeting(days=10, items=1)
    services.send_agenda(meeting)
    item = meeting.items.order_by("position").first()
    client.force_login(member.user)
    sent = client.post(reverse("council:comment", args=[meeting.pk, item.pk]), {"text": "  "})
    assert sent.status_code == 302 and sent.url.endswith(f"?empty_comment={item.pk}#comment-{item.pk}")
    html = client.get(sent.url).content.decode()
    assert f'aria-describedby="comment-{item.pk}-error"' in html
    assert f'<ul class="errorlist" id="comment-{item.pk}-error"><li>Kirjoita kommentti' in html


def test_a_member_who_cannot_attend_is_told_that_the_deputy_is_invited(client):
    deputy = deputy_user()
    member = seat(deputy_user=deputy)
    meeting = make_meeting(days=10, items=1)
    services.send_agenda(meeting)
    client.force_login(member.user)
    answered = client.post(
        reverse("council:attendance_answer", args=[meeting.pk]), {"answer": "absent"}, follow=True
    )
    assert f"Varajäsenesi {deputy} on kutsuttu" in answered.content.decode()
    again = client.post(
        reverse("council:attendance_answer", args=[meeting.pk]), {"answer": "attending"}, follow=True
    )
    assert "Kiitos, vastauksesi on tallennettu." in again.content.decode()
    assert "on kutsuttu" not in again.content.decode()
