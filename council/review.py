"""Review comments, attendance answers and quorum per seat (services, split from services.py)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from membership.models import User

from . import mail
from .models import AgendaItem, Attendance, Body, Meeting, ReviewComment
from .services import CouncilError


def attendance_of(user: User, meeting: Meeting) -> Attendance | None:
    if not user.is_authenticated:
        return None
    return meeting.attendances.filter(user=user).first()


def review_open(meeting: Meeting) -> bool:
    return meeting.state != Meeting.State.DRAFT and not meeting.is_past


@transaction.atomic
def add_comment(user: User, item: AgendaItem, text: str) -> ReviewComment:
    meeting = item.meeting
    if attendance_of(user, meeting) is None:
        raise CouncilError("unknown_member")
    if not review_open(meeting):
        raise CouncilError("review_closed")
    return ReviewComment.objects.create(item=item, author=user, text=text)


def invited_deputies(attendance: Attendance) -> list[str]:
    """The names of the deputies invited in the place of a member who cannot attend."""
    if attendance.is_deputy or attendance.answer != Attendance.Answer.ABSENT:
        return []
    deputies = attendance.meeting.attendances.filter(
        seat=attendance.seat, is_deputy=True, answer=Attendance.Answer.WAITING
    )
    return list(deputies.order_by("full_name").values_list("full_name", flat=True))


@transaction.atomic
def answer_attendance(user: User, meeting: Meeting, attends: bool) -> Attendance:
    """Record an answer; an absent member's own deputies are invited at once."""
    attendance = attendance_of(user, meeting)
    if attendance is None:
        raise CouncilError("unknown_member")
    if meeting.is_past or meeting.state == Meeting.State.DRAFT:
        raise CouncilError("review_closed")
    attendance = Attendance.objects.select_for_update().get(pk=attendance.pk)
    if attendance.is_deputy and attendance.answer == Attendance.Answer.NOT_INVITED:
        raise CouncilError("deputy_not_invited")
    attendance.answer = Attendance.Answer.ATTENDING if attends else Attendance.Answer.ABSENT
    attendance.answered_at = timezone.now()
    attendance.save(update_fields=["answer", "answered_at"])
    if not attendance.is_deputy:
        deputies = meeting.attendances.filter(seat=attendance.seat, is_deputy=True)
        if attends:
            deputies.filter(answer=Attendance.Answer.WAITING).update(answer=Attendance.Answer.NOT_INVITED)
        else:
            invited = list(deputies.filter(answer=Attendance.Answer.NOT_INVITED))
            deputies.filter(pk__in=[d.pk for d in invited]).update(answer=Attendance.Answer.WAITING)
            if invited:
                transaction.on_commit(lambda: mail.deputy_invited(meeting, attendance, invited))
    return attendance


@dataclass(frozen=True)
class Quorum:
    seats: int
    present: int
    needed: int

    @property
    def reached(self) -> bool:
        return self.seats > 0 and self.present >= self.needed


def needed_for_quorum(body: Body, seats: int) -> int:
    if body.quorum_rule == Body.Quorum.FIXED:
        return body.quorum_seats
    if body.quorum_rule == Body.Quorum.HALF:
        return (seats + 1) // 2
    return seats // 2 + 1


def body_seats(body: Body, rows: list[Attendance]) -> int:
    """The base of the quorum: the seats of the body's rules, so that vacancies do not lower it;
    a body without a number in its rules counts the seats on its roster."""
    return body.seat_count or len({a.seat for a in rows})


def quorum(meeting: Meeting, attendances: list[Attendance] | None = None) -> Quorum:
    """Seats present (recorded) or expected (answers): a seat counts once, whether its member or
    its deputy came."""
    rows = attendances if attendances is not None else list(meeting.attendances.all())
    seats = body_seats(meeting.body, rows)
    recorded = any(a.present is not None for a in rows)
    if recorded:
        present = {a.seat for a in rows if a.present}
    else:
        present = {a.seat for a in rows if a.answer == Attendance.Answer.ATTENDING}
    return Quorum(seats, len(present), needed_for_quorum(meeting.body, seats))


def present_seats(rows: list[Attendance], present_ids: set[int], excluded_ids: set[int] = frozenset()) -> int:
    """Seats present for one item: a conflicted member leaves the handling and is not counted."""
    return len({a.seat for a in rows if a.pk in present_ids and a.pk not in excluded_ids})
