"""The HYTE team's pages: dashboard, bodies, meetings, agenda building, proposals and minutes."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from membership.kernel.submission import create_once
from membership.roles import STAFF_ONLY, access

from . import history, review, services
from .filters import MeetingFilter, ProposalFilter
from .forms import (
    AttachmentForm,
    BodyForm,
    BodyMemberForm,
    CalendarEventForm,
    DecideProposalForm,
    ItemForm,
    MeetingForm,
)
from .messages import error_message
from .models import (
    AgendaItem,
    Attachment,
    Attendance,
    Body,
    Meeting,
    MinutesChecker,
    ReviewComment,
    TopicProposal,
)
from .selectors import meeting_items, meetings_with_counts


@access(STAFF_ONLY)
def staff_dashboard(request):
    now = timezone.now()
    next_meeting = (
        Meeting.objects.filter(starts_at__gte=now).select_related("body").order_by("starts_at").first()
    )
    context = {
        "next_meeting": next_meeting,
        "days_to_deadline": (next_meeting.agenda_deadline - timezone.localdate()).days
        if next_meeting
        else None,
        "open_proposals": TopicProposal.objects.filter(status=TopicProposal.Status.OPEN).count(),
        "unread_comments": ReviewComment.objects.filter(read_by_staff=False).count(),
        # The counts link to the meeting page where they are read (its attendance page).
        "unread_comments_meeting": ReviewComment.objects.filter(read_by_staff=False)
        .values_list("item__meeting_id", flat=True)
        .first(),
        "missing_answers": Attendance.objects.filter(
            meeting__starts_at__gte=now, answer=Attendance.Answer.WAITING
        ).count(),
        "checking": Meeting.objects.filter(minutes_state=Meeting.MinutesState.CHECKING)
        .select_related("body")
        .annotate(waiting=Count("checkers", filter=Q(checkers__status=MinutesChecker.Status.WAITING))),
        "upcoming": meetings_with_counts(Meeting.objects.filter(starts_at__gte=now).order_by("starts_at"))[
            :5
        ],
    }
    if next_meeting:
        context["quorum"] = review.quorum(next_meeting)
    return render(request, "council/staff_dashboard.html", context)


# --- bodies and the calendar ---------------------------------------------------------------


@access(STAFF_ONLY)
def body_list(request):
    bodies = Body.objects.annotate(
        member_count=Count("members"), meeting_count=Count("meetings", distinct=True)
    )
    return render(request, "council/body_list.html", {"bodies": bodies})


@access(STAFF_ONLY)
def body_form(request, pk: int | None = None):
    body = get_object_or_404(Body, pk=pk) if pk else None
    form = BodyForm(request.POST or None, instance=body)

    def save():
        form.save()
        messages.success(request, _("The changes are saved."))
        return redirect("council:body_list")

    if request.method == "POST" and form.is_valid():
        return save() if body else create_once(form, save)
    return render(request, "council/body_form.html", {"form": form, "body": body})


@access(STAFF_ONLY)
def body_members(request, pk: int):
    body = get_object_or_404(Body, pk=pk)
    form = BodyMemberForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        member = form.save(commit=False)
        member.body = body
        services.add_body_member(member)
        messages.success(request, _("%(name)s is added.") % {"name": member.full_name})
        return redirect("council:body_members", pk=pk)
    members = body.members.select_related("deputy_of")
    return render(request, "council/body_members.html", {"body": body, "form": form, "members": members})


@access(STAFF_ONLY)
def event_create(request):
    form = CalendarEventForm(request.POST or None)

    def create():
        event = form.save()
        messages.success(request, _("The event is added to the calendar."))
        return redirect(f"{_url('council:calendar')}?year={event.date.year}")

    if request.method == "POST" and form.is_valid():
        return create_once(form, create)
    return render(request, "council/event_form.html", {"form": form})


def _url(name: str, *args) -> str:
    return reverse(name, args=args)


# --- meetings and agendas ------------------------------------------------------------------


@access(STAFF_ONLY)
def meeting_list(request):
    meeting_filter = MeetingFilter(
        request.GET, queryset=meetings_with_counts(Meeting.objects.order_by("-starts_at"))
    )
    page = Paginator(meeting_filter.qs, 50).get_page(request.GET.get("page"))
    return render(request, "council/meeting_list.html", {"filter": meeting_filter, "page": page})


@access(STAFF_ONLY)
def meeting_create(request):
    form = MeetingForm(request.POST or None, creating=True)

    def create():
        meeting = services.create_meeting(
            form.save(commit=False), form.cleaned_data.get("copy_from"), acting_user=request.user
        )
        messages.success(request, _("The meeting is created. Build its agenda below."))
        return redirect("council:agenda_edit", pk=meeting.pk)

    if request.method == "POST" and form.is_valid():
        return create_once(form, create)
    return render(request, "council/meeting_form.html", {"form": form})


@access(STAFF_ONLY)
def meeting_edit(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    form = MeetingForm(request.POST or None, instance=Meeting.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.fields}
        try:
            notified = services.change_meeting(meeting, fields, acting_user=request.user)
        except services.CouncilError as error:
            form.add_error(None, error_message(error))
        else:
            if notified:
                messages.success(request, _("The changes are saved and the invited are told."))
            else:
                messages.success(request, _("The changes are saved."))
            return redirect("council:agenda_edit", pk=pk)
    return render(request, "council/meeting_form.html", {"form": form, "meeting": meeting})


@access(STAFF_ONLY)
def meeting_cancel(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if request.method == "POST":
        try:
            services.cancel_meeting(meeting, acting_user=request.user)
        except services.CouncilError as error:
            messages.error(request, error_message(error))
        else:
            messages.success(request, _("The meeting is cancelled and the invited are told."))
        return redirect("council:agenda_edit", pk=pk)
    return render(request, "council/meeting_cancel.html", {"meeting": meeting})


@access(STAFF_ONLY)
def agenda_edit(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    return render(request, "council/agenda_edit.html", _agenda_context(meeting))


def _agenda_context(meeting: Meeting) -> dict:
    return {
        "meeting": meeting,
        "items": meeting_items(meeting, public=False, with_comments=True),
        "editable": meeting.state == Meeting.State.DRAFT,
        "proposals": meeting.proposals.filter(status=TopicProposal.Status.OPEN).select_related("proposer"),
        "attachment_form": AttachmentForm(),
        "invitations_pending": services.invitations_pending(meeting),
    }


@access(STAFF_ONLY)
def item_form(request, pk: int | None = None, meeting_pk: int | None = None):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=pk) if pk else None
    meeting = (
        item.meeting if item else get_object_or_404(Meeting.objects.select_related("body"), pk=meeting_pk)
    )
    initial = {"version": item.version} if item else {"is_public": meeting.body.items_public_by_default}
    form = ItemForm(request.POST or None, instance=item, initial=initial)
    if request.method == "POST" and form.is_valid():
        if item is None:
            return create_once(form, lambda: _save_item(request, form, None, meeting))
        return _save_item(request, form, item, meeting)
    return render(request, "council/item_form.html", {"form": form, "item": item, "meeting": meeting})


def _save_item(request, form: ItemForm, item: AgendaItem | None, meeting: Meeting) -> HttpResponse:
    fields = {name: form.cleaned_data[name] for name in ItemForm.Meta.fields}
    try:
        if item is None:
            item = services.add_item(meeting, acting_user=request.user, **fields)
        else:
            services.update_item(
                item, form.cleaned_data.get("version") or 0, acting_user=request.user, **fields
            )
    except services.StaleEdit as error:
        # Keep what the user typed, but let the next save go through on purpose.
        saved = AgendaItem.objects.get(pk=item.pk)
        data = request.POST.copy()
        data["version"] = saved.version
        form = ItemForm(data, instance=saved)
        form.is_valid()
        form.add_error(None, error_message(error))
        return render(
            request,
            "council/item_form.html",
            {"form": form, "item": item, "meeting": meeting, "saved": AgendaItem.objects.get(pk=item.pk)},
            status=409,
        )
    except services.CouncilError as error:
        form.add_error(None, error_message(error))
    else:
        messages.success(request, _("§ %(number)s is saved.") % {"number": item.number})
        return redirect(f"{_url('council:agenda_edit', meeting.pk)}#item-{item.pk}")
    return render(request, "council/item_form.html", {"form": form, "item": item, "meeting": meeting})


def _item_action(request, pk: int, action) -> HttpResponse:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=pk)
    if request.method == "POST":
        try:
            action(item, acting_user=request.user)
        except services.CouncilError as error:
            messages.error(request, error_message(error))
    return redirect(f"{_url('council:agenda_edit', item.meeting_id)}#item-{item.pk}")


@access(STAFF_ONLY)
def item_move(request, pk: int):
    offset = -1 if request.POST.get("direction") == "up" else 1
    if not (request.htmx and request.method == "POST"):
        return _item_action(
            request, pk, lambda item, acting_user: services.move_item(item, offset, acting_user=acting_user)
        )
    # From the Up/Down buttons through htmx: the new list, with the move announced.
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=pk)
    old_number = item.number
    try:
        services.move_item(item, offset, acting_user=request.user)
        item.refresh_from_db()
        announcement = _("§ %(old)s “%(title)s” moved to § %(new)s.") % {
            "old": old_number,
            "title": item.title,
            "new": item.number,
        }
    except services.CouncilError as error:
        announcement = error_message(error)
    context = _agenda_context(item.meeting) | {"announcement": announcement}
    return render(request, "council/_agenda_items.html", context)


@access(STAFF_ONLY)
def item_delete(request, pk: int):
    return _item_action(request, pk, services.delete_item)


@access(STAFF_ONLY)
def agenda_reorder(request, pk: int):
    """The drag-and-drop order from council.js; the buttons do the same without JavaScript."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if request.method != "POST":
        return redirect("council:agenda_edit", pk=pk)
    try:
        ids = [int(value) for value in json.loads(request.body or b"{}").get("order", [])]
        services.reorder(meeting, ids, acting_user=request.user)
    except (ValueError, TypeError, AttributeError):
        return JsonResponse({"error": error_message(services.CouncilError("order"))}, status=400)
    except services.CouncilError as error:
        return JsonResponse({"error": error_message(error)}, status=400)
    numbers = dict(meeting.items.values_list("pk", "number"))
    return JsonResponse({"numbers": {str(k): v for k, v in numbers.items()}})


@access(STAFF_ONLY)
def attachment_upload(request, pk: int):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    if request.method == "POST":
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors.get("file", [])))
        else:
            try:
                stored = services.add_attachment(item, form.cleaned_data["file"], acting_user=request.user)
            except services.CouncilError as error:
                messages.error(request, error_message(error))
            else:
                messages.success(request, _("The attachment %(name)s is added.") % {"name": stored.name})
    return redirect(f"{_url('council:agenda_edit', item.meeting_id)}#item-{item.pk}")


@access(STAFF_ONLY)
def attachment_delete(request, pk: int):
    stored = get_object_or_404(Attachment.objects.select_related("item__meeting"), pk=pk)
    meeting = stored.item.meeting
    if request.method == "POST":
        try:
            services.remove_attachment(stored, acting_user=request.user)
        except services.CouncilError as error:
            messages.error(request, error_message(error))
        else:
            messages.success(request, _("The attachment is removed."))
    return redirect("council:agenda_edit", pk=meeting.pk)


@access(STAFF_ONLY)
def agenda_send(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if request.method == "POST":
        try:
            count = services.send_agenda(meeting, acting_user=request.user)
        except services.CouncilError as error:
            messages.error(request, error_message(error))
        else:
            messages.success(request, _("The agenda is sent to %(count)s members.") % {"count": count})
    return redirect("council:agenda_edit", pk=pk)


@access(STAFF_ONLY)
def agenda_publish(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if request.method == "POST":
        try:
            services.publish_agenda(meeting, acting_user=request.user)
        except services.CouncilError as error:
            messages.error(request, error_message(error))
        else:
            messages.success(request, _("The agenda is published."))
    return redirect("council:agenda_edit", pk=pk)


@access(STAFF_ONLY)
def attendance(request, pk: int):
    """Answers, quorum and the members' comments per item, before and during the meeting."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    attendances = list(meeting.attendances.select_related("user"))
    items = meeting_items(meeting, public=False, with_comments=True)
    if request.method == "POST":
        services.mark_comments_read(meeting)
        messages.success(request, _("The comments are marked as read."))
        return redirect("council:attendance", pk=pk)
    context = {
        "meeting": meeting,
        "attendances": attendances,
        "quorum": review.quorum(meeting, attendances),
        "items": items,
    }
    return render(request, "council/attendance.html", context)


# --- proposals -----------------------------------------------------------------------------


@access(STAFF_ONLY)
def proposal_list(request):
    base = TopicProposal.objects.select_related("meeting__body", "proposer", "item")
    proposal_filter = ProposalFilter(request.GET or {"status": "open"}, queryset=base)
    page = Paginator(proposal_filter.qs, 50).get_page(request.GET.get("page"))
    return render(request, "council/proposal_list.html", {"filter": proposal_filter, "page": page})


@access(STAFF_ONLY)
def proposal_decide(request, pk: int):
    proposal = get_object_or_404(TopicProposal.objects.select_related("meeting__body", "proposer"), pk=pk)
    form = DecideProposalForm(request.POST or None, proposal=proposal)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["action"] == "accept":
                services.accept_proposal(proposal, acting_user=request.user)
            elif data["action"] == "merge":
                services.merge_proposal(proposal, data["item"], data["reason"], acting_user=request.user)
            else:
                services.decline_proposal(proposal, data["reason"], acting_user=request.user)
        except services.CouncilError as error:
            form.add_error(None, error_message(error))
        else:
            messages.success(request, _("The decision is saved and the proposer is told."))
            return redirect("council:agenda_edit", pk=proposal.meeting_id)
    return render(request, "council/proposal_decide.html", {"proposal": proposal, "form": form})


@access(STAFF_ONLY)
def meeting_history(request, pk: int):
    """Who changed what and when in the meeting, its minutes and its items' decisions."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    entries = history.meeting_history(meeting)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "council/meeting_history.html", {"meeting": meeting, "page": page})
