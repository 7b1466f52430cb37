"""The member list reads the same queries for any number of seats and shows each seat's row."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from membership.models import CouncilMembership, SeatCategory
from tests.factories import OrganisationFactory

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
