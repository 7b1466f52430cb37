"""The one search box of the lists (membership/kernel/filtering.SearchFilter)."""

import pytest

from grants.filters import GrantFilter
from grants.models import Grant
from membership.filters import OrganisationFilter
from membership.models import Organisation
from tests.factories import OrganisationFactory
from tests.grants.factories import GrantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def swedish_association():
    return OrganisationFactory(
        name_fi="Vantaan ruotsinkielinen nuorisoseura ry", name_sv="Vanda ungdomsförening rf"
    )


def _found(filterset_class, query: str, queryset):
    return list(filterset_class({"q": query}, queryset=queryset).qs)


def test_an_association_is_found_by_its_swedish_name_in_every_list(swedish_association):
    grant = GrantFactory(organisation=swedish_association)
    GrantFactory()
    assert _found(GrantFilter, "ungdomsförening", Grant.objects.all()) == [grant]
    assert _found(OrganisationFilter, "UNGDOMSFÖRENING", Organisation.objects.all()) == [swedish_association]
    assert _found(GrantFilter, swedish_association.business_id, Grant.objects.all()) == [grant]


def test_an_empty_or_blank_search_lists_everything_and_a_long_one_matches_nothing(swedish_association):
    everyone = set(Organisation.objects.values_list("pk", flat=True))
    for query in ("", "   "):
        assert {o.pk for o in _found(OrganisationFilter, query, Organisation.objects.all())} == everyone
    assert _found(OrganisationFilter, "x" * 2000, Organisation.objects.all()) == []
