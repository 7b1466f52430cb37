"""Public API: bodies, published meetings with their agendas and minutes, and their items.

The public sees what the archive shows: meetings whose agenda or minutes are published; of a
non-public item only its § number and public title; decisions once the minutes are published.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Literal

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Field, Path, Query, Router

from actionplan.models import Measure
from membership.public_api import (
    ERRORS,
    MAX_ID,
    IsoDate,
    Out,
    PageMeta,
    PageParams,
    Text,
    bad_request,
    check_params,
    file_responses,
    keyset,
    not_found,
    portal_url,
    responses,
    table_file,
    text,
)

from .models import AgendaItem, Attachment, Attendance, Ballot, Body, ConflictOfInterest, Dissent, Meeting

router = Router(tags=["council"])
HELSINKI = zoneinfo.ZoneInfo(settings.TIME_ZONE)


class BodyOut(Out):
    id: int
    slug: str
    name: Text
    kind: str = Field(description="council, working_group or committee")
    language: str = Field(description="The language its documents are written in.")
    calendar_url: str = Field(description="Its meetings as an iCalendar feed.")


class BodyList(Out):
    items: list[BodyOut]


class MeasureRef(Out):
    id: int
    code: str
    title: Text
    url: str


class AttachmentOut(Out):
    id: int
    name: str
    content_type: str
    size: int
    url: str


class BallotOut(Out):
    member: str
    choice: str = Field(description="for, against or abstain")


class VoteOut(Out):
    """A vote recorded in the minutes: what was voted on, the counts and any named ballots."""

    proposal: str
    yes: int | None
    no: int | None
    abstained: int | None
    ballots: list[BallotOut] = Field(description="Named votes where recorded.")


class DissentOut(Out):
    """A dissenting opinion recorded in the minutes."""

    member: str
    text: str


class ConflictOut(Out):
    """A member who declared a conflict of interest and left the handling of the item."""

    member: str


class ItemOut(Out):
    id: int
    meeting: int
    number: int = Field(description="§ number; one series per body and calendar year.")
    title: str | None = Field(description="The title; for a withheld item its public title.")
    withheld: bool = Field(
        description="True for a non-public item: only § number and public title are given."
    )
    presenter: str | None
    background: str | None
    proposal: str | None
    resolution: str | None = Field(description="How it was decided; null until the minutes are published.")
    decision: str | None
    added_in_meeting: bool
    measures: list[MeasureRef]
    attachments: list[AttachmentOut]
    votes: list[VoteOut] = Field(description="Votes where recorded.")
    dissents: list[DissentOut] = Field(description="Dissenting opinions where recorded.")
    conflicts_of_interest: list[ConflictOut] = Field(description="Conflicts of interest where recorded.")
    withholding_ground: str | None = Field(
        description="For a withheld item, the legal ground for secrecy where recorded (e.g. 621/1999 24 §)."
    )
    url: str


class PresentOut(Out):
    name: str
    is_deputy: bool


class MinutesOut(Out):
    kind: str = Field(description="minutes or memo")
    chair: str
    secretary: str
    notes: str
    present: list[PresentOut]
    made_public_on: datetime.date | None = Field(
        description="When the minutes were made public, where recorded."
    )
    pdf_url: str


class MeetingOut(Out):
    id: int
    body: str = Field(description="The body's slug.")
    starts_at: datetime.datetime = Field(description="In UTC.")
    starts_at_local: datetime.datetime = Field(description="The same moment with the Helsinki offset.")
    ends_at: datetime.datetime | None
    place: str
    agenda_published: bool
    minutes_published: bool
    agenda_pdf_url: str | None
    url: str


class MeetingDetail(MeetingOut):
    items: list[ItemOut]
    minutes: MinutesOut | None


class MeetingPage(PageMeta):
    items: list[MeetingOut]


class ItemPage(PageMeta):
    items: list[ItemOut]


class DateFilters(PageParams):
    body: str | None = Field(None, max_length=60, description="A body's slug, e.g. neuvottelukunta.")
    year: int | None = Field(None, ge=2000, le=2100)
    start: IsoDate | None = Field(None, alias="from", description="Meetings on or after this day.")
    end: IsoDate | None = Field(None, alias="to", description="Meetings on or before this day.")


class ItemFilters(DateFilters):
    measure: str | None = Field(None, max_length=10, description="Items that concern this measure (code).")
    decided: bool | None = Field(None, description="Only items with a published decision.")


ITEM_PARAMS = ("limit", "cursor", "body", "year", "from", "to", "measure", "decided")
MEETING_PARAMS = ITEM_PARAMS[:6]


def public_meetings():
    """Meetings whose agenda or minutes are published, as in the public archive."""
    return Meeting.objects.filter(
        Q(state=Meeting.State.PUBLISHED) | Q(minutes_state=Meeting.MinutesState.PUBLISHED)
    ).select_related("body")


def public_items():
    return AgendaItem.objects.filter(
        Q(meeting__state=Meeting.State.PUBLISHED) | Q(meeting__minutes_state=Meeting.MinutesState.PUBLISHED)
    ).select_related("meeting__body")


def _with_details(items):
    return items.select_related("vote").prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.order_by("uploaded_at")),
        Prefetch("measures", queryset=Measure.objects.order_by("code")),
        Prefetch("vote__ballots", queryset=Ballot.objects.select_related("attendance").order_by("pk")),
        Prefetch("dissents", queryset=Dissent.objects.select_related("attendance").order_by("pk")),
        Prefetch(
            "conflicts", queryset=ConflictOfInterest.objects.select_related("attendance").order_by("pk")
        ),
    )


def _dates(queryset, filters: DateFilters, prefix: str = ""):
    if filters.start and filters.end and filters.start > filters.end:
        raise bad_request(_("The date `from` is after the date `to`."))
    if filters.body:
        queryset = queryset.filter(**{f"{prefix}body__slug": filters.body})
    if filters.year:
        queryset = queryset.filter(**{f"{prefix}starts_at__year": filters.year})
    if filters.start:
        queryset = queryset.filter(**{f"{prefix}starts_at__date__gte": filters.start})
    if filters.end:
        queryset = queryset.filter(**{f"{prefix}starts_at__date__lte": filters.end})
    return queryset


def item_out(item: AgendaItem) -> ItemOut:
    meeting = item.meeting
    withheld = not item.is_public
    decided = meeting.minutes_state == Meeting.MinutesState.PUBLISHED and not withheld
    shown = not withheld
    return ItemOut(
        id=item.pk,
        meeting=meeting.pk,
        number=item.number,
        title=(item.public_title or None) if withheld else item.title,
        withheld=withheld,
        presenter=item.presenter if shown else None,
        background=item.background if shown else None,
        proposal=item.proposal if shown else None,
        resolution=(item.resolution or None) if decided else None,
        decision=item.decision if decided else None,
        added_in_meeting=item.added_in_meeting,
        measures=[
            MeasureRef(
                id=m.pk,
                code=m.code,
                title=text(m, "title"),
                url=portal_url("actionplan:measure_detail", m.pk),
            )
            for m in item.measures.all()
        ]
        if shown
        else [],
        attachments=[
            AttachmentOut(
                id=a.pk,
                name=a.name,
                content_type=a.content_type,
                size=a.size,
                url=portal_url("council:attachment", a.pk),
            )
            for a in item.attachments.all()
        ]
        if shown
        else [],
        votes=_votes(item) if decided else [],
        dissents=[DissentOut(member=d.attendance.full_name, text=d.text) for d in item.dissents.all()]
        if decided
        else [],
        conflicts_of_interest=[ConflictOut(member=c.attendance.full_name) for c in item.conflicts.all()]
        if decided
        else [],
        withholding_ground=(item.get_withholding_ground_display() or None) if withheld else None,
        url=portal_url("council:meeting_detail", meeting.pk) + f"#item-{item.pk}",
    )


def _votes(item: AgendaItem) -> list[VoteOut]:
    vote = item.vote_or_none
    if vote is None:
        return []
    return [
        VoteOut(
            proposal=vote.proposals,
            yes=vote.votes_for,
            no=vote.votes_against,
            abstained=vote.votes_abstained,
            ballots=[BallotOut(member=b.attendance.full_name, choice=b.choice) for b in vote.ballots.all()],
        )
    ]


def meeting_out(meeting: Meeting, schema=MeetingOut, **extra):
    agenda = meeting.state == Meeting.State.PUBLISHED
    return schema(
        id=meeting.pk,
        body=meeting.body.slug,
        starts_at=meeting.starts_at.astimezone(datetime.UTC),
        starts_at_local=meeting.starts_at.astimezone(HELSINKI),
        ends_at=meeting.ends_at.astimezone(datetime.UTC) if meeting.ends_at else None,
        place=meeting.place,
        agenda_published=agenda,
        minutes_published=meeting.minutes_state == Meeting.MinutesState.PUBLISHED,
        agenda_pdf_url=portal_url("council:agenda_pdf", meeting.pk) if agenda else None,
        url=portal_url("council:meeting_detail", meeting.pk),
        **extra,
    )


def _minutes(meeting: Meeting) -> MinutesOut | None:
    if meeting.minutes_state != Meeting.MinutesState.PUBLISHED:
        return None
    present = Attendance.objects.filter(meeting=meeting, present=True).order_by(
        "seat", "is_deputy", "full_name"
    )
    return MinutesOut(
        kind=meeting.minutes_kind,
        chair=meeting.chair_name,
        secretary=meeting.secretary_name,
        notes=meeting.minutes_notes,
        present=[PresentOut(name=a.full_name, is_deputy=a.is_deputy) for a in present],
        made_public_on=meeting.public_from,
        pdf_url=portal_url("council:minutes_pdf", meeting.pk),
    )


def body_out(body: Body) -> BodyOut:
    return BodyOut(
        id=body.pk,
        slug=body.slug,
        name=text(body, "name"),
        kind=body.kind,
        language=body.language,
        calendar_url=portal_url("council:body_ics", body.slug),
    )


@router.get(
    "/bodies", response=responses(BodyList), summary=gettext_noop("The council and its working groups")
)
def list_bodies(request):
    check_params(request, ())
    return BodyList(items=[body_out(b) for b in Body.objects.order_by("id")])


@router.get("/bodies/{body_id}", response=responses(BodyOut), summary=gettext_noop("One body"))
def get_body(request, body_id: int = Path(..., ge=1, le=MAX_ID)):
    check_params(request, ())
    body = Body.objects.filter(pk=body_id).first()
    if body is None:
        raise not_found(f"body {body_id}")
    return body_out(body)


@router.get(
    "/meetings",
    response=responses(MeetingPage),
    summary=gettext_noop("Meetings with a published agenda or minutes"),
)
def list_meetings(request, filters: Query[DateFilters]):
    check_params(request, MEETING_PARAMS)
    rows, next_url = keyset(request, _dates(public_meetings(), filters), ("starts_at", "id"), filters)
    return MeetingPage(items=[meeting_out(m) for m in rows], next=next_url, limit=filters.limit)


@router.get(
    "/meetings/{meeting_id}",
    response=responses(MeetingDetail),
    summary=gettext_noop("One meeting with its items"),
)
def get_meeting(request, meeting_id: int = Path(..., ge=1, le=MAX_ID)):
    check_params(request, ())
    meeting = public_meetings().filter(pk=meeting_id).first()
    if meeting is None:
        raise not_found(f"meeting {meeting_id}")
    items = list(_with_details(meeting.items.order_by("position")))
    for item in items:
        item.meeting = meeting
    return meeting_out(meeting, MeetingDetail, items=[item_out(i) for i in items], minutes=_minutes(meeting))


def filtered_items(filters: ItemFilters):
    items = _dates(public_items(), filters, prefix="meeting__")
    if filters.measure:
        items = items.filter(measures__code=filters.measure).distinct()
    if filters.decided is True:
        items = items.filter(meeting__minutes_state=Meeting.MinutesState.PUBLISHED, is_public=True).exclude(
            resolution=""
        )
    elif filters.decided is False:
        items = items.exclude(
            Q(meeting__minutes_state=Meeting.MinutesState.PUBLISHED, is_public=True) & ~Q(resolution="")
        )
    return items


ITEM_ORDER = ("meeting__starts_at", "meeting_id", "position", "id")


@router.get(
    "/items",
    response=responses(ItemPage),
    summary=gettext_noop("Agenda items and decisions of public meetings"),
)
def list_items(request, filters: Query[ItemFilters]):
    check_params(request, ITEM_PARAMS)
    rows, next_url = keyset(request, _with_details(filtered_items(filters)), ITEM_ORDER, filters)
    return ItemPage(items=[item_out(i) for i in rows], next=next_url, limit=filters.limit)


@router.get("/items/{item_id}", response=responses(ItemOut), summary=gettext_noop("One agenda item"))
def get_item(request, item_id: int = Path(..., ge=1, le=MAX_ID)):
    check_params(request, ())
    item = _with_details(public_items()).filter(pk=item_id).first()
    if item is None:
        raise not_found(f"item {item_id}")
    return item_out(item)


DECISION_HEADERS = (
    "date",
    "body",
    "number",
    "title",
    "withheld",
    "resolution",
    "decision",
    "measures",
    "url",
)


@router.get(
    "/decisions/{year}.{fmt}",
    response=ERRORS,
    summary=gettext_noop("The items and decisions of a year as a CSV or XLSX file"),
    openapi_extra=file_responses(
        "Every item of the year's public meetings, withheld items by their public title."
    ),
)
def decisions_file(
    request, fmt: Literal["csv", "xlsx"], year: int = Path(..., ge=2000, le=2100), body: str | None = None
):
    check_params(request, ("body",))
    filters = ItemFilters(year=year, body=body)
    items = _with_details(filtered_items(filters)).order_by(*ITEM_ORDER)
    rows = []
    for item in items:
        shown = item_out(item)
        rows.append(
            (
                timezone.localdate(item.meeting.starts_at),
                item.meeting.body.slug,
                shown.number,
                shown.title or "",
                shown.withheld,
                shown.resolution or "",
                shown.decision or "",
                " ".join(m.code for m in shown.measures),
                shown.url,
            )
        )
    return table_file(f"paatokset-{year}", fmt, DECISION_HEADERS, rows)
