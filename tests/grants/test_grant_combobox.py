"""The grant form's organisation is a search: the page does not list every organisation."""

import re

import pytest
from django.urls import reverse

from membership.demo import business_id_for
from membership.models import Organisation, PrhMainClass, Role, SeatCategory
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(user_with_role(Role.STAFF))
    return client


def _organisations(count: int) -> None:
    prh = PrhMainClass.objects.get(code="social-health")
    category = SeatCategory.objects.get(code="pensioners")
    Organisation.objects.bulk_create(
        Organisation(
            name_fi=f"Avustettava {n} ry",
            business_id=business_id_for(4000000 + n * 11),
            prh_class=prh,
            seat_category=category,
        )
        for n in range(count)
    )


def test_the_grant_form_lists_no_organisations_until_searched(staff_client):
    _organisations(300)
    page = staff_client.get(reverse("grants:grant_create")).content.decode()
    assert "Avustettava" not in page
    assert 'role="combobox"' not in page  # the role is the script's to give: without it, a plain text box
    assert 'name="organisation_q"' in page and 'name="combobox_search"' in page


def test_the_search_step_keeps_the_typed_grant_and_offers_matches(staff_client):
    _organisations(30)
    response = staff_client.post(
        reverse("grants:grant_create"),
        {"organisation_q": "avustettava 2", "combobox_search": "organisation", "activity": "Kerhotoiminta"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Kerhotoiminta"' in page and "errorlist" not in page
    select = re.search(r'<select name="organisation".*?</select>', page, re.S).group(0)
    assert 0 < select.count('<option value="') - 1 <= 10
    chosen = Organisation.objects.get(name_fi="Avustettava 2 ry")
    assert f'<option value="{chosen.pk}">' in select
