"""Minutes: attendance, decisions, checkers and publication (services, split from services.py)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from membership.models import User
from membership.public_api import invalidate_public_api

from . import mail
from .models import AgendaItem, Attendance, Meeting, MinutesChecker
from .services import CouncilError, StaleEdit, add_item

EDITABLE = (Meeting.MinutesState.DRAFT, Meeting.MinutesState.CHECKING)


def check_minutes_editable(meeting: Meeting) -> None:
    if meeting.state == Meeting.State.DRAFT:
        raise CouncilError("agenda_draft")
    if meeting.minutes_state not in EDITABLE:
        raise CouncilError("minutes_closed")


@transaction.atomic
def save_minutes(
    meeting: Meeting,
    version: int,
    header: dict,
    decisions: dict[int, dict],
    present_ids: set[int],
) -> Meeting:
    """Save the whole minutes form, refusing it when another save came in since `version`.

    The meeting's version guards the form as a whole: two people working on the same minutes
    must not silently overwrite each other's decisions.
    """
    check_minutes_editable(meeting)
    # Locked and saved (not a bare UPDATE) so that the meeting's history records the change.
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.version != version:
        raise StaleEdit()
    for name, value in header.items():
        setattr(locked, name, value)
    locked.version += 1
    locked.save()
    items = {item.pk: item for item in meeting.items.all()}
    changed = []
    for pk, fields in decisions.items():
        item = items.get(pk)
        if item is None:
            continue
        for name, value in fields.items():
            setattr(item, name, value)
        item.version += 1
        changed.append(item)
    for item in changed:
        item.save(update_fields=["decision", "resolution", "is_public", "public_title", "version"])
    attendances = list(meeting.attendances.all())
    for attendance in attendances:
        attendance.present = attendance.pk in present_ids
    Attendance.objects.bulk_update(attendances, ["present"])
    meeting.refresh_from_db()
    # A published agenda shows the items' public titles, which the minutes may change.
    transaction.on_commit(invalidate_public_api)
    return meeting


@transaction.atomic
def add_item_in_meeting(meeting: Meeting, title: str, is_public: bool = True) -> AgendaItem:
    check_minutes_editable(meeting)
    # The version is part of the cache key of the published agenda's PDF.
    Meeting.objects.filter(pk=meeting.pk).update(version=F("version") + 1)
    return add_item(meeting, in_meeting=True, title=title, is_public=is_public)


@transaction.atomic
def set_checkers(meeting: Meeting, users: list[User]) -> None:
    check_minutes_editable(meeting)
    meeting.checkers.exclude(user__in=users).delete()
    for user in users:
        MinutesChecker.objects.get_or_create(meeting=meeting, user=user)


@transaction.atomic
def send_to_checkers(meeting: Meeting) -> None:
    if meeting.minutes_state != Meeting.MinutesState.DRAFT or meeting.state == Meeting.State.DRAFT:
        raise CouncilError("minutes_closed")
    checkers = list(meeting.checkers.select_related("user"))
    if not checkers:
        raise CouncilError("no_checkers")
    undecided = meeting.items.filter(resolution="").exists()
    if undecided:
        raise CouncilError("undecided")
    meeting.checkers.update(status=MinutesChecker.Status.WAITING, comment="", answered_at=None)
    meeting.minutes_state = Meeting.MinutesState.CHECKING
    meeting.save(update_fields=["minutes_state"])
    transaction.on_commit(lambda: mail.minutes_to_checkers(meeting, checkers))


@transaction.atomic
def checker_answer(meeting: Meeting, user: User, approve: bool, comment: str) -> MinutesChecker:
    checker = meeting.checkers.select_for_update().filter(user=user).first()
    if checker is None:
        raise CouncilError("not_checker")
    if meeting.minutes_state != Meeting.MinutesState.CHECKING:
        raise CouncilError("minutes_closed")
    if not approve and not comment.strip():
        raise CouncilError("comment_needed")
    checker.status = MinutesChecker.Status.APPROVED if approve else MinutesChecker.Status.COMMENTED
    checker.comment = comment
    checker.answered_at = timezone.now()
    checker.save()
    if not meeting.checkers.exclude(status=MinutesChecker.Status.APPROVED).exists():
        meeting.minutes_state = Meeting.MinutesState.APPROVED
        meeting.save(update_fields=["minutes_state"])
    return checker


@transaction.atomic
def approve_minutes(meeting: Meeting) -> None:
    """Staff approve on the checkers' behalf, say when they approved in the meeting itself."""
    if meeting.minutes_state != Meeting.MinutesState.CHECKING:
        raise CouncilError("minutes_closed")
    meeting.minutes_state = Meeting.MinutesState.APPROVED
    meeting.save(update_fields=["minutes_state"])


@transaction.atomic
def publish_minutes(meeting: Meeting) -> None:
    if meeting.minutes_state != Meeting.MinutesState.APPROVED:
        raise CouncilError("not_approved")
    meeting.minutes_state = Meeting.MinutesState.PUBLISHED
    if meeting.state == Meeting.State.SENT:
        meeting.state = Meeting.State.PUBLISHED
    meeting.save(update_fields=["minutes_state", "state"])
    transaction.on_commit(invalidate_public_api)
