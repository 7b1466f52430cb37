"""Who sees which meeting, item and attachment."""

from __future__ import annotations

from membership.models import Role
from membership.roles import has_role, is_staff

from .models import AgendaItem, Attendance, Meeting


def sees_internal(user, meeting: Meeting) -> bool:
    """Staff, council members and the people invited see sent agendas with non-public items."""
    return meeting.pk in internal_meetings(user, [meeting])


def internal_meetings(user, meetings: list[Meeting]) -> set[int]:
    """The meetings of a list whose internal agenda `user` sees (`sees_internal`), in one query
    at most: for the invitations of someone who is not staff nor a council member."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if is_staff(user):
        return {m.pk for m in meetings}
    sent = [m for m in meetings if m.state != Meeting.State.DRAFT]
    member = has_role(user, Role.MEMBER)
    seen = {m.pk for m in sent if member and m.body.is_council}
    others = [m.pk for m in sent if m.pk not in seen]
    if others:
        seen |= set(
            Attendance.objects.filter(user=user, meeting__in=others).values_list("meeting_id", flat=True)
        )
    return seen


def agenda_public(meeting: Meeting) -> bool:
    return meeting.state == Meeting.State.PUBLISHED


def minutes_public(meeting: Meeting) -> bool:
    return meeting.minutes_state == Meeting.MinutesState.PUBLISHED


def may_open_meeting(user, meeting: Meeting) -> bool:
    return sees_internal(user, meeting) or agenda_public(meeting) or minutes_public(meeting)


def openable_meetings(user, meetings: list[Meeting]) -> set[int]:
    """The meetings of a list that `user` may open (`may_open_meeting`), in one query at most."""
    public = {m.pk for m in meetings if agenda_public(m) or minutes_public(m)}
    return public | internal_meetings(user, [m for m in meetings if m.pk not in public])


def may_fetch_attachment(user, item: AgendaItem) -> bool:
    """Checked on every download: a non-public item's files go to insiders only."""
    meeting = item.meeting
    if sees_internal(user, meeting):
        return True
    return item.is_public and (agenda_public(meeting) or minutes_public(meeting))
