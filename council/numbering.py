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
from django.db.models import F, Max, Value
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from membership.kernel.history import record_update
from membership.models import User

from .models import AgendaItem, Body, Meeting

REASON = "§ numbering"
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
            items, AgendaItem, FIELDS, default_user=acting_user, default_change_reason=REASON
        )


@transaction.atomic
def renumber(body_id: int, year: int, *, acting_user: User | None = None) -> None:
    """Give the year's draft items their provisional numbers; final numbers are left alone.

    Set-based: one UPDATE per run of items whose number moves by the same amount (usually one),
    then their history rows, so a year of 300 items renumbers in a few queries.
    """
    _lock_series(body_id)
    start, end = _year_range(year)
    rows = (
        AgendaItem.objects.filter(
            meeting__body_id=body_id, meeting__starts_at__gte=start, meeting__starts_at__lt=end
        )
        .filter(number_final=False)
        .order_by("meeting__starts_at", "meeting_id", "position", "pk")
        .values_list("pk", "number", "series_body_id", "series_year", "meeting__state")
    )
    next_number = top_final(body_id, year) + 1
    moves: dict[int | None, list[int]] = {}
    for pk, number, series_body, series_year, state in rows:
        if state == Meeting.State.CANCELLED:
            wanted = 0
        else:
            wanted, next_number = next_number, next_number + 1
        if (number, series_body, series_year) != (wanted, body_id, year):
            # Cancelled drafts go to 0; every other item moves by an offset shared with its neighbours.
            moves.setdefault(None if wanted == 0 else wanted - number, []).append(pk)
    for offset, pks in moves.items():
        number = Value(0) if offset is None else F("number") + offset
        AgendaItem.objects.filter(pk__in=pks).update(number=number, series_body_id=body_id, series_year=year)
    record_update(
        AgendaItem, [pk for pks in moves.values() for pk in pks], acting_user=acting_user, reason=REASON
    )


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
    rows = meeting.items.filter(number_final=False).order_by("position", "pk").values_list("pk", "number")
    offsets: dict[int, list[int]] = {}
    for index, (pk, number) in enumerate(rows):
        offsets.setdefault(next_number + index - number, []).append(pk)
    for offset, pks in offsets.items():
        AgendaItem.objects.filter(pk__in=pks).update(
            number=F("number") + offset, number_final=True, series_body_id=meeting.body_id, series_year=year
        )
    record_update(
        AgendaItem, [pk for pks in offsets.values() for pk in pks], acting_user=acting_user, reason=REASON
    )
    renumber(meeting.body_id, year, acting_user=acting_user)


def next_final_number(meeting: Meeting) -> int:
    """For an item added at the meeting; the caller holds the series lock."""
    _lock_series(meeting.body_id)
    return top_final(meeting.body_id, meeting.year) + 1
