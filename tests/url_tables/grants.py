"""Who may open each grants URL. Keys are role keys of tests/conftest.py ROLE_KEYS."""

import datetime

from django.core.files.base import ContentFile

from grants.models import ImportBatch, UseReport
from grants.services import add_payment
from tests.grants.factories import GrantFactory, GrantRoundFactory

EVERYONE = {"anon", "ngo", "member", "board", "staff", "admin"}
STAFF = {"staff", "admin"}
STAFF_AND_NGO = {"ngo", *STAFF}
TOTALS = {"member", "board", *STAFF}


def _own_grant(world) -> dict:
    return {"pk": GrantFactory(organisation=world.objects["organisation"]).pk}


def _payment(world) -> dict:
    grant = GrantFactory(organisation=world.objects["organisation"])
    return {"pk": add_payment(grant, datetime.date(2025, 2, 1), grant.amount_granted).pk}


def _use_report(world) -> dict:
    grant = GrantFactory(organisation=world.objects["organisation"])
    report = UseReport(grant=grant)
    report.file.save("raportti.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    report.save()
    return {"pk": report.pk}


def _batch(world) -> dict:
    batch = ImportBatch(original_name="avustukset.csv", uploaded_by=world.users["staff"])
    batch.file.save("avustukset.csv", ContentFile(b"business_id;year;activity;amount_granted\n"), save=False)
    batch.save()
    return {"pk": batch.pk}


CASES = {
    "grants:grant_list": (None, "L223333322", "L223333322"),
    "grants:grant_export": (lambda w: {"fmt": "csv"}, "L333333322", "L333333322"),
    "grants:grant_create": (None, "L333333322", "L333333322"),
    # Another organisation's grant is hidden from NGO contacts (404); the own one is open to them.
    "grants:grant_detail": (_own_grant, "L243333322", "L243333322"),
    "grants:grant_edit": (_own_grant, "L333333322", "L333333322"),
    "grants:payment_add": (_own_grant, "L333333322", "L333333322"),
    "grants:payment_edit": (_payment, "L333333322", "L333333322"),
    # An action by POST; a GET leads the allowed back to the grant.
    "grants:payments_plan": (_own_grant, "L3333333RR", "L3333333RR"),
    "grants:use_report_upload": (_own_grant, "L243333322", "L243333322"),
    "grants:use_report_file": (_use_report, "L243333322", "L243333322"),
    "grants:grant_scores": (_own_grant, "L3333333RR", "L3333333RR"),
    "grants:organisation_grants": (
        lambda w: {"pk": w.objects["organisation"].pk},
        "L243333322",
        "L243333322",
    ),
    # The grant form's organisation search, GET only.
    "grants:organisation_search": (None, "L333333322", "L333333355"),
    "grants:totals": (None, "L332223222", "L332223222"),
    "grants:national": (None, "2222222222", "2222222222"),
    "grants:round_list": (None, "L333333322", "L333333322"),
    "grants:round_create": (None, "L333333322", "L333333322"),
    "grants:round_edit": (
        lambda w: {"pk": GrantRoundFactory(opens_on=datetime.date(2024, 9, 1)).pk},
        "L333333322",
        "L333333322",
    ),
    "grants:import_start": (None, "L333333322", "L333333322"),
    "grants:import_preview": (_batch, "L333333322", "L333333322"),
}
