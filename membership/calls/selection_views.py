"""The HYTE team's review: nomination list, scoring and the decision (the board: `board_views`)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import personal_data
from ..models import Erasure, Municipality, Nomination, NominationCall
from ..readable_data import readable_export
from ..roles import SIGNED_IN, STAFF_ONLY, access
from . import decision, services, vacancies
from .composition import build_composition
from .filters import NominationFilter
from .forms import CriteriaScoreForm, DecisionForm, PersonalDataForm, ScoreForm, SupplementaryCallForm

PAGE_SIZE = 50


@access(STAFF_ONLY)
def nomination_list(request, pk: int):
    call = get_object_or_404(NominationCall, pk=pk)
    base = (
        call.nominations.select_related("organisation", "seat_category")
        .prefetch_related(Prefetch("organisation__municipalities", queryset=Municipality.objects.all()))
        .order_by("seat_category__order", "organisation__name_fi")
    )
    nomination_filter = NominationFilter(request.GET, queryset=base)
    page = Paginator(nomination_filter.qs.distinct(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "membership/calls/nomination_list.html",
        {"call": call, "filter": nomination_filter, "page": page, "total": page.paginator.count},
    )


@access(STAFF_ONLY)
def nomination_review(request, pk: int):
    nomination = get_object_or_404(
        Nomination.objects.select_related("call", "organisation", "seat_category", "deputy_organisation"),
        pk=pk,
    )
    by_criteria = nomination.call.scoring_criteria.exists()
    if by_criteria:
        form = CriteriaScoreForm(request.POST or None, nomination=nomination)
    else:
        form = ScoreForm(request.POST or None, instance=nomination)
    if request.method == "POST" and form.is_valid():
        try:
            if by_criteria:
                services.score_by_criteria(nomination, form.values(), acting_user=request.user)
            else:
                services.score_nomination(
                    nomination,
                    form.cleaned_data["score"],
                    form.cleaned_data["score_comment"],
                    acting_user=request.user,
                )
        except services.CallDecided:
            messages.error(request, _("A decided call is read-only."))
        else:
            messages.success(request, _("The score is saved."))
        return redirect("membership:nomination_review", pk=nomination.pk)
    return render(
        request,
        "membership/calls/nomination_review.html",
        {
            "nomination": nomination,
            "call": nomination.call,
            "form": form,
            "scores": nomination.criterion_scores.select_related("criterion"),
        },
    )


def _decision_record(call: NominationCall) -> dict:
    return {
        "reasons": list(call.decision_reasons.all()),
        "vacancies": list(
            call.vacant_seats.select_related("seat_category", "filled_by", "filled_by_call").order_by(
                "seat_category__order", "pk"
            )
        ),
    }


@access(STAFF_ONLY)
def call_decision(request, pk: int):
    call = get_object_or_404(NominationCall, pk=pk)
    if call.is_decided:
        return render(request, "membership/calls/decision.html", {"call": call, **_decision_record(call)})
    composition = build_composition(call)
    form = DecisionForm(request.POST or None, call=call, issues=composition.errors)
    if request.method == "POST" and form.is_valid():
        try:
            decision.record_decision(
                call,
                form.cleaned_data["body"],
                form.cleaned_data["date"],
                form.cleaned_data["section"],
                form.extra_seats(),
                reasons=form.reasons(),
                acting_user=request.user,
            )
        except decision.ProposalBreaksRules as refusal:
            if refusal.issues:
                form.add_error(
                    None,
                    _("The proposal changed meanwhile; give the board's reason for: %(rules)s")
                    % {"rules": " ".join(issue.message for issue in refusal.issues)},
                )
            else:
                form.add_error(None, _("The proposal is empty. Add nominations on the composition board."))
        except services.CallDecided:
            messages.error(request, _("A decided call is read-only."))
            return redirect("membership:call_detail", pk=call.pk)
        else:
            messages.success(request, _("The decision is recorded and the council memberships are created."))
            return redirect("membership:member_list")
    return render(
        request, "membership/calls/decision.html", {"call": call, "form": form, "composition": composition}
    )


@access(STAFF_ONLY)
def supplementary_call(request, pk: int):
    """Open a supplementary call for (some of) the seats a decided call left vacant."""
    call = get_object_or_404(NominationCall, pk=pk)
    vacant = vacancies.vacant_counts(call)
    form = SupplementaryCallForm(request.POST or None, vacant=vacant)
    if request.method == "POST" and form.is_valid():
        try:
            created = vacancies.open_supplementary_call(
                call, form.seats(), form.cleaned_data["opens_at"], form.cleaned_data["closes_at"]
            )
        except vacancies.SeatsNotVacant as refusal:
            for message in refusal.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("The supplementary call is saved as a draft. Check it and publish it.")
            )
            return redirect("membership:call_detail", pk=created.pk)
    return render(
        request,
        "membership/calls/supplementary_call.html",
        {"call": call, "form": form, "vacant": vacant, **_decision_record(call)},
    )


def _export_response(request, email: str, readable: bool):
    data = personal_data.export_person(email)
    if readable:
        return render(
            request,
            "membership/calls/personal_data_export.html",
            {"data": data, "sections": readable_export(data)},
        )
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
    return response


@access(STAFF_ONLY)
def personal_data_view(request):
    """Staff download a person's data on their behalf (JSON or a readable page), or erase it on request."""
    form = PersonalDataForm(request.POST or None)
    action = request.POST.get("action", "json")
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if action != "erase":
            return _export_response(request, email, readable=action == "html")
        try:
            personal_data.erase_person(email, acting_user=request.user, reason=form.cleaned_data["reason"])
        except personal_data.CurrentMember:
            form.add_error(
                "email",
                _(
                    "This person holds a council seat now or in the next term. "
                    "End the seat first, then erase."
                ),
            )
        else:
            messages.success(
                request, _("The person's data is erased everywhere and the erasure is recorded.")
            )
            return redirect("membership:personal_data")
    erasures = Erasure.objects.select_related("erased_by")[:20]
    return render(request, "membership/calls/personal_data.html", {"form": form, "erasures": erasures})


@access(SIGNED_IN)
def my_data(request):
    """A person downloads what the portal holds about them: JSON, or the readable page."""
    return _export_response(request, request.user.email, readable=request.GET.get("format") != "json")
