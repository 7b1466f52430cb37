"""Read-side queries shared by pages, PDFs and the dashboard, each with a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from actionplan.models import Measure

from .models import AgendaItem, Attachment, Ballot, ConflictOfInterest, Dissent, Meeting, ReviewComment


def meeting_items(meeting: Meeting, public: bool, with_comments: bool) -> list[AgendaItem]:
    """The items in order with their attachments; a public reader gets no files of non-public items."""
    queryset = (
        meeting.items.order_by("position")
        .select_related("vote")
        .prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("uploaded_at")),
            Prefetch("measures", queryset=Measure.objects.select_related("goal")),
            Prefetch("conflicts", queryset=ConflictOfInterest.objects.select_related("attendance")),
            Prefetch("dissents", queryset=Dissent.objects.select_related("attendance")),
            Prefetch("vote__ballots", queryset=Ballot.objects.select_related("attendance")),
        )
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
            "date": timezone.localdate(meeting.starts_at).isoformat(),
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


def _public_decisions():
    """Decided items in published minutes that the public may read, with what a listing shows."""
    return (
        AgendaItem.objects.filter(is_public=True, meeting__minutes_state=Meeting.MinutesState.PUBLISHED)
        .exclude(resolution__in=["", "removed"])
        .select_related("meeting__body")
    )


def decisions_for_measure(measure: Measure, limit: int = 20) -> list[AgendaItem]:
    """Decided items linked to a measure in published minutes, newest first (public items only)."""
    return list(
        _public_decisions().filter(measures=measure).order_by("-meeting__starts_at", "-number")[:limit]
    )


def decisions_by_measure(start, end) -> list[dict]:
    """Per measure, the decisions of a period for the board and HYTE reports, in one query."""
    links = (
        AgendaItem.measures.through.objects.filter(agendaitem__in=_public_decisions())
        .filter(
            agendaitem__meeting__starts_at__date__gte=start,
            agendaitem__meeting__starts_at__date__lte=end,
        )
        .select_related("agendaitem__meeting__body", "measure")
        .order_by("measure__code", "agendaitem__meeting__starts_at", "agendaitem__number")
    )
    found: dict[str, dict] = {}
    for link in links:
        item, measure = link.agendaitem, link.measure
        entry = found.setdefault(
            measure.code, {"code": measure.code, "title": measure.title, "decisions": []}
        )
        entry["decisions"].append(
            {
                "date": timezone.localdate(item.meeting.starts_at),
                "body": str(item.meeting.body.name),
                "number": item.number,
                "title": item.title,
                "resolution": str(item.get_resolution_display()),
                "decision": item.decision,
                "path": f"{reverse('council:meeting_detail', args=[item.meeting_id])}#item-{item.pk}",
            }
        )
    return list(found.values())
