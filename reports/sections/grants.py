"""Grants of the period's year: totals by seat category and municipality, with the change from last year."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from grants import services as grant_services
from membership.kernel.periods import Period

from . import register


def _signed(value) -> str:
    text = number_format(value, decimal_pos=1, use_l10n=True)
    return text if text.startswith("-") else f"+{text}"


def _row(row) -> dict:
    return {
        "label": row.label or str(_("Not given")),
        "current": f"{row.current:,.0f}".replace(",", "\u00a0"),
        "previous": f"{row.previous:,.0f}".replace(",", "\u00a0") if row.previous is not None else "–",
        # In the report's language: "+0,2 %" in Finnish and Swedish.
        "change": _signed(row.change_percent) + "\u00a0%" if row.change_percent is not None else "–",
        "count": row.count,
    }


@register("grants", _("Grants"), order=70)
def collect(period: Period, detailed: bool) -> dict:
    year = period.year
    totals = {row.key: row for row in grant_services.totals_by_year()}
    this_year = totals.get(year)
    if this_year is None or not this_year.current:
        return {"has_data": False, "note": str(_("No grants are recorded for %(year)s.") % {"year": year})}
    return {
        "has_data": True,
        "year": year,
        "total": _row(this_year),
        "by_category": [_row(row) for row in grant_services.totals_for_year(year, "seat_category")],
        "by_municipality": [_row(row) for row in grant_services.totals_for_year(year, "municipality")],
    }
