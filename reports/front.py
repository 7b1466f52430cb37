"""Reports' cards on the front pages: the board's latest reports and next review, failed runs for staff."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from membership.roles import roles_of

from .models import ReportDefinition, ReportRun, RunState, ScheduleKind
from .permissions import runs_visible_to
from .schedules import MONTHS_AFTER

LIMIT = 6


def next_send_on(definition: ReportDefinition, today: datetime.date) -> datetime.date | None:
    """The next day the definition's schedule sends a report, or None for a manual or past one."""
    if not definition.is_active or definition.schedule == ScheduleKind.MANUAL:
        return None
    if definition.schedule == ScheduleKind.ONCE:
        return definition.once_on if definition.once_on and definition.once_on >= today else None
    months = [int(m) for m in MONTHS_AFTER[definition.period_kind].split(",")]
    for year in (today.year, today.year + 1):
        for month in months:
            day = datetime.date(year, month, min(definition.send_day, 28))
            if day >= today:
                return day
    return None


def board_front(page: dict[str, Any]) -> dict[str, Any]:
    user, today = page["user"], timezone.localdate()
    latest = (
        runs_visible_to(user)
        .filter(state=RunState.FINISHED)
        .select_related("definition__audience")
        .order_by("-finished_at")[:LIMIT]
    )
    return {"front_runs": list(latest), "front_next_report": next_report_for(user, today)}


def next_report_for(user, today: datetime.date) -> tuple[datetime.date, ReportDefinition] | None:
    """The next report sent to one of the user's roles by schedule: its day and definition."""
    roles = roles_of(user)
    upcoming = [
        (day, definition)
        for definition in ReportDefinition.objects.select_related("audience")
        if set(definition.recipient_roles) & roles and (day := next_send_on(definition, today))
    ]
    return min(upcoming, key=lambda pair: pair[0], default=None)


def staff_front(page: dict[str, Any]) -> dict[str, Any]:
    return {"front_failed_runs": ReportRun.objects.filter(state=RunState.FAILED).count()}
