"""The member list reads the same queries for any number of seats and shows each seat's row."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, reset_format_cache
from django.utils.translation import gettext

from membership.models import CouncilMembership, Role, SeatCategory
from tests.factories import OrganisationFactory, user_with_role

pytestmark = pytest.mark.django_db


def _seats(count: int) -> None:
    today = timezone.localdate()
    category = SeatCategory.objects.first()
    for n in range(count):
        principal = CouncilMembership.objects.create(
            full_name=f"Jäsen {n}",
            email=f"j{n}@example.fi",
            organisation=OrganisationFactory(),
            seat_category=category,
            starts_on=today - datetime.timedelta(days=30),
            ends_on=today + datetime.timedelta(days=700),
        )
        CouncilMembership.objects.create(
            full_name=f"Varajäsen {n}",
            position=CouncilMembership.Position.DEPUTY,
            deputy_of=principal,
            organisation=principal.organisation,
            starts_on=principal.starts_on,
            ends_on=principal.ends_on,
            ended_early_on=today + datetime.timedelta(days=10) if n % 2 else None,
        )


def _measure(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("name", ["membership:member_list", "membership:member_history"])
def test_the_member_lists_read_the_same_queries_at_any_size(staff_client, name):
    _seats(3)
    small, _ = _measure(staff_client, reverse(name))
    _seats(27)
    large, body = _measure(staff_client, reverse(name))
    assert small == large
    assert body.count("<td>Jäsen ") == 60  # their names and their deputies' "deputy of"
    # Every seat that has not ended early (14 deputies have) links to its resignation.
    assert body.count('/resign/">') == 46
    assert body.count("<td>Jäsen 7</td>") == 2
    assert f"({gettext('resigned')})" in body


@pytest.fixture
def django_formats(settings):
    """Django's own locale formats (sv 2026-01-31, en 01/31/2026), which tell the locale's short date
    from a fixed j.n.Y: the project's fi, sv and en formats all write j.n.Y."""
    settings.FORMAT_MODULE_PATH = None
    reset_format_cache()
    yield
    reset_format_cache()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("name", ["membership:member_list", "membership:member_history"])
def test_the_terms_are_shown_in_the_short_date_format_of_the_page(
    staff_client, django_formats, language, name
):
    _seats(1)
    seat = CouncilMembership.objects.get(full_name="Jäsen 0")
    with translation.override(language):
        body = staff_client.get(reverse(name)).content.decode()
        term = "–".join(date_format(day, "SHORT_DATE_FORMAT") for day in (seat.starts_on, seat.ends_on))
    assert f"<td>{term}</td>" in body
    fixed = f"{seat.starts_on.day}.{seat.starts_on.month}.{seat.starts_on.year}"
    assert (fixed in body) == (language == "fi")


def test_the_signed_in_member_list_is_kept_until_the_council_changes(client, staff_client):
    _seats(2)
    url = reverse("membership:member_list")
    first, _ = _measure(staff_client, url)
    kept, body = _measure(staff_client, url)
    assert kept < first  # the kept copy reads no seats, reasons or vacancies
    assert body.count('/resign/">') == 3

    seat = CouncilMembership.objects.get(full_name="Jäsen 0")
    seat.organisation.name_fi = "Uusi nimi ry"
    seat.organisation.save()
    assert "<td>Uusi nimi ry</td>" in staff_client.get(url).content.decode()

    member = user_with_role(Role.MEMBER)
    seat.user = member
    seat.save()
    member.phone = "040 123 4567"
    member.save()
    assert "040 123 4567" in staff_client.get(url).content.decode()
    member.save(update_fields=["last_login"])  # a sign-in: the copy stays
    assert _measure(staff_client, url)[0] == kept

    # A council member sees the contacts but not the staff's resignation links: a copy of their own.
    client.force_login(member)
    own = client.get(url).content.decode()
    assert "040 123 4567" in own
    assert '/resign/">' not in own
