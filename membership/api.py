"""Public API: the council's current and past members (never an email address or a phone)."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils.translation import gettext_noop
from ninja import Field, Path, Query, Router

from .models import CouncilMembership
from .public_api import (
    MAX_ID,
    IsoDate,
    Out,
    PageMeta,
    PageParams,
    Text,
    check_params,
    keyset,
    not_found,
    portal_url,
    responses,
    text,
)

router = Router(tags=["members"])


class OrganisationOut(Out):
    id: int
    name: Text


class CategoryOut(Out):
    code: str
    name: Text


class MemberOut(Out):
    id: int
    name: str
    position: str = Field(description="chair, vice_chair, member, deputy, board_rep, secretary or expert")
    organisation: OrganisationOut | None
    seat_category: CategoryOut | None
    deputy_of: int | None = Field(description="The id of the member whose personal deputy this is.")
    term_starts_on: datetime.date
    term_ends_on: datetime.date
    ended_early_on: datetime.date | None
    url: str


class MemberPage(PageMeta):
    items: list[MemberOut]


class MemberFilters(PageParams):
    on: IsoDate | None = Field(None, description="Seat holders on this day (YYYY-MM-DD).")
    year: int | None = Field(None, ge=2000, le=2100, description="Terms that overlap this year.")
    seat_category: str | None = Field(None, max_length=40, description="A seat category's code.")
    position: CouncilMembership.Position | None = None


def member_out(membership: CouncilMembership) -> MemberOut:
    organisation = membership.organisation
    category = membership.seat_category
    return MemberOut(
        id=membership.pk,
        name=membership.full_name,
        position=membership.position,
        organisation=OrganisationOut(
            id=organisation.pk, name=Text(fi=organisation.name_fi, sv=organisation.name_sv or None, en=None)
        )
        if organisation
        else None,
        seat_category=CategoryOut(code=category.code, name=text(category, "name")) if category else None,
        deputy_of=membership.deputy_of_id,
        term_starts_on=membership.starts_on,
        term_ends_on=membership.ends_on,
        ended_early_on=membership.ended_early_on,
        url=portal_url("membership:member_history"),
    )


def _members():
    return CouncilMembership.objects.select_related("organisation", "seat_category")


def _filtered(filters: MemberFilters):
    queryset = _members()
    if filters.on:
        queryset = queryset.filter(starts_on__lte=filters.on).filter(
            Q(ended_early_on__isnull=True, ends_on__gte=filters.on) | Q(ended_early_on__gte=filters.on)
        )
    if filters.year:
        queryset = queryset.filter(starts_on__year__lte=filters.year, ends_on__year__gte=filters.year)
    if filters.seat_category:
        queryset = queryset.filter(seat_category__code=filters.seat_category)
    if filters.position:
        queryset = queryset.filter(position=filters.position)
    return queryset


@router.get(
    "/members", response=responses(MemberPage), summary=gettext_noop("Council members, current and past")
)
def list_members(request, filters: Query[MemberFilters]):
    check_params(request, MemberFilters.model_fields)
    rows, next_url = keyset(request, _filtered(filters), ("starts_on", "id"), filters)
    return MemberPage(items=[member_out(m) for m in rows], next=next_url, limit=filters.limit)


@router.get(
    "/members/{member_id}", response=responses(MemberOut), summary=gettext_noop("One council seat holder")
)
def get_member(request, member_id: int = Path(..., ge=1, le=MAX_ID)):
    check_params(request, ())
    membership = _members().filter(pk=member_id).first()
    if membership is None:
        raise not_found(f"member {member_id}")
    return member_out(membership)
