"""Emails of council meetings, each in its recipient's language, with the agenda and the .ics."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from membership.notifications import absolute_url, send_mail_in_language

from .ical import meeting_ics
from .models import Attendance, Meeting, MinutesChecker, TopicProposal


def _meeting_url(meeting: Meeting, language: str) -> str:
    with translation.override(language):
        return absolute_url(reverse("council:meeting_detail", args=[meeting.pk]))


def _ics(meeting: Meeting) -> list[tuple[str, bytes, str]]:
    cancelled = meeting.state == Meeting.State.CANCELLED
    mimetype = "text/calendar; method=CANCEL" if cancelled else "text/calendar"
    return [(f"meeting-{meeting.pk}.ics", meeting_ics(meeting), mimetype)]


def _send_agenda(
    meeting: Meeting, people: list[Attendance], template: str, extra: dict | None = None
) -> None:
    items = list(meeting.items.order_by("position"))
    ics = _ics(meeting)
    for person in people:
        if not person.email:
            continue
        context = {
            "meeting": meeting,
            "items": items,
            "person": person,
            "url": _meeting_url(meeting, person.language),
            **(extra or {}),
        }
        send_mail_in_language([person.email], template, context, person.language, attachments=ics)


def agenda_sent(meeting: Meeting, people: list[Attendance], deputies: list[Attendance]) -> None:
    """Members are invited; deputies get the agenda for information until their member is absent."""
    _send_agenda(meeting, people, "council/emails/agenda")
    _send_agenda(meeting, deputies, "council/emails/deputy_info")


def deputy_invited(meeting: Meeting, absent: Attendance, deputies: list[Attendance]) -> None:
    _send_agenda(meeting, deputies, "council/emails/deputy", {"absent": absent})


def _to_each(meeting: Meeting, people: list[Attendance], template: str) -> None:
    ics = _ics(meeting)
    for person in people:
        context = {"meeting": meeting, "person": person, "url": _meeting_url(meeting, person.language)}
        send_mail_in_language([person.email], template, context, person.language, attachments=ics)


def reminder(meeting: Meeting, people: list[Attendance]) -> None:
    _to_each(meeting, people, "council/emails/reminder")


def meeting_changed(meeting: Meeting, people: list[Attendance]) -> None:
    """A sent meeting moved: everyone who got its .ics gets the new one (same UID, next SEQUENCE)."""
    _to_each(meeting, people, "council/emails/changed")


def meeting_cancelled(meeting: Meeting, people: list[Attendance]) -> None:
    _to_each(meeting, people, "council/emails/cancelled")


def proposal_decided(proposal: TopicProposal) -> None:
    user = proposal.proposer
    with translation.override(user.preferred_language):
        url = absolute_url(reverse("council:my_proposals"))
    send_mail_in_language(
        [user.email], "council/emails/proposal", {"proposal": proposal, "url": url}, user.preferred_language
    )


def minutes_to_checkers(meeting: Meeting, checkers: list[MinutesChecker]) -> None:
    for checker in checkers:
        user = checker.user
        with translation.override(user.preferred_language):
            url = absolute_url(reverse("council:minutes_check", args=[meeting.pk]))
        send_mail_in_language(
            [user.email], "council/emails/check", {"meeting": meeting, "url": url}, user.preferred_language
        )
