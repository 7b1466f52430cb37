"""The nomination list and the composition board stay within a fixed query budget at any size."""

import pytest
from django.urls import reverse

from membership.demo import business_id_for
from membership.models import Municipality, Nomination, Organisation, PrhMainClass, SeatCategory

from .call_factories import CallFactory, add_quota, add_seats

pytestmark = pytest.mark.django_db

# Measured at both sizes: session, user, roles, contact check, the call, the filter's choices,
# the count and the page with its municipalities (list); the rules, quotas, the nominations
# counted per category, the proposal in full with its municipalities, earlier terms, and the rows
# drawn in full with their municipalities (board).
LIST_BUDGET = 12
BOARD_BUDGET = 14


def make_nominations(call, count: int) -> None:
    categories = list(SeatCategory.objects.all())
    municipalities = list(Municipality.objects.all())
    social = PrhMainClass.objects.get(code="social-health")
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                name_fi=f"Budjettiyhdistys {n}",
                business_id=business_id_for(7000000 + n * 11),
                prh_class=social,
                seat_category=categories[n % len(categories)],
            )
            for n in range(count)
        ]
    )
    through = Organisation.municipalities.through
    through.objects.bulk_create(
        [
            through(organisation=o, municipality=municipalities[i % len(municipalities)])
            for i, o in enumerate(organisations)
        ]
    )
    Nomination.objects.bulk_create(
        [
            Nomination(
                call=call,
                organisation=o,
                seat_category=o.seat_category,
                status=Nomination.Status.SUBMITTED,
                representative_name=f"Edustaja {i}",
                representative_email=f"e{i}@example.fi",
                representative_role="jäsen",
                representative_capacity="volunteer",
                deputy_name=f"Varajäsen {i}",
                deputy_email=f"v{i}@example.fi",
                motivation="m",
                expertise="e",
                languages="suomi",
                consents_to_processing=True,
                in_proposal=i % 7 == 0,
            )
            for i, o in enumerate(organisations)
        ]
    )


@pytest.fixture
def call():
    call = CallFactory(total_seats=16)
    add_seats(call, [c.code for c in SeatCategory.objects.all()], low=1, high=2)
    add_quota(call, "092", 9)
    add_quota(call, "245", 3)
    return call


@pytest.mark.parametrize("count", [10, 500])
def test_nomination_list_query_budget(staff_client, call, count, django_assert_max_num_queries):
    make_nominations(call, count)
    url = reverse("membership:nomination_list", args=[call.pk])
    with django_assert_max_num_queries(LIST_BUDGET):
        response = staff_client.get(url, {"status": "submitted"})
    assert response.status_code == 200
    assert response.context["total"] == count


@pytest.mark.parametrize("count", [10, 500])
def test_composition_board_query_budget(staff_client, call, count, django_assert_max_num_queries):
    make_nominations(call, count)
    url = reverse("membership:composition_board", args=[call.pk])
    with django_assert_max_num_queries(BOARD_BUDGET):
        response = staff_client.get(url)
    assert response.status_code == 200
    assert len(response.context["composition"].proposal) == len(range(0, count, 7))
