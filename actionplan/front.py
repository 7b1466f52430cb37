"""The action plan's card on the HYTE team's front page: periods that have ended and wait for readings."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .models import ReportingPeriod

LIMIT = 5


def staff_front(page: dict[str, Any]) -> dict[str, Any]:
    due = ReportingPeriod.objects.filter(ends_on__lt=timezone.localdate(), is_closed=False).order_by(
        "ends_on"
    )
    return {"front_periods_due": list(due[:LIMIT])}
