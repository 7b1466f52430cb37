"""Who sees which meeting, item and attachment."""

from __future__ import annotations

from membership.models import Role
from membership.roles import has_role, is_staff

from .models import AgendaItem, Attendance, Meeting


def sees_internal(user, meeting: Meeting) -> bool:
    """Staff, council members and the people invited see sent agendas with non-public items."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_staff(user):
        return True
    if meeting.state == Meeting.State.DRAFT:
        return False
    if meeting.body.is_council and has_role(user, Role.MEMBER):
        return True
    return meeting.attendances.filter(user=user).exists()


def agenda_public(meeting: Meeting) -> bool:
    return meeting.state == Meeting.State.PUBLISHED


def minutes_public(meeting: Meeting) -> bool:
    return meeting.minutes_state == Meeting.MinutesState.PUBLISHED


def may_open_meeting(user, meeting: Meeting) -> bool:
    return sees_internal(user, meeting) or agenda_public(meeting) or minutes_public(meeting)


def openable_meetings(user, meetings: list[Meeting]) -> set[int]:
    """The meetings of a list that `user` may open (may_open_meeting), in one query at most."""
    if getattr(user, "is_authenticated", False) and is_staff(user):
        return {m.pk for m in meetings}
    member = getattr(user, "is_authenticated", False) and has_role(user, Role.MEMBER)
    invited: set[int] = set()
    if getattr(user, "is_authenticated", False):
        sent = [m.pk for m in meetings if m.state != Meeting.State.DRAFT]
        invited = set(
            Attendance.objects.filter(user=user, meeting__in=sent).values_list("meeting_id", flat=True)
        )
    return {
        m.pk
        for m in meetings
        if agenda_public(m)
        or minutes_public(m)
        or (m.state != Meeting.State.DRAFT and ((member and m.body.is_council) or m.pk in invited))
    }


def may_fetch_attachment(user, item: AgendaItem) -> bool:
    """Checked on every download: a non-public item's files go to insiders only."""
    meeting = item.meeting
    if sees_internal(user, meeting):
        return True
    return item.is_public and (agenda_public(meeting) or minutes_public(meeting))
