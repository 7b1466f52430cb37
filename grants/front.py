"""Grants' cards on the front pages: the NGO's grants with due use reports, the overdue ones for staff."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .models import Grant
from .permissions import grants_visible_to

LIMIT = 5


def ngo_front(page: dict[str, Any]) -> dict[str, Any]:
    due = (
        grants_visible_to(page["user"])
        .filter(report_due_on__isnull=False, report_received_on__isnull=True)
        .select_related("organisation")
        .order_by("report_due_on")
    )
    return {"front_reports_due": list(due[:LIMIT]), "today": timezone.localdate()}


def staff_front(page: dict[str, Any]) -> dict[str, Any]:
    overdue = Grant.objects.filter(report_due_on__lt=timezone.localdate(), report_received_on__isnull=True)
    return {"front_overdue_reports": overdue.count()}
