"""The nomination form's deputy organisation is a search, not a list of every organisation."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from membership.combobox import LIMIT
from membership.demo import business_id_for
from membership.models import Nomination, Organisation, PrhMainClass, SeatCategory
from tests.factories import OrganisationFactory, contact_of

from .call_factories import CallFactory, add_seats
from .test_nomination_form import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    call = CallFactory()
    add_seats(call, ["pensioners", "older-people"])
    return call


@pytest.fixture
def organisation():
    return OrganisationFactory(name_fi="Oma Eläkeläisyhdistys ry")


@pytest.fixture
def contact(client, organisation):
    user = contact_of(organisation)
    client.force_login(user)
    return user


def _grow_to(total: int) -> None:
    """Organisations of the call's category, so that each is a possible deputy organisation."""
    prh = PrhMainClass.objects.get(code="social-health")
    category = SeatCategory.objects.get(code="pensioners")
    start = Organisation.objects.count()
    Organisation.objects.bulk_create(
        Organisation(
            name_fi=f"Eläkeläiset {n} ry",
            business_id=business_id_for(3000000 + n * 7),
            prh_class=prh,
            seat_category=category,
        )
        for n in range(start, total)
    )


def _form_page(client, call):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("membership:nomination_create", args=[call.pk]))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_form_size_and_queries_do_not_grow_from_20_to_2000_organisations(client, call, contact):
    _grow_to(20)
    small, small_queries = _form_page(client, call)
    _grow_to(2000)
    assert Organisation.objects.count() == 2000
    large, large_queries = _form_page(client, call)
    assert 0 < large_queries == small_queries, (small_queries, large_queries)
    assert len(large) == len(small)
    assert "Eläkeläiset 1500 ry" not in large
    assert large.count("<option") <= 10


def test_the_search_step_without_javascript_keeps_what_was_typed_and_lists_matches(
    client, call, organisation, contact
):
    _grow_to(40)
    data = form_data(
        organisation, deputy_organisation_q="Eläkeläiset 3", combobox_search="deputy_organisation"
    )
    data.pop("action")
    response = client.post(reverse("membership:nomination_create", args=[call.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert not Nomination.objects.exists()
    assert 'value="Veikko Varajäsen"' in page and "Tuntee eläkeläisjärjestöjen kentän." in page
    assert "errorlist" not in page
    select = re.search(r'<select name="deputy_organisation".*?</select>', page, re.S).group(0)
    shown = Organisation.objects.filter(pk__in=re.findall(r'<option value="(\d+)">', select))
    # Every word matches the name or the business ID.
    assert all("Eläkeläiset" in o.name_fi and "3" in o.name_fi + o.business_id for o in shown)
    assert len(shown) == LIMIT
    assert "type more to narrow the search" in page or "kirjoita" in page.lower()


def test_a_chosen_deputy_organisation_is_saved_and_shown_again_when_editing(
    client, call, organisation, contact
):
    _grow_to(30)
    deputy = Organisation.objects.get(name_fi="Eläkeläiset 25 ry")
    url = reverse("membership:nomination_create", args=[call.pk])
    response = client.post(url, form_data(organisation, deputy_organisation=deputy.pk))
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.deputy_organisation == deputy
    page = client.get(reverse("membership:nomination_edit", args=[nomination.pk])).content.decode()
    assert f'<option value="{deputy.pk}" selected>Eläkeläiset 25 ry</option>' in page
    assert 'value="Eläkeläiset 25 ry"' in page


def test_an_organisation_outside_the_calls_categories_is_refused(client, call, organisation, contact):
    outside = OrganisationFactory(seat_category=SeatCategory.objects.get(code="addictions"))
    url = reverse("membership:nomination_create", args=[call.pk])
    response = client.post(url, form_data(organisation, deputy_organisation=outside.pk))
    assert response.status_code == 200
    assert "deputy_organisation_errors" in response.content.decode()
    assert not Nomination.objects.exists()


@pytest.mark.parametrize("value", ["abc", "9" * 30, "-1", "1 OR 1=1"])
def test_a_tampered_choice_is_an_error_not_a_500(client, call, organisation, contact, value):
    url = reverse("membership:nomination_create", args=[call.pk])
    response = client.post(url, form_data(organisation, deputy_organisation=value))
    assert response.status_code == 200
    assert "deputy_organisation_errors" in response.content.decode()
    assert not Nomination.objects.exists()


@pytest.mark.parametrize("typed", ["", "x", "\x00", "x" * 2000])
def test_a_search_step_with_too_little_or_too_much_says_so(client, call, organisation, contact, typed):
    data = form_data(organisation, deputy_organisation_q=typed, combobox_search="deputy_organisation")
    data.pop("action")
    with translation.override("en"):
        url = reverse("membership:nomination_create", args=[call.pk])
    page = client.post(url, data).content.decode()
    expected = "The search is too long" if len(typed) > 100 else "Type at least 2 characters to search."
    assert expected in page
    assert 'value="Veikko Varajäsen"' in page
