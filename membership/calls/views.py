"""Public call pages and the NGO's nomination form."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..kernel.files import file_response
from ..kernel.submission import create_once
from ..models import Nomination, NominationCall
from ..roles import PUBLIC, SIGNED_IN, STAFF_ONLY, access, is_staff
from . import services
from .forms import CallForm, NominationForm
from .permissions import calls_visible_to, nominating_organisations, nominations_visible_to
from .vacancies import vacant_counts


def visible_call(request, pk: int) -> NominationCall:
    return get_object_or_404(calls_visible_to(request.user), pk=pk)


@access(PUBLIC)
def call_list(request):
    calls = calls_visible_to(request.user).order_by("-closes_at")
    now = timezone.now()
    open_calls = [c for c in calls if c.is_open(now)]
    other_calls = [c for c in calls if not c.is_open(now)]
    return render(
        request, "membership/calls/call_list.html", {"open_calls": open_calls, "other_calls": other_calls}
    )


@access(PUBLIC)
def call_detail(request, pk: int):
    call = visible_call(request, pk)
    rules = call.seat_rules.select_related("seat_category")
    quotas = call.quotas.select_related("municipality")
    vacant_count = sum(vacant_counts(call).values()) if call.is_decided and is_staff(request.user) else 0
    own = None
    if request.user.is_authenticated:
        own = nominations_visible_to(request.user).filter(
            call=call, organisation__contact_links__user=request.user
        )
    return render(
        request,
        "membership/calls/call_detail.html",
        {
            "call": call,
            "rules": rules,
            "quotas": quotas,
            "own_nominations": own,
            "is_open": call.is_open(),
            "vacant_count": vacant_count,
            "scoring_criteria": call.scoring_criteria.all(),
        },
    )


def _edit_call(request, call: NominationCall | None):
    if call is not None and call.is_decided:
        messages.error(request, _("A decided call is read-only."))
        return redirect("membership:call_detail", pk=call.pk)
    form = CallForm(request.POST or None, instance=call)

    def save():
        saved = services.save_call(form.save(commit=False), form.seats, form.quotas, form.criteria)
        if request.POST.get("action") == "publish":
            services.publish_call(saved)
            messages.success(request, _("The call is saved and published."))
        else:
            messages.success(request, _("The call is saved."))
        return redirect("membership:call_detail", pk=saved.pk)

    if request.method == "POST" and form.is_valid():
        return save() if call else create_once(form, save)
    return render(request, "membership/calls/call_form.html", {"form": form, "call": call})


@access(STAFF_ONLY)
def call_create(request):
    return _edit_call(request, None)


@access(STAFF_ONLY)
def call_edit(request, pk: int):
    return _edit_call(request, get_object_or_404(NominationCall, pk=pk))


def _closed(request, call: NominationCall, nomination: Nomination | None = None):
    if call.is_decided:
        text = _("The board has decided on this call; nominations can no longer be changed.")
    elif call.has_closed():
        text = _("The call closed on %(date)s. Nominations can no longer be made or changed.") % {
            "date": formats.date_format(timezone.localtime(call.closes_at), "SHORT_DATETIME_FORMAT")
        }
    else:
        text = _("The call is not open for nominations.")
    return render(
        request,
        "membership/calls/call_closed.html",
        {"call": call, "text": text, "nomination": nomination},
        status=200,
    )


def _save(request, form: NominationForm, nomination: Nomination):
    submit = request.POST.get("action") == "submit"
    if submit and not form.require_for_submission():
        return None
    try:
        nomination = services.save_nomination(nomination, request.user, submit=submit)
    except services.CallClosed:
        form.add_error(None, _("The call has closed. Your changes were not saved."))
        return None
    except services.DuplicateNomination:
        form.add_error(
            "organisation" if "organisation" in form.fields else None,
            _("This organisation has already made a nomination in this call. Edit that one instead."),
        )
        return None
    if submit:
        messages.success(request, _("The nomination is submitted. A receipt was sent to your email."))
    else:
        messages.success(request, _("The draft is saved. Remember to submit it before the call closes."))
    return redirect("membership:nomination_detail", pk=nomination.pk)


@access(SIGNED_IN)
def nomination_create(request, pk: int):
    call = visible_call(request, pk)
    if not call.is_open():
        return _closed(request, call)
    organisations = nominating_organisations(request.user)
    if not organisations:  # read once: the few rows serve the form's choices too
        messages.info(request, _("Register your organisation first; then you can nominate."))
        return redirect("membership:organisation_create")
    if request.method == "GET":
        existing = call.nominations.filter(organisation__in=[o.pk for o in organisations]).order_by("pk")
        if len(organisations) == len(existing):
            messages.info(request, _("Your organisation has already made a nomination in this call."))
            return redirect("membership:nomination_detail", pk=existing[0].pk)
    form = NominationForm(request.POST or None, request.FILES or None, call=call, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        nomination = form.save(commit=False)
        nomination.call = call
        nomination.organisation = form.cleaned_data["organisation"]
        response = _save(request, form, nomination)
        if response:
            return response
    return render(request, "membership/calls/nomination_form.html", {"form": form, "call": call})


def _own_nomination(request, pk: int) -> Nomination:
    return get_object_or_404(
        nominations_visible_to(request.user)
        .select_related("call", "organisation", "seat_category")
        .distinct(),
        pk=pk,
    )


@access(SIGNED_IN)
def nomination_detail(request, pk: int):
    nomination = _own_nomination(request, pk)
    return render(
        request,
        "membership/calls/nomination_detail.html",
        {"nomination": nomination, "call": nomination.call, "editable": _editable(nomination)},
    )


def _editable(nomination: Nomination) -> bool:
    return nomination.call.is_open() and nomination.status in (
        Nomination.Status.DRAFT,
        Nomination.Status.SUBMITTED,
        Nomination.Status.WITHDRAWN,
    )


@access(SIGNED_IN)
def nomination_edit(request, pk: int):
    nomination = _own_nomination(request, pk)
    call = nomination.call
    if not _editable(nomination):
        return _closed(request, call, nomination)
    form = NominationForm(request.POST or None, request.FILES or None, instance=nomination, call=call)
    if request.method == "POST" and form.is_valid():
        response = _save(request, form, form.save(commit=False))
        if response:
            return response
    return render(
        request,
        "membership/calls/nomination_form.html",
        {"form": form, "call": call, "nomination": nomination},
    )


@access(SIGNED_IN)
def nomination_withdraw(request, pk: int):
    nomination = _own_nomination(request, pk)
    if not _editable(nomination) or nomination.status == Nomination.Status.WITHDRAWN:
        return _closed(request, nomination.call, nomination)
    if request.method == "POST":
        try:
            services.withdraw_nomination(nomination)
        except services.CallClosed:
            return _closed(request, nomination.call, nomination)
        messages.success(request, _("The nomination is withdrawn."))
        return redirect("membership:call_detail", pk=nomination.call_id)
    return render(request, "membership/calls/nomination_withdraw.html", {"nomination": nomination})


@access(SIGNED_IN)
def nomination_attachment(request, pk: int):
    nomination = _own_nomination(request, pk)
    if not nomination.attachment:
        raise Http404
    name = nomination.attachment.name.rsplit("/", 1)[-1]
    return file_response(nomination.attachment, filename=name)
