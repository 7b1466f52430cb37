"""iCalendar for meetings: a feed per body and a file per meeting."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar, Event

from membership.notifications import absolute_url

from .models import Meeting

DEFAULT_LENGTH = datetime.timedelta(hours=2)


def _event(meeting: Meeting, with_link: bool, method: str = "") -> Event:
    event = Event()
    event.add("uid", f"council-meeting-{meeting.pk}@{settings.SITE_URL.split('://')[-1]}")
    # Calendars replace an imported event only when SEQUENCE grows and DTSTAMP is newer.
    event.add("dtstamp", meeting.ics_stamp or meeting.sent_at or meeting.created_at)
    event.add("sequence", meeting.ics_sequence)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH)
    with translation.override(meeting.body.language):
        event.add("summary", str(meeting.body.name))
        url = absolute_url(reverse("council:meeting_detail", args=[meeting.pk]))
    location = meeting.place
    if with_link and meeting.remote_link:
        location = f"{location} / {meeting.remote_link}" if location else meeting.remote_link
    if location:
        event.add("location", location)
    event.add("url", url)
    description = url
    if with_link and meeting.remote_link:
        description = f"{meeting.remote_link}\n{url}"
    event.add("description", description)
    event.add("status", STATUS[meeting.state])
    if method == "CANCEL":
        event.add("organizer", f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    return event


STATUS = {
    Meeting.State.DRAFT: "TENTATIVE",
    Meeting.State.SENT: "CONFIRMED",
    Meeting.State.PUBLISHED: "CONFIRMED",
    Meeting.State.CANCELLED: "CANCELLED",
}


def calendar_bytes(
    meetings: Iterable[Meeting], name: str, with_link: bool = False, method: str = ""
) -> bytes:
    """The remote link goes only to invited people: a public feed leaves it out."""
    calendar = Calendar()
    calendar.add("prodid", "-//VAKE//NGO council portal//FI")
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    for meeting in meetings:
        calendar.add_component(_event(meeting, with_link, method))
    return calendar.to_ical()


def meeting_ics(meeting: Meeting, with_link: bool = True) -> bytes:
    """A meeting's own file: a cancelled meeting's is a METHOD:CANCEL message for its UID."""
    method = "CANCEL" if meeting.state == Meeting.State.CANCELLED else ""
    return calendar_bytes([meeting], str(meeting), with_link and not method, method)
