"""Exporting a filtered grant list as CSV or XLSX, streamed row by row from the database."""

from __future__ import annotations

import csv
import io

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .models import Grant


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
    grants = grants.select_related(
        "organisation", "grant_round", "grant_type", "municipality", "funder_municipality"
    )
    for grant in grants.iterator(chunk_size=2000):
        yield [
            grant.organisation.name,
            grant.organisation.business_id,
            grant.year,
            str(grant.grant_round or ""),
            str(grant.grant_type or ""),
            grant.funder_label,
            grant.activity,
            str(grant.municipality or ""),
            grant.amount_applied,
            grant.amount_granted,
            grant.get_status_display(),
            grant.report_due_on or "",
            grant.report_received_on or "",
            _("yes") if getattr(grant, "double_funded", False) else "",
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
