"""The grant list's page at any size: the totals in one pass, one page of rows by a narrow query,
and each row's text prepared once per request instead of looked up per row in the template.

The profile of the staff list at 20 000 grants showed the page query (every grant of the latest
year joined with five tables, its widest columns included, only to keep 50) and the table's
per-row URL reversal and choice-label lookups as most of its cost.
"""

from __future__ import annotations

from typing import Any, TypedDict

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Sum
from django.http import HttpRequest
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from membership.kernel import versions
from membership.kernel.urls import url_of_each
from membership.roles import is_staff

from .models import Grant

PAGE_SIZE = 50
# The data version (membership/kernel/versions.py) that retires a remembered page of the list.
TOPIC = "grants"
SETUP_TOPIC = "grant-setup"
# What rows() reads: the grant's columns and the names (str) of its organisation, type and funder.
SHOWN = (
    "year",
    "activity",
    "funder",
    "funder_name",
    "stea_type",
    "amount_granted",
    "status",
    "organisation__name_fi",
    "organisation__name_sv",
    "grant_type__name_fi",
    "grant_type__name_sv",
    "grant_type__name_en",
    "funder_municipality__name_fi",
    "funder_municipality__name_sv",
    "funder_municipality__name_en",
)


class Row(TypedDict):
    organisation: str
    year: int
    url: str
    activity: str
    funder: str
    grant_type: str
    granted: str
    status: str
    report_overdue: bool
    double_funded: bool


class _CountedPaginator(Paginator):
    """A paginator given the count, which the totals have already read."""

    def __init__(self, object_list: Any, per_page: int, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def totals(grants: QuerySet[Grant]) -> dict[str, Any]:
    """How many grants `grants` has and their sums: one pass, which the paginator's count reuses."""
    return grants.order_by().aggregate(
        count=Count("pk"), applied=Sum("amount_applied"), granted=Sum("amount_granted")
    )


def page(grants: QuerySet[Grant], number: Any, count: int) -> Page:
    """The page `number` of `grants` (annotated by services.with_flags): its keys and flags found in
    sort order, then only those rows read, with only the columns the table shows.

    The database works out the flags' subquery after the sort, for the page's rows alone; compiling
    and reading every column of five tables for each row was most of the page's remaining time.
    """
    keyed = grants.values_list("pk", "double_funded", "report_overdue")
    found = _CountedPaginator(keyed, PAGE_SIZE, count).get_page(number)
    flags = {key: (double, overdue) for key, double, overdue in found.object_list}
    shown = (
        Grant.objects.filter(pk__in=flags)
        .select_related("organisation", "grant_type", "funder_municipality")
        .only(*SHOWN)
    )
    by_key = {grant.pk: grant for grant in shown}
    for key, grant in by_key.items():
        grant.double_funded, grant.report_overdue = flags[key]  # type: ignore[attr-defined]  # as with_flags
    found.object_list = [by_key[key] for key in flags]
    return found


def rows(grants: list[Grant]) -> list[Row]:
    """The table's text for `grants` (annotated by services.with_flags)."""
    detail_url = url_of_each("grants:grant_detail")
    statuses = {value: str(label) for value, label in Grant.Status.choices}
    return [
        {
            "organisation": str(grant.organisation),
            "year": grant.year,
            "url": detail_url(grant.pk),
            "activity": grant.activity,
            "funder": grant.funder_label,
            "grant_type": str(grant.grant_type) if grant.grant_type else "–",
            "granted": floatformat(grant.amount_granted, "2g"),
            "status": statuses.get(grant.status, grant.status),
            "report_overdue": grant.report_overdue,  # type: ignore[attr-defined]  # with_flags
            "double_funded": grant.double_funded,  # type: ignore[attr-defined]  # with_flags
        }
        for grant in grants
    ]


def listed_page(request: HttpRequest, grants: QuerySet[Grant]) -> dict[str, Any]:
    """The list's totals and its rendered table for this request's filters and page number.

    Staff see every grant, so a staff page is the same for every staff member: it is remembered
    until a grant, an organisation, a grant type or a round changes (the two topics), which is
    what keeps the page within its budget at 20 000 grants. Today is in the key (overdue flags).
    """

    def compute() -> dict[str, Any]:
        summary = totals(grants)
        found = page(grants, request.GET.get("page"), summary["count"])
        context = {"page": found, "rows": rows(found.object_list)}
        return {"summary": summary, "table": render_to_string("grants/_grant_table.html", context, request)}

    if not is_staff(request.user):
        return compute()
    parts = (get_language(), timezone.localdate(), sorted(request.GET.lists()))
    answer = versions.remembered("grant-list", parts, [TOPIC, SETUP_TOPIC], compute)
    return {**answer, "table": mark_safe(answer["table"])}  # noqa: S308  # rendered by our template
