"""Read-side queries shared by pages, PDFs and the dashboard, each with a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from actionplan.models import Measure

from .models import AgendaItem, Attachment, Meeting, ReviewComment


def meeting_items(meeting: Meeting, public: bool, with_comments: bool) -> list[AgendaItem]:
    """The items in order with their attachments; a public reader gets no files of non-public items."""
    queryset = meeting.items.order_by("position").prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.order_by("uploaded_at")),
        Prefetch("measures", queryset=Measure.objects.select_related("goal")),
    )
    if with_comments:
        queryset = queryset.prefetch_related(
            Prefetch("comments", queryset=ReviewComment.objects.select_related("author"))
        )
    items = list(queryset)
    if public:
        for item in items:
            if not item.is_public:
                item.withheld = True
    return items


def meetings_with_counts(queryset):
    return queryset.select_related("body").annotate(
        item_count=Count("items", distinct=True),
        open_proposals=Count("proposals", filter=Q(proposals__status="open"), distinct=True),
    )


def activity_between(start, end) -> dict:
    """The council's activity in a date range, for progress reports: meetings held, attendance,
    decisions and topics raised. A fixed number of queries whatever the range."""
    from .models import Body, TopicProposal

    held = (
        Meeting.objects.filter(
            body__kind=Body.Kind.COUNCIL,
            starts_at__date__gte=start,
            starts_at__date__lte=end,
            state__in=[Meeting.State.SENT, Meeting.State.PUBLISHED],
            starts_at__lte=timezone.now(),
        )
        .select_related("body")
        .annotate(
            decisions=Count("items", filter=~Q(items__resolution=""), distinct=True),
            seats_present=Count(
                "attendances",
                filter=Q(attendances__present=True, attendances__is_deputy=False),
                distinct=True,
            ),
            deputies_present=Count(
                "attendances", filter=Q(attendances__present=True, attendances__is_deputy=True), distinct=True
            ),
            seats_invited=Count("attendances", filter=Q(attendances__is_deputy=False), distinct=True),
        )
        .order_by("starts_at")
    )
    meetings = [
        {
            "date": meeting.starts_at.date().isoformat(),
            "body": meeting.body.name,
            "decisions": meeting.decisions,
            "present": meeting.seats_present + meeting.deputies_present,
            "seats": meeting.seats_invited,
        }
        for meeting in held
    ]
    totals = {"present": sum(m["present"] for m in meetings), "seats": sum(m["seats"] for m in meetings)}
    proposals = TopicProposal.objects.filter(created_at__date__gte=start, created_at__date__lte=end)
    return {
        "meetings": meetings,
        "meetings_held": len(meetings),
        "decisions": sum(m["decisions"] for m in meetings),
        "attendance_rate": round(100 * totals["present"] / totals["seats"]) if totals["seats"] else None,
        "topics_raised": proposals.count(),
        "topics_accepted": proposals.filter(
            status__in=[TopicProposal.Status.ACCEPTED, TopicProposal.Status.MERGED]
        ).count(),
    }


def decisions_for_measure(measure: Measure, limit: int = 20) -> list[AgendaItem]:
    """Decided items linked to a measure in published minutes, newest first (public items only)."""
    return list(
        AgendaItem.objects.filter(
            measures=measure,
            is_public=True,
            meeting__minutes_state=Meeting.MinutesState.PUBLISHED,
        )
        .exclude(decision="")
        .select_related("meeting__body")
        .order_by("-meeting__starts_at", "-number")[:limit]
    )
