"""Exporting a filtered grant list as CSV or XLSX, streamed row by row from the database.

The columns are the import's columns too (grants/imports.py reads these headers in every
language), so an export imports back unchanged.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from membership.exports import Export, query_dict
from membership.kernel import spreadsheets
from membership.kernel.spreadsheets import AMOUNT, DATE, INTEGER, Column
from membership.models import Municipality

from . import services
from .filters import GrantFilter
from .models import Funder, Grant, GrantRound, GrantType
from .permissions import grants_visible_to

# The field each column fills on import; None for columns only for the reader.
FIELDS = (
    None,
    "business_id",
    "year",
    "grant_round",
    "grant_type",
    "funder",
    "activity",
    "municipality",
    "amount_applied",
    "amount_granted",
    "status",
    "report_due_on",
    "report_received_on",
    None,
)


def columns() -> list[Column]:
    return [
        Column(_("Organisation"), width=36),
        Column(_("Business ID"), width=11),
        Column(_("Year"), INTEGER, width=7),
        Column(_("Grant round"), width=24),
        Column(_("Grant type"), width=20),
        Column(_("Funder"), width=20),
        Column(_("Activity"), width=36),
        Column(_("Municipality"), width=12),
        Column(_("Amount applied (€)"), AMOUNT, width=14),
        Column(_("Amount granted (€)"), AMOUNT, width=14),
        Column(_("Status"), width=12),
        Column(_("Use report due"), DATE, width=12),
        Column(_("Use report received"), DATE, width=12),
        Column(_("Double funding"), width=10),
    ]


def funder_label(row: dict, municipalities: dict, funders: dict) -> str:
    if row["funder"] == Funder.MUNICIPALITY and row["funder_municipality_id"]:
        return municipalities[row["funder_municipality_id"]]
    if row["funder"] == Funder.OTHER and row["funder_name"]:
        return row["funder_name"]
    if row["funder"] == Funder.STEA and row["stea_type"]:
        return f"STEA {row['stea_type']}"
    return funders[row["funder"]]


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
        yield [
            (swedish and row["organisation__name_sv"]) or row["organisation__name_fi"],
            row["organisation__business_id"],
            row["year"],
            rounds.get(row["grant_round_id"], ""),
            types.get(row["grant_type_id"], ""),
            funder_label(row, municipalities, funders),
            row["activity"],
            municipalities.get(row["municipality_id"], ""),
            row["amount_applied"],
            row["amount_granted"],
            statuses[row["status"]],
            row["report_due_on"],
            row["report_received_on"],
            yes if row.get("double_funded") else "",
        ]


def to_csv(grants: QuerySet[Grant]) -> bytes:
    return spreadsheets.write_csv(columns(), _rows(grants))


def to_xlsx(grants: QuerySet[Grant], progress=None) -> bytes:
    return spreadsheets.write_xlsx(columns(), _rows(grants), title=_("Grants"), progress=progress)


def listed(user, params) -> GrantFilter:
    """The grant list's filter over what `user` may see; the list page and every export use it."""
    base = services.with_flags(grants_visible_to(user)).select_related(
        "organisation", "grant_round", "grant_type", "municipality", "funder_municipality"
    )
    return GrantFilter(params, queryset=base.order_by("-year", "organisation__name_fi", "pk"))


def export(user, params: dict) -> Export:
    """The export registered as "grants" (membership/exports.py): the filtered list."""
    grants = listed(user, query_dict(params)).qs
    return Export(
        columns(), _rows(grants), grants.count(), _("Grants"), f"grants-{timezone.localdate().isoformat()}"
    )
