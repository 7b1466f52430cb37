"""The staff grant list: the same work at any size, and the rows, totals and flags it shows."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from grants.listing import PAGE_SIZE, TOPIC
from grants.models import Funder, Grant, GrantType, normalise_activity
from membership.kernel import versions
from membership.models import Municipality
from tests.factories import OrganisationFactory

from .factories import GrantFactory

pytestmark = pytest.mark.django_db


def _add_grants(count: int, organisations) -> None:
    grant_type = GrantType.objects.get(code="activity")
    vantaa = Municipality.objects.get(code="092")
    start = Grant.objects.count()
    grants = []
    for n in range(start, start + count):
        # Every fifth is a municipality's grant for the county-funded activity of the one before.
        same = n - 1 if n % 5 == 4 else n
        grants.append(
            Grant(
                organisation=organisations[same % len(organisations)],
                year=2023 + same % 3,
                activity=f"Toiminta {same}",
                activity_key=normalise_activity(f"Toiminta {same}"),
                grant_type=grant_type,
                funder=Funder.MUNICIPALITY if same != n else Funder.COUNTY,
                funder_municipality=vantaa if same != n else None,
                amount_granted=Decimal(1000 + n),
                status=Grant.Status.GRANTED,
                report_due_on=datetime.date(2024, 1, 1) if n % 5 == 0 else None,
            )
        )
    Grant.objects.bulk_create(grants)
    versions.changed(TOPIC)  # as grants.imports does: bulk_create sends no signals


def _measure(client, url: str) -> tuple[int, int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    return len(queries), body.count("<tr>"), len(response.context["rows"])


@pytest.mark.parametrize("query", ["", "?year=2025&status=granted", "?flag=overdue", "?flag=double&page=2"])
def test_the_list_does_the_same_work_at_300_and_at_3000_grants(staff_client, query):
    organisations = [OrganisationFactory() for _ in range(30)]
    url = reverse("grants:grant_list") + query
    _add_grants(300, organisations)
    small = _measure(staff_client, url)
    _add_grants(2700, organisations)
    large = _measure(staff_client, url)
    assert small == large
    queries, table_rows, rows = large
    assert rows == PAGE_SIZE and table_rows == PAGE_SIZE + 1  # and the header row
    assert queries <= 14


def test_pages_follow_the_lists_order_and_the_totals_count_every_page(staff_client):
    organisations = [OrganisationFactory(name_fi=name) for name in ("Ö-yhdistys", "A-yhdistys", "M-yhdistys")]
    _add_grants(120, organisations)
    expected = list(
        Grant.objects.order_by("-year", "organisation__name_fi", "pk").values_list("activity", flat=True)
    )
    shown = []
    for number in (1, 2, 3):
        response = staff_client.get(reverse("grants:grant_list"), {"page": number})
        shown += [grant.activity for grant in response.context["page"].object_list]
        assert [row["activity"] for row in response.context["rows"]] == shown[
            -len(response.context["rows"]) :
        ]
    assert shown == expected
    summary = response.context["summary"]
    assert summary["count"] == 120
    assert summary["granted"] == sum(Decimal(1000 + n) for n in range(120))
    assert response.context["page"].paginator.num_pages == 3


def test_rows_show_their_flags_links_and_labels(staff_client):
    county = GrantFactory(activity="Kohtaamispaikka", amount_granted=Decimal("12345.5"))
    GrantFactory(
        organisation=county.organisation,
        activity="kohtaamispaikka",
        funder=Funder.MUNICIPALITY,
        funder_municipality=Municipality.objects.get(code="245"),
        status=Grant.Status.PAID,
    )
    late = GrantFactory(activity="Kerho", report_due_on=datetime.date(2024, 3, 1), grant_type=None)
    response = staff_client.get(reverse("grants:grant_list"), {"flag": "double"})
    rows = response.context["rows"]
    assert [row["activity"] for row in rows] == ["Kohtaamispaikka", "kohtaamispaikka"]
    assert all(row["double_funded"] and not row["report_overdue"] for row in rows)
    assert {row["funder"] for row in rows} == {"wellbeing services county", "Kerava"}
    assert {row["status"] for row in rows} == {"granted", "paid"}
    body = response.content.decode()
    assert body.count("Double funding</span>") == 2
    assert f'href="{reverse("grants:grant_detail", args=[county.pk])}"' in body
    assert "12,345.50" in body
    response = staff_client.get(reverse("grants:grant_list"), {"flag": "overdue"})
    [row] = response.context["rows"]
    assert (row["activity"], row["grant_type"], row["report_overdue"]) == ("Kerho", "–", True)
    assert f'href="{reverse("grants:grant_detail", args=[late.pk])}"' in response.content.decode()


def test_a_remembered_page_is_retired_by_any_change_it_shows(staff_client):
    organisations = [OrganisationFactory() for _ in range(3)]
    _add_grants(60, organisations)
    url = reverse("grants:grant_list")
    first = _measure(staff_client, url)
    with CaptureQueriesContext(connection) as queries:
        again = staff_client.get(url)
    assert again.content.decode().count("<tr>") == PAGE_SIZE + 1
    # Remembered: neither the totals nor the page are read again, only the session and the roles.
    assert len(queries) < first[0] - 2
    shown = Grant.objects.order_by("-year", "organisation__name_fi", "pk").first()
    shown.activity = "Uusi nimi toiminnalle"
    shown.save()
    assert "Uusi nimi toiminnalle" in staff_client.get(url).content.decode()
    organisation = shown.organisation
    organisation.name_fi = "Aivan uusi yhdistys"
    organisation.save()
    assert "Aivan uusi yhdistys" in staff_client.get(url).content.decode()
    shown.delete()
    assert "Uusi nimi toiminnalle" not in staff_client.get(url).content.decode()


def test_an_ngo_contact_sees_only_their_own_grants_without_the_staff_filters(ngo_client, ngo_user):
    own = GrantFactory(organisation=ngo_user.organisations.first(), activity="Oma kerho")
    GrantFactory(activity="Toisen kerho")
    response = ngo_client.get(reverse("grants:grant_list"))
    body = response.content.decode()
    assert own.activity in body and "Toisen kerho" not in body
    assert 'name="funder"' not in body  # the staff filter panel
