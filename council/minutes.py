"""Minutes: attendance, decisions, checkers and publication (services, split from services.py).

Every function that changes a decision or the minutes' state saves model instances (never a bare
`.update()`), naming `acting_user` on the row, so that the history that staff read in the portal
is complete.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from membership.kernel.history import remember
from membership.kernel.public_cache import invalidate_public_pages
from membership.models import User

from . import mail, review
from .models import AgendaItem, Attendance, Meeting, MinutesChecker, Resolution
from .services import CouncilError, StaleEdit, add_item

EDITABLE = (Meeting.MinutesState.DRAFT, Meeting.MinutesState.CHECKING)
# What a meeting without a quorum may still record: it can note matters, not decide them.
WITHOUT_QUORUM = ("", Resolution.NOTED)


class ItemError(CouncilError):
    """A refused decision of one item; the view shows it beside that item."""

    def __init__(self, code: str, item: AgendaItem, field: str | None = None):
        super().__init__(code)
        self.item = item
        self.field = field


def check_minutes_editable(meeting: Meeting) -> None:
    if meeting.state == Meeting.State.CANCELLED:
        raise CouncilError("cancelled")
    if meeting.state == Meeting.State.DRAFT:
        raise CouncilError("agenda_draft")
    if meeting.minutes_state not in EDITABLE:
        raise CouncilError("minutes_closed")


def _record_quorum(meeting: Meeting, rows: list[Attendance]) -> review.Quorum:
    result = review.quorum(meeting, rows)
    meeting.quorum_seats, meeting.quorum_present = result.seats, result.present
    meeting.quorum_needed, meeting.quorate = result.needed, result.reached
    return result


def _check_decisions(meeting: Meeting, items: list[AgendaItem], rows: list[Attendance]) -> None:
    present_ids = {a.pk for a in rows if a.present}
    meeting_quorate = review.quorum(meeting, rows).reached
    needed = review.needed_for_quorum(meeting.body, review.body_seats(meeting.body, rows))
    conflicted = _conflicted_by_item(meeting)
    for item in items:
        if not item.is_public and not item.public_title.strip():
            raise ItemError("public_title_needed", item, "public_title")
        if not item.is_public and not item.withholding_ground:
            raise ItemError("ground_needed", item, "withholding_ground")
        if item.resolution in WITHOUT_QUORUM:
            continue
        if not meeting_quorate:
            raise ItemError("not_quorate", item, "resolution")
        if review.present_seats(rows, present_ids, conflicted.get(item.pk, set())) < needed:
            raise ItemError("item_not_quorate", item, "resolution")
        has_vote = getattr(item, "has_vote", None)
        if has_vote is None:
            has_vote = hasattr(item, "vote")
        if item.resolution == Resolution.VOTE and not has_vote:
            raise ItemError("vote_missing", item, "resolution")


def _conflicted_by_item(meeting: Meeting) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for item_id, attendance_id in meeting.items.filter(conflicts__isnull=False).values_list(
        "pk", "conflicts__attendance_id"
    ):
        found.setdefault(item_id, set()).add(attendance_id)
    return found


@transaction.atomic
def save_minutes(
    meeting: Meeting,
    version: int,
    header: dict,
    decisions: dict[int, dict],
    present_ids: set[int],
    *,
    acting_user: User | None = None,
) -> Meeting:
    """Save the whole minutes form, refusing it when another save came in since `version`.

    The meeting's version guards the form as a whole: two people working on the same minutes
    must not silently overwrite each other's decisions. The quorum is recorded from the
    attendance; without it only notings are recorded.
    """
    check_minutes_editable(meeting)
    # Locked and saved (not a bare UPDATE) so that the meeting's history records the change.
    locked = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    if locked.version != version:
        raise StaleEdit()
    attendances = list(meeting.attendances.all())
    for attendance in attendances:
        attendance.present = attendance.pk in present_ids
    Attendance.objects.bulk_update(attendances, ["present"])
    items = {item.pk: item for item in meeting.items.select_related("vote")}
    changed = []
    for pk, fields in decisions.items():
        item = items.get(pk)
        if item is None:
            continue
        before = {name: getattr(item, name) for name in fields}
        for name, value in fields.items():
            setattr(item, name, value)
        if before != fields:
            item.version += 1
            changed.append(item)
    _check_decisions(locked, list(items.values()), attendances)
    for item in changed:
        remember(item, acting_user).save()
    for name, value in header.items():
        setattr(locked, name, value)
    _record_quorum(locked, attendances)
    locked.version += 1
    remember(locked, acting_user).save()
    meeting.refresh_from_db()
    # A published agenda shows the items' public titles, which the minutes may change.
    invalidate_public_pages("council")
    return meeting


@transaction.atomic
def add_item_in_meeting(
    meeting: Meeting, title: str, is_public: bool = True, *, acting_user: User | None = None, **fields
) -> AgendaItem:
    """An item raised at the meeting: it takes the next § number of the year (see `numbering`)."""
    check_minutes_editable(meeting)
    if not is_public and not fields.get("public_title", "").strip():
        raise CouncilError("public_title_needed")
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    # The version is part of the cache key of the published agenda's PDF.
    locked.version += 1
    remember(locked, acting_user).save(update_fields=["version"])
    return add_item(
        meeting, in_meeting=True, acting_user=acting_user, title=title, is_public=is_public, **fields
    )


@transaction.atomic
def set_checkers(meeting: Meeting, users: list[User], *, acting_user: User | None = None) -> None:
    check_minutes_editable(meeting)
    # Saved and deleted one by one (a handful) so that each history row names the acting user.
    for checker in meeting.checkers.exclude(user__in=users):
        remember(checker, acting_user).delete()
    chosen = set(meeting.checkers.values_list("user_id", flat=True))
    for user in users:
        if user.pk not in chosen:
            remember(MinutesChecker(meeting=meeting, user=user), acting_user).save()
            chosen.add(user.pk)


def _set_state(meeting: Meeting, minutes_state: str, acting_user: User | None, **extra) -> None:
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    locked.minutes_state = minutes_state
    for name, value in extra.items():
        setattr(locked, name, value)
    remember(locked, acting_user).save()
    meeting.refresh_from_db()


@transaction.atomic
def send_to_checkers(meeting: Meeting, *, acting_user: User | None = None) -> None:
    if meeting.state == Meeting.State.CANCELLED:
        raise CouncilError("cancelled")
    if meeting.minutes_state != Meeting.MinutesState.DRAFT or meeting.state == Meeting.State.DRAFT:
        raise CouncilError("minutes_closed")
    if meeting.starts_at > timezone.now():
        raise CouncilError("not_started")
    checkers = list(meeting.checkers.select_related("user"))
    if not checkers:
        raise CouncilError("no_checkers")
    if meeting.items.filter(resolution="").exists():
        raise CouncilError("undecided")
    rows = list(meeting.attendances.all())
    if not any(a.present for a in rows):
        raise CouncilError("no_attendance")
    _check_decisions(meeting, list(meeting.items.select_related("vote")), rows)
    for checker in checkers:
        checker.status, checker.comment, checker.answered_at = MinutesChecker.Status.WAITING, "", None
        remember(checker, acting_user).save()
    _record_quorum(meeting, rows)
    _set_state(
        meeting,
        Meeting.MinutesState.CHECKING,
        acting_user,
        quorum_seats=meeting.quorum_seats,
        quorum_present=meeting.quorum_present,
        quorum_needed=meeting.quorum_needed,
        quorate=meeting.quorate,
    )
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
    remember(checker, user).save()
    if not meeting.checkers.exclude(status=MinutesChecker.Status.APPROVED).exists():
        _set_state(meeting, Meeting.MinutesState.APPROVED, user)
    return checker


@transaction.atomic
def approve_minutes(meeting: Meeting, *, acting_user: User | None = None) -> None:
    """Staff approve on the checkers' behalf, say when they approved in the meeting itself."""
    if meeting.minutes_state != Meeting.MinutesState.CHECKING:
        raise CouncilError("minutes_closed")
    _set_state(meeting, Meeting.MinutesState.APPROVED, acting_user)


@transaction.atomic
def publish_minutes(meeting: Meeting, *, acting_user: User | None = None) -> None:
    """Publishing records the day the minutes were made public (nähtävilläpito)."""
    if meeting.starts_at > timezone.now():
        raise CouncilError("not_started")
    if meeting.minutes_state != Meeting.MinutesState.APPROVED:
        raise CouncilError("not_approved")
    state = Meeting.State.PUBLISHED if meeting.state == Meeting.State.SENT else meeting.state
    _set_state(
        meeting, Meeting.MinutesState.PUBLISHED, acting_user, state=state, public_from=timezone.localdate()
    )
    invalidate_public_pages("council")
