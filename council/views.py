"""Pages for everyone, members and proposers: calendar, archive, meetings, proposals, review."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from membership.kernel.files import file_response
from membership.kernel.public_cache import public_page
from membership.kernel.submission import create_once
from membership.roles import PUBLIC, SIGNED_IN, access, is_staff

from . import minutes, review, services
from .filters import ArchiveFilter
from .forms import CheckerAnswerForm, CommentForm, ProposalForm
from .ical import calendar_bytes, meeting_ics
from .messages import error_message
from .models import Attachment, Body, CalendarEvent, Meeting, ReviewComment, TopicProposal
from .pdf import document_pdf
from .permissions import (
    may_fetch_attachment,
    may_open_meeting,
    minutes_public,
    openable_meetings,
    sees_internal,
)
from .selectors import meeting_items


def _year(request) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year


@access(PUBLIC)
def calendar(request):
    """The annual calendar (vuosikello): meetings and other dated events of one year, by month."""
    year = _year(request)
    meetings = list(Meeting.objects.filter(starts_at__year=year).select_related("body").order_by("starts_at"))
    # A meeting is linked only for those who may open it (its agenda may be sent to members only).
    openable = openable_meetings(request.user, meetings)
    events = CalendarEvent.objects.filter(date__year=year).select_related("body")
    entries = [(timezone.localdate(m.starts_at), "meeting", m) for m in meetings]
    entries += [(e.date, "event", e) for e in events]
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    months: dict[int, list] = {}
    for day, kind, obj in entries:
        months.setdefault(day.month, []).append((day, kind, obj))
    month_names = [(n, datetime.date(year, n, 1)) for n in sorted(months)]
    context = {
        "year": year,
        "months": [(first, months[n]) for n, first in month_names],
        "bodies": Body.objects.all(),
        "openable": openable,
        "insider": request.user.is_authenticated,
    }
    return render(request, "council/calendar.html", context)


@access(PUBLIC)
def body_ics(request, slug: str):
    body = get_object_or_404(Body, slug=slug)
    # A cancelled meeting stays in the feed (STATUS:CANCELLED) if its invitation was ever sent.
    meetings = (
        body.meetings.exclude(state=Meeting.State.DRAFT)
        .exclude(sent_at__isnull=True)
        .select_related("body")
        .order_by("starts_at")
    )
    response = HttpResponse(calendar_bytes(meetings, body.name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{body.slug}.ics"'
    return response


def _open_meeting(request, pk: int) -> Meeting | HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if not may_open_meeting(request.user, meeting):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    return meeting


@access(PUBLIC)
def meeting_ics_view(request, pk: int):
    meeting = _open_meeting(request, pk)
    if isinstance(meeting, HttpResponse):
        return meeting
    body = meeting_ics(meeting, with_link=sees_internal(request.user, meeting))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@access(PUBLIC)
@public_page("council")
def meeting_detail(request, pk: int):
    meeting = _open_meeting(request, pk)
    if isinstance(meeting, HttpResponse):
        return meeting
    insider = sees_internal(request.user, meeting)
    attendance = review.attendance_of(request.user, meeting) if insider else None
    show_minutes = minutes_public(meeting) or (
        insider and meeting.minutes_state != Meeting.MinutesState.DRAFT
    )
    context = {
        "meeting": meeting,
        "items": meeting_items(meeting, public=not insider, with_comments=False),
        "insider": insider,
        "show_agenda": insider or meeting.state == Meeting.State.PUBLISHED,
        "show_minutes": show_minutes,
        "attendance": attendance,
        "review_open": attendance is not None and review.review_open(meeting),
        "my_comments": _my_comments(request.user, meeting) if attendance else {},
        "comment_form": CommentForm(),
        "empty_comment": request.GET.get("empty_comment", ""),
        "is_checker": request.user.is_authenticated and meeting.checkers.filter(user=request.user).exists(),
    }
    return render(request, "council/meeting_detail.html", context)


def _my_comments(user, meeting: Meeting) -> dict[int, list]:
    comments: dict[int, list] = {}
    for comment in meeting_comments(meeting).filter(author=user):
        comments.setdefault(comment.item_id, []).append(comment)
    return comments


def meeting_comments(meeting: Meeting):
    return ReviewComment.objects.filter(item__meeting=meeting).select_related("author")


def _pdf(request, pk: int, kind: str):
    meeting = _open_meeting(request, pk)
    if isinstance(meeting, HttpResponse):
        return meeting
    insider = sees_internal(request.user, meeting)
    if kind == "minutes" and not (minutes_public(meeting) or (insider and is_staff(request.user))):
        raise Http404
    if kind == "agenda" and not (insider or meeting.state == Meeting.State.PUBLISHED):
        raise Http404
    pdf = document_pdf(meeting, kind, public=not insider)
    filename = f"{kind}-{meeting.body.slug}-{timezone.localdate(meeting.starts_at):%Y-%m-%d}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@access(PUBLIC)
@public_page("council")
def agenda_pdf(request, pk: int):
    return _pdf(request, pk, "agenda")


@access(PUBLIC)
@public_page("council")
def minutes_pdf(request, pk: int):
    return _pdf(request, pk, "minutes")


@access(PUBLIC)
def attachment(request, pk: int):
    """Every download is checked: a file of a non-public item is never served by its URL alone."""
    item_attachment = get_object_or_404(Attachment.objects.select_related("item__meeting__body"), pk=pk)
    if not may_fetch_attachment(request.user, item_attachment.item):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    return file_response(
        item_attachment.file, filename=item_attachment.name, content_type=item_attachment.content_type
    )


@access(PUBLIC)
@public_page("council")
def archive(request):
    published = Meeting.objects.filter(state=Meeting.State.PUBLISHED) | Meeting.objects.filter(
        minutes_state=Meeting.MinutesState.PUBLISHED
    )
    archive_filter = ArchiveFilter(
        request.GET, queryset=published.select_related("body").order_by("-starts_at")
    )
    page = Paginator(archive_filter.qs, 30).get_page(request.GET.get("page"))
    return render(request, "council/archive.html", {"filter": archive_filter, "page": page})


# --- proposals -----------------------------------------------------------------------------


def _proposable_meetings(user):
    meetings = (
        Meeting.objects.filter(state=Meeting.State.DRAFT, starts_at__gte=timezone.now())
        .select_related("body")
        .order_by("starts_at")
    )
    return (
        Meeting.objects.filter(pk__in=[m.pk for m in meetings if services.may_propose(user, m.body)])
        .select_related("body")
        .order_by("starts_at")
    )


@access(SIGNED_IN)
def proposal_create(request):
    meetings = _proposable_meetings(request.user)
    form = ProposalForm(
        request.POST or None, meetings=meetings, initial={"meeting": request.GET.get("meeting")}
    )
    page = {"form": form, "meetings": meetings}

    def create():
        data = form.cleaned_data
        try:
            services.propose_topic(request.user, data["meeting"], data["title"], data["description"])
        except services.CouncilError as error:
            form.add_error(None, error_message(error))
            return render(request, "council/proposal_form.html", page)
        messages.success(request, _("Thank you. Your topic proposal is sent to the HYTE team."))
        return redirect("council:my_proposals")

    if request.method == "POST" and form.is_valid():
        return create_once(form, create)
    return render(request, "council/proposal_form.html", page)


@access(SIGNED_IN)
def my_proposals(request):
    proposals = TopicProposal.objects.filter(proposer=request.user).select_related("meeting__body", "item")
    page = Paginator(proposals, 50).get_page(request.GET.get("page"))
    return render(request, "council/my_proposals.html", {"page": page})


# --- review, attendance, checking ----------------------------------------------------------


@access(SIGNED_IN)
def comment(request, pk: int, item_pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    if request.method != "POST":
        return redirect("council:meeting_detail", pk=pk)
    item = get_object_or_404(meeting.items, pk=item_pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            review.add_comment(request.user, item, form.cleaned_data["text"])
        except services.CouncilError as error:
            messages.error(request, error_message(error))
            return _back(request, meeting, item)
        messages.success(request, _("Your comment on § %(number)s is saved.") % {"number": item.number})
        return _back(request, meeting, item)
    # The message is shown at the comment box, where the page returns to (and at the top).
    messages.error(request, _("Write a comment before sending it."))
    url = reverse("council:meeting_detail", args=[meeting.pk])
    return redirect(f"{url}?empty_comment={item.pk}#comment-{item.pk}")


def _back(request, meeting: Meeting, item=None):
    if not may_open_meeting(request.user, meeting):
        return redirect("council:calendar")
    url = reverse("council:meeting_detail", args=[meeting.pk])
    return redirect(f"{url}#item-{item.pk}" if item is not None else url)


@access(SIGNED_IN)
def attendance_answer(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    if request.method != "POST":
        return redirect("council:meeting_detail", pk=pk)
    answer = request.POST.get("answer")
    if answer not in ("attending", "absent"):
        messages.error(request, _("Choose whether you attend."))
        return _back(request, meeting)
    try:
        attendance = review.answer_attendance(request.user, meeting, answer == "attending")
    except services.CouncilError as error:
        messages.error(request, error_message(error))
        return _back(request, meeting)
    if deputies := review.invited_deputies(attendance):
        messages.success(
            request,
            _(
                "Thank you, your answer is saved. Your deputy %(names)s is invited and gets the agenda "
                "by e-mail."
            )
            % {"names": ", ".join(deputies)},
        )
    else:
        messages.success(request, _("Thank you, your answer is saved."))
    return _back(request, meeting)


@access(SIGNED_IN)
def minutes_check(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    checker = meeting.checkers.filter(user=request.user).first()
    if checker is None and not is_staff(request.user):
        raise Http404
    form = CheckerAnswerForm(request.POST or None)
    if request.method == "POST" and checker is not None and form.is_valid():
        try:
            minutes.checker_answer(
                meeting, request.user, form.cleaned_data["approve"] == "yes", form.cleaned_data["comment"]
            )
        except services.CouncilError as error:
            form.add_error(None, error_message(error))
        else:
            messages.success(request, _("Thank you, your answer is saved."))
            return redirect("council:minutes_check", pk=pk)
    context = {
        "meeting": meeting,
        "items": meeting_items(meeting, public=False, with_comments=False),
        "checker": checker,
        "form": form,
        "attendances": list(meeting.attendances.all()),
    }
    return render(request, "council/minutes_check.html", context)
