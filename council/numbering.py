"""§ numbers: one series per body per calendar year, the one place that assigns them.

The rule (README, "Council meetings"):
- A draft agenda shows provisional numbers: they continue the year's highest final number, in
  meeting order, and move whenever an earlier draft gains or loses items.
- Sending the agenda fixes its numbers: the meeting's items take the next numbers after the
  year's highest final number, in agenda order, and are marked final.
- An item added at the meeting takes the next number of the series and is final at once; later
  drafts move on.
- A final number never changes and is never removed: after sending, items are not deleted or
  reordered (an item dropped at the meeting is resolved "removed from the agenda"). The database
  refuses a second final number in the same series (constraint `unique_final_item_number`).
- A cancelled meeting keeps the numbers it was sent with; a draft that is cancelled gives its
  provisional numbers back.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from membership.models import User

from .models import AgendaItem, Body, Meeting

FIELDS = ["number", "series_body", "series_year", "number_final", "position"]


def _year_range(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    return (
        timezone.make_aware(datetime.datetime(year, 1, 1)),
        timezone.make_aware(datetime.datetime(year + 1, 1, 1)),
    )


def _lock_series(body_id: int) -> None:
    """Number assignments of one body run one at a time."""
    Body.objects.select_for_update().filter(pk=body_id).first()


def top_final(body_id: int, year: int) -> int:
    found = AgendaItem.objects.filter(series_body_id=body_id, series_year=year, number_final=True)
    return found.aggregate(top=Max("number"))["top"] or 0


def save_items(items: list[AgendaItem], acting_user: User | None) -> None:
    if items:
        bulk_update_with_history(
            items, AgendaItem, FIELDS, default_user=acting_user, default_change_reason="§ numbering"
        )


@transaction.atomic
def renumber(body_id: int, year: int, *, acting_user: User | None = None) -> None:
    """Give the year's draft items their provisional numbers; final numbers are left alone."""
    _lock_series(body_id)
    start, end = _year_range(year)
    items = (
        AgendaItem.objects.filter(
            meeting__body_id=body_id, meeting__starts_at__gte=start, meeting__starts_at__lt=end
        )
        .filter(number_final=False)
        .select_related("meeting")
        .order_by("meeting__starts_at", "meeting_id", "position", "pk")
    )
    next_number = top_final(body_id, year) + 1
    changed = []
    for item in items:
        cancelled = item.meeting.state == Meeting.State.CANCELLED
        number = 0 if cancelled else next_number
        if not cancelled:
            next_number += 1
        wanted = (number, body_id, year)
        if (item.number, item.series_body_id, item.series_year) != wanted:
            item.number, item.series_body_id, item.series_year = wanted
            changed.append(item)
    save_items(changed, acting_user)


def renumber_meeting(meeting: Meeting, *, acting_user: User | None = None) -> None:
    """After a draft's items changed: keep its positions dense, then renumber its year."""
    items = list(meeting.items.order_by("position", "pk"))
    moved = [item for index, item in enumerate(items) if item.position != index]
    for index, item in enumerate(items):
        item.position = index
    save_items(moved, acting_user)
    renumber(meeting.body_id, meeting.year, acting_user=acting_user)


@transaction.atomic
def finalise(meeting: Meeting, *, acting_user: User | None = None) -> None:
    """Sending the agenda: its items take the next numbers of the series, for good."""
    _lock_series(meeting.body_id)
    year = meeting.year
    next_number = top_final(meeting.body_id, year) + 1
    items = list(meeting.items.filter(number_final=False).order_by("position", "pk"))
    for item in items:
        item.number, item.series_body_id, item.series_year = next_number, meeting.body_id, year
        item.number_final = True
        next_number += 1
    save_items(items, acting_user)
    renumber(meeting.body_id, year, acting_user=acting_user)


def next_final_number(meeting: Meeting) -> int:
    """For an item added at the meeting; the caller holds the series lock."""
    _lock_series(meeting.body_id)
    return top_final(meeting.body_id, meeting.year) + 1
