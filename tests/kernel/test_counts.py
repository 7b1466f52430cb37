"""Counts are written with the locale's digit grouping ("3 018"), and other numbers such as years are not."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from grants.models import Funder, Grant, GrantType, GrantYear, normalise_activity
from membership.demo import business_id_for
from membership.models import Organisation, PrhMainClass, Role, SeatCategory
from tests.factories import OrganisationFactory, user_with_role

NBSP = "\xa0"


def _render(source: str, **context) -> str:
    return Template("{% load counts %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"), [("fi", f"3{NBSP}018"), ("sv", f"3{NBSP}018"), ("en", "3,018")]
)
def test_a_count_is_grouped_in_the_language_of_the_page_and_a_year_is_not(language, expected):
    with translation.override(language):
        assert _render("{{ n|grouped }} / {{ year }}", n=3018, year=2026) == f"{expected} / 2026"


def test_what_is_not_a_number_is_shown_as_it_is():
    shown = _render("[{{ a|grouped }}] [{{ b|grouped }}] [{{ c|grouped }}]", a=None, b="–", c=7)
    assert shown == "[None] [–] [7]"


@pytest.mark.django_db
def test_the_organisation_list_groups_its_count(client):
    prh_class = PrhMainClass.objects.get(code="social-health")
    category = SeatCategory.objects.get(code="pensioners")
    Organisation.objects.bulk_create(
        Organisation(
            name_fi=f"Yhdistys {n} ry",
            business_id=business_id_for(2000000 + n * 13),
            prh_class=prh_class,
            seat_category=category,
        )
        for n in range(1018)
    )
    client.force_login(user_with_role(Role.STAFF))
    with translation.override("fi"):
        page = client.get(reverse("membership:organisation_list")).content.decode()
    assert f"1{NBSP}018 järjestöä" in page


def _granted(count: int) -> list[Grant]:
    """`count` county grants of 2026 for one organisation, in one query."""
    organisation = OrganisationFactory()
    grant_type = GrantType.objects.get(code="activity")
    return Grant.objects.bulk_create(
        Grant(
            organisation=organisation,
            year=2026,
            activity=f"Toiminta {n}",
            activity_key=normalise_activity(f"Toiminta {n}"),
            grant_type=grant_type,
            funder=Funder.COUNTY,
            amount_granted=Decimal(100),
            status=Grant.Status.GRANTED,
        )
        for n in range(count)
    )


@pytest.mark.django_db
def test_the_grant_totals_group_the_number_of_grants_but_not_the_year(client):
    grants = _granted(1200)
    GrantYear.objects.bulk_create(GrantYear(grant=g, year=g.year, amount=g.amount_granted) for g in grants)
    client.force_login(user_with_role(Role.STAFF))
    with translation.override("fi"):
        page = client.get(reverse("grants:totals"), {"year": 2026}).content.decode()
    assert '<th scope="row">2026</th>' in page
    assert f'<td class="num">1{NBSP}200</td>' in page
    assert f"2{NBSP}026" not in page


@pytest.mark.django_db
def test_the_grant_list_groups_the_number_of_grants_but_not_the_year(client):
    _granted(1018)
    client.force_login(user_with_role(Role.STAFF))
    with translation.override("fi"):
        page = client.get(reverse("grants:grant_list")).content.decode()
    assert f"1{NBSP}018 avustusta" in page
    assert f"101{NBSP}800,00 €" in page  # the granted total, grouped as before
    assert "<td>2026</td>" in page and f"2{NBSP}026" not in page
