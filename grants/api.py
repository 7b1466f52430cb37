"""Public API: the national comparison of NGO grants per county (snapshot 8/2025, seed 002)."""

from __future__ import annotations

from django.utils.translation import gettext_noop
from ninja import Field, Router

from membership.public_api import Out, check_params, portal_url, responses

from .models import CountyComparison

router = Router(tags=["grants"])


class CountyOut(Out):
    code: str
    name: str
    county_grants: str = Field(description="County NGO grants in euros, a decimal string.")
    stea_c_2024: str = Field(description="STEA C-grants 2024 in euros, a decimal string.")
    stea_c_2025: str
    stea_change: str
    stea_change_percent: str | None
    is_own: bool = Field(description="True for Vantaa and Kerava.")


class NationalComparison(Out):
    snapshot: str = Field(description="When the figures were collected.")
    source_url: str
    items: list[CountyOut]


def _money(value) -> str:
    return format(value, "f")


@router.get(
    "/grants/national", response=responses(NationalComparison), summary=gettext_noop("Grants per county")
)
def national_comparison(request):
    check_params(request, ())
    counties = [
        CountyOut(
            code=c.code,
            name=c.name,
            county_grants=_money(c.county_grants),
            stea_c_2024=_money(c.stea_c_2024),
            stea_c_2025=_money(c.stea_c_2025),
            stea_change=_money(c.stea_change),
            stea_change_percent=None if c.stea_change_percent is None else _money(c.stea_change_percent),
            is_own=c.is_own,
        )
        for c in CountyComparison.objects.order_by("order")
    ]
    return NationalComparison(snapshot="2025-08", source_url=portal_url("grants:national"), items=counties)
