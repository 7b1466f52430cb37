"""Council's cards on the front pages: the member's next meeting and answers, the HYTE team's queue.

Each function takes the page's context and adds a fixed number of queries, whatever the data size.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .models import Attendance, Meeting, MinutesChecker, ReviewComment, TopicProposal

LIMIT = 5


def member_front(page: dict[str, Any]) -> dict[str, Any]:
    user, now = page["user"], timezone.now()
    upcoming = list(
        Attendance.objects.filter(user=user, meeting__starts_at__gte=now)
        .exclude(answer=Attendance.Answer.NOT_INVITED)
        .select_related("meeting__body")
        .order_by("meeting__starts_at")[:LIMIT]
    )
    next_meeting = upcoming[0].meeting if upcoming else None
    if next_meeting is None:
        next_meeting = (
            Meeting.objects.filter(starts_at__gte=now).select_related("body").order_by("starts_at").first()
        )
    return {
        "front_next_meeting": next_meeting,
        "front_to_review": [a.meeting for a in upcoming if a.meeting.state == Meeting.State.SENT],
        "front_to_answer": [a.meeting for a in upcoming if a.answer == Attendance.Answer.WAITING],
        "front_checks": list(
            MinutesChecker.objects.filter(user=user, status=MinutesChecker.Status.WAITING)
            .select_related("meeting__body")
            .order_by("meeting__starts_at")[:LIMIT]
        ),
        "front_proposals": list(TopicProposal.objects.filter(proposer=user).order_by("-pk")[:LIMIT]),
    }


def staff_front(page: dict[str, Any]) -> dict[str, Any]:
    return {
        "front_open_proposals": TopicProposal.objects.filter(status=TopicProposal.Status.OPEN).count(),
        "front_unread_comments": ReviewComment.objects.filter(read_by_staff=False).count(),
        "front_minutes_checking": list(
            Meeting.objects.filter(minutes_state=Meeting.MinutesState.CHECKING)
            .select_related("body")
            .order_by("starts_at")[:LIMIT]
        ),
    }
