"""A personal deputy's organisation is of the nomination's category: the combobox's search follows
the chosen category (endpoint and no-JavaScript step alike), and the server refuses another one."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from membership.models import Nomination, SeatCategory
from tests.factories import OrganisationFactory, contact_of

from .call_factories import CallFactory, add_seats
from .test_nomination_form import form_data

pytestmark = pytest.mark.django_db


def _category(code: str) -> SeatCategory:
    return SeatCategory.objects.get(code=code)


@pytest.fixture
def call():
    call = CallFactory(personal_deputies=True)
    add_seats(call, ["pensioners", "older-people"])
    return call


@pytest.fixture
def organisation():
    return OrganisationFactory(name_fi="Oma Eläkeläisyhdistys ry")


@pytest.fixture
def contact(client, organisation):
    client.force_login(contact_of(organisation))


@pytest.fixture
def pensioners():
    return {OrganisationFactory(name_fi=f"Seniorit eläkeläiset {n} ry").pk for n in range(3)}


@pytest.fixture
def older_people():
    category = _category("older-people")
    return {
        OrganisationFactory(name_fi=f"Seniorit vanhustyö {n} ry", seat_category=category).pk for n in range(2)
    }


def _offered(page: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'data-value="(\d+)"', page)}


def _search(client, call, **params) -> str:
    url = reverse("membership:call_organisation_search", kwargs={"pk": call.pk})
    response = client.get(url, {"q": "seniorit", **params})
    assert response.status_code == 200
    return response.content.decode()


def test_the_search_offers_only_the_organisations_of_the_category_sent_along(
    client, call, contact, pensioners, older_people
):
    assert _offered(_search(client, call)) == pensioners | older_people
    assert _offered(_search(client, call, seat_category=_category("pensioners").pk)) == pensioners
    assert _offered(_search(client, call, seat_category=_category("older-people").pk)) == older_people
    with translation.override("en"):
        assert _offered(_search(client, call, seat_category="1 OR 1=1")) == set()


def _form(client, call) -> str:
    return client.get(reverse("membership:nomination_create", args=[call.pk])).content.decode()


def test_the_combobox_sends_the_category_only_when_the_call_has_personal_deputies(client, call, contact):
    assert 'data-depends-on="seat_category"' in _form(client, call)
    call.personal_deputies = False
    call.save()
    assert "data-depends-on" not in _form(client, call)


def _search_step(client, call, organisation, category_code: str) -> set[int]:
    data = form_data(
        organisation,
        seat_category=_category(category_code).pk,
        deputy_organisation_q="seniorit",
        combobox_search="deputy_organisation",
    )
    data.pop("action")
    page = client.post(reverse("membership:nomination_create", args=[call.pk]), data).content.decode()
    select = re.search(r'<select name="deputy_organisation".*?</select>', page, re.S).group(0)
    assert not Nomination.objects.exists()
    return {int(pk) for pk in re.findall(r'<option value="(\d+)"', select)}


def test_the_search_step_without_javascript_follows_the_chosen_category(
    client, call, organisation, contact, pensioners, older_people
):
    assert _search_step(client, call, organisation, "older-people") == older_people
    assert _search_step(client, call, organisation, "pensioners") == pensioners
    call.personal_deputies = False
    call.save()
    assert _search_step(client, call, organisation, "older-people") == pensioners | older_people


def test_a_deputy_from_another_category_is_refused_in_the_language_of_the_page(
    client, call, organisation, contact, older_people
):
    with translation.override("sv"):
        url = reverse("membership:nomination_create", args=[call.pk])
    data = form_data(organisation, deputy_organisation=min(older_people))
    page = client.post(url, data).content.decode()
    assert "måste ersättaren komma från en organisation i samma kategori" in page
    assert f"({_category('pensioners').name_sv})" in page
    assert not Nomination.objects.exists()
