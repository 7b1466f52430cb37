"""The council's member list, the history of terms, resignations and claiming a seat."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..kernel import versions
from ..kernel.public_cache import public_page
from ..kernel.urls import url_of_each
from ..models import CouncilMembership, DecisionReason, NominationCall, Role, VacantSeat
from ..roles import PUBLIC, SIGNED_IN, STAFF_ONLY, access, has_role
from ..services import council_memberships_on
from . import members
from .filters import MemberFilter
from .forms import ResignForm


def _sees_contacts(user) -> bool:
    return has_role(user, Role.MEMBER, Role.STAFF)


# What _rows reads: compiling and reading every column of the five joined tables cost more than the rows.
SHOWN = (
    "full_name",
    "email",
    "position",
    "starts_on",
    "ends_on",
    "ended_early_on",
    "organisation__name_fi",
    "organisation__name_sv",
    "seat_category__name_fi",
    "seat_category__name_sv",
    "seat_category__name_en",
    "user__phone",
    "deputy_of__full_name",
)


def _rows(seats) -> list[dict]:
    """The text of membership/calls/_member_rows.html for `seats`, prepared once per request.

    The template's choice labels, dates and URL reversal for each row were most of the list's cost.
    """
    positions = {value: str(label) for value, label in CouncilMembership.Position.choices}
    resign_url = url_of_each("membership:member_resign")
    # The locale's short date, as `date:"SHORT_DATE_FORMAT"` would give, looked up once per list.
    short_date = get_format("SHORT_DATE_FORMAT")

    def day(value: datetime.date) -> str:
        return dateformat.format(value, short_date)

    return [
        {
            "full_name": seat.full_name,
            "position": positions.get(seat.position, seat.position),
            "organisation": str(seat.organisation) if seat.organisation else "–",
            "seat_category": str(seat.seat_category) if seat.seat_category else "–",
            "deputy_of": (seat.deputy_of.full_name if seat.deputy_of else "") or "–",
            "term": f"{day(seat.starts_on)}–{day(seat.last_day)}",
            "resigned": seat.ended_early_on is not None,
            "email": seat.email,
            "phone": seat.user.phone if seat.user else "",
            "resign_url": resign_url(seat.pk),
        }
        for seat in seats
    ]


@access(PUBLIC)
@public_page("members")
def member_list(request):
    today = timezone.localdate()
    seats = council_memberships_on(today).order_by("seat_category__order", "position", "full_name")
    member_filter = MemberFilter(request.GET, queryset=seats.only(*SHOWN))
    show_contacts = _sees_contacts(request.user)

    def body(_csrf_token: str) -> str:  # the list has no form: no token to place
        # A council decided for a term that has not started yet is shown too.
        upcoming = CouncilMembership.objects.filter(starts_on__gt=today, ended_early_on__isnull=True)
        upcoming = upcoming.select_related("organisation", "seat_category", "user", "deputy_of").only(*SHOWN)
        upcoming_filter = MemberFilter(request.GET, queryset=upcoming.order_by(*seats.query.order_by))
        # The reasons and vacant seats of the decisions behind the current and the next council.
        decided = NominationCall.objects.filter(
            status=NominationCall.Status.DECIDED, term_ends_on__gte=today, supplementary_for__isnull=True
        )
        reasons = DecisionReason.objects.filter(call__in=decided).order_by("call__term_starts_on", "pk")
        vacancies = VacantSeat.objects.filter(call__in=decided).select_related(
            "seat_category", "filled_by", "filled_by_call"
        )
        context = {
            "reasons": reasons,
            "vacancies": vacancies.order_by("call__term_starts_on", "seat_category__order", "pk"),
            "seats": _rows(member_filter.qs),
            "upcoming": _rows(upcoming_filter.qs),
            "show_contacts": show_contacts,
        }
        return render_to_string("membership/calls/_member_list_body.html", context, request)

    # Signed-in readers see the same list for days: it is kept until the council changes
    # (the public's copy of the whole page is kept by public_page).
    shown_for = (show_contacts, has_role(request.user, Role.STAFF))
    query = [(name, request.GET.getlist(name)) for name in sorted(member_filter.filters)]
    parts = (get_language(), today, shown_for, query)
    kept = versions.remembered_markup(request, "member-list", parts, ["members"], body)
    return render(request, "membership/calls/member_list.html", {"filter": member_filter, "body": kept})


@access(PUBLIC)
@public_page("members")
def member_history(request):
    seats = (
        CouncilMembership.objects.select_related("organisation", "seat_category", "user", "deputy_of")
        .only(*SHOWN)
        .order_by("-starts_on", "seat_category__order", "position", "full_name")
    )
    member_filter = MemberFilter(request.GET, queryset=seats)
    page = Paginator(member_filter.qs, 100).get_page(request.GET.get("page"))
    context = {"filter": member_filter, "page": page, "seats": _rows(page.object_list)}
    return render(request, "membership/calls/member_history.html", context)


@access(STAFF_ONLY)
def member_resign(request, pk: int):
    membership = get_object_or_404(CouncilMembership.objects.select_related("organisation"), pk=pk)
    form = ResignForm(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["replacement"]
        members.resign(
            membership,
            form.cleaned_data["last_day"],
            form.cleaned_data["reason"],
            replace_with_deputy=choice == "deputy",
            new_name=form.cleaned_data["new_name"] if choice == "new" else "",
            new_email=form.cleaned_data["new_email"] if choice == "new" else "",
            acting_user=request.user,
        )
        messages.success(request, _("The resignation is recorded."))
        return redirect("membership:member_list")
    return render(request, "membership/calls/member_resign.html", {"form": form, "membership": membership})


@access(SIGNED_IN)
def seat_claim(request, token: str):
    membership = get_object_or_404(CouncilMembership, claim_token=token)
    error = None
    if membership.email.lower() != request.user.email.lower():
        error = _("This invitation was sent to %(email)s. Sign in with that address to accept it.") % {
            "email": membership.email
        }
    if request.method == "POST" and error is None:
        members.claim_seat(token, request.user)
        messages.success(request, _("Welcome to the council. Your seat is now linked to your account."))
        return redirect("dashboard")
    return render(request, "membership/calls/seat_claim.html", {"membership": membership, "error": error})
