"""The agenda's Up/Down buttons through htmx: the new list with the move announced, no reload."""

import pytest
from django.urls import reverse

from tests.council.factories import make_meeting

pytestmark = pytest.mark.django_db


def test_moving_an_item_by_htmx_returns_the_list_and_announces_the_move(staff_client):
    meeting = make_meeting(items=2)
    first, second = list(meeting.items.order_by("position"))[:2]
    url = reverse("council:item_move", args=[first.pk])
    response = staff_client.post(url, {"direction": "down"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<div id="agenda-items">')
    assert "siirtyi kohtaan § 2." in html and "data-announce" in html
    assert html.index(f'id="item-{second.pk}"') < html.index(f'id="item-{first.pk}"')
    first.refresh_from_db()
    assert first.number == 2
    # Without htmx the same button reloads the page at the item.
    response = staff_client.post(url, {"direction": "up"})
    assert response.status_code == 302 and response["Location"].endswith(f"#item-{first.pk}")
