"""Exporting a filtered grant list as CSV or XLSX, streamed row by row from the database."""

from __future__ import annotations

import csv
import io

from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from membership.models import Municipality

from .models import Funder, Grant, GrantRound, GrantType


def _header() -> list[str]:
    return [
        _("Organisation"),
        _("Business ID"),
        _("Year"),
        _("Grant round"),
        _("Grant type"),
        _("Funder"),
        _("Activity"),
        _("Municipality"),
        _("Amount applied (€)"),
        _("Amount granted (€)"),
        _("Status"),
        _("Use report due"),
        _("Use report received"),
        _("Double funding"),
    ]


def _rows(grants: QuerySet[Grant]):
    """Plain values with labels looked up once, so that a large export creates no model objects."""
    swedish = (get_language() or "fi")[:2] == "sv"
    rounds = {r.pk: str(r) for r in GrantRound.objects.all()}
    types = {t.pk: str(t) for t in GrantType.objects.all()}
    municipalities = {m.pk: str(m) for m in Municipality.objects.all()}
    statuses = {value: str(label) for value, label in Grant.Status.choices}
    funders = {value: str(label) for value, label in Funder.choices}
    has_flags = "double_funded" in grants.query.annotations
    fields = [
        "organisation__name_fi",
        "organisation__name_sv",
        "organisation__business_id",
        "year",
        "grant_round_id",
        "grant_type_id",
        "funder",
        "funder_municipality_id",
        "funder_name",
        "stea_type",
        "activity",
        "municipality_id",
        "amount_applied",
        "amount_granted",
        "status",
        "report_due_on",
        "report_received_on",
    ] + (["double_funded"] if has_flags else [])
    yes = _("yes")
    for row in grants.values(*fields).iterator(chunk_size=2000):
        if row["funder"] == Funder.MUNICIPALITY and row["funder_municipality_id"]:
            funder = municipalities[row["funder_municipality_id"]]
        elif row["funder"] == Funder.OTHER and row["funder_name"]:
            funder = row["funder_name"]
        elif row["funder"] == Funder.STEA and row["stea_type"]:
            funder = f"STEA {row['stea_type']}"
        else:
            funder = funders[row["funder"]]
        yield [
            (swedish and row["organisation__name_sv"]) or row["organisation__name_fi"],
            row["organisation__business_id"],
            row["year"],
            rounds.get(row["grant_round_id"], ""),
            types.get(row["grant_type_id"], ""),
            funder,
            row["activity"],
            municipalities.get(row["municipality_id"], ""),
            row["amount_applied"],
            row["amount_granted"],
            statuses[row["status"]],
            row["report_due_on"] or "",
            row["report_received_on"] or "",
            yes if row.get("double_funded") else "",
        ]


def to_csv(grants: QuerySet[Grant]) -> bytes:
    buffer = io.StringIO()
    # Semicolons and a BOM so that Excel in Finnish opens the file as columns.
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(_header())
    for row in _rows(grants):
        writer.writerow([str(cell).replace(".", ",") if hasattr(cell, "quantize") else cell for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(grants: QuerySet[Grant]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Grants"))
    sheet.append(_header())
    for row in _rows(grants):
        sheet.append([float(cell) if hasattr(cell, "quantize") else cell for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
